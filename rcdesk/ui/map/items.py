"""Graphics items of the map: roles, ties and labels, styled by reports/map_style.py."""

from __future__ import annotations

import math
from typing import TypeVar

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from rcdesk.domain.bands import Band
from rcdesk.domain.model import Role
from rcdesk.reports import map_style as ms

SELECTION_COLOUR = QColor(ms.HIGHLIGHT_COLOUR)
ASYMMETRY_COLOUR = QColor("#7A4FA3")
_Shape = TypeVar("_Shape", QGraphicsPathItem, QGraphicsPolygonItem)
ROLE_Z, TIE_Z, LABEL_Z = 2.0, 1.0, 3.0


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
        self._font = QFont(ms.FONT_FAMILY)
        self._font.setPointSizeF(point_size)
        self._font.setBold(bold)
        self._text = text
        self._rect = QRectF()
        self._measure()

    def _measure(self) -> None:
        metrics = QFontMetricsF(self._font)
        width = metrics.horizontalAdvance(self._text) + 8
        self.prepareGeometryChange()
        self._rect = QRectF(-width / 2, 0, width, metrics.height() + 2)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._measure()
            self.update()

    def set_point_size(self, size: float) -> None:
        if self._font.pointSizeF() != size:
            self._font.setPointSizeF(size)
            self._measure()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if not self._text:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(*ms.LABEL_PLATE))
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(self._font)
        painter.setPen(QColor(ms.LABEL_COLOUR))
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self._text)


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
        self.label = Label(role.name, label_pt, self, bold=True)
        self.label.setPos(0, ms.NODE_RADIUS + ms.LABEL_GAP)
        # A child of the label, so it sits right under the name at any zoom.
        self.note = Label("", label_pt * 0.7, self.label)
        self.note.setPos(0, self.label.boundingRect().height())
        self.note.hide()
        self.setToolTip(role.name)

    def update_role(self, role: Role) -> None:
        self.role = role
        self.label.set_text(role.name)
        self.setToolTip(role.name)
        self.update()

    def set_label_size(self, point_size: float) -> None:
        self.label.set_point_size(point_size)
        self.note.set_point_size(point_size * 0.7)
        self.note.setPos(0, self.label.boundingRect().height())

    def set_note(self, text: str) -> None:
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


class TieItem(QGraphicsItem):
    """A directed tie: a curve with an arrowhead, styled by its band.

    The item itself paints nothing (ItemHasNoContents); plain Qt path items draw
    the curve, the arrowhead and the selection halo, so a 4,000-tie map is drawn
    in C++ without a Python call per tie per frame.
    """

    def __init__(self, tie_id: int, source_id: int, target_id: int) -> None:
        super().__init__()
        self.tie_id = tie_id
        self.source_id = source_id
        self.target_id = target_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(TIE_Z)
        self.style = ms.BAND_STYLES[Band.UNRATED]
        self.highlight = False
        self._shape = QPainterPath()
        self._bounds = QRectF()
        self.halo = self._child(QGraphicsPathItem(self), -0.2)
        self.halo.setOpacity(0.35)
        self.halo.hide()
        self.curve = self._child(QGraphicsPathItem(self), 0.0)
        self.arrow = self._child(QGraphicsPolygonItem(self), 0.1)
        self._label_at = QPointF()
        self._value_label: Label | None = None  # made on first use: big maps show none
        self._apply_style()

    @staticmethod
    def _child(item: _Shape, z: float) -> _Shape:
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setZValue(z)
        return item

    def set_geometry(self, g: ms.TieGeometry) -> None:
        self.prepareGeometryChange()
        path = QPainterPath(QPointF(*g.start))
        path.quadTo(QPointF(*g.control), QPointF(*g.end))
        arrow = QPolygonF([QPointF(*p) for p in g.arrow])
        self.curve.setPath(path)
        self.halo.setPath(path)
        self.arrow.setPolygon(arrow)
        stroker = QPainterPathStroker()
        stroker.setWidth(14)
        self._shape = stroker.createStroke(path)
        self._shape.addPolygon(arrow)
        self._bounds = self._shape.boundingRect().adjusted(-6, -6, 6, 6)
        self._label_at = QPointF(*g.label_at)
        if self._value_label is not None:
            self._value_label.setPos(self._label_at)

    def show_value(self, text: str, point_size: float) -> None:
        """The tie's number beside its curve; an empty text hides it."""
        if not text and self._value_label is None:
            return
        if self._value_label is None:
            self._value_label = Label(text, point_size, self)
            self._value_label.setPos(self._label_at)
        self._value_label.set_text(text)
        self._value_label.set_point_size(point_size)
        self._value_label.setVisible(bool(text))

    def value_text(self) -> str:
        label = self._value_label
        return label.text() if label is not None and label.isVisible() else ""

    def set_style(self, style: ms.LineStyle, highlight: bool) -> None:
        if style == self.style and highlight == self.highlight:
            return
        self.style = style
        self.highlight = highlight
        self._apply_style()

    def _apply_style(self) -> None:
        style = self.style
        colour = QColor(style.colour)
        pen = QPen(colour, style.width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if style.dash:
            pen.setDashPattern(list(style.dash))
        self.curve.setPen(pen)
        self.arrow.setPen(QPen(colour, 1))
        self.arrow.setBrush(colour)
        self._show_halo()

    def _show_halo(self) -> None:
        on = self.isSelected() or self.highlight
        if on:
            colour = SELECTION_COLOUR if self.isSelected() else ASYMMETRY_COLOUR
            halo = QPen(colour, self.style.width + 8)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            self.halo.setPen(halo)
        self.halo.setVisible(on)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self._show_halo()
        return super().itemChange(change, value)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Nothing: the child items draw the tie."""
