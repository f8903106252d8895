"""Run-chart data for a gap's measure: the dated values, their median, and the context lines.

A run chart (IHI) plots a measure over time around its median; points are in date
order (same-day values in the order they were recorded). The chart also shows the
baseline and target, and marks where each PDSA cycle started, so a shift can be
read against the changes the team made. A shift is six or more consecutive points
on one side of the median (points on the median neither break nor extend it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from rcdesk.domain.experiments import Experiment, cycle_number
from rcdesk.domain.gaps import Direction, Gap, MeasureValue

SHIFT_LENGTH = 6


@dataclass(frozen=True)
class RunPoint:
    date: date
    value: float


@dataclass(frozen=True)
class CycleMark:
    date: date
    label: str


@dataclass(frozen=True)
class RunChartData:
    title: str
    unit: str
    direction: Direction
    points: tuple[RunPoint, ...]
    median: float | None
    baseline: float | None
    baseline_date: date | None
    target: float | None
    target_date: date | None
    cycles: tuple[CycleMark, ...]
    #: Indexes into `points` of every point that belongs to a shift.
    shift: tuple[int, ...] = ()


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle values for an even count)."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def shift_points(values: Sequence[float], centre: float | None,
                 length: int = SHIFT_LENGTH) -> tuple[int, ...]:
    """Indexes of points in runs of `length`+ on one side of `centre` (ties skipped)."""
    if centre is None:
        return ()
    found: list[int] = []
    run: list[int] = []
    side = 0
    for index, value in enumerate(values):
        here = (value > centre) - (value < centre)
        if here == 0:
            continue
        if here != side:
            found += run if len(run) >= length else []
            run, side = [], here
        run.append(index)
    found += run if len(run) >= length else []
    return tuple(found)


def _cycle_label(e: Experiment, all_cycles: list[Experiment]) -> str:
    """The change idea (shortened), and "(follow-on)" for a later cycle of a chain."""
    idea = e.change_idea if len(e.change_idea) <= 34 else e.change_idea[:33] + "…"
    return f"{idea} (follow-on)" if cycle_number(e, all_cycles) > 1 else idea


def run_chart_data(gap: Gap, values: Iterable[MeasureValue],
                   experiments: Iterable[Experiment] = ()) -> RunChartData:
    """The run chart of one gap's measure (values of other gaps are ignored)."""
    own = sorted((v for v in values if v.gap_id == gap.id), key=lambda v: (v.date, v.id))
    points = tuple(RunPoint(v.date, v.value) for v in own)
    centre = median([p.value for p in points])
    cycles = [e for e in experiments if e.gap_id == gap.id]
    marks = tuple(sorted((CycleMark(e.start, _cycle_label(e, cycles))
                          for e in cycles if e.start is not None), key=lambda m: m.date))
    m = gap.measure
    return RunChartData(
        title=m.name or gap.title, unit=m.unit, direction=m.direction, points=points,
        median=centre, baseline=m.baseline_value, baseline_date=m.baseline_date,
        target=m.target_value, target_date=m.target_date, cycles=marks,
        shift=shift_points([p.value for p in points], centre))
