"""The "Our change model" tab of Gaps & Experiments: the team's model on one page, for the
header's wave, as the PDF prints it (issue 19), with Export… for a one-page PDF (A4, A3,
Letter or Tabloid, landscape, for the huddle wall), PNG or SVG.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from rcdesk.domain.change_model import ChangeModel
from rcdesk.domain.errors import DomainError
from rcdesk.reports.change_model import PAGES, write_change_model
from rcdesk.services.change_model import change_model
from rcdesk.services.scores import ScoresService
from rcdesk.ui import messages
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.page_pieces import Pieces
from rcdesk.ui.scores.chart_view import ChartView
from rcdesk.ui.widgets import button, label, named
from rcdesk.ui.workshop_model import WorkshopModel

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FILTER = "PDF page (*.pdf);;PNG image (*.png);;SVG image (*.svg)"


def _canvas(figure: Figure) -> QWidget:
    """The page drawn a few artists per turn (some sixty lines of text: too long to draw
    in one turn); its module imports matplotlib, so it is imported here, at a chart's
    build."""
    from rcdesk.ui.chart_pieces import pieces_canvas

    return pieces_canvas(figure)


class ChangeModelView(QWidget):
    """The model is read and drawn after the tab's first frame (issue 23): the first frame
    shows the bar and the chart's place; the figure is built in a turn of its own and
    drawn a few artists per turn."""

    def __init__(self, model: WorkshopModel, feedback: Feedback, scores: ScoresService,
                 wave_id: int | None) -> None:
        super().__init__()
        self.setAccessibleName("Our change model")
        self.model = model
        self.feedback = feedback
        self.scores = scores
        self.wave_id = wave_id
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.note = label("", "muted", wrap=True)
        bar.addWidget(self.note, 1)
        self.page = named(QComboBox(), "Page size", "The page a printed model fits")
        for name in PAGES:
            self.page.addItem(f"{name} landscape", name)
        bar.addWidget(self.page)
        bar.addWidget(button("Export…", "Export the change model", self.export,
                             tip="A one-page PDF for the huddle wall, or a PNG or SVG image"))
        layout.addLayout(bar)
        self.chart = ChartView("Our change model", _canvas)
        layout.addWidget(self.chart, 1)
        model.changed.connect(self._on_model_changed)
        self._stale = True
        self._pieces = Pieces(self)

    def set_wave(self, wave_id: int | None) -> None:
        self.wave_id = wave_id
        self.refresh()

    def _on_model_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:  # read after the first frame, or in the next turn
            self._pieces.add(self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.refresh()

    def current(self) -> ChangeModel | None:
        if self.wave_id is None:
            return None
        return change_model(self.model.service, self.scores, self.wave_id)

    def refresh(self) -> None:
        from rcdesk.reports.change_model import change_model_figure

        self._stale = False
        found = self.current()
        if found is None:
            self.note.setText("Add a wave in Overview to see the change model.")
            self.chart.clear()
            return
        self.note.setText(f"Relational coordination in {found.wave} ({found.source}); "
                          "every figure also prints as text, so the page reads in greyscale.")
        self.chart.show_chart(lambda w, h, dpi: change_model_figure(found, w, h, dpi))

    def export(self) -> None:
        found = self.current()
        if found is None:
            return
        path = messages.choose_save_file(self, "Export the change model",
                                         f"{found.title} change model.pdf", FILTER)
        if not path:
            return
        try:
            write_change_model(found, path, self.page.currentData())
        except DomainError as exc:
            self.feedback.error(exc)
            return
        self.feedback.note(f"Saved the change model to {path}.")
