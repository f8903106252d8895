"""The map's "Where we disagree" lens (issue 20): ties drawn by how far their respondents'
scores lie apart (analysis/disagreement.py), not by how strong they are.

Okabe–Ito colours with a line pattern and width each, so the levels survive colour
blindness and greyscale print; a legend names them. A tie with no spread to read (live
consensus ratings, or fewer than k respondents) is drawn faint. The value beside a tie
is its standard deviation ("sd 1.2"), never a respondent's score. While the map's scores
are hidden from the room the lens draws nothing either: the scene's hidden style wins.
The All ties table follows the lens: most mixed first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rcdesk.analysis.disagreement import Level, most_mixed_first, tie_level
from rcdesk.reports import map_style as ms
from rcdesk.ui.map.ties_table import TieRow

if TYPE_CHECKING:
    from rcdesk.ui.map.scene import MapScene

TITLE = "Where we disagree"

STYLES: dict[Level, ms.LineStyle] = {
    Level.HIGH: ms.LineStyle("#CC79A7", 6.0, (2.0, 1.0), "seen differently (sd ≥ 1)"),
    Level.SOME: ms.LineStyle("#0072B2", 3.5, None, "some difference"),
    Level.LOW: ms.LineStyle("#56B4E9", 2.0, (1.0, 1.5), "agree (sd < 0.6)"),
    Level.NONE: ms.LineStyle("#BDBDBD", 1.5, (1.0, 3.0), "no spread"),
}


def legend_entries() -> list[ms.LineStyle]:
    return [STYLES[level] for level in (Level.HIGH, Level.SOME, Level.LOW, Level.NONE)]


def apply_disagreement(scene: MapScene) -> None:
    """Style and label every tie of the scene by its level of disagreement (the scene then
    places the labels again)."""
    lens = scene.lens
    scores = scene.scores
    label_values = len(scene.item_for_tie) <= ms.MAX_VALUE_LABELS
    value_pt = scene.value_pt()
    for item in scene.item_for_tie.values():
        score = scores.tie(item.source_id, item.target_id) if scores is not None else None
        if lens.hidden and item.tie_id not in lens.revealed:
            item.set_style(ms.HIDDEN_STYLE, False)
            item.show_value("", value_pt)
            continue
        level = tie_level(score)
        item.set_style(STYLES[level], level is Level.HIGH)
        spread = score.spread if score is not None and level is not Level.NONE else None
        text = f"sd {spread.sd:.1f}" if spread is not None else ""
        item.show_value(text if label_values else "", value_pt)


def sort_most_mixed_first(rows: list[TieRow], hidden: bool) -> list[TieRow]:
    """The All ties table under the lens: the largest spread first (by name while hidden:
    the order would tell what the room has not seen)."""
    if hidden:
        return sorted(rows, key=lambda r: (r.source, r.target))
    return most_mixed_first(rows, lambda r: r.sd, lambda r: (r.source, r.target))
