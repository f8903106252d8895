"""The legend painted in a corner of the map view, from the shared map style."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from rcdesk.reports import map_style as ms


class Legend(QWidget):
    """Band colours with their line patterns; one neutral entry while scores are hidden."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Map legend")
        self.hidden_scores = False
        self.title = "Tie strength"
        self.point_size = 11.0

    def configure(self, hidden: bool, title: str, point_size: float) -> None:
        self.hidden_scores = hidden
        self.title = title
        self.point_size = point_size
        self.adjustSize()
        self.update()

    def _font(self) -> QFont:
        font = QFont(ms.FONT_FAMILY)
        font.setPointSizeF(self.point_size)
        return font

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self._font())
        entries = ms.legend_entries(self.hidden_scores)
        width = max(metrics.horizontalAdvance(s.label) for s in entries) + 80
        width = max(width, metrics.horizontalAdvance(self.title) + 24)
        height = metrics.height() * 1.5 * (len(entries) + 1) + 12
        return QRectF(0, 0, width, height).size().toSize()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(ms.NODE_OUTLINE), 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        font = self._font()
        painter.setFont(font)
        line_height = QFontMetricsF(font).height() * 1.5
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(ms.LABEL_COLOUR))
        painter.drawText(QRectF(12, 6, self.width() - 16, line_height),
                         Qt.AlignmentFlag.AlignVCenter, self.title)
        font.setBold(False)
        painter.setFont(font)
        for row, style in enumerate(ms.legend_entries(self.hidden_scores), start=1):
            y = 6 + row * line_height + line_height / 2
            pen = QPen(QColor(style.colour), style.width)
            if style.dash:
                pen.setDashPattern(list(style.dash))
            painter.setPen(pen)
            painter.drawLine(QPointF(12, y), QPointF(56, y))
            painter.setPen(QColor(ms.LABEL_COLOUR))
            painter.drawText(QRectF(64, y - line_height / 2, self.width() - 68, line_height),
                             Qt.AlignmentFlag.AlignVCenter, style.label)
