"""The ui's one helper for work off the UI thread: threads and child processes alike."""

from __future__ import annotations

import gc
import sys
import threading
import weakref
from pathlib import Path

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from rcdesk.domain.errors import DomainError
from rcdesk.services.exporting import ExportRequest
from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.store.connection import open_library
from rcdesk.ui.background import Background, ChildCall

WAIT_MS = 60_000


class Outcome:
    """Where the callbacks land, and on which thread."""

    def __init__(self) -> None:
        self.results: list[object] = []
        self.errors: list[DomainError] = []
        self.progress: list[str] = []
        self.threads: list[bool] = []

    def success(self, result: object) -> None:
        self.threads.append(threading.current_thread() is threading.main_thread())
        self.results.append(result)

    def failure(self, error: DomainError) -> None:
        self.threads.append(threading.current_thread() is threading.main_thread())
        self.errors.append(error)

    def progressed(self, text: str) -> None:
        self.progress.append(text)

    @property
    def settled(self) -> bool:
        return bool(self.results or self.errors)


@pytest.fixture
def background(qtbot: QtBot) -> Background:
    made = Background()
    yield made
    made.wait()
    made.deleteLater()


def test_a_result_and_its_progress_come_back_on_the_ui_thread(
        background: Background, qtbot: QtBot) -> None:
    seen = Outcome()
    worker: list[bool] = []

    def work(report) -> int:
        worker.append(threading.current_thread() is threading.main_thread())
        report("halfway")
        return 42

    background.run(work, seen.success, seen.failure, progress=seen.progressed)
    assert background.busy
    qtbot.waitUntil(lambda: seen.settled)
    assert seen.results == [42] and seen.errors == [] and seen.threads == [True]
    assert worker == [False] and seen.progress == ["halfway"]
    assert not background.busy


class Cycle:
    """Garbage only the cyclic collector can free (it refers to itself)."""

    def __init__(self) -> None:
        self.me = self


def test_a_worker_puts_the_ui_thread_first(
        background: Background, qtbot: QtBot) -> None:
    """The worker never walks the window's objects: a full collection triggered by its
    allocations would hold the interpreter's lock for all of them (60-200 ms with a
    window open: the import preview's stall). What existed before the job is frozen for
    the collector while the job runs, and handed back to it afterwards; meanwhile the
    interpreter switches threads every millisecond."""
    before = Cycle()
    gone = weakref.ref(before)
    del before  # unreachable now, but only a collection that walks it can free it
    seen = Outcome()
    during: list[tuple[bool, int, float]] = []

    def work() -> str:
        gc.collect()  # what an allocation-heavy worker triggers: a full collection
        during.append((gone() is None, gc.get_freeze_count(), sys.getswitchinterval()))
        return "done"

    frozen_before, switch_before = gc.get_freeze_count(), sys.getswitchinterval()
    background.run(work, seen.success, seen.failure)
    qtbot.waitUntil(lambda: seen.settled)
    assert seen.results == ["done"]
    (freed_in_worker, frozen_in_worker, switch_in_worker), = during
    assert not freed_in_worker and frozen_in_worker > 0  # not walked by the worker
    # the UI thread waits at most 1 ms for the interpreter's lock while the job runs
    assert switch_in_worker <= 0.001 < switch_before
    # both handed back once the job is done
    assert (gc.get_freeze_count(), sys.getswitchinterval()) == (frozen_before, switch_before)
    gc.collect()
    assert gone() is None  # and collected as usual afterwards


def test_a_rule_break_comes_back_as_a_failure(background: Background, qtbot: QtBot) -> None:
    seen = Outcome()

    def work() -> None:
        raise DomainError("That wave is no longer in this workshop.")

    background.run(work, seen.success, seen.failure)
    qtbot.waitUntil(lambda: seen.settled)
    assert [str(e) for e in seen.errors] == ["That wave is no longer in this workshop."]
    assert seen.results == [] and seen.threads == [True]


def test_an_unexpected_error_goes_to_the_apps_handler_then_a_calm_failure(
        background: Background, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = Outcome()
    handled: list[tuple[str, bool]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: handled.append(
        (str(value), threading.current_thread() is threading.main_thread())))

    def work() -> None:
        raise RuntimeError("broke")

    background.run(work, seen.success, seen.failure)
    qtbot.waitUntil(lambda: seen.settled)
    assert handled == [("broke", True)]
    assert "RuntimeError" in str(seen.errors[0]) and "nothing was changed" in str(seen.errors[0])


def test_a_cancelled_op_reports_to_nobody(background: Background, qtbot: QtBot) -> None:
    release = threading.Event()
    first, second = Outcome(), Outcome()
    op = background.run(lambda: release.wait(20) and "old", first.success, first.failure)
    background.run(lambda: "new", second.success, second.failure)  # queued behind it
    op.cancel()
    release.set()
    qtbot.waitUntil(lambda: second.settled)
    assert second.results == ["new"] and not first.settled
    assert not background.busy


@pytest.fixture
def sample_library(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite"
    library = open_library(path, create=True)
    try:
        build_sample(LibraryService(library))
    finally:
        library.close()
    return path


def test_a_child_call_gets_its_typed_request_and_returns_the_file(
        background: Background, qtbot: QtBot, sample_library: Path, tmp_path: Path) -> None:
    seen = Outcome()
    request = ExportRequest(sample_library, 1, tmp_path / "scores.json")
    background.run(ChildCall("export", request.to_json(), decode=lambda v: Path(str(v))),
                   seen.success, seen.failure)
    qtbot.waitUntil(lambda: seen.settled, timeout=WAIT_MS)
    assert seen.errors == [] and seen.results == [tmp_path / "scores.json"]
    assert (tmp_path / "scores.json").stat().st_size > 100


def test_a_child_calls_refusal_comes_back_as_its_one_line(
        background: Background, qtbot: QtBot, sample_library: Path, tmp_path: Path) -> None:
    seen = Outcome()
    request = ExportRequest(sample_library, 99, tmp_path / "scores.json")
    background.run(ChildCall("export", request.to_json()), seen.success, seen.failure)
    qtbot.waitUntil(lambda: seen.settled, timeout=WAIT_MS)
    assert seen.results == [] and len(seen.errors) == 1
    assert "rcdesk:" not in str(seen.errors[0]) and str(seen.errors[0])
    assert not (tmp_path / "scores.json").exists()


def test_a_cancelled_child_is_stopped_and_reports_to_nobody(
        background: Background, qtbot: QtBot, sample_library: Path, tmp_path: Path) -> None:
    seen = Outcome()
    request = ExportRequest(sample_library, 1, tmp_path / "summary.pdf")
    op = background.run(ChildCall("export", request.to_json()), seen.success, seen.failure)
    op.cancel()
    qtbot.waitUntil(lambda: not background.busy, timeout=WAIT_MS)
    assert not seen.settled and not (tmp_path / "summary.pdf").exists()


def test_a_child_that_cannot_start_says_so(background: Background, qtbot: QtBot,
                                           monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    from rcdesk.ui import background as module

    monkeypatch.setattr(module, "rcdesk_command", lambda: [str(tmp_path / "no-such-rcdesk")])
    seen = Outcome()
    background.run(ChildCall("export", "{}"), seen.success, seen.failure)
    qtbot.waitUntil(lambda: seen.settled, timeout=WAIT_MS)
    assert "Could not start" in str(seen.errors[0]) and not background.busy


def test_work_that_ends_after_its_window_closed_reports_to_nobody_and_prints_nothing(
        qtbot, capfd) -> None:
    made = Background()
    started = threading.Event()

    def work() -> int:
        started.set()
        while shiboken6.isValid(made):  # until the window (and its Background) is gone
            threading.Event().wait(0.001)
        return 1

    made.run(work, lambda _: None, lambda _: None)
    assert started.wait(5)
    shiboken6.delete(made)  # waits for the pool's thread, which then reports
    assert "Error" not in capfd.readouterr().err
