"""A measure's kind decides what a value needs; chart choices are checked (issue 21)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rcdesk.domain.errors import ValidationError
from rcdesk.domain.gaps import ChartType, MeasureKind
from rcdesk.services.gaps import GapsService
from rcdesk.services.workshop import WorkshopService

DAY = date(2026, 2, 2)


def gap_of_kind(sample: WorkshopService, kind: MeasureKind) -> tuple[GapsService, int]:
    gaps = GapsService(sample)
    gaps.create_gap(gaps.draft("Counted"))
    gap = max(gaps.gaps(), key=lambda g: g.id)
    gaps.update_gap(replace(gap, measure=replace(gap.measure, kind=kind)))
    return gaps, gap.id


def test_counts_need_a_positive_denominator_and_proportions_no_more_than_it(
        sample: WorkshopService) -> None:
    gaps, gap_id = gap_of_kind(sample, MeasureKind.PROPORTION)
    with pytest.raises(ValidationError, match="denominator"):
        gaps.add_measure_value(gap_id, DAY, 3)
    with pytest.raises(ValidationError, match="denominator"):
        gaps.add_measure_value(gap_id, DAY, 3, denominator=0)
    with pytest.raises(ValidationError, match="cannot be more than its total"):
        gaps.add_measure_value(gap_id, DAY, 30, denominator=20)
    with pytest.raises(ValidationError, match="negative"):
        gaps.add_measure_value(gap_id, DAY, -1, denominator=20)
    assert gaps.measure_values(gap_id) == []
    gaps.add_measure_value(gap_id, DAY, 20, denominator=20)
    rates, rate_id = gap_of_kind(sample, MeasureKind.RATE)
    rates.add_measure_value(rate_id, DAY, 30, denominator=20)  # 1.5 per unit is fine
    assert [v.denominator for v in rates.measure_values(rate_id)] == [20]


def test_a_measured_value_has_no_denominator(sample: WorkshopService) -> None:
    gaps, gap_id = gap_of_kind(sample, MeasureKind.CONTINUOUS)
    with pytest.raises(ValidationError, match="no denominator"):
        gaps.add_measure_value(gap_id, DAY, 3, denominator=4)


def test_p_and_u_charts_need_counts_and_a_baseline_needs_two_points(
        sample: WorkshopService) -> None:
    gaps, gap_id = gap_of_kind(sample, MeasureKind.CONTINUOUS)
    gap = gaps.gap(gap_id)
    with pytest.raises(ValidationError, match="P and U charts need counts"):
        gaps.update_gap(replace(gap, measure=replace(gap.measure, chart=ChartType.U)))
    with pytest.raises(ValidationError, match="at least 2 points"):
        gaps.update_gap(replace(gap, measure=replace(gap.measure, baseline_points=1)))
    assert gaps.gap(gap_id) == gap
