"""``bbtool compare``: load two rounds (every problem in either at once), score each,
compare them, render the chosen formats. Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bbtool.app.report import Privacy, Rendered
from bbtool.core.actions import anonymised_plan
from bbtool.core.anonymise import anonymise as anonymised
from bbtool.core.anonymise import pseudonyms
from bbtool.core.comparison import Comparison, NotComparable, compare
from bbtool.core.models import person_key
from bbtool.core.names import Confirmed, alike_across_rounds, confirmed_pairs, renamed
from bbtool.core.review import PlanReview, review_plan
from bbtool.errors import Problems, UsageError
from bbtool.files import safe_name
from bbtool.render.formats import COMPARISON_FORMATS, ComparisonView
from bbtool.workspace.actions import as_of
from bbtool.workspace.layout import CONFIG, display_path, unnamed
from bbtool.workspace.loader import Workspace, load_workspace


@dataclass
class PreparedComparison:
    comparison: Comparison
    rounds: tuple[Workspace, Workspace]  # old, new: their warnings to say
    stem: str
    notes: list[str]  # both rounds' (with --anonymise, naming no file)
    review: PlanReview | None = None  # the old round's action plan, when it had one


def prepare(
    old: Path,
    new: Path,
    privacy: Privacy = Privacy(),  # noqa: B008 - frozen, so one shared default is safe
) -> PreparedComparison:
    """Both rounds loaded, scored and compared. UsageError for folders that are not two
    rounds of one framework; InputError with every problem of both rounds."""
    privacy.check()
    for folder in (old, new):
        if not folder.is_dir():
            raise UsageError(f"{display_path(folder)}: no such folder")
    if old.resolve() == new.resolve():
        raise UsageError(
            f"{display_path(old)}: is given twice; compare a round with another round's workspace"
        )
    loaded: list[Workspace] = []
    problems = Problems()
    for folder in (old, new):
        with problems.collecting():
            loaded.append(load_workspace(folder))
    problems.raise_any([w for ws in loaded for w in ws.warnings])
    before, after = loaded
    confirmed = _confirmed(before, after)
    rounds = [renamed(before.records, confirmed.renames), after.records]
    maybe = alike_across_rounds([r.name for r in rounds[0]], [r.name for r in rounds[1]])
    if privacy.anonymise:
        # one numbering for both rounds, so the same person keeps their number
        mapping = pseudonyms(r.name for records in rounds for r in records)
        keep_text = not privacy.no_text
        rounds = [
            anonymised(
                records, mapping, keep_organisation=privacy.keep_organisation, keep_text=keep_text
            )
            for records in rounds
        ]
    # with each round's agreed.yaml: the old round's targets, the new round's agreed scores
    reports = [w.score(records) for w, records in zip(loaded, rounds, strict=True)]
    same = [] if privacy.anonymise else list(confirmed.renames.items())
    try:
        comparison = compare(reports[0], reports[1], same)
    except NotComparable as exc:
        raise UsageError(
            f"{display_path(old)} and {display_path(new)}: {exc}; rounds are compared only "
            f"on the same framework and scale (see 'framework:' in their {CONFIG})"
        ) from None
    stem = f"compare-{safe_name(comparison.name, fallback='rounds')}"
    notes = [note for w in loaded for note in w.notes]
    if privacy.anonymise and maybe:
        notes.append(
            f"bbtool: {len(maybe)} name(s) in only one round may be the same person's as "
            "one in the other; run compare without --anonymise to see them"
        )
    return PreparedComparison(
        comparison,
        (before, after),
        stem,
        unnamed(notes) if privacy.anonymise else notes,
        _review(before, after, comparison, privacy),
    )


def _confirmed(old: Workspace, new: Workspace) -> Confirmed:
    """The people the new round's names.yaml confirms alike, matched to both rounds'
    names; a warning (among the new round's) at each pair that links no one."""
    if new.names is None:
        return Confirmed({}, [])
    confirmed = confirmed_pairs(
        new.names.pairs, [r.name for r in old.records], [r.name for r in new.records]
    )
    here = {person_key(r.name) for r in new.records}
    new.warnings += [  # a pair naming no one of this round is warned of on loading
        new.names.problem(i, why)
        for i, why in confirmed.unused
        if here & {person_key(n) for n in new.names.pairs[i]}
    ]
    return confirmed


def _review(
    old: Workspace, new: Workspace, comparison: Comparison, privacy: Privacy
) -> PlanReview | None:
    """The old round's action plan reviewed against the new round: None without one.
    Targets are the old round's (agreed.yaml), as the comparison judged them. With
    --anonymise, owners naming a participant of either round are left out (with
    --no-text, any that looks like a person's name)."""
    if old.actions is None:
        return None
    day, day_from = as_of(new.config)
    old_plan = old.actions.plan
    new_plan = new.actions.plan if new.actions else None
    if privacy.anonymise:
        people = [r.name for w in (old, new) for r in w.records]
        old_plan = anonymised_plan(old_plan, people, no_text=privacy.no_text)
        if new_plan is not None:
            new_plan = anonymised_plan(new_plan, people, no_text=privacy.no_text)
    return review_plan(
        old_plan,
        new_plan,
        comparison,
        as_of=day,
        as_of_from=day_from,
        text=not privacy.no_text,
    )


def render(prepared: PreparedComparison, formats: Sequence[str], out: Path) -> Rendered:
    """The files of each format asked for (``COMPARISON_FORMATS`` names), for ``out``."""
    unknown = sorted(set(formats) - set(COMPARISON_FORMATS))
    if unknown:
        raise UsageError(f"no output format {', '.join(unknown)}")
    files: dict[Path, bytes] = {}
    made_by: dict[Path, str] = {}
    notes: list[str] = []
    images: list[str] = []
    framework = prepared.rounds[1].framework
    for name, writer in COMPARISON_FORMATS.items():
        if name in formats:
            view = ComparisonView(
                prepared.comparison, framework, prepared.stem, tuple(images), prepared.review
            )
            output = writer.write(view)
            files.update((out / file, data) for file, data in output.files.items())
            made_by.update((out / file, name) for file in output.files)
            notes += output.notes
            if writer.charts:
                images += output.files
    return Rendered(files, notes, made_by)
