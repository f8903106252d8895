"""An unexpected error: details to the log file, a calm message, and the app goes on."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from rcdesk import app


def test_an_unexpected_error_is_logged_and_shown_calmly(qtbot, make_window, monkeypatch,
                                                       tmp_path):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text: shown.append(f"{title}: {text}"))
    monkeypatch.setattr(app, "log_dir", lambda: tmp_path / "logs")
    window = make_window()
    title = "Ward " + "7B"  # workshop content a message might quote
    try:
        raise RuntimeError(f"a bug in a slot while showing {title}")
    except RuntimeError as exc:
        app.report_unexpected(type(exc), exc, exc.__traceback__)
    log = (tmp_path / "logs" / "rcdesk-errors.log").read_text(encoding="utf-8")
    assert "RuntimeError" in log and "Traceback" in log
    assert title not in log  # the log quotes no workshop content
    assert len(shown) == 1 and "Traceback" not in shown[0]
    assert str(tmp_path / "logs") in shown[0] and "saved" in shown[0]
    window.home.new_workshop()  # the window still works afterwards
    assert window.workshop_page is not None
