"""A matplotlib Figure from reports/charts.py shown on screen, the same one a PDF uses.

The builder gets the widget's current size, so the chart is laid out for the
space it has (legends and slanted labels are never cut off); after a resize it
is rebuilt once the size has settled, and the Qt canvas stretches the last
figure meanwhile. matplotlib's Qt canvas is imported
on first use, which keeps start-up quick.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: (width in inches, height in inches, dpi) → Figure
FigureBuilder = Callable[[float, float, float], "Figure"]
DPI = 100.0
#: A resize rebuilds the chart this long after the last size change.
RESIZE_SETTLE_MS = 150


class ChartView(QWidget):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.figure: Figure | None = None
        self.canvas: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 200)
        self._build: FigureBuilder | None = None
        self._built_for = QSize()
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_SETTLE_MS)
        self._resized.timeout.connect(self._on_resize_settled)

    def show_chart(self, build: FigureBuilder) -> Figure:
        """Build the figure for this widget's size and show it in a fresh canvas."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        width = max(self.width(), 320) / DPI
        height = max(self.height(), 240) / DPI
        self._built_for = self.size()
        figure = build(width, height, DPI)
        canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
        canvas.setAccessibleName(self.accessibleName())
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        canvas.setMinimumSize(1, 1)
        self.clear()
        self._layout.addWidget(canvas)
        self.canvas, self.figure, self._build = canvas, figure, build
        return figure

    def clear(self) -> None:
        if self.canvas is not None:
            self._layout.removeWidget(self.canvas)
            self.canvas.deleteLater()
        self.canvas = self.figure = None
        self._build = None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._build is not None and event.size() != self._built_for:
            self._resized.start()

    def _on_resize_settled(self) -> None:
        if self._build is not None and self.size() != self._built_for:
            self.show_chart(self._build)

    def texts(self) -> list[str]:
        """Every text drawn on the chart (for tests and for a quick look in a debugger)."""
        if self.figure is None:
            return []
        from matplotlib.text import Text

        return [t.get_text() for t in self.figure.findobj(Text) if t.get_text()]
