"""The scoring layer: participants' records in, a Report out.

The statistics themselves are tested in test_statistics.py; here the question is
whether the right scores reach them (skips, blanks, indicators, themes, groups) and
whether the flags, tallies and suggestions built on them are right. Expected values
are written as arithmetic that can be checked by eye.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _answers import MakeRecord, record
from bbtool.core.models import (
    AgreedFile,
    Framework,
    ParticipantRecord,
    ScoreValue,
    Thresholds,
)
from bbtool.core.results import Report
from bbtool.core.scoring import NOT_GIVEN, group_records, score, score_groups


def column(enabler: str, values: list[ScoreValue | None]) -> list[ParticipantRecord]:
    """One participant per value, all scoring the same enabler."""
    return [record(f"P{i}", {enabler: v}) for i, v in enumerate(values, 1)]


def run(framework: Framework, records: list[ParticipantRecord], **kw: Any) -> Report:
    return score(framework, records, area="Testham", round="2026", **kw)


# ------------------------------------------------------------------- one enabler


def test_a_file_with_no_answer_is_not_returned_yet(framework: Framework) -> None:
    records = [
        record("A", {"leadership": 4}),
        record("B", {}),  # a template not filled in: no score, text or challenge
        record("C", {"leadership": "skip"}),  # a skip is an answer
    ]
    report = run(framework, records)
    assert [p.name for p in report.participants] == ["A", "C"]
    assert [p.name for p in report.not_returned] == ["B"]
    e = report.enabler("leadership")
    assert (e.n, e.skipped, e.unanswered) == (1, 1, 0)
    assert "B" not in e.scores
    groups = score_groups(framework, records, by="sector", area="T", round="1")
    assert sum(len(g.participants) for g in groups.values()) == 2


def test_a_split_panel_by_hand(framework: Framework) -> None:
    report = run(framework, column("leadership", [1, 5, 5, 1]))
    e = report.enabler("leadership")
    assert e.n == 4
    assert e.mean == (1 + 5 + 5 + 1) / 4 == 3
    assert e.median == (1 + 5) / 2
    assert (e.min, e.max, e.range) == (1, 5, 5 - 1)
    # every score is 2 away from the mean 3: sqrt((4 + 4 + 4 + 4) / 4) = 2
    assert e.sd == 2
    # half at each end of the scale: 1 + log2(1 - 2/4) = 0
    assert e.consensus == pytest.approx(0.0, abs=1e-12)
    assert e.agreement == pytest.approx(-1.0)
    # k = max(2, ceil(4/3)) = 2; low camp 2 >= 2, high camp 2 >= 2, middle 0 < 2
    assert e.polarised is True
    assert e.low is False  # 3 is not below 2.5
    assert e.flagged
    assert e.distribution == {"1": 2, "2": 0, "3": 0, "4": 0, "5": 2}
    assert e.scores == {"P1": 1, "P2": 5, "P3": 5, "P4": 1}
    assert (e.theme, e.short_title) == ("purpose-and-priorities", "Senior leadership")


def test_unanimous_panel(framework: Framework) -> None:
    e = run(framework, column("locality", [4, 4, 4])).enabler("locality")
    assert (e.mean, e.median, e.sd, e.range) == (4, 4, 0, 0)
    assert (e.consensus, e.agreement) == (1, 1)
    assert e.polarised is False
    assert e.low is False
    assert not e.flagged


def test_skip_and_unanswered_are_counted_apart(framework: Framework) -> None:
    records = [
        record("A", {"common-agenda": 4}),
        record("B", {"common-agenda": "skip"}),
        record("C", {"common-agenda": None, "leadership": 3}),  # "common-agenda:" left empty
        record("D", {"leadership": 3}),  # not in the file at all
        record("E", {"common-agenda": 2}),
    ]
    e = run(framework, records).enabler("common-agenda")
    assert (e.n, e.skipped, e.unanswered) == (2, 1, 2)
    assert e.mean == (4 + 2) / 2
    assert e.polarised is None  # fewer than 3 counted
    assert e.scores == {"A": 4, "B": "skip", "C": None, "D": None, "E": 2}
    # everyone is accounted for once
    assert e.n + e.skipped + e.unanswered == len(records)


def test_nobody_scored_every_figure_is_empty(framework: Framework) -> None:
    records = column("locality", ["skip", None, "skip"])
    records[1] = record("P2", {"locality": None, "leadership": 3})  # answered elsewhere
    e = run(framework, records).enabler("locality")
    assert (e.n, e.skipped, e.unanswered) == (0, 2, 1)
    for figure in ("mean", "median", "min", "max", "range", "sd", "consensus", "agreement"):
        assert getattr(e, figure) is None, figure
    assert e.low is None
    assert e.polarised is None
    assert not e.flagged
    assert e.distribution == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}


@pytest.mark.parametrize(
    ("values", "low"),
    [
        ([2, 3, 2, 3], False),  # 10 / 4 = 2.5: not below 2.5
        ([2, 2, 3], True),  # 7 / 3 = 2.33
        ([1, 1, 1], True),
        ([1], None),  # one person's view: too few counted scores to flag (n < 3)
        ([1, 2], None),
        ([1, 2, "skip", None], None),  # skips and blanks are not counted
        ([3, 2, 2, 3], False),  # 10 / 4 = 2.5
    ],
)
def test_low_is_a_mean_below_two_and_a_half(
    framework: Framework, values: list[ScoreValue | None], low: bool | None
) -> None:
    assert run(framework, column("single-service", values)).enabler("single-service").low is low


@pytest.mark.parametrize(
    ("values", "polarised"),
    [
        ([1, 5], None),  # n = 2 < 3
        ([1, 3, 5], False),  # k = 2; one in each camp
        ([1, 2, 4, 5], True),  # k = 2; 2 low, 2 high, 0 middle
        ([1, 2, 3, 3, 4, 5], False),  # k = 2; middle 2 is not fewer than either camp
        ([1, 1, 3, 4, 4], True),  # k = max(2, ceil(5/3)) = 2; middle 1 < 2
        ([1, 1, 2, 3, 3, 4, 5], False),  # k = ceil(7/3) = 3; high camp is only 2
        ([1, 1, 2, 3, 3, 4, 4, 5], True),  # k = ceil(8/3) = 3; 3 low, 3 high, 2 middle
    ],
)
def test_polarised_camps(
    framework: Framework, values: list[ScoreValue | None], polarised: bool | None
) -> None:
    e = run(framework, column("delivery-partners", values)).enabler("delivery-partners")
    assert e.polarised is polarised


# ------------------------------------------------------------------------ themes


def test_theme_mean_is_the_mean_of_enabler_means_leaving_out_unscored(
    framework: Framework,
) -> None:
    records = [
        record("A", {"leadership": 2, "common-agenda": 5, "joint-governance": "skip"}),
        record("B", {"leadership": 4}),
    ]
    report = run(framework, records)
    theme = next(t for t in report.themes if t.id == "purpose-and-priorities")
    # leadership (2 + 4) / 2 = 3; common-agenda 5; joint-governance and
    # communicating-why have no counted score and are left out: (3 + 5) / 2 = 4,
    # not the pooled mean of all scores (2 + 4 + 5) / 3, nor (3 + 5 + 0 + 0) / 4
    assert theme.mean == (3 + 5) / 2
    assert theme.enablers == [
        "leadership",
        "common-agenda",
        "joint-governance",
        "communicating-why",
    ]
    others = [t for t in report.themes if t.id != "purpose-and-priorities"]
    assert [t.mean for t in others] == [None, None]  # nobody scored them


def test_theme_lists_its_flagged_enablers_in_published_order(framework: Framework) -> None:
    records = [
        record("A", {"families-as-partners": 1, "information-sharing": 1, "delivery-partners": 4}),
        record("B", {"families-as-partners": 5, "information-sharing": 2, "delivery-partners": 4}),
        record("C", {"families-as-partners": 1, "information-sharing": 3, "delivery-partners": 4}),
        record("D", {"families-as-partners": 5, "information-sharing": 2, "delivery-partners": 4}),
    ]
    report = run(framework, records)
    theme = next(t for t in report.themes if t.id == "partnership-and-process")
    # information-sharing (1 + 2 + 3 + 2) / 4 = 2 is low; families-as-partners
    # 1, 5, 1, 5 is polarised (mean 3, not low); delivery-partners 4 is neither
    assert report.enabler("information-sharing").low is True
    assert report.enabler("families-as-partners").polarised is True
    assert theme.flagged == ["information-sharing", "families-as-partners"]
    assert theme.mean == (2 + 4 + 3) / 3


# -------------------------------------------------------------------- indicators


def test_every_indicator_is_reported_in_published_order(framework: Framework) -> None:
    report = run(framework, [record("A", {"leadership": 3})])
    assert len(report.indicators) == 55
    assert [i.id for i in report.indicators] == [i.id for _, i in framework.indicators]
    assert [i.enabler for i in report.indicators] == [e.id for e, _ in framework.indicators]
    first_enabler, first = framework.indicators[0]
    assert report.indicators[0].title == first.text
    assert report.indicators[0].enabler == first_enabler.id == "leadership"
    assert not report.indicators_scored  # nobody dug deeper


def test_indicator_unanswered_counts_participants_who_gave_none(framework: Framework) -> None:
    records = [
        record("A", indicators={"leadership.1": 4, "leadership.2": 2}),
        record("B", indicators={"leadership.1": "skip"}),
        record("C", {"leadership": 3}),  # gave no indicator scores at all
        record("D", indicators={"leadership.1": 2}),
    ]
    report = run(framework, records)
    by_id = {i.id: i for i in report.indicators}
    one = by_id["leadership.1"]
    assert (one.n, one.skipped, one.unanswered) == (2, 1, 1)
    assert one.mean == (4 + 2) / 2
    assert one.scores == {"A": 4, "B": "skip", "C": None, "D": 2}
    two = by_id["leadership.2"]
    assert (two.n, two.skipped, two.unanswered) == (1, 0, 3)
    assert two.mean == 2
    assert two.low is None  # one score: too few to flag (n < 3), though 2 < 2.5
    untouched = by_id["continuous-improvement.1"]
    assert (untouched.n, untouched.skipped, untouched.unanswered) == (0, 0, 4)
    assert report.indicators_scored


def test_indicator_scores_do_not_touch_enabler_scores(framework: Framework) -> None:
    report = run(framework, [record("A", {"leadership": 5}, indicators={"leadership.1": 1})])
    assert report.enabler("leadership").mean == 5
    assert report.indicators[0].mean == 1


# ------------------------------------------------- challenges and case studies


def test_challenge_tally_names_who_raised_each(framework: Framework) -> None:
    records = [
        record("Ann", challenges=["stretched-capacity", "cultural-barriers"]),
        record("Bo", challenges=["stretched-capacity"]),
        record("Cy"),
    ]
    report = run(framework, records)
    assert [c.id for c in report.challenges] == [c.id for c in framework.challenges]
    tally = {c.id: (c.count, c.participants) for c in report.challenges}
    assert tally["stretched-capacity"] == (2, ["Ann", "Bo"])
    assert tally["cultural-barriers"] == (1, ["Ann"])
    assert tally["technical-blockages"] == (0, [])
    assert sum(count for count, _ in tally.values()) == 2 + 1


def test_no_flagged_enabler_no_case_studies(framework: Framework) -> None:
    report = run(framework, column("leadership", [4, 4, 3]))
    assert report.case_studies == []
    assert all(t.flagged == [] for t in report.themes)


def test_case_studies_for_flagged_enablers(framework: Framework) -> None:
    # information-sharing low (mean (1 + 2 + 1) / 3 = 1.33); families-as-partners polarised
    records = [
        record("A", {"information-sharing": 1, "families-as-partners": 1}),
        record("B", {"information-sharing": 2, "families-as-partners": 5}),
        record("C", {"information-sharing": 1, "families-as-partners": 1}),
        record("D", {"families-as-partners": 5}),
    ]
    report = run(framework, records)
    found = {cs.id: cs.enablers for cs in report.case_studies}
    # Annex A: boxes D, G and H speak to information sharing, I and L to families
    assert found == {
        "D": ["information-sharing"],
        "G": ["information-sharing"],
        "H": ["information-sharing"],
        "I": ["families-as-partners"],
        "L": ["families-as-partners"],
    }
    box_d = next(cs for cs in report.case_studies if cs.id == "D")
    source = next(cs for cs in framework.case_studies if cs.id == "D")
    assert (box_d.title, box_d.place, box_d.summary) == (
        source.title,
        source.place,
        source.summary,
    )


def test_a_case_study_lists_every_flagged_enabler_it_answers(framework: Framework) -> None:
    # box L speaks to common-agenda, continuous-improvement and families-as-partners
    records = [record(n, {"common-agenda": 1, "continuous-improvement": 2}) for n in "ABC"]
    report = run(framework, records)
    box_l = next(cs for cs in report.case_studies if cs.id == "L")
    assert box_l.enablers == ["common-agenda", "continuous-improvement"]


# -------------------------------------------------------------------- thresholds


def test_report_carries_the_framework_thresholds_by_default(framework: Framework) -> None:
    report = run(framework, [record("A")])
    assert report.thresholds == framework.thresholds == Thresholds()
    assert (report.scale_min, report.scale_max) == (1, 5)


def test_a_higher_low_threshold_flags_more(framework: Framework) -> None:
    records = column("locality", [3, 3, 3])
    assert run(framework, records).enabler("locality").low is False
    stricter = Thresholds(low=3.5)
    report = run(framework, records, thresholds=stricter)
    assert report.enabler("locality").low is True  # 3 < 3.5
    assert report.thresholds == stricter
    assert [cs.id for cs in report.case_studies] == ["B", "J"]  # boxes for locality


def test_camp_thresholds_change_polarised(framework: Framework) -> None:
    records = column("locality", [1, 1, 5, 5])
    assert run(framework, records).enabler("locality").polarised is True
    # each camp now needs 3 people: 2 is not enough
    bigger_camps = Thresholds(camp_min=3)
    assert run(framework, records, thresholds=bigger_camps).enabler("locality").polarised is False
    # four counted scores are now too few to say
    more_people = Thresholds(polarised_min_n=5)
    assert run(framework, records, thresholds=more_people).enabler("locality").polarised is None
    # 2 and 4 are no longer in the camps: [2, 2, 4, 4] has an empty low and high camp
    narrow = Thresholds(low_camp=1, high_camp=5)
    mild = column("locality", [2, 2, 4, 4])
    assert run(framework, mild).enabler("locality").polarised is True
    assert run(framework, mild, thresholds=narrow).enabler("locality").polarised is False


# ------------------------------------------------------------------------ groups


def _mixed() -> list[ParticipantRecord]:
    return [
        record("Ann", {"leadership": 5}, sector="health", level="strategic", organisation="NHS"),
        record("Bo", {"leadership": 3}, sector="council", level="operational"),
        record("Cy", {"leadership": 1}, sector="health", level="operational"),
        record("Di", {"leadership": 2}, level="strategic", organisation="NHS"),
        record("Ed", {"leadership": 4}, sector="council"),
    ]


def test_groups_by_sector_with_not_given_last(framework: Framework) -> None:
    groups = score_groups(framework, _mixed(), by="sector", area="Testham", round="2026")
    assert list(groups) == ["council", "health", NOT_GIVEN]
    assert [p.name for p in groups["council"].participants] == ["Bo", "Ed"]
    assert groups["council"].enabler("leadership").mean == (3 + 4) / 2
    assert groups[NOT_GIVEN].enabler("leadership").mean == 2  # Di gave no sector
    assert groups["health"].enabler("leadership").mean == (5 + 1) / 2
    assert groups["health"].area == "Testham"


def test_groups_by_level_and_organisation(framework: Framework) -> None:
    by_level = score_groups(framework, _mixed(), by="level", area="T", round="R")
    assert list(by_level) == ["operational", "strategic", NOT_GIVEN]
    assert by_level["strategic"].enabler("leadership").mean == (5 + 2) / 2
    assert by_level["operational"].enabler("leadership").mean == (3 + 1) / 2
    assert by_level[NOT_GIVEN].enabler("leadership").mean == 4
    by_org = score_groups(framework, _mixed(), by="organisation", area="T", round="R")
    assert list(by_org) == ["NHS", NOT_GIVEN]
    assert by_org[NOT_GIVEN].enabler("leadership").n == 3  # Bo, Cy, Ed


def test_groups_use_the_thresholds_given(framework: Framework) -> None:
    groups = score_groups(
        framework, _mixed(), by="level", area="T", round="R", thresholds=Thresholds(low=4)
    )
    assert groups["strategic"].enabler("leadership").low is None  # two people: too few
    assert groups["operational"].enabler("leadership").low is None
    few = Thresholds(low=4, low_min_n=2)
    groups = score_groups(framework, _mixed(), by="level", area="T", round="R", thresholds=few)
    assert groups["strategic"].enabler("leadership").low is True  # 3.5 < 4


def test_group_by_an_unknown_key_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot group by 'name'"):
        group_records(_mixed(), "name")


# -------------------------------------------------------------------------- demo


def test_demo_information_sharing_is_low(demo_report: Report) -> None:
    # examples/demo/participants/01..10, information-sharing:
    # 2, 2, 3, 2, 1, 2, 1, skip (Hannah Cohen), 2, 3
    e = demo_report.enabler("information-sharing")
    assert (e.n, e.skipped, e.unanswered) == (9, 1, 0)
    assert e.mean == (2 + 2 + 3 + 2 + 1 + 2 + 1 + 2 + 3) / 9 == 2.0
    assert e.distribution == {"1": 2, "2": 5, "3": 2, "4": 0, "5": 0}
    assert e.low is True
    # k = max(2, ceil(9/3)) = 3; low camp 7, high camp 0
    assert e.polarised is False
    assert e.scores["Hannah Cohen"] == "skip"


def test_demo_families_as_partners_is_polarised(demo_report: Report) -> None:
    # 4, 2, 5, 4, 3, 1, 2, 4, 2, 3
    e = demo_report.enabler("families-as-partners")
    assert e.n == 10
    assert e.mean == (4 + 2 + 5 + 4 + 3 + 1 + 2 + 4 + 2 + 3) / 10 == 3.0
    assert e.low is False
    # low camp {2, 1, 2, 2} = 4, high camp {4, 5, 4, 4} = 4, middle {3, 3} = 2;
    # k = max(2, ceil(10/3)) = 4: 4 >= 4 on both sides and 2 < 4
    assert e.distribution == {"1": 1, "2": 3, "3": 2, "4": 3, "5": 1}
    assert e.polarised is True


def test_demo_flags_only_those_two(demo_report: Report) -> None:
    flagged = [e.id for e in demo_report.enablers if e.flagged]
    assert flagged == ["information-sharing", "families-as-partners"]
    theme = next(t for t in demo_report.themes if t.id == "partnership-and-process")
    assert theme.flagged == flagged
    assert [cs.id for cs in demo_report.case_studies] == ["D", "G", "H", "I", "L"]
    assert len(demo_report.participants) == 10


# -------------------------------------------------------------------- properties

CHOICES: list[ScoreValue | None] = [1, 2, 3, 4, 5, "skip", None]
ANSWER = st.sampled_from(CHOICES)
ENABLERS = [
    "leadership",
    "common-agenda",
    "locality",
    "information-sharing",
    "families-as-partners",
]
INDICATORS = ["leadership.1", "leadership.2", "locality.1"]
CHALLENGES = ["stretched-capacity", "cultural-barriers", "competing-priorities"]


@st.composite
def panels(draw: st.DrawFn) -> list[ParticipantRecord]:
    size = draw(st.integers(1, 12))
    records = []
    for i in range(size):
        scores = draw(st.dictionaries(st.sampled_from(ENABLERS), ANSWER))
        indicators = draw(st.dictionaries(st.sampled_from(INDICATORS), ANSWER))
        challenges = draw(st.lists(st.sampled_from(CHALLENGES), unique=True))
        sector = draw(st.sampled_from(["health", "council", None]))
        extra = {"sector": sector} if sector else {}
        records.append(
            record(f"P{i:02d}", scores, indicators=indicators, challenges=challenges, **extra)
        )
    return records


def _normalised(report: Report) -> dict[str, Any]:
    """The report as data, with the lists that follow participant order sorted."""
    data = report.model_dump()
    for people in ("participants", "not_returned"):
        data[people] = sorted(data[people], key=lambda p: p["name"])
    for challenge in data["challenges"]:
        challenge["participants"].sort()
    return data


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(records=panels(), data=st.data())
def test_shuffling_participants_changes_nothing(
    framework: Framework, records: list[ParticipantRecord], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(records))
    assert _normalised(run(framework, shuffled)) == _normalised(run(framework, records))
    by_sector = score_groups(framework, records, by="sector", area="Testham", round="2026")
    again = score_groups(framework, shuffled, by="sector", area="Testham", round="2026")
    assert list(by_sector) == list(again)
    for key in by_sector:
        assert _normalised(by_sector[key]) == _normalised(again[key])


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(records=panels())
def test_figures_stay_within_the_scores(
    framework: Framework, records: list[ParticipantRecord]
) -> None:
    report = run(framework, records)
    # a file with no answer at all is not returned yet; everyone else is counted once
    assert len(report.participants) + len(report.not_returned) == len(records)
    for item in [*report.enablers, *report.indicators]:
        assert item.n + item.skipped + item.unanswered == len(report.participants)
        assert sum(item.distribution.values()) == item.n
        if item.n == 0:
            assert item.mean is None
            assert item.low is None
            continue
        assert item.min is not None
        assert item.max is not None
        assert item.mean is not None
        assert item.median is not None
        assert item.min <= item.mean <= item.max
        assert item.min <= item.median <= item.max
        assert item.low is ((item.mean < 2.5) if item.n >= 3 else None)
        assert item.sd is not None
        assert 0 <= item.sd <= (item.max - item.min) / 2 + 1e-12  # Popoviciu
        if item.n < 3:
            assert item.polarised is None
    for theme in report.themes:
        means = [report.enabler(e).mean for e in theme.enablers]
        counted = [m for m in means if m is not None]
        if not counted:
            assert theme.mean is None
        else:
            assert theme.mean is not None
            assert min(counted) <= theme.mean <= max(counted)
            assert math.isclose(theme.mean, sum(counted) / len(counted))


# -------------------------------------------------------------- agreed scores


def test_gap_is_agreed_minus_mean_at_full_precision(
    make_record: MakeRecord, framework: Framework
) -> None:
    records = [
        make_record("A", {"leadership": 2, "common-agenda": 4, "joint-governance": "skip"}),
        make_record("B", {"leadership": 3, "common-agenda": 4}),
        make_record("C", {"leadership": 5, "common-agenda": 5}),
    ]
    agreed = AgreedFile(
        agreed={"leadership": 4, "common-agenda": 3, "joint-governance": "skip", "locality": 2},
        targets={"leadership": 5, "joint-governance": 3, "single-service": 4},
        notes={"leadership": "signed off"},
    )
    report = score(framework, records, area="X", round="1", agreed=agreed)
    lead = report.enabler("leadership")
    assert lead.mean == 10 / 3
    assert (lead.agreed, lead.target, lead.to_target) == (4, 5, 1)
    assert lead.gap == 4 - 10 / 3  # the agreed score is 2/3 above the mean
    assert lead.gap == pytest.approx(2 / 3)
    assert lead.agreed_note == "signed off"
    agenda = report.enabler("common-agenda")
    assert agenda.gap == 3 - 13 / 3 == pytest.approx(-4 / 3)
    assert (agenda.target, agenda.to_target) == (None, None)
    governance = report.enabler("joint-governance")  # agreed skip: no gap, no distance
    assert (governance.agreed, governance.gap, governance.target) == ("skip", None, 3)
    assert governance.to_target is None
    locality = report.enabler("locality")  # nobody scored it: no mean, so no gap
    assert (locality.mean, locality.agreed, locality.gap) == (None, 2, None)
    single = report.enabler("single-service")  # a target alone
    assert (single.agreed, single.gap, single.target, single.to_target) == (None, None, 4, None)
    assert report.agreed_given
    # without agreed.yaml nothing changes
    plain = score(framework, records, area="X", round="1")
    assert not plain.agreed_given
    assert all(
        (e.agreed, e.target, e.gap, e.to_target, e.agreed_note) == (None,) * 5
        for e in plain.enablers
    )
    assert [e.mean for e in plain.enablers] == [e.mean for e in report.enablers]


def test_groups_ignore_capitals_and_spaces_and_keep_the_first_spelling(
    framework: Framework,
) -> None:
    """Issue 15, item 2: "Operational" from a form and "operational" from a file are
    one group; so are "Health" and " health", "Santé  publique" and "santé publique"."""
    records = [
        record("Zoë Ó Briain", {"leadership": 5}, sector="Health", level="Operational"),
        record("Siobhán", {"leadership": 3}, sector="health ", level="operational"),
        record("Priya Shah", {"leadership": 1}, sector="Santé  publique", level="OPERATIONAL"),
        record("Tomasz", {"leadership": 2}, sector="santé publique", level="strategic"),
    ]
    by_level = score_groups(framework, records, by="level", area="T", round="R")
    assert list(by_level) == ["Operational", "strategic"]
    assert by_level["Operational"].enabler("leadership").mean == (5 + 3 + 1) / 3
    by_sector = score_groups(framework, records, by="sector", area="T", round="R")
    assert list(by_sector) == ["Health", "Santé publique"]
    assert [p.name for p in by_sector["Santé publique"].participants] == ["Priya Shah", "Tomasz"]
