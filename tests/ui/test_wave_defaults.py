"""The Report stage and the gap suggestions follow the header's wave and say so; a wave
without map data (a pulse-only wave) is never the default for a map page."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def sample_with_pulse_wave(make_window):
    """The sample (Baseline, Follow-up 1) plus a newer wave with no map data at all."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.model.service.schedule.add_wave("Pulse check", date(2026, 11, 30))
    return window, page


def pick(page, name: str) -> None:
    page.wave_picker.setCurrentIndex(page.wave_picker.findText(name))


def test_the_report_uses_the_headers_wave_and_says_so(qtbot, sample_with_pulse_wave) -> None:
    _, page = sample_with_pulse_wave
    pick(page, "Baseline")
    report = page.report
    assert report.wave.currentText() == "Baseline"
    assert "header" in report.wave_note.text() and "Baseline" in report.wave_note.text()
    pick(page, "Follow-up 1")
    assert report.wave.currentText() == "Follow-up 1"
    pick(page, "Pulse check")  # no map data: the map page keeps a wave that has some
    assert report.wave.currentText() == "Follow-up 1"
    assert "Pulse check" in report.wave_note.text()
    assert "no map data" in report.wave_note.text()


def test_suggestions_use_the_headers_wave_and_never_an_empty_one(
        qtbot, sample_with_pulse_wave) -> None:
    _, page = sample_with_pulse_wave
    pick(page, "Baseline")
    gaps = page.gaps
    page.show_gaps()
    gap = next(g for g in gaps.service.gaps() if g.tie_id is not None)
    gaps.select(gap.id)
    text = gaps.form.interventions.suggestion_text.text()
    assert "for the weak dimensions of this tie in the Baseline wave" in text
    assert "header" in text
    pick(page, "Pulse check")
    gaps.select(gap.id)
    text = gaps.form.interventions.suggestion_text.text()
    assert "for the weak dimensions of this tie" in text  # suggestions do not vanish
    assert "Pulse check" in text and "no map data" in text


def test_a_reveal_step_never_shows_a_wave_without_map_data(qtbot, sample_with_pulse_wave) -> None:
    from .walkthrough_data import add_meeting_with_agenda

    _, page = sample_with_pulse_wave
    meeting = add_meeting_with_agenda(page.model.service)
    page.show_stage(2)
    pick(page, "Pulse check")
    player = page.conversations.player
    assert page.conversations.start_walkthrough(meeting)
    player.next()
    player.next()
    assert player.current().title == "Our map"
    waves = {w.name: w.id for w in page.model.service.waves()}
    assert player.audience.map.scene.wave_id == waves["Follow-up 1"]
    note = player.facilitator.reveal.wave_note.text()
    assert "Follow-up 1" in note and "Pulse check" in note and "no map data" in note
    pick(page, "Baseline")
    assert player.audience.map.scene.wave_id == waves["Baseline"]
    player.leave()
