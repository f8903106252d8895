"""A tie on the map: selected and hit-tested here, drawn by the one TieLayer (tie_layer.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from rcdesk.domain.bands import Band
from rcdesk.reports import map_style as ms
from rcdesk.ui.map.items import (
    HIT_WIDTH,
    TIE_Z,
    Label,
)
from rcdesk.ui.map.tie_index import room

if TYPE_CHECKING:
    from rcdesk.ui.map.tie_layer import TieLayer


class TieItem(QGraphicsItem):
    """A directed tie: selectable and hit-tested here, drawn by the scene's TieLayer.

    A map of 4,000 ties cannot afford a painted item (let alone three child items)
    per tie: building them took a second and every frame walked them all. So a tie
    paints nothing (ItemHasNoContents); it keeps its curve, arrowhead and style, and
    the one TieLayer draws every tie, grouped by style, from a cached image. Only the
    optional value label is a child item (small maps only).
    """

    def __init__(self, tie_id: int, source_id: int, target_id: int,
                 layer: TieLayer | None = None) -> None:
        super().__init__()
        self.tie_id = tie_id
        self.source_id = source_id
        self.target_id = target_id
        self.layer = layer
        self.setFlags(_TIE_FLAGS)
        self.setZValue(_UNRATED_Z)
        self.style = _UNRATED
        self.highlight = False
        self.geometry: ms.TieGeometry | None = None
        self.path = _NO_PATH
        self._arrow: QPolygonF | None = _NO_ARROW  # None: made from the geometry when asked
        self._shape: QPainterPath | None = None  # worked out on the first hit test
        self._bounds = _NO_RECT
        self.extent: tuple[float, ...] | None = None
        self._value_label: Label | None = None  # made on first use: big maps show none

    def set_geometry(self, g: ms.TieGeometry) -> None:
        if g == self.geometry:
            return
        self.prepareGeometryChange()
        self.geometry = g
        (sx, sy), (cx, cy), (ex, ey) = g.start, g.control, g.end
        path = self.path = QPainterPath()
        path.moveTo(sx, sy)
        path.quadTo(cx, cy, ex, ey)
        (ax, ay), (bx, by), (dx, dy) = g.arrow
        self._arrow = None  # a polygon costs 7 µs; a big map zoomed out draws no arrowheads
        self._shape = None
        # In plain arithmetic (4,000 ties are placed on opening a big map):
        # - the hull of the curve's control points as Qt keeps them (a quadratic is stored
        #   as a cubic), i.e. path.controlPointRect(), for the layer's extent (drawn_rect);
        h1x, h1y = sx + (cx - sx) * 2 / 3, sy + (cy - sy) * 2 / 3
        h2x, h2y = ex + (cx - ex) * 2 / 3, ey + (cy - ey) * 2 / 3
        arrow_left, arrow_right = min(ax, bx, dx), max(ax, bx, dx)
        arrow_top, arrow_bottom = min(ay, by, dy), max(ay, by, dy)
        self.extent = (min(sx, h1x, h2x, ex), min(sy, h1y, h2y, ey),
                       max(sx, h1x, h2x, ex), max(sy, h1y, h2y, ey),
                       arrow_left - 0.5, arrow_top - 0.5, arrow_right + 0.5, arrow_bottom + 0.5)
        # - the exact curve bounds (not the hull, which a bent curve overshoots by far)
        #   for hit tests: the scene's extent, and so where a fitted map sits, stays as it
        #   was when the curve, arrow and halo were items of their own.
        left, right = _quad_span(sx, cx, ex)
        top, bottom = _quad_span(sy, cy, ey)
        half = HIT_WIDTH / 2
        left = min(left - half, arrow_left) - 6
        top = min(top - half, arrow_top) - 6
        right = max(right + half, arrow_right) + 6
        bottom = max(bottom + half, arrow_bottom) + 6
        self._bounds = QRectF(left, top, right - left, bottom - top)
        if self._value_label is not None:
            self._value_label.setPos(*g.label_at)
        if self.layer is not None:
            self.layer.tie_changed(self)

    def show_value(self, text: str, point_size: float) -> None:
        """The tie's number beside its curve; an empty text hides it."""
        if not text and self._value_label is None:
            return
        if self._value_label is None:
            self._value_label = Label(text, point_size, self)
            if self.geometry is not None:
                self._value_label.setPos(*self.geometry.label_at)
        self._value_label.set_text(text)
        self._value_label.set_point_size(point_size)
        self._value_label.setVisible(bool(text))

    @property
    def arrow(self) -> QPolygonF:
        """The arrowhead (tip, left, right), made on first use."""
        if self._arrow is None:
            points = self.geometry.arrow if self.geometry is not None else ()
            self._arrow = QPolygonF([QPointF(x, y) for x, y in points])
        return self._arrow

    @arrow.setter
    def arrow(self, polygon: QPolygonF) -> None:
        self._arrow = polygon

    @property
    def value_label(self) -> Label | None:
        return self._value_label

    def value_text(self) -> str:
        label = self._value_label
        return label.text() if label is not None and label.isVisible() else ""

    def set_style(self, style: ms.LineStyle, highlight: bool) -> None:
        if style == self.style and highlight == self.highlight:
            return
        if style != self.style:
            # Stacked as the layer draws them (strong ties on top), so a click where
            # ties cross selects the one the user sees there.
            self.setZValue(_tie_z(style))
        layer = self.layer
        # How far from its curve it was drawn, only if the layer can draw just that part
        # again (opening a map styles every tie before the first image: nothing to patch).
        before = room(self) if layer is not None and layer.patchable(self) else None
        self.style = style
        self.highlight = highlight
        if layer is not None:
            layer.tie_restyled(self, before)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def drawn_rect(self) -> QRectF:
        """Where the layer paints this tie: the curve's control points' hull widened by
        half its pen (or its halo), and the arrowhead. The extent the curve, arrow and halo
        items had before the layer, so the scene (and where a fitted map sits) is as it
        was."""
        box = self.drawn_box()
        if box is None:
            return QRectF()
        left, top, right, bottom = box
        return QRectF(left, top, right - left, bottom - top)

    def drawn_box(self) -> tuple[float, float, float, float] | None:
        """drawn_rect as (left, top, right, bottom), in plain arithmetic (None until
        placed)."""
        e = self.extent
        if e is None:
            return None
        marked = self.highlight or self.isSelected()
        room = (self.style.width + 8) / 2 if marked else self.style.width / 2
        return (min(e[0] - room, e[4]), min(e[1] - room, e[5]),
                max(e[2] + room, e[6]), max(e[3] + room, e[7]))

    def shape(self) -> QPainterPath:
        """The curve widened to 14 units plus the arrowhead: what a click must hit."""
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(HIT_WIDTH)
            self._shape = stroker.createStroke(self.path)
            self._shape.addPolygon(self.arrow)
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Nothing: the scene's TieLayer draws the tie."""


_TIE_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
              | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
_UNRATED = ms.BAND_STYLES[Band.UNRATED]
_NO_PATH, _NO_ARROW, _NO_RECT = QPainterPath(), QPolygonF(), QRectF()  # until placed


class _Pens:
    """The pens and brush of one line style, made once per style (not per tie)."""

    def __init__(self, style: ms.LineStyle) -> None:
        colour = QColor(style.colour)
        self.curve = QPen(colour, style.width)
        self.curve.setCapStyle(Qt.PenCapStyle.FlatCap)
        if style.dash:
            self.curve.setDashPattern(list(style.dash))
        self.arrow = QPen(colour, 1)
        self.brush = QBrush(colour)


def halo_pen(style: ms.LineStyle, colour: QColor) -> QPen:
    halo = QPen(colour, style.width + 8)
    halo.setCapStyle(Qt.PenCapStyle.RoundCap)
    return halo


DRAW_ORDER = ms.DRAW_ORDER  # the order the layer draws tie styles in (map_style.py)
_PENS: dict[ms.LineStyle, _Pens] = {}


def _quad_span(a: float, c: float, b: float) -> tuple[float, float]:
    """The least and greatest value of a quadratic Bézier coordinate (ends a, b; control c)."""
    low, high = (a, b) if a < b else (b, a)
    bend = a - 2 * c + b
    if bend:
        t = (a - c) / bend
        if 0 < t < 1:
            turn = a + 2 * t * (c - a) + t * t * bend
            low, high = min(low, turn), max(high, turn)
    return low, high


def _tie_z(style: ms.LineStyle) -> float:
    """A tie item's z: in the layer's drawing order, all between TIE_Z and ROLE_Z."""
    return TIE_Z + (ms.draw_rank(style) + 1) / 100


def about_equal(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def pens_for(style: ms.LineStyle) -> _Pens:
    pens = _PENS.get(style)
    if pens is None:
        pens = _PENS[style] = _Pens(style)
    return pens
_UNRATED_Z = _tie_z(_UNRATED)
