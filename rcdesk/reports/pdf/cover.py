"""The report's cover: the workshop, the wave shown, the meetings and their decisions.

All user text goes through style.para (escaped).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer, Table, TableStyle

from rcdesk.domain.attendance import present
from rcdesk.reports.pdf.style import CELL_FONT, RULE, para, table
from rcdesk.reports.pdf.words import wave_text
from rcdesk.reports.snapshot import ReportSnapshot

Flowables = list[Any]


def cover(snapshot: ReportSnapshot, width: float) -> Flowables:
    w = snapshot.workshop
    kickoff = next((m for m in snapshot.meetings if m.kind.value == "kickoff"), None)
    facts = [
        ("Team", w.team or "–"),
        ("Focal work process", w.process or "–"),
        ("Facilitator", w.facilitator or "–"),
        ("Wave shown", wave_text(snapshot)),
    ]
    if snapshot.compare_wave is not None:
        facts.append(("Compared with", snapshot.compare_wave.name))
    if kickoff is not None:
        facts.append(("Kick-off workshop", kickoff.date.isoformat()))
    if snapshot.next_meeting is not None:
        nxt = snapshot.next_meeting
        facts.append(("Next meeting", f"{nxt.date.isoformat()} {nxt.kind.label}"
                      + (f": {nxt.title}" if nxt.title else "")))
    facts.append(("Report date", snapshot.report_date.isoformat()))
    story: Flowables = [
        para("Relational coordination summary", "subtitle"),
        para(w.title, "cover"),
        Spacer(1, 6),
        _facts(facts, width),
    ]
    if snapshot.meetings:
        role_ids = [r.id for r in snapshot.roles]
        story += [para("Meetings", "h2"), table(
            ["Date", "Meeting", "Title", "Present", "Decisions and notes"],
            [(m.date.isoformat(), m.kind.label, m.title,
              str(present(m.attendance, role_ids) or "–"), m.notes)
             for m in snapshot.meetings],
            [width * w for w in (0.13, 0.15, 0.22, 0.1, 0.4)], right=(3,))]
    story.append(para(
        "This summary is a record of what the team saw and discussed. Scores are group "
        "figures between roles, never of individuals; see the method note at the end.",
        "small"))
    return story


def _facts(facts: list[tuple[str, str]], width: float) -> Table:
    rows = [[para(k, "cell_bold"), para(v, "body")] for k, v in facts]
    result = Table(rows, colWidths=[width * 0.28, width * 0.72], splitInRow=1, hAlign="LEFT")
    result.setStyle(TableStyle([*CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE)]))
    return result
