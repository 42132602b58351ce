"""Two rounds compared, as the meeting view: a cover, the overview (both rounds on one
radar, every change in a table), what moved most, and who took part (counts only).
Made like the report's page (render/html/report.py): autoescaped, nothing fetched."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from bbtool.core.comparison import Comparison, EnablerChange
from bbtool.core.review import PlanReview
from bbtool.render.html.report import environment, page_assets
from bbtool.render.html.svg import Spoke, radar
from bbtool.render.plan import (
    NOT_CAUSE,
    move_text,
    review_lists,
    status_change,
    words_text,
)
from bbtool.render.text import (
    direction,
    figure,
    none_moved,
    signed,
    target_measure,
    target_word,
    targets_reached,
    targets_rule,
    with_targets,
)


def _said(c: Comparison, e: EnablerChange) -> str:
    """A point's figures in words: both rounds' means, the change, the target."""
    flags = f" ({', '.join(e.new_flags)})" if e.new_flags else ""
    said = (
        f"{e.short_title}: {c.new.label} {figure(e.new_mean)}{flags}, "
        f"{c.old.label} {figure(e.old_mean)}, change {signed(e.change)}"
    )
    if e.target is not None:
        said += f"; target {e.target}: {target_word(e)}"
    return said


def comparison_html(comparison: Comparison, review: PlanReview | None = None) -> str:
    """The whole page for ``compare --html``; with ``review``, the old round's action
    plan reviewed, on a screen before who took part."""
    c = comparison
    spokes = [
        Spoke(
            e.short_title,
            e.new_mean,
            None,
            None,
            bool(e.new_low),
            bool(e.new_polarised),
            target=e.target,
            said=_said(c, e),
        )
        for e in c.enablers
    ]
    before = [e.old_mean for e in c.enablers]
    title = f"{c.title}: enabler means, {c.old.label} (dashed) and {c.new.label}"
    drawn = radar(spokes, c.scale_min, c.scale_max, title, before, f"target set in {c.old.label}")
    context: dict[str, Any] = {
        **page_assets(),
        "c": c,
        "radar": Markup(drawn),
        "targets": with_targets(c),
        "targets_reached": targets_reached(c),
        "targets_rule": targets_rule(c),
        "measure": {e.id: target_measure(e) for e in c.enablers},
        "reached": {e.id: target_word(e) for e in c.enablers},
        "way": {e.id: direction(e.change) for e in c.enablers},
        "theme_way": {t.id: direction(t.change) for t in c.themes},
        "moved": [c.enabler(i) for i in c.moved_most],
        "none_moved": none_moved(c),
        **_review_context(review),
    }
    return environment().get_template("comparison.html.j2").render(context)


def _review_context(review: PlanReview | None) -> dict[str, Any]:
    """What the review screen reads (actions.html.j2)."""
    if review is None:
        return {"review": None}
    return {
        "review": review,
        "moves": {a.id: [move_text(m) for m in a.enablers] for a in review.actions},
        "statuses": {a.id: status_change(a) for a in review.actions},
        "words": {a.id: words_text(a) for a in review.actions},
        "changes": review_lists(review),
        "not_cause": NOT_CAUSE,
    }
