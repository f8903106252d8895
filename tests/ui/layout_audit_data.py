"""What the layout audit's arranged states add to the sample workshop, and the small tools
they share (tests/ui/layout_audit_states.py has the states themselves). Each addition is
made once: arranged again, a state finds what it added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

Window = Any  # rcdesk.ui.main_window.MainWindow with the sample workshop open

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


@contextmanager
def alone(shown: QWidget, leave: Callable[[], object]) -> Iterator[QWidget]:
    """A window of its own (a locked laptop screen, the projector's; put at 1280×720 by
    on_laptop before it is filled), settled; left by `leave` when done."""
    settle()
    try:
        yield shown
    finally:
        leave()
        settle()


def conversation_tab(window: Window, name: str) -> Any:
    """A tab of the Conversations stage (by its attribute: decks, agenda, pulse…), shown."""
    page = window.workshop_page
    page.show_stage(2)
    tab = getattr(page.conversations, name)
    page.conversations.tabs.setCurrentWidget(tab)
    return tab


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


def _new_gap(gaps: Any, title: str, **measure: Any) -> int:
    """A new gap of this title, its measure set as given."""
    gaps.create_gap(gaps.draft(title))
    gap_id = max(g.id for g in gaps.gaps())
    gap = gaps.gap(gap_id)
    gaps.update_gap(replace(gap, measure=replace(gap.measure, **measure)))
    return int(gap_id)


def _run_chart_gap(gaps: Any, cycles: Any, today: date) -> int:
    from rcdesk.domain.experiments import Act
    from rcdesk.domain.gaps import ChartType

    start = today - timedelta(days=7 * len(SHIFT))
    gap_id = _new_gap(gaps, RUN_GAP, name="Letters sent the same day", unit="letters a day",
                      chart=ChartType.RUN, baseline_points=12, target_value=20)
    for week, value in enumerate(SHIFT):
        gaps.add_measure_value(gap_id, start + timedelta(days=7 * week), value)
    decided_cycle(cycles, gap_id, "Dictate letters on the ward round",
                  start + timedelta(days=7 * 11), start + timedelta(days=7 * 15), Act.ADAPT)
    return int(gap_id)


def _p_chart_gap(gaps: Any, cycles: Any, today: date) -> int:
    from rcdesk.domain.experiments import Act
    from rcdesk.domain.gaps import MeasureKind

    start = today - timedelta(days=7 * len(CANS))
    gap_id = _new_gap(gaps, P_GAP, name="Cans that leak", unit="of 50 cans checked",
                      kind=MeasureKind.PROPORTION)
    gap = gaps.gap(gap_id)
    gaps.update_gap(replace(gap, measure=replace(gap.measure, direction=type(
        gap.measure.direction).LOWER)))
    for week, count in enumerate(CANS):
        gaps.add_measure_value(gap_id, start + timedelta(days=7 * week), count, denominator=50)
    decided_cycle(cycles, gap_id, "Adjust the sealing machine", start + timedelta(days=7 * 26),
                  start + timedelta(days=7 * 29), Act.ADOPT)
    decided_cycle(cycles, gap_id, "New seal supplier", start + timedelta(days=7 * 44),
                  start + timedelta(days=7 * 48), None)
    return gap_id


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


def pulse_wave_answered(window: Window, wave_name: str = "Follow-up 2") -> Any:
    """The Pulse tab on a new wave with five people's answers (more than k), not yet shown
    the first time."""
    from rcdesk.domain.psych_safety import ITEM_KEYS

    page = window.workshop_page
    tab = conversation_tab(window, "pulse")
    known = {w.name for w in page.model.service.waves()}
    wave = wave_named(window, wave_name)
    tab.set_wave(wave)
    if wave_name not in known:
        for values in PULSE_ANSWERS:
            tab.pulses.record_answers(wave, dict(zip(ITEM_KEYS, values, strict=True)))
    tab.refresh()
    return tab
