"""Graphics items of the map: roles and labels, styled by reports/map_style.py, and the
constants the tie items share (ties: tie_item.py, drawn by tie_layer.py)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPixmapCache,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QStyleOptionGraphicsItem,
    QWidget,
)

from rcdesk.domain.model import Role
from rcdesk.reports import map_style as ms

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
