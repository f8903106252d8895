"""Tie to…: choose a tie's target role by typing (the keyboard way to draw a tie).

With one role selected on the map, T opens this small chooser beside it: type part of a
name to filter, ↑/↓ to pick, Enter to draw the tie, Esc to close.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from rcdesk.ui.widgets import label


class RoleChooser(QFrame):
    """A popup list of roles filtered by what is typed; `chosen` gets the role id."""

    def __init__(self, parent: QWidget, source_name: str, roles: list[tuple[int, str]],
                 chosen: Callable[[int], None]) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Tie to role")
        self._chosen = chosen
        layout = QVBoxLayout(self)
        layout.addWidget(label(f"Tie from {source_name} to…", "section"))
        self.filter = QLineEdit()
        self.filter.setAccessibleName("Type part of the role's name")
        self.filter.setPlaceholderText("Type to filter, Enter to draw the tie")
        self.list = QListWidget()
        self.list.setAccessibleName("Roles")
        for role_id, name in roles:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, role_id)
            self.list.addItem(item)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.filter.installEventFilter(self)
        self.list.itemActivated.connect(self._on_item_activated)
        self._on_filter_text_changed("")

    def choices(self) -> list[str]:
        """The role names still shown, in order."""
        return [self.list.item(i).text() for i in range(self.list.count())
                if not self.list.item(i).isHidden()]

    def open_at(self, point: QPoint) -> None:
        self.resize(max(320, self.sizeHint().width()), 320)
        self.move(point)
        self.show()
        self.filter.setFocus()

    def _on_filter_text_changed(self, text: str) -> None:
        wanted = text.casefold().strip()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hide = bool(wanted) and wanted not in item.text().casefold()
            item.setHidden(hide)
            if not hide and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)
        else:
            self.list.setCurrentRow(-1)

    def _move(self, step: int) -> None:
        shown = [self.list.item(i) for i in range(self.list.count())
                 if not self.list.item(i).isHidden()]
        if not shown:
            return
        current = self.list.currentItem()
        index = shown.index(current) if current in shown else -1
        self.list.setCurrentItem(shown[max(0, min(len(shown) - 1, index + step))])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and isinstance(event, QKeyEvent) and \
                event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_item_activated(self.list.currentItem())
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _on_item_activated(self, item: QListWidgetItem | None) -> None:
        if item is None or item.isHidden():
            return
        self.close()
        self._chosen(int(item.data(Qt.ItemDataRole.UserRole)))
