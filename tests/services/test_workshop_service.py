"""Editing one workshop: rules, undo/redo of every edit, notifications and storage failures."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable
from datetime import date

import pytest

from rcdesk.domain.errors import NotFoundError, StorageError, ValidationError
from rcdesk.domain.model import MeetingKind, Role
from rcdesk.domain.settings import PaperSize
from rcdesk.services.edits import Change, Edit, InsertRows, RowUpdate, UpdateRows
from rcdesk.services.library import LibraryService
from rcdesk.services.meeting_record import MeetingRecordService
from rcdesk.services.workshop import MAX_HEADCOUNT, WorkshopService

from .conftest import Snapshot

Take = Callable[[], Snapshot]


def role_named(ws: WorkshopService, name: str) -> Role:
    [role] = [r for r in ws.roles() if r.name == name]
    return role


def wave_id(ws: WorkshopService, name: str) -> int:
    [wave] = [w for w in ws.waves() if w.name == name]
    return wave.id


def assert_undo_redo(ws: WorkshopService, take: Take, edit: Edit | None, before: Snapshot) -> None:
    """Undo gives back exactly the rows before the edit; redo exactly the rows after it."""
    assert edit is not None
    after = take()
    assert after != before
    ws.undo(edit)
    assert take() == before
    ws.redo(edit)
    assert take() == after


# -- every edit can be undone and redone exactly ---------------------------------------------

EDITS: dict[str, Callable[[WorkshopService], Edit | None]] = {
    "add role": lambda ws: ws.map.add_role("Porters", headcount=4, colour="#117733"),
    "rename role": lambda ws: ws.map.rename_role(role_named(ws, "Nurses").id, "Nursing staff"),
    "delete role": lambda ws: ws.map.delete_role(role_named(ws, "Nurses").id),
    "move role": lambda ws: ws.map.move_role(role_named(ws, "Community care").id, 0),
    "headcount": lambda ws: ws.map.set_role_headcount(role_named(ws, "Nurses").id, 30),
    "clear headcount": lambda ws: ws.map.set_role_headcount(role_named(ws, "Nurses").id, None),
    "colour": lambda ws: ws.map.set_role_colour(role_named(ws, "Nurses").id, "#AA3377"),
    "title": lambda ws: ws.update_detail("title", "Discharge before noon"),
    "team": lambda ws: ws.update_detail("team", "Ward 8"),
    "process": lambda ws: ws.update_detail("process", "Admissions"),
    "facilitator": lambda ws: ws.update_detail("facilitator", "Ada"),
    "settings": lambda ws: ws.update_settings(
        ws.with_settings(weak_below=3.0, anonymity_k=5, paper_size=PaperSize.LETTER)
    ),
    "add wave": lambda ws: ws.schedule.add_wave("Follow-up 2", date(2027, 1, 11)),
    "rename wave": lambda ws: ws.schedule.rename_wave(wave_id(ws, "Baseline"), "Before"),
    "wave date": lambda ws: ws.schedule.set_wave_date(wave_id(ws, "Baseline"), date(2026, 9, 1)),
    "clear wave date": lambda ws: ws.schedule.set_wave_date(wave_id(ws, "Baseline"), None),
    "delete wave": lambda ws: ws.schedule.delete_wave(wave_id(ws, "Follow-up 1")),
    "add meeting": lambda ws: ws.schedule.add_meeting(MeetingKind.HUDDLE, date(2026, 10, 20),
                                                      "Huddle 4"),
    "meeting date": lambda ws: ws.schedule.set_meeting_date(ws.meetings()[-1].id,
                                                            date(2026, 12, 24)),
    "meeting title": lambda ws: ws.schedule.set_meeting_title(ws.meetings()[0].id, "Kick-off"),
    "delete meeting": lambda ws: ws.schedule.delete_meeting(ws.meetings()[1].id),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_every_edit_undoes_and_redoes_exactly(
    sample: WorkshopService, snapshot: Take, name: str
) -> None:
    before = snapshot()
    edit = EDITS[name](sample)
    assert_undo_redo(sample, snapshot, edit, before)


@pytest.mark.parametrize("name", list(EDITS))
def test_listeners_hear_the_same_changes_on_apply_undo_and_redo(
    sample: WorkshopService, name: str
) -> None:
    heard: list[Change] = []
    sample.subscribe(heard.append)
    edit = EDITS[name](sample)
    assert edit is not None
    sample.undo(edit)
    sample.redo(edit)
    assert heard == [edit.changes] * 3
    assert edit.changes != Change.NONE


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        ("add role", Change.ROLES),
        ("delete role", Change.ROLES | Change.TIES | Change.RATINGS
         | Change.SURVEY),  # the sample's in-room ratings of the role (issue 20)
        ("move role", Change.ROLES),
        ("title", Change.WORKSHOP),
        ("settings", Change.WORKSHOP),
        ("add wave", Change.WAVES),
        ("delete wave", Change.WAVES | Change.RATINGS | Change.PULSE  # the sample has a pulse
         | Change.STRUCTURES),  # and a structures assessment in that wave
        ("delete meeting", Change.MEETINGS),
    ],
)
def test_edits_report_what_they_touched(
    sample: WorkshopService, name: str, changes: Change
) -> None:
    heard: list[Change] = []
    sample.subscribe(heard.append)
    EDITS[name](sample)
    assert heard == [changes]


def test_unsubscribed_listener_hears_nothing(sample: WorkshopService) -> None:
    heard: list[Change] = []
    sample.subscribe(heard.append)
    sample.unsubscribe(heard.append)
    sample.map.add_role("Porters")
    assert heard == []


# -- roles -----------------------------------------------------------------------------------


def test_add_role_cleans_the_name_and_appends_it(sample: WorkshopService) -> None:
    count = len(sample.roles())
    sample.map.add_role("  Porters   on  call ", headcount=3)
    roles = sample.roles()
    assert len(roles) == count + 1
    assert roles[-1].name == "Porters on call"
    assert roles[-1].headcount == 3
    assert [r.position for r in roles] == list(range(count + 1))


def test_undone_add_role_is_redone_with_the_same_id(sample: WorkshopService) -> None:
    edit = sample.map.add_role("Porters")
    new_id = role_named(sample, "Porters").id
    sample.undo(edit)
    with pytest.raises(NotFoundError):
        sample.role(new_id)
    sample.redo(edit)
    assert sample.role(new_id).name == "Porters"


@pytest.mark.parametrize(
    "clash", ["Nurses", "nurses", "  nurses ", "NURSES", "Case  managers", "case managers"]
)
def test_role_names_must_be_unique_ignoring_case_and_spaces(
    sample: WorkshopService, snapshot: Take, clash: str
) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        sample.map.add_role(clash)
    assert caught.value.field == "role name"
    assert "already a role" in str(caught.value)
    with pytest.raises(ValidationError):
        sample.map.rename_role(role_named(sample, "Pharmacists").id, clash)
    assert snapshot() == before


def test_role_names_compare_accents_by_meaning(library_service: LibraryService) -> None:
    ws = library_service.open(
        library_service.create("Ward", roles=[unicodedata.normalize("NFC", "Médecins")])
    )
    with pytest.raises(ValidationError):
        ws.map.add_role(unicodedata.normalize("NFD", "médecins"))


def test_a_role_may_be_renamed_to_a_new_case_of_its_own_name(sample: WorkshopService) -> None:
    nurses = role_named(sample, "Nurses")
    edit = sample.map.rename_role(nurses.id, "  NURSES ")
    assert edit is not None
    assert sample.role(nurses.id).name == "NURSES"


def test_renaming_to_the_same_name_is_not_an_edit(sample: WorkshopService) -> None:
    heard: list[Change] = []
    sample.subscribe(heard.append)
    assert sample.map.rename_role(role_named(sample, "Nurses").id, " Nurses ") is None
    assert heard == []


@pytest.mark.parametrize("blank", ["", "   "])
def test_role_names_cannot_be_blank(sample: WorkshopService, blank: str) -> None:
    with pytest.raises(ValidationError):
        sample.map.add_role(blank)
    with pytest.raises(ValidationError):
        sample.map.rename_role(role_named(sample, "Nurses").id, blank)


def test_deleting_a_role_takes_its_ties_and_ratings_and_undo_brings_them_back(
    sample: WorkshopService, snapshot: Take
) -> None:
    nurses = role_named(sample, "Nurses")
    tie_ids = {t.id for t in sample.ties() if nurses.id in (t.source_id, t.target_id)}
    rating_count = sum(1 for r in sample.ratings() if r.tie_id in tie_ids)
    assert tie_ids and rating_count
    assert any(t.is_within_role and t.source_id == nurses.id for t in sample.ties())
    before = snapshot()
    ratings_before = sample.ratings()

    edit = sample.map.delete_role(nurses.id)

    assert nurses.id not in {r.id for r in sample.roles()}
    assert not tie_ids & {t.id for t in sample.ties()}
    assert len(sample.ratings()) == len(ratings_before) - rating_count
    sample.undo(edit)
    assert snapshot() == before
    assert sample.role(nurses.id) == nurses
    assert tie_ids <= {t.id for t in sample.ties()}
    assert sample.ratings() == ratings_before


def test_deleting_a_missing_role_is_not_found(sample: WorkshopService) -> None:
    nurses = role_named(sample, "Nurses").id
    sample.map.delete_role(nurses)
    with pytest.raises(NotFoundError):
        sample.map.delete_role(nurses)
    with pytest.raises(NotFoundError):
        sample.role(nurses)
    with pytest.raises(NotFoundError):
        sample.map.rename_role(nurses, "Nursing staff")


def test_move_role_reorders_and_keeps_positions_contiguous(sample: WorkshopService) -> None:
    names = [r.name for r in sample.roles()]
    sample.map.move_role(role_named(sample, names[-1]).id, 1)
    roles = sample.roles()
    assert [r.name for r in roles] == [names[0], names[-1], *names[1:-1]]
    assert [r.position for r in roles] == list(range(len(names)))


def test_move_role_clamps_the_index_and_skips_no_ops(sample: WorkshopService) -> None:
    names = [r.name for r in sample.roles()]
    assert sample.map.move_role(role_named(sample, names[0]).id, 0) is None
    assert sample.map.move_role(role_named(sample, names[-1]).id, 99) is None
    sample.map.move_role(role_named(sample, names[0]).id, 99)
    assert [r.name for r in sample.roles()] == [*names[1:], names[0]]
    sample.map.move_role(role_named(sample, names[0]).id, -5)
    assert [r.name for r in sample.roles()] == names


def test_headcount_is_validated(sample: WorkshopService, snapshot: Take) -> None:
    nurses = role_named(sample, "Nurses")
    before = snapshot()
    for bad in (-1, MAX_HEADCOUNT + 1):
        with pytest.raises(ValidationError) as caught:
            sample.map.set_role_headcount(nurses.id, bad)
        assert caught.value.field == "headcount"
        with pytest.raises(ValidationError):
            sample.map.add_role("Porters", headcount=bad)
    assert snapshot() == before
    sample.map.set_role_headcount(nurses.id, 0)
    assert sample.role(nurses.id).headcount == 0
    sample.map.set_role_headcount(nurses.id, MAX_HEADCOUNT)
    assert sample.role(nurses.id).headcount == MAX_HEADCOUNT


@pytest.mark.parametrize("bad", ["red", "#12345", "#1234567", "#GG0000", "112233", ""])
def test_colours_must_be_hex(sample: WorkshopService, snapshot: Take, bad: str) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        sample.map.set_role_colour(role_named(sample, "Nurses").id, bad)
    assert caught.value.field == "colour"
    with pytest.raises(ValidationError):
        sample.map.add_role("Porters", colour=bad)
    assert snapshot() == before


def test_colour_can_be_set_and_cleared(sample: WorkshopService) -> None:
    nurses = role_named(sample, "Nurses")
    sample.map.set_role_colour(nurses.id, "#a1B2c3")
    assert sample.role(nurses.id).colour == "#a1B2c3"
    sample.map.set_role_colour(nurses.id, None)
    assert sample.role(nurses.id).colour is None


def test_edits_cannot_reach_into_another_workshop(
    library_service: LibraryService, sample: WorkshopService, snapshot: Take
) -> None:
    other = library_service.open(library_service.create("Other ward", roles=["Cleaners"]))
    cleaners = role_named(other, "Cleaners")
    other_wave = other.waves()[0]
    before = snapshot()
    with pytest.raises(NotFoundError):
        sample.map.rename_role(cleaners.id, "Housekeeping")
    with pytest.raises(NotFoundError):
        sample.map.set_role_headcount(cleaners.id, 3)
    with pytest.raises(NotFoundError):
        sample.map.delete_role(cleaners.id)
    with pytest.raises(NotFoundError):
        sample.schedule.set_wave_date(other_wave.id, date(2027, 1, 1))
    with pytest.raises(NotFoundError):
        sample.schedule.delete_wave(other_wave.id)
    assert snapshot() == before


# -- workshop details and settings -----------------------------------------------------------


def test_details_are_cleaned_and_saved(sample: WorkshopService) -> None:
    sample.update_detail("title", "  Discharge   before noon ")
    sample.update_detail("team", "  Ward 8 ")
    workshop = sample.workshop()
    assert workshop.title == "Discharge before noon"
    assert workshop.team == "Ward 8"


def test_unknown_detail_is_rejected(sample: WorkshopService) -> None:
    with pytest.raises(ValidationError) as caught:
        sample.update_detail("owner", "me")
    assert caught.value.field == "owner"


def test_titles_are_unique_across_the_library_ignoring_case(
    library_service: LibraryService, sample: WorkshopService, snapshot: Take
) -> None:
    library_service.create("Admissions")
    before = snapshot()
    for clash in ("Admissions", "ADMISSIONS", "  admissions "):
        with pytest.raises(ValidationError) as caught:
            sample.update_detail("title", clash)
        assert caught.value.field == "title"
    with pytest.raises(ValidationError):
        sample.update_detail("title", "   ")
    assert snapshot() == before
    own = sample.workshop().title
    assert sample.update_detail("title", own.upper()) is not None
    assert sample.workshop().title == own.upper()


def test_settings_are_validated_before_saving(sample: WorkshopService, snapshot: Take) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        sample.update_settings(sample.with_settings(anonymity_k=2))
    assert caught.value.field == "anonymity_k"
    with pytest.raises(ValidationError):
        sample.update_settings(sample.with_settings(weak_below=4.2, strong_above=4.0))
    assert snapshot() == before
    assert sample.update_settings(sample.with_settings()) is None


def test_settings_round_trip(sample: WorkshopService) -> None:
    wanted = sample.with_settings(weak_below=3.25, strong_above=4.25, anonymity_k=7,
                                  paper_size=PaperSize.LETTER)
    sample.update_settings(wanted)
    assert sample.workshop().settings == wanted


# -- waves -----------------------------------------------------------------------------------


def test_add_wave_appends_with_its_date(sample: WorkshopService) -> None:
    sample.schedule.add_wave("  Follow-up  2 ", date(2027, 1, 11))
    last = sample.waves()[-1]
    assert (last.name, last.date, last.position) == ("Follow-up 2", date(2027, 1, 11), 3)
    sample.schedule.add_wave("Follow-up 3")
    assert sample.waves()[-1].date is None


def test_wave_names_are_unique_ignoring_case(sample: WorkshopService) -> None:
    with pytest.raises(ValidationError) as caught:
        sample.schedule.add_wave(" baseline ")
    assert caught.value.field == "wave name"
    with pytest.raises(ValidationError):
        sample.schedule.rename_wave(wave_id(sample, "Follow-up 1"), "BASELINE")
    assert sample.schedule.rename_wave(wave_id(sample, "Baseline"), "baseline") is not None


def test_wave_date_changes(sample: WorkshopService) -> None:
    baseline = wave_id(sample, "Baseline")
    sample.schedule.set_wave_date(baseline, date(2026, 9, 1))
    assert sample.wave(baseline).date == date(2026, 9, 1)
    sample.schedule.set_wave_date(baseline, None)
    assert sample.wave(baseline).date is None


def test_deleting_a_wave_takes_its_ratings_only(sample: WorkshopService, snapshot: Take) -> None:
    follow_up, baseline = wave_id(sample, "Follow-up 1"), wave_id(sample, "Baseline")
    baseline_ratings = [r for r in sample.ratings() if r.wave_id == baseline]
    assert any(r.wave_id == follow_up for r in sample.ratings())
    before = snapshot()
    edit = sample.schedule.delete_wave(follow_up)
    assert [w.name for w in sample.waves()] == ["Baseline", "Kick-off ratings"]
    assert sample.ratings() == baseline_ratings
    sample.undo(edit)
    assert snapshot() == before
    with pytest.raises(NotFoundError):
        sample.schedule.delete_wave(10_000)


# -- meetings --------------------------------------------------------------------------------


def test_meetings_are_added_sorted_by_date(sample: WorkshopService) -> None:
    sample.schedule.add_meeting(MeetingKind.HUDDLE, date(2000, 1, 1), "  Early  ")
    first = sample.meetings()[0]
    assert (first.kind, first.date, first.title) == (MeetingKind.HUDDLE, date(2000, 1, 1), "Early")


def test_meeting_date_title_and_delete(sample: WorkshopService) -> None:
    meeting = sample.meetings()[0]
    sample.schedule.set_meeting_date(meeting.id, date(2030, 5, 5))
    sample.schedule.set_meeting_title(meeting.id, "Moved kick-off")
    moved = sample.meetings()[-1]
    assert (moved.id, moved.date, moved.title) == (meeting.id, date(2030, 5, 5), "Moved kick-off")
    count = len(sample.meetings())
    sample.schedule.delete_meeting(meeting.id)
    assert len(sample.meetings()) == count - 1
    with pytest.raises(NotFoundError):
        sample.schedule.delete_meeting(meeting.id)


# -- failing writes --------------------------------------------------------------------------


def test_a_read_only_connection_gives_a_calm_storage_error(
    sample: WorkshopService, snapshot: Take
) -> None:
    heard: list[Change] = []
    sample.subscribe(heard.append)
    before = snapshot()
    sample.library.db.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError) as caught:
        sample.map.delete_role(role_named(sample, "Nurses").id)
    message = str(caught.value)
    assert message.startswith("Could not delete role:")
    assert "cannot be written" in message
    assert "Nothing was changed." in message
    assert "Traceback" not in message
    sample.library.db.execute("PRAGMA query_only = OFF")
    assert snapshot() == before
    assert heard == []


def test_a_full_disk_gives_a_calm_storage_error(sample: WorkshopService, snapshot: Take) -> None:
    db = sample.library.db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    before = snapshot()
    with pytest.raises(StorageError) as caught:
        # Notes at the longest a form accepts, in two-byte letters: more than a page.
        MeetingRecordService(sample).set_notes(sample.meetings()[0].id, "é" * 3_999)
    assert "disk is full" in str(caught.value)
    assert "Nothing was changed." in str(caught.value)
    assert snapshot() == before


def test_a_failed_undo_leaves_the_edit_applied(sample: WorkshopService, snapshot: Take) -> None:
    edit = sample.map.add_role("Porters")
    after = snapshot()
    sample.library.db.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError) as caught:
        sample.undo(edit)
    assert caught.value.args[0].startswith("Could not undo Add role")
    sample.library.db.execute("PRAGMA query_only = OFF")
    assert snapshot() == after


def test_an_edit_is_all_or_nothing(sample: WorkshopService, snapshot: Take) -> None:
    """The second row breaks a rule after the first was written: neither row stays."""
    workshop_id = sample.workshop_id
    good = {"id": 9001, "workshop_id": workshop_id, "name": "Porters", "name_key": "porters",
            "position": 50}
    clash = {"id": 9002, "workshop_id": workshop_id, "name": "Nurses", "name_key": "nurses",
             "position": 51}
    before = snapshot()
    with pytest.raises(StorageError) as caught:
        sample.perform(InsertRows("Add roles", (("roles", (good, clash)),)))
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError)
    assert snapshot() == before


# -- merging consecutive updates --------------------------------------------------------------


def test_merged_updates_keep_the_first_before_and_the_last_after() -> None:
    first = UpdateRows("Move role", (RowUpdate("roles", 1, {"x": 0.0}, {"x": 5.0}),), "move:1")
    second = UpdateRows("Move role", (RowUpdate("roles", 1, {"x": 5.0}, {"x": 9.0}),), "move:1")
    merged = first.merged(second)
    assert merged.updates == (RowUpdate("roles", 1, {"x": 0.0}, {"x": 9.0}),)
    assert merged.merge_key == "move:1"
    assert merged.changes == Change.LAYOUT  # placing a role on the map scores nothing again
    renamed = UpdateRows("Rename", (RowUpdate("roles", 1, {"name": "A"}, {"name": "B"}),))
    assert renamed.changes == Change.ROLES


def test_undoing_a_deletion_after_new_rows_were_created_restores_the_same_ids(
    sample: WorkshopService, library_service: LibraryService, snapshot: Callable[[], Snapshot]
) -> None:
    """Deleted ids are never handed out again, so an old deletion can always be undone."""
    last = max(sample.roles(), key=lambda role: role.id)
    before = snapshot()
    edit = sample.map.delete_role(last.id)
    library_service.duplicate(sample.workshop_id)  # inserts roles, ties and ratings
    library_service.create("Another workshop", roles=["Porters"])
    sample.undo(edit)
    after = snapshot()
    for table in ("roles", "ties", "ratings"):
        restored = {row["id"]: row for row in after[table]}
        for row in before[table]:
            assert restored[row["id"]] == row
    added = sample.map.add_role("Porters")
    assert isinstance(added, InsertRows)
    new_id = added.groups[0][1][0]["id"]
    assert new_id > max(row["id"] for row in after["roles"] if row["id"] != new_id)
