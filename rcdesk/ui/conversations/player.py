"""The walkthrough player: one running meeting, two views, the timer, keys and capture.

The player turns gestures into WalkthroughService transitions (recorded at once,
not undoable: see services/walkthrough.py), keeps the audience and facilitator
views in step, and places the audience view: full screen on the projector when
there is a second screen (screens.py), else behind the presenter toggle on the
laptop's only screen (starting on the audience view, so the notes are not shown
to a mirrored projector by surprise).

Keys (ux.md): Space/→/PageDown next, ←/PageUp back, T timer, B (or .) blank, P
presenter toggle (with two screens: blank the projector; the window never hides), R
reveal the next tie, F11 full screen (the audience window; on the laptop the main
window's own F11), Esc twice within a second leaves (the first shows a hint, so a
reflex never ends a huddle). They belong to the player's two views and never fire
while a text field has focus: the capture box keeps its Enter and Esc (Esc cancels
the typing), and the agenda list's keys act only while it has focus. After any
change of the room's window, the keyboard goes back to the laptop's window.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from rcdesk.domain.agenda import AgendaStep, planned_minutes, spent_seconds
from rcdesk.domain.captures import CaptureKind
from rcdesk.domain.decks import StepKind
from rcdesk.domain.errors import DomainError
from rcdesk.ui.conversations.audience import AudienceView
from rcdesk.ui.conversations.facilitator import FacilitatorView
from rcdesk.ui.conversations.player_windows import RoomWindows, ScreensProvider
from rcdesk.ui.conversations.reveal_control import RevealControl
from rcdesk.ui.conversations.screens import ScreenPlan
from rcdesk.ui.conversations.timer import Countdown, SecondPress, TimerState
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.map.scene import ScoresProvider
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.workshop_model import WorkshopModel

#: Seconds within which a second Esc leaves the walkthrough.
LEAVE_WINDOW = 1.0
MIRROR_MS = 100
"""How often at most the laptop copies the room's view while it keeps repainting."""
TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def typing_in_text_field() -> bool:
    """Whether the keyboard is in a text field (the player's keys must not fire then)."""
    focus = QApplication.focusWidget()
    if isinstance(focus, QComboBox):
        return focus.isEditable()
    return isinstance(focus, TEXT_FIELDS)


class Player(RoomWindows, QObject):
    ended = Signal()
    """The walkthrough was left or finished; everything is recorded."""
    pulse_requested = Signal()
    """The facilitator wants the Pulse tab (a pulse step)."""

    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 scores_for: ScoresProvider, *,
                 monotonic: Callable[[], float] = time.monotonic,
                 screens: ScreensProvider = QGuiApplication.screens,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.runner = runner
        self.feedback = feedback
        self.walk = model.session.walkthrough
        self.captures = model.session.captures
        self.monotonic = monotonic
        self.countdown = Countdown(monotonic, parent=self)
        self.esc = SecondPress(lambda: self.monotonic(), LEAVE_WINDOW)  # Esc, Esc leaves
        self.facilitator = FacilitatorView()
        self.audience = AudienceView(model, scores_for)
        self.audience.setParent(self.facilitator, Qt.WindowType.Window)  # closes with it
        self.reveal = RevealControl(self.audience, self.facilitator.reveal, self._on_reveal_changed)
        self.preview_timer = self.facilitator.preview_timer
        self.facilitator.preview_source = self._room_screen
        self.audience.resized.connect(self.preview_later)  # laid out again: copy it again
        # anything else the room's window paints (a map settling, a label placed late) is
        # copied too, at most every MIRROR_MS while it keeps changing; and every change is
        # copied once more MIRROR_MS later, for what settles after the first copy
        self.mirror_timer = QTimer(self)
        self.mirror_timer.setSingleShot(True)
        self.mirror_timer.setInterval(MIRROR_MS)
        self.mirror_timer.timeout.connect(self.preview_timer.start)
        self.audience.repainted.connect(self._on_room_painted)
        self._room_time = ""
        self.screens = screens
        self._busy = False  # a transition of ours is being recorded
        self.plan = ScreenPlan(0, 0)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self.refresh_times)
        self._connect()

    def _connect(self) -> None:
        f = self.facilitator
        actions: dict[str, Callable[[], object]] = {
            "next": self.next, "back": self.back, "skip": self.skip, "leave": self.leave,
            "blank": self.toggle_blank, "presenter": self.toggle_presenter,
            "timer": self.countdown.toggle, "minute": self.countdown.add_minute,
            "reset": self.reset_timer, "reveal_next": self.reveal_next,
            "reveal_all": self.reveal_all, "hide_all": self.hide_all,
            "pulse": self.open_pulse,
            "skip_later": self.toggle_selected_skipped,
        }
        for key, action in actions.items():
            f.buttons[key].clicked.connect(action)
        f.key_handler = self.handle_key
        f.step_chosen.connect(self.go_to)
        f.capture.submitted.connect(self._on_capture_submitted)
        f.capture.line.cancelled.connect(self._on_capture_cancelled)
        self.audience.key_handler = self.handle_key
        self.audience.close_handler = self._on_audience_closed
        self.countdown.changed.connect(self._on_countdown_changed)
        self.model.captures_changed.connect(self._show_recent)
        self.model.agenda_changed.connect(self._on_model_agenda_changed)
        self.model.roles_changed.connect(self._on_model_roles_changed)

    # -- reading -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.walk.running

    def current(self) -> AgendaStep | None:
        return self.walk.current() if self.walk.running else None

    # -- starting and ending -----------------------------------------------------------------

    def open(self, meeting_id: int) -> bool:
        """Start (or resume) the meeting's walkthrough; False (and a message) if it cannot."""
        if not self._attempt(lambda: self.walk.start(meeting_id)):
            return False
        self._begin()
        return True

    def resume(self, meeting_id: int) -> bool:
        if not self._attempt(lambda: self.walk.resume(meeting_id)):
            return False
        self._begin()
        return True

    def _begin(self) -> None:
        self._on_model_roles_changed()
        self._show_current(new_step=True)
        self._show_recent()
        self.clock_timer.start()
        self._place_audience()

    def leave(self) -> None:
        """End the walkthrough: the step on screen is recorded, the views close."""
        if self._attempt(self.walk.leave):
            self._finish()

    def ask_leave(self) -> None:
        """Esc: the first press shows a hint; a second within LEAVE_WINDOW seconds leaves."""
        if self.esc.press():
            self._show_leave_hint(False)
            self.leave()
            return
        self.facilitator.show_leave_hint(True)
        if not self.plan.two_screens:  # the facilitator may be looking at the audience view
            self.audience.show_hint("Press Esc again to leave")
        QTimer.singleShot(int(LEAVE_WINDOW * 1000) + 200, self._expire_leave_hint)

    def _expire_leave_hint(self) -> None:
        if not self.esc.waiting():
            self._show_leave_hint(False)

    def _show_leave_hint(self, on: bool) -> None:
        self.facilitator.show_leave_hint(on)
        if not on:
            self.audience.show_hint("")

    def _finish(self) -> None:
        self.esc.reset()
        self._show_leave_hint(False)
        self.audience.set_blank(False)
        self.facilitator.show_blank(False)
        self.countdown.pause()
        self.clock_timer.stop()
        self.audience.close_handler = None
        self.audience.hide()
        self.audience.close_handler = self._on_audience_closed
        if self.audience.isFullScreen():
            self.audience.showNormal()
            self.audience.hide()
        self.ended.emit()

    def detach(self) -> None:
        """Close the views and stop the clocks, leaving the record as it is (resumable)."""
        self.countdown.pause()
        self.clock_timer.stop()
        self.audience.close_handler = None
        self.audience.hide()

    # -- step gestures -----------------------------------------------------------------------

    def _attempt(self, action: Callable[[], object]) -> bool:
        """Run a walkthrough transition; a failure is reported calmly and changes nothing."""
        self._busy = True
        try:
            action()
        except DomainError as exc:
            self.feedback.error(exc)
            return False
        finally:
            self._busy = False
        return True

    def next(self) -> None:
        self._move(self.walk.next)

    def back(self) -> None:
        before = self.current()
        if self._attempt(self.walk.back) and self.current() != before:
            self._show_current(new_step=True)

    def skip(self) -> None:
        self._move(self.walk.skip)

    def go_to(self, step_id: int) -> None:
        if self._attempt(lambda: self.walk.go_to(step_id)):
            self._show_current(new_step=True)

    def _move(self, action: Callable[[], AgendaStep | None]) -> None:
        if not self.walk.running:
            return
        if not self._attempt(action):
            return
        if self.walk.running:
            self._show_current(new_step=True)
        else:
            self.feedback.note("The walkthrough is finished; the agenda run is recorded.")
            self._finish()

    def toggle_selected_skipped(self) -> None:
        """Skip the step selected in the agenda list in advance (or keep it after all)."""
        step_id = self.facilitator.selected_step_id()
        if step_id is not None and self._attempt(lambda: self.walk.toggle_skipped(step_id)):
            self._on_model_agenda_changed()

    def _on_model_agenda_changed(self) -> None:
        """Keep the laptop's agenda, next step and times current (the room's view is only
        changed by the player's own gestures, so a reveal in progress is never reset)."""
        if self._busy or not self.walk.running:
            return
        now = self.walk.current()
        if now is None:  # the step on screen was removed (an undo, an agenda edit)
            self.walk.leave()
            self.feedback.note("The step on screen left the agenda, so the walkthrough ended; "
                               "what ran is recorded.")
            self._finish()
            return
        self.facilitator.show_step(self.walk.agenda(), now, self.walk.next_step())
        self.refresh_times()

    # -- timer, blank, presenter, reveal -----------------------------------------------------

    def reset_timer(self) -> None:
        now = self.current()
        self.countdown.reset(now.planned_minutes if now else 0)

    def toggle_blank(self) -> None:
        self.audience.set_blank(not self.audience.blank)
        self.facilitator.show_blank(self.audience.blank)
        self.preview_later()
        self._after_audience_change()

    def reveal_next(self) -> None:
        """R: the next tie of a reveal step; new pairs in a pairs step."""
        now = self.current()
        if now is not None and now.step.kind is StepKind.PAIRS:
            self.audience.pairs.reroll()
            self.preview_later()
            return
        self.reveal.next()

    def reveal_all(self) -> None:
        self.reveal.reveal_all()

    def hide_all(self) -> None:
        self.reveal.hide_all()

    def _on_reveal_changed(self) -> None:
        """The laptop says what the room now reads under the map."""
        self.facilitator.room.setText(self.audience.question.text())
        self.preview_later()

    def preview_later(self) -> None:
        self.preview_timer.start()
        self.mirror_timer.start()

    def _on_room_painted(self) -> None:
        if not self.mirror_timer.isActive():
            self.mirror_timer.start()

    def _room_screen(self) -> QPixmap | None:
        return self.audience.mirror.copy() if self.walk.running else None

    def open_pulse(self) -> None:
        self.pulse_requested.emit()

    def set_wave(self, wave_id: int | None) -> None:
        """The header's wave; a reveal step shows the newest wave with map data when the
        header's has none (a pulse-only wave), and the laptop says so."""
        from rcdesk.services.wave_choice import map_wave

        choice = map_wave(self.model.session.scores, wave_id)
        self.audience.set_wave(choice.wave.id if choice.wave is not None else wave_id)
        self.facilitator.reveal.show_wave(f"Scores of {choice.note}.")
        if self.reveal.active:
            self.reveal.enter(self.current())

    # -- keys --------------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        """Run the player's action for a key; False when the key is not the player's."""
        if not self.walk.running or typing_in_text_field():
            return False
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier \
            == Qt.KeyboardModifier.NoModifier
        if not plain:
            return False
        K = Qt.Key
        actions: dict[int, Callable[[], object]] = {
            K.Key_Space: self.next, K.Key_Right: self.next, K.Key_PageDown: self.next,
            K.Key_Left: self.back, K.Key_PageUp: self.back,
            K.Key_T: self.countdown.toggle, K.Key_B: self.toggle_blank,
            K.Key_Period: self.toggle_blank, K.Key_P: self.toggle_presenter,
            K.Key_R: self.reveal_next, K.Key_Escape: self.ask_leave,
            K.Key_F11: self.toggle_audience_full_screen,
        }
        action = actions.get(event.key())
        if action is None:
            return False
        if not event.isAutoRepeat():  # holding Space must not race through the agenda
            action()
        return True

    # -- capture -----------------------------------------------------------------------------

    def _on_capture_submitted(self, text: str, kind: CaptureKind,
                              speaker: int | None) -> None:
        now = self.current()
        meeting = self.walk.meeting_id
        if self.runner.run(lambda: self.captures.add(
                text, kind, meeting, now.id if now else None, speaker)):
            self.facilitator.capture.saved()

    def _on_capture_cancelled(self) -> None:
        self.facilitator.setFocus()

    def _show_recent(self) -> None:
        if self.walk.meeting_id is None:
            return
        names = {r.id: r.name for r in self.model.service.roles()}
        lines = []
        for c in self.captures.captures(self.walk.meeting_id)[-20:]:
            who = f" — {names[c.speaker_role_id]}" if c.speaker_role_id in names else ""
            lines.append(f"{c.kind.label}: {c.text}{who}")
        self.facilitator.show_recent(lines)

    def _on_model_roles_changed(self) -> None:
        self.facilitator.capture.set_roles(self.model.service.roles())

    # -- views -------------------------------------------------------------------------------

    def _show_current(self, new_step: bool) -> None:
        now = self.walk.current()
        if now is None:
            return
        agenda = self.walk.agenda()
        self.facilitator.show_step(agenda, now, self.walk.next_step())
        self.audience.show_step(now.step)
        self.reveal.enter(now)
        if new_step:
            keep_running = self.countdown.running and self.facilitator.continue_timer.isChecked()
            self.countdown.reset(now.planned_minutes, start=keep_running)
        self.refresh_times()
        self.preview_later()

    def refresh_times(self) -> None:
        """Elapsed against planned time, for the step and the whole agenda (every second)."""
        now = self.walk.current() if self.walk.running else None
        if now is None:
            return
        agenda = self.walk.agenda()
        visit = self.walk.visit_seconds()
        self._show_back_at(now)
        self.facilitator.show_times(now.seconds + visit, now.planned_minutes,
                                    spent_seconds(agenda) + visit, planned_minutes(agenda))

    def _show_back_at(self, now: AgendaStep) -> None:
        """A break tells the room when to be back: now plus the time left."""
        if now.step.kind is StepKind.BREAK:
            back = self.walk.clock() + timedelta(seconds=max(0.0, self.countdown.remaining()))
            if self.audience.set_back_at(f"Back at {back:%H:%M}"):
                self.preview_later()

    def _on_countdown_changed(self) -> None:
        c = self.countdown
        now = self.current()
        on_break = now is not None and now.step.kind is StepKind.BREAK
        calm = on_break or not self.facilitator.overrun_to_room.isChecked()
        if c.state() is TimerState.OVER and calm:
            self.audience.set_timer("0:00", TimerState.NORMAL, True)  # the laptop counts on
        else:
            self.audience.set_timer(c.text(), c.state(), c.pulse_on())
        if now is not None:
            self._show_back_at(now)
        if self.audience.timer.text() != self._room_time:
            self._room_time = self.audience.timer.text()
            self.preview_later()
        self.facilitator.show_timer(c.remaining(), c.running, c.state())
