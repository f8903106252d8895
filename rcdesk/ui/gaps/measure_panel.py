"""The measure of the selected gap over time: its run chart and its dated values.

The chart is reports/run_chart.py's Figure, the same one a report prints. A value
is recorded with its date (today by default) in one step, Enter in the value field
records it, and each recorded value can be deleted (Ctrl+Z brings it back).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from rcdesk.analysis.run_chart import RunChartData, run_chart_data
from rcdesk.domain.errors import DomainError
from rcdesk.domain.gaps import MeasureValue
from rcdesk.services.gaps import GapsService, gap_or_none
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.gaps.fields import DateField, ShortText, number_text, parse_number, show_date
from rcdesk.ui.scores.chart_view import ChartView
from rcdesk.ui.table_model import Column, RecordTableModel, selected_record
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, record_table

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class MeasurePanel(QWidget):
    def __init__(self, service: GapsService, runner: EditRunner, feedback: Feedback) -> None:
        super().__init__()
        self.service = service
        self.runner = runner
        self.feedback = feedback
        self.gap_id: int | None = None
        self._stale = True
        layout = QVBoxLayout(self)
        self.chart = ChartView("Run chart")
        self.chart.setMinimumHeight(370)
        layout.addWidget(self.chart, 4)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.when = DateField("Date of the value")
        self.value = ShortText("Measure value", "Value")
        self.value.returnPressed.connect(self.record)
        self.note = ShortText("Note on the value", "Note (optional)")
        self.note.returnPressed.connect(self.record)
        self.record_button = button("Record value", "Record measure value", self.record,
                                    tip="Record the value (Enter)")
        for widget, stretch in ((self.when, 0), (self.value, 1), (self.note, 2),
                                (self.record_button, 0)):
            row.addWidget(widget, stretch)
        layout.addLayout(row)
        self.values_model: RecordTableModel[MeasureValue] = RecordTableModel([
            Column("Date", lambda v: show_date(v.date)),
            Column("Value", lambda v: number_text(v.value)),
            Column("Note", lambda v: v.note)], self._values)
        self.table = record_table("Measure values", self.values_model, stretch_column=2)
        self.table.setMinimumHeight(70)
        layout.addWidget(self.table, 1)
        self.delete = button("Delete value", "Delete measure value", self.delete_selected,
                             tip="Delete the selected value; Ctrl+Z brings it back")
        layout.addWidget(self.delete)

    def _values(self) -> list[MeasureValue]:
        if self.gap_id is None:
            return []
        return list(reversed(self.service.measure_values(self.gap_id)))

    def show_gap(self, gap_id: int | None) -> None:
        if gap_id != self.gap_id:
            self.error.hide()
            self.when.set_value(self.service.workshop.today())
        self.gap_id = gap_id
        self.values_model.reload()
        self.setEnabled(gap_id is not None)
        self.refresh_chart()

    def refresh_chart(self) -> None:
        """Redraw the chart now if it is on screen, else when it is next shown (matplotlib
        takes a moment, and most changes happen while another tab is showing)."""
        self._stale = not self.isVisible()
        if self._stale:
            return
        from rcdesk.reports.run_chart import run_chart_figure

        gap = gap_or_none(self.service, self.gap_id)
        if gap is None:
            self.chart.clear()
            return
        data = run_chart_data(gap, self.service.measure_values(gap.id),
                              self.service.experiments(gap.id))
        self.chart.show_chart(partial(_fit_run_chart, run_chart_figure, data))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh_chart()

    def show_error(self, exc: DomainError) -> None:
        self.error.setText(str(exc))
        self.error.show()

    def record(self) -> None:
        gap_id = self.gap_id
        if gap_id is None:
            return
        try:
            value = parse_number(self.value.text(), "measure value")
            typed = self.when.typed()
        except DomainError as exc:
            self.show_error(exc)
            return
        if value is None:
            self.value.setFocus()
            return
        when = typed or self.service.workshop.today()
        note = self.note.text()
        if self.runner.run(lambda: self.service.add_measure_value(gap_id, when, value, note),
                           on_error=self.show_error):
            self.error.hide()
            self.value.set_value("")
            self.note.set_value("")

    def delete_selected(self) -> None:
        chosen = selected_record(self.table, self.values_model)
        if chosen is not None and self.runner.run(
                lambda: self.service.delete_measure_value(chosen.id)):
            self.feedback.deleted(f"Deleted the value of {show_date(chosen.date)}")


def _fit_run_chart(builder: Callable[..., Figure], data: RunChartData, width: float,
                   height: float, dpi: float) -> Figure:
    """The run chart laid out for the chart view's current size."""
    return builder(data, width_in=width, height_in=height, dpi=dpi)
