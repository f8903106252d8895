"""The report's "Relational map": the wave's map drawn at the projector's label sizes."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer

from rcdesk.domain.scores import ScoreSource
from rcdesk.reports.pdf.style import figure_image, para
from rcdesk.reports.pdf.words import wave_text
from rcdesk.reports.snapshot import ReportSnapshot

Flowables = list[Any]


def relational_map(snapshot: ReportSnapshot, width: float, height: float) -> Flowables:
    from rcdesk.reports.map_image import map_figure

    s = snapshot.workshop.settings
    # The projector's label sizes: a map as wide as a screen shrinks to a page's width,
    # and the on-screen 12 px names would print at about 5 pt.
    figure = map_figure(snapshot.roles, snapshot.ties, snapshot.scores, projector=True,
                        weak_below=s.weak_below, strong_above=s.strong_above)
    text = ("Each arrow is a directed tie: how the role at its tail rates its coordination "
            "with the role at its head. Line colour, width and dash show the tie's band; the "
            "number is its RC index (1–5).")
    if snapshot.scores is not None and snapshot.scores.source is ScoreSource.SURVEY:
        text += (f" Ties rated by fewer than {snapshot.scores.min_respondents} respondents "
                 f"say “n<{snapshot.scores.min_respondents}” and show no score.")
    return [
        para("Relational map", "h1"),
        para(f"Wave: {wave_text(snapshot)}.", "small"),
        figure_image(figure, width, height * 0.72),
        Spacer(1, 6),
        para(text, "small"),
    ]
