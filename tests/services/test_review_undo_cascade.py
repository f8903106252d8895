"""Review of issue 5: an undo never deletes rows it did not add.

Pass-the-laptop answers are saved off the undo stack (a later Ctrl+Z must not drop
someone's answers). Undoing the "Add wave" that came before them would delete the
wave, and the foreign-key cascade would silently take the answers with it; redo
brings back an empty wave. The undo is refused instead, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rcdesk.domain.errors import StorageError
from rcdesk.domain.psych_safety import ITEM_KEYS
from rcdesk.services.pulse import PulseService
from rcdesk.services.workshop import WorkshopService

from .conftest import Snapshot


def test_undoing_add_wave_keeps_pulse_answers_saved_since(
        sample: WorkshopService, snapshot: Callable[[], Snapshot]) -> None:
    added = sample.add_wave("Pulse wave")
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
    added = sample.add_wave("Empty wave")
    sample.undo(added)
    assert snapshot() == before
