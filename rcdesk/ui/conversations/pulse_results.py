"""The pulse's results for one wave, and its trend across waves: aggregates only.

Nothing below the workshop's anonymity threshold k is shown: instead of the score,
the item means and the distributions, a line says "Shown from k responses (now n)".
Scores have one decimal when projected and two in the analysis view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.services.pulse import PulseService, PulseState
from rcdesk.ui.widgets import label, named

METHODS = {"answers": "individual answers", "tally": "tallies (show of cards)"}


def score_text(value: float | None, projector: bool) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}" if projector else f"{value:.2f}"


def _table(name: str) -> QTableWidget:
    table = named(QTableWidget(), name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _cell(text: str, align_right: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class PulseResults(QWidget):
    def __init__(self, pulses: PulseService) -> None:
        super().__init__()
        self.pulses = pulses
        self.projector = False
        self.summary = label("", wrap=True)
        self.score = label("", "title")
        self.hidden_note = label("", "muted", wrap=True)
        self.items = _table("Pulse items")
        self.trend = _table("Pulse trend across waves")
        self.trend_title = label("Trend across waves", "section")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.summary, self.score, self.hidden_note):
            layout.addWidget(widget)
        layout.addWidget(self.items, 3)
        layout.addWidget(self.trend_title)
        layout.addWidget(self.trend, 1)

    def show_state(self, state: PulseState, wave_name: str) -> None:
        result = state.result
        k = self.pulses.k
        method = METHODS.get(state.method or "", "nothing collected yet")
        self.summary.setText(f"Wave “{wave_name}” · {result.n} responses · {method} · "
                             f"{state.scale_max}-point agree scale")
        self.summary.setAccessibleName(self.summary.text())
        if result.suppressed:
            self.score.setText("Team score hidden")
            self.hidden_note.setText(f"Shown from {k} responses (now {result.n}). Results "
                                     "stay hidden below the workshop's anonymity threshold.")
        else:
            self.score.setText(f"Team score {score_text(result.score, self.projector)} "
                               f"of {state.scale_max}")
            self.hidden_note.setText("Item means after reverse scoring (higher is safer); "
                                     "counts are how many chose each point as worded.")
        self.score.setAccessibleName(self.score.text())
        self.hidden_note.setAccessibleName(self.hidden_note.text())
        self.items.setVisible(not result.suppressed)
        if not result.suppressed:
            self._fill_items(state)

    def _fill_items(self, state: PulseState) -> None:
        points = range(1, state.scale_max + 1)
        self.items.clear()
        self.items.setColumnCount(2 + len(points))
        self.items.setHorizontalHeaderLabels(["Item", "Mean", *(str(p) for p in points)])
        items = self.pulses.items()
        self.items.setRowCount(len(items))
        for row, item in enumerate(items):
            reversed_note = " (reversed)" if item.reversed else ""
            name = _cell(f"{item.key[2:]}. {item.theme}{reversed_note}", False)
            name.setToolTip(item.wording)
            self.items.setItem(row, 0, name)
            self.items.setItem(row, 1, _cell(score_text(state.result.items.get(item.key),
                                                        self.projector)))
            counts = state.distributions.get(item.key, {})
            for column, point in enumerate(points, start=2):
                self.items.setItem(row, column, _cell(str(counts.get(point, 0))))
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def show_trend(self) -> None:
        trend = self.pulses.trend()
        self.trend.clear()
        self.trend.setColumnCount(3)
        self.trend.setHorizontalHeaderLabels(["Wave", "Responses", "Team score"])
        self.trend.setRowCount(len(trend))
        for row, (wave, result) in enumerate(trend):
            self.trend.setItem(row, 0, _cell(wave.name, False))
            self.trend.setItem(row, 1, _cell(str(result.n)))
            shown = (f"hidden (below {self.pulses.k})" if result.suppressed
                     else score_text(result.score, self.projector))
            self.trend.setItem(row, 2, _cell(shown))
        self.trend.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.trend.setVisible(bool(trend))
        self.trend_title.setVisible(bool(trend))
