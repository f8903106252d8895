"""Run-chart data: the median, the order of points, cycle marks and shifts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from rcdesk.analysis.run_chart import median, run_chart_data
from rcdesk.domain.experiments import Act, Experiment, ExperimentStatus
from rcdesk.domain.gaps import ChartType, Direction, Gap, Measure, MeasureValue

START = date(2026, 9, 1)


def values(gap_id: int, *numbers: float, start: date = START) -> list[MeasureValue]:
    return [MeasureValue(id=i + 1, gap_id=gap_id, date=start + timedelta(days=7 * i), value=v)
            for i, v in enumerate(numbers)]


def test_median_of_odd_and_even_counts_and_of_nothing() -> None:
    assert median([5.0, 1.0, 3.0]) == 3.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert median([7.0]) == 7.0
    assert median([]) is None
    assert median([2.0, 2.0, 9.0, 2.0]) == 2.0


def test_points_are_in_date_order_and_other_gaps_values_are_left_out() -> None:
    gap = Gap(id=1, workshop_id=1, title="Orders by 10:00",
              measure=Measure(name="Before noon", unit="%", direction=Direction.LOWER,
                              baseline_value=18, target_value=50,
                              target_date=date(2027, 1, 1)))
    mixed = values(1, 30.0, 20.0, 25.0)[::-1] + values(2, 99.0)
    same_day = MeasureValue(id=10, gap_id=1, date=START, value=40.0)
    gap = replace(gap, measure=replace(gap.measure, chart=ChartType.RUN))
    data = run_chart_data(gap, [*mixed, same_day])
    assert [p.value for p in data.points] == [30.0, 40.0, 20.0, 25.0]
    assert [p.date for p in data.points] == sorted(p.date for p in data.points)
    assert data.median == pytest.approx(27.5)
    assert (data.baseline, data.target, data.target_date) == (18, 50, date(2027, 1, 1))
    assert (data.title, data.unit, data.direction) == ("Before noon", "%", Direction.LOWER)


def test_cycles_are_bands_in_start_order_with_follow_ons_named_and_decisions() -> None:
    gap = Gap(id=1, workshop_id=1, title="Orders by 10:00")
    first = Experiment(id=1, workshop_id=1, gap_id=1, change_idea="Afternoon board round",
                       start=date(2026, 10, 1), due=date(2026, 10, 15))
    second = Experiment(id=2, workshop_id=1, gap_id=1, change_idea="Board round at 15:00",
                        start=date(2026, 9, 20), previous_id=1,
                        status=ExperimentStatus.DECIDED, act=Act.ADOPT)
    unplanned = Experiment(id=3, workshop_id=1, gap_id=1, change_idea="No date yet")
    other = Experiment(id=4, workshop_id=1, gap_id=2, change_idea="Other gap",
                       start=date(2026, 9, 1))
    data = run_chart_data(gap, [], [first, second, unplanned, other])
    assert [(m.start, m.end, m.label, m.caption) for m in data.cycles] == [
        (date(2026, 9, 20), date(2026, 9, 20), "Board round at 15:00 (follow-on)",
         "Cycle 1: adopt"),
        (date(2026, 10, 1), date(2026, 10, 15), "Afternoon board round", "Cycle 2")]
    assert data.points == () and data.median is None and data.title == "Orders by 10:00"
    assert data.verdict is None


def test_a_shift_is_a_run_longer_than_the_anhoej_limit_ignoring_points_on_the_median(
        ) -> None:
    gap = Gap(id=1, workshop_id=1, title="t", measure=Measure(chart=ChartType.RUN))
    data = run_chart_data(gap, values(1, *[1.0] * 7, *[9.0] * 6))
    # The 1s sit on the median (1): only the six 9s are useful, too few to judge.
    assert data.median == 1 and data.shift == ()
    assert data.verdict is not None and data.verdict.text == (
        "Too few points to judge: 6 useful points, the rules need 10.")
    baseline = replace(gap, measure=replace(gap.measure, baseline_points=10))
    shifted = run_chart_data(baseline, values(1, 3, 5, 2, 6, 4, 3, 5, 2, 6, 4, *[9.0] * 9))
    stage = shifted.stages[0]
    # Median of the first ten: 4; the two 4s are not useful, leaving 17.
    assert stage.centre == 4 and stage.runs.n_useful == 17 and stage.runs.crossings == 7
    assert shifted.shift == (8, *range(10, 19))
    assert shifted.verdict is not None and shifted.verdict.text == (
        "Signal: 10 points in a row above the median: a shift (more than 7 is unusual for 17 "
        "points).")


def test_the_baseline_is_the_first_points_or_those_before_a_date() -> None:
    numbers = [4, 5, 6, 5, 4, 6, 5, 4, 6, 5, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9]
    first_ten = Gap(id=1, workshop_id=1, title="t",
                    measure=Measure(chart=ChartType.RUN, baseline_points=10))
    data = run_chart_data(first_ten, values(1, *numbers))
    assert data.stages[0].centre == 5 and data.stages[0].baseline == tuple(range(10))
    assert data.shift == (8, *range(10, 20))  # the 5 at index 9 sits on the median
    before = replace(first_ten, measure=replace(first_ten.measure, baseline_points=None,
                                                baseline_until=START + timedelta(days=7 * 5)))
    data = run_chart_data(before, values(1, *numbers))
    assert data.stages[0].baseline == (0, 1, 2, 3, 4) and data.stages[0].centre == 5
    everything = run_chart_data(replace(first_ten, measure=Measure(chart=ChartType.RUN)),
                                values(1, *numbers))
    assert everything.stages[0].centre == 7.5  # the median of all twenty values


def test_counts_are_charted_as_count_over_total_and_counts_without_one_left_out() -> None:
    from rcdesk.domain.gaps import MeasureKind

    counted = Gap(id=1, workshop_id=1, title="t",
                  measure=Measure(kind=MeasureKind.RATE, chart=ChartType.RUN))
    recorded = [MeasureValue(1, 1, START, 3, denominator=4),
                MeasureValue(2, 1, START + timedelta(days=1), 5),
                MeasureValue(3, 1, START + timedelta(days=2), 1, denominator=2)]
    data = run_chart_data(counted, recorded)
    assert [p.value for p in data.points] == [0.75, 0.5] and data.left_out == 1
    measured = replace(counted, measure=Measure(chart=ChartType.RUN))
    data = run_chart_data(measured, recorded)  # a measured value: a stray total is ignored
    assert [p.value for p in data.points] == [3, 5, 1] and data.left_out == 0
