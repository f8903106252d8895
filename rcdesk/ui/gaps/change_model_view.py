"""The "Our change model" tab of Gaps & Experiments: the team's model on one page, for the
header's wave, as the PDF prints it (issue 19), with Export… for a one-page PDF (A4, A3,
Letter or Tabloid, landscape, for the huddle wall), PNG or SVG.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from rcdesk.domain.change_model import ChangeModel
from rcdesk.domain.errors import DomainError
from rcdesk.reports.change_model import PAGES, write_change_model
from rcdesk.services.change_model import change_model, change_model_in
from rcdesk.services.jobs import in_library
from rcdesk.services.scores import ScoresService
from rcdesk.ui import messages
from rcdesk.ui.background import Background, Op
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.page_pieces import Pieces
from rcdesk.ui.scores.chart_view import ChartView, pieces_canvas
from rcdesk.ui.widgets import button, label, named
from rcdesk.ui.workshop_model import WorkshopModel

FILTER = "PDF page (*.pdf);;PNG image (*.png);;SVG image (*.svg)"


class ChangeModelView(QWidget):
    """The model is read and drawn after the tab's first frame (issue 23): the first frame
    shows the bar and the chart's place; the model is read off the UI thread on a
    connection of its own (a big survey is scored for it), the figure built in a turn of
    its own and drawn a few artists per turn."""

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
        self.chart = ChartView("Our change model", pieces_canvas)  # sixty lines of text
        layout.addWidget(self.chart, 1)
        model.changed.connect(self._on_model_changed)
        self._stale = True
        self._pieces = Pieces(self)
        self.background = Background(self)
        self._reading: Op | None = None
        self._found: tuple[int, ChangeModel] | None = None  # the last read, for its wave

    def set_wave(self, wave_id: int | None) -> None:
        self.wave_id = wave_id
        self._on_model_changed()

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
        """The model of the header's wave: the one shown when it is up to date."""
        if self.wave_id is None:
            return None
        if self._found is not None and self._found[0] == self.wave_id and not (
                self._stale or self._reading is not None):
            return self._found[1]
        return change_model(self.model.service, self.scores, self.wave_id)

    def reading(self) -> bool:
        """Whether the model is being read (off the UI thread)."""
        return self._reading is not None

    def refresh(self) -> None:
        """Read the model again, off the UI thread, then show it (a read under way for
        an earlier state is dropped)."""
        self._stale = False
        if self._reading is not None:
            self._reading.cancel()
            self._reading = None
        if self.wave_id is None:
            self._found = None
            self.note.setText("Add a wave in Overview to see the change model.")
            self.chart.clear()
            return
        if self._found is None:  # a model on show keeps its words until the new one
            self.note.setText("Working out the change model…")
        service = self.model.service
        work = partial(change_model_in, workshop_id=service.workshop_id,
                       wave_id=self.wave_id, clock=service.clock)
        self._reading = self.background.run(in_library(service.library.path, work),
                                            partial(self._on_read, self.wave_id),
                                            self._on_read_failed)

    def _on_read(self, wave_id: int, found: object) -> None:
        from rcdesk.reports.change_model import change_model_figure

        assert isinstance(found, ChangeModel)
        self._reading = None
        self._found = (wave_id, found)
        self.note.setText(f"Relational coordination in {found.wave} ({found.source}); "
                          "every figure also prints as text, so the page reads in greyscale.")
        self.chart.show_chart(lambda w, h, dpi: change_model_figure(found, w, h, dpi))

    def _on_read_failed(self, error: DomainError) -> None:
        self._reading = None
        self.note.setText("")
        self.feedback.error(error)

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
