"""Table cells holding a date are edited in the app's one date field (date_field.py).

A cell whose edit value is a QDate gets a DateField; every other cell keeps Qt's own
editor. Text that is not a date changes nothing. This module stays light (no `Qt`
namespace, no date field until a date is edited): every table installs it, some of
them in the first frame.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from rcdesk.domain.errors import ValidationError

EDIT_ROLE = 2  # Qt.ItemDataRole.EditRole, without building the Qt namespace

Index = QModelIndex | QPersistentModelIndex


class DateDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        if isinstance(index.data(EDIT_ROLE), QDate):
            from PySide6.QtCore import Qt  # only once a date is edited (after the first frame)

            from rcdesk.ui.date_field import DateField

            header = index.model().headerData(index.column(), Qt.Orientation.Horizontal)
            field = DateField(str(header or "Date"), parent)
            field.setFrame(False)
            return field
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        from rcdesk.ui.date_field import DateField

        if isinstance(editor, DateField):
            value = index.data(EDIT_ROLE)
            valid = isinstance(value, QDate) and value.isValid()
            editor.set_value(date(value.year(), value.month(), value.day()) if valid else None)
            editor.selectAll()
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        from rcdesk.ui.date_field import DateField

        if isinstance(editor, DateField):
            try:
                chosen = editor.typed()
            except ValidationError:
                return
            model.setData(index, QDate(chosen.year, chosen.month, chosen.day) if chosen
                          else QDate(), EDIT_ROLE)
            return
        super().setModelData(editor, model, index)
