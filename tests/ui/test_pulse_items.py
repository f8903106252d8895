"""Editing the pulse statements in the Overview's settings: undoable, answers untouched."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rcdesk.domain.psych_safety import ITEM_KEYS, ITEMS


def test_reword_reverse_and_reset(qtbot, workshop) -> None:
    window, page = workshop
    panel = page.overview.settings.pulse_items
    pulses = panel.pulses
    service = page.model.service
    service.schedule.add_wave("June")
    wave_id = service.waves()[-1].id
    for _ in range(5):
        pulses.record_answers(wave_id, dict.fromkeys(ITEM_KEYS, 2))
    before = pulses.show_results(wave_id)  # a reverse key re-scores what was shown
    edit = panel.fields["ps2"]
    edit.setFocus()
    edit.setText("We can say what is going wrong.")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert pulses.items()[1].wording == "We can say what is going wrong."
    assert pulses.results(wave_id) == before  # rewording never changes a score
    assert panel.reset_button.isEnabled()
    panel.reversed["ps1"].click()  # ps1 no longer reversed: its 2 stays a 2
    assert pulses.items()[0].reversed is False
    assert pulses.results(wave_id).items["ps1"] == 2.0
    window.actions_by_name["undo"].trigger()
    assert pulses.items()[0].reversed is True and panel.reversed["ps1"].isChecked()
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert pulses.items() == ITEMS
    assert panel.fields["ps2"].text() == ""
    assert not panel.reset_button.isEnabled()
    stored = {r["ps2"] for r in service.library.db.query("SELECT ps2 FROM pulse_answers")}
    assert stored == {2}


def test_changing_a_reverse_key_says_which_collected_results_it_rescores(qtbot, workshop) -> None:
    window, page = workshop
    panel = page.overview.settings.pulse_items
    pulses = panel.pulses
    service = page.model.service
    panel.reversed["ps4"].click()  # no pulse collected yet: nothing to say
    assert panel.rekeyed.isHidden()
    window.actions_by_name["undo"].trigger()
    service.schedule.add_wave("June")
    june = service.waves()[-1].id
    pulses.record_answers(june, dict.fromkeys(ITEM_KEYS, 4))
    pulses.set_tally(service.waves()[0].id, "ps1", 5, 3, 7)  # a show of cards in Baseline
    assert [w.name for w in pulses.waves_answered()] == ["Baseline", "June"]
    panel.reversed["ps4"].click()
    assert not panel.rekeyed.isHidden()
    assert panel.rekeyed.text().startswith("Statement 4 is now reverse-scored: the pulse "
                                           "results already collected in Baseline and June")
    window.actions_by_name["undo"].trigger()  # the key is back: the note goes
    assert panel.rekeyed.isHidden()
    assert pulses.items()[3].reversed is False
    panel.reversed["ps4"].click()
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)  # rcdesk's keys again
    assert panel.rekeyed.text().startswith("The statements are scored as rcdesk scores them "
                                           "again: the pulse results already collected in "
                                           "Baseline and June")
