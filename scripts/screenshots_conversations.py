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

from dataclasses import replace
from datetime import date, datetime, timedelta

from PySide6.QtCore import QTimer
from shots import OUT, sample_window, settle  # scripts/shots.py

from rcdesk.domain.agenda import AgendaStep
from rcdesk.domain.captures import CaptureKind
from rcdesk.domain.decks import Step, StepKind
from rcdesk.domain.model import MeetingKind
from rcdesk.services.captures import CapturesService
from rcdesk.services.decks import shipped_decks
from rcdesk.services.edits import InsertRows
from rcdesk.services.records import next_id
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.agenda import agenda_step_row


def meeting_with_agenda(service: WorkshopService) -> int:
    edit = service.schedule.add_meeting(MeetingKind.KICKOFF, date.today(),
                                        "Kick-off: reading our map")
    assert isinstance(edit, InsertRows)
    meeting_id = int(edit.groups[0][1][0]["id"])
    decks = {d.id: d for d in shipped_decks()}
    pause = Step("Coffee", "Coffee and tea in the corridor.", "", 10, StepKind.BREAK)
    steps = [(d, s) for d in [decks["psychological-safety"]] for s in d.steps]
    steps.append((None, pause))
    for s in decks["reading-our-map"].steps:  # the reveal step names its tie ahead
        named = replace(s, roles=("Physicians", "Pharmacists")) \
            if s.title == "One tie to look at" else s
        steps.append((decks["reading-our-map"], named))
    first = next_id(service.library.db, "agenda_steps")
    rows = tuple(agenda_step_row(AgendaStep(
        id=first + i, workshop_id=service.workshop_id, meeting_id=meeting_id, position=i,
        step=step, planned_minutes=step.minutes, deck_title=deck.title if deck else ""))
        for i, (deck, step) in enumerate(steps))
    service.perform(InsertRows("Add steps", (("agenda_steps", rows),)))
    return meeting_id


class Clocks:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 10, 0)
        self.mono = 100.0

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.mono += seconds


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
    player.walk.clock = lambda: clocks.now
    player.countdown.clock = lambda: clocks.mono
    player.monotonic = lambda: clocks.mono
    player.countdown._beep = None  # noqa: SLF001 - no beep while shooting
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
    roles = {r.name: r.id for r in service.roles()}
    captures = CapturesService(service)
    now = player.current()
    for text, kind, role in (
            ("Case managers hear about discharges on the morning itself", CaptureKind.INSIGHT,
             "Case managers"),
            ("“By the time I see the prescription the patient is dressed”", CaptureKind.QUOTE,
             "Pharmacists")):
        page.runner.run(lambda t=text, k=kind, r=role: captures.add(
            t, k, meeting, now.id if now else None, roles[r]))
    player.refresh_times()
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
