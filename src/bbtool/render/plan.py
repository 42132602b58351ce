"""The action plan and its review as words: the phrases every writer shares, and the
plan's Markdown section and terminal tables (kept here, apart from the report's own).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from bbtool.core.actions import CLOSED, ActionEnabler, ActionResult, Plan
from bbtool.core.results import Report
from bbtool.core.review import ActionReview, EnablerMove, PlanReview
from bbtool.render.text import figure, md_cell, md_table, signed

NOT_CAUSE = (
    "How an action's enablers moved is told beside it as a description: the figures "
    "alone do not show that the action caused the change."
)


# ------------------------------------------------------------------ words


def status_text(action: ActionResult) -> str:
    """ "agreed, overdue"; "done 2026-10-01"."""
    text: str = action.status
    if action.completed is not None and action.status == "done":
        text += f" {action.completed.isoformat()}"
    return text + (", overdue" if action.overdue else "")


def due_text(action: ActionResult | ActionReview) -> str:
    """ "2026-12-31"; in a review, "2026-12-31, moved to 2027-06-30" """
    text = action.due.isoformat() if action.due else "–"
    if isinstance(action, ActionReview) and action.due_now is not None:
        text += f", moved to {action.due_now.isoformat()}"
    return text


def enabler_now(e: ActionEnabler) -> str:
    """ "Information sharing 2.00 low; agreed 2, target 3" """
    text = f"{e.short_title} {figure(e.mean)}"
    if e.flags:
        text += " " + " ".join(e.flags)
    extra = [f"{w} {v}" for w, v in (("agreed", e.agreed), ("target", e.target)) if v is not None]
    return text + (f"; {', '.join(extra)}" if extra else "")


def also_named(a: ActionResult, report: Report) -> str:
    """The indicators and challenges an action names, with this round's figures:
    "indicators: information-sharing.3 2.38 low; challenges: Technical blockages
    (named by 6)"; nothing when it names none."""
    indicators = {i.id: i for i in report.indicators}
    challenges = {c.id: c for c in report.challenges}
    parts = []
    if a.indicators:
        shown = []
        for ident in a.indicators:
            i = indicators.get(ident)
            flags = " ".join(
                w for w, on in (("low", i and i.low), ("polarised", i and i.polarised)) if on
            )
            shown.append(" ".join(x for x in (ident, figure(i.mean if i else None), flags) if x))
        parts.append("indicators: " + ", ".join(shown))
    if a.challenges:
        named = [
            f"{c.title} (named by {c.count})" if (c := challenges.get(ident)) else ident
            for ident in a.challenges
        ]
        parts.append("challenges: " + ", ".join(named))
    return "; ".join(parts)


def plan_summary(plan: Plan) -> str:
    """ "3 actions, 2 open, 1 overdue as of 2026-03-12 (the meeting date)." """
    overdue = sum(a.overdue for a in plan.actions)
    count = len(plan.actions)
    return (
        f"{count} action{'s' * (count != 1)}, {len(plan.open)} open, {overdue} overdue "
        f"{plan.as_of_text}."
    )


def unplanned_text(plan: Plan, titles: dict[str, str]) -> str:
    names = ", ".join(titles.get(e, e) for e in plan.unplanned)
    return f"Flagged low or polarised, with no open action: {names}." if names else ""


def move_text(m: EnablerMove) -> str:
    """ "Information sharing 2.00 → 2.56 (+0.56; same 9 people +0.33); target 3 not
    reached (agreed score)" """
    text = f"{m.short_title} {figure(m.old_mean)} → {figure(m.new_mean)} ({signed(m.change)}"
    if m.same_people_n:
        text += f"; same {m.same_people_n} people {signed(m.same_people_change)}"
    text += ")"
    if m.target is not None:
        if m.reached is None:
            text += f"; target {m.target}: nothing to judge it by"
        else:
            word = "reached" if m.reached else "not reached"
            text += f"; target {m.target} {word} ({m.judged_on})"
    return text


def words_text(a: ActionResult | ActionReview) -> str:
    """ "success: ...; notes: ..." (nothing when it has neither)."""
    return "; ".join(f"{w}: {t}" for w, t in (("success", a.success), ("notes", a.notes)) if t)


def status_change(a: ActionReview) -> str:
    """ "agreed → done"; "agreed → not listed"; "done last round" (left behind)."""
    if a.status is None and a.old_status in CLOSED:
        return f"{a.old_status} last round"
    return f"{a.old_status} → {a.status or 'not listed'}"


def review_lists(review: PlanReview) -> list[tuple[str, list[str]]]:
    """The plan's changes by kind, each with the action ids."""
    return [
        ("Carried over (open in both rounds)", review.carried_over),
        ("Done", review.done),
        ("Dropped", review.dropped),
        ("New this round", review.new),
        ("Done or dropped last round (not carried over)", review.closed_before),
        ("Open last round, not in the new plan", review.missing),
    ]


# ------------------------------------------------------------------ Markdown


def plan_markdown(plan: Plan | None, report: Report) -> str:
    """The report's "Action plan" section (nothing without a plan); an action's
    enablers one to a line in their cell."""
    if plan is None:
        return ""
    titles = {e.id: e.short_title for e in report.enablers}
    out = ["", "## Action plan", "", md_cell(plan_summary(plan)), ""]
    if plan.actions:
        out += md_table(
            ["Action", "Enablers now", "Owner", "Due", "Status"],
            [
                [
                    md_cell(f"{a.title} ({a.id})"),
                    "<br>".join(
                        md_cell(line)
                        for line in [*(enabler_now(e) for e in a.enablers), also_named(a, report)]
                        if line
                    ),
                    md_cell(a.owner or "–"),
                    due_text(a),
                    md_cell(status_text(a)),
                ]
                for a in plan.actions
            ],
            figures=0,
        )
    unplanned = unplanned_text(plan, titles)
    if unplanned:
        out += ["", md_cell(unplanned)]
    return "\n".join(out + _words_markdown(plan.actions)) + "\n"


def _words_markdown(actions: Sequence[ActionResult | ActionReview]) -> list[str]:
    """Each action's success and notes, a line each below the table."""
    words = [f"- **{md_cell(a.id)}**: {md_cell(words_text(a))}" for a in actions if words_text(a)]
    return ["", *words] if words else []


def review_markdown(review: PlanReview | None) -> str:
    """The comparison's "The action plan reviewed" section (nothing without one)."""
    if review is None:
        return ""
    out = [
        "",
        "## The action plan reviewed",
        "",
        md_cell(
            f"Last round's actions as they stand this round, as of {review.as_of.isoformat()} "
            f"(the {review.as_of_from}). {NOT_CAUSE}"
        ),
        "",
    ]
    out += md_table(
        ["Action", "Owner", "Due", "Status then → now", "On time?", "Its enablers"],
        [
            [
                md_cell(f"{a.title} ({a.id})"),
                md_cell(a.owner or "–"),
                md_cell(due_text(a)),
                status_change(a),
                a.timing,
                "<br>".join(md_cell(move_text(m)) for m in a.enablers),
            ]
            for a in review.actions
        ],
        figures=0,
    )
    out += _words_markdown(review.actions)
    out.append("")
    out += [f"- {label}: {', '.join(ids) or '–'}" for label, ids in review_lists(review)]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ terminal
# An action to a paragraph: its title and where it stands on one line, its enablers
# indented below; at 80 columns a table's narrow cells would break every phrase.


def _with_lines(head: Text, lines: list[str]) -> RenderableType:
    """An action's line, and its figures below it indented (also where they wrap)."""
    if not lines:
        return head
    indented = [Padding(Text(line, style="dim"), (0, 0, 0, 2), expand=False) for line in lines]
    return Group(head, *indented)


def plan_view(plan: Plan, report: Report) -> RenderableType:
    """The plan for the terminal: each action, then its enablers' figures now."""
    titles = {e.id: e.short_title for e in report.enablers}
    parts: list[RenderableType] = [Rule("Action plan", align="left"), Text(plan_summary(plan))]
    for a in plan.actions:
        line = Text.assemble(
            (a.title, "bold"), f" ({a.id}) · {a.owner or 'no owner'} · due {due_text(a)} · "
        )
        line.append(status_text(a), style="bold red" if a.overdue else "")
        below = [*(enabler_now(e) for e in a.enablers), also_named(a, report)]
        parts.append(_with_lines(line, [text for text in below if text]))
    unplanned = unplanned_text(plan, titles)
    if unplanned:
        parts.append(Text(unplanned, style="yellow"))
    return Group(*parts)


def review_view(review: PlanReview) -> RenderableType:
    """The review for the terminal: each old action, then the plan's changes."""
    parts: list[RenderableType] = [
        Rule("The action plan reviewed", align="left"),
        Text(f"As of {review.as_of.isoformat()} (the {review.as_of_from})."),
    ]
    for a in review.actions:
        status = status_change(a)
        timing = "" if a.timing == status else f" · {a.timing}"
        line = Text.assemble((a.title, "bold"), f" ({a.id}) · {status}{timing}")
        if a.due is not None:
            line.append(f" · due {due_text(a)}")
        words = [words_text(a)] if words_text(a) else []
        parts.append(_with_lines(line, [*(move_text(m) for m in a.enablers), *words]))
    lines = [f"{label}: {', '.join(ids)}" for label, ids in review_lists(review) if ids]
    parts.append(Text("\n".join([*lines, NOT_CAUSE]), style="dim"))
    return Group(*parts)
