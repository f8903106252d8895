"""Opening a workshop in the window: what waits until the page's first frame."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from .conftest import WindowFactory


def test_the_window_notes_when_a_workshop_was_opened_after_its_first_frame(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """A committed write waits for the disk (an fsync of the write-ahead log and its folder):
    the first frame of the workshop does not wait for it."""
    window = make_window(show=False)
    workshop_id = window.library.create("Ward")
    window.open_workshop(workshop_id)
    assert window.library.summaries()[0].opened_at is None
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: window.library.summaries()[0].opened_at is not None)
