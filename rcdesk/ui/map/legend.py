"""The legend along the bottom of the map view, from the shared map style.

A strip rather than a box: it takes a line or two of height instead of a
column of width, so the map keeps its size on a 1280×720 projector.

It lies over the map's viewport, so every repaint of the map beneath it (a rating, a
selection) paints it too: it is drawn once into an image, again only when what it shows
or its size changes, and a paint copies that image (issue 23).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from rcdesk.reports import map_style as ms

if TYPE_CHECKING:
    from rcdesk.ui.map.view import MapView

SWATCH = 40.0
GAP = 18.0
PAD = 8.0


class Legend(QWidget):
    """Band colours with their line patterns; one neutral entry while scores are hidden."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Map legend")
        self.hidden_scores = False
        self.change = False
        self.title = "Tie strength"
        self.point_size = 11.0
        self._rows: list[list[tuple[ms.LineStyle, float]]] = []
        self.own_entries: list[ms.LineStyle] | None = None
        #: The legend as last drawn, by what it showed and its size: two are kept, as
        #: projector mode on and off goes back and forth between two (see paintEvent).
        self._images: dict[tuple[object, ...], QImage] = {}
        self.drawn = 0  # times the legend was drawn anew (not copied from its image)

    def configure(self, hidden: bool, title: str, point_size: float,
                  change: bool = False, entries: list[ms.LineStyle] | None = None) -> None:
        """What the legend shows; repainted only when that changed (the page configures it
        after every change to the workshop: a rating must not repaint it)."""
        before = self._state()
        self.own_entries = entries  # a lens's own styles (Where we disagree)
        self.hidden_scores = hidden
        self.change = change
        self.title = title
        self.point_size = point_size
        if self._state() != before:
            self.update()

    def _state(self) -> tuple[object, ...]:
        return (self.hidden_scores, self.change, self.title, self.point_size,
                None if self.own_entries is None else tuple(self.own_entries))

    def entries(self) -> list[ms.LineStyle]:
        if self.own_entries is not None and not self.hidden_scores:
            return self.own_entries
        return ms.legend_entries(self.hidden_scores, self.change)

    def _font(self, bold: bool = False) -> QFont:
        font = QFont(ms.FONT_FAMILY)
        font.setPointSizeF(self.point_size)
        font.setBold(bold)
        return font

    def layout_for(self, width: float) -> float:
        """Flow the title and entries into rows no wider than `width`; return the height."""
        metrics = QFontMetricsF(self._font())
        title_width = QFontMetricsF(self._font(bold=True)).horizontalAdvance(self.title) + GAP
        rows: list[list[tuple[ms.LineStyle, float]]] = [[]]
        x = PAD + title_width
        for style in self.entries():
            item_width = SWATCH + 6 + metrics.horizontalAdvance(style.label) + GAP
            if rows[-1] and x + item_width > width - PAD:
                rows.append([])
                x = PAD + title_width
            rows[-1].append((style, x))
            x += item_width
        self._rows = rows
        return PAD * 2 + metrics.height() * 1.4 * len(rows)

    def dock(self, view: MapView) -> None:
        """Lay the legend along the bottom of `view`'s viewport, 8 px in from its edges,
        and keep the map out of the strip it takes (the view's reserved_below)."""
        viewport = view.viewport()
        width = viewport.width() - 16
        height = self.layout_for(width)
        self.setGeometry(8, int(viewport.height() - height - 8), width, int(height))
        view.reserved_below = height + 16

    def paintEvent(self, event: QPaintEvent) -> None:
        """Copy the legend's image, drawn first when what it shows or its size changed."""
        ratio = self.devicePixelRatioF()
        key = (self._state(), self.width(), self.height(), ratio, self._rows_key())
        image = self._images.pop(key, None)
        if image is None:
            width, height = (max(1, round(side * ratio)) for side in (self.width(),
                                                                      self.height()))
            image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.transparent)
            self._draw(QPainter(image))
            self.drawn += 1
        self._images[key] = image  # the newest last
        while len(self._images) > 2:
            del self._images[next(iter(self._images))]
        painter = QPainter(self)
        painter.drawImage(0, 0, image)
        painter.end()

    def _rows_key(self) -> tuple[tuple[tuple[str, float], ...], ...]:
        return tuple(tuple((style.label, x) for style, x in row) for row in self._rows)

    def _draw(self, painter: QPainter) -> None:
        """The legend itself: its plate, title and entries."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(ms.NODE_OUTLINE), 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        line_height = QFontMetricsF(self._font()).height() * 1.4
        painter.setFont(self._font(bold=True))
        painter.setPen(QColor(ms.LABEL_COLOUR))
        painter.drawText(QRectF(PAD, PAD, self.width(), line_height),
                         Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(self._font())
        for row, entries in enumerate(self._rows):
            y = PAD + row * line_height + line_height / 2
            for style, x in entries:
                pen = QPen(QColor(style.colour), style.width)
                if style.dash:
                    pen.setDashPattern(list(style.dash))
                painter.setPen(pen)
                painter.drawLine(QPointF(x, y), QPointF(x + SWATCH, y))
                painter.setPen(QColor(ms.LABEL_COLOUR))
                painter.drawText(QRectF(x + SWATCH + 6, y - line_height / 2, 400, line_height),
                                 Qt.AlignmentFlag.AlignVCenter, style.label)
        painter.end()
