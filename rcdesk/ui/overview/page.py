"""The Overview page: the workshop at a glance and everything that defines it.

Two columns when there is room; one column when the type is large (projector
mode at 1280×720) so nothing is clipped and the page scrolls only vertically.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QWidget

from rcdesk.ui.feedback import Feedback
from rcdesk.ui.overview.descriptions import DescriptionsPanel
from rcdesk.ui.overview.details import DetailsPanel
from rcdesk.ui.overview.meetings import MeetingsPanel
from rcdesk.ui.overview.roles import RolesPanel
from rcdesk.ui.overview.settings_panel import SettingsPanel
from rcdesk.ui.overview.waves import WavesPanel
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.workshop_model import WorkshopModel

#: Two columns need about this many average characters of width.
TWO_COLUMN_CHARS = 96


class OverviewPage(QScrollArea):
    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Overview")
        # The body goes into the scroll area before it is filled, and each panel is made
        # inside it: moving a filled tree makes Qt re-resolve every widget in it (see
        # WorkshopPage).
        body = QWidget()
        self.grid = QGridLayout(body)
        self.grid.setContentsMargins(20, 16, 20, 16)
        self.grid.setHorizontalSpacing(28)
        self.grid.setVerticalSpacing(18)
        self.setWidget(body)
        self.details = DetailsPanel(model, runner, body)
        self.roles = RolesPanel(model, runner, feedback, body)
        self.waves = WavesPanel(model, runner, feedback, body)
        self.meetings = MeetingsPanel(model, runner, feedback, body)
        self.settings = SettingsPanel(model, runner, body)
        self.descriptions = DescriptionsPanel(model, runner, body)
        self.columns = 0
        self._arrange(2)

    def _arrange(self, columns: int) -> None:
        """Place the panels in reading order: details, roles, waves, meetings, settings."""
        if columns == self.columns:
            return
        self.columns = columns
        panels: tuple[QWidget, ...] = (
            self.details, self.roles, self.waves, self.meetings, self.settings, self.descriptions)
        for panel in panels:
            self.grid.removeWidget(panel)
        for row in range(len(panels) + 1):
            self.grid.setRowStretch(row, 0)
        if columns == 2:
            self.grid.addWidget(self.details, 0, 0)
            self.grid.addWidget(self.roles, 1, 0, 2, 1)
            self.grid.addWidget(self.waves, 0, 1)
            self.grid.addWidget(self.meetings, 1, 1)
            self.grid.addWidget(self.settings, 2, 1)
            self.grid.addWidget(self.descriptions, 3, 0, 1, 2)
            self.grid.setColumnStretch(0, 3)
            self.grid.setColumnStretch(1, 2)
            self.grid.setRowStretch(1, 1)
        else:
            for row, panel in enumerate(panels):
                self.grid.addWidget(panel, row, 0, 1, 2)
            self.roles.setMinimumHeight(self.fontMetrics().height() * 16)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = self.viewport().width() >= TWO_COLUMN_CHARS * self.fontMetrics().averageCharWidth()
        self._arrange(2 if wide else 1)
        if wide:
            self.roles.setMinimumHeight(0)
        super().resizeEvent(event)
