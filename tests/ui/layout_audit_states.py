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
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

Window = Any  # rcdesk.ui.main_window.MainWindow with the sample workshop open
State = Callable[[Window], AbstractContextManager[QWidget]]

#: Montgomery, Introduction to SQC, Example 7.1 and the samples after the adjustment.
CANS = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24,
        15, 9, 12, 7, 13, 9, 6, 9, 6, 12, 5, 6, 4, 6, 3, 7, 6, 2, 4, 3, 6, 5, 4, 8, 5, 6, 7, 5,
        6, 3, 5]
SHIFT = [12, 14, 11, 13, 12, 15, 11, 13, 12, 14, 13, 12, 17, 18, 16, 19, 18, 17, 19, 18, 20,
         17]
RUN_GAP, P_GAP = "Discharge letters sent the same day", "Fewer leaking cans"
#: Five people's pulse answers (as worded; ps1, ps3, ps5 are reverse-scored).
PULSE_ANSWERS = [(2, 6, 2, 5, 3, 6, 6), (3, 5, 2, 6, 2, 5, 5), (2, 6, 3, 5, 2, 6, 7),
                 (4, 5, 3, 4, 3, 5, 5), (1, 7, 1, 6, 2, 6, 6)]
KICKOFF = "Kick-off: reading our map"


def settle(rounds: int = 6) -> None:
    """Let layouts settle, widgets let go of be deleted (as the event loop would on its next
    turn: processEvents alone leaves them, shown, at 640×480), and every chart queued for a
    build or draw get its turn."""
    from rcdesk.ui.scores import chart_queue

    for _ in range(rounds):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for _ in range(500):
        if not chart_queue.pending():
            break
        QApplication.processEvents()


def type_keys(window: QWidget, keys: list[Qt.Key]) -> None:
    """Keys pressed one after another, each to the widget that has the focus then."""
    for key in keys:
        focused = window.focusWidget() or window
        QApplication.sendEvent(focused, QKeyEvent(QEvent.Type.KeyPress, key,
                                                  Qt.KeyboardModifier.NoModifier))


def on_laptop(lock: QWidget) -> QWidget:
    """A pass-the-laptop window at the laptop's 1280×720."""
    lock.showNormal()
    lock.resize(1280, 720)
    return lock


def wave_named(window: Window, name: str, show: bool = True) -> int:
    """The id of the wave of this name (added when the sample has none), shown if asked."""
    page = window.workshop_page
    service = page.model.service
    found = next((w.id for w in service.waves() if w.name == name), None)
    if found is None:
        service.schedule.add_wave(name)
        found = service.waves()[-1].id
    if show:
        page.wave_picker.setCurrentIndex(page.wave_picker.findData(found))
    return int(found)


# -- data the states add --------------------------------------------------------------------


def decided_cycle(cycles: Any, gap_id: int, idea: str, start: date, due: date,
                  act: Any) -> None:
    from rcdesk.domain.experiments import ExperimentStatus

    cycles.add_experiment(gap_id, idea, start=start, due=due)
    cycle = max((e for e in cycles.gaps.experiments(gap_id)), key=lambda e: e.id)
    if act is None:
        cycles.set_status(cycle.id, ExperimentStatus.RUNNING)
        return
    for status in (ExperimentStatus.RUNNING, ExperimentStatus.STUDYING):
        cycles.set_status(cycle.id, status)
    cycles.set_status(cycle.id, ExperimentStatus.DECIDED, act)


def _run_chart_gap(gaps: Any, cycles: Any, today: date) -> int:
    from rcdesk.domain.experiments import Act
    from rcdesk.domain.gaps import ChartType

    start = today - timedelta(days=7 * len(SHIFT))
    gaps.create_gap(gaps.draft(RUN_GAP))
    gap_id = max(g.id for g in gaps.gaps())
    gap = gaps.gap(gap_id)
    gaps.update_gap(replace(gap, measure=replace(
        gap.measure, name="Letters sent the same day", unit="letters a day",
        chart=ChartType.RUN, baseline_points=12, target_value=20)))
    for week, value in enumerate(SHIFT):
        gaps.add_measure_value(gap_id, start + timedelta(days=7 * week), value)
    decided_cycle(cycles, gap_id, "Dictate letters on the ward round",
                  start + timedelta(days=7 * 11), start + timedelta(days=7 * 15), Act.ADAPT)
    return int(gap_id)


def _p_chart_gap(gaps: Any, cycles: Any, today: date) -> int:
    from rcdesk.domain.experiments import Act
    from rcdesk.domain.gaps import MeasureKind

    start = today - timedelta(days=7 * len(CANS))
    gaps.create_gap(gaps.draft(P_GAP))
    gap_id = max(g.id for g in gaps.gaps())
    gap = gaps.gap(gap_id)
    gaps.update_gap(replace(gap, measure=replace(
        gap.measure, name="Cans that leak", unit="of 50 cans checked",
        kind=MeasureKind.PROPORTION)))
    gap = gaps.gap(gap_id)
    gaps.update_gap(replace(gap, measure=replace(gap.measure, direction=type(
        gap.measure.direction).LOWER)))
    for week, count in enumerate(CANS):
        gaps.add_measure_value(gap_id, start + timedelta(days=7 * week), count, denominator=50)
    decided_cycle(cycles, gap_id, "Adjust the sealing machine", start + timedelta(days=7 * 26),
                  start + timedelta(days=7 * 29), Act.ADOPT)
    decided_cycle(cycles, gap_id, "New seal supplier", start + timedelta(days=7 * 44),
                  start + timedelta(days=7 * 48), None)
    return int(gap_id)


def charted_gaps(gaps: Any) -> tuple[int, int]:
    """Two charted gaps (once): a run chart with a shift after a change, and a P chart
    staged at an adopted change (Montgomery's orange-juice cans)."""
    from rcdesk.services.experiments import ExperimentsService

    titles = {g.title: g.id for g in gaps.gaps()}
    if RUN_GAP in titles and P_GAP in titles:
        return int(titles[RUN_GAP]), int(titles[P_GAP])
    cycles = ExperimentsService(gaps)
    today = gaps.workshop.today()
    return _run_chart_gap(gaps, cycles, today), _p_chart_gap(gaps, cycles, today)


def meeting_with_agenda(service: Any) -> int:
    """A kick-off meeting today (once) whose agenda has the psychological-safety deck, a
    Coffee break and the map-reading deck, its reveal step naming Physicians → Pharmacists."""
    from rcdesk.domain.agenda import AgendaStep
    from rcdesk.domain.decks import Step, StepKind
    from rcdesk.domain.model import MeetingKind
    from rcdesk.services.decks import shipped_decks
    from rcdesk.services.edits import InsertRows
    from rcdesk.services.records import next_id
    from rcdesk.store.agenda import agenda_step_row

    found = next((m.id for m in service.meetings() if m.title == KICKOFF), None)
    if found is not None:
        return int(found)
    edit = service.schedule.add_meeting(MeetingKind.KICKOFF, date.today(), KICKOFF)
    assert isinstance(edit, InsertRows)
    meeting_id = int(edit.groups[0][1][0]["id"])
    decks = {d.id: d for d in shipped_decks()}
    pause = Step("Coffee", "Coffee and tea in the corridor.", "", 10, StepKind.BREAK)
    steps: list[tuple[Any, Step]] = [(decks["psychological-safety"], s)
                                     for s in decks["psychological-safety"].steps]
    steps.append((None, pause))
    for s in decks["reading-our-map"].steps:  # the reveal step names its tie ahead
        named = replace(s, roles=("Physicians", "Pharmacists")) \
            if s.title == "One tie to look at" else s
        steps.append((decks["reading-our-map"], named))
    first = next_id(service.library.db, "agenda_steps")
    rows = tuple(agenda_step_row(AgendaStep(
        id=first + i, workshop_id=service.workshop_id, meeting_id=meeting_id, position=i,
        step=step, planned_minutes=step.minutes, deck_title=deck.title if deck else ""))
        for i, (deck, step) in enumerate(steps))
    service.perform(InsertRows("Add steps", (("agenda_steps", rows),)))
    return meeting_id


class Clocks:
    """The walkthrough's wall clock and monotonic clock, moved by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 10, 0)
        self.mono = 100.0

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.mono += seconds

    def drive(self, player: Any) -> None:
        player.walk.clock = lambda: self.now
        player.countdown.clock = lambda: self.mono
        player.monotonic = lambda: self.mono
        player.countdown._beep = None  # no beep


# -- the states -----------------------------------------------------------------------------


def _gaps_page(window: Window) -> Any:
    return window.workshop_page.show_gaps()


@contextmanager
def p_chart_panel(window: Window) -> Iterator[QWidget]:
    """The Chart tab of a gap with a P chart staged at an adopted change."""
    gaps = _gaps_page(window)
    gaps.setCurrentIndex(0)
    gaps.select(charted_gaps(gaps.service)[1])
    gaps.show_side(gaps.measure)
    settle()
    yield window


@contextmanager
def run_chart_panel(window: Window) -> Iterator[QWidget]:
    """The Chart tab of a gap with a run chart and a shift after a change."""
    gaps = _gaps_page(window)
    gaps.setCurrentIndex(0)
    gaps.select(charted_gaps(gaps.service)[0])
    gaps.show_side(gaps.measure)
    settle()
    yield window


@contextmanager
def p_chart_large(window: Window) -> Iterator[QWidget]:
    """"Show chart large": the P chart alone, as the room sees it."""
    with p_chart_panel(window):
        measure = window.workshop_page.gaps.measure
        measure.present.click()
        large = measure.large
        assert large is not None
        large.showNormal()
        large.resize(1280, 720)
        settle()
        yield large
        large.close()
        settle()


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


def capture_two(window: Window, player: Any) -> None:
    """An insight and a quote captured at the current step."""
    from rcdesk.domain.captures import CaptureKind
    from rcdesk.services.captures import CapturesService

    page = window.workshop_page
    service = page.model.service
    roles = {r.name: r.id for r in service.roles()}
    captures = CapturesService(service)
    now = player.current()
    for text, kind, role in (
            ("Case managers hear about discharges on the morning itself", CaptureKind.INSIGHT,
             "Case managers"),
            ("“By the time I see the prescription the patient is dressed”", CaptureKind.QUOTE,
             "Pharmacists")):
        page.runner.run(lambda t=text, k=kind, r=role: captures.add(
            t, k, player.walk.running_meeting(), now.id if now else None, roles[r]))
    player.refresh_times()


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


def _room_lock(window: Window, form: str, keys: list[Qt.Key]) -> Iterator[QWidget]:
    page = window.workshop_page
    page.show_stage(2)
    conversations = page.conversations
    tab = conversations.room
    tab.ask_pin = lambda: "2468"
    conversations.show_voice(tab)
    tab.set_wave(wave_named(window, "In the room"))
    tab.form.setCurrentIndex(tab.form.findData(form))
    lock = tab.start_laptop()
    assert lock is not None
    on_laptop(lock)
    lock.choose_role(lock.roles[0].id)
    type_keys(lock, keys)  # someone has started rating
    settle()
    yield lock
    lock.release()
    settle()


@contextmanager
def rating_grid_short(window: Window) -> Iterator[QWidget]:
    """The room's rating grid mid-session, short form: three ties rated."""
    yield from _room_lock(window, "short", [Qt.Key.Key_4, Qt.Key.Key_2, Qt.Key.Key_0])


@contextmanager
def rating_grid_full(window: Window) -> Iterator[QWidget]:
    """The room's rating grid mid-session, full form: a tie's dimensions being rated."""
    yield from _room_lock(window, "full", [Qt.Key.Key_4, Qt.Key.Key_3, Qt.Key.Key_4,
                                           Qt.Key.Key_2, Qt.Key.Key_5])


@contextmanager
def room_shown(window: Window) -> Iterator[QWidget]:
    """The Rate the map tab after a showing of four people's ratings."""
    page = window.workshop_page
    page.show_stage(2)
    conversations = page.conversations
    tab = conversations.room
    conversations.show_voice(tab)
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
    page = window.workshop_page
    page.show_stage(2)
    conversations = page.conversations
    tab = conversations.dot_vote
    conversations.show_voice(tab)
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


def pulse_wave_answered(window: Window, wave_name: str = "Follow-up 2") -> Any:
    """The Pulse tab on a new wave with five people's answers (more than k), not yet shown
    the first time."""
    from rcdesk.domain.psych_safety import ITEM_KEYS

    page = window.workshop_page
    page.show_stage(2)
    conversations = page.conversations
    tab = conversations.pulse
    conversations.tabs.setCurrentWidget(tab)
    known = {w.name for w in page.model.service.waves()}
    wave = wave_named(window, wave_name)
    tab.set_wave(wave)
    if wave_name not in known:
        for values in PULSE_ANSWERS:
            tab.pulses.record_answers(wave, dict(zip(ITEM_KEYS, values, strict=True)))
    tab.refresh()
    return tab


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
    settle()
    yield lock
    lock.release()
    settle()


@contextmanager
def pairs_picked(window: Window) -> Iterator[QWidget]:
    """Cross-role pairs on the projector, one person picked for a swap."""
    page = window.workshop_page
    page.show_stage(2)
    conversations = page.conversations
    tab = conversations.pairs
    conversations.show_voice(tab)
    tab.propose()
    shown = on_laptop(tab.show_on_projector())
    tab.controller.move(2)
    tab.controller.pick()
    settle()
    yield shown
    shown.close()
    settle()


@contextmanager
def deck_copy_selected(window: Window) -> Iterator[QWidget]:
    """The deck library with an own copy of a deck renamed and one of its steps selected."""
    from rcdesk.services.deck_library import created_key

    page = window.workshop_page
    page.show_stage(2)
    conversations = page.conversations
    decks = conversations.decks
    name = "Humble inquiry, ward 7"
    key = next((d.key for d in decks.library.decks() if d.deck.title == name), None)
    if key is None:
        key = created_key(decks.library.duplicate("humble-inquiry"))
        decks.library.rename(key, name)
    decks.select_deck(key)
    decks.steps.selectRow(2)
    conversations.tabs.setCurrentWidget(decks)
    settle()
    yield window


@contextmanager
def agenda_as_run(window: Window) -> Iterator[QWidget]:
    """The sample's kick-off agenda, as run, a step selected."""
    page = window.workshop_page
    page.show_stage(2)
    conversations = page.conversations
    agenda = conversations.agenda
    kickoff = next(m for m in page.model.service.meetings() if m.kind.value == "kickoff")
    agenda.select_meeting(kickoff.id)
    agenda.table.selectRow(5)
    conversations.tabs.setCurrentWidget(agenda)
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
