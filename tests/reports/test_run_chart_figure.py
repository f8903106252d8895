"""The run chart Figure: the same builder for the screen and the PDF, legible in greyscale."""

from __future__ import annotations

import io
from datetime import date, timedelta

from rcdesk.analysis.run_chart import run_chart_data
from rcdesk.domain.experiments import Experiment
from rcdesk.domain.gaps import Gap, Measure, MeasureValue
from rcdesk.reports.run_chart import run_chart_figure

GAP = Gap(id=1, workshop_id=1, title="Orders by 10:00",
          measure=Measure(name="Discharges before noon", unit="% of discharges",
                          baseline_value=18, baseline_date=date(2026, 9, 1), target_value=50,
                          target_date=date(2027, 1, 22)))
VALUES = [MeasureValue(i + 1, 1, date(2026, 9, 1) + timedelta(days=7 * i), v)
          for i, v in enumerate([18, 21, 17, 24, 22, 30, 33, 29, 35, 38])]
CYCLE = Experiment(id=1, workshop_id=1, gap_id=1, change_idea="Afternoon board round",
                   start=date(2026, 10, 1))


def texts(figure) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


def test_the_chart_names_its_lines_and_marks_where_cycles_started() -> None:
    figure = run_chart_figure(run_chart_data(GAP, VALUES, [CYCLE]))
    words = texts(figure)
    assert "Discharges before noon" in words
    assert "Median 26.5" in words  # (24 + 29) / 2: the median of ten values
    assert "Baseline 18" in words and "Target 50 by 22 Jan 2027" in words
    assert "Cycle 1 started: Afternoon board round" in words
    assert any("higher is better" in w for w in words)


def test_lines_differ_by_pattern_not_only_colour() -> None:
    figure = run_chart_figure(run_chart_data(GAP, VALUES, [CYCLE]))
    lines = {line.get_label(): line for line in figure.axes[0].get_lines()}
    styles = {lines[name].get_linestyle() for name in lines if name.startswith(
        ("Median", "Baseline", "Target", "Measured"))}
    assert len(styles) == 4
    assert lines["Measured value"].get_marker() == "o"


def test_without_values_the_chart_says_what_to_do_and_still_renders() -> None:
    empty = run_chart_data(Gap(id=2, workshop_id=1, title="Blame-free reviews"), [])
    figure = run_chart_figure(empty, width_in=4, height_in=3)
    assert "No values yet: record the first measurement." in texts(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80)
    assert buffer.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"
