"""The report's "Meetings: the agenda as run": what each meeting's walkthrough covered.

One table per meeting whose walkthrough ran: who came (counts per role), then each
step in agenda order with its deck, planned and actual minutes, and whether it was
skipped or not reached, then the totals. It is a record of time and of how many came,
never of people: no names, no captures.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak

from rcdesk.domain.agenda import AgendaStep, StepState
from rcdesk.domain.attendance import Attendance, present
from rcdesk.reports.pdf.style import HEADER_FILL, TEXT, para, table
from rcdesk.reports.snapshot import MeetingAgenda, ReportSnapshot

Flowables = list[Any]
NOTE = {StepState.SKIPPED: "skipped", StepState.PLANNED: "not reached",
        StepState.CURRENT: "in progress", StepState.RUN: ""}


def agenda_section(snapshot: ReportSnapshot, width: float, height: float) -> Flowables:
    story: Flowables = [
        para("Meetings: the agenda as run", "h1"),
        para("Who came to each meeting (how many of each role: no names), then its steps in "
             "agenda order, with the minutes planned and the minutes "
             "actually spent. “Skipped” steps were passed over on purpose; “not reached” ones "
             "were planned but the walkthrough did not get to them.", "body"),
    ]
    roles = [(r.id, r.name) for r in snapshot.roles]
    for item in snapshot.agenda:
        if item.ran:
            story += [CondPageBreak(height * 0.25), *_meeting(item, width, roles)]
    return story


def attendance_line(attendance: Attendance, roles: list[tuple[int, str]]) -> str:
    """"12 present: Nurses 5, Physicians 3, …" in the roles' order; "" when nobody counted."""
    counted = [(name, attendance[role_id]) for role_id, name in roles
               if attendance.get(role_id)]
    if not counted:
        return ""
    total = present(attendance, [role_id for role_id, _ in roles])
    return f"{total} present: " + ", ".join(f"{name} {count}" for name, count in counted)


def _meeting(item: MeetingAgenda, width: float, roles: list[tuple[int, str]]) -> Flowables:
    m = item.meeting
    steps = item.steps
    run = [s for s in steps if s.state in (StepState.RUN, StepState.CURRENT)]
    started = min((s.started_at for s in run if s.started_at), default=None)
    facts = [f"{len(run)} of {len(steps)} steps run"]
    if started is not None:
        facts.insert(0, f"started {started.strftime('%H:%M')}")
    rows = [(str(n), s.title, s.deck_title or "free step", _minutes(s.planned_minutes),
             _actual(s), NOTE[s.state]) for n, s in enumerate(steps, start=1)]
    rows.append(("", "Total", "", _minutes(sum(s.planned_minutes for s in steps)),
                 _minutes(sum(s.seconds for s in steps) / 60), _totals_note(steps)))
    who = attendance_line(m.attendance, roles)
    return [
        para(f"{m.title or m.kind.label} · {m.date.isoformat()}", "h2"),
        para(" · ".join(facts).capitalize(), "small"),
        *([para(who, "small")] if who else []),
        table(["#", "Step", "Deck", "Planned", "Actual", ""], rows,
              [w * width for w in (0.05, 0.3, 0.27, 0.12, 0.1, 0.16)], right=(0, 3, 4),
              extra=(("LINEABOVE", (0, -1), (-1, -1), 0.8, TEXT),
                     ("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL))),
    ]


def _minutes(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _actual(step: AgendaStep) -> str:
    if step.state is StepState.PLANNED or (step.state is StepState.SKIPPED and not step.seconds):
        return "–"
    return _minutes(step.seconds / 60)


def _totals_note(steps: tuple[AgendaStep, ...]) -> str:
    counts = [(sum(1 for s in steps if s.state is state), NOTE[state])
              for state in (StepState.SKIPPED, StepState.PLANNED)]
    return ", ".join(f"{n} {word}" for n, word in counts if n)
