"""The walkthrough player driven like a facilitator: keys, timer, capture, reveal, resume."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from rcdesk.domain.agenda import StepState
from rcdesk.domain.captures import CaptureKind
from rcdesk.services.captures import CapturesService
from rcdesk.services.walkthrough import WalkthroughService
from rcdesk.ui.conversations.audience import PROMPT_PT, TITLE_PT
from rcdesk.ui.conversations.timer import TimerState

from .walkthrough_data import NOTES, STEPS, add_meeting_with_agenda, player_on_fake_clocks


@pytest.fixture
def playing(qtbot, make_window):
    """The sample workshop with a four-step meeting, its walkthrough started on fake clocks."""
    window = make_window()
    conversations, player, clock, meeting = player_on_fake_clocks(
        window, datetime(2026, 11, 27, 9, 0))
    assert conversations.start_walkthrough(meeting)
    qtbot.waitUntil(player.audience.isVisible)
    return window, conversations, player, clock, meeting


def key(qtbot, widget, which) -> None:
    qtbot.keyClick(widget, which)


def test_a_deck_played_through_with_the_keyboard_is_recorded(qtbot, playing) -> None:
    window, conversations, player, clock, meeting = playing
    audience = player.audience
    # One screen here: the player starts on the audience view; its keys drive the walkthrough.
    assert not player.plan.two_screens and audience.isFullScreen()
    assert audience.visible_texts()[:2] == ["Welcome", "What brought you here today?"]
    clock.advance(240)
    key(qtbot, audience, Qt.Key.Key_Space)
    assert audience.title.text() == "Pairs"
    clock.advance(60)
    key(qtbot, audience, Qt.Key.Key_Left)  # back re-opens the welcome
    assert audience.title.text() == "Welcome"
    clock.advance(30)
    key(qtbot, audience, Qt.Key.Key_Right)
    key(qtbot, audience, Qt.Key.Key_P)  # presenter toggle: the facilitator view
    assert not audience.isVisible() and conversations.showing_player()
    facilitator = player.facilitator
    assert facilitator.title.text() == "Pairs" and facilitator.notes.text() == NOTES[1]
    assert facilitator.next_label.text() == "Next: Our map (15 min)"
    facilitator.buttons["skip"].click()  # pairs passed over after two minutes
    clock.advance(600)
    key(qtbot, facilitator, Qt.Key.Key_Space)
    clock.advance(90)
    assert facilitator.buttons["next"].text() == "Finish ▶"
    key(qtbot, facilitator, Qt.Key.Key_Escape)  # Esc twice within a second leaves
    with qtbot.waitSignal(player.ended):
        key(qtbot, facilitator, Qt.Key.Key_Escape)
    assert not conversations.showing_player()
    assert conversations.tabs.currentWidget() is conversations.agenda
    agenda = WalkthroughService(conversations.model.service).agenda(meeting)
    assert [(s.state, s.seconds) for s in agenda] == [
        (StepState.RUN, 270.0), (StepState.RUN, 60.0), (StepState.RUN, 600.0),
        (StepState.RUN, 90.0)]
    assert agenda[0].started_at == datetime(2026, 11, 27, 9, 0)


def test_skipping_a_step_that_was_never_run_records_it_skipped(qtbot, playing) -> None:
    _, _, player, clock, meeting = playing
    clock.advance(10)
    player.facilitator.buttons["skip"].click()
    player.leave()
    states = [s.state for s in player.walk.agenda(meeting)]
    assert states == [StepState.SKIPPED, StepState.RUN, StepState.PLANNED, StepState.PLANNED]


def test_the_timer_turns_amber_in_the_last_minute_and_pulses_at_zero(qtbot, playing) -> None:
    _, _, player, clock, _ = playing
    audience, countdown = player.audience, player.countdown
    assert audience.timer.text() == "5:00" and not countdown.running
    player.facilitator.overrun_to_room.setChecked(True)  # the room sees the overrun too
    key(qtbot, audience, Qt.Key.Key_T)
    assert countdown.running
    clock.advance(239)
    countdown.tick()
    assert countdown.state() is TimerState.NORMAL and audience.timer.text() == "1:01"
    clock.advance(1)
    countdown.tick()
    assert countdown.state() is TimerState.AMBER and audience.timer.text() == "1:00"
    assert "#E69F00" in audience.timer.styleSheet()
    assert "#E69F00" in player.facilitator.clock.styleSheet()
    beeps: list[int] = []
    countdown._beep = lambda: beeps.append(1)  # noqa: SLF001 - no system beep in tests
    clock.advance(60)
    with qtbot.waitSignal(countdown.reached_zero):
        countdown.tick()
    assert countdown.state() is TimerState.OVER and audience.timer.text() == "0:00"
    first = audience.timer.styleSheet()
    clock.advance(0.5)
    countdown.tick()
    assert audience.timer.styleSheet() != first  # the pulse
    clock.advance(12)
    countdown.tick()
    assert audience.timer.text() == "−0:12" and beeps == [1]
    key(qtbot, audience, Qt.Key.Key_T)  # pause: the clock moves, the countdown does not
    clock.advance(30)
    countdown.tick()
    assert audience.timer.text() == "−0:12"
    player.facilitator.buttons["minute"].click()
    assert countdown.state() is TimerState.AMBER and audience.timer.text() == "0:48"
    player.facilitator.buttons["reset"].click()
    assert audience.timer.text() == "5:00"


def test_keys_do_not_fire_while_typing_a_capture(qtbot, playing) -> None:
    window, conversations, player, clock, meeting = playing
    key(qtbot, player.audience, Qt.Key.Key_P)
    line = player.facilitator.capture.line
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClicks(line, "T B P and Esc")
    assert line.text() == "T B P and Esc"
    assert not player.countdown.running and not player.audience.blank
    assert not player.audience.isVisible() and player.current().title == "Welcome"
    player.facilitator.capture.kind.setCurrentIndex(
        player.facilitator.capture.kind.findData(CaptureKind.QUOTE))
    nurses = next(r.id for r in conversations.model.service.roles() if r.name == "Nurses")
    speaker = player.facilitator.capture.speaker
    speaker.setCurrentIndex(speaker.findData(nurses))
    line.clear()
    qtbot.keyClicks(line, "We hear about discharges at 9 am")
    key(qtbot, line, Qt.Key.Key_Return)
    assert line.text() == "" and line.hasFocus()
    assert player.facilitator.recent.item(0).text() == \
        "Quote: We hear about discharges at 9 am — Nurses"
    qtbot.keyClicks(line, "half typed")
    key(qtbot, line, Qt.Key.Key_Escape)  # Esc first cancels the typing …
    assert line.text() == "" and player.walk.running
    qtbot.waitUntil(lambda: not line.hasFocus())
    key(qtbot, player.facilitator, Qt.Key.Key_Escape)  # … then two more leave
    with qtbot.waitSignal(player.ended):
        key(qtbot, player.facilitator, Qt.Key.Key_Escape)
    found = CapturesService(conversations.model.service).captures(meeting)
    step = player.walk.agenda(meeting)[0]
    assert [(c.text, c.kind, c.speaker_role_id, c.agenda_step_id) for c in found] == [
        ("We hear about discharges at 9 am", CaptureKind.QUOTE, nurses, step.id)]


def test_the_audience_view_never_shows_notes_and_uses_large_type(qtbot, playing) -> None:
    _, _, player, _, _ = playing
    audience = player.audience
    for index in range(len(STEPS)):
        texts = [w.text() for w in audience.findChildren(QLabel) if w.isVisible()]
        assert not any(note in text for note in NOTES for text in texts)
        assert STEPS[index].notes not in " ".join(audience.visible_texts())
        assert audience.title.font().pointSizeF() >= TITLE_PT >= 28
        assert audience.prompt.font().pointSizeF() >= PROMPT_PT[-1] >= 40
        assert audience.prompt.wordWrap()
        if index < len(STEPS) - 1:
            key(qtbot, audience, Qt.Key.Key_Space)
    key(qtbot, audience, Qt.Key.Key_B)
    assert audience.blank and audience.visible_texts() == []
    key(qtbot, audience, Qt.Key.Key_B)
    assert audience.visible_texts()[0] == "Close"


def test_a_reveal_step_shows_the_map_hidden_then_one_tie_at_a_time(qtbot, playing) -> None:
    window, conversations, player, _, _ = playing
    page = window.workshop_page
    conversations.set_wave(page.current_wave_id())
    key(qtbot, player.audience, Qt.Key.Key_Space)
    key(qtbot, player.audience, Qt.Key.Key_Space)
    audience = player.audience
    reveal = audience.map
    assert audience.body.currentWidget() is reveal and reveal.revealed() == set()
    items = reveal.scene.item_for_tie
    assert items and all(item.value_text() == "" for item in items.values())  # no numbers
    ties = reveal.ties()
    strongest = max((t for t in ties if t.value is not None), key=lambda t: t.value)
    key(qtbot, audience, Qt.Key.Key_R)
    assert reveal.revealed() == {strongest.tie_id}
    assert items[strongest.tie_id].value_text() == f"{strongest.value:.1f}"
    assert [t for t, item in items.items() if item.value_text()] == [strongest.tie_id]
    assert audience.question.text().startswith("What helps ")
    weakest = min((t for t in ties if t.value is not None), key=lambda t: t.value)
    for _ in range(len([t for t in ties if t.value is not None]) - 1):
        player.reveal_next()
    assert reveal.latest == weakest
    pair = f"{weakest.source} and {weakest.target}"
    assert audience.question.text() == f"What would help {pair} coordinate?"
    player.facilitator.buttons["reveal_all"].click()
    assert reveal.remaining() == 0
    player.facilitator.buttons["hide_all"].click()
    assert reveal.revealed() == set()


def test_resume_after_a_crash(qtbot, make_window, library_path, playing) -> None:
    window, conversations, player, clock, meeting = playing
    key(qtbot, player.audience, Qt.Key.Key_Space)
    key(qtbot, player.audience, Qt.Key.Key_Space)
    workshop_id = window.workshop_page.model.service.workshop_id
    audience = player.audience
    window.close()  # no Leave: as if rcdesk had crashed
    assert not audience.isVisible()  # the room's window went with the workshop
    window.library.library.close()
    again = make_window(library_path)
    page = again.open_workshop(workshop_id)
    banner = page.resume_banner
    assert banner.isVisibleTo(page) and "at step 3 of 4, “Our map”" in banner.text.text()
    banner.resume_button.click()
    resumed = page.conversations.player
    assert page.conversations.showing_player() and resumed.walk.meeting_id == meeting
    assert resumed.audience.title.text() == "Our map"
    assert resumed.facilitator.title.text() == "Our map"
    assert not banner.isVisible()
    resumed.leave()
    assert WalkthroughService(page.model.service).running_meeting() is None


def test_a_pulse_step_opens_the_pulse_tab_and_comes_back(qtbot, playing) -> None:
    _, conversations, player, _, _ = playing
    player.facilitator.buttons["pulse"].click()  # the button only shows on pulse steps
    assert conversations.tabs.currentWidget() is conversations.pulse
    assert conversations.running_bar.isVisible()
    conversations.show_player()
    assert conversations.showing_player() and player.walk.running


def test_the_players_keys_are_in_the_shortcut_help() -> None:
    from rcdesk.ui.help_texts import shortcuts_html

    html = shortcuts_html()
    for text in ("Next step", "Previous step", "Start or pause the timer",
                 "Blank the room's screen", "Leave the walkthrough"):
        assert text in html


def test_the_agendas_start_button_opens_the_player_and_leave_returns(qtbot, make_window) -> None:
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    meeting = add_meeting_with_agenda(page.model.service)
    page.show_stage(2)
    conversations = page.conversations
    conversations.agenda.select_meeting(meeting)
    conversations.agenda.start.click()
    assert conversations.showing_player() and conversations.player.walk.meeting_id == meeting
    assert conversations.agenda.start.text() == "Resume walkthrough"
    conversations.player.facilitator.buttons["leave"].click()
    assert not conversations.showing_player()
    assert conversations.agenda.start.text() == "Start walkthrough"


def test_a_later_step_can_be_skipped_in_advance(qtbot, playing) -> None:
    _, _, player, clock, meeting = playing
    facilitator = player.facilitator
    key(qtbot, player.audience, Qt.Key.Key_P)
    facilitator.agenda.setCurrentRow(1)
    facilitator.buttons["skip_later"].click()
    assert facilitator.agenda.item(1).text().endswith("(skipped)")
    assert facilitator.next_label.text() == "Next: Our map (15 min)"
    clock.advance(60)
    key(qtbot, facilitator, Qt.Key.Key_Space)
    assert facilitator.title.text() == "Our map"
    assert player.walk.agenda(meeting)[1].state is StepState.SKIPPED


def test_undoing_the_agenda_under_a_running_walkthrough_ends_it_calmly(qtbot, playing) -> None:
    window, conversations, player, _, meeting = playing
    service = conversations.model.service
    rows = service.library.db.query("SELECT * FROM agenda_steps WHERE meeting_id = ?", [meeting])
    from rcdesk.services.edits import DeleteRows

    with qtbot.waitSignal(player.ended):
        service.perform(DeleteRows("Clear agenda", (("agenda_steps", tuple(rows)),)))
    assert not player.walk.running and not player.audience.isVisible()
    assert not conversations.showing_player()


class FakeProjector:
    """A second screen, to the right of the laptop (stands in for a QScreen)."""

    def geometry(self):
        from PySide6.QtCore import QRect

        return QRect(5000, 0, 1280, 720)

    def name(self) -> str:
        return "HDMI-1"


def test_with_two_screens_the_laptop_keeps_the_notes(qtbot, make_window) -> None:
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    meeting = add_meeting_with_agenda(page.model.service)
    page.show_stage(2)
    conversations = page.conversations
    player = conversations.player
    laptop = window.screen()
    player.screens = lambda: [laptop, FakeProjector()]
    assert conversations.start_walkthrough(meeting)
    assert player.plan.two_screens and player.plan.audience == 1
    assert player.audience.isVisible() and conversations.showing_player()
    assert player.facilitator.notes.text() == NOTES[0]  # on the laptop, never on the projector
    assert NOTES[0] not in " ".join(player.audience.visible_texts())
    assert player.facilitator.buttons["presenter"].text() == "Blank projector"
    key(qtbot, player.facilitator, Qt.Key.Key_Space)
    assert player.audience.title.text() == "Pairs" and player.facilitator.title.text() == "Pairs"
    key(qtbot, player.facilitator, Qt.Key.Key_P)  # blanks the projector; never the desktop
    assert player.audience.isVisible() and player.audience.blank
    key(qtbot, player.facilitator, Qt.Key.Key_P)
    assert player.audience.isVisible() and not player.audience.blank
    player.leave()


def test_every_player_control_has_an_accessible_name(qtbot, playing) -> None:
    from .test_look import interactive_widgets

    _, conversations, player, _, _ = playing
    for root in (player.facilitator, player.audience, conversations.captures):
        missing = [(type(w).__name__, w.text() if hasattr(w, "text") else "")
                   for w in interactive_widgets(root) if not w.accessibleName()]
        assert missing == []


def test_the_room_colours_reach_projector_contrast() -> None:
    from rcdesk.ui.conversations.audience import AMBER, BLANK, OVER, P
    from rcdesk.ui.palettes import contrast_ratio

    assert contrast_ratio("#000000", AMBER) >= 7
    assert contrast_ratio("#FFFFFF", OVER) >= 7 and contrast_ratio(OVER, P.window) >= 7
    assert contrast_ratio(P.muted_text, P.window) >= 7 and BLANK != P.window
