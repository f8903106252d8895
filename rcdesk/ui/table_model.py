"""A read/write table model over a list of records, with named columns.

Each page declares its columns once (title, how to show a record, how to edit
it); the model does the Qt plumbing. Edits go through the column's setter,
which runs a service command; the model reloads when its source signals a change.

The model is a QStandardItemModel whose cells stay empty: `data` answers from the
records, while the row count, the column titles and the item flags are Qt's own (C++).
A view asks for a cell's flags on every paint and for the titles many times per
layout; answering those from Python makes PySide convert `Qt.ItemFlag` and
`Qt.Orientation` values, which first builds the whole `Qt` namespace (93 enum types,
22 ms of a cold start, see docs/packaging.md). Qt's flags call every cell editable, so
which cells take edits is said by `is_editable` and enforced by the view
(`widgets.RecordTableView.edit` asks `may_edit`) and by `setData`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

# Qt.ItemDataRole values as plain ints: views pass the role as an int, and comparing it with
# a PySide enum member costs more than the rest of `data` (about 1,400 calls before the
# first frame of a workshop); naming the enum would also build the `Qt` namespace.
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


class RecordTableModel(QStandardItemModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], load: Callable[[], list[T]]) -> None:
        super().__init__(0, len(columns))
        self.columns = list(columns)
        self.setHorizontalHeaderLabels([column.name for column in self.columns])
        self._load = load
        self._records: list[T] = load()
        self._size_rows()

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
        self._size_rows()
        self.endResetModel()

    def _size_rows(self) -> None:
        """Give Qt's side as many (empty) rows as there are records.

        Inside a reset the row signals are held back: views and proxies read everything
        again when the reset ends.
        """
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(len(self._records))
        finally:
            self.blockSignals(blocked)

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

    def is_editable(self, index: Index) -> bool:
        """Whether the cell takes edits: its column has a setter."""
        return index.isValid() and self.columns[index.column()].setter is not None

    def setData(self, index: Index, value: Any, role: int = EDIT_ROLE) -> bool:
        if not index.isValid() or role != EDIT_ROLE:
            return False
        setter = self.columns[index.column()].setter
        if setter is None:
            return False
        return setter(self._records[index.row()], value)


def may_edit(index: Index) -> bool:
    """Whether the cell at `index` takes edits, asked through any proxy models.

    A RecordTableModel says so itself (see the module's note); other models through the
    flags Qt checks anyway.
    """
    model = index.model()
    while isinstance(model, QAbstractProxyModel):
        index = model.mapToSource(index)
        model = model.sourceModel()
    return not isinstance(model, RecordTableModel) or model.is_editable(index)


def selected_record(view: QAbstractItemView, model: RecordTableModel[T]) -> T | None:
    """The record of the view's (single) selected row, if any."""
    rows = view.selectionModel().selectedRows()
    return model.record(rows[0].row()) if rows else None


def select_record(view: QTableView, model: RecordTableModel[T], record_id: int) -> bool:
    row = model.row_of(record_id)
    if row is not None:
        view.selectRow(row)
    return row is not None
