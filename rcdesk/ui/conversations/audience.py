"""What the room sees: one prompt, very large, and the countdown. Nothing else.

No notes, no names of people, no numbers except the time (a reveal step shows the
map with its scores hidden until the facilitator reveals them). Always in the
projector palette whatever the laptop's theme, with its own type sizes (ux.md:
titles ≥ 28 pt, prompts ≥ 40 pt, any text ≥ 18 pt). Blank mode (B) leaves a plain,
calm screen. The countdown turns amber in the last minute and pulses at zero; the
amber and over states also change the shape of the time (a frame, a minus sign),
so colour is never the only signal.

The view takes keys only to hand them to the player (it is a top-level window on
the projector, or on the laptop's only screen behind the presenter toggle).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from rcdesk.domain.decks import Step, StepKind
from rcdesk.ui.conversations.pairs_board import PairsBoard, PairsController
from rcdesk.ui.conversations.reveal_view import RevealMap
from rcdesk.ui.conversations.room_mirror import RoomMirror
from rcdesk.ui.conversations.timer import TimerState
from rcdesk.ui.map.scene import ScoresProvider
from rcdesk.ui.palettes import PALETTES, Theme
from rcdesk.ui.theme import FONT_FAMILY
from rcdesk.ui.workshop_model import WorkshopModel

TITLE_PT = 30.0
PROMPT_PT = (52.0, 48.0, 44.0, 40.0)  # tried in turn until the prompt fits; 40 is the floor
TIMER_PT = 40.0
QUESTION_PT = 28.0
P = PALETTES[Theme.PROJECTOR]
BLANK = "#000000"  # blank is black: the room looks back at the people
AMBER = "#E69F00"  # Okabe–Ito orange; black on it is 10:1
OVER = "#8A1500"  # white on it is 9:1

KeyHandler = Callable[[QKeyEvent], bool]


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _label(name: str, points: float, bold: bool = False) -> QLabel:
    widget = QLabel()
    widget.setObjectName(name)
    widget.setAccessibleName(name.replace("_", " "))
    widget.setFont(_font(points, bold))
    widget.setWordWrap(True)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


class AudienceView(QWidget):
    resized = Signal()
    """The room's view changed size (full screen on the projector, a new screen): what it
    shows was laid out again without any change of step."""
    repainted = Signal()
    """The room's window painted something new (a map settling, a label placed late)."""

    def __init__(self, model: WorkshopModel, scores_for: ScoresProvider) -> None:
        super().__init__()
        self.setWindowTitle("rcdesk — audience")
        self.setAccessibleName("Audience view")
        self.setObjectName("audience")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_handler: KeyHandler | None = None
        self.close_handler: Callable[[], None] | None = None
        self.step: Step | None = None
        self.blank = False
        self._back_at = ""
        self.title = _label("step_title", TITLE_PT, bold=True)
        self.prompt = _label("prompt", PROMPT_PT[0])
        self.timer = _label("countdown", TIMER_PT, bold=True)
        self.timer.setMinimumWidth(QFontMetrics(self.timer.font()).horizontalAdvance("−00:00 ")
                                   + 48)
        self.question = _label("question", QUESTION_PT)
        self._model = model
        self._scores_for = scores_for
        self._wave_id: int | None = None
        self._pairs: PairsController | None = None  # built for the first pairs step
        self._pairs_board: PairsBoard | None = None
        self._map: RevealMap | None = None  # built for the first reveal step (it follows
        # every map edit, so a workshop that never reveals should not pay for it)
        self.question.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._question_floor = 0  # the question's height kept through a reveal step
        self.body = QStackedWidget()
        self.body.addWidget(self.prompt)
        self.bottom = QHBoxLayout()  # the room's question beside the time in a reveal step
        self.bottom.addStretch(1)
        self.bottom.addWidget(self.question)
        self.bottom.addWidget(self.timer)
        self.bottom.addStretch(1)
        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(48, 28, 48, 24)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        layout.addLayout(self.bottom)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.content)
        self.hint = _label("hint", 18.0)
        self.hint.hide()
        layout.addWidget(self.hint)
        self._timer_look: tuple[TimerState, bool] | None = None
        self.timer_state = TimerState.NORMAL
        self.setStyleSheet(self._sheet(P.window))
        self.set_timer("", TimerState.NORMAL, True)
        self.mirror = RoomMirror(self)  # the laptop's copy, painted again where this paints

    @property
    def map(self) -> RevealMap:
        """The map of reveal steps, scores hidden until revealed (built on first use)."""
        if self._map is None:
            self._map = RevealMap(self._model, self._scores_for)
            self._map.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._map.set_wave(self._wave_id)
            self.body.addWidget(self._map)
        return self._map

    @property
    def pairs(self) -> PairsController:
        """The cross-role pairs a "pairs" step shows (built on first use; R re-rolls)."""
        if self._pairs is None:
            self._pairs = PairsController(self._model)
            self._pairs_board = PairsBoard(self._pairs, 30.0)
            self.body.addWidget(self._pairs_board)
        return self._pairs

    def set_wave(self, wave_id: int | None) -> None:
        """The wave whose scores a reveal step shows."""
        self._wave_id = wave_id
        if self._map is not None:
            self._map.set_wave(wave_id)

    @staticmethod
    def _sheet(background: str) -> str:
        return (f"QWidget#audience {{ background: {background}; }}"
                f"QLabel#step_title, QLabel#hint {{ color: {P.muted_text}; }}"
                f"QLabel#prompt, QLabel#question {{ color: {P.window_text}; }}")

    # -- what is shown -----------------------------------------------------------------------

    def show_step(self, step: Step | None) -> None:
        """Show a step's room text (never its notes); a reveal step shows the map."""
        self.step = step
        reveal = step is not None and step.kind is StepKind.REVEAL
        self.title.setText(step.title if step else "")
        self.prompt.setText(step.room if step else "")
        self._back_at = ""
        self.body.setCurrentWidget(self.map if reveal else self.prompt)
        pairs = step is not None and step.kind is StepKind.PAIRS
        if pairs:  # the pairs take the prompt's place; its words go below them
            if self.pairs.plan is None:
                self.pairs.propose(self._wave_id)
            assert self._pairs_board is not None  # built with the pairs
            self.body.setCurrentWidget(self._pairs_board)
        # A reveal step gives the map the room: the title gives way to the question below.
        self.title.setVisible(not reveal)
        self.question.setVisible(reveal or pairs)
        if pairs:
            self.question.setText(step.room if step else "")
        self.bottom.setStretch(0, 0 if reveal else 1)
        self.bottom.setStretch(1, 1 if reveal else 0)
        self.bottom.setStretch(3, 0 if reveal else 1)
        self._question_floor = 2 * self.question.fontMetrics().lineSpacing() if reveal else 0
        self.question.setMinimumHeight(self._question_floor)
        if reveal:
            self.map.hide_all()
            self.question.setText(step.room if step else "")
            self._keep_question_room()
        self._fit_prompt()

    def set_back_at(self, text: str) -> bool:
        """A break's "Back at 10:40" under its room text; True when it changed."""
        step = self.step
        if step is None or step.kind is not StepKind.BREAK or text == self._back_at:
            return False
        self._back_at = text
        own = step.room.strip()
        shown = own not in ("", step.title, "Break")
        self.prompt.setText(f"{own}\n{text}" if shown else text)
        self._fit_prompt()
        return True

    def refresh_question(self) -> None:
        """After a reveal: the room's question about the tie just shown."""
        self.question.setText(self.map.question())
        self._keep_question_room()

    def _keep_question_room(self) -> None:
        """The question keeps the most lines it has needed in this step (up to four): a
        shorter one does not give the room back, so the map does not jump (and get fitted
        and drawn again) with each tie revealed."""
        if not self.question.isVisible():
            return  # not laid out: its width says nothing yet
        layout = self.content.layout()
        if layout is not None:
            layout.activate()
        lines = self.question.fontMetrics().lineSpacing()
        needed = min(self.question.heightForWidth(self.question.width()), 4 * lines)
        if needed > self._question_floor:
            self._question_floor = needed
            self.question.setMinimumHeight(needed)

    def set_blank(self, on: bool) -> None:
        self.blank = on
        self.content.setVisible(not on)
        self.setStyleSheet(self._sheet(BLANK if on else P.window))

    def show_hint(self, text: str) -> None:
        """A small line for the facilitator at the foot (one screen only): "Esc again"."""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_timer(self, text: str, state: TimerState, pulse_on: bool) -> None:
        self.timer_state = state
        self.timer.setText(text)
        self.timer.setAccessibleDescription(f"Time left, {state.value}")
        look = (state, pulse_on)
        if look == self._timer_look:
            return
        self._timer_look = look
        if state is TimerState.OVER and pulse_on:
            sheet = f"color: #FFFFFF; background: {OVER}; border: 4px solid {OVER};"
        elif state is TimerState.OVER:
            sheet = f"color: {OVER}; background: {P.window}; border: 4px solid {OVER};"
        elif state is TimerState.AMBER:
            sheet = f"color: #000000; background: {AMBER}; border: 4px solid #000000;"
        else:
            sheet = f"color: {P.window_text}; background: transparent; border: 4px solid " \
                    "transparent;"
        self.timer.setStyleSheet(f"QLabel {{ {sheet} border-radius: 12px; padding: 2px 24px; }}")

    def visible_texts(self) -> list[str]:
        """Every text a person in the room could read now (for tests and checks)."""
        if self.blank:
            return []
        body = self.prompt if self.body.currentWidget() is self.prompt else self.question
        labels = [w for w in (self.title, body, self.timer) if not w.isHidden()]
        return [w.text() for w in labels if w.text()]

    # -- fitting the prompt ------------------------------------------------------------------

    def _fit_prompt(self) -> None:
        """The largest prompt size (≥ 40 pt) whose wrapped text fits the space it has."""
        width = max(200, self.prompt.width() or self.width() - 96)
        height = max(100, self.prompt.height() or int(self.height() * 0.6))
        for points in PROMPT_PT:
            font = _font(points)
            rect = QFontMetrics(font).boundingRect(
                0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap), self.prompt.text())
            if rect.height() <= height:
                break
        self.prompt.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_prompt()
        self.resized.emit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.UpdateRequest:  # the window has just painted
            self.repainted.emit()
        return handled

    # -- keys and closing go to the player ---------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the projector window only hides it; the walkthrough goes on."""
        if self.close_handler is not None:
            self.close_handler()
        super().closeEvent(event)
