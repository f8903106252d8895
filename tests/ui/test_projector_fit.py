"""Projector mode on a 1280×720 window: the walkthrough's laptop view, the Report stage's
check boxes, the Decks buttons and the workshop title show whole (a targeted fit check;
the layout audit covers every page)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)

from .walkthrough_data import add_meeting_with_agenda

CONTROLS = (QAbstractButton, QLineEdit, QComboBox)


def clipped(root: QWidget) -> list[str]:
    """Visible controls under `root` smaller than they need to show their text whole."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible() or \
                isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # a spin box's or combo's own line edit is sized by its owner
        needs = widget.sizeHint() if isinstance(widget, QAbstractButton) \
            else widget.minimumSizeHint()
        if widget.width() < needs.width() or widget.height() < needs.height():
            found.append(f"{type(widget).__name__} {widget.accessibleName()!r} "
                         f"{widget.width()}×{widget.height()} < "
                         f"{needs.width()}×{needs.height()}")
    return found


@pytest.fixture
def projector(qtbot, make_window):
    window = make_window()
    window.home.open_sample()
    window.set_projector_mode(True)
    return window, window.workshop_page


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(10)  # the layouts' posted requests


def test_the_walkthroughs_laptop_view_fits_at_projector_type(qtbot, projector) -> None:
    window, page = projector
    meeting = add_meeting_with_agenda(page.model.service)
    page.show_stage(2)
    conversations = page.conversations
    conversations.set_wave(page.current_wave_id())
    player = conversations.player
    assert conversations.start_walkthrough(meeting)
    player.toggle_presenter()  # one screen: to the laptop's view
    settle(qtbot)
    facilitator = player.facilitator
    assert clipped(facilitator) == []
    line = facilitator.capture.line
    assert line.height() >= line.fontMetrics().height() + 4  # a whole line of text
    for _ in range(2):
        player.next()
    settle(qtbot)
    assert player.current().title == "Our map"
    assert clipped(facilitator) == []
    player.leave()


def test_the_reports_check_boxes_fit(qtbot, projector) -> None:
    _, page = projector
    page.show_stage(page.pages.indexOf(page._report_stage))  # noqa: SLF001
    settle(qtbot)
    assert clipped(page.report) == []


def test_the_decks_buttons_fit(qtbot, projector) -> None:
    _, page = projector
    page.show_stage(2)
    conversations = page.conversations
    conversations.tabs.setCurrentIndex(1)
    settle(qtbot)
    assert clipped(conversations.tabs.widget(1)) == []


def test_the_workshop_title_shows_whole(qtbot, projector) -> None:
    _, page = projector
    settle(qtbot)
    title = page.title  # the sample's "Hospital discharge (sample)", in the header
    assert title.contentsRect().height() >= title.fontMetrics().height()
    assert title.contentsRect().width() >= title.fontMetrics().horizontalAdvance(title.text())
