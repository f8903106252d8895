"""The main window's menus and keys, declared in one place (ux.md, platform-notes.md)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from rcdesk.ui.main_window import MainWindow

SK = QKeySequence.StandardKey


def _action(window: MainWindow, text: str, slot: Callable[..., object],
            keys: tuple[QKeySequence | QKeySequence.StandardKey | str, ...] = (), tip: str = "",
            checkable: bool = False) -> QAction:
    action = QAction(window)  # QAction(text, window) makes PySide weigh the QIcon overload,
    action.setText(text)  # which sets up QIcon's Python enums: 2 ms of a cold start
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}"
                      + (f" ({shortcut})" if shortcut else ""))
    action.setStatusTip(tip)
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def _report_action(name: str, window: MainWindow, *args: object) -> object:
    """Run `rcdesk.ui.report_actions.<name>`, importing it (and the Report page) only now."""
    from rcdesk.ui import report_actions

    return getattr(report_actions, name)(window, *args)


def build_menus(window: MainWindow) -> dict[str, QAction]:
    bar = window.menuBar()
    a: dict[str, QAction] = {}
    file_menu = bar.addMenu("&File")
    a["new"] = _action(window, "&New Workshop", lambda: window.home.new_workshop(), (SK.New,))
    a["sample"] = _action(window, "Open the &Sample Workshop", lambda: window.home.open_sample())
    a["close"] = _action(window, "&Close Workshop", window.close_workshop, ("Ctrl+W",),
                         "Back to the list of workshops")
    a["export_map"] = _action(window, "Export &Map…", window.export_map, ("Ctrl+E",),
                              "Save the map as PNG (for slides) or SVG")
    a["import"] = _action(window, "&Import Survey Results…", window.choose_survey_to_import,
                          ("Ctrl+I",), "Read RC survey results from a CSV file into this workshop")
    a["template"] = _action(window, "Save Survey &Template…", window.save_survey_template,
                            tip="Save an empty survey CSV with the columns rcdesk reads")
    a["export_pdf"] = _action(window, "Export &PDF…",
                              partial(_report_action, "export_pdf", window),
                              ("Ctrl+Shift+E",), "Write the PDF summary for the team")
    a["export_workshop"] = _action(window, "Export &Workshop…",
                                   partial(_report_action, "export_workshop", window),
                                   tip="The whole workshop as one file, individual answers "
                                   "included, for a co-facilitator or an archive")
    a["import_workshop"] = _action(window, "Import W&orkshop…",
                                   partial(_report_action, "import_workshop", window),
                                   tip="Add a workshop from an .rcdesk file")
    a["restore"] = _action(window, "&Restore from Backup…", window.restore_from_backup,
                           tip="Put back a copy of the library from its backups folder")
    a["quit"] = _action(window, "&Quit", window.close, ("Ctrl+Q",),
                        "Quit rcdesk; everything is already saved")
    for key in ("new", "sample", "close", None, "import", "template", "export_map", "export_pdf",
                "export_workshop", "import_workshop", None, "restore", None, "quit"):
        file_menu.addSeparator() if key is None else file_menu.addAction(a[key])

    edit_menu = bar.addMenu("&Edit")
    a["undo"] = window.undo_group.createUndoAction(window, "Undo")
    a["undo"].setShortcuts([QKeySequence(SK.Undo)])
    a["redo"] = window.undo_group.createRedoAction(window, "Redo")
    a["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for key in ("undo", "redo"):
        window.addAction(a[key])
        edit_menu.addAction(a[key])

    view_menu = bar.addMenu("&View")
    a["projector"] = _action(window, "&Projector Mode", window.set_projector_mode, ("Ctrl+P",),
                             "Large type and high contrast for the room", checkable=True)
    a["projector"].setChecked(window.settings.get("view/projector"))
    a["dark"] = _action(window, "&Dark Theme", window.set_dark, checkable=True)
    a["dark"].setChecked(window.settings.get("view/theme") == "dark")
    a["full_screen"] = _action(window, "&Full Screen", window.toggle_full_screen, ("F11",))
    a["leave_full_screen"] = _action(window, "Leave Full Screen", window.leave_full_screen,
                                     ("Esc",))
    a["leave_full_screen"].setEnabled(False)
    a["zoom_in"] = _action(window, "Zoom &In", partial(window.zoom, 1), ("Ctrl++", "Ctrl+="))
    a["zoom_out"] = _action(window, "Zoom &Out", partial(window.zoom, -1), ("Ctrl+-",))
    a["zoom_reset"] = _action(window, "&Reset Zoom", partial(window.zoom, 0), ("Ctrl+0",))
    for key in ("projector", "dark", "full_screen", None, "zoom_in", "zoom_out", "zoom_reset",
                None):
        view_menu.addSeparator() if key is None else view_menu.addAction(a[key])
    from rcdesk.ui.workshop_page import STAGES

    for index, (name, _) in enumerate(STAGES):
        a[f"stage{index}"] = _action(window, name, partial(window.show_stage, index),
                                     (f"Ctrl+{index + 1}",))
        view_menu.addAction(a[f"stage{index}"])

    help_menu = bar.addMenu("&Help")
    a["shortcuts"] = _action(window, "&Keyboard Shortcuts", partial(window.show_help,
                                                                     "shortcuts"), ("F1",))
    a["scoring"] = _action(window, "How rcdesk &Scores", partial(window.show_help, "scoring"))
    a["log"] = _action(window, "Open &Log Folder", window.open_log_folder)
    a["about"] = _action(window, "&About rcdesk", partial(window.show_help, "about"))
    for key in ("shortcuts", "scoring", "log", "about"):
        help_menu.addAction(a[key])
    return a
