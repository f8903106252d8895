"""The measure's chart on its own, filling a window: for the projector in a huddle.

The same figure as the panel's (reports/run_chart.py), laid out for the window's
size with the application's type size, so projector mode's large type stays
readable at 1280×720. Esc or Ctrl+W closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from rcdesk.ui.scores.chart_view import ChartView

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class ChartWindow(QDialog):
    def __init__(self, parent: QWidget, title: str,
                 build: Callable[[float, float, float], Figure]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(f"Chart: {title}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.chart = ChartView(f"Chart of {title}")
        layout.addWidget(self.chart)
        self._build = build
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.chart.show_chart(self._build)
