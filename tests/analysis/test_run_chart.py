"""Run-chart data: the median, the order of points, cycle marks and shifts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rcdesk.analysis.run_chart import median, run_chart_data, shift_points
from rcdesk.domain.experiments import Experiment
from rcdesk.domain.gaps import Direction, Gap, Measure, MeasureValue

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
    data = run_chart_data(gap, [*mixed, same_day])
    assert [p.value for p in data.points] == [30.0, 40.0, 20.0, 25.0]
    assert [p.date for p in data.points] == sorted(p.date for p in data.points)
    assert data.median == pytest.approx(27.5)
    assert (data.baseline, data.target, data.target_date) == (18, 50, date(2027, 1, 1))
    assert (data.title, data.unit, data.direction) == ("Before noon", "%", Direction.LOWER)


def test_cycle_starts_are_marked_in_date_order_with_follow_ons_named() -> None:
    gap = Gap(id=1, workshop_id=1, title="Orders by 10:00")
    first = Experiment(id=1, workshop_id=1, gap_id=1, change_idea="Afternoon board round",
                       start=date(2026, 10, 1))
    second = Experiment(id=2, workshop_id=1, gap_id=1, change_idea="Board round at 15:00",
                        start=date(2026, 9, 20), previous_id=1)
    unplanned = Experiment(id=3, workshop_id=1, gap_id=1, change_idea="No date yet")
    other = Experiment(id=4, workshop_id=1, gap_id=2, change_idea="Other gap",
                       start=date(2026, 9, 1))
    data = run_chart_data(gap, [], [first, second, unplanned, other])
    assert [(m.date, m.label) for m in data.cycles] == [
        (date(2026, 9, 20), "Board round at 15:00 (follow-on)"),
        (date(2026, 10, 1), "Afternoon board round")]
    assert data.points == () and data.median is None and data.title == "Orders by 10:00"


def test_a_shift_is_six_points_on_one_side_of_the_median_ignoring_points_on_it() -> None:
    assert shift_points([1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5], 3) == (5, 6, 7, 8, 9, 10)
    assert shift_points([4, 4, 3, 4, 4, 4, 4, 1], 3) == (0, 1, 3, 4, 5, 6)
    assert shift_points([4, 4, 4, 4, 4, 2], 3) == ()
    assert shift_points([], None) == ()
    gap = Gap(id=1, workshop_id=1, title="t")
    data = run_chart_data(gap, values(1, *[1.0] * 7, *[9.0] * 6))
    assert data.median == 1 and data.shift == (7, 8, 9, 10, 11, 12)  # the 1s sit on it
