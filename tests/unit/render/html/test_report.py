"""The meeting view's HTML: the figures the JSON holds, no names, hostile text shown
as text, nothing fetched, a size that travels by email."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

from _answers import MakeRecord
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
    """Every colour the stylesheet gives text (flags, notes, links, buttons, reached
    targets) and the focus ring is at least 4.5:1 against the white page (WCAG 2.2 AA
    for normal text; a focus ring needs 3:1)."""
    css = (ROOT / "src" / "bbtool" / "render" / "html" / "meeting.css").read_text("utf-8")
    names = "ink|muted|blue|low|polarised|reached|focus"
    colours = dict(re.findall(rf"--({names}): (#[0-9A-Fa-f]{{6}})", css))
    assert set(colours) == set(names.split("|"))
    # no other colour given to text or to a focus ring
    assert "#E69F00" not in css
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


def test_each_radar_point_is_focusable_and_names_its_figures(demo_workspace: Workspace) -> None:
    report = demo_workspace.score()
    page = meeting_html(report, demo_workspace.framework, demo_workspace.records)
    points = re.findall(r'<g class="dot" tabindex="0" role="img" aria-label="([^"]+)">', page)
    expected = []
    for e in report.enablers:
        said = f"{e.short_title}: mean {e.mean:.2f}, scores {e.min} to {e.max}"
        flags = [w for w, on in (("low", e.low), ("polarised", e.polarised)) if on]
        expected.append(said + (f" ({', '.join(flags)})" if flags else ""))
    assert [html.unescape(p) for p in points] == expected
    assert "Information sharing: mean 2.00, scores 1 to 3 (low)" in expected
    # the value each shows on hover and focus
    values = re.findall(r'<text class="value"[^>]*>([^<]+)</text>', page)
    assert values == [f"{e.mean:.2f}" for e in report.enablers]
    # the radar is a group, so its points reach assistive technology (an image's would not)
    assert re.search(r'<svg class="radar" viewBox="0 0 \d+ \d+" role="group"', page)


def test_an_enabler_names_the_challenges_of_those_who_scored_it_low(
    framework: Framework, make_record: MakeRecord
) -> None:
    records = [
        # low camp (2 or less): Ann and Bob; Cy scored 4; Di skipped
        make_record(
            "Ann", {"leadership": 1}, challenges=["stretched-capacity", "cultural-barriers"]
        ),
        make_record("Bob", {"leadership": 2}, challenges=["cultural-barriers"]),
        make_record("Cy", {"leadership": 4}, challenges=["technical-blockages"]),
        make_record("Di", {"leadership": "skip"}, challenges=["technical-blockages"]),
    ]
    report = score(framework, records, area="Testham", round="2026")
    page = meeting_html(report, framework, records)
    screen = page.split('data-enabler="leadership"', 2)[2].split("</section>")[0]
    heading = "<h3>Challenges named by the 2 people who scored it 2 or less</h3>"
    assert heading in screen
    listed = re.findall(r"<li>([^<]+)</li>", screen.split(heading)[1].split("</ul>")[0])
    titles = {c.id: c.title for c in framework.challenges}
    # most named first
    assert listed == [
        f"{titles['cultural-barriers']} (2)",
        f"{titles['stretched-capacity']} (1)",
    ]
    for name in ("Ann", "Bob"):
        assert name not in screen
    # nobody scored common agenda low: no such list on its screen
    other = page.split('data-enabler="common-agenda"', 2)[2].split("</section>")[0]
    assert "Challenges named by" not in other


def test_the_comparison_page_says_which_targets_were_reached(
    targets_comparison: Comparison, comparison: Comparison
) -> None:
    page = comparison_html(targets_comparison)
    assert '<li><a href="#targets">Targets</a></li>' in page
    rows = re.findall(r'<tr data-target="([^"]+)">(.*?)</tr>', page, re.S)
    cells = {
        enabler: [
            html.unescape(re.sub(r"<[^>]+>", "", c))
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)
        ]
        for enabler, row in rows
    }
    assert cells == {
        "leadership": ["Senior leadership", "4", "3.80 (mean)", "✗ not reached"],
        "communicating-why": ["Communicating the why", "4", "2.40 (mean)", "✗ not reached"],
        "information-sharing": ["Information sharing", "3", "2.56 (mean)", "✗ not reached"],
        "families-as-partners": ["Families as partners", "3", "3.40 (mean)", "✓ reached"],
        "continuous-improvement": ["Continuous improvement", "3", "2.78 (mean)", "✗ not reached"],
    }
    assert "1 of 5 targets reached." in page
    # a cross on the radar for each target
    assert page.count('<g class="target">') == 5
    plain = comparison_html(comparison)
    assert 'id="targets"' not in plain
    assert '<g class="target">' not in plain
