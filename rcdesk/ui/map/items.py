"""Graphics items of the map: roles, ties and labels, styled by reports/map_style.py."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QPixmapCache,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QStyleOptionGraphicsItem,
    QWidget,
)

from rcdesk.domain.bands import Band
from rcdesk.domain.model import Role
from rcdesk.reports import map_style as ms
from rcdesk.ui.map import tie_patch

SELECTION_COLOUR = QColor(ms.HIGHLIGHT_COLOUR)
ASYMMETRY_COLOUR = QColor("#7A4FA3")
ROLE_Z, TIE_Z, LABEL_Z = 2.0, 1.0, 3.0
HIT_WIDTH = 14.0  # a click this close to a curve selects the tie
HALO_OPACITY = 0.35
MIN_ARROW_PIXELS = 4.0  # smaller arrowheads are not drawn (see TieLayer.draw_ties)
HALO_GROWTH = 4.0  # a halo (pen + 8) reaches this much further than its tie's pen
#: Above this zoom (pixels per scene unit) roles are drawn directly, not from pixmaps.
ROLE_CACHE_MAX_SCALE = 1.6


class Label(QGraphicsItem):
    """Text that keeps its size on screen whatever the zoom, centred under its anchor.

    Role names stay legible from the back of the room even when the map is zoomed
    out to fit (ux.md: at least 18 pt in projector mode).
    """

    def __init__(self, text: str, point_size: float, parent: QGraphicsItem | None = None,
                 bold: bool = False) -> None:
        super().__init__(parent)
        if not (parent is not None and isinstance(parent, Label)):  # a note under a label
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(LABEL_Z)
        # Painted once into a pixmap: a frame then copies 200 labels instead of drawing them.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._font = QFont(ms.FONT_FAMILY)
        self._font.setPointSizeF(point_size)
        self._font.setBold(bold)
        self._text = text
        self._rect = QRectF()
        self._pixmap: QPixmap | None = None
        #: Left out by the label placer: no free place for it at this zoom (see
        #: rcdesk/reports/label_placement.py). Only tie numbers are ever left out.
        self.crowded = False
        self._measure()

    def _measure(self) -> None:
        self._pixmap = None
        metrics = QFontMetricsF(self._font)
        lines = self._text.split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines) + 8
        self.prepareGeometryChange()
        self._rect = QRectF(-width / 2, 0, width, metrics.lineSpacing() * (len(lines) - 1)
                            + metrics.height() + 2)

    def set_crowded(self, crowded: bool) -> None:
        if crowded != self.crowded:
            self.crowded = crowded
            self.update()

    def text(self) -> str:
        return self._text

    def point_size(self) -> float:
        return self._font.pointSizeF()

    def pixmap(self) -> QPixmap | None:
        """The label as last drawn (None until drawn, or after a change)."""
        return self._pixmap

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._measure()
            self.update()

    def set_point_size(self, size: float) -> None:
        if self._font.pointSizeF() != size:
            self._font.setPointSizeF(size)
            self._measure()
            self.update()  # the cached pixmap too

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Copy the label's own pixmap, at a whole pixel (it never scales: see class).

        Qt's device cache alone re-paints a label whenever a zoom moves it by a fraction
        of a pixel (130 labels, 6 ms a zoom step on a big map); copying a ready pixmap
        is a fraction of that.
        """
        if not self._text or self.crowded:
            return
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        if self._pixmap is None or self._pixmap.devicePixelRatioF() != ratio:
            self._pixmap = self._render(ratio, painter.renderHints())
        at = painter.worldTransform().map(self._rect.topLeft())
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(QPointF(round(at.x()), round(at.y())), self._pixmap)
        painter.restore()

    def _render(self, ratio: float, hints: QPainter.RenderHint) -> QPixmap:
        size = self._rect.size() * ratio
        pixmap = QPixmap(math.ceil(size.width()), math.ceil(size.height()))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHints(hints)
        painter.translate(-self._rect.topLeft())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(*ms.LABEL_PLATE))
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(self._font)
        painter.setPen(QColor(ms.LABEL_COLOUR))
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self._text)
        painter.end()
        return pixmap


class RoleItem(QGraphicsObject):
    """A role: a circle in the role's colour with its name underneath."""

    def __init__(self, role: Role, label_pt: float) -> None:
        super().__init__()
        self.role = role
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
                      | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setZValue(ROLE_Z)
        self._cache_side = 0
        self.label = Label(ms.wrap_name(role.name), label_pt, self, bold=True)
        self.label.setPos(0, ms.NODE_RADIUS + ms.LABEL_GAP)
        self.note: Label | None = None  # made on first use (few roles ever get one)
        self.setToolTip(role.name)

    def update_role(self, role: Role) -> None:
        self.role = role
        self.label.set_text(ms.wrap_name(role.name))
        self.setToolTip(role.name)
        self.update()

    def set_label_size(self, point_size: float) -> None:
        self.label.set_point_size(point_size)
        if self.note is not None:
            self.note.set_point_size(point_size * 0.7)
            self.note.setPos(0, self.label.boundingRect().height())

    def set_cache_scale(self, scale: float | None, ratio: float = 1.0) -> None:
        """Draw from a pixmap made at this many device pixels per scene unit (None: draw
        directly), on a screen of this devicePixelRatio.

        A big map draws its roles from pixmaps at the settled zoom, so a zoom step
        scales 200 pixmaps instead of painting 200 roles in Python; the scene sets a
        sharp size again once the zoom settles. Zoomed far in, few roles show and
        drawing them directly is cheaper than big pixmaps. Qt multiplies the cache size
        by the device's pixel ratio itself, so it is given in logical pixels: in device
        pixels it would be made twice as wide and high as needed at ratio 2 (4x the
        memory, more than Qt's 10 MB pixmap cache holds for 200 roles, so every frame
        painted every role again).
        """
        side = 0
        if scale is not None and scale <= ROLE_CACHE_MAX_SCALE:
            side = max(8, math.ceil(self.boundingRect().width() * scale / (ratio or 1.0)))
        if side == self._cache_side:
            return
        self._cache_side = side
        if side:
            self.setCacheMode(QGraphicsItem.CacheMode.ItemCoordinateCache, QSize(side, side))
        else:
            self.setCacheMode(QGraphicsItem.CacheMode.NoCache)

    def set_note(self, text: str) -> None:
        if self.note is None:
            if not text:
                return
            # A child of the label, so it sits right under the name at any zoom.
            self.note = Label("", self.label.point_size() * 0.7, self.label)
            self.note.setPos(0, self.label.boundingRect().height())
        self.note.set_text(text)
        self.note.setVisible(bool(text))

    def boundingRect(self) -> QRectF:
        r = ms.NODE_RADIUS + 4
        return QRectF(-r, -r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), ms.NODE_RADIUS, ms.NODE_RADIUS)
        return path

    def on_rim(self, scene_point: QPointF) -> bool:
        """True near the circle's edge: dragging from there draws a tie instead of moving."""
        local = self.mapFromScene(scene_point)
        return math.hypot(local.x(), local.y()) >= ms.NODE_RADIUS * 0.72

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(self.role.colour or ms.NODE_DEFAULT_COLOUR)
        painter.setBrush(QBrush(QColor(ms.NODE_FILL)))
        painter.setPen(QPen(colour, ms.RING_WIDTH))
        inner = ms.NODE_RADIUS - ms.RING_INSET
        painter.drawEllipse(QPointF(0, 0), inner, inner)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        outline = QPen(SELECTION_COLOUR if self.isSelected() else QColor(ms.NODE_OUTLINE),
                       4 if self.isSelected() else ms.OUTLINE_WIDTH)
        painter.setPen(outline)
        painter.drawEllipse(QPointF(0, 0), ms.NODE_RADIUS, ms.NODE_RADIUS)
        if self.role.pinned:
            self._paint_pin(painter)

    def _paint_pin(self, painter: QPainter) -> None:
        """A small drawing pin at the top right (DejaVu has no emoji)."""
        x, y = ms.NODE_RADIUS * 0.62, -ms.NODE_RADIUS * 0.78
        painter.setPen(QPen(QColor("#1B1F24"), 3))
        painter.drawLine(QPointF(x, y), QPointF(x - 9, y + 13))
        painter.setBrush(QColor("#A3200B"))
        painter.setPen(QPen(QColor("#1B1F24"), 1.5))
        painter.drawEllipse(QPointF(x, y), 7, 7)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            scene = self.scene()
            if scene is not None and hasattr(scene, "on_role_item_moved"):
                scene.on_role_item_moved(self.role.id)
        return super().itemChange(change, value)


#: Qt's own QPixmapCache limit, in KB; a big map raises it (reserve_pixmap_cache).
DEFAULT_PIXMAP_CACHE_KB = 10 * 1024
#: What one label's device cache may take (a long name at devicePixelRatio 2), in bytes.
LABEL_CACHE_BYTES = 64 * 1024


def reserve_pixmap_cache(roles: int, scale: float) -> None:
    """Make room in QPixmapCache, where Qt keeps item caches, for every role's pixmap and
    its label's (`scale` in device pixels per scene unit).

    Its default 10 MB did not hold 200 roles and labels at devicePixelRatio 2: the cache
    evicted them as a frame went, and every frame painted each role again into a new
    pixmap (slower than no cache at all). The limit only ever grows.
    """
    side = math.ceil(2 * (ms.NODE_RADIUS + 4) * min(scale, ROLE_CACHE_MAX_SCALE))
    wanted_kb = DEFAULT_PIXMAP_CACHE_KB + roles * (side * side * 4 + LABEL_CACHE_BYTES) // 1024
    if QPixmapCache.cacheLimit() < wanted_kb:
        QPixmapCache.setCacheLimit(wanted_kb)


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
        self.setZValue(_tie_z(_UNRATED))
        self.style = _UNRATED
        self.highlight = False
        self.geometry: ms.TieGeometry | None = None
        self.path = _NO_PATH
        self.arrow = _NO_ARROW
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
        self.arrow = QPolygonF([QPointF(ax, ay), QPointF(bx, by), QPointF(dx, dy)])
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
        before = self.drawn_rect()
        self.style = style
        self.highlight = highlight
        if self.layer is not None:
            self.layer.tie_restyled(self, before)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def drawn_rect(self) -> QRectF:
        """Where the layer paints this tie: the curve's control points' hull widened by
        half its pen (or its halo), and the arrowhead. The extent the curve, arrow and halo
        items had before the layer, so the scene (and where a fitted map sits) is as it
        was."""
        marked = self.highlight or self.isSelected()
        room = (self.style.width + 8) / 2 if marked else self.style.width / 2
        return self.path.controlPointRect().adjusted(-room, -room, room, room).united(
            self.arrow.boundingRect().adjusted(-0.5, -0.5, 0.5, 0.5))

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


def _halo_pen(style: ms.LineStyle, colour: QColor) -> QPen:
    halo = QPen(colour, style.width + 8)
    halo.setCapStyle(Qt.PenCapStyle.RoundCap)
    return halo


class TieLayer(QGraphicsItem):
    """Every tie of the map in one item, drawn from an image cached at the view's scale.

    Drawing 4,000 antialiased curves takes a tenth of a second or more in software,
    far over a 16 ms frame. So the ties are drawn once into an image at the current
    zoom (grouped by style: one pen per band, halos underneath, strong ties on top)
    and each frame only copies that image: a pan is a blit. A zoom shows the image
    scaled at once and draws it sharp again at the new scale once the zoom has
    settled (SETTLE_MS). Selected ties are drawn live on top, so selecting never
    redraws the image; ties whose roles are being dragged or animated are "live" too
    and rejoin the image once the movement settles. Painting to anything but a raster
    device at a plain scale (SVG, printing, rotation) draws every tie directly.
    """

    SETTLE_MS = 150
    #: The image covers every tie while it stays under this many pixels (32 MB);
    #: zoomed further in, it covers the visible part and a margin around it.
    MAX_CACHE_PIXELS = 8_000_000
    #: Above this many ties a fit shows the image scaled and draws it sharp once the zoom
    #: has settled, like a wheel zoom: fits come several at a time while a window is laid
    #: out again (projector mode: three, each a 0.2-0.3 s redraw of 3,600 ties).
    SHARP_FIT_MAX_TIES = 1000

    def __init__(self, owner: QObject | None = None) -> None:
        """`owner` (the scene) owns the settle timer, so it never fires after the scene
        and its items are gone."""
        super().__init__()
        self.setZValue(TIE_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.ties: dict[int, TieItem] = {}
        self.live: set[int] = set()
        self.renders = 0  # images drawn so far (tests and the benchmark read it)
        self.patches = 0  # parts of the image drawn again for ties that changed look
        self._dirty: list[QRectF] = []  # where ties changed look since the image was drawn
        #: Told the scale (device pixels per scene unit) a zoom settled at.
        self.settled: Callable[[float], None] | None = None
        self._settled_scale = 0.0
        self._last_scale = 0.0
        self._bounds = QRectF()
        self._bounds_stale = True
        self._prepared = False
        self._image: QImage | None = None
        self._image_rect = QRectF()
        self._image_scale = 0.0
        self._stale = True
        self._settle = QTimer(owner)
        self._settle.setSingleShot(True)
        self._settle.setInterval(self.SETTLE_MS)
        self._settle.timeout.connect(self.settle)

    # -- keeping track of ties ---------------------------------------------------------------

    def add(self, item: TieItem) -> None:
        item.layer = self
        self.ties[item.tie_id] = item
        self.tie_changed(item)

    def remove(self, item: TieItem) -> None:
        self.ties.pop(item.tie_id, None)
        self.live.discard(item.tie_id)
        item.layer = None
        self.tie_changed(item)

    def tie_changed(self, item: TieItem) -> None:
        """A tie moved, changed style, came or went: the image must be drawn again."""
        if not self._prepared:
            self.prepareGeometryChange()
            self._prepared = True
        self._bounds_stale = True
        if item.tie_id in self.live:
            self.update()
        else:
            self.invalidate()

    def tie_restyled(self, item: TieItem, before: QRectF) -> None:
        """A tie changed look, not place: only its part of the image is drawn again."""
        if item.tie_id in self.live or self._stale or self._image is None \
                or self._bounds_stale:
            self.tie_changed(item)
            return
        after = item.drawn_rect()
        grown = self._bounds.united(after)  # (a tie drawn thinner leaves them as they are)
        if grown != self._bounds:
            self.prepareGeometryChange()
            self._bounds = grown
        self._dirty.append(before.united(after))
        self.update()

    def redraw_sharp(self, scale: float | None = None) -> None:
        """Draw the image again at the next paint (after one deliberate zoom, such as Fit,
        whose repaint the view has already asked for), unless it is already drawn at
        `scale` (device pixels per scene unit): showing the Map tab again fits the map at
        the same scale, and a big map's ties took most of a second to draw again."""
        if scale is not None and self._image is not None and (
                _same(self._image_scale, scale) or len(self.ties) > self.SHARP_FIT_MAX_TIES):
            return  # drawn at this scale; or a big map: shown scaled, sharp once settled
        self._stale = True

    def invalidate(self) -> None:
        if not self._stale:
            self._stale = True
            self.update()

    def set_live(self, tie_ids: set[int]) -> None:
        """Ties being moved: drawn directly each frame until the movement settles."""
        if not tie_ids:
            return
        if not tie_ids <= self.live:
            self.live |= tie_ids
            self.invalidate()  # once: the image must lose them
        self._settle.start()

    def selection_changed(self, selected: list[TieItem]) -> None:
        """Selected ties are drawn on top with a halo: grow the bounds to hold it."""
        bounds = self.boundingRect()
        wanted = bounds
        for item in selected:
            wanted = wanted.united(item.drawn_rect())
        if wanted != bounds:
            self.prepareGeometryChange()
            self._bounds = wanted
        self.update()

    def settle(self) -> None:
        """Draw the image sharp at the current scale, with the live ties back in it."""
        self._settle.stop()
        scale = self._last_scale
        if self.live or not _same(self._image_scale, scale):
            self.live.clear()
            self._stale = True
            self.update()
        if scale and not _same(self._settled_scale, scale):
            self._settled_scale = scale
            if self.settled is not None:
                self.settled(scale)

    def note_scale(self, scale: float) -> None:
        """The view was drawn at this scale (device pixels per scene unit); a new one is
        settled (drawn sharp, roles re-cached) once no other follows for SETTLE_MS."""
        self._last_scale = scale
        image_sharp = self._image is None or self._stale or _same(self._image_scale, scale)
        if not (image_sharp and _same(self._settled_scale, scale)):
            self._settle.start()
        elif not self.live:
            self._settle.stop()  # nothing left to settle

    def settle_pending(self) -> bool:
        return self._settle.isActive()

    # -- geometry ----------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        if self._bounds_stale:
            self._bounds = self._extent()
            self._bounds_stale = False
        self._prepared = False
        return self._bounds

    def _extent(self) -> QRectF:
        """The union of every tie's drawn_rect, in plain arithmetic (4,000 ties: 5 ms)."""
        left = top = math.inf
        right = bottom = -math.inf
        for item in self.ties.values():
            box = _drawn_box(item)
            if box is None:
                continue
            left, top = min(left, box[0]), min(top, box[1])
            right, bottom = max(right, box[2]), max(bottom, box[3])
        if left > right:
            return QRectF()
        return QRectF(left, top, right - left, bottom - top)

    def shape(self) -> QPainterPath:
        return QPainterPath()  # nothing to hit: clicks and rubber bands reach the tie items

    # -- drawing -----------------------------------------------------------------------------

    def groups(self, ties: list[TieItem] | None = None
               ) -> list[tuple[ms.LineStyle, list[TieItem]]]:
        """Ties by style, in drawing order: unrated and weak first, strong last (on top)."""
        found: dict[ms.LineStyle, list[TieItem]] = {}
        for item in self.ties.values() if ties is None else ties:
            found.setdefault(item.style, []).append(item)
        return sorted(found.items(), key=lambda pair: ms.draw_rank(pair[0]))

    def draw_ties(self, painter: QPainter, ties: list[TieItem], area: QRectF | None = None,
                  selection: bool = True) -> None:
        """Halos underneath, then each style's curves and arrowheads with one pen.

        Without `selection` the selection halo is left out (the cached image: selected
        ties are drawn again, with their halo, on top of it).
        """
        if area is not None:
            ties = [t for t in ties if t.boundingRect().intersects(area)]
        marked = [t for t in ties if t.highlight or (selection and t.isSelected())]
        if marked:
            painter.save()
            painter.setOpacity(HALO_OPACITY)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for item in marked:
                selected = selection and item.isSelected()
                colour = SELECTION_COLOUR if selected else ASYMMETRY_COLOUR
                painter.setPen(_halo_pen(item.style, colour))
                painter.drawPath(item.path)
            painter.restore()
        # Level of detail: an arrowhead a few pixels long (a big map zoomed out) is a dot
        # that only blurs the curves; drawing 4,000 of them cost a fifth of a redraw.
        arrows = ms.ARROW_LENGTH * painter.worldTransform().m11() >= MIN_ARROW_PIXELS
        for style, items in self.groups(ties):
            pens = _pens_for(style)
            painter.setPen(pens.curve)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for item in items:
                painter.drawPath(item.path)
            if arrows:
                painter.setPen(pens.arrow)
                painter.setBrush(pens.brush)
                for item in items:
                    painter.drawPolygon(item.arrow)

    def _cacheable(self, painter: QPainter) -> bool:
        transform = painter.worldTransform()
        engine = painter.paintEngine()
        return (engine is not None and engine.type() == QPaintEngine.Type.Raster
                and transform.type().value <= QTransform.TransformationType.TxScale.value
                and transform.m11() > 0 and abs(transform.m11() - transform.m22()) < 1e-9)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if not self.ties:
            return
        if not self._cacheable(painter):
            self.draw_ties(painter, list(self.ties.values()))
            return
        transform = painter.worldTransform()
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        scale = transform.m11() * ratio  # device pixels per scene unit
        inverse, _ = transform.inverted()
        if widget is not None:
            visible = inverse.mapRect(QRectF(widget.rect()))
        else:
            visible = QRectF(option.exposedRect)
        visible = visible.intersected(self.boundingRect())
        if visible.isEmpty():
            return
        covered = self._image is not None and self._image_rect.contains(visible)
        if self._stale or not covered or (
                self._dirty and not tie_patch.worth_patching(self._dirty, self._image_rect)):
            self._render(transform, ratio, visible, painter.renderHints())
        elif self._dirty:
            self._patch(painter.renderHints())
        self.note_scale(scale)
        assert self._image is not None
        painter.drawImage(self._image_rect, self._image)
        live = [self.ties[t] for t in self.live if t in self.ties]
        if live:
            self.draw_ties(painter, live, visible)
        scene = self.scene()
        chosen = [i for i in scene.selectedItems() if isinstance(i, TieItem)
                  and i.tie_id not in self.live] if scene is not None else []
        if chosen:  # on top, with their halo
            self.draw_ties(painter, chosen, visible)

    def _patch(self, hints: QPainter.RenderHint) -> None:
        """Draw again the parts of the image where ties changed look (see tie_patch.py)."""
        assert self._image is not None
        rects, self._dirty = self._dirty, []
        drawn = [(t, box) for t in self.ties.values()
                 if t.tie_id not in self.live and (box := _drawn_box(t)) is not None]

        def draw(painter: QPainter, area: QRectF) -> None:
            left, top, right, bottom = area.left(), area.top(), area.right(), area.bottom()
            crossing = [t for t, (x0, y0, x1, y1) in drawn
                        if x0 <= right and x1 >= left and y0 <= bottom and y1 >= top]
            self.draw_ties(painter, crossing, None, selection=False)

        tie_patch.patch_image(self._image, self._image_rect, self._image_scale, hints, rects,
                              draw)
        self.patches += 1

    def _render(self, transform: QTransform, ratio: float, visible: QRectF,
                hints: QPainter.RenderHint) -> None:
        """Draw the (non-live) ties into a new image at the painter's scale."""
        scale = transform.m11() * ratio
        bounds = self.boundingRect()
        if bounds.width() * bounds.height() * scale * scale <= self.MAX_CACHE_PIXELS:
            # With room for the halos of ties selected later (bounds grow by 4 for them).
            area = bounds.adjusted(-HALO_GROWTH, -HALO_GROWTH, HALO_GROWTH, HALO_GROWTH)
        else:
            margin_x, margin_y = visible.width() / 2, visible.height() / 2
            area = visible.adjusted(-margin_x, -margin_y, margin_x, margin_y).intersected(bounds)
        # Start the image on a whole device pixel, so a pan by whole pixels is a plain copy.
        corner = transform.map(area.topLeft()) * ratio
        snapped = QPointF(math.floor(corner.x()), math.floor(corner.y()))
        inverse, _ = transform.inverted()
        top_left = inverse.map(snapped / ratio)
        width = max(1, math.ceil((area.right() - top_left.x()) * scale) + 1)
        height = max(1, math.ceil((area.bottom() - top_left.y()) * scale) + 1)
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHints(hints)
        painter.scale(scale, scale)
        painter.translate(-top_left.x(), -top_left.y())
        ties = [t for t in self.ties.values() if t.tie_id not in self.live]
        self.draw_ties(painter, ties, None if area.contains(bounds) else area, selection=False)
        painter.end()
        image.setDevicePixelRatio(ratio)
        self._image = image
        self._image_rect = QRectF(top_left.x(), top_left.y(), width / scale, height / scale)
        self._image_scale = scale
        self._stale = False
        self._dirty = []
        self.renders += 1


DRAW_ORDER = ms.DRAW_ORDER  # the order the layer draws tie styles in (map_style.py)
_PENS: dict[ms.LineStyle, _Pens] = {}


def _drawn_box(item: TieItem) -> tuple[float, float, float, float] | None:
    """Where the layer paints a tie, as (left, top, right, bottom): its drawn_rect in plain
    arithmetic (as TieLayer._extent reads it)."""
    e = item.extent
    if e is None:
        return None
    marked = item.highlight or item.isSelected()
    room = (item.style.width + 8) / 2 if marked else item.style.width / 2
    return (min(e[0] - room, e[4]), min(e[1] - room, e[5]),
            max(e[2] + room, e[6]), max(e[3] + room, e[7]))


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


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def _pens_for(style: ms.LineStyle) -> _Pens:
    pens = _PENS.get(style)
    if pens is None:
        pens = _PENS[style] = _Pens(style)
    return pens
