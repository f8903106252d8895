"""The Pulse tab and pass-the-laptop: locked, clean screens, tallies, results hidden below k."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from rcdesk.domain.psych_safety import ITEM_KEYS
from rcdesk.ui.conversations.pulse_lock import PulseLockWindow
from rcdesk.ui.conversations.pulse_tab import PulseTab

from .lock_support import CTRL_SHIFT, Clock, sample_with_new_wave


@pytest.fixture
def opened(qtbot, make_window):
    """The sample workshop with a fresh, empty wave "Pulse test" chosen on the Pulse tab."""
    page, wave_id = sample_with_new_wave(make_window, "Pulse test")
    tab = PulseTab(page.model, page.runner, page.feedback)  # as the Conversations page builds it
    qtbot.addWidget(tab)
    tab.set_wave(wave_id)
    clock = Clock()
    tab.lock_clock = clock
    tab.ask_pin = lambda: "2468"  # the facilitator's PIN, asked before passing the laptop
    return page.window(), page, tab, wave_id, clock


def texts(widget: QWidget) -> str:
    found = [w.text() for w in widget.findChildren(QLabel)]
    found += [w.text() for w in widget.findChildren(QAbstractButton)]
    found += [w.accessibleName() for w in widget.findChildren(QWidget)]
    return "\n".join(sorted(found))


def choose(lock: PulseLockWindow, values: list[int | None], qtbot) -> None:
    for row, value in zip(lock.rows, values, strict=True):
        chosen = row.group.button(value if value is not None else 0)
        qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)


def test_pass_the_laptop_never_shows_a_previous_answer(opened, qtbot) -> None:
    _, _, tab, wave_id, _ = opened
    lock = tab.start_laptop()
    assert lock is not None and lock.isFullScreen() and lock.isModal()
    qtbot.mouseClick(lock.welcome.findChild(QAbstractButton), Qt.MouseButton.LeftButton)
    assert lock.pages.currentWidget() is lock.questions
    before = texts(lock)
    choose(lock, [1, 2, None, 4, 5, 6, 7], qtbot)
    assert lock.answers()["ps2"] == 2 and lock.answers()["ps3"] is None
    qtbot.mouseClick(lock.done_button, Qt.MouseButton.LeftButton)
    assert lock.pages.currentWidget() is lock.thanks
    assert all(not b.isChecked() for row in lock.rows for b in row.group.buttons())
    assert lock.answers() == dict.fromkeys(ITEM_KEYS)
    assert "Responses so far: 1" in lock.count_label.text()
    after = texts(lock).replace("Responses so far: 1", "Responses so far: 0")
    assert after == before.replace("Responses so far: 1", "Responses so far: 0")
    qtbot.mouseClick(lock.thanks.findChild(QAbstractButton), Qt.MouseButton.LeftButton)
    assert all(not b.isChecked() for row in lock.rows for b in row.group.buttons())
    assert tab.pulses.response_count(wave_id) == 1
    stored = list(tab.model.service.library.db.query(
        "SELECT ps1, ps2, ps3, ps7 FROM pulse_answers WHERE respondent = 'laptop-1'"))
    assert stored[-1] == {"ps1": 1, "ps2": 2, "ps3": None, "ps7": 7}
    lock.release()


def test_done_with_nothing_chosen_saves_nothing(opened, qtbot) -> None:
    _, _, tab, wave_id, _ = opened
    lock = tab.start_laptop()
    assert lock is not None
    lock.show_questions()
    choose(lock, [None] * 7, qtbot)  # every statement skipped
    qtbot.mouseClick(lock.done_button, Qt.MouseButton.LeftButton)
    assert lock.pages.currentWidget() is lock.questions
    assert lock.error_label.isVisibleTo(lock) and "at least one" in lock.error_label.text()
    assert tab.pulses.response_count(wave_id) == 0
    choose(lock, [None, 3, None, None, None, None, None], qtbot)
    qtbot.mouseClick(lock.done_button, Qt.MouseButton.LeftButton)
    assert lock.pages.currentWidget() is lock.thanks and tab.pulses.response_count(wave_id) == 1
    lock.release()


def test_the_lock_refuses_esc_close_and_undo(opened, qtbot) -> None:
    window, _, tab, wave_id, _ = opened
    service = tab.model.service
    tab.runner.run(lambda: service.schedule.rename_wave(wave_id, "Renamed"))
    fired: list[bool] = []
    anywhere = QAction("Undo anywhere", window)  # even an application-wide shortcut is mute
    anywhere.setShortcut(QKeySequence("Ctrl+Z"))
    anywhere.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    anywhere.triggered.connect(lambda: fired.append(True))
    window.addAction(anywhere)
    lock = tab.start_laptop()
    assert lock is not None
    lock.show_questions()
    choose(lock, [4] * 7, qtbot)
    qtbot.mouseClick(lock.done_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(lock, Qt.Key.Key_Escape)
    qtbot.keyClick(lock.thanks, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(lock.thanks, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert lock.close() is False
    assert lock.isVisible() and lock.pages.currentWidget() is lock.thanks
    assert fired == []
    assert service.wave(wave_id).name == "Renamed"
    assert tab.pulses.response_count(wave_id) == 1
    lock.release()
    assert "pulse" not in window.actions_by_name["undo"].text().lower()  # answers stay put


def test_leaving_needs_the_two_second_hold(opened, qtbot) -> None:
    _, _, tab, _, clock = opened
    lock = tab.start_laptop()
    assert lock is not None
    assert "hold the exit keys" in lock.hint.text()
    qtbot.keyPress(lock, Qt.Key.Key_L, CTRL_SHIFT)
    clock.now += 1.5
    lock.check_hold()
    assert lock.isVisible() and lock.holding
    qtbot.keyRelease(lock, Qt.Key.Key_L, CTRL_SHIFT)  # let go too early: start again
    clock.now += 0.3  # no press follows: a real let-go, not an autorepeat pair
    lock.check_hold()
    assert not lock.holding
    qtbot.keyPress(lock, Qt.Key.Key_L, CTRL_SHIFT)
    clock.now += 1.9
    lock.check_hold()
    assert lock.isVisible()
    with qtbot.waitSignal(lock.left):
        clock.now += 0.2
        lock.check_hold()
    qtbot.waitUntil(lambda: tab.lock is None)


def test_tally_entry_saves_and_undoes(opened, qtbot) -> None:
    window, _, tab, wave_id, _ = opened
    qtbot.mouseClick(tab.tally_button, Qt.MouseButton.LeftButton)
    assert tab.tally.isVisibleTo(tab)
    spin = tab.tally.spins[("ps2", 6)]
    spin.setValue(3)
    assert tab.pulses.tally(wave_id) == {"ps2": {6: 3}}
    assert tab.tally.totals["ps2"].text() == "3"
    assert not tab.start_button.isEnabled()  # a tally pulse takes no laptop answers
    window.actions_by_name["undo"].trigger()
    assert tab.pulses.pulse(wave_id) is None
    assert spin.value() == 0


def test_results_are_hidden_below_k(opened, qtbot) -> None:
    _, _, tab, wave_id, _ = opened
    k = tab.model.service.workshop().settings.anonymity_k
    for _ in range(k - 1):
        tab.pulses.record_answers(wave_id, dict.fromkeys(ITEM_KEYS, 6))
    tab.refresh()
    assert f"Shown from {k} responses (now {k - 1})" in tab.results.hidden_note.text()
    assert "Pulse test" not in tab.results.chart.texts()  # a hidden wave is not drawn
    assert not tab.results.items.isVisibleTo(tab)
    assert "6" not in tab.results.score.text()
    tab.pulses.record_answers(wave_id, dict.fromkeys(ITEM_KEYS, 6))
    tab.refresh()
    assert tab.results.score.text() == "Results not shown yet"
    qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    assert tab.results.items.isVisibleTo(tab)
    assert tab.results.score.text() == "Team score 4.29 of 7"  # ps1, ps3, ps5 reversed: 2
    assert tab.results.chart.isVisibleTo(tab)
    assert {"Baseline", "Follow-up 1", "Pulse test", "4.29"} <= set(tab.results.chart.texts())
    tab.set_projector(True)
    assert tab.results.score.text() == "Team score 4.3 of 7"


def test_clear_and_undo(opened, qtbot) -> None:
    window, _, tab, wave_id, _ = opened
    tab.pulses.record_answers(wave_id, dict.fromkeys(ITEM_KEYS, 6))
    tab.refresh()
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert tab.pulses.pulse(wave_id) is None
    assert tab.body.currentWidget() is tab.empty
    window.actions_by_name["undo"].trigger()
    assert tab.pulses.response_count(wave_id) == 1


def test_import_a_pulse_csv_from_the_tab(opened, qtbot, tmp_path: Path) -> None:
    _, _, tab, wave_id, _ = opened
    bad = tmp_path / "bad.csv"
    bad.write_text("respondent,ps1,ps2,ps3,ps4,ps5,ps6,ps7\na,9,1,1,1,1,1,1\n", "utf-8")
    tab.choose_file = lambda: str(bad)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert "row 2, column ps1" in tab.problems.text()
    assert tab.pulses.pulse(wave_id) is None
    good = tmp_path / "good.csv"
    good.write_text("respondent,ps1,ps2,ps3,ps4,ps5,ps6,ps7\n"
                    + "".join(f"r{i},2,6,2,6,2,6,6\n" for i in range(5)), "utf-8")
    tab.choose_file = lambda: str(good)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert not tab.import_button.isEnabled()  # written off the UI thread
    qtbot.waitUntil(lambda: not tab.importing, timeout=20_000)
    assert tab.pulses.response_count(wave_id) == 5
    assert tab.results.score.text() == "Results not shown yet"
    qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    assert tab.results.score.text() == "Team score 6.00 of 7"
    assert tab.import_button.isEnabled()


def test_the_survey_import_dialog_points_pulse_files_to_the_pulse_tab(opened, qtbot,
                                                                      tmp_path: Path) -> None:
    window, page, _, _, _ = opened
    path = tmp_path / "pulse.csv"
    path.write_text("respondent,ps1,ps2,ps3,ps4,ps5,ps6,ps7\na,1,1,1,1,1,1,1\n", "utf-8")
    window.import_survey(path)
    dialog = page.import_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.settled)
    assert "Import it from Conversations ▸ Pulse" in dialog.summary.file_info.text()
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_a_5_point_pulse_from_the_scale_choice(opened, qtbot) -> None:
    _, _, tab, wave_id, _ = opened
    tab.scale.setCurrentIndex(tab.scale.findData(5))
    tab.scale.activated.emit(tab.scale.currentIndex())
    lock = tab.start_laptop()
    assert lock is not None and lock.scale == 5
    assert [len(row.group.buttons()) for row in lock.rows] == [6] * 7  # 5 points and skip
    lock.show_questions()
    choose(lock, [5, 4, 3, 2, 1, None, 5], qtbot)
    qtbot.mouseClick(lock.done_button, Qt.MouseButton.LeftButton)
    lock.release()
    assert tab.pulses.state(wave_id).scale_max == 5
    assert not tab.scale.isEnabled()  # the scale is fixed once something is stored


def test_review_the_lock_opens_on_the_laptops_screen(opened, qtbot, monkeypatch) -> None:
    """Never on the projector: the window's own screen is the facilitator's laptop."""
    _, _, tab, _, _ = opened
    placed: list[object] = []
    original = PulseLockWindow.setScreen

    def record(self, screen) -> None:
        placed.append(screen)
        original(self, screen)

    monkeypatch.setattr(PulseLockWindow, "setScreen", record)
    lock = tab.start_laptop()
    assert lock is not None
    assert placed == [tab.window().screen()]
    assert lock.screen() is tab.window().screen()
    lock.release()


def test_review_undo_after_pass_the_laptop_never_drops_the_answers(opened, qtbot) -> None:
    """The wave was added (an undoable edit), then people answered in it; Ctrl+Z must
    not take the wave away with their answers."""
    window, page, tab, _, _ = opened
    service = tab.model.service
    assert tab.runner.run(lambda: service.schedule.add_wave("Late wave"))
    wave_id = service.waves()[-1].id
    tab.set_wave(wave_id)
    lock = tab.start_laptop()
    assert lock is not None
    for _ in range(3):
        lock.show_questions()
        choose(lock, [5] * 7, qtbot)
        qtbot.mouseClick(lock.done_button, Qt.MouseButton.LeftButton)
    lock.release()
    window.actions_by_name["undo"].trigger()
    assert tab.pulses.response_count(wave_id) == 3
    assert service.wave(wave_id).name == "Late wave"
    assert "Could not undo" in window.status.message.text()


def test_projector_mode_never_clips_the_pulse_capture_or_agenda_buttons(qtbot,
                                                                         make_window) -> None:
    window = make_window()
    window.home.open_sample()
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    page = window.workshop_page
    page.show_stage(2)
    conversations = page.conversations
    window.set_projector_mode(True)
    for tab, buttons in (
            (conversations.pulse, (conversations.pulse.start_button,
                                   conversations.pulse.tally_button,
                                   conversations.pulse.import_button,
                                   conversations.pulse.clear_button)),
            (conversations.captures, (conversations.captures.gap_button,
                                      conversations.captures.show_gap_button,
                                      conversations.captures.delete_button)),
            (conversations.agenda, (conversations.agenda.start,
                                    *conversations.agenda.step_buttons))):
        conversations.tabs.setCurrentWidget(tab)
        QApplication.processEvents()
        for widget in buttons:
            assert widget.width() >= widget.sizeHint().width(), widget.text()
    agenda = conversations.agenda
    assert not agenda.record_beside()  # projector type: the meeting's record goes below
    window.set_projector_mode(False)
    QApplication.processEvents()
    assert agenda.record_beside()


def test_showing_is_a_deliberate_act_that_holds_until_k_new_answers(opened, qtbot) -> None:
    """Issue 15: answers collected while the laptop goes round refresh the tab, but only
    a count shows; "Show results" fixes what the room sees until k more answered."""
    _, _, tab, wave_id, _ = opened
    k = tab.pulses.k
    lock = tab.start_laptop()
    assert lock is not None
    for person in range(k + 1):
        lock.show_questions()
        choose(lock, [7 - person % 7] * 7, qtbot)
        qtbot.mouseClick(lock.done_button, Qt.MouseButton.LeftButton)
        assert tab.results.score.text() == "Results not shown yet"  # refreshed: no figure
        assert not tab.show_button.isEnabled()  # never while the laptop goes round
    tab.show_results()
    assert tab.pulses.showings(wave_id) == []
    lock.release()
    qtbot.waitUntil(lambda: tab.lock is None)
    assert f"{k + 1} answers collected" in tab.collection.text()
    assert "Not shown to the team yet" in tab.collection.text()
    before_show = texts(tab)
    assert "Team score" not in before_show.replace("Team score hidden", "")
    qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    shown = tab.results.score.text()
    assert shown.startswith("Team score ") and shown.endswith(" of 7")
    table = [tab.results.items.horizontalHeaderItem(c).text()
             for c in range(tab.results.items.columnCount())]
    assert table == ["Statement", "Mean"]  # means only: no per-point counts
    figures = texts(tab.results)
    for _ in range(k - 1):
        tab.pulses.record_answers(wave_id, dict.fromkeys(ITEM_KEYS, 1))
        tab.refresh()
        assert texts(tab.results) == figures
        assert not tab.show_button.isEnabled()
        assert "more answer" in tab.collection.text()
    tab.set_projector(True)
    tab.set_projector(False)
    assert texts(tab.results) == figures
    tab.pulses.record_answers(wave_id, dict.fromkeys(ITEM_KEYS, 1))
    tab.refresh()
    assert tab.show_button.isEnabled() and texts(tab.results) == figures
    qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    assert texts(tab.results) != figures
    assert len(tab.pulses.showings(wave_id)) == 2


def test_tallies_say_they_need_no_showing(opened, qtbot) -> None:
    _, _, tab, _, _ = opened
    qtbot.mouseClick(tab.tally_button, Qt.MouseButton.LeftButton)
    tab.tally.spins[("ps2", 6)].setValue(3)
    assert not tab.show_button.isVisibleTo(tab)
    assert "A show of cards is public" in tab.collection.text()
    assert "need no “Show results”" in tab.collection.text()


def test_a_pulse_file_without_answers_above_5_asks_for_its_scale(opened, qtbot,
                                                                 tmp_path: Path) -> None:
    _, _, tab, wave_id, _ = opened
    path = tmp_path / "five.csv"
    path.write_text("respondent,ps1,ps2,ps3,ps4,ps5,ps6,ps7\n"
                    + "".join(f"r{i},2,5,1,4,2,5,4\n" for i in range(5)), "utf-8")
    tab.choose_file = lambda: str(path)
    asked: list[str] = []
    tab.ask_scale = lambda name: asked.append(name) or None  # cancelled: nothing imported
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert asked == ["five.csv"] and tab.pulses.pulse(wave_id) is None
    tab.ask_scale = lambda name: 5
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.importing, timeout=20_000)  # off the UI thread
    assert tab.pulses.state(wave_id).scale_max == 5
    qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    assert tab.results.score.text().endswith(" of 5")
    assert "5-point" in tab.results.summary.text()


def test_a_pulse_csv_imported_from_the_tab_takes_a_before_import_backup(
        opened, qtbot, tmp_path: Path) -> None:
    """Every import's commit takes the forced before-import backup, the tab's too."""
    from rcdesk.store.backups import list_backups

    window, _, tab, wave_id, _ = opened
    library_path = window.library.library.path
    assert "before-import" not in [b.reason for b in list_backups(library_path)]
    good = tmp_path / "good.csv"
    good.write_text("respondent,ps1,ps2,ps3,ps4,ps5,ps6,ps7\n"
                    + "".join(f"r{i},2,6,2,6,2,6,6\n" for i in range(5)), "utf-8")
    tab.choose_file = lambda: str(good)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pulses.response_count(wave_id) == 5, timeout=20_000)
    backups = [b for b in list_backups(library_path) if b.reason == "before-import"]
    assert len(backups) == 1 and backups[0].ok
