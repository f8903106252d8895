"""A copy of the room's window for the laptop's preview, painted again only where the room's
window painted.

The laptop shows a small live copy of what the projector shows. A grab() of the room's
window paints all of it again (the map, every label, the question), and the preview
copied it after every change, twice (at once, and once more a moment later for what
settles late): on the large workshop that was two full repaints of the room's map for
each tie revealed. Here every widget of the room's window is watched for the paints it
does anyway (a reveal step paints a strip along the revealed tie and the question), and
only the union of what was painted since the last copy is painted again into the copy.
While the room's window is hidden (one screen, the laptop's view up) it paints nothing,
so the copy is grabbed whole.
"""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPixmap, QRegion
from PySide6.QtWidgets import QWidget


class RoomMirror(QObject):
    def __init__(self, room: QWidget) -> None:
        super().__init__(room)
        self.room = room
        self._image: QImage | None = None
        self._painted = QRegion()  # in the room's coordinates, since the last copy
        self._copying = False
        self.copied = QRegion()  # what the last copy painted again (tests read it)
        self._watch(room)

    def _watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)
        for child in widget.findChildren(QWidget):
            child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildAdded:
            assert isinstance(event, QChildEvent)
            child = event.child()
            if isinstance(child, QWidget):
                self._watch(child)
        elif kind == QEvent.Type.Paint and not self._copying and isinstance(watched, QWidget):
            assert isinstance(event, QPaintEvent)
            at = watched.mapTo(self.room, QPoint(0, 0)) if watched is not self.room \
                else QPoint(0, 0)
            self._painted += event.region().translated(at)
        return False

    def copy(self) -> QPixmap | None:
        """The room's window as it is now; None when nothing was painted since the last
        copy (the preview keeps what it shows)."""
        room = self.room
        ratio = room.devicePixelRatioF()
        size = room.size() * ratio
        if self._image is None or self._image.size() != size or not room.isVisible():
            self._painted = QRegion()
            self._copying = True
            try:
                self._image = room.grab().toImage()
            finally:
                self._copying = False
            self.copied = QRegion(room.rect())
            return QPixmap.fromImage(self._image)
        region, self._painted = self._painted & QRegion(room.rect()), QRegion()
        self.copied = region
        if region.isEmpty():
            return None
        self._paint_again(region)
        return QPixmap.fromImage(self._image)

    def picture(self) -> QImage | None:
        """The copy as it stands (None before the first)."""
        return self._image

    def _paint_again(self, region: QRegion) -> None:
        """Clear `region` of the copy and paint the room's window there again."""
        image = self._image
        assert image is not None
        painter = QPainter(image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.setClipRegion(region)
        painter.fillRect(region.boundingRect(), Qt.GlobalColor.transparent)
        painter.end()
        self._copying = True
        try:
            self.room.render(image, region.boundingRect().topLeft(), region)
        finally:
            self._copying = False
