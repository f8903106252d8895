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
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from rcdesk.ui import warm_up
from rcdesk.ui.scores import chart_queue

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: (width in inches, height in inches, dpi) → Figure
FigureBuilder = Callable[[float, float, float], "Figure"]
DPI = 100.0
#: A resize rebuilds the chart this long after the last size change.
RESIZE_SETTLE_MS = 150


def pieces_canvas(figure: Figure) -> QWidget:
    """A canvas drawn a few artists per turn (ui/chart_pieces.py: a big heat-map's text, a
    page of text, is too long to draw in one turn); that module imports matplotlib, so it
    is imported here, at a chart's build."""
    from rcdesk.ui.chart_pieces import pieces_canvas as in_pieces

    return in_pieces(figure)


class ChartView(QWidget):
    def __init__(self, name: str, canvas: Callable[[Figure], QWidget] | None = None) -> None:
        """`canvas` makes the Qt canvas of a figure (chart_queue.queued_canvas unless told:
        `pieces_canvas` draws a figure laid out by hand a few artists per turn)."""
        super().__init__()
        self._canvas = canvas or chart_queue.queued_canvas
        self.setAccessibleName(name)
        self._figure: Figure | None = None
        self.canvas: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 200)
        self._build: FigureBuilder | None = None
        self._inputs: object = None  # what the chart shown (or waiting) is drawn from
        self._pending = False  # a chart asked for while hidden: built when shown (or read)
        self._built_for = QSize()
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_SETTLE_MS)
        self._resized.timeout.connect(self._on_resize_settled)

    @property
    def figure(self) -> Figure | None:
        """The figure shown (built now if it waits for the view to be shown)."""
        if self._pending:
            self._show_now()
        return self._figure

    def show_chart(self, build: FigureBuilder, inputs: object = None) -> None:
        """Show the figure `build` makes for this widget's size, in a fresh canvas.

        With `inputs` (what the figure is drawn from, compared with ==), a chart already
        shown or waiting for the same inputs is kept as it is: the Scores tab after a map
        rating, when the wave shows survey results, rebuilt a heat-map that had not changed.

        The figure is built in the next turn of the event loop, once the view is shown at
        its laid-out size (or at once when `figure` is read): built at once, the first
        visit of a tab built a big heat-map twice, once for the size before the layout and
        again when the resize settled.
        """
        if inputs is not None and inputs == self._inputs and self._build is not None:
            return
        self._inputs = inputs
        self._build = build
        self._pending = True
        if self.isVisible():
            self._show_soon()

    def _show_soon(self) -> None:
        """Built in the next turn of the event loop, after the layouts the showing or the
        new chart asked for have given this view its size."""
        chart_queue.enqueue(self._show_if_pending, self)

    def _show_if_pending(self) -> None:
        if self._pending and self.isVisible():
            self._show_now()

    def _show_now(self) -> None:
        warm_up.wait()  # matplotlib, imported after the first paint (see ui/warm_up.py)
        build = self._build
        self._pending = False
        if build is None:
            return
        width = max(self.width(), 320) / DPI
        height = max(self.height(), 240) / DPI
        self._built_for = self.size()
        figure = build(width, height, DPI)
        canvas = self._canvas(figure)
        canvas.setAccessibleName(self.accessibleName())
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        canvas.setMinimumSize(1, 1)
        inputs = self._inputs
        if self.canvas is not None and hasattr(canvas, "show_meanwhile"):
            canvas.show_meanwhile(self.canvas)  # drawn in pieces: the last one till then
        self.clear()
        self._layout.addWidget(canvas)
        self.canvas, self._figure, self._build, self._inputs = canvas, figure, build, inputs

    def clear(self) -> None:
        if self.canvas is not None:
            self._layout.removeWidget(self.canvas)
            self.canvas.deleteLater()
        self.canvas = self._figure = None
        self._build = None
        self._inputs = None
        self._pending = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending:
            self._show_soon()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._build is not None and not self._pending and event.size() != self._built_for:
            self._resized.start()

    def _on_resize_settled(self) -> None:
        if self._build is not None and not self._pending and self.size() != self._built_for:
            self._pending = True
            self._show_soon()

    def texts(self) -> list[str]:
        """Every text drawn on the chart (for tests and for a quick look in a debugger)."""
        figure = self.figure
        if figure is None:
            return []
        from matplotlib.text import Text

        return [t.get_text() for t in figure.findobj(Text) if t.get_text()]
