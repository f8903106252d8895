"""A meeting with a four-step agenda for the player tests, written directly to the library."""

from __future__ import annotations

from datetime import date, datetime

from rcdesk.domain.agenda import AgendaStep
from rcdesk.domain.decks import Step, StepKind
from rcdesk.domain.model import MeetingKind
from rcdesk.services.edits import InsertRows
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.agenda import agenda_step_row
from rcdesk.store.rows import next_id

NOTES = ("Invite the quietest role first.", "Mix roles in each pair.",
         "Strongest ties first, then one weak tie at a time.", "Thank everyone by role.")
STEPS = (
    Step("Welcome", "What brought you here today?", NOTES[0], 5, StepKind.TALK),
    Step("Pairs", "Tell your partner about a handover that went well.", NOTES[1], 10,
         StepKind.PAIRS),
    Step("Our map", "Let us read our map together.", NOTES[2], 15, StepKind.REVEAL),
    Step("Close", "One word to close.", NOTES[3], 3, StepKind.REFLECT),
)


class FakeClock:
    """A settable clock; `now` for datetimes, call `mono()` for monotonic seconds."""

    def __init__(self, now) -> None:
        self.now = now
        self.seconds = 1000.0

    def __call__(self):
        return self.now

    def mono(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        self.now += timedelta(seconds=seconds)
        self.seconds += seconds


def add_meeting_with_agenda(service: WorkshopService, steps: tuple[Step, ...] = STEPS) -> int:
    """A new huddle dated today with `steps` as its agenda; return the meeting id."""
    edit = service.schedule.add_meeting(MeetingKind.HUDDLE, date.today(), "Player test huddle")
    assert isinstance(edit, InsertRows)
    meeting_id = int(edit.groups[0][1][0]["id"])
    first = next_id(service.library.db, "agenda_steps")
    rows = tuple(agenda_step_row(AgendaStep(
        id=first + i, workshop_id=service.workshop_id, meeting_id=meeting_id, position=i,
        step=step, planned_minutes=step.minutes, deck_title="Test deck"))
        for i, step in enumerate(steps))
    service.perform(InsertRows("Add steps", (("agenda_steps", rows),)))
    return meeting_id


def player_on_fake_clocks(window, when: datetime, steps: tuple[Step, ...] = STEPS
                          ):  # type: ignore[no-untyped-def]
    """The sample opened in `window` with a meeting of `steps`, on the Conversations stage, its
    player on one FakeClock set to `when` (the countdown's own timer stopped): the walkthrough
    is ready to start. (conversations, player, clock, meeting id)."""
    window.home.open_sample()
    page = window.workshop_page
    meeting = add_meeting_with_agenda(page.model.service, steps)
    conversations = page.conversations
    page.show_stage(2)
    clock = FakeClock(when)
    player = conversations.player
    player.walk.clock = clock
    player.countdown.clock = clock.mono
    player.monotonic = clock.mono
    player.countdown.timer.stop()
    return conversations, player, clock, meeting
