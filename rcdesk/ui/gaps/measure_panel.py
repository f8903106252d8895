"""The measure of the selected gap over time: its chart, chart settings and dated values.

The chart is reports/run_chart.py's Figure, the same one a report prints: a run chart
or an I, P or U control chart as chosen in the chart settings (chart_settings.py). A
value is recorded with its date (today by default) in one step, with its denominator
for a count out of a total or per exposure; Enter records it, and each recorded
value can be deleted (Ctrl+Z brings it back).
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
from rcdesk.ui.gaps.chart_settings import ChartSettings
from rcdesk.ui.gaps.chart_window import ChartWindow
from rcdesk.ui.gaps.fields import DateField, ShortText, number_text, parse_number, show_date
from rcdesk.ui.scores.chart_view import ChartView
from rcdesk.ui.table_model import Column, RecordTableModel, selected_record
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, record_table

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class MeasurePanel(QWidget):
    def __init__(self, service: GapsService, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)  # made in its place (its tab's scroll area)
        self.service = service
        self.runner = runner
        self.feedback = feedback
        self.gap_id: int | None = None
        self._stale = True
        layout = QVBoxLayout(self)
        self.settings = ChartSettings(service, runner)
        self.settings.failed.connect(self._show_message)
        layout.addWidget(self.settings)
        self.chart = ChartView("Run chart")
        self.chart.setMinimumHeight(200)  # projector type leaves little room: "Show chart large"
        layout.addWidget(self.chart, 4)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        self.when = DateField("Date of the value")
        self.value = ShortText("Measure value", "Value")
        self.value.returnPressed.connect(self.record)
        self.denominator = ShortText("Denominator of the value", "Out of")
        self.denominator.setToolTip("For a count: the total it is out of (patients, bed days)")
        self.denominator.returnPressed.connect(self.record)
        self.note = ShortText("Note on the value", "Note (optional)")
        self.note.returnPressed.connect(self.record)
        self.record_button = button("Record value", "Record measure value", self.record,
                                    tip="Record the value (Enter)")
        for widget, stretch in ((self.when, 0), (self.value, 1), (self.denominator, 1),
                                (self.note, 2), (self.record_button, 0)):
            row.addWidget(widget, stretch)
        layout.addLayout(row)
        self.values_model: RecordTableModel[MeasureValue] = RecordTableModel([
            Column("Date", lambda v: show_date(v.date)),
            Column("Value", lambda v: number_text(v.value)),
            Column("Out of", lambda v: number_text(v.denominator)),
            Column("Note", lambda v: v.note)], self._values)
        self.table = record_table("Measure values", self.values_model, stretch_column=3,
                                  parent=self)
        self.table.setMinimumHeight(70)
        layout.addWidget(self.table, 1)
        self.delete = button("Delete value", "Delete measure value", self.delete_selected,
                             tip="Delete the selected value; Ctrl+Z brings it back")
        self.present = button("Show large", "Show the chart in its own window",
                              self.show_large, tip="The chart alone, filling a window: for "
                              "the projector in a huddle (Esc closes it)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete, 1)
        buttons.addWidget(self.present, 1)
        layout.addLayout(buttons)
        self.large: ChartWindow | None = None

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
        self.settings.show_gap(gap_id)
        gap = gap_or_none(self.service, gap_id)
        counted = gap is not None and gap.measure.kind.counted
        self.denominator.setVisible(counted)
        self.table.setColumnHidden(2, not counted)  # "Out of": only counts have a total
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
        font_pt = max(self.font().pointSizeF(), 9.0)  # projector mode enlarges the font
        # What the rules say, for screen readers (the figure itself is a picture).
        self.chart.setAccessibleDescription(
            f"{data.chart.label}. {data.verdict.full_text}" if data.verdict else
            "No values yet.")
        self.chart.show_chart(partial(_fit_run_chart, run_chart_figure, data, font_pt))

    def show_large(self) -> None:
        """Open the chart in a window of its own, maximised (for the projector)."""
        from rcdesk.reports.run_chart import run_chart_figure

        gap = gap_or_none(self.service, self.gap_id)
        if gap is None:
            return
        data = run_chart_data(gap, self.service.measure_values(gap.id),
                              self.service.experiments(gap.id))
        font_pt = max(self.font().pointSizeF(), 12.0)
        if self.large is not None:
            self.large.close()
        self.large = ChartWindow(self, data.title,
                                 partial(_fit_run_chart, run_chart_figure, data, font_pt))
        self.large.resize(self.window().size())  # until the window manager maximises it
        self.large.showMaximized()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh_chart()

    def show_error(self, exc: DomainError) -> None:
        self._show_message(str(exc))

    def _show_message(self, text: str) -> None:
        self.error.setText(text)
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
        try:
            denominator = (parse_number(self.denominator.text(), "denominator")
                           if not self.denominator.isHidden() else None)
        except DomainError as exc:
            self.show_error(exc)
            return
        when = typed or self.service.workshop.today()
        note = self.note.text()
        if self.runner.run(lambda: self.service.add_measure_value(gap_id, when, value, note,
                                                                  denominator),
                           on_error=self.show_error):
            self.error.hide()
            self.value.set_value("")
            self.denominator.set_value("")
            self.note.set_value("")

    def delete_selected(self) -> None:
        chosen = selected_record(self.table, self.values_model)
        if chosen is not None and self.runner.run(
                lambda: self.service.delete_measure_value(chosen.id)):
            self.feedback.deleted(f"Deleted the value of {show_date(chosen.date)}")


def _fit_run_chart(builder: Callable[..., Figure], data: RunChartData, font_pt: float,
                   width: float, height: float, dpi: float) -> Figure:
    """The chart laid out for the chart view's current size and the application's font."""
    return builder(data, width_in=width, height_in=height, dpi=dpi, font_pt=font_pt)
