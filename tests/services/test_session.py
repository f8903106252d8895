"""WorkshopSession: each of an open workshop's services made once, all on its WorkshopService."""

from __future__ import annotations

from datetime import datetime

from rcdesk.services.session import WorkshopSession
from rcdesk.services.workshop import WorkshopService

SERVICES = ("map", "schedule", "scores", "gaps", "experiments", "drivers", "structures",
            "captures", "pulse", "agenda", "meeting_record", "walkthrough")


def test_each_service_is_made_once_on_the_session_workshop(sample: WorkshopService) -> None:
    session = WorkshopSession(sample)
    for name in SERVICES:
        service = getattr(session, name)
        assert getattr(session, name) is service, name
        owner = getattr(service, "workshop", None)
        if isinstance(owner, WorkshopService):
            assert owner is sample, name
    assert session.scores.workshop_id == sample.workshop_id
    assert session.experiments.gaps is session.gaps
    assert session.map is sample.map and session.schedule is sample.schedule


def test_an_edit_through_one_service_reaches_the_workshops_listeners(
        sample: WorkshopService) -> None:
    session = WorkshopSession(sample)
    heard: list[object] = []
    sample.subscribe(heard.append)
    edit = session.map.add_role("Porters")
    assert heard and edit is not None
    sample.undo(edit)
    assert "Porters" not in {r.name for r in session.workshop.roles()}
    assert len(heard) == 2


def test_the_walkthrough_keeps_the_sessions_clock(sample: WorkshopService) -> None:
    def clock() -> datetime:
        return datetime(2026, 11, 3, 14, 0)

    session = WorkshopSession(sample, clock)
    assert session.walkthrough.clock is clock


def test_two_sessions_share_nothing(sample: WorkshopService) -> None:
    first, second = WorkshopSession(sample), WorkshopSession(sample)
    assert all(getattr(first, n) is not getattr(second, n)
               for n in SERVICES if n not in ("map", "schedule"))
