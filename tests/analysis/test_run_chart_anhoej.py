"""The run chart's shift follows the Anhøj rules, not a fixed six points (issue 21)."""

from __future__ import annotations

from datetime import date, timedelta

from rcdesk.analysis.run_chart import run_chart_data
from rcdesk.domain.gaps import Gap, MeasureValue

GAP = Gap(id=1, workshop_id=1, title="Orders by 10:00")


def values(*numbers: float) -> list[MeasureValue]:
    return [MeasureValue(id=i + 1, gap_id=1, date=date(2026, 1, 5) + timedelta(days=7 * i),
                         value=v) for i, v in enumerate(numbers)]


def test_seven_in_a_row_among_twenty_useful_points_is_no_shift() -> None:
    # 20 useful points: a run longer than round(log2(20)) + 3 = 7 signals, 7 does not.
    numbers = [1, 9, 1, 9, 1, 9, 1, 9, 1, 9, 1, 9, 1, 9, 9, 9, 9, 9, 9, 1]
    assert run_chart_data(GAP, values(*numbers)).shift == ()

