"""The pulse's results for one wave, and its trend across waves: aggregates only.

What is drawn is what the team may see (services/pulse.py): a show of cards as it
is counted, individually collected answers only as last shown ("Show results"), so
a refresh between showings never changes a figure. Statements appear as means only
(no per-point counts, issue 15); nothing below the workshop's anonymity threshold k
is shown. Every score names its scale. Scores have one decimal when projected and
two in the analysis view.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.analysis.psych_safety import PulseResult
from rcdesk.reports.pulse_trend import trend_figure
from rcdesk.services.pulse import PulseService, PulseState
from rcdesk.ui.scores.chart_view import ChartView
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


def _fit_columns(table: QTableWidget) -> None:
    """At least as wide as its headers and cells ask, the chart beside it giving way (at
    projector type the trend's 'Wave' header was cut to half its width)."""
    header = table.horizontalHeader()
    needed = sum(max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
                 for c in range(table.columnCount()))
    table.setMinimumWidth(needed + 2 * table.frameWidth()
                          + table.verticalScrollBar().sizeHint().width())


def _fit_rows(table: QTableWidget) -> None:
    """As tall as its seven rows, so no statement hides behind a scroll bar."""
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    table.setFixedHeight(rows + table.horizontalHeader().sizeHint().height()
                         + 2 * table.frameWidth() + 2)


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
        self.chart = ChartView("Pulse team score across waves")
        # The trend takes the height that is left (at least these), so at 1280x720 the
        # results fit without a scroll bar.
        self.chart.setMinimumSize(240, 120)
        self.trend.setMinimumHeight(90)
        for widget in (self.chart, self.trend):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self._charted: tuple[tuple[str, float], ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        head = QHBoxLayout()
        head.addWidget(self.score)
        head.addSpacing(16)
        head.addWidget(self.summary, 1)
        layout.addLayout(head)
        layout.addWidget(self.hidden_note)
        layout.addWidget(self.items)
        layout.addWidget(self.trend_title)
        row = QHBoxLayout()
        row.addWidget(self.trend, 1)
        row.addWidget(self.chart, 1)
        layout.addLayout(row, 1)

    def show_state(self, state: PulseState, wave_name: str) -> None:
        result = state.result
        k = self.pulses.k
        method = METHODS.get(state.method or "", "nothing collected yet")
        if state.method == "answers":
            shown = (f"results as shown at {result.n} responses" if state.shown is not None
                     else "results not shown yet")
            self.summary.setText(f"Wave “{wave_name}” · {shown} · {method} · "
                                 f"{result.scale_max}-point agree scale")
        else:
            self.summary.setText(f"Wave “{wave_name}” · {result.n} responses · {method} · "
                                 f"{state.scale_max}-point agree scale")
        self.summary.setAccessibleName(self.summary.text())
        if result.suppressed and state.method == "answers" and state.shown is None:
            self.score.setText("Results not shown yet")
            self.hidden_note.setText(f"Shown from {k} responses (now {result.n}), and only "
                                     "when you press “Show results”; until then nothing of "
                                     "the answers is on screen.")
        elif result.suppressed:
            self.score.setText("Team score hidden")
            self.hidden_note.setText(f"Shown from {k} responses (now {result.n}). Results "
                                     "stay hidden below the workshop's anonymity threshold.")
        else:
            self.score.setText(f"Team score {score_text(result.score, self.projector)} "
                               f"of {result.scale_max}")
            self.hidden_note.setText(
                "Statement means after reverse scoring (higher is safer); the team score is "
                "the mean of the statement means shown. A statement shows — until "
                f"{k} people answered it" + (f" ({k} more than when it was last shown)."
                                             if state.method == "answers" else "."))
        self.score.setAccessibleName(self.score.text())
        self.hidden_note.setAccessibleName(self.hidden_note.text())
        self.items.setVisible(not result.suppressed)
        if not result.suppressed:
            self._fill_items(state)

    def _fill_items(self, state: PulseState) -> None:
        self.items.clear()
        self.items.setColumnCount(2)
        self.items.setHorizontalHeaderLabels(["Statement", "Mean"])
        items = self.pulses.items()
        self.items.setRowCount(len(items))
        for row, item in enumerate(items):
            reversed_note = " (reversed)" if item.reversed else ""
            name = _cell(f"{item.key[2:]}. {item.theme}{reversed_note}", False)
            name.setToolTip(item.wording)
            self.items.setItem(row, 0, name)
            self.items.setItem(row, 1, _cell(score_text(state.result.items.get(item.key),
                                                        self.projector)))
        self.items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        _fit_rows(self.items)

    def show_trend(self) -> None:
        trend = self.pulses.trend()
        self.trend.clear()
        self.trend.setColumnCount(3)  # the scale rides with the score: room at projector type
        self.trend.setHorizontalHeaderLabels(["Wave", "Responses", "Team score"])
        self.trend.setRowCount(len(trend))
        for row, (wave, result) in enumerate(trend):
            self.trend.setItem(row, 0, _cell(wave.name, False))
            self.trend.setItem(row, 1, _cell(str(result.n)))
            shown = (score_text(result.score, self.projector) if not result.suppressed
                     else f"hidden (below {self.pulses.k})" if result.n < self.pulses.k
                     else "not shown yet")
            self.trend.setItem(row, 2, _cell(f"{shown} · {result.scale_max}-point"))
        self.trend.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        _fit_columns(self.trend)
        self.trend.setVisible(bool(trend))
        self.trend_title.setVisible(bool(trend))
        self._show_chart([(wave.name, result) for wave, result in trend])

    def _show_chart(self, trend: list[tuple[str, PulseResult]]) -> None:
        """The same figure as the PDF, drawn only when two or more waves may be shown."""
        shown = tuple((name, r.score) for name, r in trend
                      if not r.suppressed and r.score is not None)
        self.chart.setVisible(len(shown) > 1)
        if len(shown) < 2:
            self.chart.clear()
            self._charted = ()
        elif shown != self._charted:  # redraw only when a shown score changed
            self._charted = shown
            self.chart.show_chart(partial(trend_figure, trend))
