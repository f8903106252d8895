"""Issue 15: a quote reaches the team without its speaker's role, unless the workshop turned
attribution on and at least 2k people of that role were at that meeting."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from rcdesk.domain.captures import CaptureKind
from rcdesk.reports.pdf import write_summary_pdf
from rcdesk.services.captures import CapturesService
from rcdesk.services.meeting_record import MeetingRecordService
from rcdesk.services.report import ReportService
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.connection import Library

QUOTE = "If we knew by 9 am we could plan the whole day"


def highlights_text(library: Library, workshop_id: int, folder: Path) -> str:
    snapshot = ReportService(library, workshop_id).snapshot()
    path = write_summary_pdf(snapshot, folder / "r.pdf", sections=["highlights"])
    return " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


@pytest.fixture
def quoted(sample: WorkshopService) -> tuple[CapturesService, int, int]:
    """A quote by a chaplain in the kick-off (whose count is set per test)."""
    captures = CapturesService(sample)
    meeting = sample.meetings()[0]
    sample.map.add_role("Chaplains")
    role = next(r for r in sample.roles() if r.name == "Chaplains")
    captures.add(QUOTE, CaptureKind.QUOTE, meeting.id, speaker_role_id=role.id)
    return captures, meeting.id, role.id


@pytest.mark.parametrize(("attribution", "present", "named"), [
    (False, 3, False),   # the default: never, whatever the count
    (False, 40, False),
    (True, None, False),  # no count recorded: never
    (True, 3, False),     # k present: nearly a name
    (True, 5, False),     # 2k − 1
    (True, 6, True),      # 2k
])
def test_the_pdf_names_a_role_only_with_attribution_on_and_2k_present(
        library: Library, sample: WorkshopService, quoted: tuple[CapturesService, int, int],
        tmp_path: Path, attribution: bool, present: int | None, named: bool) -> None:
    captures, meeting_id, role_id = quoted
    assert sample.workshop().settings.anonymity_k == 3
    record = MeetingRecordService(sample)
    record.set_count(meeting_id, role_id, present if present is not None else 0)
    if attribution:
        captures.set_attribution(True)
    snapshot = ReportService(library, sample.workshop_id).snapshot()
    line = next(line for group in snapshot.highlights for line in group.lines
                if line.text == QUOTE)
    assert line.speaker == ("Chaplains" if named else "")
    text = highlights_text(library, sample.workshop_id, tmp_path)
    assert QUOTE in text
    assert ("Chaplains" in text) is named


def test_by_default_no_role_of_any_capture_reaches_the_pdf(
        library: Library, sample: WorkshopService, tmp_path: Path) -> None:
    """The sample's kick-off had 6 nurses and a quote by a case manager (2 present)."""
    captures = CapturesService(sample)
    assert captures.attribution_on() is False
    snapshot = ReportService(library, sample.workshop_id).snapshot()
    assert all(line.speaker == "" for group in snapshot.highlights for line in group.lines)
    assert "Role" not in highlights_text(library, sample.workshop_id, tmp_path).split(
        "Conversation highlights")[1][:400]


def test_attribution_is_an_undoable_per_workshop_setting(sample: WorkshopService) -> None:
    captures = CapturesService(sample)
    edit = captures.set_attribution(True)
    assert edit is not None and captures.attribution_on()
    assert captures.set_attribution(True) is None
    sample.undo(edit)
    assert not captures.attribution_on()
