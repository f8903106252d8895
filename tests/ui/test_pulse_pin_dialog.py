"""The PIN asked before passing the laptop: 4 to 8 digits, typed twice alike."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from rcdesk.ui.conversations.pulse_questions import PinDialog, valid_pin


def test_a_pin_has_4_to_8_digits_typed_twice(qtbot) -> None:
    dialog = PinDialog(None)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.first.setText("123")
    assert not ok.isEnabled() and "4 to 8 digits" in dialog.note.text()
    dialog.first.setText("2468")
    dialog.second.setText("2469")
    assert not ok.isEnabled() and "differ" in dialog.note.text()
    dialog.second.setText("2468")
    assert ok.isEnabled() and dialog.note.text() == ""
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, "24a8")  # the validator keeps letters out
    assert dialog.first.text() == "248" and not ok.isEnabled()
    assert [valid_pin(p) for p in ("1234", "12345678", "123456789", "12 4", "")] == [
        True, True, False, False, False]
