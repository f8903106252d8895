"""The tie layer's drawing as a list of batches (one pen each), drawn whole or a few
hundred shapes per event-loop turn (a big map's image drawn again without a stall)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QImage, QPainter, QPainterPath, QPen, QPolygonF

from rcdesk.reports import map_style as ms
from rcdesk.ui.map.items import (
    ASYMMETRY_COLOUR,
    HALO_OPACITY,
    MIN_ARROW_PIXELS,
    SELECTION_COLOUR,
)
from rcdesk.ui.map.tie_item import TieItem, halo_pen, pens_for

#: Shapes (curves, arrowheads, halos) drawn per event-loop turn by a render in pieces:
#: a big map's 1,500 ties (3,000 shapes at projector widths) took 0.3-0.4 s in one turn.
SHAPES_PER_TURN = 300

Cursor = tuple[int, int]  # (batch, shape within it)


@dataclass(frozen=True)
class Batch:
    """Shapes drawn with one pen and brush (and an opacity, for halos)."""

    pen: QPen
    brush: QBrush | Qt.BrushStyle
    opacity: float | None
    shapes: Sequence[QPainterPath | QPolygonF]
    polygons: bool = False

    def draw(self, painter: QPainter, start: int, end: int) -> None:
        painter.save()
        if self.opacity is not None:
            painter.setOpacity(self.opacity)
        painter.setPen(self.pen)
        painter.setBrush(self.brush)
        for shape in self.shapes[start:end]:
            if self.polygons:
                assert isinstance(shape, QPolygonF)
                painter.drawPolygon(shape)
            else:
                assert isinstance(shape, QPainterPath)
                painter.drawPath(shape)
        painter.restore()


def groups(ties: Sequence[TieItem]) -> list[tuple[ms.LineStyle, list[TieItem]]]:
    """Ties by style, in drawing order: unrated and weak first, strong last (on top)."""
    found: dict[ms.LineStyle, list[TieItem]] = {}
    for item in ties:
        found.setdefault(item.style, []).append(item)
    return sorted(found.items(), key=lambda pair: ms.draw_rank(pair[0]))


def plan(ties: Sequence[TieItem], scale: float, selection: bool = True,
         parts: tuple[set[int], set[int]] | None = None,
         paths: Mapping[int, QPainterPath] | None = None) -> list[Batch]:
    """Halos underneath, then each style's curves and arrowheads with one pen.

    `scale`: device pixels per scene unit. Without `selection` the selection halo is left
    out (the cached image: selected ties are drawn again, with their halo, on top of it).
    With `parts` (the ids of the ties whose curves, and of those whose arrowheads, to
    draw) only those parts; with `paths`, those curves (pieces of them) for these ties.
    """
    curves, arrowheads = parts if parts is not None else (None, None)
    batches = [_halo(item, selection) for item in ties
               if (item.highlight or (selection and item.isSelected()))
               and (curves is None or item.tie_id in curves)]
    # Level of detail: an arrowhead a few pixels long (a big map zoomed out) is a dot
    # that only blurs the curves; drawing 4,000 of them cost a fifth of a redraw.
    arrows = ms.ARROW_LENGTH * scale >= MIN_ARROW_PIXELS
    for style, items in groups(ties):
        pens = pens_for(style)
        drawn = _only(items, curves)
        batches.append(Batch(pens.curve, Qt.BrushStyle.NoBrush, None,
                             [paths.get(t.tie_id, t.path) for t in drawn] if paths
                             else [t.path for t in drawn]))
        if arrows:
            batches.append(Batch(pens.arrow, pens.brush, None,
                                 [t.arrow for t in _only(items, arrowheads)], True))
    return batches


def _halo(item: TieItem, selection: bool) -> Batch:
    selected = selection and item.isSelected()
    colour = SELECTION_COLOUR if selected else ASYMMETRY_COLOUR
    return Batch(halo_pen(item.style, colour), Qt.BrushStyle.NoBrush, HALO_OPACITY,
                 [item.path])


def _only(items: list[TieItem], wanted: set[int] | None) -> list[TieItem]:
    return items if wanted is None else [t for t in items if t.tie_id in wanted]


def shape_count(batches: Sequence[Batch]) -> int:
    return sum(len(b.shapes) for b in batches)


def draw(painter: QPainter, batches: Sequence[Batch], cursor: Cursor = (0, 0),
         budget: int | None = None) -> Cursor:
    """Draw the batches from `cursor` on, at most `budget` shapes; where to go on from
    (past the last batch once all is drawn)."""
    batch, start = cursor
    left = budget if budget is not None else shape_count(batches)
    while batch < len(batches) and left > 0:
        shapes = batches[batch].shapes
        end = min(len(shapes), start + left)
        if end > start:
            batches[batch].draw(painter, start, end)
        left -= end - start
        batch, start = (batch + 1, 0) if end == len(shapes) else (batch, end)
    while batch < len(batches) and not batches[batch].shapes:
        batch += 1
    return batch, start


@dataclass
class Target:
    """Where an image of the ties is drawn: its size, the part of the scene it shows and
    at what scale (device pixels per scene unit), the device pixel ratio and hints."""

    width: int
    height: int
    rect: QRectF
    scale: float
    ratio: float
    hints: QPainter.RenderHint
    area: QRectF  # the part of the scene wanted (rect: it snapped to whole pixels)

    def new_image(self) -> QImage:
        image = QImage(self.width, self.height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        return image

    def painter(self, image: QImage) -> QPainter:
        painter = QPainter(image)
        painter.setRenderHints(self.hints)
        painter.scale(self.scale, self.scale)
        painter.translate(-self.rect.x(), -self.rect.y())
        return painter

    def same(self, other: Target) -> bool:
        return (self.width, self.height, self.rect, self.scale, self.ratio, self.hints,
                self.area) == (other.width, other.height, other.rect, other.scale,
                               other.ratio, other.hints, other.area)


class Pieces:
    """One image drawn SHAPES_PER_TURN shapes per event-loop turn; `done` is given it once
    complete. A render is dropped by `cancel` (or by starting another)."""

    def __init__(self, owner: QObject | None, done: Callable[[Target, QImage], None]) -> None:
        self._done = done
        self._timer = QTimer(owner)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.step)
        self.target: Target | None = None
        self._image: QImage | None = None
        self._batches: list[Batch] = []
        self._cursor: Cursor = (0, 0)
        self.turns = 0  # turns the current (or last) render has taken so far

    def start(self, target: Target, batches: list[Batch]) -> None:
        self.target = target
        self._image = target.new_image()
        self._batches = batches
        self._cursor = (0, 0)
        self.turns = 0
        self._timer.start()

    def running(self) -> bool:
        return self.target is not None

    def cancel(self) -> None:
        self._timer.stop()
        self.target = None
        self._image = None
        self._batches = []

    def step(self) -> None:
        """Draw the next piece; hand the image over once it is complete."""
        target, image = self.target, self._image
        if target is None or image is None:
            return
        painter = target.painter(image)
        self._cursor = draw(painter, self._batches, self._cursor, SHAPES_PER_TURN)
        painter.end()
        self.turns += 1
        if self._cursor[0] < len(self._batches):
            self._timer.start()
            return
        self.cancel()
        self._done(target, image)
