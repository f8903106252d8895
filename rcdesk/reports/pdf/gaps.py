"""The report's work-process section: gap log, PDSA experiments, run charts, next steps.

Free text (current and desired states, PDSA notes) can be long: every cell is a
wrapped paragraph in a table that splits inside rows, so it never overflows. Run
charts come from reports/run_chart.py, the figures the Gaps page shows.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, Spacer

from rcdesk.reports.pdf.style import figure_image, para, table
from rcdesk.reports.snapshot import GapsReport, ReportSnapshot

Flowables = list[Any]


def gaps_section(snapshot: ReportSnapshot, width: float, height: float) -> Flowables:
    gaps = snapshot.gaps
    assert gaps is not None
    story: Flowables = [para("Gaps, experiments and next steps", "h1"), para("Gap log", "h2")]
    story.append(table(
        ["Gap and area", "Current state", "Desired state", "Measure", "Owner, due", "Status"],
        [(f"{g.title}\n{g.area}", g.current, g.desired, g.measure, _lines(g.owner, g.due),
          _lines(g.status, g.priority)) for g in gaps.gaps],
        [w * width for w in (0.18, 0.2, 0.2, 0.16, 0.13, 0.13)])
        if gaps.gaps else para("No gaps recorded yet.", "small"))
    story += [Spacer(1, 6), para("Experiments (PDSA cycles)", "h2")]
    story.append(table(
        ["Change tested", "Gap", "State", "Plan and prediction", "Learning", "Who, due"],
        [(e.title, e.gap, e.state, _lines(e.objective, e.prediction), e.learning,
          _lines(e.owner, e.due)) for e in gaps.experiments],
        [w * width for w in (0.18, 0.15, 0.11, 0.22, 0.2, 0.14)])
        if gaps.experiments else para("No experiments recorded yet.", "small"))
    story += _run_charts(gaps, width, height)
    story += [CondPageBreak(height * 0.2), para("Next steps", "h2")]
    if snapshot.next_meeting is not None:
        m = snapshot.next_meeting
        story.append(para(f"Next meeting: {m.kind.label.lower()} on {m.date.isoformat()}"
                          + (f" ({m.title})" if m.title else "") + ".", "body"))
    story.append(table(["What is open or due", "Owner", "Due"],
                       [(s.text, s.owner, s.due) for s in gaps.next_steps],
                       [width * 0.6, width * 0.25, width * 0.15])
                 if gaps.next_steps else para("Nothing open or due.", "small"))
    return story


def _run_charts(gaps: GapsReport, width: float, height: float) -> Flowables:
    from rcdesk.reports.run_chart import run_chart_figure

    story: Flowables = []
    for data in gaps.run_charts:
        figure = run_chart_figure(data, width_in=width / 72, height_in=3.6, font_pt=8.5,
                                  caption=False)  # the verdict follows as text
        story += [CondPageBreak(height * 0.4), figure_image(figure, width, height * 0.45)]
        if data.verdict is not None:  # the chart's words again, as text a reader can copy
            story.append(para(f"{data.title}: {data.chart.label}. {data.verdict.full_text}",
                              "small"))
        story.append(Spacer(1, 4))
    if story:
        story.insert(0, para("Measures over time (run and control charts)", "h2"))
        story.insert(0, CondPageBreak(height * 0.35))
    return story


def _lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)
