"""The report's "Top priorities" (issue 20): the latest dot-vote the room has seen, its gaps
with their dots, most first; nothing while the vote still waits for voters."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pypdf

from rcdesk.domain.gaps import Gap
from rcdesk.domain.model import Workshop
from rcdesk.reports.pdf import chosen_sections, write_summary_pdf
from rcdesk.reports.snapshot import ReportSnapshot
from rcdesk.services.dot_votes import DotVoteService
from rcdesk.services.library import LibraryService
from rcdesk.services.report import ReportService
from rcdesk.store.connection import open_library


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def test_the_section_lists_the_gaps_with_their_dots(tmp_path: Path) -> None:
    snapshot = ReportSnapshot(
        workshop=Workshop(1, "Ward 7"), roles=(), ties=(), meetings=(),
        created_at=datetime(2026, 3, 10, 8, 0),
        priorities=(("Discharge orders by 10:00", 7), ("Who tells the family", 4)),
        priorities_note="3 dots each, 9 people, on the passed laptop (2026-03-09).")
    assert "priorities" in chosen_sections(snapshot)
    text = _text(write_summary_pdf(snapshot, tmp_path / "r.pdf", sections=["priorities"]))
    assert "Top priorities" in text and "3 dots each, 9 people" in text
    assert text.index("Discharge orders by 10:00") < text.index("Who tells the family")
    assert "1 Discharge orders by 10:00 7" in text


def test_the_snapshot_carries_the_vote_only_once_everyone_voted(tmp_path: Path) -> None:
    library = open_library(tmp_path / "l.sqlite", create=True)
    try:
        service = LibraryService(library)
        workshop_id = service.create("Ward 7", roles=["Nurses", "Physicians"])
        votes = DotVoteService(service.open(workshop_id))
        for title in ("Discharge orders by 10:00", "Who tells the family"):
            votes.gaps.create_gap(Gap(0, 0, title))
        gaps = [g.id for g in votes.candidates()]
        votes.start(dots=2, voters=3)
        vote = votes.latest()
        assert vote is not None
        votes.cast(vote.id, {gaps[0]: 2})
        votes.cast(vote.id, {gaps[1]: 1, gaps[0]: 1})
        report = ReportService(library, workshop_id)
        assert report.snapshot().priorities == ()
        votes.cast(vote.id, {gaps[1]: 2})
        snapshot = report.snapshot()
        # By hand: 2 + 1 = 3 each; a tie is listed by title.
        assert snapshot.priorities == (("Discharge orders by 10:00", 3),
                                       ("Who tells the family", 3))
        assert "2 dots each, 3 people" in snapshot.priorities_note
    finally:
        library.close()
