"""The report's "Conversation highlights": what the room said, meeting by meeting.

The insights, quotes and questions the facilitator captured, in the order they
were said, each with its step, its tags and the gap it became. Quotes are the room's
own words; the report keeps them as typed. A verbatim quote is recognisable, so the
speaker's role is printed only where services/captures.team_speaker allows it
(attribution turned on and at least 2k of that role present; issue 15): the "Role"
column appears only when some line has one.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak

from rcdesk.reports.pdf.style import para, table
from rcdesk.reports.snapshot import MeetingHighlights, ReportSnapshot

Flowables = list[Any]


def highlights_section(snapshot: ReportSnapshot, width: float, height: float) -> Flowables:
    story: Flowables = [
        para("Conversation highlights", "h1"),
        para("Insights, quotes and questions captured during the meetings, in the order they "
             "came up. Nobody is named; a speaker's role is given only where the workshop "
             "allows it and many people of that role were present.", "body"),
    ]
    for group in snapshot.highlights:
        if group.lines:
            story += [CondPageBreak(height * 0.2), *_meeting(group, width)]
    return story


def _meeting(group: MeetingHighlights, width: float) -> Flowables:
    m = group.meeting
    title = f"{m.title or m.kind.label} · {m.date.isoformat()}" if m else "Other captures"
    counts = {kind: sum(1 for line in group.lines if line.kind == kind)
              for kind in ("Insight", "Quote", "Question")}
    summary = ", ".join(f"{n} {kind.lower()}{'s' if n != 1 else ''}"
                        for kind, n in counts.items() if n)
    rows: list[tuple[str, ...]]
    widths: tuple[float, ...]
    if any(line.speaker for line in group.lines):
        rows = [(line.kind, line.text, line.step, line.speaker, _tags(line.tags, line.gap))
                for line in group.lines]
        headers = ["Kind", "What was said", "Step", "Role", "Tags"]
        widths = (0.12, 0.38, 0.14, 0.14, 0.22)
    else:
        rows = [(line.kind, line.text, line.step, _tags(line.tags, line.gap))
                for line in group.lines]
        headers = ["Kind", "What was said", "Step", "Tags"]
        widths = (0.12, 0.46, 0.16, 0.26)
    return [
        para(title, "h2"),
        para(summary.capitalize(), "small"),
        table(headers, rows, [w * width for w in widths]),
    ]


def _tags(tags: str, gap: str) -> str:
    return "\n".join(p for p in (tags, f"Gap: {gap}" if gap else "") if p)
