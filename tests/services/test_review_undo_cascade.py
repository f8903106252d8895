"""Review of issue 5: an undo never deletes rows it did not add.

Pass-the-laptop answers are saved off the undo stack (a later Ctrl+Z must not drop
someone's answers). Undoing the "Add wave" that came before them would delete the
wave, and the foreign-key cascade would silently take the answers with it; redo
brings back an empty wave. The undo is refused instead, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

from rcdesk.domain.errors import StorageError
from rcdesk.domain.model import MeetingKind
from rcdesk.domain.psych_safety import ITEM_KEYS
from rcdesk.services.edits import InsertRows
from rcdesk.services.pulse import PulseService
from rcdesk.services.walkthrough import WalkthroughService
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.rows import fetch_rows, next_id

from .agenda_rows import add_agenda, new_meeting
from .conftest import Clock, Snapshot


def test_undoing_add_wave_keeps_pulse_answers_saved_since(
        sample: WorkshopService, snapshot: Callable[[], Snapshot]) -> None:
    added = sample.schedule.add_wave("Pulse wave")
    wave_id = sample.waves()[-1].id
    pulses = PulseService(sample)
    for _ in range(3):
        pulses.record_answers(wave_id, dict.fromkeys(ITEM_KEYS, 5))
    before = snapshot()
    with pytest.raises(StorageError, match="undo"):
        sample.undo(added)
    assert snapshot() == before
    assert pulses.response_count(wave_id) == 3


def test_undoing_add_wave_with_nothing_added_since_still_works(
        sample: WorkshopService, snapshot: Callable[[], Snapshot]) -> None:
    before = snapshot()
    added = sample.schedule.add_wave("Empty wave")
    sample.undo(added)
    assert snapshot() == before


def test_undoing_add_steps_keeps_the_walkthrough_record(
        sample: WorkshopService, snapshot: Callable[[], Snapshot]) -> None:
    """The walkthrough's times are off the undo stack; undoing the steps' insert
    would delete what the room did with them, and redo would bring them back unrun."""
    meeting = new_meeting(sample)
    first = next_id(sample.library.db, "agenda_steps")
    add_agenda(sample, meeting)
    added = _last_insert(sample, first)
    clock = Clock(datetime(2026, 12, 1, 9, 0))
    walk = WalkthroughService(sample, clock)
    walk.start(meeting)
    clock.now += timedelta(minutes=6)
    walk.leave()
    before = snapshot()
    with pytest.raises(StorageError, match="undo"):
        sample.undo(added)
    assert snapshot() == before


def test_undoing_add_meeting_keeps_its_agenda(sample: WorkshopService,
                                              snapshot: Callable[[], Snapshot]) -> None:
    added = sample.schedule.add_meeting(MeetingKind.HUDDLE, date(2026, 12, 1), "Huddle")
    assert isinstance(added, InsertRows)
    add_agenda(sample, int(added.groups[0][1][0]["id"]))  # say, off the stack
    before = snapshot()
    with pytest.raises(StorageError):
        sample.undo(added)
    assert snapshot() == before


def _last_insert(sample: WorkshopService, first_id: int) -> InsertRows:
    rows = tuple(fetch_rows(sample.library.db, "agenda_steps", "id >= ?", [first_id]))
    return InsertRows("Add steps", (("agenda_steps", rows),))
