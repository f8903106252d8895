"""The Overview page: the workshop at a glance and everything that defines it.

Two columns when there is room; one column when the type is large (projector
mode at 1280×720) so nothing is clipped and the page scrolls only vertically.

The settings and the dimension descriptions sit below the fold of a 1280×720 window:
they are built just after the page first paints (or when asked for), so opening a
workshop shows its first frame sooner (issue #9, cold start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QWidget

from rcdesk.ui.feedback import Feedback
from rcdesk.ui.first_paint import after_first_paint
from rcdesk.ui.overview.details import DetailsPanel
from rcdesk.ui.overview.meetings import MeetingsPanel
from rcdesk.ui.overview.roles import RolesPanel
from rcdesk.ui.overview.waves import WavesPanel
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.workshop_model import WorkshopModel

if TYPE_CHECKING:
    from rcdesk.ui.overview.descriptions import DescriptionsPanel
    from rcdesk.ui.overview.settings_panel import SettingsPanel

#: Two columns need about this many average characters of width.
TWO_COLUMN_CHARS = 96


class OverviewPage(QScrollArea):
    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._runner = runner
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Overview")
        # The body goes into the scroll area before it is filled, and each panel is made
        # inside it: moving a filled tree makes Qt re-resolve every widget in it (see
        # WorkshopPage).
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(20, 16, 20, 16)
        self.grid.setHorizontalSpacing(28)
        self.grid.setVerticalSpacing(18)
        self.setWidget(self.body)
        self.details = DetailsPanel(model, runner, self.body)
        self.roles = RolesPanel(model, runner, feedback, self.body)
        self.waves = WavesPanel(model, runner, feedback, self.body)
        self.meetings = MeetingsPanel(model, runner, feedback, self.body)
        self._settings: SettingsPanel | None = None
        self._descriptions: DescriptionsPanel | None = None
        self.columns = 0
        self._arrange(2)
        self._cancel_late = after_first_paint(self.body, self._build_below_the_fold)

    @property
    def settings(self) -> SettingsPanel:
        if self._settings is None:
            from rcdesk.ui.overview.settings_panel import SettingsPanel

            self._settings = SettingsPanel(self._model, self._runner, self.body)
            self._place(self._settings)
        return self._settings

    @property
    def descriptions(self) -> DescriptionsPanel:
        if self._descriptions is None:
            from rcdesk.ui.overview.descriptions import DescriptionsPanel

            self._descriptions = DescriptionsPanel(self._model, self._runner, self.body)
            self._place(self._descriptions)
        return self._descriptions

    @property
    def complete(self) -> bool:
        """Every panel is built (the late ones follow the page's first paint)."""
        return self._settings is not None and self._descriptions is not None

    def _place(self, panel: QWidget) -> None:
        """Put a panel built late in its place, shown at once when the page is on screen."""
        self._arrange(self.columns, again=True)
        if self.body.isVisible():
            panel.show()

    def detach(self) -> None:
        """The workshop is closing: the panels not built yet never will be."""
        self._cancel_late()

    def _build_below_the_fold(self) -> None:
        self.settings  # noqa: B018 - built (and shown) by being asked for
        self.descriptions  # noqa: B018

    def _arrange(self, columns: int, again: bool = False) -> None:
        """Place the panels in reading order: details, roles, waves, meetings, settings."""
        if columns == self.columns and not again:
            return
        self.columns = columns
        panels: tuple[QWidget | None, ...] = (
            self.details, self.roles, self.waves, self.meetings, self._settings,
            self._descriptions)
        for panel in panels:
            if panel is not None:
                self.grid.removeWidget(panel)
        for row in range(len(panels) + 2):
            self.grid.setRowStretch(row, 0)
        if columns == 2:
            # The columns share grid rows but not heights: the details take row 0 alone,
            # and the waves span rows 0–1, so a tall waves table never pads the details
            # with empty space; the roles fill the left column below them.
            self.grid.addWidget(self.details, 0, 0)
            self.grid.addWidget(self.roles, 1, 0, 4, 1)
            self.grid.addWidget(self.waves, 0, 1, 2, 1)
            self.grid.addWidget(self.meetings, 2, 1, 2, 1)
            if self._settings is not None:
                self.grid.addWidget(self._settings, 4, 1)
            if self._descriptions is not None:
                self.grid.addWidget(self._descriptions, 5, 0, 1, 2)
            self.grid.setColumnStretch(0, 3)
            self.grid.setColumnStretch(1, 2)
            self.grid.setRowStretch(1, 1)
            self.grid.setRowStretch(3, 1)
        else:
            for row, panel in enumerate(panels):
                if panel is not None:
                    self.grid.addWidget(panel, row, 0, 1, 2)
            self.roles.setMinimumHeight(self.fontMetrics().height() * 16)

    def _viewport_width(self) -> int:
        """The viewport's width, without asking for the viewport widget: the first Python
        call that returns a widget made by Qt (like `viewport()`) makes PySide set up the
        Python side of every QWidget class to find its type, 20 ms of a cold start."""
        bar = self.verticalScrollBar()
        return self.maximumViewportSize().width() - (bar.width() if bar.isVisible() else 0)

    def _fit_columns(self) -> None:
        wide = self._viewport_width() >= TWO_COLUMN_CHARS * self.fontMetrics().averageCharWidth()
        self._arrange(2 if wide else 1)
        if wide:
            self.roles.setMinimumHeight(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_columns()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """A new type size (projector mode, zoom) may need one column at the same width."""
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()
        super().changeEvent(event)
