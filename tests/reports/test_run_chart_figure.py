"""The run chart Figure: the same builder for the screen and the PDF, legible in greyscale."""

from __future__ import annotations

import io
from datetime import date, timedelta

from rcdesk.analysis.run_chart import run_chart_data
from rcdesk.domain.experiments import Act, Experiment, ExperimentStatus
from rcdesk.domain.gaps import ChartType, Gap, Measure, MeasureKind, MeasureValue
from rcdesk.reports.run_chart import run_chart_figure

GAP = Gap(id=1, workshop_id=1, title="Orders by 10:00",
          measure=Measure(name="Discharges before noon", unit="% of discharges",
                          baseline_value=18, baseline_date=date(2026, 9, 1), target_value=50,
                          target_date=date(2027, 1, 22), chart=ChartType.RUN))
VALUES = [MeasureValue(i + 1, 1, date(2026, 9, 1) + timedelta(days=7 * i), v)
          for i, v in enumerate([18, 21, 17, 24, 22, 30, 33, 29, 35, 38])]
CYCLE = Experiment(id=1, workshop_id=1, gap_id=1, change_idea="Afternoon board round",
                   start=date(2026, 10, 1), due=date(2026, 10, 22),
                   status=ExperimentStatus.DECIDED, act=Act.ADAPT)


def texts(figure) -> list[str]:
    from matplotlib.text import Text

    # Long captions wrap: compare them as one line.
    return [" ".join(t.get_text().split(" ")).replace("\n", " ")
            for t in figure.findobj(Text) if t.get_text()]


def test_the_chart_names_its_lines_and_draws_cycles_as_bands_with_their_decision() -> None:
    figure = run_chart_figure(run_chart_data(GAP, VALUES, [CYCLE]))
    words = texts(figure)
    assert "Discharges before noon" in words
    assert "Median 26.5" in words  # (24 + 29) / 2: the median of ten values
    assert "Baseline 18" in words and "Target 50 by 22 Jan 2027" in words
    assert "Cycle 1: adapt, 01 Oct–22 Oct: Afternoon board round" in words
    assert " 1 Adapt" in words  # the band's own label, at its top
    assert any("higher is better" in w for w in words)
    # Ten useful points: a run of 5 (limit 6) but 1 crossing (fewer than 2): a signal.
    assert ("Run chart. Signal: the values cross the median only 1 time (fewer than 2 is "
            "unusual for 10 points): a shift or trend.") in words
    from matplotlib.patches import Polygon, Rectangle

    bands = [p for p in figure.axes[0].patches if isinstance(p, Polygon | Rectangle)
             and p.get_hatch()]
    assert len(bands) == 1


def test_a_staged_p_chart_shows_limits_per_stage_in_percent_and_marks_points_outside() -> None:
    counts = [5, 6, 4, 5, 30, 6, 5, 4, 6, 5, 5, 6, 2, 1, 2, 1, 2, 2, 1, 2, 1, 2]
    values = [MeasureValue(i + 1, 1, date(2026, 1, 5) + timedelta(days=7 * i), c,
                           denominator=50) for i, c in enumerate(counts)]
    adopted = Experiment(id=1, workshop_id=1, gap_id=1, change_idea="Checklist",
                         start=date(2026, 3, 2), due=date(2026, 3, 23),
                         status=ExperimentStatus.DECIDED, act=Act.ADOPT)
    gap = Gap(id=1, workshop_id=1, title="Falls",
              measure=Measure(name="Patients who fell", kind=MeasureKind.PROPORTION))
    data = run_chart_data(gap, values, [adopted])
    assert len(data.stages) == 2 and data.outside == (4,)
    figure = run_chart_figure(data, width_in=8, height_in=4.5)
    words = texts(figure)
    assert "Outside the control limits" in words and "Control limits (3 sigma)" in words
    caption = next(w for w in words if w.startswith("P chart (proportions). "))
    assert caption.startswith("P chart (proportions). No signal yet since cycle 1 was adopted")
    assert "Until cycle 1 was adopted: signal (" in caption
    assert "1 point outside the control limits" in caption
    values_line = next(line for line in figure.axes[0].get_lines()
                       if line.get_label() == "Measured value")
    assert max(values_line.get_ydata()) == 60.0  # 30 of 50, shown in percent


def test_lines_differ_by_pattern_not_only_colour() -> None:
    figure = run_chart_figure(run_chart_data(GAP, VALUES, [CYCLE]))
    lines = {line.get_label(): line for line in figure.axes[0].get_lines()}
    styles = {lines[name].get_linestyle() for name in lines if name.startswith(
        ("Baseline", "Target", "Measured"))}
    legend = {h.get_label(): h for h in figure.legends[0].legend_handles}
    styles.add(legend["Median 26.5"].get_linestyle())
    assert len(styles) == 4
    assert lines["Measured value"].get_marker() == "o"


def test_without_values_the_chart_says_what_to_do_and_still_renders() -> None:
    empty = run_chart_data(Gap(id=2, workshop_id=1, title="Blame-free reviews"), [])
    figure = run_chart_figure(empty, width_in=4, height_in=3)
    assert "No values yet: record the first measurement." in texts(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80)
    assert buffer.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_in_greyscale_cycles_differ_by_hatch_and_signals_by_marker_shape() -> None:
    counts = [5, 6, 4, 5, 30, 6, 5, 4, 6, 5, 5, 6, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9]
    values = [MeasureValue(i + 1, 1, date(2026, 1, 5) + timedelta(days=7 * i), c,
                           denominator=50) for i, c in enumerate(counts)]
    cycles = [Experiment(id=n, workshop_id=1, gap_id=1, change_idea=f"Change {n}",
                         start=date(2026, 1, 5) + timedelta(days=7 * week),
                         due=date(2026, 1, 5) + timedelta(days=7 * week + 14))
              for n, week in ((1, 3), (2, 12))]
    gap = Gap(id=1, workshop_id=1, title="Falls",
              measure=Measure(name="Patients who fell", kind=MeasureKind.PROPORTION,
                              baseline_points=12))
    data = run_chart_data(gap, values, cycles)
    assert data.shift and data.outside  # both kinds of signal on one chart
    figure = run_chart_figure(data)
    hatches = [p.get_hatch() for p in figure.axes[0].patches if p.get_hatch()]
    assert len(hatches) == 2 and hatches[0] != hatches[1]
    legend = {str(h.get_label()): h for h in figure.legends[0].legend_handles}
    shapes = {legend["In a run that signals a shift"].get_marker(),
              legend["Outside the control limits"].get_marker(),
              legend["Measured value"].get_marker()}
    assert len(shapes) == 3


def test_counts_without_totals_are_named_instead_of_no_values() -> None:
    gap = Gap(id=1, workshop_id=1, title="Falls", measure=Measure(kind=MeasureKind.RATE))
    data = run_chart_data(gap, VALUES[:3])
    assert data.points == () and data.left_out == 3
    words = texts(run_chart_figure(data, width_in=6, height_in=3))
    assert "3 values have no total: record each count with the total it is out of." in words
