"""The facilitator's view of a running walkthrough (the laptop, never the projector).

The current step with its kind and notes, what the room sees, the next step, the
agenda with each step's state, elapsed against planned time for the step and the
whole agenda, the timer controls, the step buttons (their keys in tooltips), and
the capture box. Buttons take no keyboard focus, so Space and the arrow keys always
reach the player instead of pressing whichever button was clicked last.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rcdesk.domain.agenda import AgendaStep, StepState
from rcdesk.domain.decks import StepKind
from rcdesk.ui.conversations.capture_box import CaptureBox
from rcdesk.ui.conversations.reveal_chooser import RevealChooser
from rcdesk.ui.conversations.timer import TimerState, format_time
from rcdesk.ui.theme import mark_text_role
from rcdesk.ui.widgets import label, named, wrapped_check, wraps

KeyHandler = Callable[[QKeyEvent], bool]
#: The live copy of the room's screen on the laptop (16:9).
PREVIEW_SIZE = QSize(240, 135)
#: Room left between the room's words and the copy (the grid's spacing and the label's own).
PREVIEW_GAP = 6

STATE_MARKS = {StepState.PLANNED: "○", StepState.CURRENT: "▶", StepState.RUN: "✓",
               StepState.SKIPPED: "⤼"}
#: The laptop's countdown follows the room's: amber in the last minute, red at zero.
AMBER_LOOK = "QLabel { background: #E69F00; color: #000000; border-radius: 4px; padding: 0 6px; }"
OVER_LOOK = "QLabel { background: #8A1500; color: #FFFFFF; border-radius: 4px; padding: 0 6px; }"
KIND_LABELS = {StepKind.TALK: "Talk", StepKind.PAIRS: "Pairs", StepKind.WRITE: "Write",
               StepKind.VOTE: "Vote", StepKind.PULSE: "Pulse", StepKind.REVEAL: "Reveal",
               StepKind.REFLECT: "Reflect", StepKind.BREAK: "Break"}


class WrappedText(QLabel):
    """Wrapped words that are never given less height than they need at the width they
    have (a layout otherwise squeezes a wrapped label at projector type); the page around
    it scrolls instead."""

    text_set = Signal()

    def __init__(self, text: str, role: str) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        mark_text_role(self, role)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.text_set.emit()

    def longest_word(self) -> int:
        """The width of its longest word, which no wrapping can make narrower."""
        metrics = self.fontMetrics()
        return max((metrics.horizontalAdvance(w) for w in self.text().split()), default=0)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self.heightForWidth(self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.height() < self.heightForWidth(self.width()):
            self.updateGeometry()  # ask the layout again with the new width's height


class KeylessScroll(QScrollArea):
    """A scroll area that leaves every key to the player (it scrolls by wheel and bar) and
    asks for little room, growing into what the view has."""

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint().expandedTo(QSize(100, self.minimumHeight()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()


def _scrolled(content: QWidget, name: str) -> QScrollArea:
    area = named(KeylessScroll(), name)
    area.setWidgetResizable(True)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the player keeps its keys
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


def minutes_text(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def agenda_line(item: AgendaStep) -> str:
    spent = f"{minutes_text(item.seconds)} of " if item.seconds else ""
    skipped = " (skipped)" if item.state is StepState.SKIPPED else ""
    return (f"{STATE_MARKS[item.state]}  {item.title} — {spent}"
            f"{item.planned_minutes:g} min{skipped}")


class CapturedList(QListWidget):
    """The latest captures, word-wrapped, six lines of its type high (at projector type a
    long insight takes five lines of the narrow column; a fixed height cut it)."""

    LINES = 6

    def __init__(self) -> None:
        super().__init__()
        wraps(self)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        self.setMaximumHeight(QFontMetrics(self.font()).lineSpacing() * self.LINES + 8)


class AgendaList(QListWidget):
    """The laptop's agenda list. Its keys act only while it has focus (Tab or a click):
    ↑/↓ choose a step, Enter shows it, S skips it in advance or keeps it after all; every
    other key goes on to the player (Space, ←, → …)."""

    chosen = Signal(int)
    skip_requested = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.currentRow() < 0 and self.count():
            self.setCurrentRow(self.current_row())  # start from the step on screen

    def current_row(self) -> int:
        """The row of the step on screen (shown in bold)."""
        return next((row for row in range(self.count()) if self.item(row).font().bold()), 0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            event.ignore()
            return
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End):
            super().keyPressEvent(event)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.currentItem()
            if item is not None:
                self.chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        elif key == Qt.Key.Key_S:
            if not event.isAutoRepeat():
                self.skip_requested.emit()
        else:
            event.ignore()  # the player's key
            return
        event.accept()


class FacilitatorView(QWidget):
    step_chosen = Signal(int)
    """The facilitator double-clicked a step of the agenda list (agenda step id)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Facilitator view")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_handler: KeyHandler | None = None
        self.buttons: dict[str, QPushButton] = {}
        self.preview_source: Callable[[], QPixmap | None] | None = None
        self.preview_timer = QTimer(self)  # coalesces the room view's changes into one copy
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(0)
        self.preview_timer.timeout.connect(self._on_preview_timer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self._build_main(), 3)
        # The side scrolls rather than squeezing its controls (projector type).
        layout.addWidget(_scrolled(self._build_side(), "Timer, agenda and capture"), 2)

    def _button(self, key: str, text: str, tip: str, accent: bool = False) -> QPushButton:
        widget = named(QPushButton(text), tip.split(" (")[0], tip)
        if accent:
            widget.setProperty("accent", "true")
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buttons[key] = widget
        return widget

    @staticmethod
    def _option(column: QVBoxLayout, text: str, tip: str) -> QCheckBox:
        """A check box whose text wraps in the narrow side column, added to `column`."""
        box = named(QCheckBox(), text, tip)
        box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the player keeps its keys
        column.addWidget(wrapped_check(box, text))
        return box

    def show_blank(self, on: bool) -> None:
        self.blank_note.setVisible(on)
        self.buttons["blank"].setText("Unblank" if on else "Blank")

    def show_leave_hint(self, on: bool) -> None:
        self.leave_hint.setVisible(on)

    def _build_main(self) -> QWidget:
        content = QWidget()  # scrolls if the type is too large; the step buttons never do
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = label("", "title", wrap=True)  # a long title wraps at projector type
        self.kind = label("", "muted")
        self.position = label("", "muted")
        top.addWidget(self.title, 1)
        top.addWidget(self.kind)
        top.addWidget(self.position)
        box.addLayout(top)
        seen = QGridLayout()  # what the room reads, beside a live copy of its screen
        seen.addWidget(label("The room sees", "muted"), 0, 0)
        self.room = WrappedText("", "section")
        self.room.setFrameShape(QFrame.Shape.StyledPanel)
        self.room.setMargin(8)
        self.room.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        seen.addWidget(self.room, 1, 0)
        self.room.text_set.connect(self._fit_preview)
        self.preview = named(QLabel(), "What the room sees now",
                             "A live copy of the room's screen")
        self.preview.setFixedSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel { background: #000000; }")
        seen.addWidget(self.preview, 0, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
        seen.setColumnStretch(0, 1)
        seen.setRowStretch(1, 1)
        box.addLayout(seen)
        box.addWidget(label("Notes (only on this screen)", "muted"))
        self.notes = label("", wrap=True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = KeylessScroll()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.notes)
        scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        scroll.setAccessibleName("Notes")
        box.addWidget(scroll, 1)
        self.reveal = RevealChooser()
        self.reveal.hide()
        box.addWidget(self.reveal, 2)
        self.next_label = label("", "muted", wrap=True)
        box.addWidget(self.next_label)
        self.extra = QWidget()  # kind-specific actions: reveal, pulse
        extra = QHBoxLayout(self.extra)
        extra.setContentsMargins(0, 0, 0, 0)
        for key, text, tip in (  # under the reveal chooser's list
                ("reveal_next", "Reveal next tie", "Reveal the next tie in the chosen order (R)"),
                ("reveal_all", "Reveal all", "Reveal every tie at once"),
                ("hide_all", "Hide scores", "Hide every score again")):
            self.reveal.button_row.addWidget(self._button(key, text, tip))
        extra.addWidget(self._button("pulse", "Open the pulse",
                                     "Go to the Pulse tab to collect answers"))
        extra.addStretch(1)
        box.addWidget(self.extra)
        self.blank_note = label("The room's screen is blank (black). B shows it again.",
                                "section", wrap=True)
        self.blank_note.setAccessibleName("The room's screen is blank")
        self.blank_note.hide()
        box.addWidget(self.blank_note)
        self.leave_hint = label("Press Esc again to leave the walkthrough (everything is "
                                "recorded).", "section", wrap=True)
        self.leave_hint.setAccessibleName("Press Esc again to leave")
        self.leave_hint.hide()
        box.addWidget(self.leave_hint)
        steps = QGridLayout()  # two rows of three: whole at projector type too
        for index, (key, text, tip, accent) in enumerate((
                ("back", "◀ Back", "Back to the previous step (←)", False),
                ("next", "Next ▶", "Next step (Space or →)", True),
                ("skip", "Skip", "Pass over this step", False),
                ("blank", "Blank", "Blank the room's screen, or show it again (B)", False),
                ("presenter", "Audience view", "Switch between the audience and the "
                 "facilitator view (P)", False),
                ("leave", "Leave", "Leave the walkthrough; everything is recorded (Esc twice)",
                 False))):
            steps.addWidget(self._button(key, text, tip, accent), index // 3, index % 3)
        main = QWidget()
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(_scrolled(content, "Step, notes and reveal"), 1)
        column.addLayout(steps)
        return main

    def _build_side(self) -> QWidget:
        side = QWidget()
        box = QVBoxLayout(side)
        box.setContentsMargins(0, 0, 0, 0)
        # The clock above its buttons, two to a row: the side column is narrow at
        # projector type (side by side, +1 min was cut off).
        grid = QGridLayout()
        self.clock = label("", "title")
        self.clock.setAccessibleName("Countdown")
        grid.addWidget(self.clock, 0, 0, 1, 2)
        grid.addWidget(self._button("timer", "Start", "Start or pause the timer (T)", True),
                       1, 0)
        grid.addWidget(self._button("minute", "+1 min", "Add a minute"), 1, 1)
        grid.addWidget(self._button("reset", "Reset", "Back to the step's minutes"), 2, 0)
        grid.setColumnStretch(2, 1)
        box.addLayout(grid)
        self.continue_timer = self._option(
            box, "Keep the timer running into the next step",
            "When on, a running timer starts the next step's time at once")
        self.overrun_to_room = self._option(
            box, "Show the overrun to the room",
            "When off (the default), the room sees 0:00 calmly and only this screen counts on")
        self.step_time = label("", "muted", wrap=True)
        self.agenda_time = label("", "muted", wrap=True)
        box.addWidget(self.step_time)
        box.addWidget(self.agenda_time)
        box.addWidget(label("Agenda", "section"))
        self.agenda = named(AgendaList(), "Agenda steps",
                            "Click or Tab here, then ↑/↓ choose a step, Enter (or a "
                            "double-click) shows it, S skips it in advance")
        self.agenda.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        wraps(self.agenda)  # "Respond productively — 5 min (skipped)" stays whole
        self.agenda.itemDoubleClicked.connect(self._on_agenda_item_double_clicked)
        self.agenda.chosen.connect(self.step_chosen)
        box.addWidget(self.agenda, 1)
        box.addWidget(self._button("skip_later", "Skip or keep step",
                                   "Pass over the step chosen in the agenda in advance, or "
                                   "keep it after all (S)"))
        self.agenda.skip_requested.connect(self.buttons["skip_later"].click)
        self.capture = CaptureBox()
        box.addWidget(self.capture)
        self.recent = named(CapturedList(), "Captured in this meeting")
        self.recent.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box.addWidget(self.recent)
        return side

    # -- showing -----------------------------------------------------------------------------

    def show_step(self, agenda: list[AgendaStep], current: AgendaStep,
                  following: AgendaStep | None) -> None:
        step = current.step
        self.title.setText(step.title)
        self.kind.setText(KIND_LABELS[step.kind])
        self.position.setText(f"Step {agenda.index(current) + 1} of {len(agenda)}")
        self.room.setText(step.room)
        self.notes.setText(step.notes or "No notes for this step.")
        self.next_label.setText(
            f"Next: {following.title} ({following.planned_minutes:g} min)" if following
            else "Next: the end of the agenda")
        reveal = step.kind is StepKind.REVEAL
        self.reveal.setVisible(reveal)
        for key in ("reveal_next", "reveal_all", "hide_all"):
            self.buttons[key].setVisible(reveal)
        self.buttons["pulse"].setVisible(step.kind is StepKind.PULSE)
        self.extra.setVisible(step.kind is StepKind.PULSE)
        self.buttons["back"].setEnabled(agenda.index(current) > 0)
        self.buttons["next"].setText("Finish ▶" if following is None else "Next ▶")
        self.show_agenda(agenda)

    def show_agenda(self, agenda: list[AgendaStep]) -> None:
        selected = self.selected_step_id()
        self.agenda.clear()
        for item in agenda:
            entry = QListWidgetItem(agenda_line(item))
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            if item.state is StepState.CURRENT:
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.agenda.addItem(entry)
            if item.id == selected:
                self.agenda.setCurrentItem(entry)

    def show_times(self, step_seconds: float, step_minutes: float, agenda_seconds: float,
                   agenda_minutes: float) -> None:
        self.step_time.setText(f"This step: {minutes_text(step_seconds)} of "
                               f"{step_minutes:g} min")
        self.agenda_time.setText(f"Whole agenda: {minutes_text(agenda_seconds)} of "
                                 f"{agenda_minutes:g} min")

    def show_timer(self, remaining: float, running: bool, state: TimerState) -> None:
        self.clock.setText(format_time(remaining))
        self.clock.setAccessibleDescription(f"Time left, {state.value}")
        look = {TimerState.NORMAL: "", TimerState.AMBER: AMBER_LOOK, TimerState.OVER: OVER_LOOK}
        if self.clock.styleSheet() != look[state]:
            self.clock.setStyleSheet(look[state])
        self.buttons["timer"].setText("Pause" if running else "Start")

    def _on_preview_timer(self) -> None:
        screen = self.preview_source() if self.preview_source is not None else None
        if screen is not None:
            self.show_preview(screen)

    def show_preview(self, screen: QPixmap) -> None:
        """A small copy of exactly what the projector shows."""
        self.preview.setPixmap(screen.scaled(
            self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_preview()

    def _fit_preview(self) -> None:
        """The live copy gives way to the room's words, down to two thirds of its size: the
        question's longest word beside it is never cut (projector type: a role's name beside
        the full-size copy was wider than the laptop's column, which scrolled sideways)."""
        column = self.room.parentWidget()
        if column is None:
            return
        spare = column.width() - self.room.longest_word() \
            - 2 * (self.room.margin() + self.room.frameWidth()) - 4 * PREVIEW_GAP
        width = max(PREVIEW_SIZE.width() * 2 // 3, min(PREVIEW_SIZE.width(), spare))
        if width != self.preview.width():
            self.preview.setFixedSize(width, width * 9 // 16)
            self._on_preview_timer()

    def show_recent(self, lines: list[str]) -> None:
        self.recent.clear()
        self.recent.addItems(lines)
        self.recent.scrollToBottom()

    def selected_step_id(self) -> int | None:
        item = self.agenda.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _on_agenda_item_double_clicked(self, item: QListWidgetItem) -> None:
        self.step_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)
