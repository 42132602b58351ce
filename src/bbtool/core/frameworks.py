"""A framework's own consistency, each fault at its place: ids used twice, enabler
and indicator ids that hold more than the one dot that joins an enabler to its
indicators,
references to enablers that do not exist, a scale out of order and thresholds off it.

Pure: the faults carry the place in the framework's data (``("themes", 0, "enablers",
2, "id")``), which is the place in its YAML files too; the workspace loader turns that
into a file, line and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bbtool.core.models import Framework

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Fault:
    """One thing wrong with a framework: where, what, and where the first of two
    uses of an id stands (``first``), when the fault is an id used twice."""

    loc: Loc
    message: str
    first: Loc | None = None


def _twice(kind: str, items: Iterable[tuple[Loc, str]]) -> list[Fault]:
    """A fault at the second (third, ...) use of each id among ``items``."""
    seen: dict[str, Loc] = {}
    faults = []
    for loc, ident in items:
        if ident in seen:
            faults.append(
                Fault(loc, f"{kind} id {ident!r} is used twice; each needs its own", seen[ident])
            )
        else:
            seen[ident] = loc
    return faults


def _no_dot(kind: str, loc: Loc, ident: str) -> list[Fault]:
    if "." in ident:
        return [
            Fault(
                loc,
                f"{kind} id {ident!r} holds a dot; dots join an enabler's id to its "
                "indicators' numbers, so write it with - or _ instead",
            )
        ]
    return []


def _scale_faults(framework: Framework) -> list[Fault]:
    faults = []
    values = framework.scale.values
    for i, value in enumerate(values[1:], 1):
        if value != values[i - 1] + 1:
            faults.append(
                Fault(
                    ("scale", "points", i, "value"),
                    f"{value} does not follow {values[i - 1]}; the scale's values run up "
                    f"one at a time, lowest first ({values[0]}, {values[0] + 1}, ...)",
                )
            )
            break  # one is enough: the rest follow from it
    return faults


def _theme_faults(framework: Framework) -> list[Fault]:
    themes: list[tuple[Loc, str]] = []
    enablers: list[tuple[Loc, str]] = []
    indicators: list[tuple[Loc, str]] = []
    faults: list[Fault] = []
    for t, theme in enumerate(framework.themes):
        loc: Loc = ("themes", t, "id")
        themes.append((loc, theme.id))
        for e, enabler in enumerate(theme.enablers):
            loc = ("themes", t, "enablers", e, "id")
            enablers.append((loc, enabler.id))
            faults += _no_dot("enabler", loc, enabler.id)
            for i, indicator in enumerate(enabler.indicators):
                loc = ("themes", t, "enablers", e, "indicators", i, "id")
                indicators.append((loc, indicator.id))
                faults += _indicator_faults(loc, enabler.id, indicator.id)
    faults += _twice("theme", themes) + _twice("enabler", enablers)
    faults += _twice("indicator", indicators)
    # a theme and an enabler of one name would be one key in a score file's evidence
    enabler_ids = {ident for _, ident in enablers}
    faults += [
        Fault(loc, f"theme id {ident!r} is also an enabler's id; give the theme its own")
        for loc, ident in themes
        if ident in enabler_ids
    ]
    return faults


def _indicator_faults(loc: Loc, enabler: str, ident: str) -> list[Fault]:
    number = ident.removeprefix(enabler + ".")
    if number == ident or not number:
        return [
            Fault(
                loc,
                f"indicator id {ident!r} must be its enabler's id, a dot and a number or "
                f"word: {enabler}.1, {enabler}.2, ...",
            )
        ]
    if "." in number:
        return [
            Fault(
                loc,
                f"indicator id {ident!r} holds a second dot; write {enabler}. and a number "
                "or word without dots",
            )
        ]
    return []


def _reference_faults(framework: Framework) -> list[Fault]:
    enabler_ids = [e.id for e in framework.enablers]
    faults = _twice(
        "challenge", ((("challenges", c, "id"), ch.id) for c, ch in enumerate(framework.challenges))
    )
    faults += _twice(
        "case study",
        ((("case_studies", c, "id"), cs.id) for c, cs in enumerate(framework.case_studies)),
    )
    for c, cs in enumerate(framework.case_studies):
        for r, ref in enumerate(cs.enablers):
            if ref not in enabler_ids:
                faults.append(
                    Fault(
                        ("case_studies", c, "enablers", r),
                        f"case study {cs.id!r} names {ref!r}, which is not an enabler; "
                        f"the enablers are: {', '.join(enabler_ids)}"
                        if len(enabler_ids) <= 14
                        else f"case study {cs.id!r} names {ref!r}, which is not an enabler "
                        "of enablers.yaml",
                    )
                )
    return faults


def _threshold_faults(framework: Framework) -> list[Fault]:
    scale = framework.scale
    if not scale.consecutive:
        return []
    return [
        Fault(("thresholds", name), f"thresholds.{name}: {message}")
        for name, message in framework.thresholds.off_scale(scale.min, scale.max)
    ]


def framework_faults(framework: Framework) -> list[Fault]:
    """Everything inconsistent in ``framework``, in the order of its files."""
    return (
        _scale_faults(framework)
        + _threshold_faults(framework)
        + _theme_faults(framework)
        + _reference_faults(framework)
    )
