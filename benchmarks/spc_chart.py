"""Benchmark: a 500-point control chart, analysed and drawn (target: well under a second).

The measured action is what the Gaps page does when a measure is shown: the chart
data of a 500-point P chart (analysis/run_chart.py: three stages after two adopted
cycles, the Anhøj rules, per-point limits) and the Figure built and drawn with Agg at
the panel's size (reports/run_chart.py). The baseline, in the same run, is an empty
matplotlib Figure of the same size drawn the same way (and, as a second yardstick, one
500-point line on date axes). matplotlib is imported
outside the timings (a warm process, as in the app).

Run alone: `python -m benchmarks.spc_chart`; it is also in `python -m benchmarks`.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from benchmarks.timing import RUNS, median_seconds

POINTS = 500
START = date(2020, 1, 6)


@cache
def chart_inputs() -> tuple[Any, list[Any], list[Any]]:
    from rcdesk.domain.experiments import Act, Experiment, ExperimentStatus
    from rcdesk.domain.gaps import Gap, Measure, MeasureKind, MeasureValue

    rng = random.Random(21)
    values = []
    for i in range(POINTS):
        rate = 0.25 if i < 200 else 0.18 if i < 350 else 0.12
        total = rng.randint(30, 80)
        count = sum(rng.random() < rate for _ in range(total))
        values.append(MeasureValue(i + 1, 1, START + timedelta(days=i), count,
                                   denominator=total))
    cycles = [Experiment(id=n, workshop_id=1, gap_id=1, change_idea=f"Change {n}",
                         start=START + timedelta(days=day), due=START + timedelta(days=day + 20),
                         status=ExperimentStatus.DECIDED, act=act)
              for n, (day, act) in enumerate(((180, Act.ADOPT), (260, Act.ADAPT),
                                              (330, Act.ADOPT), (420, Act.ABANDON)), start=1)]
    gap = Gap(id=1, workshop_id=1, title="Falls",
              measure=Measure(name="Patients who fell", kind=MeasureKind.PROPORTION,
                              baseline_points=100))
    return gap, values, cycles


def draw_chart(folder: Path) -> None:
    """The measured action: chart data → Figure → drawn on its Agg canvas."""
    from rcdesk.analysis.run_chart import run_chart_data
    from rcdesk.reports.run_chart import run_chart_figure

    gap, values, cycles = chart_inputs()
    data = run_chart_data(gap, values, cycles)
    assert len(data.points) == POINTS and len(data.stages) == 3
    figure = run_chart_figure(data, width_in=9.0, height_in=5.0, dpi=100)
    figure.canvas.draw()


def draw_empty_figure(folder: Path) -> None:
    """Baseline: an empty matplotlib Figure of the same size, drawn the same way."""
    from rcdesk.reports.figures import new_figure

    new_figure(9.0, 5.0, 100).canvas.draw()


def draw_one_line_plot(folder: Path) -> None:
    """A second yardstick: one 500-point line on date axes, drawn the same way."""
    from rcdesk.reports.figures import new_figure

    _, values, _ = chart_inputs()
    figure = new_figure(9.0, 5.0, 100)
    figure.add_subplot().plot([v.date for v in values], [v.value for v in values])
    figure.canvas.draw()


SPC_CHART: tuple[str, Callable[[Path], None], str, Callable[[Path], None]] = (
    f"{POINTS}-point P chart: analyse and draw", draw_chart,
    "empty matplotlib Figure, drawn", draw_empty_figure,
)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:  # warm up: imports, fonts, the data
        draw_chart(Path(folder))
        draw_empty_figure(Path(folder))
    measured, base = median_seconds(draw_chart), median_seconds(draw_empty_figure)
    line = median_seconds(draw_one_line_plot)
    print(f"{SPC_CHART[0]}: {measured:.3f} s (median of {RUNS}; target well under 1 s); "
          f"{SPC_CHART[2]}: {base:.4f} s, ratio {measured / base:.0f}; one 500-point line "
          f"plot, drawn: {line:.3f} s, ratio {measured / line:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
