"""The Drivers tab of a gap's side panel (issue 19): what the team believes drives this
aim (dimensions and ties, checked here; structures, linked in the Structures tab) and the
driver diagram drawn from those links and the PDSA cycles, exportable as PNG or SVG.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from rcdesk.domain.dimensions import DIMENSIONS
from rcdesk.domain.errors import DomainError
from rcdesk.reports.driver_diagram import driver_diagram_figure, write_driver_diagram
from rcdesk.services.change_model import driver_diagram
from rcdesk.services.gap_text import tie_text
from rcdesk.ui import messages
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.scores.chart_view import ChartView
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, named
from rcdesk.ui.workshop_model import WorkshopModel

CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
ROLE = Qt.ItemDataRole.UserRole


class DriversPanel(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)  # made in its place (its tab's scroll area)
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self.service = model.session.drivers
        self.gap_id: int | None = None
        self._filling = False
        self._stale = True
        layout = QVBoxLayout(self)
        layout.addWidget(label("What drives this aim? Structures are linked in the "
                               "Structures tab; change ideas are this gap's PDSA cycles "
                               "and those of its structures' gaps.", "muted", wrap=True))
        # One above the other: each list has the panel's width, so "Case managers →
        # Community care" shows whole beside its check box (side by side it was elided).
        lists = QVBoxLayout()
        self.dimensions = named(QListWidget(), "Dimensions that drive this aim")
        self.ties = named(QListWidget(), "Ties that drive this aim")
        for box in (self.dimensions, self.ties):
            box.setMaximumHeight(150)
            box.itemChanged.connect(self._on_item_changed)
            lists.addWidget(box)
        layout.addLayout(lists)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button("Export diagram…", "Export the driver diagram", self.export,
                             tip="Save the driver diagram as a PNG or SVG image"))
        layout.addLayout(row)
        self.chart = ChartView("Driver diagram")
        layout.addWidget(self.chart, 1)
        for signal in (model.gaps_changed, model.experiments_changed, model.ties_changed,
                       model.roles_changed, model.structures_changed):
            signal.connect(self.refresh)

    def show_gap(self, gap_id: int | None) -> None:
        self.gap_id = gap_id
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Fill the lists and draw the diagram; only while shown (a figure costs time)."""
        self._stale = not self.isVisible()
        if self._stale:
            return
        self.setEnabled(self.gap_id is not None)
        self._filling = True
        try:
            self._fill()
        finally:
            self._filling = False

    def _fill(self) -> None:
        for box in (self.dimensions, self.ties):
            box.clear()
        if self.gap_id is None or not self.service.has_aim(self.gap_id):
            self.chart.clear()
            return
        chosen = self.service.drivers(self.gap_id)
        for d in DIMENSIONS:
            self._item(self.dimensions, d.name, d.key, d.key in chosen.dimensions)
        roles = self.model.service.roles()
        for tie in self.model.service.ties():
            self._item(self.ties, tie_text(tie, roles), tie.id, tie.id in chosen.tie_ids)
        diagram = driver_diagram(self.model.service, self.gap_id)
        self.chart.show_chart(lambda w, h, dpi: driver_diagram_figure(diagram, w, h, dpi))

    @staticmethod
    def _item(box: QListWidget, text: str, data: object, checked: bool) -> None:
        item = QListWidgetItem(text, box)
        item.setData(ROLE, data)
        item.setCheckState(CHECKED if checked else UNCHECKED)

    @staticmethod
    def _checked(box: QListWidget) -> list[object]:
        return [box.item(i).data(ROLE) for i in range(box.count())
                if box.item(i).checkState() == CHECKED]

    def _on_item_changed(self) -> None:
        gap_id = self.gap_id
        if self._filling or gap_id is None:
            return
        dims = [str(k) for k in self._checked(self.dimensions)]
        ties = [int(str(t)) for t in self._checked(self.ties)]
        self.runner.run(lambda: self.service.set_drivers(gap_id, dims, ties))

    def export(self) -> None:
        if self.gap_id is None:
            return
        path = messages.choose_save_file(self, "Export the driver diagram", "driver diagram.png",
                                         "PNG image (*.png);;SVG image (*.svg)")
        if not path:
            return
        try:
            write_driver_diagram(driver_diagram(self.model.service, self.gap_id), path)
        except DomainError as exc:
            self.feedback.error(exc)
            return
        self.feedback.note(f"Saved the driver diagram to {path}.")
