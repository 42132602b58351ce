"""Tests for bbtool.core.statistics against hand-computed and published values."""

from __future__ import annotations

import math
import statistics as pystats

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bbtool.core.models import Thresholds
from bbtool.core.statistics import (
    agreement,
    agreement_from_frequencies,
    consensus,
    consensus_from_frequencies,
    describe,
    polarised,
)

T = Thresholds()

# The worked-values table from the statistics notes (scale 1..5), written as the
# table gives them: scores, n, consensus, agreement A, population SD, polarised.
WORKED: list[tuple[list[int], int, float, float, float, bool | None]] = [
    ([3, 3, 3, 3], 4, 1.0000, 1.0000, 0.000, False),
    ([1, 5], 2, 0.0000, -1.0000, 2.000, None),
    ([1, 1, 5, 5], 4, 0.0000, -1.0000, 2.000, True),
    ([2, 4], 2, 0.5850, 0.1667, 1.000, None),
    ([1, 2, 3, 4, 5], 5, 0.4340, 0.0000, 1.414, True),
    ([4, 4, 4, 5, 5], 5, 0.8150, 0.8000, 0.490, False),
    ([1] * 9 + [5], 10, 0.5310, 0.6000, 1.200, False),
    ([2] * 5 + [4] * 5, 10, 0.5850, 0.1667, 1.000, True),
    ([2, 2, 2, 3, 3, 3, 4, 4, 4], 9, 0.7233, 0.5000, 0.816, False),
    ([1, 2, 2, 3, 5, 5, 5], 7, 0.3043, 0.0000, 1.578, True),
    ([5], 1, 1.0000, 1.0000, 0.000, None),
]


@pytest.mark.parametrize(
    ("scores", "n", "cns", "agr", "sd", "pol"),
    WORKED,
    ids=[",".join(map(str, row[0])) for row in WORKED],
)
def test_worked_values(
    scores: list[int], n: int, cns: float, agr: float, sd: float, pol: bool | None
) -> None:
    s = describe(scores, 1, 5, T)
    assert s.n == n
    assert s.consensus is not None
    assert s.agreement is not None
    assert s.sd is not None
    assert s.consensus == pytest.approx(cns, abs=5e-5)
    assert s.agreement == pytest.approx(agr, abs=5e-5)
    assert s.sd == pytest.approx(sd, abs=5e-4)
    assert s.polarised is pol
    # The standalone functions agree with describe.
    assert consensus(scores, 1, 5) == s.consensus
    assert agreement(scores, 1, 5) == s.agreement
    assert polarised(scores, T) is pol


# --------------------------------------------------------- published check (agrmt)

VAN_DER_EIJK = [30, 40, 210, 130, 530, 50, 10]


def test_agrmt_published_agreement() -> None:
    assert agreement_from_frequencies(VAN_DER_EIJK) == pytest.approx(0.6113333, abs=1e-6)


def test_agrmt_published_consensus() -> None:
    assert consensus_from_frequencies(VAN_DER_EIJK) == pytest.approx(0.7256876, abs=1e-6)


def test_frequency_functions_match_value_functions() -> None:
    values = [p + 1 for p, f in enumerate(VAN_DER_EIJK) for _ in range(f)]
    assert agreement(values, 1, 7) == agreement_from_frequencies(VAN_DER_EIJK)
    assert consensus(values, 1, 7) == consensus_from_frequencies(VAN_DER_EIJK)


def test_frequency_functions_empty() -> None:
    assert agreement_from_frequencies([0, 0, 0, 0, 0]) is None
    assert consensus_from_frequencies([0, 0, 0, 0, 0]) is None
    assert agreement_from_frequencies([]) is None
    assert consensus_from_frequencies([]) is None


def test_agreement_does_not_depend_on_n() -> None:
    assert agreement_from_frequencies([1, 2, 0, 0, 3]) == pytest.approx(
        agreement_from_frequencies([10, 20, 0, 0, 30])
    )


def test_negative_frequency_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        agreement_from_frequencies([1, -1, 2])


def test_score_off_the_scale_refused() -> None:
    with pytest.raises(ValueError, match="outside the scale"):
        describe([1, 6], 1, 5, T)


# ------------------------------------------------------------------- edge cases


def test_no_scores() -> None:
    s = describe([], 1, 5, T)
    assert s.n == 0
    for field in (
        "mean",
        "median",
        "min",
        "max",
        "range",
        "sd",
        "consensus",
        "agreement",
        "polarised",
        "low",
    ):
        assert getattr(s, field) is None, field
    assert s.distribution == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}
    assert list(s.distribution) == ["1", "2", "3", "4", "5"]
    assert consensus([], 1, 5) is None
    assert agreement([], 1, 5) is None
    assert polarised([], T) is None


def test_all_skipped_is_empty() -> None:
    # The caller removes skips and blanks, so an all-skipped item arrives empty.
    assert describe([], 1, 5, T) == describe((), 1, 5, T)


def test_one_score() -> None:
    s = describe([2], 1, 5, T)
    assert s.n == 1
    assert s.mean == 2.0
    assert s.median == 2.0
    assert s.min == 2
    assert s.max == 2
    assert s.range == 0
    assert s.sd == 0.0
    assert s.consensus == 1.0
    assert s.agreement == 1.0
    assert s.polarised is None
    assert s.low is None  # one score is too few to flag (n < 3)
    assert s.distribution == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 0}


@pytest.mark.parametrize("point", [1, 2, 3, 4, 5])
def test_unanimity(point: int) -> None:
    s = describe([point] * 12, 1, 5, T)
    assert s.consensus == 1.0
    assert s.agreement == 1.0
    assert s.sd == 0.0
    assert s.range == 0
    assert s.polarised is False


def test_split_between_the_ends() -> None:
    s = describe([1, 5] * 6, 1, 5, T)
    assert s.consensus == pytest.approx(0.0, abs=1e-12)
    assert s.agreement == pytest.approx(-1.0, abs=1e-12)
    assert s.sd == pytest.approx(2.0)
    assert s.polarised is True
    assert s.mean == 3.0
    assert s.low is False


def test_uniform_agreement_is_zero() -> None:
    assert agreement([1, 2, 3, 4, 5], 1, 5) == pytest.approx(0.0, abs=1e-12)
    assert agreement([1, 2, 3, 4, 5] * 7, 1, 5) == pytest.approx(0.0, abs=1e-12)


def test_consensus_uses_scale_width_not_observed_range() -> None:
    # With the observed range as width, [4,4,4,5,5] would read as near-total dissent.
    assert consensus([4, 4, 4, 5, 5], 1, 5) == pytest.approx(0.8150, abs=5e-5)
    # The same panel on a wider scale is closer to consensus.
    wide = consensus([4, 4, 4, 5, 5], 1, 10)
    assert wide is not None
    assert wide > 0.815


def test_small_hand_example() -> None:
    s = describe([1, 2, 2, 5], 1, 5, T)
    assert s.n == 4
    assert s.mean == 2.5
    assert s.median == 2.0
    assert s.min == 1
    assert s.max == 5
    assert s.range == 4
    assert s.low is False  # 2.5 is not below 2.5
    assert s.distribution == {"1": 1, "2": 2, "3": 0, "4": 0, "5": 1}
    assert isinstance(s.median, float)


def test_low_below_threshold() -> None:
    s = describe([1, 2, 2, 4], 1, 5, T)
    assert s.mean == 2.25
    assert s.median == 2.0
    assert s.low is True


def test_median_even_between_points() -> None:
    s = describe([2, 5, 3, 4], 1, 5, T)
    assert s.median == 3.5


def test_other_scale_offsets() -> None:
    s = describe([0, 0, 6, 6], 0, 6, Thresholds(low_camp=2, high_camp=4))
    assert s.distribution == {"0": 2, "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 2}
    assert s.consensus == pytest.approx(0.0, abs=1e-12)
    assert s.agreement == pytest.approx(-1.0, abs=1e-12)
    assert s.mean == 3.0


# -------------------------------------------------------------------- polarised


def test_polarised_needs_min_n() -> None:
    assert polarised([1, 5], T) is None
    assert polarised([1, 5, 5], T) is False  # k = 2, only one in the low camp
    assert polarised([1, 1, 5], Thresholds(polarised_min_n=4)) is None


def test_polarised_middle_must_be_thinner_than_both_camps() -> None:
    # n = 6, k = max(2, 2) = 2; L = 2, H = 2, M = 2: middle not thinner.
    assert polarised([1, 2, 3, 3, 4, 5], T) is False
    # n = 5, L = 2, H = 2, M = 1.
    assert polarised([1, 2, 3, 4, 5], T) is True


def test_polarised_one_dissenter_is_not_polarisation() -> None:
    assert polarised([1, 4, 4, 5, 5], T) is False


def test_polarised_custom_thresholds() -> None:
    t = Thresholds(camp_divisor=4, camp_min=1)
    # n = 3: k = max(1, ceil(3/4)) = 1; L = 1, H = 2, M = 0 -> polarised.
    assert polarised([1, 4, 5], t) is True
    # The default rule needs two on each side.
    assert polarised([1, 4, 5], T) is False
    # n = 8: k = max(1, 2) = 2; L = 2, H = 5, M = 1 -> polarised.
    assert polarised([1, 2, 3, 4, 4, 4, 5, 5], t) is True
    # Default: k = max(2, ceil(8/3) = 3) = 3; L = 2 -> not polarised.
    assert polarised([1, 2, 3, 4, 4, 4, 5, 5], T) is False
    # n = 9: k = max(1, ceil(9/4) = 3) = 3; L = 3, H = 3, M = 3 -> middle not thinner.
    assert polarised([1, 1, 2, 3, 3, 3, 4, 5, 5], t) is False
    # n = 9, L = 3, H = 4, M = 2 -> polarised.
    assert polarised([1, 1, 2, 3, 3, 4, 4, 5, 5], t) is True


def test_polarised_custom_camps() -> None:
    t = Thresholds(low_camp=1, high_camp=5)
    # Scores 2..4 are all middle now: L = 2, H = 2, M = 1.
    assert polarised([1, 1, 3, 5, 5], t) is True
    assert polarised([1, 1, 2, 4, 5, 5], t) is False  # M = 2, not below min(L, H) = 2
    assert describe([1, 1, 2, 4, 5, 5], 1, 5, t).polarised is False


# ------------------------------------------------------------------- properties

scores = st.lists(st.integers(min_value=1, max_value=5), min_size=0, max_size=60)


@given(scores)
def test_prop_counts(values: list[int]) -> None:
    s = describe(values, 1, 5, T)
    assert s.n == len(values)
    assert sum(s.distribution.values()) == len(values)
    assert list(s.distribution) == ["1", "2", "3", "4", "5"]
    for p in range(1, 6):
        assert s.distribution[str(p)] == values.count(p)


@given(scores)
def test_prop_mean_between_min_and_max(values: list[int]) -> None:
    s = describe(values, 1, 5, T)
    if not values:
        assert s.mean is None
        return
    assert s.mean is not None
    assert s.min is not None
    assert s.max is not None
    assert s.min <= s.mean <= s.max
    assert s.min == min(values)
    assert s.max == max(values)
    assert s.range == s.max - s.min


@given(scores)
def test_prop_matches_standard_library(values: list[int]) -> None:
    s = describe(values, 1, 5, T)
    if not values:
        return
    assert s.mean == pytest.approx(pystats.fmean(values), rel=1e-12)
    assert s.median == float(pystats.median(values))
    assert s.sd == pytest.approx(pystats.pstdev(values), rel=1e-9, abs=1e-12)
    assert s.low is ((pystats.fmean(values) < T.low) if len(values) >= 3 else None)


@given(scores.flatmap(lambda v: st.tuples(st.just(v), st.permutations(v))))
def test_prop_order_does_not_matter(pair: tuple[list[int], list[int]]) -> None:
    values, shuffled = pair
    assert describe(shuffled, 1, 5, T) == describe(values, 1, 5, T)
    assert polarised(shuffled, T) == polarised(values, T)


@given(scores)
def test_prop_consensus_in_unit_interval(values: list[int]) -> None:
    c = consensus(values, 1, 5)
    if not values:
        assert c is None
        return
    assert c is not None
    assert 0.0 <= c <= 1.0
    assert not math.isnan(c)


@given(scores)
def test_prop_agreement_in_range(values: list[int]) -> None:
    a = agreement(values, 1, 5)
    if not values:
        assert a is None
        return
    assert a is not None
    assert -1.0 <= a <= 1.0


@given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=9))
def test_prop_frequency_functions_in_range(freqs: list[int]) -> None:
    a = agreement_from_frequencies(freqs)
    c = consensus_from_frequencies(freqs)
    if sum(freqs) == 0:
        assert a is None
        assert c is None
        return
    assert a is not None
    assert c is not None
    assert -1.0 <= a <= 1.0
    assert 0.0 <= c <= 1.0
