"""Rate the map on the passed laptop (issue 20): a participant rates by keyboard alone,
Done stores one anonymous respondent and wipes the screen, nobody sees another's answers
or leaves the lock, and the team sees nothing before a showing with k people per tie."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.scores import ScoreSource
from rcdesk.services.room_ratings import RatingForm
from rcdesk.services.scores import ScoresService
from rcdesk.store import survey as survey_store
from rcdesk.ui.conversations.rating_grid import RatingCell
from rcdesk.ui.conversations.room_lock import RoomRatingLock
from rcdesk.ui.conversations.room_tab import RoomRatingTab

from .lock_support import CTRL_SHIFT, PIN, Clock, sample_with_new_wave


@pytest.fixture
def opened(qtbot, make_window):
    """The sample workshop with a fresh wave "In the room" chosen on the Rate the map tab."""
    page, wave_id = sample_with_new_wave(make_window, "In the room")
    tab = RoomRatingTab(page.model, page.feedback)
    qtbot.addWidget(tab)
    tab.set_wave(wave_id)
    clock = Clock()
    tab.lock_clock = clock
    tab.ask_pin = lambda: PIN
    yield page.window(), tab, wave_id, clock
    if tab.lock is not None:
        tab.lock.release()


def focused_cell(lock: RoomRatingLock) -> RatingCell:
    found = lock.focusWidget()
    assert isinstance(found, RatingCell), found
    assert found.window() is lock
    return found


def type_keys(lock: RoomRatingLock, keys: list[Qt.Key]) -> None:
    """Each key to the lock's focused control, as the keyboard would send it."""
    for key in keys:
        focused = lock.focusWidget()
        assert focused is not None
        QApplication.sendEvent(focused, _press(key))


def _press(key: Qt.Key) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)


def rate_by_keys(lock: RoomRatingLock, role_number: int, keys: list[Qt.Key]) -> None:
    """Start, choose the role by its number key, type the ratings, Enter."""
    lock.show_roles()
    QApplication.sendEvent(lock, _press(getattr(Qt.Key, f"Key_{role_number}")))
    assert lock.pages.currentWidget() is lock.grid_page
    focused_cell(lock)
    type_keys(lock, [*keys, Qt.Key.Key_Return])


def texts(widget: QWidget) -> str:
    found = [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]
    found += [w.text() for w in widget.findChildren(QAbstractButton) if w.isVisible()]
    return "\n".join(sorted(found))


def test_the_short_form_by_keyboard_stores_one_anonymous_respondent(opened, qtbot) -> None:
    window, tab, wave_id, _ = opened
    lock = tab.start_laptop()
    assert lock is not None and lock.isFullScreen() and lock.isModal()
    partners = tab.ratings.partners(lock.roles[0].id)
    keys = [Qt.Key.Key_4, Qt.Key.Key_0] + [Qt.Key.Key_3] * (len(partners) - 2)
    rate_by_keys(lock, 1, keys)
    assert lock.pages.currentWidget() is lock.thanks
    assert lock.grid is None  # the grid with the answers is gone
    answers = survey_store.load_answers(tab.model.service.library.db, wave_id)
    assert {a.respondent for a in answers} == {"in-room-1"}
    assert len(answers) == len(partners) - 1  # "I don't work with this role" stores nothing
    stored = list(tab.model.service.library.db.query(
        "SELECT target_id, overall FROM survey_responses WHERE wave_id = ? ORDER BY id",
        [wave_id]))
    assert stored[0] == {"target_id": partners[0].id, "overall": 4}
    assert "Responses so far: 1" in lock.count_label.text()


def test_the_next_person_never_sees_the_previous_answers(opened, qtbot) -> None:
    _, tab, _, _ = opened
    lock = tab.start_laptop()
    assert lock is not None
    lock.show_roles()
    before = texts(lock)
    partners = tab.ratings.partners(lock.roles[0].id)
    rate_by_keys(lock, 1, [Qt.Key.Key_5] * len(partners))
    qtbot.mouseClick(lock.thanks.findChild(QAbstractButton), Qt.MouseButton.LeftButton)
    assert lock.pages.currentWidget() is lock.role_page
    assert texts(lock).replace("so far: 1", "so far: 0") == before
    QApplication.sendEvent(lock, _press(Qt.Key.Key_1))
    assert lock.grid is not None
    assert all(v == (None,) for v in lock.grid.values().values())


def test_the_full_form_takes_seven_ratings_per_role(opened, qtbot) -> None:
    _, tab, wave_id, _ = opened
    tab.form.setCurrentIndex(tab.form.findData(RatingForm.FULL.value))
    lock = tab.start_laptop()
    assert lock is not None
    partners = tab.ratings.partners(lock.roles[1].id)
    values = [(i % 5) + 1 for i in range(len(DIMENSION_KEYS))]
    keys = [getattr(Qt.Key, f"Key_{v}") for v in values] * len(partners)
    rate_by_keys(lock, 2, keys)
    answers = survey_store.load_answers(tab.model.service.library.db, wave_id)
    assert len(answers) == len(partners)
    assert all(a.values == tuple(values) for a in answers)
    assert survey_store.import_records(tab.model.service.library.db, wave_id)[0]["form"] == "full"


def test_done_asks_for_every_role_rated_or_marked(opened, qtbot) -> None:
    _, tab, wave_id, _ = opened
    lock = tab.start_laptop()
    assert lock is not None
    rate_by_keys(lock, 1, [Qt.Key.Key_2])
    assert lock.pages.currentWidget() is lock.grid_page
    assert lock.error_label.isVisible() and "don't work with" in lock.error_label.text()
    assert tab.ratings.respondents(wave_id) == 0


def test_the_lock_holds_against_esc_close_undo_and_shortcuts(opened, qtbot) -> None:
    window, tab, wave_id, clock = opened
    fired: list[bool] = []
    anywhere = QAction("Undo anywhere", window)
    anywhere.setShortcut(QKeySequence("Ctrl+Z"))
    anywhere.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    anywhere.triggered.connect(lambda: fired.append(True))
    window.addAction(anywhere)
    lock = tab.start_laptop()
    assert lock is not None
    partners = tab.ratings.partners(lock.roles[0].id)
    rate_by_keys(lock, 1, [Qt.Key.Key_3] * len(partners))
    qtbot.keyClick(lock, Qt.Key.Key_Escape)
    qtbot.keyClick(lock.thanks, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(lock, QCloseEvent())
    assert lock.close() is False and lock.isVisible()
    assert fired == []
    assert tab.ratings.respondents(wave_id) == 1
    assert not tab.show_button.isEnabled()  # never shown while the laptop goes round
    qtbot.keyPress(lock, Qt.Key.Key_L, CTRL_SHIFT)
    clock.now += 2.1
    with qtbot.waitSignal(lock.left):
        lock.check_hold()
    qtbot.waitUntil(lambda: tab.lock is None)
    assert "in-room" not in window.actions_by_name["undo"].text().lower()


def test_results_are_hidden_until_a_showing_with_k_people(opened, qtbot) -> None:
    _, tab, wave_id, _ = opened
    service = tab.model.service
    scores = ScoresService(service.library, service.workshop_id)
    lock = tab.start_laptop()
    assert lock is not None
    partners = tab.ratings.partners(lock.roles[0].id)
    for _ in range(2):
        rate_by_keys(lock, 1, [Qt.Key.Key_4] * len(partners))
    lock.release()
    qtbot.waitUntil(lambda: tab.lock is None)
    assert not tab.show_button.isEnabled()
    assert "1 more person" in tab.collection.text()
    assert scores.wave_scores(wave_id, ScoreSource.SURVEY).ties == ()
    lock = tab.start_laptop()
    assert lock is not None
    rate_by_keys(lock, 1, [Qt.Key.Key_4] * len(partners))
    lock.release()
    qtbot.waitUntil(lambda: tab.lock is None)
    assert scores.wave_scores(wave_id, ScoreSource.SURVEY).ties == ()
    assert tab.show_button.isEnabled()
    qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    shown = scores.wave_scores(wave_id, ScoreSource.SURVEY).ties
    assert shown and all(t.n == 3 and t.rc == 4.0 for t in shown)
    assert "Shown 1 time" in tab.collection.text()
