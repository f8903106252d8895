"""Arranged states: the screens as a workshop in use shows them, each brought about by one
small function, so the layout audit and the screenshot scripts arrange them in ONE place.

A state is a context manager taking the main window with the sample workshop open: it
arranges the data and the widgets, yields the widget to look at (the window, or a window
of its own such as a locked laptop screen), and on leaving closes what it opened. Each is
safe to arrange again (the second time, in projector mode): the data it adds is looked up
first. Used by tests/ui/layout_audit.py (STATES, checked in normal and projector mode)
and by scripts/screenshots*.py (through scripts/shots.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from .layout_audit_data import (
    Clocks,
    Window,
    alone,
    capture_two,
    charted_gaps,
    conversation_tab,
    meeting_with_agenda,
    on_laptop,
    pulse_wave_answered,
    settle,
    type_keys,
    wave_named,
)

State = Callable[[Window], AbstractContextManager[QWidget]]


# -- the states -----------------------------------------------------------------------------


def _gaps_page(window: Window) -> Any:
    return window.workshop_page.show_gaps()


def _chart_of(window: Window, which: int) -> QWidget:
    """The gap log's Chart tab on one of the charted gaps (0 run chart, 1 P chart)."""
    gaps = _gaps_page(window)
    gaps.setCurrentIndex(0)
    gaps.select(charted_gaps(gaps.service)[which])
    gaps.show_side(gaps.measure)
    settle()
    return window  # type: ignore[no-any-return]


@contextmanager
def p_chart_panel(window: Window) -> Iterator[QWidget]:
    """The Chart tab of a gap with a P chart staged at an adopted change."""
    yield _chart_of(window, 1)


@contextmanager
def run_chart_panel(window: Window) -> Iterator[QWidget]:
    """The Chart tab of a gap with a run chart and a shift after a change."""
    yield _chart_of(window, 0)


@contextmanager
def p_chart_large(window: Window) -> Iterator[QWidget]:
    """"Show chart large": the P chart alone, as the room sees it."""
    with p_chart_panel(window):
        measure = window.workshop_page.gaps.measure
        measure.present.click()
        large = measure.large
        assert large is not None
        with alone(on_laptop(large), large.close):
            yield large


@contextmanager
def pdsa_decided(window: Window) -> Iterator[QWidget]:
    """The PDSA tab on a decided cycle, every field of its form filled."""
    from rcdesk.domain.experiments import ExperimentStatus

    gaps = _gaps_page(window)
    gaps.setCurrentIndex(0)
    gap = min(g.id for g in gaps.service.gaps())
    gaps.select(gap)
    gaps.show_side(gaps.experiments)
    decided = next(e.id for e in gaps.service.experiments(gap)
                   if e.status is ExperimentStatus.DECIDED)
    gaps.experiments.select(decided)
    settle()
    yield window


@contextmanager
def driver_diagram(window: Window) -> Iterator[QWidget]:
    """An aim's Drivers tab with its drivers and their change ideas."""
    gaps = _gaps_page(window)
    gaps.setCurrentIndex(0)
    aim = next(g for g in gaps.service.gaps() if g.title.startswith("Less overtime"))
    gaps.show_gap(aim.id)
    gaps.show_side(gaps.drivers)
    settle()
    yield window


@contextmanager
def structures_assessed(window: Window, key: str = "boundary_spanner") -> Iterator[QWidget]:
    """The Structures tab on the follow-up wave, an assessed structure selected."""
    page = window.workshop_page
    gaps = page.show_gaps()
    view = page.structures
    gaps.setCurrentWidget(view)
    follow_up = page.model.service.waves()[-1]
    page.wave_picker.setCurrentIndex(page.wave_picker.findData(follow_up.id))
    view.select_structure(key)
    settle()
    yield window


@contextmanager
def huddle_follow_up(window: Window) -> Iterator[QWidget]:
    """The huddle's follow-up of the next meeting."""
    from rcdesk.domain.model import next_meeting

    page = window.workshop_page
    service = page.model.service
    upcoming = next_meeting(service.meetings(), service.today())
    assert upcoming is not None
    page.show_stage(0)
    page.overview.meetings.huddle_started.emit(upcoming.id)
    settle()
    yield window


@contextmanager
def walkthrough(window: Window, clocks: Clocks | None = None) -> Iterator[Any]:
    """A walkthrough of the kick-off with an agenda, on a fake clock; yields the player
    (its audience window and the facilitator's view in the main window)."""
    page = window.workshop_page
    meeting = meeting_with_agenda(page.model.service)
    wave_named(window, page.model.service.waves()[0].name)  # the same, whatever came before
    page.show_stage(2)
    conversations = page.conversations
    conversations.set_wave(page.current_wave_id())
    player = conversations.player
    (clocks or Clocks()).drive(player)
    assert conversations.start_walkthrough(meeting)
    try:
        yield player
    finally:
        player.leave()
        settle()


def _audience(player: Any) -> QWidget:
    audience = player.audience
    audience.showNormal()
    audience.resize(1280, 720)
    return audience  # type: ignore[no-any-return]


@contextmanager
def _walkthrough_at(window: Window, title: str, reveals: int = 0) -> Iterator[Any]:
    with walkthrough(window) as player:
        step = next(s for s in player.walk.agenda() if s.title == title)
        player.go_to(step.id)
        for _ in range(reveals):
            player.reveal_next()
        settle()
        yield player


@contextmanager
def walkthrough_facilitator(window: Window) -> Iterator[QWidget]:
    """The facilitator's view mid-walkthrough: a prompt timed, two captures, one typed."""
    clocks = Clocks()
    with walkthrough(window, clocks) as player:
        for _ in range(3):
            clocks.advance(240)
            player.next()
        capture_two(window, player)
        player.facilitator.capture.line.setText("Could the board round move to 15:00?")
        settle()
        yield window
        player.facilitator.capture.line.clear()


@contextmanager
def walkthrough_break(window: Window) -> Iterator[QWidget]:
    """The room's view of a break."""
    with _walkthrough_at(window, "Coffee") as player:
        yield _audience(player)


@contextmanager
def walkthrough_reveal_room(window: Window) -> Iterator[QWidget]:
    """The room's view of a reveal step, two ties revealed."""
    with _walkthrough_at(window, "One tie to look at", reveals=2) as player:
        yield _audience(player)


@contextmanager
def walkthrough_reveal_laptop(window: Window) -> Iterator[QWidget]:
    """The facilitator's view of a reveal step with its tie chooser."""
    with _walkthrough_at(window, "One tie to look at", reveals=2):
        yield window


def _voice(window: Window, name: str) -> Any:
    """A tab of the Conversations stage's "Every voice", shown."""
    conversations = window.workshop_page.conversations
    window.workshop_page.show_stage(2)
    tab = getattr(conversations, name)
    conversations.show_voice(tab)
    return tab


def _room_lock(window: Window, form: str, keys: list[Qt.Key]) -> AbstractContextManager[QWidget]:
    tab = _voice(window, "room")
    tab.ask_pin = lambda: "2468"
    tab.set_wave(wave_named(window, "In the room"))
    tab.form.setCurrentIndex(tab.form.findData(form))
    lock = tab.start_laptop()
    assert lock is not None
    on_laptop(lock)  # before the grid is laid out, for the laptop's width
    lock.choose_role(lock.roles[0].id)
    type_keys(lock, keys)  # someone has started rating
    return alone(lock, lock.release)


@contextmanager
def rating_grid_short(window: Window) -> Iterator[QWidget]:
    """The room's rating grid mid-session, short form: three ties rated."""
    with _room_lock(window, "short", [Qt.Key.Key_4, Qt.Key.Key_2, Qt.Key.Key_0]) as lock:
        yield lock


@contextmanager
def rating_grid_full(window: Window) -> Iterator[QWidget]:
    """The room's rating grid mid-session, full form: a tie's dimensions being rated."""
    keys = [Qt.Key.Key_4, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_2, Qt.Key.Key_5]
    with _room_lock(window, "full", keys) as lock:
        yield lock


@contextmanager
def room_shown(window: Window) -> Iterator[QWidget]:
    """The Rate the map tab after a showing of four people's ratings."""
    page = window.workshop_page
    tab = _voice(window, "room")
    wave = wave_named(window, "In the room")
    tab.set_wave(wave)
    ratings = tab.ratings
    roles = [r.id for r in page.model.service.roles()]
    if not ratings.state(wave).showings:
        for value in (4, 3, 5, 2):
            ratings.record(wave, roles[0], {target: value for target in roles})
        ratings.show(wave)
    tab.refresh()
    settle()
    yield window


@contextmanager
def dot_vote_results(window: Window) -> Iterator[QWidget]:
    """The dot-vote tab after a show of hands was counted and closed: the totals."""
    tab = _voice(window, "dot_vote")
    vote = tab.votes.latest()
    if vote is None or vote.method != "tally" or vote.closed_at is None:
        tab.method.setCurrentIndex(tab.method.findData("tally"))
        tab.start()
        for count, spin in zip((7, 4, 9, 2, 5), tab.spins.values(), strict=False):
            spin.setValue(count)
        tab.close_tally()
    tab.refresh()
    settle()
    yield window


@contextmanager
def pulse_results_shown(window: Window) -> Iterator[QWidget]:
    """The Pulse tab after "Show results" on a wave of five answers."""
    tab = pulse_wave_answered(window)
    if not tab.pulses.showings(tab.wave_id):  # once: another showing needs k more people
        tab.show_results()
    settle()
    yield window


@contextmanager
def pulse_laptop_answering(window: Window) -> Iterator[QWidget]:
    """The pulse on the passed laptop, someone half-way through the questions."""
    tab = pulse_wave_answered(window, "Follow-up 3")
    tab.ask_pin = lambda: "2468"
    lock = tab.start_laptop()
    assert lock is not None
    on_laptop(lock)
    lock.show_questions()
    lock.rows[0].group.button(2).setChecked(True)
    lock.rows[1].group.button(6).setChecked(True)
    with alone(lock, lock.release):
        yield lock


@contextmanager
def pairs_picked(window: Window) -> Iterator[QWidget]:
    """Cross-role pairs on the projector, one person picked for a swap."""
    tab = _voice(window, "pairs")
    tab.propose()
    shown = on_laptop(tab.show_on_projector())
    tab.controller.move(2)
    tab.controller.pick()
    with alone(shown, shown.close):
        yield shown


@contextmanager
def deck_copy_selected(window: Window) -> Iterator[QWidget]:
    """The deck library with an own copy of a deck renamed and one of its steps selected."""
    from rcdesk.services.deck_library import created_key

    decks = conversation_tab(window, "decks")
    name = "Humble inquiry, ward 7"
    key = next((d.key for d in decks.library.decks() if d.deck.title == name), None)
    if key is None:
        key = created_key(decks.library.duplicate("humble-inquiry"))
        decks.library.rename(key, name)
    decks.select_deck(key)
    decks.steps.selectRow(2)
    settle()
    yield window


@contextmanager
def agenda_as_run(window: Window) -> Iterator[QWidget]:
    """The sample's kick-off agenda, as run, a step selected."""
    agenda = conversation_tab(window, "agenda")
    meetings = window.workshop_page.model.service.meetings()
    agenda.select_meeting(next(m.id for m in meetings if m.kind.value == "kickoff"))
    agenda.table.selectRow(5)
    settle()
    yield window


@contextmanager
def map_hidden_scores(window: Window) -> Iterator[QWidget]:
    """The map with its scores hidden and one tie revealed."""
    page = window.workshop_page
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)
    mp = page.map
    mp.hide_scores.setChecked(True)
    mp.reveal_next_tie()
    mp.scene.clearSelection()
    settle()
    yield window
    mp.hide_scores.setChecked(False)


@contextmanager
def map_lens_timely(window: Window) -> Iterator[QWidget]:
    """The map through the Timely lens, asymmetry marked."""
    page = window.workshop_page
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)
    mp = page.map
    mp.lens_picker.setCurrentIndex(mp.lens_picker.findData("timely"))
    mp.asymmetry.setChecked(True)
    settle()
    yield window
    mp.lens_picker.setCurrentIndex(0)
    mp.asymmetry.setChecked(False)


@contextmanager
def map_change(window: Window) -> Iterator[QWidget]:
    """The map of the second wave compared with the first."""
    page = window.workshop_page
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)
    page.wave_picker.setCurrentIndex(1)
    page.map.compare_picker.setCurrentIndex(1)
    settle()
    yield window
    page.map.compare_picker.setCurrentIndex(0)


@contextmanager
def map_disagreement(window: Window) -> Iterator[QWidget]:
    """The map's "Where we disagree" lens on the sample's in-room wave."""
    from rcdesk.services.sample.voices import WAVE

    page = window.workshop_page
    wave_named(window, WAVE)
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)
    page.map.disagreement.setChecked(True)
    settle()
    yield window
    page.map.disagreement.setChecked(False)


#: The arranged states the layout audit checks, by name (in this order).
STATES: tuple[tuple[str, State], ...] = (
    ("gaps-p-chart", p_chart_panel),
    ("gaps-run-chart", run_chart_panel),
    ("gaps-p-chart-large", p_chart_large),
    ("gaps-pdsa-decided", pdsa_decided),
    ("gaps-driver-diagram", driver_diagram),
    ("gaps-structures-assessed", structures_assessed),
    ("huddle-follow-up", huddle_follow_up),
    ("walkthrough-facilitator-mid", walkthrough_facilitator),
    ("walkthrough-break", walkthrough_break),
    ("walkthrough-reveal-room", walkthrough_reveal_room),
    ("walkthrough-reveal-laptop", walkthrough_reveal_laptop),
    ("rating-grid-short", rating_grid_short),
    ("rating-grid-full", rating_grid_full),
    ("room-shown", room_shown),
    ("dot-vote-results", dot_vote_results),
    ("pulse-results-shown", pulse_results_shown),
    ("pulse-laptop-answering", pulse_laptop_answering),
    ("pairs-picked", pairs_picked),
    ("decks-copy", deck_copy_selected),
    ("agenda-as-run", agenda_as_run),
    ("map-hidden-scores", map_hidden_scores),
    ("map-lens-timely", map_lens_timely),
    ("map-change", map_change),
    ("map-disagreement", map_disagreement),
)
