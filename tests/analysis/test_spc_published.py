"""The SPC rules and limits reproduce published values (issue 21).

Every expected value is written in from its source, and the test also computes it
again independently (plain formulas here, not analysis/spc.py) so a typo in either
shows up:

* Anhøj rules: the table "Critical values for longest run and number of crossings"
  (qicharts2 vignette, Appendix 2; Anhøj & Olesen 2014), n = 10 … 100.
* P chart: Montgomery, Introduction to Statistical Quality Control, Example 7.1
  (orange-juice cans, 30 samples of 50: p̄ = 0.2313, UCL 0.4102, LCL 0.0524,
  samples 15 and 23 above), and the samples 31-54 taken after the machine was
  adjusted (p̄ = 0.1108, UCL 0.2440, LCL 0): our staged chart.
* U chart: Montgomery's personal-computer assembly data (20 samples of 5 units,
  ū = 1.93, UCL 3.79, LCL 0.07; the qcc data set pcmanufact).
* I chart: Montgomery's mortgage-loan processing costs (20 weeks, x̄ = 300.5,
  mean moving range 7.79, UCL 321.22, LCL 279.78).

Checked against other public copies (2026-12-07): the orange-juice counts (all 54 samples)
and the trial limits 0.2313 / 0.4102 / 0.0524 agree with the qcc data set `orangejuice` and
with an independent test fixture quoting Montgomery's Table 7.4. The U- and I-chart figures
are as remembered from the book and recomputed here, not yet checked against a printed copy.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from rcdesk.analysis import spc
from rcdesk.analysis.run_chart import run_chart_data
from rcdesk.domain.experiments import Act, Experiment, ExperimentStatus
from rcdesk.domain.gaps import ChartType, Gap, Measure, MeasureKind, MeasureValue

# -- Anhøj & Olesen: n = 10 … 100 ---------------------------------------------------------
#: Upper limit for the longest run: 6 for n = 10-11, 7 for 12-22, 8 for 23-45, 9 for 46-90,
#: 10 for 91-100 (as printed).
PUBLISHED_LONGEST = {n: 6 if n <= 11 else 7 if n <= 22 else 8 if n <= 45 else 9 if n <= 90
                     else 10 for n in range(10, 101)}
#: Lower limit for the number of crossings, n = 10, 11, … 100 (as printed).
PUBLISHED_CROSSINGS = dict(zip(range(10, 101), [
    2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 10, 10, 11, 11, 11, 12, 12, 13,
    13, 14, 14, 14, 15, 15, 16, 16, 17, 17, 17, 18, 18, 19, 19, 20, 20, 21, 21, 21, 22, 22,
    23, 23, 24, 24, 25, 25, 25, 26, 26, 27, 27, 28, 28, 29, 29, 29, 30, 30, 31, 31, 32, 32,
    33, 33, 34, 34, 34, 35, 35, 36, 36, 37, 37, 38, 38, 39, 39, 39, 40, 40, 41, 41], strict=True))


def independent_crossings_limit(n: int) -> int:
    """5th percentile of Binomial(n - 1, ½), summed in floating point."""
    cumulative = 0.0
    for x in range(n):
        cumulative += math.comb(n - 1, x) / 2 ** (n - 1)
        if cumulative >= 0.05:
            return x
    raise AssertionError


@pytest.mark.parametrize("n", range(10, 101))
def test_run_and_crossing_limits_match_the_published_table(n: int) -> None:
    assert spc.longest_run_limit(n) == PUBLISHED_LONGEST[n] == round(math.log2(n) + 3)
    assert spc.crossings_limit(n) == PUBLISHED_CROSSINGS[n] == independent_crossings_limit(n)


def test_qbinom_matches_r_on_other_probabilities() -> None:
    # R: qbinom(0.5, 10, 0.3) = 3, qbinom(0.95, 20, 0.1) = 4, qbinom(0, 5, 0.5) = 0.
    assert spc.qbinom(0.5, 10, 0.3) == 3
    assert spc.qbinom(0.95, 20, 0.1) == 4
    assert spc.qbinom(0.0, 5, 0.5) == 0
    assert spc.qbinom(1.0, 5, 0.5) == 5
    assert spc.qbinom(0.5, 4, 1.0) == 4 and spc.qbinom(0.5, 4, 0.0) == 0


def test_the_crossings_limit_beyond_the_table_matches_a_float_sum() -> None:
    for n in (1, 2, 5, 101, 250, 500, 900):
        assert spc.crossings_limit(n) == independent_crossings_limit(n)


def test_runs_skip_points_on_the_centre_line_and_count_crossings() -> None:
    # 12 values around 5; the three 5s are not useful: 9 useful, runs ++ - +++ -- +.
    values = [6, 7, 5, 3, 8, 9, 5, 7, 2, 1, 5, 6]
    runs = spc.runs_analysis(values, 5)
    assert (runs.n_obs, runs.n_useful) == (12, 9)
    assert (runs.longest_run, runs.longest_side, runs.longest_points) == (3, 1, (4, 5, 7))
    assert runs.crossings == 4 and not runs.judged and not runs.signal


def test_a_long_run_and_too_few_crossings_signal() -> None:
    # 20 useful points, 8 in a row above: longer than 7, and only 3 crossings (< 6).
    values = [1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9, 1, 1, 1, 1, 9, 9]
    runs = spc.runs_analysis(values, 5)
    assert (runs.longest_run, runs.longest_run_max, runs.crossings, runs.crossings_min) == (
        8, 7, 3, 6)
    assert runs.long_run_signal and runs.crossings_signal


# -- Shewhart limits ----------------------------------------------------------------------

ORANGE_JUICE = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20,
                18, 24, 15, 9, 12, 7, 13, 9, 6]
AFTER_ADJUSTMENT = [9, 6, 12, 5, 6, 4, 6, 3, 7, 6, 2, 4, 3, 6, 5, 4, 8, 5, 6, 7, 5, 6, 3, 5]
PC_NONCONFORMITIES = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5]
LOAN_COSTS = [310, 288, 297, 298, 307, 303, 294, 297, 308, 306, 294, 299, 297, 299, 314, 295,
              293, 306, 301, 304]


def test_p_chart_of_montgomery_example_7_1() -> None:
    limits = spc.p_limits(ORANGE_JUICE, [50] * 30, [50] * 30)
    assert limits is not None
    p = sum(ORANGE_JUICE) / 1500
    spread = 3 * math.sqrt(p * (1 - p) / 50)
    assert limits.centre == pytest.approx(p) and round(p, 4) == 0.2313
    assert limits.upper[0] == pytest.approx(p + spread) and round(p + spread, 4) == 0.4102
    assert limits.lower[0] == pytest.approx(p - spread) and round(p - spread, 4) == 0.0524
    outside = spc.outside([d / 50 for d in ORANGE_JUICE], limits)
    assert [i + 1 for i in outside] == [15, 23]  # the samples Montgomery flags


def test_u_chart_of_montgomerys_computer_assembly_data() -> None:
    limits = spc.u_limits(PC_NONCONFORMITIES, [5] * 20, [5] * 20)
    assert limits is not None
    u = sum(PC_NONCONFORMITIES) / 100
    assert limits.centre == pytest.approx(u) and u == pytest.approx(1.93)
    assert round(limits.upper[0], 2) == 3.79 == round(u + 3 * math.sqrt(u / 5), 2)
    assert round(limits.lower[0], 2) == 0.07 == round(u - 3 * math.sqrt(u / 5), 2)


def test_u_chart_lower_limit_is_clipped_at_zero_with_per_point_sizes() -> None:
    limits = spc.u_limits([2, 3, 1], [4, 2, 1], [4, 2, 1])
    assert limits is not None
    u = 6 / 7
    assert limits.lower == (0.0, 0.0, 0.0)
    assert limits.upper == pytest.approx(tuple(u + 3 * math.sqrt(u / n) for n in (4, 2, 1)))


def test_i_chart_of_montgomerys_loan_costs() -> None:
    limits = spc.i_limits(LOAN_COSTS, len(LOAN_COSTS))
    assert limits is not None
    ranges = [abs(b - a) for a, b in zip(LOAN_COSTS, LOAN_COSTS[1:], strict=False)]
    mr = sum(ranges) / len(ranges)
    assert round(mr, 2) == 7.79 and limits.centre == pytest.approx(300.5)
    assert limits.upper[0] == pytest.approx(300.5 + 3 * mr / 1.128)
    assert round(limits.upper[0], 2) == 321.22 and round(limits.lower[0], 2) == 279.78


def test_i_chart_screens_moving_ranges_as_provost_and_qicharts2() -> None:
    values = [10, 11, 10, 12, 11, 10, 40, 11, 10, 11]
    ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    raw = sum(ranges) / len(ranges)
    kept = [r for r in ranges if r < 3.267 * raw]
    assert len(kept) == len(ranges) - 2  # the two ranges around the 40 go
    screened = spc.i_limits(values, 10)
    unscreened = spc.i_limits(values, 10, screened=False)
    assert screened is not None and unscreened is not None
    mean = sum(values) / 10
    assert screened.upper[0] == pytest.approx(mean + 3 * (sum(kept) / len(kept)) / 1.128)
    assert unscreened.upper[0] == pytest.approx(mean + 3 * raw / 1.128)


# -- the staged P chart through the chart data --------------------------------------------

def test_staged_p_chart_freezes_limits_at_an_adopted_change_and_recomputes_after() -> None:
    start = date(2026, 1, 5)
    counts = ORANGE_JUICE + AFTER_ADJUSTMENT
    values = [MeasureValue(i + 1, 1, start + timedelta(days=i), c, denominator=50)
              for i, c in enumerate(counts)]
    adjusted = Experiment(id=1, workshop_id=1, gap_id=1, change_idea="Adjust the machine",
                          start=start + timedelta(days=27), due=start + timedelta(days=29),
                          status=ExperimentStatus.DECIDED, act=Act.ADOPT)
    gap = Gap(id=1, workshop_id=1, title="Leaky cans",
              measure=Measure(name="Nonconforming cans", kind=MeasureKind.PROPORTION))
    data = run_chart_data(gap, values, [adjusted])
    assert data.chart is ChartType.P and len(data.stages) == 2
    first, second = data.stages
    assert (first.first, first.last, second.first, second.last) == (0, 29, 30, 53)
    assert round(first.centre, 4) == 0.2313 and round(first.upper[0], 4) == 0.4102
    p2 = sum(AFTER_ADJUSTMENT) / 1200
    assert second.centre == pytest.approx(p2) and round(p2, 4) == 0.1108
    assert round(second.upper[0], 4) == 0.2440 == round(p2 + 3 * math.sqrt(p2 * (1 - p2) / 50),
                                                        4)
    assert second.lower[0] == 0.0  # p - 3 sigma < 0, clipped
    assert data.outside == (14, 22) and second.cause == "since cycle 1 was adopted"
