"""Where we disagree, on the Scores page (issue 20): each shown tie's spread beside its RC,
most mixed first, as a table beside the heat-map, with the range and strip the heat-map's
cells have no room for (the cells carry "±sd" where wide enough and a corner mark for a
wide spread: reports/charts.py).

Only ties shown from k respondents have a spread; the range and the strip (how many
respondents lie nearest each point 1–5) only from k + 2 (analysis/rc_scores.spread_of),
so no figure here gives away one person's score. Live consensus ratings have no spread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from rcdesk.analysis.disagreement import most_mixed_first, spread_words, strip_words
from rcdesk.domain.scores import Spread, WaveScores
from rcdesk.ui.table_model import Column, RecordTableModel
from rcdesk.ui.widgets import label, record_table

NOTE = ("How differently people rate each tie, most mixed first: the standard deviation of "
        "the respondents' scores, their range and how many lie nearest each point 1–5 "
        "(range and strip from k + 2 respondents). A wide spread is a question for the room.")


@dataclass(frozen=True)
class SpreadRow:
    source: str
    target: str
    n: int | None
    rc: float | None
    spread: Spread | None


def _sd(row: SpreadRow) -> float | None:
    return row.spread.sd if row.spread is not None else None


def spread_rows(scores: WaveScores | None, name: Callable[[int], str]) -> list[SpreadRow]:
    """The shown ties of the scores, most mixed first (ties without a spread last)."""
    if scores is None:
        return []
    rows = [SpreadRow(name(t.source_id), name(t.target_id), t.n, t.rc, t.spread)
            for t in scores.ties if t.shown]
    return most_mixed_first(rows, _sd, lambda r: (r.source, r.target))


class SpreadTable(QWidget):
    def __init__(self, name: Callable[[int], str]) -> None:
        super().__init__()
        self.name = name
        self.scores: WaveScores | None = None
        columns: list[Column[SpreadRow]] = [
            Column("From", lambda r: r.source),
            Column("To", lambda r: r.target),
            Column("n", lambda r: "" if r.n is None else str(r.n)),
            Column("RC", lambda r: "" if r.rc is None else f"{r.rc:.2f}"),
            Column("Spread", lambda r: spread_words(r.spread, 2),
                   tooltip="Standard deviation, and the lowest and highest score"),
            Column("1·2·3·4·5", lambda r: strip_words(r.spread),
                   tooltip="How many respondents lie nearest each point 1–5"),
        ]
        self._model = RecordTableModel(columns, lambda: spread_rows(self.scores, self.name))
        self._stale = False  # new scores, not yet in the table (it is hidden)
        self.table = record_table("Where we disagree", self._model, stretch_column=1)
        layout = QVBoxLayout(self)
        layout.addWidget(label(NOTE, "muted", wrap=True))
        layout.addWidget(self.table, 1)

    @property
    def model(self) -> RecordTableModel[SpreadRow]:
        """The table's rows, brought up to date first if new scores wait."""
        if self._stale:
            self._stale = False
            self._model.reload()
        return self._model

    def show_scores(self, scores: WaveScores | None) -> None:
        """The table follows now if shown, else when shown or read (a big wave's rows cost
        the Scores tab's first visit, whose first side tab is the profile)."""
        self.scores = scores
        self._stale = True
        if self.isVisible():
            _ = self.model

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        _ = self.model

    def rows(self) -> list[SpreadRow]:
        return spread_rows(self.scores, self.name)
