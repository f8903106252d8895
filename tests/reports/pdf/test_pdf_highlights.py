"""The report's "Conversation highlights": captures grouped by meeting, with their tags."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pypdf

from rcdesk.domain.model import Meeting, MeetingKind, Workshop
from rcdesk.reports.pdf import chosen_sections, write_summary_pdf
from rcdesk.reports.snapshot import (
    SECTION_KEYS,
    HighlightLine,
    MeetingHighlights,
    ReportSnapshot,
)
from rcdesk.services.library import LibraryService
from rcdesk.services.report import ReportService
from rcdesk.services.sample import build_sample
from rcdesk.store.connection import open_library

KICKOFF = Meeting(1, 1, MeetingKind.KICKOFF, date(2026, 3, 2), "Kick-off: mapping discharge")
HUDDLE = Meeting(2, 1, MeetingKind.HUDDLE, date(2026, 3, 9), "")
LINES = (
    HighlightLine("Quote", "“We hear about it at nine”", "Invite participation",
                  "Case managers", "Physicians → Case managers · Timely communication",
                  "Discharge orders ready by 10:00"),
    HighlightLine("Question", "Who tells the family?", tags="Accurate communication"),
)


def _snapshot(groups: tuple[MeetingHighlights, ...]) -> ReportSnapshot:
    return ReportSnapshot(workshop=Workshop(1, "Ward 7"), roles=(), ties=(),
                          meetings=(KICKOFF, HUDDLE), created_at=datetime(2026, 3, 10, 8, 0),
                          highlights=groups)


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def test_the_section_follows_the_agenda_and_needs_a_capture() -> None:
    assert SECTION_KEYS.index("highlights") == SECTION_KEYS.index("agenda") + 1
    assert not _snapshot(()).available("highlights")
    assert not _snapshot((MeetingHighlights(KICKOFF, ()),)).available("highlights")
    groups = (MeetingHighlights(KICKOFF, LINES[:1]),)
    assert "highlights" in chosen_sections(_snapshot(groups))


def test_captures_print_by_meeting_with_step_role_tags_and_gap(tmp_path: Path) -> None:
    groups = (MeetingHighlights(KICKOFF, LINES[:1]), MeetingHighlights(HUDDLE, LINES[1:]),
              MeetingHighlights(None, (HighlightLine("Insight", "Said in the corridor"),)))
    path = write_summary_pdf(_snapshot(groups), tmp_path / "r.pdf", sections=["highlights"])
    text = _text(path)
    assert "Conversation highlights" in text
    first, second, other = (text.index(t) for t in (
        "Kick-off: mapping discharge · 2026-03-02", "Huddle · 2026-03-09", "Other captures"))
    assert first < text.index("“We hear about it at nine”") < second < \
        text.index("Who tells the family?") < other < text.index("Said in the corridor")
    for expected in ("Invite participation", "Case managers", "Timely communication",
                     "Gap: Discharge orders ready by 10:00", "1 quote", "1 question"):
        assert expected in text


def test_the_sample_report_prints_what_the_room_said(tmp_path: Path) -> None:
    library = open_library(tmp_path / "library.sqlite", create=True)
    try:
        workshop_id = build_sample(LibraryService(library))
        snapshot = ReportService(library, workshop_id).snapshot()
        groups = snapshot.highlights
        assert [g.meeting.title for g in groups if g.meeting] == [
            "Kick-off workshop: mapping discharge", "Huddle 1"]
        quote = groups[0].lines[0]
        assert (quote.kind, quote.step, quote.speaker, quote.gap) == (  # no role (issue 15)
            "Quote", "Invite participation", "", "Discharge orders ready by 10:00")
        path = write_summary_pdf(snapshot, tmp_path / "r.pdf", sections=["highlights"])
        assert "Who tells the family the discharge date" in _text(path)
    finally:
        library.close()
