"""Take the walkthrough screenshots on two 1280×720 screens (the laptop and a projector):
the audience view (a prompt with its timer, a break, a reveal step) and the facilitator
view (with its live copy of the room's screen, and in a reveal step with the tie chooser).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 2560x720x24 -noreset" \
        scripts/two_screens.sh python scripts/screenshots_conversations.py

(two_screens.sh splits the 2560×720 Xvfb screen into two RandR monitors, LAPTOP and
HDMI-1, so Qt sees two screens and the player puts the room's view on the second.)
Uses a temporary library and settings file (with the sample workshop); never
touches the user's library. The clocks are fake, so the timer shows a fixed time.
Writes docs/screenshots/audience.png, audience-break.png, audience-reveal.png,
facilitator.png and facilitator-reveal.png.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from shots import OUT, sample_window, settle  # scripts/shots.py
from ui.layout_audit_states import Clocks, capture_two, meeting_with_agenda  # tests/ui/


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-shots-")
    screens = app.screens()
    if len(screens) < 2:
        print("needs two screens: run under scripts/two_screens.sh (see the docstring)")
        return 1
    window.move(screens[0].geometry().topLeft())
    page = window.open_workshop(window.library.find("Hospital discharge (sample)"))
    assert page is not None
    settle(app)  # the page's checks after its first paint (no walkthrough left running)
    service = page.model.service
    meeting = meeting_with_agenda(service)
    page.show_stage(2)
    conversations = page.conversations
    conversations.set_wave(page.current_wave_id())
    player = conversations.player
    clocks = Clocks()
    clocks.drive(player)  # and no beep while shooting
    conversations.start_walkthrough(meeting)
    assert player.plan.two_screens, "the room's view should be on the second screen"
    audience = player.audience
    for _ in range(3):  # on to "Set the stage", four minutes into the welcome and check-in
        clocks.advance(240)
        player.next()
    player.countdown.start()
    clocks.advance(108)
    player.countdown.tick()
    player.countdown.timer.stop()
    settle(app)
    audience.grab().save(str(OUT / "audience.png"))
    capture_two(window, player)
    player.facilitator.capture.line.setText("Could the board round move to 15:00?")
    settle(app)
    window.grab().save(str(OUT / "facilitator.png"))
    player.facilitator.capture.line.clear()
    agenda = player.walk.agenda()
    coffee = next(s for s in agenda if s.title == "Coffee")
    clocks.advance(8 * 60)
    player.go_to(coffee.id)
    player.refresh_times()
    settle(app)
    audience.grab().save(str(OUT / "audience-break.png"))
    reveal_step = next(s for s in agenda if s.title == "One tie to look at")
    player.go_to(reveal_step.id)
    player.reveal_next()  # the tie the step names, alone
    player.reveal_next()  # then the weakest, alone
    settle(app)
    audience.map.view.fit()
    settle(app)
    audience.grab().save(str(OUT / "audience-reveal.png"))
    window.grab().save(str(OUT / "facilitator-reveal.png"))
    player.leave()
    window.close()
    QTimer.singleShot(0, app.quit)
    app.exec()
    print("wrote audience.png, audience-break.png, audience-reveal.png, facilitator.png, "
          "facilitator-reveal.png to", OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
