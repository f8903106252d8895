"""A meeting's agenda: copies of deck steps, planned times, and history that stays put."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rcdesk.domain.agenda import StepState, planned_minutes
from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.services.agenda import AgendaService
from rcdesk.services.deck_library import DeckLibrary, created_key
from rcdesk.services.edits import Change
from rcdesk.services.walkthrough import WalkthroughService
from rcdesk.services.workshop import WorkshopService

from .conftest import Snapshot


@pytest.fixture
def agenda(sample: WorkshopService) -> AgendaService:
    return AgendaService(sample)


def _meeting(sample: WorkshopService) -> int:
    return sample.meetings()[-1].id  # a huddle still to come: the sample plans nothing there


def test_adding_a_deck_copies_its_steps_at_the_end(agenda: AgendaService,
                                                   sample: WorkshopService) -> None:
    decks = DeckLibrary(sample)
    meeting = _meeting(sample)
    safety = decks.deck("psychological-safety").deck
    edit = agenda.add_deck(meeting, safety)
    assert edit.text == "Add deck “Creating psychological safety”"
    assert edit.changes == Change.AGENDA
    agenda.add_free_step(meeting, "Coffee break", 10)
    steps = agenda.agenda(meeting)
    assert [s.step for s in steps[:-1]] == list(safety.steps)
    assert all(s.deck_title == safety.title and s.state is StepState.PLANNED for s in steps[:-1])
    assert (steps[-1].title, steps[-1].deck_title, steps[-1].planned_minutes) == \
        ("Coffee break", "", 10.0)
    assert planned_minutes(steps) == safety.minutes + 10
    assert [s.position for s in steps] == list(range(len(steps)))


def test_editing_the_deck_afterwards_does_not_change_the_agenda(
        agenda: AgendaService, sample: WorkshopService) -> None:
    decks = DeckLibrary(sample)
    key = created_key(decks.duplicate("huddle-check-in"))
    meeting = _meeting(sample)
    agenda.add_deck(meeting, decks.deck(key).deck)
    before = agenda.agenda(meeting)
    decks.set_step_field(key, 0, "title", "Changed later")
    decks.set_step_field(key, 0, "minutes", 9)
    decks.delete_step(key, 1)
    decks.rename(key, "Renamed")
    assert agenda.agenda(meeting) == before
    decks.delete(key)
    assert agenda.agenda(meeting) == before


def test_move_remove_clear_and_planned_minutes_each_undo(
        agenda: AgendaService, sample: WorkshopService, snapshot: Callable[[], Snapshot]) -> None:
    meeting = _meeting(sample)
    for title in ("One", "Two", "Three"):
        agenda.add_free_step(meeting, title, 5)
    ids = [s.id for s in agenda.agenda(meeting)]
    before = snapshot()
    edits = [agenda.move(ids[2], -1)]
    assert [s.title for s in agenda.agenda(meeting)] == ["One", "Three", "Two"]
    assert agenda.move(ids[0], -1) is None
    edits.append(agenda.set_planned_minutes(ids[1], 7.5))
    assert agenda.step(ids[1]).planned_minutes == 7.5
    assert agenda.set_planned_minutes(ids[1], 7.5) is None
    edits.append(agenda.remove(ids[0]))
    assert [s.title for s in agenda.agenda(meeting)] == ["Three", "Two"]
    edits.append(agenda.clear(meeting))
    assert agenda.agenda(meeting) == []
    assert [e.text for e in edits if e] == ["Move step", "Change planned time",
                                            "Remove step “One”", "Clear agenda"]
    for edit in reversed(edits):
        assert edit is not None
        sample.undo(edit)
    assert snapshot() == before


@pytest.mark.parametrize("minutes", [0, -1, 121, True])
def test_planned_minutes_are_checked(agenda: AgendaService, sample: WorkshopService,
                                     minutes: float) -> None:
    meeting = _meeting(sample)
    agenda.add_free_step(meeting, "One")
    with pytest.raises(ValidationError, match="120 minutes"):
        agenda.set_planned_minutes(agenda.agenda(meeting)[0].id, minutes)
    with pytest.raises(ValidationError):
        agenda.add_free_step(meeting, "Two", minutes)
    with pytest.raises(ValidationError, match="title"):
        agenda.add_free_step(meeting, "  ")


def test_steps_already_run_stay_in_the_record(agenda: AgendaService,
                                              sample: WorkshopService) -> None:
    meeting = _meeting(sample)
    agenda.add_free_step(meeting, "Ran")
    agenda.add_free_step(meeting, "Planned")
    ran, planned = agenda.agenda(meeting)
    sample.library.db.execute("UPDATE agenda_steps SET state = 'run', seconds = 60 WHERE id = ?",
                              [ran.id])
    with pytest.raises(ValidationError, match="record"):
        agenda.remove(ran.id)
    agenda.clear(meeting)
    assert [s.title for s in agenda.agenda(meeting)] == ["Ran"]


def test_another_workshops_meeting_is_not_found(agenda: AgendaService) -> None:
    with pytest.raises(NotFoundError):
        agenda.agenda(10_000)
    with pytest.raises(NotFoundError):
        agenda.remove(10_000)


def test_deleting_a_meeting_and_undo_restore_its_agenda(
        agenda: AgendaService, sample: WorkshopService, snapshot: Callable[[], Snapshot]) -> None:
    meeting = _meeting(sample)
    agenda.add_deck(meeting, DeckLibrary(sample).deck("humble-inquiry").deck)
    steps = agenda.agenda(meeting)
    before = snapshot()
    edit = sample.schedule.delete_meeting(meeting)
    assert Change.AGENDA in edit.changes and Change.MEETINGS in edit.changes
    assert not list(sample.library.db.query("SELECT id FROM agenda_steps WHERE meeting_id = ?",
                                            [meeting]))
    sample.undo(edit)
    assert snapshot() == before
    assert agenda.agenda(meeting) == steps
    sample.redo(edit)
    assert meeting not in [m.id for m in sample.meetings()]


def test_review_a_step_skipped_in_advance_is_not_said_to_have_been_shown(
        agenda: AgendaService, sample: WorkshopService) -> None:
    meeting = _meeting(sample)
    agenda.add_free_step(meeting, "First")
    agenda.add_free_step(meeting, "Later")
    walk = WalkthroughService(sample)
    walk.start(meeting)
    later = agenda.agenda(meeting)[1]
    walk.toggle_skipped(later.id)  # never on screen
    with pytest.raises(ValidationError, match="shown or skipped"):
        agenda.remove(later.id)
