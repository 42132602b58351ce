"""Two rounds side by side: how each enabler's figures changed from one round to the next.

Pure: two :class:`~bbtool.core.results.Report` in (last round's and this round's, scored
as ``report`` scores them), one :class:`Comparison` out. Every change is new minus
old at full precision; writers round only for display.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from bbtool.core.models import person_key
from bbtool.core.names import alike_across_rounds
from bbtool.core.results import EnablerResult, Report

MOVED_MOST = 5  # how many enablers "moved most" names (more when tied at the cut)
# the smallest change that counts as a move: a twentieth of the scale's width (0.20
# on 1-5, 0.45 on 1-10), so that +0.12 (one person in ten moving a point) is no news
MOVED_SHARE = 0.05
_TIE_PLACES = 9  # changes equal to this many places are a tie (floating-point noise)

FLAGS = ("low", "polarised")


class NotComparable(ValueError):
    """The two rounds cannot be compared: another framework, or another scale."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class RoundInfo(_Frozen):
    """One of the two rounds: its area, name, head count and the label charts use."""

    area: str
    round: str
    participants: int
    label: str  # "2025 spring"; with the area when the areas differ


class EnablerChange(_Frozen):
    id: str
    title: str
    short_title: str
    theme: str
    old_mean: float | None
    new_mean: float | None
    change: float | None  # new mean minus old mean; None unless both rounds have one
    old_n: int
    new_n: int
    old_consensus: float | None
    new_consensus: float | None
    consensus_change: float | None
    old_low: bool | None
    new_low: bool | None
    old_polarised: bool | None
    new_polarised: bool | None
    # "newly low", "no longer polarised", ...: only where both rounds have the flag
    flag_changes: list[str]
    # the mean of new minus old over the people who scored this enabler in both rounds
    same_people_change: float | None
    same_people_n: int
    # the old round's target (agreed.yaml) and whether the new round reached it, judged
    # on the new round's agreed score where it has one, else on its mean (target_by says
    # which, target_value what it was); None where there is no target or nothing to judge
    target: int | None = None
    target_by: Literal["agreed", "mean"] | None = None
    target_value: int | float | None = None
    target_reached: bool | None = None

    @property
    def old_flags(self) -> list[str]:
        return [f for f, on in zip(FLAGS, (self.old_low, self.old_polarised), strict=True) if on]

    @property
    def new_flags(self) -> list[str]:
        return [f for f, on in zip(FLAGS, (self.new_low, self.new_polarised), strict=True) if on]


class ThemeChange(_Frozen):
    id: str
    title: str
    old_mean: float | None
    new_mean: float | None
    change: float | None


class Comparison(_Frozen):
    """Last round (``old``) against this round (``new``), enabler by enabler."""

    framework: str
    scale_min: int
    scale_max: int
    old: RoundInfo
    new: RoundInfo
    themes: list[ThemeChange]
    enablers: list[EnablerChange]
    # participants by name (matched by models.person_key: case, look-alikes): in both
    # rounds, as named in the new one, in its order; then those in only one round, in
    # that round's order
    in_both: list[str]
    only_old: list[str]
    only_new: list[str]
    # (old round's name, new round's name): confirmed as one person (the new round's
    # names.yaml), counted in in_both under the new name; and names in only one round
    # each that may be one person (core/names.py: accents, spaces, punctuation aside)
    same_person: list[tuple[str, str]] = []
    maybe_same: list[tuple[str, str]] = []
    # ids of the enablers whose mean changed most, largest change first (ties in
    # framework order): the top MOVED_MOST, and any tied with the last of them
    moved_most: list[str]
    notes: list[str]

    @property
    def moved_at(self) -> float:
        """The smallest change "moved most" names: MOVED_SHARE of the scale's width."""
        return moved_at(self.scale_min, self.scale_max)

    @property
    def targets_given(self) -> bool:
        """Whether the old round set any enabler a target (in its agreed.yaml)."""
        return any(e.target is not None for e in self.enablers)

    @property
    def same_area(self) -> bool:
        return person_key(self.old.area) == person_key(self.new.area)

    @property
    def title(self) -> str:
        """ "Northbridge · 2025 spring → 2026 spring"; both areas named when they differ."""
        if self.same_area:
            return f"{self.new.area} · {self.old.round} → {self.new.round}"
        return f"{self.old.area} {self.old.round} → {self.new.area} {self.new.round}"

    @property
    def name(self) -> str:
        """For file names: "Northbridge-2025 spring-to-2026 spring" (both areas when they
        differ)."""
        if self.same_area:
            return f"{self.new.area}-{self.old.round}-to-{self.new.round}"
        return f"{self.old.area}-{self.old.round}-to-{self.new.area}-{self.new.round}"

    def enabler(self, enabler_id: str) -> EnablerChange:
        for e in self.enablers:
            if e.id == enabler_id:
                return e
        raise KeyError(enabler_id)


def _minus(new: float | None, old: float | None) -> float | None:
    return None if new is None or old is None else new - old


def _flag_changes(old: EnablerResult, new: EnablerResult) -> list[str]:
    out = []
    for flag in FLAGS:
        before, after = getattr(old, flag), getattr(new, flag)
        if before is False and after is True:
            out.append(f"newly {flag}")
        elif before is True and after is False:
            out.append(f"no longer {flag}")
    return out


def _same_people(
    old: EnablerResult, new: EnablerResult, pairs: list[tuple[str, str]]
) -> tuple[float | None, int]:
    """Mean change over the people who gave this enabler a number in both rounds."""
    changes = []
    for old_name, new_name in pairs:
        before, after = old.scores.get(old_name), new.scores.get(new_name)
        if isinstance(before, int) and isinstance(after, int):
            changes.append(after - before)
    return (sum(changes) / len(changes) if changes else None), len(changes)


def target_check(old: EnablerResult, new: EnablerResult) -> dict[str, Any]:
    """The old round's target for an enabler, and whether the new round reached it: on
    the new round's agreed score when it is a number, else on its mean (at full
    precision, as the flags are). Empty when the old round set no target ("skip" is
    none)."""
    if not isinstance(old.target, int):
        return {}
    value: int | float | None
    if isinstance(new.agreed, int):
        by, value = "agreed", new.agreed
    elif new.mean is not None:
        by, value = "mean", new.mean
    else:
        return {"target": old.target}
    reached = round(value, _TIE_PLACES) >= old.target
    return {"target": old.target, "target_by": by, "target_value": value, "target_reached": reached}


def _labels(old: Report, new: Report) -> tuple[str, str]:
    """How charts and tables name each round: its round; with its area when the areas
    differ; marked (old)/(new) when the two would read the same."""
    same_area = person_key(old.area) == person_key(new.area)
    labels = [r.round if same_area else f"{r.area} {r.round}" for r in (old, new)]
    if labels[0].casefold() == labels[1].casefold():
        labels = [f"{labels[0]} (old)", f"{labels[1]} (new)"]
    return labels[0], labels[1]


def moved_at(scale_min: int, scale_max: int) -> float:
    """The smallest change that counts as a move on this scale (see MOVED_SHARE)."""
    return MOVED_SHARE * (scale_max - scale_min)


def moved_most(
    enablers: list[EnablerChange], limit: int = MOVED_MOST, least: float = 0.0
) -> list[str]:
    """Ids of the enablers whose mean changed most, by size of change (up or down),
    ties in framework order; the top ``limit``, and any tied with the last of them.
    Enablers whose mean did not change by ``least`` or more (or cannot be compared)
    are left out."""
    sizes = [
        (round(abs(e.change), _TIE_PLACES), k, e.id)
        for k, e in enumerate(enablers)
        if e.change is not None
        and round(e.change, _TIE_PLACES) != 0
        and round(abs(e.change), _TIE_PLACES) >= round(least, _TIE_PLACES)
    ]
    ranked = sorted(sizes, key=lambda s: (-s[0], s[1]))
    if len(ranked) <= limit:
        return [s[2] for s in ranked]
    cut = ranked[limit - 1][0]
    return [s[2] for s in ranked if s[0] >= cut]


def _check_comparable(old: Report, new: Report) -> None:
    old_ids = [e.id for e in old.enablers]
    new_ids = [e.id for e in new.enablers]
    if old_ids != new_ids:
        only_old = [i for i in old_ids if i not in new_ids]
        only_new = [i for i in new_ids if i not in old_ids]
        parts = []
        if only_old:
            parts.append(f"only the old round has {', '.join(only_old)}")
        if only_new:
            parts.append(f"only the new round has {', '.join(only_new)}")
        if not parts:
            parts.append("their enablers come in another order")
        raise NotComparable(f"the rounds use different frameworks ({'; '.join(parts)})")
    if (old.scale_min, old.scale_max) != (new.scale_min, new.scale_max):
        raise NotComparable(
            f"the rounds use different scales ({old.scale_min}-{old.scale_max} and "
            f"{new.scale_min}-{new.scale_max})"
        )


def compare(old: Report, new: Report, same_person: Sequence[tuple[str, str]] = ()) -> Comparison:
    """How every enabler and theme changed from ``old`` to ``new``, and who took part
    in both. ``same_person`` lists the people confirmed alike (old name, new name),
    whose old records already carry their new name. Raises :class:`NotComparable`
    when the rounds have different enablers or scales."""
    _check_comparable(old, new)
    old_names = {person_key(p.name): p.name for p in old.participants}
    new_names = {person_key(p.name) for p in new.participants}
    pairs = [
        (old_names[person_key(p.name)], p.name)
        for p in new.participants
        if person_key(p.name) in old_names
    ]
    enablers = []
    for o, n in zip(old.enablers, new.enablers, strict=True):
        same, same_n = _same_people(o, n, pairs)
        enablers.append(
            EnablerChange(
                id=n.id,
                title=n.title,
                short_title=n.short_title,
                theme=n.theme,
                old_mean=o.mean,
                new_mean=n.mean,
                change=_minus(n.mean, o.mean),
                old_n=o.n,
                new_n=n.n,
                old_consensus=o.consensus,
                new_consensus=n.consensus,
                consensus_change=_minus(n.consensus, o.consensus),
                old_low=o.low,
                new_low=n.low,
                old_polarised=o.polarised,
                new_polarised=n.polarised,
                flag_changes=_flag_changes(o, n),
                same_people_change=same,
                same_people_n=same_n,
                **target_check(o, n),
            )
        )
    old_themes = {t.id: t for t in old.themes}
    themes = []
    for t in new.themes:
        before = old_themes[t.id].mean if t.id in old_themes else None
        themes.append(
            ThemeChange(
                id=t.id,
                title=t.title,
                old_mean=before,
                new_mean=t.mean,
                change=_minus(t.mean, before),
            )
        )
    notes = []
    if old.thresholds != new.thresholds:
        notes.append(
            "The two rounds set different thresholds; each round's low and polarised "
            "flags use its own."
        )
    old_label, new_label = _labels(old, new)
    return Comparison(
        framework=new.framework,
        scale_min=new.scale_min,
        scale_max=new.scale_max,
        old=RoundInfo(
            area=old.area, round=old.round, participants=len(old.participants), label=old_label
        ),
        new=RoundInfo(
            area=new.area, round=new.round, participants=len(new.participants), label=new_label
        ),
        themes=themes,
        enablers=enablers,
        in_both=[name for _, name in pairs],
        only_old=[p.name for p in old.participants if person_key(p.name) not in new_names],
        only_new=[p.name for p in new.participants if person_key(p.name) not in old_names],
        moved_most=moved_most(enablers, least=moved_at(new.scale_min, new.scale_max)),
        notes=notes,
        same_person=list(same_person),
        maybe_same=alike_across_rounds(
            [p.name for p in old.participants], [p.name for p in new.participants]
        ),
    )
