"""The report's "Psychological safety pulse" section: aggregates only.

The wave's team score and item means (after reverse scoring, with the workshop's
item themes), then the trend across waves as a table and a small line figure.
Every figure is what the team may see (services/pulse.py): a show of cards as
counted, individually collected answers only as last shown in the room ("Show
results", issue 15), so the report reveals nothing the room has not seen; below
the anonymity threshold k it prints "hidden" in its place, never an individual
answer, never per-point counts, and always the scale beside a score.
"""

from __future__ import annotations

from typing import Any

from rcdesk.analysis.psych_safety import PulseResult
from rcdesk.reports.pulse_trend import trend_figure
from rcdesk.reports.snapshot import ReportSnapshot

Flowables = list[Any]
METHODS = {"answers": "individual answers collected privately",
           "tally": "counts of a show of cards (tallies)"}


def _value(result: PulseResult, value: float | None) -> str:
    return "–" if result.suppressed or value is None else f"{value:.2f}"


def _trend_value(result: PulseResult, k: int) -> str:
    if not result.suppressed:
        return f"{_value(result, result.score)} of {result.scale_max}"
    return f"hidden (fewer than {k})" if result.n < k else "not shown yet"


def pulse_section(snapshot: ReportSnapshot, width: float, height: float) -> Flowables:
    from reportlab.platypus import KeepTogether, Spacer

    from rcdesk.reports.pdf.style import figure_image, para, table

    pulse = snapshot.pulse
    if pulse is None:
        return []
    story: Flowables = [
        para("Psychological safety pulse", "h1"),
        para("How safe the team feels to speak up, ask for help and take risks, from seven "
             "short statements answered anonymously on an agree scale. Higher is safer; "
             "statements worded the other way round are reverse-scored. Results are shown "
             f"only from {pulse.k} responses (the workshop's anonymity threshold), and a "
             f"statement's mean only when {pulse.k} people answered it. Answers collected "
             "one by one appear as they were last shown to the team (each showing needs "
             f"{pulse.k} new answers); the team score is the mean of the statement means "
             "shown.", "body"),
    ]
    wave = snapshot.wave.name if snapshot.wave is not None else ""
    result = pulse.result
    if result is None:
        story.append(para(f"Wave “{wave}” has no pulse.", "body"))
    else:
        method = METHODS.get(pulse.method, pulse.method)
        if result.suppressed and result.n >= pulse.k:
            headline = (f"Wave “{wave}”: {result.n} responses; the results have not been "
                        "shown to the team yet, so they are not printed.")
        elif result.suppressed:
            headline = (f"Wave “{wave}”: {result.n} responses, fewer than {pulse.k}; the "
                        "results are hidden.")
        else:
            headline = (f"Wave “{wave}”: team score {result.score:.2f} on a "
                        f"{result.scale_max}-point scale, from {result.n} responses "
                        f"({method}).")
        story.append(para(headline, "body"))
        if not result.suppressed:
            rows = [(f"{item.key[2:]}. {item.theme}", "yes" if item.reversed else "",
                     _value(result, result.items.get(item.key))) for item in pulse.items]
            story.append(table(["Statement theme", "Reversed", "Mean"], rows,
                               [width * 0.64, width * 0.14, width * 0.22], right=(2,)))
    if len(pulse.trend) > 1:
        trend: Flowables = [Spacer(1, 6), para("Across waves", "h2"), table(
            ["Wave", "Responses", "Team score"],
            [(name, str(r.n), _trend_value(r, pulse.k)) for name, r in pulse.trend],
            [width * 0.5, width * 0.2, width * 0.3], right=(1, 2))]
        if sum(1 for _, r in pulse.trend if not r.suppressed) > 1:
            trend.append(figure_image(trend_figure(pulse.trend), width, height * 0.24))
        story.append(KeepTogether(trend))  # the heading, table and figure stay on one page
    return story
