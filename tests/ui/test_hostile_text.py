"""Hostile text typed into the Overview's fields: stored and shown intact, never a crash."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

HOSTILE = [
    "Médecins — Pflegefachkräfte, Ørjan, Łukasz, Фельдшеры",
    "ممرضات الجناح",  # right-to-left
    "Cafe\u0301 team \u200d\u200f",  # combining accent, zero-width joiner, RTL mark
    "🏥 Ward 7 👩‍⚕️",
    "<b>bold</b> & <script>x</script>",
    "=cmd|' /C calc'!A0",
    "tab\there\u0007bell\u001fus",
]


def enter(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    field.insert(text)  # as typed or pasted, control characters included
    qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.parametrize("text", HOSTILE)
def test_free_text_details_keep_what_was_typed(qtbot, workshop, text):
    window, page = workshop
    details = page.overview.details
    for key in ("team", "process", "facilitator"):
        enter(qtbot, details.fields[key], text)
    stored = page.model.service.workshop()
    for key in ("team", "process", "facilitator"):
        assert getattr(stored, key) == text.strip()
        assert details.fields[key].text() == text


@pytest.mark.parametrize("text", HOSTILE)
def test_names_keep_their_characters(qtbot, workshop, text):
    window, page = workshop
    roles = page.overview.roles
    enter(qtbot, roles.new_name, text)
    enter(qtbot, page.overview.details.fields["title"], text)
    expected = " ".join(text.split())  # names collapse runs of white space, nothing else
    assert [r.name for r in page.model.service.roles()] == [expected]
    assert roles.table_model.data(roles.table_model.index(0, 0)) == expected
    assert page.model.service.workshop().title == expected
    assert page.title.text() == expected


def test_very_long_text_is_refused_for_names_and_kept_for_free_text(qtbot, workshop):
    window, page = workshop
    long_text = "Überlang " * 800
    enter(qtbot, page.overview.roles.new_name, long_text)
    assert page.model.service.roles() == []
    assert "too long" in window.status.message.text()
    assert page.overview.roles.new_name.text() == long_text
    free_text = "Überlang " * 440  # free text is kept up to its limit (3,960 characters)
    enter(qtbot, page.overview.details.fields["process"], free_text)
    assert page.model.service.workshop().process == free_text.strip()
    enter(qtbot, page.overview.details.fields["process"], long_text)  # 7,200: over the limit
    assert page.model.service.workshop().process == free_text.strip()
    assert "too long" in page.overview.details.error.text()
    assert page.overview.details.fields["process"].text() == long_text  # typing kept


def test_every_text_field_of_every_stage_takes_hostile_text_without_harm(qtbot, make_window):
    """Each line and text field on every page of the sample workshop: no exception (pytest-qt
    fails the test on one), no lost typing, and the library still passes its check."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit

    from rcdesk.store.connection import inspect_library

    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    qtbot.waitUntil(lambda: page.overview.complete)  # its last panels follow the first paint
    hostile = " ".join(HOSTILE)
    typed = 0
    for stage in range(page.rail.count()):
        page.show_stage(stage)
        for field in page.pages.currentWidget().findChildren(QLineEdit):
            if (not field.isVisibleTo(window) or not field.isEnabled() or field.isReadOnly()
                    or isinstance(field.parent(), QAbstractSpinBox | QComboBox)):
                continue
            enter(qtbot, field, hostile)
            qtbot.keyClick(field, Qt.Key.Key_Tab)
            typed += 1
        for box in page.pages.currentWidget().findChildren(QPlainTextEdit):
            if box.isVisibleTo(window) and box.isEnabled() and not box.isReadOnly():
                box.setFocus()
                box.selectAll()
                box.insertPlainText(hostile)
                qtbot.keyClick(box, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
                page.rail.setFocus()  # leaving the box saves it
                assert box.toPlainText() == hostile
                typed += 1
    assert typed >= 15
    assert inspect_library(window.library.library.path).workshop_count == 1
