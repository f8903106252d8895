"""Fixtures for service tests: a real library in tmp_path and a fixed clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.connection import Library, open_library
from rcdesk.store.rows import TABLES

Snapshot = dict[str, list[dict[str, Any]]]


class Clock:
    """A settable clock, so ordering by time does not depend on the wall clock."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 10, 1, 9, 30))


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    opened = open_library(tmp_path / "library.sqlite", create=True)
    yield opened
    opened.close()


@pytest.fixture
def library_service(library: Library, clock: Clock) -> LibraryService:
    return LibraryService(library, clock=clock)


@pytest.fixture
def sample(library_service: LibraryService) -> WorkshopService:
    """The sample workshop (roles, ties, ratings in two waves, meetings), opened."""
    return library_service.open(build_sample(library_service))


@pytest.fixture
def snapshot(library: Library) -> Callable[[], Snapshot]:
    """Every row of every workshop table, so an undo can be compared exactly."""

    def take() -> Snapshot:
        return {
            table: [dict(row) for row in library.db.query(f"SELECT * FROM {table} ORDER BY id")]
            for table in sorted(TABLES)
        }

    return take
