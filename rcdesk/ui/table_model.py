"""A read/write table model over a list of records, with named columns.

Each page declares its columns once (title, how to show a record, how to edit
it); the model does the Qt plumbing. Edits go through the column's setter,
which runs a service command; the model reloads when its source signals a change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

# Qt.ItemDataRole values as plain ints: views pass the role as an int, and comparing it with
# a PySide enum member costs more than the rest of `data` (about 1,400 calls before the
# first frame of a workshop).
DISPLAY_ROLE = 0
DECORATION_ROLE = 1
EDIT_ROLE = 2
TOOLTIP_ROLE = 3


@dataclass(frozen=True)
class Column(Generic[T]):
    """A table column: its title, how it shows a record, and how (if at all) it edits one."""

    name: str
    display: Callable[[T], Any]
    setter: Callable[[T, Any], bool] | None = None
    edit_value: Callable[[T], Any] | None = None
    tooltip: str = ""
    decoration: Callable[[T], Any] | None = None


class RecordTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], load: Callable[[], list[T]]) -> None:
        super().__init__()
        self.columns = list(columns)
        self._load = load
        self._records: list[T] = load()

    def reload(self) -> None:
        """Re-read the records; keeps the view's selection when the row count is unchanged."""
        records = self._load()
        if len(records) == len(self._records) and records:
            self._records = records
            last = self.index(len(records) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._records = records
        self.endResetModel()

    def record(self, row: int) -> T:
        return self._records[row]

    def row_of(self, record_id: int) -> int | None:
        """The row showing the record with this id (records carry an `id`)."""
        for row, record in enumerate(self._records):
            if getattr(record, "id", None) == record_id:
                return row
        return None

    def records(self) -> list[T]:
        return list(self._records)

    def column_index(self, name: str) -> int:
        return [c.name for c in self.columns].index(name)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if role > TOOLTIP_ROLE or not index.isValid():  # sizes, fonts, colours: Qt's own
            return None
        row = index.row()
        if row >= len(self._records):
            return None
        column = self.columns[index.column()]
        record = self._records[row]
        if role == DISPLAY_ROLE:
            value = column.display(record)
            return "" if value is None else str(value)
        if role == EDIT_ROLE:
            getter = column.edit_value or column.display
            return getter(record)
        if role == DECORATION_ROLE:
            return column.decoration(record) if column.decoration else None
        if role == TOOLTIP_ROLE and column.tooltip:
            return column.tooltip
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].name
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].setter is not None:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        setter = self.columns[index.column()].setter
        if setter is None:
            return False
        return setter(self._records[index.row()], value)


def selected_record(view: QAbstractItemView, model: RecordTableModel[T]) -> T | None:
    """The record of the view's (single) selected row, if any."""
    rows = view.selectionModel().selectedRows()
    return model.record(rows[0].row()) if rows else None


def select_record(view: QTableView, model: RecordTableModel[T], record_id: int) -> bool:
    row = model.row_of(record_id)
    if row is not None:
        view.selectRow(row)
    return row is not None
