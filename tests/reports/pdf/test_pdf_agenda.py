"""The report's "Meetings: the agenda as run": steps, planned and actual minutes, totals."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pypdf

from rcdesk.domain.agenda import AgendaStep, StepState
from rcdesk.domain.decks import Step, StepKind
from rcdesk.domain.model import Meeting, MeetingKind, Workshop
from rcdesk.reports.pdf import chosen_sections, write_summary_pdf
from rcdesk.reports.snapshot import SECTION_KEYS, MeetingAgenda, ReportSnapshot
from rcdesk.services.library import LibraryService
from rcdesk.services.report import ReportService
from rcdesk.services.sample import build_sample
from rcdesk.store.connection import open_library

KICKOFF = Meeting(1, 1, MeetingKind.KICKOFF, date(2026, 3, 2), "Kick-off: mapping discharge")
HUDDLE = Meeting(2, 1, MeetingKind.HUDDLE, date(2026, 3, 9), "")
START = datetime(2026, 3, 2, 9, 30)


def _step(number: int, meeting: Meeting, title: str, planned: float, state: StepState,
          seconds: float = 0.0, deck: str = "Creating psychological safety") -> AgendaStep:
    return AgendaStep(id=number, workshop_id=1, meeting_id=meeting.id, position=number,
                      step=Step(title, title, "", planned, StepKind.TALK), planned_minutes=planned,
                      deck_title=deck, state=state, seconds=seconds,
                      started_at=START if state is StepState.RUN else None)


def _snapshot(agenda: tuple[MeetingAgenda, ...]) -> ReportSnapshot:
    return ReportSnapshot(workshop=Workshop(1, "Ward 7"), roles=(), ties=(),
                          meetings=(KICKOFF, HUDDLE), created_at=datetime(2026, 3, 10, 8, 0),
                          agenda=agenda)


RAN = MeetingAgenda(KICKOFF, (
    _step(1, KICKOFF, "Welcome and purpose", 4, StepState.RUN, 270),
    _step(2, KICKOFF, "Check-in", 5, StepState.SKIPPED),
    _step(3, KICKOFF, "Coffee", 10, StepState.RUN, 630, deck=""),
    _step(4, KICKOFF, "Close", 5, StepState.PLANNED),
))
PLANNED_ONLY = MeetingAgenda(HUDDLE, (_step(5, HUDDLE, "Huddle opener", 3, StepState.PLANNED),))


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def test_the_section_follows_change_and_needs_a_meeting_that_ran() -> None:
    assert SECTION_KEYS.index("agenda") == SECTION_KEYS.index("change") + 1
    assert not _snapshot(()).available("agenda")
    assert not _snapshot((PLANNED_ONLY,)).available("agenda")
    assert _snapshot((RAN, PLANNED_ONLY)).available("agenda")
    assert "agenda" not in chosen_sections(_snapshot((PLANNED_ONLY,)))


def test_each_step_shows_planned_and_actual_minutes_and_what_happened(tmp_path: Path) -> None:
    path = write_summary_pdf(_snapshot((RAN, PLANNED_ONLY)), tmp_path / "r.pdf",
                             sections=["agenda"])
    text = _text(path)
    assert "Meetings: the agenda as run" in text
    assert "Kick-off: mapping discharge · 2026-03-02" in text
    assert "Started 09:30 · 2 of 4 steps run" in text
    assert "Welcome and purpose" in text and "4.5" in text  # 270 s
    assert "Coffee" in text and "free step" in text and "10.5" in text
    assert "skipped" in text and "not reached" in text
    assert "Total" in text and "24" in text and "15" in text  # 4+5+10+5 planned, 900 s run
    assert "1 skipped, 1 not reached" in text
    assert "Huddle opener" not in text  # a plan alone is not a record


def test_the_sample_report_prints_its_kick_off_agenda(tmp_path: Path) -> None:
    library = open_library(tmp_path / "library.sqlite", create=True)
    try:
        workshop_id = build_sample(LibraryService(library))
        snapshot = ReportService(library, workshop_id).snapshot()
    finally:
        library.close()
    assert snapshot.available("agenda")
    (kickoff,) = snapshot.agenda
    assert kickoff.meeting.kind is MeetingKind.KICKOFF and len(kickoff.steps) == 12
    path = write_summary_pdf(snapshot, tmp_path / "sample.pdf", sections=["agenda"])
    text = _text(path)
    assert "Reading our map together" in text and "11 of 12 steps run" in text
    assert "1 skipped" in text
    assert "17 present: Physicians 3, Nurses 6, Case managers 2" in " ".join(text.split())
    cover = " ".join(_text(write_summary_pdf(snapshot, tmp_path / "cover.pdf",
                                             sections=["cover"])).split())
    assert "Present Decisions and notes" in cover
    assert "17 Map the discharge process together" in cover
    assert "10 Adopt the shared discharge checklist" in cover
