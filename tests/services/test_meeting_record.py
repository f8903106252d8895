"""A meeting's record: who came (counts per role) and its decisions (domain.md §6)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rcdesk.domain.attendance import (
    MAX_MEETING_NOTES,
    MAX_PRESENT,
    attendance_text,
    present,
    read_attendance,
    with_count,
)
from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.services.library import LibraryService
from rcdesk.services.meeting_record import MeetingRecordService
from rcdesk.services.workshop import WorkshopService
from rcdesk.services.workshop_file import (
    WorkshopFileError,
    export_workshop_file,
    import_workshop_file,
)
from rcdesk.store.connection import open_library
from rcdesk.store.rows import remap_id_keys

from .conftest import Snapshot


@pytest.fixture
def record(sample: WorkshopService) -> MeetingRecordService:
    return MeetingRecordService(sample)


def _huddle(sample: WorkshopService, title: str = "Huddle 2") -> int:
    return next(m.id for m in sample.meetings() if m.title == title)


def _role(sample: WorkshopService, name: str) -> int:
    return next(r.id for r in sample.roles() if r.name == name)


@given(st.dictionaries(st.integers(1, 10**6), st.integers(0, MAX_PRESENT), max_size=30))
def test_counts_survive_their_stored_form(counts: dict[int, int]) -> None:
    kept = {role: n for role, n in counts.items() if n}
    assert read_attendance(attendance_text(counts)) == kept
    assert present(counts, counts) == sum(counts.values())


@pytest.mark.parametrize("text", ["[1, 2]", '{"1": -1}', '{"1": 1000}', '{"1": "3"}',
                                  '{"x": 2}', '{"1": true}', "{"])
def test_a_stored_form_that_is_not_counts_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read_attendance(text)


def test_the_sample_records_who_came_to_its_first_meetings(record: MeetingRecordService,
                                                           sample: WorkshopService) -> None:
    kickoff = sample.meeting(_huddle(sample, "Kick-off workshop: mapping discharge"))
    assert kickoff.attendance[_role(sample, "Nurses")] == 6
    assert record.present(kickoff.attendance) == 17
    assert "pharmacy hand-off" in kickoff.notes
    assert sample.meeting(_huddle(sample)).attendance == {}


def test_a_count_is_one_undoable_edit_and_arrow_clicks_merge(
        record: MeetingRecordService, sample: WorkshopService,
        snapshot: Callable[[], Snapshot]) -> None:
    meeting, nurses = _huddle(sample), _role(sample, "Nurses")
    before = snapshot()
    first = record.set_count(meeting, nurses, 4)
    second = record.set_count(meeting, nurses, 5)
    assert first is not None and second is not None
    assert first.text == "Change attendance of Nurses"
    assert first.merge_key == second.merge_key  # the undo stack folds them into one step
    assert sample.meeting(meeting).attendance == {nurses: 5}
    assert record.set_count(meeting, nurses, 5) is None  # unchanged: nothing to undo
    merged = first.merged(second)
    sample.undo(merged)
    assert snapshot() == before
    sample.redo(merged)
    assert sample.meeting(meeting).attendance == {nurses: 5}
    record.set_count(meeting, nurses, 0)
    assert sample.meeting(meeting).attendance == {}


@pytest.mark.parametrize(("count", "words"), [(-1, "between 0 and 999"),
                                              (MAX_PRESENT + 1, "between 0 and 999"),
                                              (2.5, "whole number"), (True, "whole number"),
                                              ("7", "whole number")])
def test_a_count_that_cannot_be_is_refused_naming_the_role(
        record: MeetingRecordService, sample: WorkshopService,
        snapshot: Callable[[], Snapshot], count: object, words: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationError, match=words) as caught:
        record.set_count(_huddle(sample), _role(sample, "Pharmacists"), count)
    assert "Pharmacists" in str(caught.value) and caught.value.field == "attendance"
    assert snapshot() == before


def test_counts_only_for_this_workshops_meetings_and_roles(record: MeetingRecordService,
                                                           sample: WorkshopService) -> None:
    with pytest.raises(NotFoundError):
        record.set_count(10_000, _role(sample, "Nurses"), 1)
    with pytest.raises(NotFoundError):
        record.set_count(_huddle(sample), 10_000, 1)


def test_a_deleted_role_leaves_its_count_unseen_and_undo_brings_it_back(
        record: MeetingRecordService, sample: WorkshopService) -> None:
    kickoff = _huddle(sample, "Kick-off workshop: mapping discharge")
    pharmacists = _role(sample, "Pharmacists")
    deletion = sample.map.delete_role(pharmacists)
    assert record.present(sample.meeting(kickoff).attendance) == 16
    sample.undo(deletion)
    assert record.present(sample.meeting(kickoff).attendance) == 17


def test_decisions_are_saved_trimmed_and_a_too_long_text_changes_nothing(
        record: MeetingRecordService, sample: WorkshopService,
        snapshot: Callable[[], Snapshot]) -> None:
    meeting = _huddle(sample)
    edit = record.set_notes(meeting, "  Keep the checklist.\nReview in two weeks.  ")
    assert edit is not None and edit.text == "Change the meeting's decisions"
    assert sample.meeting(meeting).notes == "Keep the checklist.\nReview in two weeks."
    before = snapshot()
    with pytest.raises(ValidationError, match="too long"):
        record.set_notes(meeting, "x" * (MAX_MEETING_NOTES + 1))
    assert snapshot() == before
    sample.undo(edit)
    assert sample.meeting(meeting).notes == ""


def test_deleting_a_meeting_and_undo_keep_its_record(sample: WorkshopService) -> None:
    kickoff = _huddle(sample, "Kick-off workshop: mapping discharge")
    kept = sample.meeting(kickoff)
    deletion = sample.schedule.delete_meeting(kickoff)
    sample.undo(deletion)
    assert sample.meeting(kickoff) == kept


def test_copies_of_a_workshop_count_their_own_roles(library_service: LibraryService,
                                                    sample: WorkshopService,
                                                    tmp_path: Path) -> None:
    copy_id = library_service.duplicate(sample.workshop_id)
    copy = library_service.open(copy_id)
    names = {r.id: r.name for r in copy.roles()}
    kickoff = next(m for m in copy.meetings() if m.kind.value == "kickoff")
    assert {names[role]: n for role, n in kickoff.attendance.items()}["Nurses"] == 6
    assert set(kickoff.attendance) <= set(names)  # the copy's own role ids
    path = export_workshop_file(sample.library, sample.workshop_id, tmp_path / "w.rcdesk")
    other = open_library(tmp_path / "other.sqlite", create=True)
    try:
        imported = LibraryService(other).open(import_workshop_file(other, path))
        roles = {r.id: r.name for r in imported.roles()}
        meeting = next(m for m in imported.meetings() if m.kind.value == "kickoff")
        assert {roles[role]: n for role, n in meeting.attendance.items()} == \
            {names[role]: n for role, n in kickoff.attendance.items()}
    finally:
        other.close()


def test_a_workshop_file_with_unreadable_attendance_is_refused_whole(
        sample: WorkshopService, tmp_path: Path) -> None:
    path = export_workshop_file(sample.library, sample.workshop_id, tmp_path / "w.rcdesk")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["tables"]["meetings"][0]["attendance"] = '{"1": -4}'
    path.write_text(json.dumps(document), encoding="utf-8")
    other = open_library(tmp_path / "other.sqlite", create=True)
    try:
        with pytest.raises(WorkshopFileError, match="w.rcdesk.*attendance"):
            import_workshop_file(other, path)
        assert not list(other.db.query("SELECT id FROM workshops"))
    finally:
        other.close()


def test_remapping_id_keys_drops_rows_not_copied() -> None:
    assert remap_id_keys('{"3": 2, "9": 5}', {3: 30}) == '{"30":2}'
    assert with_count({3: 2, 9: 5}, 9, 0) == {3: 2}
    with pytest.raises(ValueError):
        remap_id_keys("[]", {})


def test_a_copy_of_a_workshop_with_damaged_attendance_counts_nobody(
        library_service: LibraryService, sample: WorkshopService) -> None:
    kickoff = _huddle(sample, "Kick-off workshop: mapping discharge")
    with sample.library.db.atomic():
        sample.library.db.execute("UPDATE meetings SET attendance = '{oops' WHERE id = ?",
                                  [kickoff])
    assert sample.meeting(kickoff).attendance == {}  # read as none recorded
    copy = library_service.open(library_service.duplicate(sample.workshop_id))
    assert all(m.attendance == {} for m in copy.meetings() if m.kind.value == "kickoff")
    assert len(copy.meetings()) == len(sample.meetings())
