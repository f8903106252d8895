"""The report's "Top priorities" (issue 20): the gaps the room chose in its latest
dot-vote, with their dots. Totals only, never a person's dots."""

from __future__ import annotations

from typing import Any

from rcdesk.reports.pdf.style import para, table
from rcdesk.reports.snapshot import ReportSnapshot

Flowables = list[Any]


def priorities_section(snapshot: ReportSnapshot, width: float) -> Flowables:
    story: Flowables = [para("Top priorities", "h1"),
                        para(f"What the room chose to work on first, by dot-vote: "
                             f"{snapshot.priorities_note}", "body")]
    story.append(table(["", "Gap", "Dots"],
                       [(str(rank), title, str(votes))
                        for rank, (title, votes) in enumerate(snapshot.priorities, start=1)],
                       [width * 0.08, width * 0.74, width * 0.18]))
    return story
