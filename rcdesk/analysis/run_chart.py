"""Chart data for a gap's measure: points, stages with their centre line and limits, signals.

A gap's measure is charted over time (points in date order, same-day values in the
order they were recorded) as a run chart (median) or a Shewhart chart: I for a
measured value, P for a count out of a total, U for events per exposure (the
measure's kind picks it; the facilitator may choose another). The centre line and
limits come from the baseline period the facilitator chose (the first N points, or
the points before a date); each cycle decided "adopt" closes a stage at the
cycle's end, and the next stage gets its own centre line and limits ("staged"
limits). Each stage is judged by the Anhøj rules and, on a control chart, points
outside the limits (analysis/spc.py); fewer than ten useful points are "too few
points to judge". The verdict words in analysis/spc_words.py are the only place the
app says "signal".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from rcdesk.analysis import spc
from rcdesk.analysis.spc import Runs, median
from rcdesk.analysis.spc_words import Verdict, stage_findings, verdict
from rcdesk.domain.experiments import Act, Experiment, cycle_number
from rcdesk.domain.gaps import ChartType, Direction, Gap, Measure, MeasureKind, MeasureValue

__all__ = ["CycleBand", "RunChartData", "RunPoint", "Stage", "median", "run_chart_data"]


@dataclass(frozen=True)
class RunPoint:
    date: date
    #: The plotted value: the measured value, or count / denominator for counts.
    value: float
    count: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class CycleBand:
    """A PDSA cycle drawn from its start to its end (its due date, else its start)."""

    number: int
    start: date
    end: date
    label: str
    decision: Act | None = None
    experiment_id: int = 0

    @property
    def caption(self) -> str:
        """The band's label on the chart: "Cycle 2: adopt" or "Cycle 3" while undecided."""
        decided = f": {self.decision.value}" if self.decision else ""
        return f"Cycle {self.number}{decided}"


@dataclass(frozen=True)
class Stage:
    """A stretch of points with one centre line and limits (indexes into the points)."""

    first: int
    last: int
    baseline: tuple[int, ...]
    centre: float | None
    lower: tuple[float | None, ...]
    upper: tuple[float | None, ...]
    runs: Runs
    outside: tuple[int, ...]
    findings: tuple[str, ...]
    #: What started this stage: "" for the first, else "since cycle 2 was adopted".
    cause: str = ""

    @property
    def indexes(self) -> range:
        return range(self.first, self.last + 1)


@dataclass(frozen=True)
class RunChartData:
    title: str
    unit: str
    direction: Direction
    points: tuple[RunPoint, ...]
    median: float | None  # the centre line of the last stage (the median on a run chart)
    baseline: float | None
    baseline_date: date | None
    target: float | None
    target_date: date | None
    cycles: tuple[CycleBand, ...]
    #: Indexes of points in a run that signals (longer than the Anhøj limit).
    shift: tuple[int, ...] = ()
    chart: ChartType = ChartType.RUN
    stages: tuple[Stage, ...] = ()
    #: Counts recorded without their total: left off the chart.
    left_out: int = 0
    verdict: Verdict | None = None
    #: A count out of a total: shown in percent (the analysis keeps proportions).
    percent: bool = False

    @property
    def outside(self) -> tuple[int, ...]:
        return tuple(i for s in self.stages for i in s.outside)


def _cycle_label(e: Experiment, all_cycles: list[Experiment]) -> str:
    """The change idea (shortened), and "(follow-on)" for a later cycle of a chain."""
    idea = e.change_idea if len(e.change_idea) <= 34 else e.change_idea[:33] + "…"
    return f"{idea} (follow-on)" if cycle_number(e, all_cycles) > 1 else idea


def cycle_bands(gap_id: int, experiments: Iterable[Experiment]) -> tuple[CycleBand, ...]:
    """The gap's dated cycles in start order, numbered 1, 2, … as on the chart."""
    cycles = [e for e in experiments if e.gap_id == gap_id]
    dated = sorted((e for e in cycles if e.start is not None),
                   key=lambda e: (e.start, e.id))
    bands = []
    for number, e in enumerate(dated, start=1):
        start = e.start
        assert start is not None
        end = e.due if e.due is not None and e.due >= start else start
        bands.append(CycleBand(number, start, end, _cycle_label(e, cycles), e.act, e.id))
    return tuple(bands)


def _points(counted: bool, values: Sequence[MeasureValue]) -> tuple[list[RunPoint], int]:
    """The plotted points: count / total for a counted measure (a count without its total
    cannot be placed and is left out), else the value (any stray total ignored)."""
    points, left_out = [], 0
    for v in values:
        if not counted:
            points.append(RunPoint(v.date, v.value))
        elif v.denominator is not None:
            points.append(RunPoint(v.date, v.value / v.denominator, v.value, v.denominator))
        else:
            left_out += 1
    return points, left_out


def _stage_starts(points: Sequence[RunPoint], bands: Sequence[CycleBand],
                  measure: Measure) -> list[tuple[int, str]]:
    """(first index, cause) of every stage: one more after each adopted cycle's end."""
    starts = [(0, "")]
    if not measure.rebaseline:
        return starts
    for band in bands:
        if band.decision is not Act.ADOPT:
            continue
        first = next((i for i, p in enumerate(points) if p.date > band.end), None)
        if first is not None and first > starts[-1][0]:
            starts.append((first, f"since cycle {band.number} was adopted"))
    return starts


def _baseline(points: Sequence[RunPoint], first: int, last: int, measure: Measure,
              opening: bool) -> tuple[int, ...]:
    stage = range(first, last + 1)
    if not opening:
        return tuple(stage)
    if measure.baseline_points is not None:
        return tuple(stage[:measure.baseline_points])
    if measure.baseline_until is not None:
        until = measure.baseline_until
        return tuple(i for i in stage if points[i].date < until)
    return tuple(stage)


def _limits(chart: ChartType, points: Sequence[RunPoint], base: Sequence[int],
            stage: range) -> spc.Limits | None:
    values = [points[i].value for i in base]
    if chart is ChartType.RUN:
        centre = median(values)
        return None if centre is None else spc.Limits(centre, (None,) * len(stage),
                                                      (None,) * len(stage))
    if chart is ChartType.I:
        return spc.i_limits(values, len(stage))
    counts = [points[i].count or 0.0 for i in base]
    totals = [points[i].denominator or 0.0 for i in base]
    sizes = [points[i].denominator or 0.0 for i in stage]
    make = spc.p_limits if chart is ChartType.P else spc.u_limits
    return make(counts, totals, sizes) if base else None


def _stage(chart: ChartType, points: Sequence[RunPoint], first: int, last: int,
           base: tuple[int, ...], cause: str) -> Stage:
    stage = range(first, last + 1)
    values = [points[i].value for i in stage]
    limits = _limits(chart, points, base, stage)
    centre = limits.centre if limits else None
    runs = spc.runs_analysis(values, centre)
    outside = tuple(first + i for i in spc.outside(values, limits)) if limits else ()
    if not runs.judged:
        outside = ()
    none = (None,) * len(stage)
    return Stage(first, last, base, centre, limits.lower if limits else none,
                 limits.upper if limits else none,
                 runs, outside, stage_findings(runs, len(outside), chart), cause)


def run_chart_data(gap: Gap, values: Iterable[MeasureValue],
                   experiments: Iterable[Experiment] = ()) -> RunChartData:
    """The chart of one gap's measure (values and cycles of other gaps are ignored)."""
    m = gap.measure
    chart = m.chart_type
    own = sorted((v for v in values if v.gap_id == gap.id), key=lambda v: (v.date, v.id))
    points, left_out = _points(m.kind.counted, own)
    bands = cycle_bands(gap.id, experiments)
    stages: list[Stage] = []
    if points:
        starts = _stage_starts(points, bands, m)
        ends = [s[0] - 1 for s in starts[1:]] + [len(points) - 1]
        for number, ((first, cause), last) in enumerate(zip(starts, ends, strict=True)):
            base = _baseline(points, first, last, m, number == 0)
            stages.append(_stage(chart, points, first, last, base, cause))
    shift = tuple(s.first + i for s in stages if s.runs.long_run_signal
                  for i in s.runs.longest_points)
    return RunChartData(
        title=m.name or gap.title, unit=m.unit, direction=m.direction, points=tuple(points),
        median=stages[-1].centre if stages else None, baseline=m.baseline_value,
        baseline_date=m.baseline_date, target=m.target_value, target_date=m.target_date,
        cycles=bands, shift=shift, chart=chart, stages=tuple(stages), left_out=left_out,
        verdict=verdict(stages, chart) if stages else None,
        percent=m.kind is MeasureKind.PROPORTION)
