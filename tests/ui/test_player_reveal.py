"""The Break step's calm room view, and the reveal a facilitator steers from the laptop."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from rcdesk.domain.decks import Step, StepKind
from rcdesk.ui.conversations.timer import TimerState

from .walkthrough_data import player_on_fake_clocks

STEPS = (
    Step("Welcome", "What brought you here today?", "", 5, StepKind.TALK),
    Step("Coffee", "Coffee and tea in the corridor.", "", 10, StepKind.BREAK),
    Step("Our map", "Let us read our map together.", "Reveal one weak tie.", 15,
         StepKind.REVEAL, roles=("Nurses", "Pharmacists")),
    Step("Strengths", "What works?", "", 10, StepKind.REVEAL),
)


@pytest.fixture
def playing(qtbot, make_window):
    window = make_window()
    conversations, player, clock, meeting = player_on_fake_clocks(
        window, datetime(2026, 11, 27, 10, 30), STEPS)
    conversations.set_wave(window.workshop_page.current_wave_id())
    assert conversations.start_walkthrough(meeting)
    qtbot.waitUntil(player.audience.isVisible)
    qtbot.keyClick(player.audience, Qt.Key.Key_P)  # the laptop's view
    return player, clock


def test_a_break_shows_the_room_a_calm_countdown_and_when_to_be_back(qtbot, playing) -> None:
    player, clock = playing
    audience, facilitator = player.audience, player.facilitator
    qtbot.keyClick(facilitator, Qt.Key.Key_Space)
    assert facilitator.kind.text() == "Break"
    assert audience.visible_texts() == ["Coffee", "Coffee and tea in the corridor.\nBack at 10:40",
                                        "10:00"]
    clock.advance(120)  # not started yet: the break still lasts ten minutes from now
    player.refresh_times()
    assert "Back at 10:42" in audience.prompt.text()
    qtbot.keyClick(facilitator, Qt.Key.Key_T)
    clock.advance(60)
    player.countdown.tick()
    assert "Back at 10:42" in audience.prompt.text() and audience.timer.text() == "9:00"
    facilitator.overrun_to_room.setChecked(True)  # even so, a break never counts on red
    clock.advance(660)
    player.countdown._beep = None  # noqa: SLF001
    player.countdown.tick()
    assert audience.timer.text() == "0:00" and audience.timer_state is TimerState.NORMAL


def _reveal_step(qtbot, player):
    qtbot.keyClick(player.facilitator, Qt.Key.Key_Space)
    qtbot.keyClick(player.facilitator, Qt.Key.Key_Space)
    assert player.current().title == "Our map"
    return player.audience.map


def test_the_laptop_chooses_the_tie_the_room_sees(qtbot, playing) -> None:
    player, _ = playing
    reveal = _reveal_step(qtbot, player)
    chooser = player.facilitator.reveal
    assert chooser.isVisibleTo(player.facilitator)
    ties = [t for t in reveal.ties() if t.value is not None]
    total = len(reveal.ties())
    # The tie the step names comes first, then the weakest up.
    first = chooser.tie_at(0)
    assert (first.source, first.target) == ("Nurses", "Pharmacists")
    rest = [chooser.tie_at(row) for row in range(1, chooser.list.count())]
    values = [t.value for t in rest if t.value is not None]
    assert values == sorted(values)
    assert chooser.count.text() == f"0 of {total} revealed"
    # This step names a tie: one tie at a time, the named one first.
    qtbot.keyClick(player.facilitator, Qt.Key.Key_R)
    assert reveal.revealed() == {first.tie_id}
    qtbot.keyClick(player.facilitator, Qt.Key.Key_R)
    assert reveal.revealed() == {rest[0].tie_id}  # the others hidden again
    assert chooser.count.text() == f"1 of {total} revealed"
    # Any tie, picked from the list.
    weakest = min(ties, key=lambda t: t.value)
    chooser.list.setCurrentRow(next(r for r in range(chooser.list.count())
                                    if chooser.tie_at(r).tie_id == weakest.tie_id))
    chooser.show_button.click()
    assert reveal.revealed() == {weakest.tie_id}
    pair = f"{weakest.source} and {weakest.target}"
    assert player.audience.question.text() == f"What would help {pair} coordinate?"
    assert player.facilitator.room.text() == player.audience.question.text()


def test_revealed_ties_survive_back_and_forth_and_the_end_is_said(qtbot, playing) -> None:
    player, _ = playing
    reveal = _reveal_step(qtbot, player)
    chooser = player.facilitator.reveal
    chooser.strongest.click()  # strongest first, adding up
    qtbot.keyClick(player.facilitator, Qt.Key.Key_R)
    qtbot.keyClick(player.facilitator, Qt.Key.Key_R)
    kept = reveal.revealed()
    assert len(kept) == 2
    qtbot.keyClick(player.facilitator, Qt.Key.Key_Left)
    qtbot.keyClick(player.facilitator, Qt.Key.Key_Right)
    assert player.current().title == "Our map" and reveal.revealed() == kept
    assert chooser.strongest.isChecked()
    qtbot.keyClick(player.facilitator, Qt.Key.Key_Right)  # the next reveal step starts hidden
    assert reveal.revealed() == set()
    qtbot.keyClick(player.facilitator, Qt.Key.Key_Left)
    assert reveal.revealed() == kept
    for _ in range(len(reveal.ties())):
        qtbot.keyClick(player.facilitator, Qt.Key.Key_R)
    assert reveal.remaining() == 0
    qtbot.keyClick(player.facilitator, Qt.Key.Key_R)  # after the last tie: said, not silent
    assert "every tie" in chooser.note.text().lower()
    total = len(reveal.ties())
    assert chooser.count.text() == f"{total} of {total} revealed"


def test_the_laptop_previews_exactly_what_the_projector_shows(qtbot, playing) -> None:
    player, _ = playing
    _reveal_step(qtbot, player)
    preview = player.facilitator.preview
    qtbot.waitUntil(lambda: not player.preview_timer.isActive())  # the copy follows at once
    assert not preview.pixmap().isNull()

    def same_as_the_projector() -> bool:
        shown = player.audience.grab().scaled(preview.pixmap().size(),
                                              Qt.AspectRatioMode.IgnoreAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation)
        return preview.pixmap().toImage() == shown.toImage()

    # the room's view may still settle (its map lays out) after the first copy: the copy
    # must follow it to exactly what the projector shows
    qtbot.waitUntil(same_as_the_projector)
    qtbot.keyClick(player.facilitator, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: preview.pixmap().toImage().pixelColor(5, 5).name() == "#000000")


def test_the_laptop_copy_follows_a_change_the_room_sees_without_a_new_step(qtbot,
                                                                           playing) -> None:
    """The room's view can change on its own (a map settling, a label placed late): the
    laptop's copy follows any repaint of it, not only a step change or a resize."""
    player, _ = playing
    qtbot.keyClick(player.facilitator, Qt.Key.Key_P)  # back to the room's view, on show
    qtbot.waitUntil(player.audience.isVisible)
    _reveal_step(qtbot, player)
    preview = player.facilitator.preview
    qtbot.waitUntil(lambda: not player.preview_timer.isActive())

    def same_as_the_projector() -> bool:
        shown = player.audience.grab().scaled(preview.pixmap().size(),
                                              Qt.AspectRatioMode.IgnoreAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation)
        return preview.pixmap().toImage() == shown.toImage()

    qtbot.waitUntil(same_as_the_projector)
    before = preview.pixmap().toImage()
    player.audience.setStyleSheet("QWidget#audience { background: #3a1f5d; }")
    qtbot.waitUntil(lambda: preview.pixmap().toImage() != before)
    qtbot.waitUntil(same_as_the_projector)
