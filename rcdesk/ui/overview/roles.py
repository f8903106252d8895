"""The roles in the focal work process: add, rename, reorder, headcount, colour, delete."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from rcdesk.domain.model import Role
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.table_model import Column, RecordTableModel, select_record, selected_record
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import button, label, named, record_table, section, widget_shortcut
from rcdesk.ui.workshop_model import WorkshopModel

#: Role colours: Okabe–Ito and Tol hues that stay clear of the three band colours
#: (vermillion, orange, bluish green), so a role is never mistaken for a tie strength.
ROLE_COLOURS = (
    ("Blue", "#0072B2"), ("Sky blue", "#56B4E9"), ("Reddish purple", "#CC79A7"),
    ("Yellow", "#F0E442"), ("Indigo", "#332288"), ("Wine", "#882255"),
    ("Grey", "#999999"), ("Black", "#000000"),
)


class RolesPanel(QWidget):
    def __init__(self, model: WorkshopModel, runner: EditRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._edits = model.session.map
        self._runner = runner
        self._feedback = feedback
        service = model.service
        self.table_model: RecordTableModel[Role] = RecordTableModel(
            [
                Column("Role", lambda r: r.name, self._rename,
                       tooltip="Double-click or F2 to rename"),
                Column("Headcount", lambda r: r.headcount, self._set_headcount,
                       edit_value=lambda r: r.headcount or 0,
                       tooltip="How many people in this role take part in the process"),
                Column("Colour", lambda r: _colour_name(r.colour),
                       decoration=lambda r: QColor(r.colour) if r.colour else None),
            ],
            service.roles,
        )
        layout = section(self, "Roles")
        self.hint = label("Add the roles in your work process: type a name and press Enter.",
                          "muted", wrap=True)
        layout.addWidget(self.hint)
        entry = QHBoxLayout()
        self.new_name = named(QLineEdit(), "New role name",
                              "Type a role (for example Nurses) and press Enter")
        self.new_name.setPlaceholderText("New role, e.g. Nurses")
        self.new_name.returnPressed.connect(self._on_add)
        entry.addWidget(self.new_name, 1)
        entry.addWidget(button("Add role", "Add role", self._on_add, accent=True))
        layout.addLayout(entry)
        self.table = record_table("Roles table", self.table_model, stretch_column=0,
                                  parent=self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_actions())
        model.roles_changed.connect(self._on_model_roles_changed)
        self._on_model_roles_changed(reload=False)  # the table model has just read them

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.up = button("Move up", "Move role up", self._on_move_up, tip="Alt+Up")
        self.down = button("Move down", "Move role down", self._on_move_down, tip="Alt+Down")
        self.colour = named(QToolButton(), "Role colour", "Choose the selected role's colour")
        self.colour.setText("Colour")
        self.colour.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.colour)
        for name, hex_value in ROLE_COLOURS:
            action = menu.addAction(name)
            action.setData(hex_value)
        menu.addSeparator()
        menu.addAction("No colour").setData(None)
        menu.triggered.connect(self._on_colour_chosen)
        self.colour.setMenu(menu)
        self.delete = button("Delete", "Delete role", self._on_delete,
                             tip="Delete the selected role and its ties (Del); Ctrl+Z brings "
                                 "them back")
        for widget in (self.up, self.down, self.colour):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.delete)
        for shortcut, slot in (("Alt+Up", self._on_move_up), ("Alt+Down", self._on_move_down),
                               (QKeySequence.StandardKey.Delete, self._on_delete)):
            widget_shortcut(self.table, shortcut, slot)
        return row

    # -- state -------------------------------------------------------------------------------

    def selected_role(self) -> Role | None:
        return selected_record(self.table, self.table_model)

    def select_role(self, role_id: int) -> None:
        select_record(self.table, self.table_model, role_id)

    def _on_model_roles_changed(self, reload: bool = True) -> None:
        selected = self.selected_role()
        if reload:
            self.table_model.reload()
        if selected is not None:
            self.select_role(selected.id)
        has_roles = self.table_model.rowCount() > 0
        self.hint.setVisible(not has_roles)
        for widget in (self.up, self.down, self.colour, self.delete):
            widget.setEnabled(has_roles)

    # -- commands ----------------------------------------------------------------------------

    def _on_add(self) -> None:
        name = self.new_name.text()
        if self._runner.run(lambda: self._edits.add_role(name)):
            self.new_name.clear()
            self.table.scrollToBottom()

    def _rename(self, role: Role, value: Any) -> bool:
        return self._runner.run(lambda: self._edits.rename_role(role.id, str(value)))

    def _set_headcount(self, role: Role, value: Any) -> bool:
        try:
            count = int(value)
        except (TypeError, ValueError):
            count = -1
        return self._runner.run(
            lambda: self._edits.set_role_headcount(role.id, count or None)
        )

    def _move(self, offset: int) -> None:
        role = self.selected_role()
        if role is None:
            return
        index = [r.id for r in self.table_model.records()].index(role.id)
        self._runner.run(lambda: self._edits.move_role(role.id, index + offset))
        self.select_role(role.id)

    def _on_move_up(self) -> None:
        self._move(-1)

    def _on_move_down(self) -> None:
        self._move(+1)

    def _on_colour_chosen(self, action: QAction) -> None:
        role = self.selected_role()
        if role is not None:
            colour = action.data()
            self._runner.run(lambda: self._edits.set_role_colour(role.id, colour))

    def _on_delete(self) -> None:
        role = self.selected_role()
        if role is None:
            return
        if self._runner.run(lambda: self._edits.delete_role(role.id)):
            self._feedback.deleted(f"Deleted role “{role.name}” and its ties")


def _colour_name(colour: str | None) -> str:
    for name, value in ROLE_COLOURS:
        if colour and value.lower() == colour.lower():
            return name
    return colour or "—"
