"""Shared by the pass-the-laptop lock tests (pulse, rate the map): a fake monotonic clock,
the PIN they set, the leaving chord's modifiers, and the sample with a new wave."""

from __future__ import annotations

from PySide6.QtCore import Qt

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
PIN = "2468"


class Clock:
    """A monotonic clock a test moves by hand (`clock.now += 2`)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def sample_with_new_wave(make_window, name: str):  # type: ignore[no-untyped-def]
    """The sample opened in a new window, with a fresh empty wave `name`: (page, wave id)."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    service = page.model.service
    service.schedule.add_wave(name)
    return page, service.waves()[-1].id
