"""The map view: zoom, pan, mouse modes and the map's own keys.

Keys here belong to the map and only fire while it has focus (ux.md): C connect,
Del delete, F2 rename, 1–5 rate the selected tie, N next unrated tie, Space-drag
pan, Ctrl+A select all.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QResizeEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QLineEdit, QWidget

from rcdesk.ui.map.chooser import RoleChooser
from rcdesk.ui.map.fitting import Fitter
from rcdesk.ui.map.interactions import ConnectMode, Mode, SelectMode
from rcdesk.ui.map.items import RoleItem
from rcdesk.ui.map.labels import RolePlaces, place_labels
from rcdesk.ui.map.scene import MapScene

ZOOM_STEP = 1.2
MIN_SCALE, MAX_SCALE = 0.1, 6.0
FIT_MARGIN = 12.0  # pixels kept clear around a fitted map's labels
LABELS_SETTLE_MS = 150  # labels are placed again once zooming has stopped this long


class MapView(QGraphicsView):
    tie_drawn = Signal(int, int)
    """A tie was drawn from the first role to the second."""
    role_requested = Signal(QPointF)
    """The user asked for a new role at this scene point (double-click on empty canvas)."""
    rename_requested = Signal(int, str)
    """A role was renamed in place (role id, new name)."""
    delete_requested = Signal()
    """Delete the selected roles and ties."""
    digit_pressed = Signal(int)
    """A rating key 1–5 (0 clears) was pressed with the map focused."""
    next_unrated_requested = Signal()
    """N: jump to the next tie without a rating in this wave."""
    drag_finished = Signal()
    """A mouse drag ended; moved roles may need saving."""
    mode_changed = Signal(str)
    """The mouse mode changed ("select" or "connect")."""
    tab_pressed = Signal(bool)
    """Tab (True) or Shift+Tab with a tie selected: move to the next or previous dimension."""

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene
        self.setAccessibleName("Relational map")
        # Smooth pixmap scaling: a zoom step shows the cached ties and roles scaled
        # until they are drawn sharp again (TieLayer).
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.modes: dict[str, Mode] = {"select": SelectMode(self), "connect": ConnectMode(self)}
        self.viewport().setMouseTracking(True)  # the rubber line follows between two clicks
        self.mode: Mode = self.modes["select"]
        self._panning: QPointF | None = None
        self._space = False
        self.editor: QLineEdit | None = None
        self.reserved_below = 0.0  # pixels the legend covers along the bottom
        self._editing_role: int | None = None
        self.chooser: RoleChooser | None = None
        #: True while the map shows the fit (opening, Fit, 0): a resize or a mode change
        #: fits again; a zoom or a pan by the user ends it.
        self.fitted = True
        self.dock: Callable[[], object] | None = None  # lays the legend out (the page's)
        self.fitter = Fitter(scene)
        # No scroll bars: the map pans by Space-drag or the middle button, and a fitted map
        # needs the whole viewport (scroll bars appearing would shift it off its fit).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._labels_timer = QTimer(self)
        self._labels_timer.setSingleShot(True)
        self._labels_timer.setInterval(0)
        self._labels_timer.timeout.connect(self.place_labels)
        self.role_places = RolePlaces()  # the names' places, kept while nothing moves them
        scene.labels_stale.connect(self._labels_timer.start)

    # -- modes -------------------------------------------------------------------------------

    def set_mode(self, name: str) -> None:
        self.mode.cancel()
        self.mode = self.modes[name]
        self.viewport().setCursor(self.mode.cursor)
        self.mode_changed.emit(name)

    def toggle_connect(self) -> None:
        self.set_mode("select" if self.mode.name == "connect" else "connect")

    # -- zoom and pan ------------------------------------------------------------------------

    def zoom(self, steps: int) -> None:
        """Zoom in (steps > 0) or out; 0 fits the whole map."""
        if steps == 0:
            self.fit()
            return
        factor = ZOOM_STEP ** steps
        scale = self.transform().m11() * factor
        # Fit may go below MIN_SCALE on a big map: zooming back in must still work.
        if (steps > 0 and scale <= MAX_SCALE) or (steps < 0 and scale >= MIN_SCALE):
            self.fitted = False
            self.scale(factor, factor)
            self._labels_timer.start(LABELS_SETTLE_MS)  # once a wheel burst stops

    def fit(self) -> None:
        """Show every role in the part of the viewport the legend leaves free, labels
        included, never larger than 1.5×.

        Labels keep their size on screen whatever the zoom, so their room is kept in
        pixels: the circles' rectangle is scaled into the viewport less that room, and the
        names are placed around their circles, smaller if a crowded map has no room for
        them (fitting.py).
        """
        self.fitted = True
        if self.dock is not None:
            self.dock()  # the legend's height for this width
        view = self.viewport().rect()
        free = QRectF(FIT_MARGIN, FIT_MARGIN, view.width() - 2 * FIT_MARGIN,
                      view.height() - self.reserved_below - 2 * FIT_MARGIN)
        scale, (left, top, right, bottom) = self.fitter.fit(free.width(), free.height())
        self.setTransform(QTransform.fromScale(scale, scale))
        # The map's extent (labels included, in pixels) goes to the centre of the free area.
        centre = QPointF((left + right) / 2 - (free.center().x() - view.width() / 2),
                         (top + bottom) / 2 - (free.center().y() - view.height() / 2))
        self._open_scene_rect(self.map_scene.roles_rect())
        self.centerOn(centre / scale)
        # One deliberate zoom, not a wheel burst: draw the ties sharp at once.
        self.map_scene.tie_layer.redraw_sharp(scale * self.devicePixelRatioF())
        # Placed once the event loop runs: opening a map fits it three or four times as
        # the page is shown and laid out (0.05 s each on a 200-role map).
        self._labels_timer.start(0)

    def _open_scene_rect(self, around: QRectF | None = None) -> None:
        """Room to centre and pan anywhere near the map (the scene's own rectangle would
        stop a fitted map from sitting clear of the legend)."""
        rect = around if around is not None else self.map_scene.roles_rect()
        # Enough to pan a viewport's width past the map at the smallest zoom (set once per
        # fit: a new scene rectangle on every zoom step cost a frame its budget).
        room = (self.viewport().width() + self.viewport().height()) * 2 / MIN_SCALE
        self.setSceneRect(rect.adjusted(-room, -room, room, room))

    def place_labels(self) -> None:
        """Every label to a free place at the current zoom (see labels.py)."""
        self._labels_timer.stop()
        self._labels_timer.setInterval(0)
        place_labels(self.map_scene, self, self.reserved_below, self.role_places)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.dock is not None:
            self.dock()
        if self.fitted:
            self.fit()
        else:
            self._labels_timer.start()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.zoom(1 if delta > 0 else -1)
        event.accept()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """Also tell the tie layer the scale drawn at (it settles zooms, even on a map
        without ties, whose layer is never painted)."""
        super().drawBackground(painter, rect)
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        self.map_scene.tie_layer.note_scale(painter.worldTransform().m11() * ratio)

    # -- mouse -------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
                self._space and event.button() == Qt.MouseButton.LeftButton):
            self._panning = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if self.mode.press(event):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._panning is not None:
            delta = event.position() - self._panning
            self._panning = event.position()
            self.fitted = False
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        if self.mode.move(event):
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._panning is not None:
            self._panning = None
            self.viewport().setCursor(self.mode.cursor)
            event.accept()
            return
        if self.mode.release(event):
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.drag_finished.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        point = self.mapToScene(event.position().toPoint())
        role = self.map_scene.role_at(point)
        if role is not None:
            self.start_rename(role)
        elif self.map_scene.itemAt(point, self.transform()) is None:
            self.role_requested.emit(point)
        event.accept()

    # -- keys --------------------------------------------------------------------------------

    def _plain_keys(self) -> dict[Qt.Key, Callable[[], object]]:
        return {
            Qt.Key.Key_C: self.toggle_connect,
            Qt.Key.Key_Delete: self.delete_requested.emit,
            Qt.Key.Key_Backspace: self.delete_requested.emit,
            Qt.Key.Key_F2: self._rename_selected,
            Qt.Key.Key_N: self.next_unrated_requested.emit,
            Qt.Key.Key_T: self.choose_tie_target,
        }

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        action = self._plain_keys().get(Qt.Key(key)) if plain else None
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key == Qt.Key.Key_Escape and self.mode.name == "connect":
            self.set_mode("select")  # drops a tie half drawn, and the tool
        elif action is not None:
            action()
        elif plain and Qt.Key.Key_0 <= key <= Qt.Key.Key_5:
            self.digit_pressed.emit(key - Qt.Key.Key_0)
        elif key == Qt.Key.Key_A and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.select_all()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab with one tie selected goes to the Tie panel's next dimension, in one press."""
        ties = self.map_scene.selected_tie_ids()
        if len(ties) == 1 and not self.map_scene.selected_role_ids():
            self.tab_pressed.emit(forward)
            return True
        return super().focusNextPrevChild(forward)

    def choose_tie_target(self) -> RoleChooser | None:
        """T with one role selected: a "tie to…" chooser; Enter draws the tie."""
        ids = self.map_scene.selected_role_ids()
        if len(ids) != 1:
            return None
        source = self.map_scene.item_for_role[ids[0]]
        roles = sorted(((item.role.id, item.role.name)
                        for item in self.map_scene.item_for_role.values()),
                       key=lambda pair: pair[1].casefold())
        self.chooser = RoleChooser(self, source.role.name, roles,
                                   lambda target: self.tie_drawn.emit(source.role.id, target))
        corner = self.mapFromScene(source.pos())
        self.chooser.open_at(self.viewport().mapToGlobal(corner))
        return self.chooser

    def select_all(self) -> None:
        for item in self.map_scene.items():
            if item.flags() & item.GraphicsItemFlag.ItemIsSelectable:
                item.setSelected(True)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(self.mode.cursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    # -- renaming in place ---------------------------------------------------------------------

    def _rename_selected(self) -> None:
        ids = self.map_scene.selected_role_ids()
        if len(ids) == 1:
            self.start_rename(self.map_scene.item_for_role[ids[0]])

    def start_rename(self, role: RoleItem) -> QLineEdit:
        """An editor over the role's label: Enter keeps the name, Esc cancels."""
        self.cancel_rename()
        editor = QLineEdit(role.role.name, self.viewport())
        editor.setAccessibleName("Role name")
        editor.selectAll()
        anchor = self.mapFromScene(role.pos())
        width = max(220, editor.sizeHint().width())
        editor.setGeometry(anchor.x() - width // 2, anchor.y() - 16, width, 36)
        editor.returnPressed.connect(self._on_editor_return_pressed)
        editor.installEventFilter(self)
        editor.show()
        editor.setFocus()
        self.editor = editor
        self._editing_role = role.role.id
        return editor

    def _on_editor_return_pressed(self) -> None:
        editor, role_id = self.editor, self._editing_role
        if editor is None or role_id is None:
            return
        text = editor.text()
        self.cancel_rename()
        self.rename_requested.emit(role_id, text)

    def cancel_rename(self) -> None:
        if self.editor is not None:
            editor, self.editor, self._editing_role = self.editor, None, None
            editor.hide()
            editor.deleteLater()
            self.setFocus()

    def eventFilter(self, watched: object, event: object) -> bool:
        if (watched is self.editor and isinstance(event, QKeyEvent)
                and event.type() == QKeyEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape):
            self.cancel_rename()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
