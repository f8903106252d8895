"""Benchmark: one participant rating the map on the passed laptop, by keyboard alone
(issue 20), in the short form (6 roles, one rating each) and the full form (6 roles ×
7 dimensions).

A script types what a participant would: the role's number key, a 1–5 key per cell, Enter
for Done, each key sent to the focused control as the keyboard would. Two figures come
out per form: the app's own time for the whole run (every key handled, the answers
saved, the screen wiped), as a ratio to the same number of keys typed into a bare
QLineEdit in the same run; and the key presses needed, turned into a participant's time
with the Keystroke-Level Model (Card, Moran & Newell: 1.35 s to decide + 0.28 s to press
per rating, a decision and a press for the role, a press for Done). The targets: the
short form under a minute, the full form under three.

Run alone (offscreen): `QT_QPA_PLATFORM=offscreen python -m benchmarks.room_rating`.
Printed, never asserted.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

RUNS = 5
ROLES = ["Nurses", "Physicians", "Pharmacists", "Therapists", "Case managers", "Clerks"]
DECIDE, PRESS = 1.35, 0.28  # Keystroke-Level Model: mental preparation, a key press


def _service(folder: Path):  # type: ignore[no-untyped-def]
    from rcdesk.services.library import LibraryService
    from rcdesk.store.connection import open_library

    library = open_library(folder / "library.sqlite", create=True)
    service = LibraryService(library)
    workshop = service.open(service.create("Bench", roles=ROLES))
    ids = [role.id for role in workshop.roles()]
    for target in ids:
        workshop.map.add_tie(ids[0], target)  # the first role works with all six
    workshop.schedule.add_wave("In the room")
    return workshop


def _keys(form_full: bool) -> list[int]:
    from PySide6.QtCore import Qt

    per_role = 7 if form_full else 1
    digits = [getattr(Qt.Key, f"Key_{(i % 5) + 1}") for i in range(per_role * len(ROLES))]
    return [Qt.Key.Key_1, *digits, Qt.Key.Key_Return]


def _send(target_of, keys: list[int]) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for key in keys:
        QApplication.sendEvent(target_of(), QKeyEvent(QEvent.Type.KeyPress, key,
                                                      Qt.KeyboardModifier.NoModifier))


def participant_seconds(form_full: bool) -> tuple[float, int]:
    """The app's median time for one participant's whole run, and the keys pressed."""
    from rcdesk.services.room_ratings import RatingForm, RoomRatingsService
    from rcdesk.ui.conversations.room_lock import RoomRatingLock

    folder = Path(tempfile.mkdtemp(prefix="rcdesk-bench-room-"))
    workshop = _service(folder)
    ratings = RoomRatingsService(workshop)
    wave = workshop.waves()[-1].id
    form = RatingForm.FULL if form_full else RatingForm.SHORT
    lock = RoomRatingLock(ratings, wave, form, workshop.roles(),
                          workshop.workshop().description, pin="1")
    lock.showFullScreen()
    keys = _keys(form_full)
    times = []
    for _ in range(RUNS):
        lock.show_roles()
        start = time.perf_counter()
        _send(lambda: lock.focusWidget() or lock, keys)
        times.append(time.perf_counter() - start)
        assert lock.pages.currentWidget() is lock.thanks, "the run did not reach Done"
    assert ratings.respondents(wave) == RUNS
    lock.release()
    return statistics.median(times), len(keys)


def baseline_seconds(count: int) -> float:
    """The same number of key presses typed into a bare QLineEdit."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit()
    field.show()
    times = []
    for _ in range(RUNS):
        field.clear()
        start = time.perf_counter()
        _send(lambda: field, [Qt.Key.Key_3] * count)
        times.append(time.perf_counter() - start)
    field.close()
    return statistics.median(times)


def human_seconds(ratings: int) -> float:
    """Keystroke-Level Model: decide and press per rating, for the role, then press Done."""
    return ratings * (DECIDE + PRESS) + (DECIDE + PRESS) + PRESS


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from rcdesk.app import make_application

    make_application()
    for name, full in (("short form, 6 roles", False), ("full form, 6 roles × 7", True)):
        app_time, keys = participant_seconds(full)
        base = baseline_seconds(keys)
        ratings = keys - 2
        print(f"Rate the map, {name}: {keys} key presses; the app's time "
              f"{app_time:.3f} s (median of {RUNS}), the same keys into a bare QLineEdit "
              f"{base:.4f} s, ratio {app_time / base:.0f}; a participant's time by the "
              f"Keystroke-Level Model {human_seconds(ratings):.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
