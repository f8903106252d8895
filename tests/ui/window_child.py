"""The real app window in a process of its own, driven by lines on stdin (no pytest-qt).

    window_child.py LIBRARY SETTINGS.ini

It opens the library as `rcdesk` does (lock, keeper, backup after the first paint),
shows the main window offscreen, opens workshop 1 and prints "ready". Then, one
command per stdin line, each answered on stdout only once done (flushed at once,
since the parent may SIGKILL this process right after):

    preview CSV   open File ▸ Import Survey Results on CSV, wait for its preview (read by
                  the import dialog's background job), cancel it      -> "previewed"
    import CSV    import it through the same dialog (its background job writes on a
                  connection of its own)                   -> "ack import ROWS"
    role NAME     add a role through the window's undoable edit runner -> "ack NAME"
    team TEXT     type TEXT into the Overview's Team field, press Enter -> "ack team TEXT"
    gap TITLE     add a gap through the window's undoable edit runner -> "ack gap TITLE"
    rate          one participant rates the map on the passed laptop (Conversations ▸ Rate
                  the map: the locked window, role 1, a 4 for every role by key, Enter),
                  then the lock is left -> "ack rate RESPONDENTS" (the wave's count)
    vote          start a one-voter dot-vote on the laptop and place its dot by key on the
                  first gap -> "ack vote BALLOTS"

Used by tests/ui/test_durability_across_processes.py.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from rcdesk.app import make_application, open_library_window, user_settings  # noqa: E402
from rcdesk.domain.gaps import Gap  # noqa: E402
from rcdesk.ui.main_window import MainWindow  # noqa: E402


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def wait_until(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    """Run Qt's event loop until `condition()` holds (QTest.qWait processes events)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QTest.qWait(10)


def preview_and_cancel(window: MainWindow, csv_path: Path) -> bool:
    page = window.workshop_page
    assert page is not None
    window.import_survey(csv_path)
    dialog = page.import_dialog
    assert dialog is not None and dialog.isVisible()
    wait_until(lambda: dialog.settled and dialog.preview is not None)
    dialog.reject()
    wait_until(lambda: not dialog.busy)  # the background job has closed its connection
    return True


def import_survey(window: MainWindow, csv_path: Path) -> int:
    """The number of rows the dialog reports imported."""
    page = window.workshop_page
    assert page is not None
    window.import_survey(csv_path)
    dialog = page.import_dialog
    assert dialog is not None
    # a file of numbers cannot tell its frequency scale: the facilitator says it (issue 18)
    dialog.scale.setCurrentIndex(dialog.scale.findData("monotonic"))
    wait_until(lambda: dialog.settled and dialog.import_button.isEnabled())
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_until(lambda: dialog.import_result is not None and not dialog.busy)
    assert dialog.import_result is not None
    return dialog.import_result.rows


def add_role(window: MainWindow, name: str) -> bool:
    page = window.workshop_page
    assert page is not None
    service = page.model.service
    return page.runner.run(lambda: service.map.add_role(name))


def type_team(window: MainWindow, text: str) -> bool:
    page = window.workshop_page
    assert page is not None
    field = page.overview.details.fields["team"]
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)
    return page.model.service.workshop().team == text


PIN = "2468"


def press(widget: QWidget, key: Qt.Key) -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key,
                                             Qt.KeyboardModifier.NoModifier))


def add_gap(window: MainWindow, title: str) -> bool:
    page = window.workshop_page
    assert page is not None
    gaps = page.model.session.gaps
    return page.runner.run(lambda: gaps.create_gap(Gap(0, 0, title)))


def rate_in_room(window: MainWindow) -> int:
    """One participant on the locked laptop; the wave's respondents afterwards."""
    page = window.workshop_page
    assert page is not None
    tab = page.conversations.room
    if tab.wave_id is None:
        tab.set_wave(page.model.service.waves()[0].id)
    tab.ask_pin = lambda: PIN
    lock = tab.start_laptop()
    assert lock is not None
    lock.show_roles()
    press(lock, Qt.Key.Key_1)
    assert lock.grid is not None
    for _ in lock.grid.row_ids:
        focused = lock.focusWidget()
        assert focused is not None
        press(focused, Qt.Key.Key_4)
    focused = lock.focusWidget()
    assert focused is not None
    press(focused, Qt.Key.Key_Return)
    wait_until(lambda: lock.pages.currentWidget() is lock.thanks)
    lock.release()
    wait_until(lambda: tab.lock is None)
    assert tab.wave_id is not None
    return page.model.session.room_ratings.respondents(tab.wave_id)


def vote_on_laptop(window: MainWindow) -> int:
    """Start a one-voter laptop dot-vote and place the voter's dot; its ballots."""
    page = window.workshop_page
    assert page is not None
    tab = page.conversations.dot_vote
    tab.dots.setValue(1)
    tab.voters.setValue(1)
    tab.method.setCurrentIndex(tab.method.findData("laptop"))
    tab.start()
    vote = tab.current()
    assert vote is not None
    tab.ask_pin = lambda: PIN
    lock = tab.start_laptop()
    assert lock is not None
    lock.show_board()
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Return):
        focused = lock.focusWidget()
        assert focused is not None
        press(focused, key)
    wait_until(lambda: lock.pages.currentWidget() is lock.thanks)
    lock.release()
    wait_until(lambda: tab.lock is None)
    return tab.votes.ballots(vote.id)


def _when(done: bool, answer: str) -> str | None:
    return answer if done else None


#: Each stdin command: what it does in the window and the line that acknowledges it (None:
#: not done, so nothing is said and the parent's expect fails).
COMMANDS: dict[str, Callable[[MainWindow, str], str | None]] = {
    "preview": lambda w, a: _when(preview_and_cancel(w, Path(a)), "previewed"),
    "import": lambda w, a: f"ack import {import_survey(w, Path(a))}",
    "role": lambda w, a: _when(add_role(w, a), f"ack {a}"),
    "gap": lambda w, a: _when(add_gap(w, a), f"ack gap {a}"),
    "rate": lambda w, a: f"ack rate {rate_in_room(w)}",
    "vote": lambda w, a: f"ack vote {vote_on_laptop(w)}",
    "team": lambda w, a: _when(type_team(w, a), f"ack team {a}"),
}


def main(library: Path, settings: Path) -> None:
    app = make_application(["rcdesk"])
    window = open_library_window(library, user_settings(settings))
    window.resize(1280, 720)
    window.show()
    wait_until(lambda: window.isExposed() if hasattr(window, "isExposed") else True)
    page = window.open_workshop(1)
    assert page is not None
    say("ready")
    for line in sys.stdin:
        command, _, argument = line.rstrip("\n").partition(" ")
        answer = COMMANDS[command](window, argument)
        if answer is not None:
            say(answer)
        app.processEvents()

if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
