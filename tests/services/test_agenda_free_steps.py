"""Free steps are written like deck steps (title, room text, notes, minutes); a Break step."""

from __future__ import annotations

import pytest

from rcdesk.domain.decks import MAX_ROOM_TEXT, StepKind
from rcdesk.domain.errors import DomainError
from rcdesk.services.agenda import AgendaService
from rcdesk.services.workshop import WorkshopService


@pytest.fixture
def agenda(sample: WorkshopService) -> AgendaService:
    return AgendaService(sample)


def _meeting(sample: WorkshopService) -> int:
    return sample.meetings()[-1].id


def test_a_free_step_is_written_in_one_undoable_edit(agenda: AgendaService,
                                                     sample: WorkshopService) -> None:
    meeting = _meeting(sample)
    agenda.add_free_step(meeting)
    item = agenda.agenda(meeting)[0]
    edit = agenda.set_step(item.id, title="Introductions", room="Your name and one hope.",
                           notes="Go round the room by role.")
    assert edit is not None and edit.text == "Edit step “Introductions”"
    step = agenda.step(item.id).step
    assert (step.title, step.room, step.notes, step.kind) == (
        "Introductions", "Your name and one hope.", "Go round the room by role.",
        StepKind.TALK)
    sample.undo(edit)
    assert agenda.step(item.id).step == item.step
    assert agenda.set_step(item.id, title=item.title) is None  # unchanged


def test_the_room_text_follows_the_deck_rule(agenda: AgendaService,
                                             sample: WorkshopService) -> None:
    meeting = _meeting(sample)
    agenda.add_free_step(meeting)
    item = agenda.agenda(meeting)[0]
    with pytest.raises(DomainError, match=f"\"room\" is {MAX_ROOM_TEXT + 1} characters"):
        agenda.set_step(item.id, room="x" * (MAX_ROOM_TEXT + 1))
    with pytest.raises(DomainError, match="title"):
        agenda.set_step(item.id, title="   ")
    assert agenda.step(item.id).step == item.step


def test_a_break_and_a_reveal_steps_tie(agenda: AgendaService, sample: WorkshopService) -> None:
    meeting = _meeting(sample)
    agenda.add_break(meeting, 10)
    item = agenda.agenda(meeting)[0]
    assert (item.title, item.step.kind, item.planned_minutes) == ("Break", StepKind.BREAK, 10)
    agenda.set_step(item.id, kind=StepKind.REVEAL, roles=("Nurses", "Pharmacists"))
    assert agenda.step(item.id).step.roles == ("Nurses", "Pharmacists")
    agenda.set_step(item.id, roles=None)
    assert agenda.step(item.id).step.roles is None


def test_a_step_already_shown_is_not_rewritten(agenda: AgendaService,
                                               sample: WorkshopService) -> None:
    meeting = _meeting(sample)
    agenda.add_free_step(meeting)
    item = agenda.agenda(meeting)[0]
    sample.library.db.execute("UPDATE agenda_steps SET state = 'run' WHERE id = ?", [item.id])
    with pytest.raises(DomainError, match="record"):
        agenda.set_step(item.id, title="Later")


def test_written_steps_travel_in_the_workshop_file(agenda: AgendaService, sample: WorkshopService,
                                                   tmp_path) -> None:
    from rcdesk.services.library import LibraryService
    from rcdesk.services.workshop_file import export_workshop_file, import_workshop_file
    from rcdesk.store.connection import open_library

    meeting = _meeting(sample)
    agenda.add_break(meeting, 15)
    agenda.add_free_step(meeting)
    step = agenda.agenda(meeting)[1]
    agenda.set_step(step.id, title="Our weak tie", room="What would help?", notes="Gently.",
                    kind=StepKind.REVEAL, roles=("Nurses", "Pharmacists"))
    path = export_workshop_file(sample.library, sample.workshop_id, tmp_path / "w.rcdesk")
    other = open_library(tmp_path / "other.sqlite", create=True)
    try:
        copy = LibraryService(other).open(import_workshop_file(other, path))
        title = sample.meeting(meeting).title
        copied = next(m for m in copy.meetings() if m.title == title)
        steps = [a.step for a in AgendaService(copy).agenda(copied.id)]
        assert [(s.title, s.kind, s.roles) for s in steps] == [
            ("Break", StepKind.BREAK, None),
            ("Our weak tie", StepKind.REVEAL, ("Nurses", "Pharmacists"))]
    finally:
        other.close()
