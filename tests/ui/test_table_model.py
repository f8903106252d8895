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
