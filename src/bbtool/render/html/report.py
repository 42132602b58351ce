"""The report as the meeting view: screens in the order of the meeting (cover,
overview, discuss first, one per enabler, challenges, case studies, groups), one HTML
file with its style, script and charts inside, fetching nothing.

Made from a Jinja2 template with autoescaping on, so no participant's or framework's
text can become markup or script. No participant's name appears: distributions are
counts, evidence is shown without its author. The script and style are allowed by
their hashes in the page's Content-Security-Policy, which forbids everything else.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from bbtool.core.actions import ActionResult, Plan
from bbtool.core.models import SKIP, Framework, ParticipantRecord, person_key
from bbtool.core.results import SMALL_GROUP, EnablerResult, Grouping, ItemResult, Report
from bbtool.render.html.svg import Spoke, distribution, radar
from bbtool.render.plan import also_named, plan_summary
from bbtool.render.text import figure, signed

_HERE = "bbtool.render.html"


def _asset(name: str) -> str:
    return resources.files(_HERE).joinpath(name).read_text(encoding="utf-8")


def environment() -> Environment:
    """Jinja2 reading the templates beside this module, autoescaping everything."""
    env = Environment(
        loader=FunctionLoader(lambda name: _asset(name)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["figure"] = figure
    env.filters["signed"] = signed
    return env


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def page_assets() -> dict[str, Any]:
    """The style and script every page carries, and the policy that lets only them run."""
    style, script = _asset("meeting.css"), _asset("meeting.js")
    return {
        "style": Markup(style),
        "script": Markup(script),
        "csp": f"default-src 'none'; style-src {_csp_hash(style)}; "
        f"script-src {_csp_hash(script)}; img-src data:; base-uri 'none'; form-action 'none'",
    }


@dataclass(frozen=True)
class ItemView:
    """One enabler or indicator as the page shows it."""

    result: ItemResult
    flags: list[str]
    chart: Markup  # its distribution


def _flags(item: ItemResult) -> list[str]:
    return [w for w, on in (("low", item.low), ("polarised", item.polarised)) if on]


def _distribution(item: ItemResult, scale: Sequence[int]) -> list[tuple[str, int]]:
    counts = [(str(v), item.distribution.get(str(v), 0)) for v in scale]
    return [*counts, ("skip", item.skipped), ("blank", item.unanswered)]


def _item(item: ItemResult, scale: Sequence[int]) -> ItemView:
    label = f"{item.title}: how many gave each score"
    return ItemView(item, _flags(item), Markup(distribution(_distribution(item, scale), label)))


def _evidence(records: Sequence[ParticipantRecord], enabler: str) -> list[str]:
    """What participants wrote for an enabler, without who wrote it, in file order."""
    said = (r.answers.evidence.get(enabler) for r in records)
    return [text.strip() for text in said if text and text.strip()]


def _low_challenges(
    records: Sequence[ParticipantRecord], framework: Framework, enabler: str, low_camp: int
) -> tuple[str, list[tuple[str, int]]]:
    """Who scored an enabler in the low camp (how many: "3 people"), and the challenges
    they named, most named first (framework order among ties); counts, never names."""
    low = [
        r
        for r in records
        if isinstance(score := r.answers.scores.get(enabler), int) and score <= low_camp
    ]
    named = [c for c in framework.challenges if any(c.id in r.answers.challenges for r in low)]
    tally = [(c.title, sum(c.id in r.answers.challenges for r in low)) for c in named]
    people = "1 person" if len(low) == 1 else f"{len(low)} people"
    return people, sorted(tally, key=lambda t: -t[1])


def _discussion_order(enablers: Sequence[EnablerResult]) -> list[EnablerResult]:
    """Flagged first, then the lowest consensus (the least agreed), then the rest."""
    return sorted(
        enablers,
        key=lambda e: (not e.flagged, e.consensus if e.consensus is not None else 2.0),
    )


def meeting_html(
    report: Report,
    framework: Framework,
    records: Sequence[ParticipantRecord],
    grouping: Grouping | None = None,
    *,
    text: bool = True,
    plan: Plan | None = None,
) -> str:
    """The whole page; ``text=False`` leaves out evidence and reflections; with
    ``plan``, an open actions screen after the cover and each enabler's actions."""
    scale = framework.scale.values
    items = {e.id: _item(e, scale) for e in report.enablers}
    indicators: dict[str, list[ItemView]] = {}
    for i in report.indicators:
        if i.n or i.skipped:
            indicators.setdefault(i.enabler, []).append(_item(i, scale))
    titles = {e.id: e.short_title for e in report.enablers}
    spokes = [
        Spoke(e.short_title, e.mean, e.min, e.max, bool(e.low), bool(e.polarised))
        for e in report.enablers
    ]
    place = f"{report.area} · {report.round}"
    context: dict[str, Any] = {
        **page_assets(),
        "report": report,
        "framework": framework,
        "place": place,
        "radar": Markup(radar(spokes, min(scale), max(scale), f"{place}: enabler means")),
        "items": items,
        "indicators": indicators,
        "discuss": _discussion_order(report.enablers),
        "titles": titles,
        "evidence": {e.id: _evidence(records, e.id) for e in report.enablers} if text else {},
        "low_challenges": {
            e.id: _low_challenges(records, framework, e.id, report.thresholds.low_camp)
            for e in report.enablers
        },
        "text": text,
        "themes": {t.id: t.title for t in report.themes},
        "summaries": {c.id: c.summary for c in framework.challenges},
        "studies_for": {
            e.id: [cs for cs in report.case_studies if e.id in cs.enablers] for e in report.enablers
        },
        "grouping": grouping,
        "small_group": SMALL_GROUP,
        "skip": SKIP,
        "counts": _counts(report),
        **_plan_context(plan, report),
    }
    return environment().get_template("meeting.html.j2").render(context)


def _counts(report: Report) -> dict[str, dict[str, int]]:
    """How many took part by sector and by level (counts only, never names)."""
    out: dict[str, dict[str, int]] = {"sector": {}, "level": {}}
    named: dict[tuple[str, str], str] = {}  # as first written (capitals and spaces aside)
    for p in report.participants:
        for key, value in (("sector", p.sector), ("level", p.level)):
            same = person_key(value) if value else ""
            shown = named.setdefault((key, same), value or "not given")
            out[key][shown] = out[key].get(shown, 0) + 1
    return {k: dict(sorted(v.items())) for k, v in out.items()}


def _plan_context(plan: Plan | None, report: Report) -> dict[str, Any]:
    """What the template's action plan parts read (actions.html.j2)."""
    actions_for: dict[str, list[ActionResult]] = {}
    for a in plan.actions if plan is not None else []:
        for e in a.enablers:
            actions_for.setdefault(e.id, []).append(a)
    summary = plan_summary(plan) if plan is not None else ""
    named = {a.id: also_named(a, report) for a in plan.actions} if plan is not None else {}
    return {
        "plan": plan,
        "actions_for": actions_for,
        "plan_summary": summary,
        "also_named": named,
    }
