"""Take the walkthrough screenshots: the audience view (a prompt with its timer, and a
reveal step) and the facilitator view.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python \
        scripts/screenshots_conversations.py

Uses a temporary library and settings file (with the sample workshop); never
touches the user's library. The clocks are fake, so the timer shows a fixed time.
Writes docs/screenshots/audience.png, audience-reveal.png and facilitator.png.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QTimer
from shots import OUT, sample_window, settle  # scripts/shots.py

from rcdesk.domain.agenda import AgendaStep
from rcdesk.domain.captures import CaptureKind
from rcdesk.domain.model import MeetingKind
from rcdesk.services.captures import CapturesService
from rcdesk.services.decks import shipped_decks
from rcdesk.services.edits import InsertRows
from rcdesk.services.records import next_id
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.agenda import agenda_step_row


def meeting_with_agenda(service: WorkshopService) -> int:
    edit = service.add_meeting(MeetingKind.KICKOFF, date.today(), "Kick-off: reading our map")
    assert isinstance(edit, InsertRows)
    meeting_id = int(edit.groups[0][1][0]["id"])
    decks = {d.id: d for d in shipped_decks()}
    steps = [(d, s) for key in ("psychological-safety", "reading-our-map")
             for d in [decks[key]] for s in d.steps]
    first = next_id(service.library.db, "agenda_steps")
    rows = tuple(agenda_step_row(AgendaStep(
        id=first + i, workshop_id=service.workshop_id, meeting_id=meeting_id, position=i,
        step=step, planned_minutes=step.minutes, deck_title=deck.title))
        for i, (deck, step) in enumerate(steps))
    service.perform(InsertRows("Add steps", (("agenda_steps", rows),)))
    return meeting_id


class Clocks:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 9, 0)
        self.mono = 100.0

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.mono += seconds


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-shots-")
    page = window.open_workshop(window.library.find("Hospital discharge (sample)"))
    assert page is not None
    service = page.model.service
    meeting = meeting_with_agenda(service)
    page.show_stage(2)
    conversations = page.conversations
    conversations.set_wave(page.current_wave_id())
    player = conversations.player
    clocks = Clocks()
    player.walk.clock = lambda: clocks.now
    player.countdown.clock = lambda: clocks.mono
    player.countdown._beep = None  # noqa: SLF001 - no beep while shooting
    conversations.start_walkthrough(meeting)
    audience = player.audience
    for _ in range(3):  # on to "Set the stage", four minutes into the welcome and check-in
        clocks.advance(240)
        player.next()
    player.countdown.start()
    clocks.advance(108)
    player.countdown.tick()
    player.countdown.timer.stop()
    audience.resize(1280, 720)
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
    player.toggle_presenter()
    player.refresh_times()
    player.facilitator.capture.line.setText("Could the board round move to 15:00?")
    settle(app)
    window.grab().save(str(OUT / "facilitator.png"))
    agenda = player.walk.agenda()
    reveal_step = next(s for s in agenda if s.title == "One tie to look at")
    player.go_to(reveal_step.id)
    player.toggle_presenter()
    ties = [t for t in audience.map.ties() if t.value is not None]
    strong = sum(1 for t in ties if t.band.value != "weak")
    for _ in range(strong + 1):  # strengths first, then the first weak tie
        player.reveal_next()
    player.countdown.reset(reveal_step.planned_minutes)
    audience.resize(1280, 720)
    settle(app)
    audience.map.view.fit()
    settle(app)
    audience.grab().save(str(OUT / "audience-reveal.png"))
    player.leave()
    window.close()
    QTimer.singleShot(0, app.quit)
    app.exec()
    print("wrote audience.png, audience-reveal.png, facilitator.png to", OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
