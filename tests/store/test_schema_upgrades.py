"""Real upgrades: a library written by an older schema opens with its data intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rcdesk.services.library import LibraryService
from rcdesk.store import connection, migrations
from rcdesk.store.connection import open_library
from rcdesk.store.repository import list_roles


def test_a_schema_1_library_is_copied_then_upgraded_with_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite"
    with monkeypatch.context() as old:
        old.setattr(migrations, "STEPS", migrations.STEPS[:1])
        old.setattr(migrations, "SCHEMA_VERSION", 1)
        old.setattr(connection, "SCHEMA_VERSION", 1)
        library = open_library(path, create=True)
        workshop = LibraryService(library).create("Ward 7", roles=["Nurses", "Physicians"])
        library.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1

    upgraded = open_library(path, create=False)
    try:
        assert upgraded.migrated_from == 1
        assert upgraded.pre_migration_copy is not None and upgraded.pre_migration_copy.exists()
        copy = sqlite3.connect(upgraded.pre_migration_copy)
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT count(*) FROM roles").fetchone()[0] == 2
        copy.close()
        roles = list_roles(upgraded.db, workshop)
        assert [r.name for r in roles] == ["Nurses", "Physicians"]
        assert [r.pinned for r in roles] == [False, False]
        service = LibraryService(upgraded).open(workshop)
        assert service.workshop().change_threshold == 0.25
        assert service.workshop().descriptions == {}
        columns = {row[1] for row in upgraded.db.conn.execute(
            "PRAGMA table_info(survey_responses)")}
        assert {"respondent", "source_id", "target_id", "mutual_respect"} <= columns
    finally:
        upgraded.close()


def test_a_library_before_pulse_showings_upgrades_with_its_answers_not_yet_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: the step that adds `pulse_showings` keeps every answer; answers collected
    before it are shown only after a "Show results", and attribution starts off."""
    from rcdesk.domain.psych_safety import ITEM_KEYS
    from rcdesk.services.captures import CapturesService
    from rcdesk.services.pulse import PulseService

    step = migrations.STEPS.index(migrations.SCHEMA_PULSE_SHOWINGS)
    path = tmp_path / "old.sqlite"
    with monkeypatch.context() as old:
        old.setattr(migrations, "STEPS", migrations.STEPS[:step])
        old.setattr(migrations, "SCHEMA_VERSION", step)
        old.setattr(connection, "SCHEMA_VERSION", step)
        library = open_library(path, create=True)
        service = LibraryService(library)
        workshop = service.create("Ward 7", roles=["Nurses"])
        opened = service.open(workshop)
        opened.schedule.add_wave("June")
        wave = opened.waves()[-1].id
        for _ in range(3):
            PulseService(opened).record_answers(wave, dict.fromkeys(ITEM_KEYS, 5))
        library.close()
    upgraded = open_library(path, create=False)
    try:
        assert upgraded.migrated_from == step
        opened = LibraryService(upgraded).open(workshop)
        pulses = PulseService(opened)
        assert pulses.response_count(wave) == 3 and pulses.results(wave).suppressed
        assert pulses.show_results(wave).score == pytest.approx((4 * 5 + 3 * 3) / 7)
        assert CapturesService(opened).attribution_on() is False
    finally:
        upgraded.close()
