"""Take the pulse screenshots: the pass-the-laptop participant screen (projector mode,
1280x720), the Pulse tab before and after "Show results", the hold-to-exit ring, and the
sample's shown results.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots_pulse.py

Uses a temporary library and settings file (with the sample workshop, whose waves
have a pulse); never touches the user's library. Writes docs/screenshots/
pulse-laptop.png, pulse-results.png, pulse-before-showing.png, pulse-after-showing.png
and pulse-hold-exit.png.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from shots import OUT, sample_window, settle  # scripts/shots.py
from ui import layout_audit_states as states  # tests/ui/, on the path through shots


class Clock:
    """The lock's clock, moved by hand so the ring can be caught half-way."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-shots-")
    page = window.open_workshop(window.library.find("Hospital discharge (sample)"))
    assert page is not None
    service = page.model.service
    follow_up = next(w.id for w in service.waves() if w.name == "Follow-up 1")
    page.wave_picker.setCurrentIndex(page.wave_picker.findData(follow_up))
    page.show_stage(2)
    conversations = page.conversations
    tab = conversations.pulse
    tab.ask_pin = lambda: "2468"
    conversations.tabs.setCurrentWidget(tab)
    tab.set_wave(page.current_wave_id())
    settle(app)
    window.grab().save(str(OUT / "pulse-results.png"))

    states.pulse_wave_answered(window)  # five answers on a new wave "Follow-up 2"
    settle(app)
    window.grab().save(str(OUT / "pulse-before-showing.png"))
    with states.pulse_results_shown(window):
        settle(app)
        window.grab().save(str(OUT / "pulse-after-showing.png"))

    window.set_projector_mode(True)
    clock = Clock()
    tab.lock_clock = clock
    lock = tab.start_laptop()
    assert lock is not None
    lock.resize(1280, 720)
    lock.show_questions()
    lock.rows[0].group.button(2).setChecked(True)  # someone has started answering
    lock.rows[1].group.button(6).setChecked(True)
    settle(app)
    lock.grab().save(str(OUT / "pulse-laptop.png"))
    lock.show_welcome()
    held = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QApplication.sendEvent(lock, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_L, held, "", False))
    clock.now += 1.3  # the facilitator is holding the exit keys: the ring is 65 % full
    lock.check_hold()
    settle(app)
    lock.grab().save(str(OUT / "pulse-hold-exit.png"))
    lock.release()
    window.set_projector_mode(False)
    settle(app)
    print("wrote pulse-laptop.png, pulse-results.png, pulse-before-showing.png, "
          "pulse-after-showing.png and pulse-hold-exit.png to", OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
