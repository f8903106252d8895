"""The report's "Structures that shape coordination" (issue 19): the team's ratings, owners
and evidence of each structure, and what moved with them."""

from __future__ import annotations

from typing import Any

from rcdesk.reports.pdf.style import para, table
from rcdesk.reports.snapshot import ReportSnapshot

Flowables = list[Any]


def structures_section(snapshot: ReportSnapshot, width: float) -> Flowables:
    story: Flowables = [para("Structures that shape coordination", "h1"),
                        para("How well each structure helps these roles coordinate, on "
                             "rcdesk's scale: 1 gets in the way, 2 missing, 3 partly there, "
                             "4 mostly works, 5 works well. Now and wanted, by wave.",
                             "small")]
    story.append(table(
        ["Structure", "Status and owner", "Ratings (now → wanted)", "Evidence (latest)",
         "Touches and carried out by"],
        [(s.name, f"{s.status}\n{s.owner}".strip(), s.ratings, s.evidence, s.links)
         for s in snapshot.structures],
        [w * width for w in (0.19, 0.15, 0.2, 0.25, 0.21)]))
    notes = [s.note for s in snapshot.structures if s.note]
    if notes:
        story.append(para("What moved with the structures", "h2"))
        story += [para(note, "small") for note in notes]
    return story
