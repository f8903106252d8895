"""Take the pulse screenshots: the pass-the-laptop participant screen (projector mode,
1280x720) and the Pulse tab's results.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots_pulse.py

Uses a temporary library and settings file (with the sample workshop, whose waves
have a pulse); never touches the user's library. Writes docs/screenshots/
pulse-laptop.png and pulse-results.png.
"""

from __future__ import annotations

from shots import OUT, sample_window, settle  # scripts/shots.py


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-shots-")
    page = window.open_workshop(window.library.find("Hospital discharge (sample)"))
    assert page is not None
    follow_up = next(w.id for w in page.model.service.waves() if w.name == "Follow-up 1")
    page.wave_picker.setCurrentIndex(page.wave_picker.findData(follow_up))
    page.show_stage(2)
    conversations = page.conversations
    tab = conversations.pulse
    conversations.tabs.setCurrentWidget(tab)
    tab.set_wave(page.current_wave_id())
    settle(app)
    window.grab().save(str(OUT / "pulse-results.png"))

    window.set_projector_mode(True)
    lock = tab.start_laptop()
    assert lock is not None
    lock.resize(1280, 720)
    lock.show_questions()
    lock.rows[0].group.button(2).setChecked(True)  # someone has started answering
    lock.rows[1].group.button(6).setChecked(True)
    settle(app)
    lock.grab().save(str(OUT / "pulse-laptop.png"))
    lock.release()
    window.set_projector_mode(False)
    settle(app)
    print("wrote pulse-laptop.png and pulse-results.png to", OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
