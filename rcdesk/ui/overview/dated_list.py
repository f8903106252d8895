"""A small editable table with Add and Delete buttons, shared by waves and meetings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QHBoxLayout,
    QWidget,
)

from rcdesk.ui.table_model import Column, RecordTableModel, selected_record
from rcdesk.ui.widgets import button, record_table, section

T = TypeVar("T")


def to_qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else QDate.currentDate()


def from_qdate(value: Any) -> date | None:
    if isinstance(value, QDate) and value.isValid():
        return date(value.year(), value.month(), value.day())
    if isinstance(value, date):
        return value
    return None


def show_date(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else "—"


class RecordListPanel(QWidget, Generic[T]):
    """Title, table and an Add / Delete row; the owner supplies columns and commands."""

    def __init__(self, title: str, noun: str, columns: Sequence[Column[T]],
                 load: Callable[[], list[T]], add_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table_model: RecordTableModel[T] = RecordTableModel(columns, load)
        layout = section(self, title)
        self.box = layout
        self.table = record_table(f"{title} table", self.table_model,
                                  stretch_column=len(columns) - 1, parent=self)
        self.table.setMinimumHeight(110)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add = button(add_text, add_text, self.on_add)
        self.delete = button("Delete", f"Delete {noun}", self.on_delete,
                             tip=f"Delete the selected {noun}; Ctrl+Z brings it back")
        row.addWidget(self.add)
        row.addStretch(1)
        row.addWidget(self.delete)
        layout.addLayout(row)

    def selected(self) -> T | None:
        return selected_record(self.table, self.table_model)

    def refresh(self, reload: bool = True) -> None:
        """Follow the records (re-read unless the model has just read them)."""
        if reload:
            self.table_model.reload()
        self.delete.setEnabled(self.table_model.rowCount() > 0)

    def on_add(self) -> None:
        raise NotImplementedError

    def on_delete(self) -> None:
        raise NotImplementedError
