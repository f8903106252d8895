"""The chart settings of a gap's measure, above its chart: kind, chart, baseline, staging.

What kind of value the measure is (a measured value, a count out of a total, events
per exposure) picks the chart (I, P or U); the facilitator may choose another,
a run chart included. The baseline period is every point, the first N points, or
the points before a PDSA cycle; "New limits after an adopted change" stages the
chart at each cycle decided "adopt". Each change is one undoable edit of the gap.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QSpinBox, QWidget

from rcdesk.analysis.run_chart import cycle_bands
from rcdesk.domain.gaps import ChartType, Gap, Measure, MeasureKind, default_chart
from rcdesk.services.gaps import GapsService, gap_or_none
from rcdesk.ui.gaps.fields import choice_box, select_data
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import label, named

ALL, FIRST = "all", "first"


class ChartSettings(QWidget):
    #: A setting could not be saved (the message is shown by the panel).
    failed = Signal(str)

    def __init__(self, service: GapsService, runner: EditRunner) -> None:
        super().__init__()
        self.service = service
        self.runner = runner
        self.gap_id: int | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.kind = choice_box("Kind of measure", [(k.label, k) for k in MeasureKind],
                               self._save)
        self.chart = choice_box("Chart type", [], self._save)
        self.baseline = choice_box("Baseline period", [], self._on_baseline)
        self.points = named(QSpinBox(), "Baseline points",
                            "How many of the first points make the baseline")
        self.points.setRange(2, 10000)
        self.points.setValue(12)
        self.points.editingFinished.connect(self._save)
        self.rebaseline = named(QCheckBox("New limits after an adopted change"),
                                "New limits after an adopted change",
                                "Freeze the centre line and limits when a cycle is decided "
                                "“adopt”, and compute new ones from the points after it")
        self.rebaseline.clicked.connect(self._save)
        # One setting a row: the chart's name ("Automatic: P chart (proportions)") was cut
        # beside the measure's at projector type.
        grid.addWidget(label("Measure"), 0, 0)
        grid.addWidget(self.kind, 0, 1, 1, 2)
        grid.addWidget(label("Chart"), 1, 0)
        grid.addWidget(self.chart, 1, 1, 1, 2)
        grid.addWidget(label("Baseline"), 2, 0)
        grid.addWidget(self.baseline, 2, 1)
        grid.addWidget(self.points, 2, 2)
        grid.addWidget(self.rebaseline, 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)

    # -- showing a gap -----------------------------------------------------------------------

    def show_gap(self, gap_id: int | None) -> None:
        self.gap_id = gap_id
        gap = gap_or_none(self.service, gap_id)
        self.setEnabled(gap is not None)
        if gap is not None:
            self._fill(gap)

    def _fill(self, gap: Gap) -> None:
        m = gap.measure
        select_data(self.kind, m.kind)
        self.chart.clear()
        self.chart.addItem(f"Automatic: {default_chart(m.kind).label}", None)
        for chart in ChartType:
            if chart in (ChartType.P, ChartType.U) and not m.kind.counted:
                continue
            self.chart.addItem(chart.label, chart)
        select_data(self.chart, m.chart)
        self._fill_baseline(gap)
        self.rebaseline.setChecked(m.rebaseline)

    def _fill_baseline(self, gap: Gap) -> None:
        m = gap.measure
        self.baseline.clear()
        self.baseline.addItem("All points", ALL)
        self.baseline.addItem("The first points:", FIRST)
        for band in cycle_bands(gap.id, self.service.experiments(gap.id)):
            self.baseline.addItem(f"Points before cycle {band.number} ({band.start:%d %b})",
                                  band.start)
        if m.baseline_until is not None and self.baseline.findData(m.baseline_until) < 0:
            self.baseline.addItem(f"Points before {m.baseline_until:%d %b %Y}",
                                  m.baseline_until)
        if m.baseline_points is not None:
            self.points.setValue(m.baseline_points)
        select_data(self.baseline, FIRST if m.baseline_points is not None
                    else m.baseline_until or ALL)
        self.points.setVisible(m.baseline_points is not None)

    # -- saving ------------------------------------------------------------------------------

    def _on_baseline(self) -> None:
        self.points.setVisible(self.baseline.currentData() == FIRST)
        self._save()

    def chosen_measure(self, measure: Measure) -> Measure:
        """The measure with the settings as shown."""
        kind = self.kind.currentData()
        chart = self.chart.currentData()
        if chart in (ChartType.P, ChartType.U) and not kind.counted:
            chart = None
        choice = self.baseline.currentData()
        return replace(measure, kind=kind, chart=chart,
                       baseline_points=self.points.value() if choice == FIRST else None,
                       baseline_until=choice if isinstance(choice, date) else None,
                       rebaseline=self.rebaseline.isChecked())

    def _save(self) -> None:
        gap = gap_or_none(self.service, self.gap_id)
        if gap is None:
            return
        changed = replace(gap, measure=self.chosen_measure(gap.measure))
        if changed != gap:
            self.runner.run(lambda: self.service.update_gap(changed),
                            on_error=lambda exc: self.failed.emit(str(exc)))
        refreshed = gap_or_none(self.service, gap.id)
        if refreshed is not None:
            self._fill(refreshed)
