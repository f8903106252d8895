"""Small builders that keep every screen consistent (accessible names, text roles)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, overload

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcdesk.ui.theme import set_text_role

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, tip: str = "") -> W:
    """Give a control its accessible name (and optionally a tooltip naming its key)."""
    widget.setAccessibleName(name)
    if tip:
        widget.setToolTip(tip)
    return widget


def label(text: str, role: str = "", *, wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setAccessibleName(text)
    if role:
        set_text_role(widget, role)
    widget.setWordWrap(wrap)
    return widget


def section(widget: QWidget, title: str) -> QVBoxLayout:
    """Give a panel its vertical layout headed by a section title; return the layout."""
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label(title, "section"))
    return layout


def button(text: str, name: str, slot: Callable[[], object], *, accent: bool = False,
           tip: str = "") -> QPushButton:
    widget = named(QPushButton(text), name, tip)
    if accent:
        widget.setProperty("accent", "true")
    widget.clicked.connect(slot)
    return widget


class EmptyState(QWidget):
    """A teaching empty page: one sentence on what it is for and the one next action."""

    def __init__(self, title: str, text: str, action: QPushButton | None = None) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (label(title, "section"), label(text, "muted", wrap=True)):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        if action is not None:
            layout.addSpacing(12)
            layout.addWidget(action, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)


class ElidedLabel(QLabel):
    """A one-line label that shrinks with "…" instead of pushing its neighbours away."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = painter.fontMetrics()
        text = metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                  self.contentsRect().width())
        painter.drawText(self.contentsRect(), int(self.alignment()), text)


#: Rows sampled when fitting a column to its contents (Qt's default reads 1,000 rows of
#: every column on every layout pass, which froze the window on a 4,000-tie map).
CONTENTS_PRECISION = 40


class RecordTableView(QTableView):
    """Row height follows the font, without measuring every row."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_rows()
        super().changeEvent(event)

    def fit_rows(self) -> None:
        self.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.6))


V = TypeVar("V", bound=RecordTableView)


@overload
def record_table(name: str, model: QAbstractItemModel, stretch_column: int, *,
                 parent: QWidget | None = None) -> QTableView: ...


@overload
def record_table(name: str, model: QAbstractItemModel, stretch_column: int, view: V, *,
                 parent: QWidget | None = None) -> V: ...


def record_table(name: str, model: QAbstractItemModel, stretch_column: int,
                 view: RecordTableView | None = None, *,
                 parent: QWidget | None = None) -> QTableView:
    """A single-selection table whose rows and columns follow the current font size.

    `view` lets a page pass its own RecordTableView subclass (for its own keys). `parent`
    makes the table here in place (a page passing `view` makes it with its parent): a table
    (viewport, headers, scroll bars) made loose and then added to a layout is re-resolved
    widget by widget when it moves, 2-3 ms per table.
    """
    table = named(view if view is not None else RecordTableView(parent), name)
    table.setModel(model)
    table.fit_rows()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setAccessibleName(f"{name} columns")
    table.verticalHeader().setAccessibleName(f"{name} rows")
    header.setResizeContentsPrecision(CONTENTS_PRECISION)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return table


class LazyStage(QWidget):
    """A page that builds its content the first time it is needed (shown or asked for)."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self.built: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        if self.built is None:
            self.built = self._build()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.built)
        return self.built
