"""The walkthrough records the agenda actually run: states, start times and seconds."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from rcdesk.domain.agenda import StepState
from rcdesk.domain.errors import ValidationError
from rcdesk.services.edits import Change
from rcdesk.services.walkthrough import WalkthroughService
from rcdesk.services.workshop import WorkshopService

from .agenda_rows import add_agenda, new_meeting
from .conftest import Clock


def _states(service: WalkthroughService, meeting_id: int) -> list[tuple[str, float]]:
    return [(s.state.value, s.seconds) for s in service.agenda(meeting_id)]


@pytest.fixture
def meeting(sample: WorkshopService) -> int:
    meeting_id = new_meeting(sample)
    add_agenda(sample, meeting_id)
    return meeting_id


def test_a_deck_played_through_records_each_step(sample: WorkshopService, clock: Clock,
                                                  meeting: int) -> None:
    heard: list[Change] = []
    sample.subscribe(heard.append)
    walk = WalkthroughService(sample, clock)
    first = walk.start(meeting)
    assert first.title == "Welcome" and first.state is StepState.CURRENT
    assert first.started_at == clock.now
    assert Change.AGENDA in heard[-1]
    clock.now += timedelta(minutes=4)
    assert walk.next() is not None
    clock.now += timedelta(seconds=30)
    assert walk.skip() is not None  # pairs shown half a minute, then skipped
    clock.now += timedelta(minutes=12)
    walk.next()
    clock.now += timedelta(minutes=2)
    assert walk.next() is None  # leaving the last step ends the walkthrough
    assert _states(walk, meeting) == [("run", 240.0), ("skipped", 30.0), ("run", 720.0),
                                      ("run", 120.0)]
    assert walk.running_meeting() is None and not walk.running


def test_back_reopens_the_previous_step_and_adds_up_the_visits(
        sample: WorkshopService, clock: Clock, meeting: int) -> None:
    walk = WalkthroughService(sample, clock)
    walk.start(meeting)
    start = clock.now
    clock.now += timedelta(minutes=1)
    walk.next()
    clock.now += timedelta(minutes=2)
    back = walk.back()
    assert back.title == "Welcome" and back.started_at == start  # first shown, kept
    clock.now += timedelta(minutes=3)
    walk.leave()
    assert _states(walk, meeting)[:3] == [("run", 240.0), ("run", 120.0), ("planned", 0.0)]
    assert walk.current() is None


def test_skipping_ahead_and_next_passes_over_skipped_steps(
        sample: WorkshopService, clock: Clock, meeting: int) -> None:
    walk = WalkthroughService(sample, clock)
    ids = [s.id for s in walk.agenda(meeting)]
    walk.start(meeting)
    walk.toggle_skipped(ids[1])
    assert walk.next_step() is not None and walk.next_step().id == ids[2]  # type: ignore[union-attr]
    clock.now += timedelta(minutes=1)
    assert walk.next().id == ids[2]  # type: ignore[union-attr]
    assert _states(walk, meeting)[1] == ("skipped", 0.0)
    with pytest.raises(ValidationError):
        walk.toggle_skipped(ids[0])  # already run
    walk.toggle_skipped(ids[1])
    assert walk.agenda(meeting)[1].state is StepState.PLANNED


def test_go_to_and_resume_after_a_crash(sample: WorkshopService, clock: Clock,
                                        meeting: int) -> None:
    walk = WalkthroughService(sample, clock)
    ids = [s.id for s in walk.agenda(meeting)]
    walk.start(meeting)
    clock.now += timedelta(minutes=1)
    walk.go_to(ids[2])
    # The app dies here: a fresh service on the same library finds the running meeting.
    again = WalkthroughService(sample, clock)
    assert again.running_meeting() == meeting
    clock.now += timedelta(minutes=30)  # time while rcdesk was closed is not counted
    step = again.resume(meeting)
    assert step.id == ids[2]
    clock.now += timedelta(minutes=5)
    again.next()
    assert _states(again, meeting)[2] == ("run", 300.0)
    assert again.current() is not None and again.current().id == ids[3]  # type: ignore[union-attr]


def test_walkthrough_steps_are_not_undoable_edits_but_are_committed(
        sample: WorkshopService, clock: Clock, meeting: int) -> None:
    walk = WalkthroughService(sample, clock)
    walk.start(meeting)
    assert not sample.library.db.conn.in_transaction
    row = list(sample.library.db.query(
        "SELECT state FROM agenda_steps WHERE meeting_id = ? ORDER BY position", [meeting]))
    assert row[0]["state"] == "current"


def test_starting_another_meeting_leaves_the_first(sample: WorkshopService, clock: Clock,
                                                   meeting: int) -> None:
    other = new_meeting(sample, "Another huddle")
    add_agenda(sample, other)
    walk = WalkthroughService(sample, clock)
    walk.start(meeting)
    crashed = WalkthroughService(sample, clock)
    crashed.start(other)
    assert crashed.running_meeting() == other
    assert [s.state for s in crashed.agenda(meeting)][0] is StepState.RUN


def test_an_empty_agenda_cannot_start(sample: WorkshopService, clock: Clock) -> None:
    walk = WalkthroughService(sample, clock)
    with pytest.raises(ValidationError, match="no agenda"):
        walk.start(new_meeting(sample))
    with pytest.raises(ValidationError):
        walk.next()
    assert isinstance(clock(), datetime)
