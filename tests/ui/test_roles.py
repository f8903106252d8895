"""Roles on the Overview, driven with real keys and clicks, checked in the library."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from rcdesk.store.connection import open_library
from rcdesk.store.repository import list_roles, list_ties
from rcdesk.ui.main_window import MainWindow
from rcdesk.ui.workshop_page import WorkshopPage


def activate(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()


def add_roles(qtbot: QtBot, page: WorkshopPage, *names: str) -> None:
    field = page.overview.roles.new_name
    for name in names:
        field.setFocus()
        qtbot.keyClicks(field, name)
        qtbot.keyClick(field, Qt.Key.Key_Return)


def role_names(page: WorkshopPage) -> list[str]:
    return [r.name for r in page.model.service.roles()]


def press(qtbot: QtBot, window: MainWindow, key: str) -> None:
    """Type a key sequence such as "Ctrl+Z" at the focused widget of the active window."""
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(key)[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def test_typing_roles_adds_them_in_order_and_keeps_the_field_ready(qtbot, workshop):
    window, page = workshop
    add_roles(qtbot, page, "Nurses", "Physicians", "  Case managers ")
    assert role_names(page) == ["Nurses", "Physicians", "Case managers"]
    assert page.overview.roles.new_name.text() == ""
    assert page.overview.roles.table_model.rowCount() == 3
    assert window.status.message.text() == "Saved"


def test_a_duplicate_role_is_refused_with_a_message_and_the_typed_name_stays(qtbot, workshop):
    window, page = workshop
    add_roles(qtbot, page, "Nurses", "nurses ")
    assert role_names(page) == ["Nurses"]
    assert "already a role called “Nurses”" in window.status.message.text()
    assert page.overview.roles.new_name.text() == "nurses "


def test_rename_in_the_table_then_undo_and_redo_with_keys(qtbot, workshop):
    window, page = workshop
    activate(qtbot, window)
    add_roles(qtbot, page, "Nurses", "Doctors")
    table = page.overview.roles.table
    table.setFocus()
    table.setCurrentIndex(page.overview.roles.table_model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Physicians")
    with qtbot.waitSignal(page.model.roles_changed):  # the delegate commits on the next loop
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert role_names(page) == ["Nurses", "Physicians"]
    assert window.actions_by_name["undo"].text() == "Undo Rename role"

    press(qtbot, window, "Ctrl+Z")
    assert role_names(page) == ["Nurses", "Doctors"]
    press(qtbot, window, "Ctrl+Shift+Z")
    assert role_names(page) == ["Nurses", "Physicians"]
    press(qtbot, window, "Ctrl+Z")
    press(qtbot, window, "Ctrl+Y")
    assert role_names(page) == ["Nurses", "Physicians"]


def test_reorder_with_alt_arrows_and_undo(qtbot, workshop):
    window, page = workshop
    activate(qtbot, window)
    add_roles(qtbot, page, "A", "B", "C")
    panel = page.overview.roles
    panel.table.setFocus()
    panel.select_role(page.model.service.roles()[0].id)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert role_names(page) == ["B", "A", "C"]
    assert panel.selected_role().name == "A"
    qtbot.keyClick(panel.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert role_names(page) == ["B", "C", "A"]
    press(qtbot, window, "Ctrl+Z")
    assert role_names(page) == ["B", "A", "C"]
    qtbot.mouseClick(panel.up, Qt.MouseButton.LeftButton)
    assert role_names(page) == ["A", "B", "C"]
    window.undo_group.undo()
    window.undo_group.redo()
    assert role_names(page) == ["A", "B", "C"]


def test_delete_key_removes_a_role_with_its_ties_and_undo_brings_them_back(qtbot, make_window):
    window = make_window()
    activate(qtbot, window)
    window.home.open_sample()
    page = window.workshop_page
    service = page.model.service
    nurses = next(r for r in service.roles() if r.name == "Nurses")
    ties_before = service.ties()
    ratings_before = service.ratings()
    assert any(nurses.id in (t.source_id, t.target_id) for t in ties_before)

    panel = page.overview.roles
    panel.table.setFocus()
    panel.select_role(nurses.id)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert "Nurses" not in role_names(page)
    assert all(nurses.id not in (t.source_id, t.target_id) for t in service.ties())
    assert panel.table_model.rowCount() == 6
    assert window.status.undo_button.isVisible()
    assert "Deleted role “Nurses”" in window.status.message.text()

    qtbot.mouseClick(window.status.undo_button, Qt.MouseButton.LeftButton)
    assert "Nurses" in role_names(page)
    assert service.ties() == ties_before
    assert service.ratings() == ratings_before
    press(qtbot, window, "Ctrl+Shift+Z")
    assert "Nurses" not in role_names(page)


def test_headcount_and_colour_are_saved_and_undoable(qtbot, workshop):
    window, page = workshop
    add_roles(qtbot, page, "Nurses")
    panel = page.overview.roles
    model = panel.table_model
    assert model.setData(model.index(0, model.column_index("Headcount")), 12)
    assert page.model.service.roles()[0].headcount == 12
    panel.select_role(page.model.service.roles()[0].id)
    blue = panel.colour.menu().actions()[0]
    blue.trigger()
    assert page.model.service.roles()[0].colour == "#0072B2"
    window.undo_group.undo()
    assert page.model.service.roles()[0].colour is None
    window.undo_group.undo()
    assert page.model.service.roles()[0].headcount is None


def test_roles_survive_closing_and_reopening_the_app(qtbot, make_window, library_path):
    window = make_window()
    window.home.new_workshop()
    page = window.workshop_page
    title = page.overview.details.fields["title"]
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Ward 7 discharge")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    add_roles(qtbot, page, "Nurses", "Physicians", "Pharmacists")
    page.model.service.map.rename_role(page.model.service.roles()[2].id, "Pharmacy")
    window.close()

    library = open_library(library_path, create=False)
    try:
        (row,) = list(library.db.query("SELECT id, title FROM workshops"))
        assert row["title"] == "Ward 7 discharge"
        assert [r.name for r in list_roles(library.db, row["id"])] == [
            "Nurses", "Physicians", "Pharmacy"]
        assert list_ties(library.db, row["id"]) == []
    finally:
        library.close()

    again = make_window()
    assert [s.title for s in again.home.table_model.records()] == ["Ward 7 discharge"]
    again.home.open_selected()
    assert role_names(again.workshop_page) == ["Nurses", "Physicians", "Pharmacy"]
