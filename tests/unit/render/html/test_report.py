"""The meeting view's HTML: the figures the JSON holds, no names, hostile text shown
as text, nothing fetched, a size that travels by email."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

from _demo import NAMES, ROOT
from bbtool.core.comparison import Comparison
from bbtool.core.models import Framework, ParticipantRecord
from bbtool.core.results import Grouping, Report
from bbtool.core.scoring import score
from bbtool.render.html.comparison import comparison_html
from bbtool.render.html.report import meeting_html
from bbtool.render.json import comparison_json, to_json
from bbtool.render.text import signed
from bbtool.workspace.loader import Workspace


class _Text(HTMLParser):
    """Every text node and attribute value of a page, and the tags it opens."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [v for _, v in attrs if v]

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def _parsed(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    return parser


def test_each_enabler_shows_the_json_reports_figures(demo_workspace: Workspace) -> None:
    report = demo_workspace.score()
    page = meeting_html(report, demo_workspace.framework, demo_workspace.records)
    data = json.loads(to_json(report))
    for enabler in data["enablers"]:
        row = re.search(rf'<tr data-enabler="{enabler["id"]}">(.*?)</tr>', page, re.S)
        assert row, enabler["id"]
        cells = re.findall(r'<td class="num(?: mean)?">([^<]*)</td>', row.group(1))
        mean = "–" if enabler["mean"] is None else f"{enabler['mean']:.2f}"
        assert cells[0] == mean
        assert cells[2] == str(enabler["n"])
    # the flags, in words and shapes, never colour alone
    assert page.count('<span class="flag low">■ low</span>') >= 2  # overview and its screen
    assert page.count('<span class="flag polarised">◆ polarised</span>') >= 2


def test_no_participant_name_appears_anywhere(demo_workspace: Workspace) -> None:
    report = demo_workspace.score()
    page = meeting_html(report, demo_workspace.framework, demo_workspace.records)
    for name in NAMES:
        assert name not in page
        for part in name.split():
            assert part not in page, part


def test_hostile_text_is_shown_as_text(framework: Framework) -> None:
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>{{ 7*7 }}\u202eevil'
    records = [
        ParticipantRecord.model_validate(
            {
                "file": "a.yaml",
                "answers": {
                    "participant": {"name": hostile, "sector": hostile},
                    "scores": {"leadership": 2},
                    "evidence": {"leadership": hostile},
                },
            }
        )
    ]
    report = score(framework, records, area=hostile, round=hostile)
    page = meeting_html(report, framework, records)
    parsed = _parsed(page)
    assert parsed.tags.count("script") == 1  # bbtool's own, at the end
    assert "img" not in parsed.tags
    text = "".join(parsed.texts)
    assert hostile in text  # shown as written: not run, not rendered
    assert "49" not in text  # the template did not evaluate it
    assert "&lt;script&gt;" in page


def test_nothing_is_fetched_and_only_its_own_script_and_style_may_run(
    demo_workspace: Workspace,
) -> None:
    page = meeting_html(demo_workspace.score(), demo_workspace.framework, demo_workspace.records)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy
    content = html.unescape(policy.group(1))  # as the browser reads the attribute
    rules = dict(rule.strip().split(" ", 1) for rule in content.split(";"))
    assert rules["default-src"] == "'none'"
    assert rules["script-src"].startswith("'sha256-")
    assert rules["style-src"].startswith("'sha256-")
    # every address in the page is the SVG namespace, which is a name, not a fetch
    addresses = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert addresses == {"http://www.w3.org/2000/svg"}


def test_size_and_bytes(
    demo_workspace: Workspace, demo_groups: dict[str, dict[str, Report]]
) -> None:
    report = demo_workspace.score()
    grouping = Grouping("sector", demo_groups["sector"])
    page = meeting_html(report, demo_workspace.framework, demo_workspace.records, grouping)
    assert len(page.encode()) < 1_500_000
    again = meeting_html(report, demo_workspace.framework, demo_workspace.records, grouping)
    assert again == page  # reproducible, like the other outputs
    assert '<section class="screen" id="groups"' in page


def test_without_text_no_evidence_is_shown(demo_workspace: Workspace) -> None:
    report = demo_workspace.score()
    said = next(
        text for r in demo_workspace.records for text in r.answers.evidence.values() if text
    )
    page = meeting_html(report, demo_workspace.framework, demo_workspace.records)
    assert said.strip()[:40] in page.replace("&#39;", "'").replace("&amp;", "&")
    quiet = meeting_html(report, demo_workspace.framework, demo_workspace.records, text=False)
    assert said.strip()[:40] not in quiet.replace("&#39;", "'").replace("&amp;", "&")


def test_the_comparison_page_shows_the_comparisons_figures_and_no_names(
    comparison: Comparison,
) -> None:
    page = comparison_html(comparison)
    data = json.loads(comparison_json(comparison))
    for enabler in data["enablers"]:
        row = re.search(rf'<tr data-enabler="{enabler["id"]}">(.*?)</tr>', page, re.S)
        assert row, enabler["id"]
        cells = re.findall(r'<td class="num(?: change)?">([^<]*)</td>', row.group(1))
        change = enabler["change"]
        assert cells[2].endswith(signed(change))
        arrow = (
            "▲ "
            if change and round(change, 2) > 0
            else "▼ "
            if change and round(change, 2) < 0
            else ""
        )
        assert cells[2] == arrow + signed(change)
    for name in [*comparison.in_both, *comparison.only_old, *comparison.only_new]:
        assert name not in page
    assert f"<strong>{len(comparison.in_both)}</strong> in both" in page


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_text_colours_meet_wcag_aa_contrast_on_white() -> None:
    """Every colour the stylesheet gives text (flags, notes, links, buttons) is at least
    4.5:1 against the white page (WCAG 2.2 AA for normal text)."""
    css = (ROOT / "src" / "bbtool" / "render" / "html" / "meeting.css").read_text("utf-8")
    colours = dict(re.findall(r"--(ink|muted|blue|low|polarised): (#[0-9A-Fa-f]{6})", css))
    assert set(colours) == {"ink", "muted", "blue", "low", "polarised"}
    for name, colour in colours.items():
        ratio = (1.05) / (_luminance(colour) + 0.05)
        assert ratio >= 4.5, f"--{name} {colour}: {ratio:.2f}:1"


def test_a_hostile_framework_title_is_shown_as_text(demo_workspace: Workspace) -> None:
    hostile = "</title><script>alert(1)</script>\u202e"
    framework = demo_workspace.framework.model_copy(update={"name": hostile, "short_name": ""})
    page = meeting_html(demo_workspace.score(), framework, demo_workspace.records)
    parsed = _parsed(page)
    assert parsed.tags.count("script") == 1
    assert hostile in "".join(parsed.texts)
