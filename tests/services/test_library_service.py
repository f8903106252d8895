"""The library of workshops: create, find, duplicate, delete, list (the sample workshop's
tests are in tests/services/sample/)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.model import MeetingKind
from rcdesk.domain.names import MAX_NAME_LENGTH
from rcdesk.domain.settings import WorkshopSettings
from rcdesk.services.library import LibraryService
from rcdesk.services.workshop import WorkshopService

from .conftest import Clock, Snapshot

Take = Callable[[], Snapshot]


def content(ws: WorkshopService) -> dict[str, object]:
    """A workshop's content described by names, not ids, so copies can be compared."""
    names = {r.id: r.name for r in ws.roles()}
    waves = {w.id: w.name for w in ws.waves()}
    ties = {t.id: (names[t.source_id], names[t.target_id]) for t in ws.ties()}
    return {
        "roles": [(r.name, r.position, r.headcount, r.colour, r.x, r.y) for r in ws.roles()],
        "waves": [(w.name, w.position, w.date) for w in ws.waves()],
        "ties": sorted(ties.values()),
        "ratings": sorted((*ties[r.tie_id], waves[r.wave_id], r.dimension, r.value)
                          for r in ws.ratings()),
        "meetings": [(m.kind, m.date, m.title, m.notes) for m in ws.meetings()],
        "settings": ws.workshop().settings,
        "details": (ws.workshop().team, ws.workshop().process, ws.workshop().facilitator),
    }


def row_count(take: Take) -> int:
    return sum(len(rows) for rows in take().values())


# -- create ----------------------------------------------------------------------------------


def test_create_adds_roles_in_order_and_a_baseline_wave(
    library_service: LibraryService, clock: Clock
) -> None:
    workshop_id = library_service.create(
        "  Discharge   planning ", team=" Ward 7 ", process="Discharge", facilitator="Sam",
        roles=["Nurses", "  ", "Physicians", "Case  managers"],
    )
    ws = library_service.open(workshop_id)
    workshop = ws.workshop()
    assert (workshop.title, workshop.team) == ("Discharge planning", "Ward 7")
    assert workshop.created_at == clock.now.replace(microsecond=0)
    assert workshop.settings == WorkshopSettings()
    assert [(r.name, r.position) for r in ws.roles()] == [
        ("Nurses", 0), ("Physicians", 1), ("Case managers", 2)]
    assert [(w.name, w.position, w.date) for w in ws.waves()] == [("Baseline", 0, None)]
    assert ws.ties() == [] and ws.meetings() == []


def test_create_keeps_chosen_settings(library_service: LibraryService) -> None:
    settings = WorkshopSettings(weak_below=3.0, strong_above=4.5, anonymity_k=5)
    ws = library_service.open(library_service.create("Ward", settings=settings))
    assert ws.workshop().settings == settings


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * (MAX_NAME_LENGTH + 1)}, "title"),
        ({"title": "Ward", "roles": ["Nurses", " nurses "]}, "roles"),
        ({"title": "Ward", "roles": ["Nurses", "y" * (MAX_NAME_LENGTH + 1)]}, "role name"),
        ({"title": "Ward", "settings": WorkshopSettings(anonymity_k=2)}, "anonymity_k"),
    ],
)
def test_create_rejects_bad_input_and_writes_nothing(
    library_service: LibraryService, snapshot: Take, kwargs: dict[str, object], field: str
) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        library_service.create(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert snapshot() == before


def test_create_refuses_a_title_in_use_ignoring_case(library_service: LibraryService) -> None:
    library_service.create("Discharge")
    for clash in ("Discharge", "DISCHARGE", "  discharge  "):
        with pytest.raises(ValidationError) as caught:
            library_service.create(clash)
        assert "already exists" in str(caught.value)
    assert len(library_service.summaries()) == 1


# -- find and unique titles ------------------------------------------------------------------


def test_find_by_title_ignoring_case_and_spaces(library_service: LibraryService) -> None:
    first = library_service.create("Hospital discharge")
    second = library_service.create("Admissions")
    assert library_service.find("hospital discharge") == first
    assert library_service.find("  HOSPITAL   Discharge ") == first
    assert library_service.find("admissions") == second


def test_find_by_id(library_service: LibraryService) -> None:
    workshop_id = library_service.create("Admissions")
    assert library_service.find(str(workshop_id)) == workshop_id
    assert library_service.find(f" {workshop_id} ") == workshop_id


def test_a_title_that_looks_like_an_id_wins_over_the_id(library_service: LibraryService) -> None:
    first = library_service.create("Admissions")
    numbered = library_service.create(str(first))
    assert library_service.find(str(first)) == numbered


@pytest.mark.parametrize("reference", ["Nowhere", "999", "", "²", "1" * 30, "-1"])
def test_find_reports_unknown_workshops_calmly(
    library_service: LibraryService, reference: str
) -> None:
    library_service.create("Admissions")
    with pytest.raises(NotFoundError) as caught:
        library_service.find(reference)
    assert "No workshop called" in str(caught.value)


def test_unique_title_counts_up(library_service: LibraryService) -> None:
    assert library_service.unique_title(" Ward  7 ") == "Ward 7"
    library_service.create("Ward 7")
    assert library_service.unique_title("ward 7") == "ward 7 (2)"
    library_service.create("Ward 7 (2)")
    assert library_service.unique_title("Ward 7") == "Ward 7 (3)"


def test_unique_title_stays_within_the_name_limit(library_service: LibraryService) -> None:
    long_title = "x" * MAX_NAME_LENGTH
    library_service.create(long_title)
    free = library_service.unique_title(long_title)
    assert len(free) <= MAX_NAME_LENGTH
    assert free.endswith("(2)")
    library_service.create(free)  # the suggestion is a title create() accepts


# -- duplicate -------------------------------------------------------------------------------


def test_duplicate_copies_everything_with_new_ids(
    library_service: LibraryService, sample: WorkshopService, snapshot: Take
) -> None:
    source_rows = snapshot()
    copy_id = library_service.duplicate(sample.workshop_id)
    copy = library_service.open(copy_id)

    assert copy_id != sample.workshop_id
    assert copy.workshop().title == f"{sample.workshop().title} (copy)"
    assert content(copy) == content(sample)
    assert len(copy.ratings()) == len(sample.ratings()) > 0
    for records in ("roles", "waves", "ties", "meetings"):
        original_ids = {r.id for r in getattr(sample, records)()}
        copied = getattr(copy, records)()
        assert original_ids.isdisjoint({r.id for r in copied}), records
        assert {r.workshop_id for r in copied} == {copy_id}, records
    copied_roles = {r.id for r in copy.roles()}
    assert all({t.source_id, t.target_id} <= copied_roles for t in copy.ties())
    copied_waves = {w.id for w in copy.waves()}
    assert {r.wave_id for r in copy.ratings()} <= copied_waves
    # the original was not touched (its opened_at is the only thing open() stamps)
    for table, rows in source_rows.items():
        current = {row["id"]: row for row in snapshot()[table]}
        for row in rows:
            if table != "workshops":
                assert current[row["id"]] == row


def test_duplicating_twice_gives_distinct_titles(
    library_service: LibraryService, sample: WorkshopService
) -> None:
    first = library_service.duplicate(sample.workshop_id)
    second = library_service.duplicate(sample.workshop_id)
    titles = {library_service.open(i).workshop().title for i in (first, second)}
    assert len(titles) == 2
    assert sample.workshop().title not in titles


def test_duplicating_a_workshop_with_the_longest_title_works(
    library_service: LibraryService,
) -> None:
    original = library_service.create("t" * MAX_NAME_LENGTH, roles=["Nurses"])
    copy = library_service.open(library_service.duplicate(original))
    assert len(copy.workshop().title) <= MAX_NAME_LENGTH
    assert copy.workshop().title != "t" * MAX_NAME_LENGTH
    assert [r.name for r in copy.roles()] == ["Nurses"]


def test_duplicate_of_a_missing_workshop_is_not_found(library_service: LibraryService) -> None:
    with pytest.raises(NotFoundError):
        library_service.duplicate(404)


# -- delete ----------------------------------------------------------------------------------


def test_delete_removes_the_workshop_and_everything_in_it(
    library_service: LibraryService, sample: WorkshopService, snapshot: Take
) -> None:
    other = library_service.create("Admissions", roles=["Porters"])
    other_rows = {table: [r for r in rows if r.get("workshop_id") == other]
                  for table, rows in snapshot().items()}
    library_service.delete(sample.workshop_id)
    after = snapshot()
    assert [row["id"] for row in after["workshops"]] == [other]
    for table in ("roles", "waves", "ties", "meetings"):
        assert [r for r in after[table] if r["workshop_id"] != other] == []
        assert [r for r in after[table] if r["workshop_id"] == other] == other_rows[table]
    assert after["ratings"] == []
    with pytest.raises(NotFoundError):
        library_service.delete(sample.workshop_id)
    with pytest.raises(NotFoundError):
        library_service.open(sample.workshop_id)


# -- summaries -------------------------------------------------------------------------------


def test_summaries_list_the_most_recently_used_first(
    library_service: LibraryService, clock: Clock
) -> None:
    first = library_service.create("First", roles=["A", "B"])
    clock.now += timedelta(minutes=5)
    second = library_service.create("Second")
    assert [s.id for s in library_service.summaries()] == [second, first]
    clock.now += timedelta(minutes=5)
    library_service.open(first)
    summaries = library_service.summaries()
    assert [s.id for s in summaries] == [first, second]
    assert summaries[0].opened_at == clock.now.replace(microsecond=0)
    assert summaries[1].opened_at is None
    assert (summaries[0].role_count, summaries[0].wave_names) == (2, ("Baseline",))


def test_summaries_show_the_next_planned_meeting(
    library_service: LibraryService, clock: Clock
) -> None:
    today = clock.now.date()
    ws = library_service.open(library_service.create("Ward"))
    [summary] = library_service.summaries()
    assert summary.next_meeting is None
    ws.schedule.add_meeting(MeetingKind.KICKOFF, today - timedelta(days=3))
    assert library_service.summaries()[0].next_meeting is None
    ws.schedule.add_meeting(MeetingKind.HUDDLE, today + timedelta(days=5))
    ws.schedule.add_meeting(MeetingKind.HUDDLE, today + timedelta(days=2))
    assert library_service.summaries()[0].next_meeting == today + timedelta(days=2)
    ws.schedule.add_meeting(MeetingKind.HUDDLE, today)
    assert library_service.summaries()[0].next_meeting == today


def test_summaries_list_waves_in_their_order(library_service: LibraryService) -> None:
    ws = library_service.open(library_service.create("Ward"))
    ws.schedule.add_wave("Follow-up, with a comma")
    ws.schedule.add_wave("Follow-up 2")
    assert library_service.summaries()[0].wave_names == (
        "Baseline", "Follow-up, with a comma", "Follow-up 2")


def test_a_deleted_workshop_leaves_no_trace_in_the_live_files(
    library_service: LibraryService,
) -> None:
    marker = "Zyxwvut secret ward"
    workshop_id = library_service.create(marker, roles=["Qqqzz confidential role"])
    library_service.create("Keeps the library in use", roles=["Nurses"])
    library_service.delete(workshop_id)
    path = library_service.library.path
    files = [path, path.with_name(path.name + "-wal")]
    data = b"".join(f.read_bytes() for f in files if f.exists())
    assert marker.encode() not in data
    assert b"Qqqzz confidential role" not in data


def test_opening_can_leave_the_note_of_when_for_later(
    library_service: LibraryService, clock: Clock
) -> None:
    """The window opens a workshop without a write, and notes when after its first frame."""
    workshop_id = library_service.create("Ward")
    clock.now += timedelta(minutes=5)
    library_service.open(workshop_id, note=False)
    assert library_service.summaries()[0].opened_at is None
    assert library_service.note_opened(workshop_id) == ""
    assert library_service.summaries()[0].opened_at == clock.now.replace(microsecond=0)
