"""The sample workshop: its content, two copies alike, dates from the injected clock."""

from __future__ import annotations

from datetime import date, datetime

from rcdesk.domain.model import MeetingKind
from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample, load_sample_data

from ..conftest import Clock
from ..test_library_service import content


def test_sample_workshop_content(library_service: LibraryService, clock: Clock) -> None:
    ws = library_service.open(build_sample(library_service))
    data = load_sample_data()
    assert ws.workshop().title == data["title"]
    assert 6 <= len(ws.roles()) <= 8
    assert [w.name for w in ws.waves()] == ["Baseline", "Kick-off ratings", "Follow-up 1"]
    assert all(r.headcount and r.colour for r in ws.roles())
    ratings = ws.ratings()
    assert ratings and all(1 <= r.value <= 5 for r in ratings)
    assert {r.wave_id for r in ratings} == {w.id for w in ws.waves()
                                            if w.name != "Kick-off ratings"}  # rated alone
    assert any(t.is_within_role for t in ws.ties())
    meetings = ws.meetings()
    assert meetings[0].kind is MeetingKind.KICKOFF
    assert meetings[0].date < clock.now.date()
    [summary] = library_service.summaries()
    assert summary.next_meeting is not None and summary.next_meeting >= clock.now.date()


def test_building_the_sample_twice_gives_two_equal_workshops_with_distinct_titles(
    library_service: LibraryService,
) -> None:
    first = library_service.open(build_sample(library_service))
    second = library_service.open(build_sample(library_service))
    assert first.workshop_id != second.workshop_id
    assert first.workshop().title != second.workshop().title
    assert (len(first.roles()), len(first.ties()), len(first.ratings())) == (
        len(second.roles()), len(second.ties()), len(second.ratings()))
    assert content(first) == content(second)


def test_sample_uses_the_injected_clock(library_service: LibraryService, clock: Clock) -> None:
    clock.now = datetime(2030, 1, 15, 8, 0)
    ws = library_service.open(build_sample(library_service))
    assert date(2030, 1, 15) in {m.date for m in ws.meetings()}
