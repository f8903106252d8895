"""Statistical process control: the Anhøj run-chart rules and Shewhart I, P and U limits.

Plain functions on lists of numbers (stdlib only), written from the published
definitions and checked against qicharts2 (Anhøj, R package, R/helper.functions.R):

* Runs analysis (Anhøj & Olesen 2014, PLoS ONE 9(11): e113825). Points on the
  centre line are not useful and are dropped. The longest run (points in a row on
  one side) signals when it is longer than round(log2(n)) + 3 (Schilling 2012);
  the number of crossings signals when it is smaller than the 5th percentile of
  Binomial(n - 1, 0.5) (Chen 2010), n being the number of useful observations.
* I chart (XmR): centre line the mean; sigma = mean moving range / 1.128 with the
  moving ranges above 3.267 × their mean screened out first (Provost & Murray,
  The Health Care Data Guide, p. 156; qicharts2 with its attached default
  ``qic.screenedmr = TRUE``); limits CL ± 3 sigma (≈ CL ± 2.66 × mean MR).
* P chart: CL = Σ numerators / Σ denominators, limits p ± 3 √(p(1 − p) / nᵢ)
  clipped to [0, 1] (Montgomery 7.7). U chart: CL = Σ counts / Σ exposure,
  limits u ± 3 √(u / nᵢ), the lower clipped at 0 (Montgomery 7.19).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

#: Fewer useful observations than this, and the chart is "too few points to judge".
MIN_USEFUL = 10
#: d2 for moving ranges of two points, and D4 (the moving ranges' upper limit factor).
D2 = 1.128
D4 = 3.267


def qbinom(p: float, size: int, prob: float = 0.5) -> int:
    """The smallest x with P(X ≤ x) ≥ p for X ~ Binomial(size, prob), as R's qbinom.

    Summed exactly in fractions, so no rounding decides a borderline quantile.
    """
    if size < 0 or not 0 <= prob <= 1 or not 0 <= p <= 1:
        raise ValueError("qbinom needs size ≥ 0 and p, prob in [0, 1]")
    target = Fraction(p)
    if prob == 0.5:  # the runs rule's case, in integers: Σ C(size, x) ≥ p · 2^size
        goal = target * 2 ** size
        total, term = 0, 1
        for x in range(size + 1):
            total += term
            if total >= goal:
                return x
            term = term * (size - x) // (x + 1)
        return size
    success = Fraction(prob)
    mass: Fraction = (1 - success) ** size
    cumulative = Fraction(0)
    for x in range(size + 1):
        cumulative += mass
        if cumulative >= target:
            return x
        if success < 1:
            mass = mass * (size - x) / (x + 1) * success / (1 - success)
    return size


def longest_run_limit(n_useful: int) -> int:
    """The longest run expected in random data: longer than this signals a shift."""
    return math.floor(math.log2(n_useful) + 0.5) + 3 if n_useful > 0 else 0


def crossings_limit(n_useful: int) -> int:
    """The fewest crossings expected in random data: fewer than this signals."""
    return qbinom(0.05, max(n_useful - 1, 0), 0.5)


@dataclass(frozen=True)
class Runs:
    """The runs analysis of a series around its centre line."""

    n_obs: int
    n_useful: int
    longest_run: int
    #: +1 when the longest run lies above the centre line, -1 below, 0 without points.
    longest_side: int
    longest_run_max: int
    crossings: int
    crossings_min: int
    #: Indexes (into the series given) of the points in the longest run.
    longest_points: tuple[int, ...] = ()

    @property
    def judged(self) -> bool:
        """Enough useful points for the rules to say anything."""
        return self.n_useful >= MIN_USEFUL

    @property
    def long_run_signal(self) -> bool:
        return self.judged and self.longest_run > self.longest_run_max

    @property
    def crossings_signal(self) -> bool:
        return self.judged and self.crossings < self.crossings_min

    @property
    def signal(self) -> bool:
        return self.long_run_signal or self.crossings_signal


def runs_analysis(values: Sequence[float], centre: float | None) -> Runs:
    """Longest run and crossings of `values` around `centre` (points on it skipped)."""
    useful = [] if centre is None else [
        (i, (v > centre) - (v < centre)) for i, v in enumerate(values) if v != centre]
    runs: list[list[int]] = []
    sides: list[int] = []
    for index, side in useful:
        if not sides or sides[-1] != side:
            runs.append([])
            sides.append(side)
        runs[-1].append(index)
    n = len(useful)
    longest = max(range(len(runs)), key=lambda k: (len(runs[k]), k), default=None)
    return Runs(
        n_obs=len(values), n_useful=n,
        longest_run=len(runs[longest]) if longest is not None else 0,
        longest_side=sides[longest] if longest is not None else 0,
        longest_run_max=longest_run_limit(n), crossings=max(len(runs) - 1, 0),
        crossings_min=crossings_limit(n),
        longest_points=tuple(runs[longest]) if longest is not None else ())


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle values for an even count)."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class Limits:
    """A centre line and, per point, the lower and upper 3-sigma limits (None: no limit)."""

    centre: float
    lower: tuple[float | None, ...]
    upper: tuple[float | None, ...]


def moving_range_mean(values: Sequence[float], screened: bool = True) -> float | None:
    """The mean moving range; screened, ranges of 3.267 × the mean or more are left out."""
    ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    if not ranges:
        return None
    mean = sum(ranges) / len(ranges)
    if screened:
        kept = [r for r in ranges if r < D4 * mean]
        mean = sum(kept) / len(kept) if kept else mean
    return mean


def i_limits(baseline: Sequence[float], count: int, screened: bool = True) -> Limits | None:
    """XmR limits from the baseline values, for `count` points; None below two values."""
    mr = moving_range_mean(baseline, screened)
    if mr is None:
        return None
    centre = sum(baseline) / len(baseline)
    sigma = mr / D2
    return Limits(centre, (centre - 3 * sigma,) * count, (centre + 3 * sigma,) * count)


def p_limits(numerators: Sequence[float], denominators: Sequence[float],
             sizes: Sequence[float]) -> Limits | None:
    """P-chart limits: the baseline's pooled proportion, per-point limits for `sizes`."""
    total = sum(denominators)
    if total <= 0:
        return None
    p = sum(numerators) / total
    spread = [3 * math.sqrt(p * (1 - p) / n) for n in sizes]
    return Limits(p, tuple(max(p - s, 0.0) for s in spread),
                  tuple(min(p + s, 1.0) for s in spread))


def u_limits(counts: Sequence[float], exposures: Sequence[float],
             sizes: Sequence[float]) -> Limits | None:
    """U-chart limits: the baseline's pooled rate, per-point limits for `sizes`."""
    total = sum(exposures)
    if total <= 0:
        return None
    u = sum(counts) / total
    spread = [3 * math.sqrt(u / n) for n in sizes]
    return Limits(u, tuple(max(u - s, 0.0) for s in spread), tuple(u + s for s in spread))


def outside(values: Sequence[float], limits: Limits) -> tuple[int, ...]:
    """Indexes of the points strictly beyond their limits."""
    found = []
    for i, v in enumerate(values):
        low, high = limits.lower[i], limits.upper[i]
        if (high is not None and v > high) or (low is not None and v < low):
            found.append(i)
    return tuple(found)
