"""The record table model passes Qt's model checks with real workshop data."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_roles_model_passes_qtmodeltester(qtmodeltester, qtbot, make_window):
    window = make_window(show=False)
    window.home.open_sample()
    model = window.workshop_page.overview.roles.table_model
    qtmodeltester.check(model, force_py=True)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Role"
    assert model.flags(model.index(0, model.column_index("Colour"))) & \
        Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags


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
