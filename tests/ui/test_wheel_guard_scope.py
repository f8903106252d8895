"""The wheel rule reaches every combo box and spin box of the real window, and nothing else:
no Python runs for the events of other widgets (paint, layout, polish… ~600 a stage switch),
and a real wheel never gives an unfocused control the focus it needs to take the wheel."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import FrameType
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QTabWidget,
    QWidget,
)

from rcdesk.ui import wheel_guard

from .test_wheel_guard import wheel

GUARDED = (QComboBox, QAbstractSpinBox)


def _visit_tabs(widget: QWidget) -> Iterator[None]:
    """Show each tab of every tab widget on screen inside `widget`, one after another."""
    for tabs in widget.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            yield


def _every_page(window: Any) -> list[QWidget]:
    """Show every stage and every tab (two levels deep) of the sample; the guarded
    controls polished on the way."""
    page = window.workshop_page
    for stage in range(page.rail.count()):
        page.show_stage(stage)
        QApplication.processEvents()
        for _ in _visit_tabs(page.current_page()):
            for _ in _visit_tabs(page.current_page()):
                pass
    return [w for w in QApplication.allWidgets() if isinstance(w, GUARDED)
            and w.window() is window and w.testAttribute(Qt.WidgetAttribute.WA_WState_Polished)]


def test_every_combo_and_spin_box_of_every_page_is_guarded(qtbot, make_window) -> None:
    window = make_window()
    window.home.open_sample()
    controls = _every_page(window)
    assert len(controls) > 10
    # A real wheel over a control with Qt's WheelFocus gives it the focus first, so it would
    # take the wheel: no guarded control asks for focus by wheel.
    wheel_focus = [c for c in controls if c.focusPolicy() == Qt.FocusPolicy.WheelFocus]
    assert wheel_focus == []
    in_areas = [c for c in controls if c.isVisible() and c.isEnabled()
                and wheel_guard.scroll_area_of(c) is not None]
    assert in_areas
    for control in in_areas:
        control.clearFocus()
        before = control.currentIndex() if isinstance(control, QComboBox) else control.text()
        wheel(control)
        after = control.currentIndex() if isinstance(control, QComboBox) else control.text()
        assert after == before, control.accessibleName()


def _filtered(action: Any) -> list[str]:
    """The kinds of object whose events the wheel rule's Python filter saw during `action`."""
    seen: list[str] = []
    home = wheel_guard.__file__

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event == "call" and frame.f_code.co_filename == home \
                and frame.f_code.co_name == "eventFilter":
            seen.append(type(frame.f_locals["watched"]).__name__)

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return seen


def test_the_wheel_filter_sees_only_the_events_of_guarded_controls(qtbot, make_window) -> None:
    """A stage switch and repaint: ~600 events of other widgets, none crossing into Python
    for the wheel rule (an application filter saw them all)."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_stage(1)
    QApplication.processEvents()

    def switch_and_paint() -> None:
        for stage in (0, 1, 0, 1):
            page.show_stage(stage)
            QApplication.processEvents()
            window.repaint()

    kinds = set(_filtered(switch_and_paint))
    assert kinds <= {"QComboBox", "QSpinBox", "QDoubleSpinBox", "QDateEdit"}, kinds
