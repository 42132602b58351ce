"""Two rounds compared in the core: each enabler's and theme's change at full
precision, among the same people too, flags newly raised or cleared, who took part in
both, what moved most, and what cannot be compared. The rounds: tests/_rounds.py."""

from __future__ import annotations

import re
import unicodedata

import pytest

from _answers import MakeRecord
from _rounds import (
    FAMILIES_NEW,
    FAMILIES_OLD,
    IN_BOTH,
    INFO_NEW,
    INFO_OLD,
    LOCALITY_NEW,
    LOCALITY_OLD,
    STEM,
    WHY_NEW,
    WHY_OLD,
)
from bbtool.core.comparison import Comparison, NotComparable, compare, moved_most
from bbtool.core.models import SKIP, AgreedFile, Framework, Thresholds
from bbtool.core.results import Report
from bbtool.core.scoring import score

# ------------------------------------------------------------------ the figures


def test_the_rounds_are_what_the_module_says(round_reports: tuple[Report, Report]) -> None:
    old, new = round_reports
    assert old.enabler("information-sharing").mean == INFO_OLD == 2.0
    assert new.enabler("information-sharing").mean == INFO_NEW
    assert (old.round, new.round) == ("2025 spring", "2026 spring")


def test_change_is_new_mean_minus_old_at_full_precision(comparison: Comparison) -> None:
    info = comparison.enabler("information-sharing")
    assert (info.old_mean, info.new_mean) == (2.0, INFO_NEW)
    assert info.change == INFO_NEW - INFO_OLD  # 5/9
    assert info.change == pytest.approx(5 / 9)
    assert (info.old_n, info.new_n) == (9, 9)
    families = comparison.enabler("families-as-partners")
    assert families.change == FAMILIES_NEW - FAMILIES_OLD == pytest.approx(0.4)
    why = comparison.enabler("communicating-why")
    assert why.change == WHY_NEW - WHY_OLD == pytest.approx(-0.3)
    locality = comparison.enabler("locality")
    assert locality.change == LOCALITY_NEW - LOCALITY_OLD == pytest.approx(0.3)
    # everyone else gave the same numbers as last year: no change at all
    changed = {"information-sharing", "families-as-partners", "communicating-why", "locality"}
    for e in comparison.enablers:
        if e.id not in changed:
            assert e.change == 0.0, e.id
            assert e.old_mean == e.new_mean


def test_consensus_change_is_the_difference_of_the_rounds_figures(
    comparison: Comparison, round_reports: tuple[Report, Report]
) -> None:
    old, new = round_reports
    for e in comparison.enablers:
        before, after = old.enabler(e.id).consensus, new.enabler(e.id).consensus
        assert (e.old_consensus, e.new_consensus) == (before, after)
        assert after is not None
        assert before is not None
        assert e.consensus_change == after - before
    # everyone agreeing more on locality: 4 4 4 4 4 4 4 4 4 5 is near full consensus
    locality = comparison.enabler("locality").consensus_change
    assert locality is not None
    assert locality > 0


def test_flags_say_what_changed(comparison: Comparison) -> None:
    info = comparison.enabler("information-sharing")
    assert (info.old_low, info.new_low) == (True, False)
    assert info.flag_changes == ["no longer low"]
    assert (info.old_flags, info.new_flags) == (["low"], [])
    families = comparison.enabler("families-as-partners")
    assert (families.old_polarised, families.new_polarised) == (True, False)
    assert families.flag_changes == ["no longer polarised"]
    why = comparison.enabler("communicating-why")
    assert (why.old_low, why.new_low) == (False, True)  # 2.4 is below 2.5
    assert why.flag_changes == ["newly low"]
    assert why.new_flags == ["low"]
    others = [e for e in comparison.enablers if e.id not in {info.id, families.id, why.id}]
    assert all(e.flag_changes == [] for e in others)


def test_change_among_the_same_people(comparison: Comparison) -> None:
    # information sharing: Priya +2, Tomasz +2, Ciarán +1, five others 0; Hannah skipped
    info = comparison.enabler("information-sharing")
    assert info.same_people_n == 8
    assert info.same_people_change == 5 / 8
    # families as partners: Tomasz +1, Lucia +2, Kwame +1 over the nine in both
    families = comparison.enabler("families-as-partners")
    assert (families.same_people_change, families.same_people_n) == (4 / 9, 9)
    # Fatima left continuous improvement blank: eight in both gave it a number
    ci = comparison.enabler("continuous-improvement")
    assert (ci.same_people_change, ci.same_people_n) == (0.0, 8)


def test_theme_means_change_by_a_quarter_of_their_enablers_changes(
    comparison: Comparison,
) -> None:
    themes = {t.id: t for t in comparison.themes}
    assert [t.id for t in comparison.themes] == [
        "purpose-and-priorities",
        "people-and-place",
        "partnership-and-process",
    ]
    # each theme has four enablers; its mean is the mean of their means
    assert themes["purpose-and-priorities"].change == pytest.approx((WHY_NEW - WHY_OLD) / 4)
    assert themes["people-and-place"].change == pytest.approx((LOCALITY_NEW - LOCALITY_OLD) / 4)
    both = (INFO_NEW - INFO_OLD) + (FAMILIES_NEW - FAMILIES_OLD)
    assert themes["partnership-and-process"].change == pytest.approx(both / 4)
    for t in comparison.themes:
        assert t.new_mean is not None
        assert t.old_mean is not None
        assert t.change == t.new_mean - t.old_mean


def test_participants_in_both_and_in_one_only(comparison: Comparison) -> None:
    assert comparison.in_both == IN_BOTH  # named as this year, matched whatever the case
    assert comparison.only_old == ["Oliver Bennett"]
    assert comparison.only_new == ["Zara Okafor"]
    assert (comparison.old.participants, comparison.new.participants) == (10, 10)


def test_look_alike_names_are_the_same_people(
    framework: Framework, make_record: MakeRecord
) -> None:
    composed = unicodedata.normalize("NFC", "José Núñez")
    old_people = [make_record(composed, {"leadership": 2}), make_record("Ann", {"leadership": 3})]
    new_people = [
        make_record(unicodedata.normalize("NFD", composed), {"leadership": 4}),
        make_record("\uff21\uff4e\u200b\uff4e", {"leadership": 3}),
    ]
    old = score(framework, old_people, area="Testham", round="2025")
    new = score(framework, new_people, area="TESTHAM", round="2026")
    compared = compare(old, new)
    assert len(compared.in_both) == 2
    assert (compared.only_old, compared.only_new) == ([], [])
    assert compared.same_area


def test_moved_most_by_size_of_change_ties_in_framework_order(comparison: Comparison) -> None:
    # +5/9, then +0.4, then -0.3 and +0.3 tied: communicating the why comes first in
    # the framework; enablers that did not move are left out
    assert comparison.moved_most == [
        "information-sharing",
        "families-as-partners",
        "communicating-why",
        "locality",
    ]
    assert moved_most(comparison.enablers, limit=2) == [
        "information-sharing",
        "families-as-partners",
    ]
    # a cut inside a tie keeps both
    assert moved_most(comparison.enablers, limit=3) == comparison.moved_most
    assert moved_most(comparison.enablers, limit=1) == ["information-sharing"]


def test_only_a_real_move_is_called_moved_most(
    framework: Framework, make_record: MakeRecord
) -> None:
    """Issue 15, item 17: a change under a twentieth of the scale's width (0.20 on
    1-5) is not a move: one person in ten moving a point (+0.10) is not named; two
    (+0.20) are."""
    old = [make_record(f"P{k}", {"leadership": 3, "common-agenda": 3}) for k in range(10)]
    new = [
        make_record(f"P{k}", {"leadership": 4 if k < 1 else 3, "common-agenda": 4 if k < 2 else 3})
        for k in range(10)
    ]
    compared = compare(
        score(framework, old, area="A", round="1"), score(framework, new, area="A", round="2")
    )
    assert compared.moved_at == pytest.approx(0.2)
    assert compared.enabler("leadership").change == pytest.approx(0.1)
    assert compared.moved_most == ["common-agenda"]


def test_moved_most_leaves_out_changes_under_the_least(comparison: Comparison) -> None:
    assert moved_most(comparison.enablers, least=0.35) == [
        "information-sharing",
        "families-as-partners",
    ]


def test_labels_and_title_name_the_rounds(comparison: Comparison) -> None:
    assert comparison.old.label == "2025 spring"
    assert comparison.new.label == "2026 spring"
    assert comparison.title == "Northbridge · 2025 spring → 2026 spring"
    assert comparison.notes == []


def test_other_areas_and_same_round_names_are_told_apart(
    round_reports: tuple[Report, Report],
) -> None:
    old, new = round_reports
    other = compare(old, new.model_copy(update={"area": "Southmoor"}))
    assert (other.old.label, other.new.label) == (
        "Northbridge 2025 spring",
        "Southmoor 2026 spring",
    )
    assert other.title == "Northbridge 2025 spring → Southmoor 2026 spring"
    same = compare(old.model_copy(update={"round": "2026 spring"}), new)
    assert (same.old.label, same.new.label) == ("2026 spring (old)", "2026 spring (new)")


def test_different_thresholds_are_noted(round_reports: tuple[Report, Report]) -> None:
    old, new = round_reports
    stricter = new.model_copy(update={"thresholds": Thresholds(low=3.0)})
    assert compare(old, stricter).notes == [
        "The two rounds set different thresholds; each round's low and polarised flags use its own."
    ]


def test_rounds_on_other_frameworks_are_refused(round_reports: tuple[Report, Report]) -> None:
    old, new = round_reports
    fewer = new.model_copy(update={"enablers": new.enablers[:-1]})
    with pytest.raises(NotComparable) as caught:
        compare(old, fewer)
    assert str(caught.value) == (
        "the rounds use different frameworks (only the old round has continuous-improvement)"
    )
    other_scale = new.model_copy(update={"scale_max": 7})
    with pytest.raises(NotComparable, match=r"different scales \(1-5 and 1-7\)"):
        compare(old, other_scale)


def test_an_enabler_nobody_scored_last_time_has_no_change(
    round_reports: tuple[Report, Report],
) -> None:
    old, new = round_reports
    blank = old.enabler("leadership").model_copy(
        update={"mean": None, "n": 0, "low": None, "polarised": None, "consensus": None}
    )
    emptied = old.model_copy(update={"enablers": [blank, *old.enablers[1:]]})
    e = compare(emptied, new).enabler("leadership")
    assert (e.old_mean, e.change, e.consensus_change) == (None, None, None)
    assert e.flag_changes == []  # no flag last time: nothing newly flagged or cleared
    assert "leadership" not in compare(emptied, new).moved_most


# -------------------------------------------------------------------------- CLI


def test_same_people_matched_without_regard_to_case(
    round_reports: tuple[Report, Report], comparison: Comparison
) -> None:
    old, new = round_reports
    # Priya's leadership score counts in "same people" though her name changed case
    assert new.enabler("leadership").scores["PRIYA SHAH"] == 5
    assert old.enabler("leadership").scores["Priya Shah"] == 5
    assert comparison.enabler("leadership").same_people_n == 9
    assert re.fullmatch(r"[a-z0-9-]+", STEM)


# ------------------------------------------------------------------ targets


def _targets_rounds(framework: Framework, make_record: MakeRecord) -> Comparison:
    """Last round set targets; this round has scores and, for one enabler, an agreed
    score. Every figure below is worked out by hand from these."""
    old_people = [make_record("Ann", {"leadership": 2, "common-agenda": 2, "locality": 1})]
    old_agreed = AgreedFile(
        agreed={"leadership": 2},
        targets={
            "leadership": 3,
            "common-agenda": 4,
            "locality": 3,
            "communicating-why": 2,
            "joint-governance": SKIP,
        },
    )
    new_people = [
        # leadership: 3 and 4, mean 3.5 >= 3; common-agenda: 5 and 2, mean 3.5 < 4 but
        # agreed 4; locality: 2 and 4, mean exactly 3; communicating-why: nobody scored it
        make_record("Ann", {"leadership": 3, "common-agenda": 5, "locality": 2}),
        make_record("Bob", {"leadership": 4, "common-agenda": 2, "locality": 4}),
    ]
    new_agreed = AgreedFile(agreed={"common-agenda": 4, "locality": SKIP})
    old = score(framework, old_people, area="Testham", round="2025", agreed=old_agreed)
    new = score(framework, new_people, area="Testham", round="2026", agreed=new_agreed)
    return compare(old, new)


def test_targets_are_judged_on_the_agreed_score_else_the_mean(
    framework: Framework, make_record: MakeRecord
) -> None:
    c = _targets_rounds(framework, make_record)
    assert c.targets_given
    leadership = c.enabler("leadership")  # no agreed score this round: the mean
    assert (leadership.target, leadership.target_by) == (3, "mean")
    assert (leadership.target_value, leadership.target_reached) == (3.5, True)
    agenda = c.enabler("common-agenda")  # the agreed 4 reaches it, although the mean is 3.5
    assert (agenda.target, agenda.target_by, agenda.target_value) == (4, "agreed", 4)
    assert agenda.target_reached is True
    locality = c.enabler("locality")  # agreed "skip" is no number: the mean, 3.0, reaches 3
    assert (locality.target_by, locality.target_value, locality.target_reached) == (
        "mean",
        3.0,
        True,
    )


def test_a_target_not_reached_or_not_judged(framework: Framework, make_record: MakeRecord) -> None:
    c = _targets_rounds(framework, make_record)
    why = c.enabler("communicating-why")  # target 2, but nobody scored it this round
    assert (why.target, why.target_by, why.target_value, why.target_reached) == (
        2,
        None,
        None,
        None,
    )
    governance = c.enabler("joint-governance")  # a target of "skip" is no target
    assert (governance.target, governance.target_reached) == (None, None)
    # an enabler with no target says nothing
    assert c.enabler("information-sharing").target is None
    # the same agreed score a round lower misses the target
    old_people = [make_record("Ann", {"leadership": 2})]
    old = score(
        framework,
        old_people,
        area="T",
        round="1",
        agreed=AgreedFile(targets={"leadership": 3}),
    )
    new = score(
        framework,
        [make_record("Ann", {"leadership": 5})],
        area="T",
        round="2",
        agreed=AgreedFile(agreed={"leadership": 2}),
    )
    missed = compare(old, new).enabler("leadership")
    assert (missed.target_by, missed.target_value, missed.target_reached) == ("agreed", 2, False)


def test_without_targets_nothing_is_said(comparison: Comparison) -> None:
    # the fixture's rounds are scored without agreed.yaml
    assert not comparison.targets_given
    assert all(e.target_reached is None for e in comparison.enablers)
