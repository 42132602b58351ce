"""Two rounds compared, as the meeting view: a cover, the overview (both rounds on one
radar, every change in a table), what moved most, and who took part (counts only).
Made like the report's page (render/html/report.py): autoescaped, nothing fetched."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from bbtool.core.comparison import Comparison
from bbtool.render.html.report import environment, page_assets
from bbtool.render.html.svg import Spoke, radar
from bbtool.render.text import direction


def comparison_html(comparison: Comparison) -> str:
    """The whole page for ``compare --html``."""
    c = comparison
    spokes = [
        Spoke(e.short_title, e.new_mean, None, None, bool(e.new_low), bool(e.new_polarised))
        for e in c.enablers
    ]
    before = [e.old_mean for e in c.enablers]
    title = f"{c.title}: enabler means, {c.old.label} (dashed) and {c.new.label}"
    context: dict[str, Any] = {
        **page_assets(),
        "c": c,
        "radar": Markup(radar(spokes, c.scale_min, c.scale_max, title, before)),
        "way": {e.id: direction(e.change) for e in c.enablers},
        "theme_way": {t.id: direction(t.change) for t in c.themes},
        "moved": [c.enabler(i) for i in c.moved_most],
    }
    return environment().get_template("comparison.html.j2").render(context)
