"""The record table model passes Qt's model checks with real workshop data."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QSpinBox

from rcdesk.ui.table_model import Column, RecordTableModel, may_edit
from rcdesk.ui.widgets import record_table


def test_roles_model_passes_qtmodeltester(qtmodeltester, qtbot, make_window):
    window = make_window(show=False)
    window.home.open_sample()
    model = window.workshop_page.overview.roles.table_model
    qtmodeltester.check(model, force_py=True)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == \
        ["Role", "Headcount", "Colour"]
    assert model.is_editable(model.index(0, model.column_index("Role")))
    assert not model.is_editable(model.index(0, model.column_index("Colour")))


def test_only_a_cell_whose_column_has_a_setter_opens_an_editor(qtbot, make_window):
    window = make_window()
    window.home.open_sample()
    roles = window.workshop_page.overview.roles
    table, model = roles.table, roles.table_model
    table.setFocus()
    for column, editing in (("Colour", False), ("Role", True)):
        table.setCurrentIndex(model.index(1, model.column_index(column)))
        qtbot.keyClick(table, Qt.Key.Key_F2)
        assert (table.state() == QAbstractItemView.State.EditingState) is editing, column
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Escape)
    assert table.state() != QAbstractItemView.State.EditingState
    assert not model.setData(model.index(1, model.column_index("Colour")), "#000000")


def test_editability_is_asked_through_proxy_models(qtbot):
    seen: list[tuple[str, int]] = []
    model: RecordTableModel[tuple[str, int]] = RecordTableModel(
        [Column("Name", lambda r: r[0]),
         Column("Count", lambda r: r[1], setter=lambda r, v: seen.append((r[0], v)) or True)],
        lambda: [("b", 2), ("a", 1)])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(0)
    assert [proxy.data(proxy.index(row, 0)) for row in range(2)] == ["a", "b"]
    assert not may_edit(proxy.index(0, 0)) and may_edit(proxy.index(0, 1))
    table = record_table("Counts", proxy, 0)
    qtbot.addWidget(table)
    table.show()
    table.setCurrentIndex(proxy.index(0, 1))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() == QAbstractItemView.State.EditingState
    editor = table.viewport().findChild(QSpinBox)  # Qt's editor for an int
    editor.setValue(5)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: seen == [("a", 5)])  # the delegate commits on the next loop


def test_reload_follows_the_records_through_a_proxy(qtbot):
    rows = [("a", 1)]
    model: RecordTableModel[tuple[str, int]] = RecordTableModel(
        [Column("Name", lambda r: r[0])], lambda: list(rows))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    table = record_table("Names", proxy, 0)
    qtbot.addWidget(table)
    for rows[:] in ([("c", 3), ("b", 2), ("a", 1)], [], [("z", 9)]):
        model.reload()
        assert model.rowCount() == proxy.rowCount() == len(rows)
        assert [proxy.data(proxy.index(r, 0)) for r in range(len(rows))] == [r[0] for r in rows]


def test_home_model_passes_qtmodeltester(qtmodeltester, qtbot, make_window):
    window = make_window(show=False)
    window.home.open_sample()
    window.close_workshop()
    qtmodeltester.check(window.home.table_model, force_py=True)
    assert window.home.table_model.data(window.home.table_model.index(0, 2)) == "7"


def test_data_answers_int_and_enum_roles_alike_and_nothing_else(qtbot, make_window):
    """data() compares plain int roles (a start-up saving); PySide enum roles still work."""
    window = make_window(show=False)
    window.home.open_sample()
    model = window.workshop_page.overview.roles.table_model
    name = model.index(0, model.column_index("Role"))
    colour = model.index(0, model.column_index("Colour"))
    role = model.record(0)
    for display, edit, tooltip in ((0, 2, 3), (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.EditRole,
                                               Qt.ItemDataRole.ToolTipRole)):
        assert model.data(name, display) == role.name
        assert model.data(name, edit) == role.name
        assert model.data(name, tooltip) == "Double-click or F2 to rename"
        assert model.data(colour, tooltip) is None  # a column without a tooltip
    assert model.data(name, Qt.ItemDataRole.DecorationRole) is None  # no decoration column
    for other in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
                  Qt.ItemDataRole.UserRole, 4):
        assert model.data(name, other) is None
    assert model.data(model.index(0, 0).siblingAtRow(999)) is None


def test_tab_from_an_editor_goes_on_to_the_next_cell_that_takes_edits(qtbot, qtlog,
                                                                      make_window):
    window = make_window()
    window.home.open_sample()
    roles = window.workshop_page.overview.roles
    table, model = roles.table, roles.table_model
    table.setFocus()
    table.setCurrentIndex(model.index(0, model.column_index("Headcount")))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() == QAbstractItemView.State.EditingState
    editor = table.viewport().findChild(QSpinBox)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # past the Colour cell, which takes no edits
    QApplication.processEvents()
    assert table.state() == QAbstractItemView.State.EditingState
    assert table.currentIndex() == model.index(1, model.column_index("Role"))
    QApplication.focusWidget().setText("Doctors")  # Shift+Tab from there: back a row
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    QApplication.processEvents()
    assert table.currentIndex() == model.index(0, model.column_index("Headcount"))
    assert model.record(1).name == "Doctors"
    assert not [m for m in qtlog.records if "editing failed" in m.message]
