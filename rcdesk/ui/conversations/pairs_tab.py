"""Cross-role pairs (issue 20): the Conversations tab that proposes pairs from who came
and the map's weakest ties, and shows them large on the projector (the room's screen, as
the walkthrough's audience view is chosen: screens.py). Keys on the tab and the
projector window: R re-roll, arrows move, Space picks and swaps, Esc closes the window.
A walkthrough's "pairs" step shows the same board (audience.py) and re-rolls with R.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from rcdesk.ui.conversations.pairs_board import KEYS, PairsBoard, PairsController
from rcdesk.ui.conversations.screens import plan_screens
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.palettes import PALETTES, Theme
from rcdesk.ui.widgets import button, label
from rcdesk.ui.workshop_model import WorkshopModel

P = PALETTES[Theme.PROJECTOR]


class PairsWindow(QWidget):
    """The pairs full screen on the room's screen."""

    def __init__(self, controller: PairsController) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("rcdesk — pairs")
        self.setObjectName("pairsWindow")
        self.setStyleSheet(f"QWidget#pairsWindow {{ background: {P.window}; }}"
                           f"QLabel {{ color: {P.window_text}; }}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.controller = controller
        self.board = PairsBoard(controller, 30.0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 24)
        title = label("Pair up: ask the other role, humbly", "title", wrap=True)
        title.setStyleSheet("font-size: 30pt; font-weight: bold;")
        layout.addWidget(title)
        scroll = QScrollArea()  # a large room scrolls; the type stays large
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.board)
        layout.addWidget(scroll, 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.controller.handle_key(event):
            return
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def show_on_room_screen(self, laptop: QWidget) -> None:
        screens = QGuiApplication.screens()
        here = laptop.window().screen()
        primary = next((i for i, screen in enumerate(screens) if screen is here), 0)
        plan = plan_screens([(s.geometry().x(), s.geometry().y(), s.geometry().width(),
                              s.geometry().height()) for s in screens],
                            [s.name() for s in screens], primary)
        if screens and plan.audience < len(screens):
            self.setScreen(screens[plan.audience])
            self.setGeometry(screens[plan.audience].geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus()


class PairsTab(QWidget):
    def __init__(self, model: WorkshopModel, feedback: Feedback) -> None:
        super().__init__()
        self.model = model
        self.feedback = feedback
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.controller = PairsController(model)
        self.window_: PairsWindow | None = None
        self.board = PairsBoard(self.controller, 15.0)
        self.source = label("", "muted", wrap=True)
        actions = QHBoxLayout()
        actions.addWidget(button("Propose pairs", "Propose cross-role pairs", self.propose,
                                 accent=True, tip="From who came and the map's weakest ties"))
        actions.addWidget(button("Re-roll", "Re-roll the pairs (R)", self.controller.reroll))
        actions.addWidget(button("Show on the projector", "Show the pairs on the projector",
                                 self.show_on_projector))
        actions.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.board)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Cross-role pairs", "section"))
        layout.addLayout(actions)
        layout.addWidget(self.source)
        layout.addWidget(label(KEYS, "muted", wrap=True))
        layout.addWidget(scroll, 1)
        self.controller.changed.connect(self._show_source)
        self.wave_id: int | None = None

    def set_wave(self, wave_id: int | None) -> None:
        self.wave_id = wave_id

    def propose(self) -> None:
        self.controller.propose(self.wave_id)
        self.setFocus()

    def _show_source(self) -> None:
        plan = self.controller.plan
        meeting = plan.meeting if plan is not None else None
        self.source.setText("" if meeting is None else
                            f"Who came to {meeting.title or meeting.kind.label.lower()} on "
                            f"{meeting.date.isoformat()}; the weakest shown ties are paired "
                            "first, and nobody with their own role while another is free.")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.controller.handle_key(event):
            super().keyPressEvent(event)

    def show_on_projector(self) -> PairsWindow:
        if self.controller.plan is None:
            self.propose()
        if self.window_ is None:
            self.window_ = PairsWindow(self.controller)
            self.window_.destroyed.connect(self._forget_window)
            self.window_.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window_.show_on_room_screen(self)
        return self.window_

    def _forget_window(self) -> None:
        self.window_ = None

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.window_ is not None:
            self.window_.close()
        super().closeEvent(event)
