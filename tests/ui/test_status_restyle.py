"""The status bar says "Saved" after every edit: saying it again styles nothing again (a
re-polish of the message on every rating, undo and redo)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from rcdesk.ui import app_style


def test_saying_saved_again_does_not_restyle_the_message(qtbot, make_window) -> None:
    window = make_window()
    app = QApplication.instance()
    app_style.activate(app)
    status = window.status
    status.saved()
    polished = []
    app_style.add_polish_hook(app, "test", polished.append)
    try:
        status.saved()
        status.note("Something to say")
    finally:
        app_style.add_polish_hook(app, "test", None)
    assert polished == []
    assert status.message.text() == "Something to say"
    status.error(ValueError("Bad"))  # a new role: styled again
    assert status.message.property("textRole") == "error"
