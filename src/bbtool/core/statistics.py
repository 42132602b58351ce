"""Statistics over the counted scores of one item: pure functions, no I/O.

Everything is computed from a single frequency count over the scale points, so
the cost per item is linear in the number of scores and the results do not
depend on the order of the scores. Definitions and worked values are in
``docs/statistics`` (consensus: Tastle & Wierman 2007; agreement: van der Eijk
2001; polarised: this project's camp rule).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from bbtool.core.models import Thresholds
from bbtool.core.results import Stats

__all__ = [
    "agreement",
    "agreement_from_frequencies",
    "consensus",
    "consensus_from_frequencies",
    "describe",
    "polarised",
]


# ------------------------------------------------------------------ frequencies


def _frequencies(values: Sequence[int], scale_min: int, scale_max: int) -> list[int]:
    """Count the scores at each scale point, lowest point first."""
    if scale_max < scale_min:
        raise ValueError(f"scale_max {scale_max} is below scale_min {scale_min}")
    freqs = [0] * (scale_max - scale_min + 1)
    for v in values:
        if not scale_min <= v <= scale_max:
            raise ValueError(f"score {v!r} is outside the scale {scale_min}..{scale_max}")
        freqs[v - scale_min] += 1
    return freqs


def _checked(freqs: Sequence[int]) -> int:
    """Return the total of a frequency vector, refusing negative counts."""
    total = 0
    for f in freqs:
        if f < 0:
            raise ValueError(f"frequency {f!r} is negative")
        total += f
    return total


def _clamp(x: float, lo: float, hi: float) -> float:
    return min(hi, max(lo, x))


# -------------------------------------------------------------------- consensus


def _consensus(freqs: Sequence[int], n: int, width: int) -> float:
    """Tastle & Wierman consensus over points 0..K-1 (offset is irrelevant)."""
    if width == 0:
        return 1.0
    total = sum(i * f for i, f in enumerate(freqs))
    mean = total / n
    acc = 0.0
    for i, f in enumerate(freqs):
        if f == 0:
            continue
        arg = 1.0 - abs(i - mean) / width
        if arg <= 0.0:
            # Only reachable through float error: clamp into [0, 1].
            return 0.0
        acc += (f / n) * math.log2(arg)
    return _clamp(1.0 + acc, 0.0, 1.0)


def consensus_from_frequencies(freqs: Sequence[int]) -> float | None:
    """Tastle & Wierman consensus for counts at points 1..K (scale width K-1).

    None when there are no scores. 1 = everyone on one point, 0 = half at each end.
    """
    n = _checked(freqs)
    if n == 0:
        return None
    return _consensus(freqs, n, len(freqs) - 1)


def consensus(values: Sequence[int], scale_min: int, scale_max: int) -> float | None:
    """Tastle & Wierman consensus of scores on the scale ``scale_min..scale_max``.

    The width used is that of the scale, not the observed range.
    """
    return consensus_from_frequencies(_frequencies(values, scale_min, scale_max))


# -------------------------------------------------------------------- agreement


@lru_cache(maxsize=4096)
def _pattern_agreement(pattern: tuple[bool, ...]) -> float:
    """Van der Eijk's agreement A for one layer's 0/1 pattern."""
    k = len(pattern)
    s = sum(pattern)
    if s == 1:
        return 1.0
    tu = 0
    tdu = 0
    for i in range(k):
        for j in range(i + 1, k):
            for m in range(j + 1, k):
                a, b, c = pattern[i], pattern[j], pattern[m]
                if a and not b and c:
                    tdu += 1
                elif (a and b and not c) or (not a and b and c):
                    tu += 1
    if tu + tdu == 0:
        return 0.0
    u = ((k - 2) * tu - (k - 1) * tdu) / ((k - 2) * (tu + tdu))
    return u * (1 - (s - 1) / (k - 1))


def agreement_from_frequencies(freqs: Sequence[int]) -> float | None:
    """Van der Eijk (2001) agreement A over K scale points (K = len(freqs)).

    The frequency vector keeps empty points. None when there are no scores.
    1 = all on one point, 0 = uniform, -1 = half at each end.
    """
    n = _checked(freqs)
    if n == 0:
        return None
    remaining = list(freqs)
    result = 0.0
    while True:
        nonzero = [r for r in remaining if r > 0]
        if not nonzero:
            break
        m = min(nonzero)
        pattern = tuple(r > 0 for r in remaining)
        s = len(nonzero)
        result += (m * s / n) * _pattern_agreement(pattern)
        remaining = [r - m if r > 0 else 0 for r in remaining]
    return _clamp(result, -1.0, 1.0)


def agreement(values: Sequence[int], scale_min: int, scale_max: int) -> float | None:
    """Van der Eijk agreement A of scores on the scale ``scale_min..scale_max``."""
    return agreement_from_frequencies(_frequencies(values, scale_min, scale_max))


# -------------------------------------------------------------------- polarised


def _polarised_counts(low: int, middle: int, high: int, thresholds: Thresholds) -> bool | None:
    n = low + middle + high
    if n < thresholds.polarised_min_n:
        return None
    k = max(thresholds.camp_min, -(-n // thresholds.camp_divisor))
    return low >= k and high >= k and middle < min(low, high)


def _polarised_freqs(freqs: Sequence[int], scale_min: int, thresholds: Thresholds) -> bool | None:
    low = middle = high = 0
    for i, f in enumerate(freqs):
        v = scale_min + i
        if v <= thresholds.low_camp:
            low += f
        elif v >= thresholds.high_camp:
            high += f
        else:
            middle += f
    return _polarised_counts(low, middle, high, thresholds)


def polarised(values: Sequence[int], thresholds: Thresholds) -> bool | None:
    """Whether the panel splits into a low and a high camp with a thin middle.

    None when fewer than ``thresholds.polarised_min_n`` scores are counted.
    """
    low = middle = high = 0
    for v in values:
        if v <= thresholds.low_camp:
            low += 1
        elif v >= thresholds.high_camp:
            high += 1
        else:
            middle += 1
    return _polarised_counts(low, middle, high, thresholds)


# --------------------------------------------------------------------- describe


def _nth(freqs: Sequence[int], scale_min: int, index: int) -> int:
    """The score at 0-based position ``index`` of the sorted scores."""
    seen = 0
    for i, f in enumerate(freqs):
        seen += f
        if index < seen:
            return scale_min + i
    raise IndexError(index)  # pragma: no cover - callers pass index < n


def describe(
    values: Sequence[int], scale_min: int, scale_max: int, thresholds: Thresholds
) -> Stats:
    """All statistics for one item's counted scores (skips and blanks removed)."""
    freqs = _frequencies(values, scale_min, scale_max)
    distribution = {str(scale_min + i): f for i, f in enumerate(freqs)}
    n = sum(freqs)
    if n == 0:
        return Stats(
            n=0,
            mean=None,
            median=None,
            min=None,
            max=None,
            range=None,
            sd=None,
            consensus=None,
            agreement=None,
            polarised=None,
            low=None,
            distribution=distribution,
        )
    total = 0
    total_sq = 0
    for i, f in enumerate(freqs):
        v = scale_min + i
        total += f * v
        total_sq += f * v * v
    mean = total / n
    # Population SD from exact integer sums: n^2 * variance = n*sum(x^2) - (sum x)^2.
    sd = math.sqrt(n * total_sq - total * total) / n
    if n % 2:
        median = float(_nth(freqs, scale_min, n // 2))
    else:
        median = (_nth(freqs, scale_min, n // 2 - 1) + _nth(freqs, scale_min, n // 2)) / 2
    lo = scale_min + next(i for i, f in enumerate(freqs) if f)
    hi = scale_min + max(i for i, f in enumerate(freqs) if f)
    return Stats(
        n=n,
        mean=mean,
        median=median,
        min=lo,
        max=hi,
        range=hi - lo,
        sd=sd,
        consensus=_consensus(freqs, n, scale_max - scale_min),
        agreement=agreement_from_frequencies(freqs),
        polarised=_polarised_freqs(freqs, scale_min, thresholds),
        # too few counted scores to flag: one person's view is not the group's
        low=mean < thresholds.low if n >= thresholds.low_min_n else None,
        distribution=distribution,
    )
