"""A matplotlib canvas drawn a few artists per turn of the event loop (issue 23).

A page of text such as "Our change model" (some sixty lines of text, 3-4 ms each with
matplotlib's text layout) took longer than a whole frame budget to draw in one go, even
in a turn of its own (ui/scores/chart_queue.py). This canvas draws the figure's artists
in groups, each group a piece in chart_queue's queue, onto a renderer of its own; the
widget shows the last finished drawing (white before the first) and the new one only
when all of it is drawn, so the room never sees half a chart. For a figure laid out by
hand (layout engine "none", as the change model's page); one with a layout engine, laid
out as it draws, is drawn in one go.

Imports matplotlib: import this module only where a chart is about to be built (after
warm_up.wait()), as `pieces_canvas` in ui/gaps/change_model_view.py does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent

from rcdesk.ui.scores import chart_queue

#: Artists drawn per piece (an axes, with its ticks and labels, is a piece of its own).
ARTISTS_PER_PIECE = 12


def draw_order(figure: Figure) -> list[Artist]:
    """The figure's artists in the order Figure.draw draws them (by z-order, the background
    patch and animated artists left out), each axes' aspect applied first, as there. An
    axes' texts follow it, to be drawn in pieces of their own, where they come last in its
    own order (a heat-map's few hundred cell labels were one axes, one long turn)."""
    for axes in figure.axes:
        axes.apply_aspect()
    order: list[Artist] = []
    for artist in sorted((a for a in figure.get_children()
                          if a is not figure.patch and not a.get_animated()),
                         key=lambda a: a.get_zorder()):
        order.append(artist)
        if isinstance(artist, Axes):
            order.extend(_texts_drawn_last(artist))
    return order


def _texts_drawn_last(axes: Axes) -> list[Artist]:
    """The axes' texts, if it draws them after everything else it holds (else none: the
    axes is drawn whole, its texts with it)."""
    texts = [t for t in axes.texts if not t.get_animated()]
    if not texts:
        return []
    lowest = min(t.get_zorder() for t in texts)
    own = set(texts)
    others = (a for a in axes.get_children() if a not in own and a.get_visible())
    return list(texts) if all(a.get_zorder() <= lowest for a in others) else []


@contextmanager
def _texts_hidden(texts: list[Artist]) -> Iterator[None]:
    """`texts` left out of their axes' draw (drawn in later pieces, in the same order)."""
    shown = [t for t in texts if t.get_visible()]
    for text in shown:
        text.set_visible(False)
    try:
        yield
    finally:
        for text in shown:
            text.set_visible(True)


def groups(artists: list[Artist]) -> list[list[Artist]]:
    """`artists` cut into pieces, in order: each axes alone, the others (text, lines,
    patches) ARTISTS_PER_PIECE at a time."""
    cut: list[list[Artist]] = []
    for artist in artists:
        alone = isinstance(artist, Axes) or (bool(cut) and isinstance(cut[-1][-1], Axes))
        if alone or not cut or len(cut[-1]) >= ARTISTS_PER_PIECE:
            cut.append([artist])
        else:
            cut[-1].append(artist)
    return cut


class PiecesCanvas(FigureCanvasQTAgg):
    _drawing = False  # a drawing in pieces is queued or under way
    _shown: Any = None  # the renderer of the last finished drawing

    def show_meanwhile(self, other: Any) -> None:
        """Show `other`'s last finished drawing (another PiecesCanvas) until this one's is
        done: a chart rebuilt in place (a role renamed, a live rating) stays on screen
        rather than blinking white for the turns the new one takes."""
        self._shown = getattr(other, "_shown", None)

    def draw_idle(self) -> None:
        if not self._drawing:
            self._drawing = True
            chart_queue.enqueue(self._begin, self)

    def _begin(self) -> None:
        width, height = self.get_width_height(physical=True)
        if width <= 0 or height <= 0:
            self._drawing = False
            return
        figure = self.figure
        if not isinstance(figure.get_layout_engine(), PlaceHolderLayoutEngine | None):
            self._drawing = False  # laid out as it draws: drawn in one go
            self.draw()
            return
        renderer = RendererAgg(width, height, figure.dpi)  # type: ignore[no-untyped-call]
        figure.patch.draw(renderer)
        for group in groups(draw_order(figure)):
            chart_queue.enqueue(partial(self._draw_group, renderer, group), self)
        key = (width, height, figure.dpi)
        chart_queue.enqueue(partial(self._show_drawn, renderer, key), self)

    @staticmethod
    def _draw_group(renderer: Any, group: list[Artist]) -> None:
        for artist in group:
            if isinstance(artist, Axes):
                with _texts_hidden(_texts_drawn_last(artist)):
                    artist.draw(renderer)
            else:
                artist.draw(renderer)

    def _show_drawn(self, renderer: Any, key: tuple[int, int, float]) -> None:
        self.renderer, self._lastKey = renderer, key  # what get_renderer reuses
        self._shown = renderer
        self.figure.stale = False
        self._drawing = False
        if self.get_width_height(physical=True) != key[:2]:
            self.draw_idle()  # resized meanwhile: again at the new size
        self.update()

    def draw(self) -> None:
        """Drawn in one go when asked to (a copy, a test), and shown."""
        super().draw()  # type: ignore[no-untyped-call]
        self._shown = self.renderer

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        # The last finished drawing as it is (white before the first, and around it while
        # a new size is drawn): never a half-drawn one, never a draw inside a paint.
        painter = QPainter(self)
        painter.fillRect(event.rect(), Qt.GlobalColor.white)
        if self._shown is not None:
            pixels = self._shown.buffer_rgba()
            image = QImage(pixels, pixels.shape[1], pixels.shape[0],
                           QImage.Format.Format_RGBA8888)
            image.setDevicePixelRatio(self.device_pixel_ratio)
            painter.drawImage(0, 0, image)
        painter.end()


def pieces_canvas(figure: Figure) -> PiecesCanvas:
    """A Qt canvas for `figure` drawn in pieces: a drop-in for chart_queue.queued_canvas."""
    return PiecesCanvas(figure)  # type: ignore[no-untyped-call]
