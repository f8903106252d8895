"""The one way the window runs work off the UI thread (after anki's CollectionOp/QueryOp).

    op = self.background.run(work, success=self._on_done, failure=self._on_failed)

`work` is either a plain callable, run on a worker thread (network metrics, a layout,
reading or writing the library through its own connection: services/jobs.py), or a
`ChildCall`, run in a child `rcdesk --child TASK` process with its input serialised as
JSON (the PDF export: matplotlib and reportlab hold the interpreter's lock for seconds,
and matplotlib beside the window's charts is not thread-safe; see rcdesk/child.py).
Either way:

- `success(result)` or `failure(error)` is called once, on the UI thread; `error` is a
  DomainError to show calmly. An unexpected exception goes first to the app's error
  handler (sys.excepthook, on the UI thread: logged and summed up in a message), then
  `failure` gets a calm DomainError, so the caller is never left waiting.
- `op.cancel()` drops the result (neither callback runs) and stops a child process; a
  thread's work runs to its end, and its result goes nowhere. A superseded job is
  cancelled the same way (or recognised by its number).
- With `progress=`, the work is called with a `report(text)` function it may call from
  its thread; `progress(text)` then runs on the UI thread.

Threads come from a pool owned by this object (one at a time, in order, unless told
otherwise): destroying it waits for a running job, so a job never reports to a widget
that is gone.

A thread's work runs with the UI thread first (ui/ui_first.py): the collector leaves the
objects made before it alone, and threads switch every 1 ms, so no job freezes the window.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from PySide6.QtCore import QObject, QProcess, QThreadPool, Signal

from rcdesk.domain.errors import DomainError
from rcdesk.ui.ui_first import ui_first

Success = Callable[[object], None]
Failure = Callable[[DomainError], None]
Progress = Callable[[str], None]
WAIT_MS = 120_000
UNEXPECTED = ("Something unexpected went wrong ({kind}); nothing was changed. Details are in "
              "the log file (Help ▸ Open Log Folder).")
CHILD_STOPPED = "The work stopped unexpectedly; nothing was written. Details are in the log."


def rcdesk_command() -> list[str]:
    """How to start the `rcdesk` command from here (frozen bundle or Python)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "rcdesk"]


@dataclass(frozen=True)
class ChildCall:
    """Work for a child process: a task of rcdesk/child.py, its JSON input, and how to
    turn its JSON result into what `success` gets."""

    task: str
    payload: str
    decode: Callable[[object], object] = field(default=lambda value: value)


@dataclass
class Op:
    """A running piece of work: its number, and a way to stop caring about it."""

    number: int
    success: Success
    failure: Failure
    progress: Progress | None = None
    process: QProcess | None = None
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True
        if self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.kill()


class Background(QObject):
    _done = Signal(int, object, object)
    """(op number, result, exception or None), emitted from a worker thread."""
    _progressed = Signal(int, str)
    """(op number, text), emitted from a worker thread."""

    def __init__(self, parent: QObject | None = None, *, threads: int = 1) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._ops: dict[int, Op] = {}
        self._last = 0
        self._done.connect(self._on_done)
        self._progressed.connect(self._on_progressed)

    @property
    def busy(self) -> bool:
        """Some work is queued or running (a cancelled one too, until it has stopped)."""
        return bool(self._ops)

    def run(self, work: Callable[..., object] | ChildCall, success: Success, failure: Failure,
            *, progress: Progress | None = None) -> Op:
        self._last += 1
        op = Op(self._last, success, failure, progress)
        self._ops[op.number] = op
        if isinstance(work, ChildCall):
            self._start_child(op, work)
        else:
            self.pool.start(partial(self._run_thread, op.number, work, progress is not None))
        return op

    def wait(self, msecs: int = WAIT_MS) -> bool:
        """Let running work finish (a closing page): threads, then child processes."""
        done = self.pool.waitForDone(msecs)
        for op in list(self._ops.values()):
            if op.process is not None:
                done = op.process.waitForFinished(msecs) and done
        return done

    # -- threads -----------------------------------------------------------------------------

    def _run_thread(self, number: int, work: Callable[..., object], reports: bool) -> None:
        """On a pool thread: the work, its result or exception sent to the UI thread."""
        try:
            with ui_first():
                result = work(partial(self._progressed.emit, number)) if reports else work()
        except Exception as exc:  # noqa: BLE001 - reported on the UI thread (_on_done)
            self._send(number, None, exc)
        else:
            self._send(number, result, None)

    def _send(self, number: int, result: object, error: object) -> None:
        """The outcome to the UI thread, unless the window closed meanwhile (its Background
        is gone: nobody is left to tell, and Qt would print a RuntimeError at exit)."""
        try:
            self._done.emit(number, result, error)
        except RuntimeError:
            pass

    def _on_progressed(self, number: int, text: str) -> None:
        op = self._ops.get(number)
        if op is not None and not op.cancelled and op.progress is not None:
            op.progress(text)

    def _on_done(self, number: int, result: object, error: object) -> None:
        op = self._ops.pop(number, None)
        if op is None or op.cancelled:
            return
        if error is None:
            op.success(result)
        elif isinstance(error, DomainError):
            op.failure(error)
        else:
            assert isinstance(error, BaseException)
            sys.excepthook(type(error), error, error.__traceback__)
            op.failure(DomainError(UNEXPECTED.format(kind=type(error).__name__)))

    # -- child processes ---------------------------------------------------------------------

    def _start_child(self, op: Op, call: ChildCall) -> None:
        process = QProcess(self)
        op.process = process
        process.started.connect(partial(self._on_child_started, process, call.payload))
        process.finished.connect(partial(self._on_child_finished, op.number, call))
        process.errorOccurred.connect(partial(self._on_child_error, op.number))
        command = rcdesk_command()
        process.start(command[0], [*command[1:], "--child", call.task])

    @staticmethod
    def _on_child_started(process: QProcess, payload: str) -> None:
        process.write(payload.encode("utf-8"))
        process.closeWriteChannel()

    def _on_child_finished(self, number: int, call: ChildCall, code: int,
                           status: QProcess.ExitStatus) -> None:
        op = self._ops.get(number)
        if op is None or op.process is None:
            return
        process = op.process
        process.deleteLater()
        if status == QProcess.ExitStatus.NormalExit and code == 0:
            output = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
            try:
                result = call.decode(json.loads(output))
            except ValueError:
                self._on_done(number, None, DomainError(CHILD_STOPPED))
                return
            self._on_done(number, result, None)
            return
        self._on_done(number, None, DomainError(self._child_message(process, code)))

    def _on_child_error(self, number: int, error: QProcess.ProcessError) -> None:
        op = self._ops.get(number)
        if error == QProcess.ProcessError.FailedToStart and op is not None:  # no finished
            if op.process is not None:
                op.process.deleteLater()
            self._on_done(number, None, DomainError("Could not start the work in a separate "
                                                    "process. Nothing was written."))

    @staticmethod
    def _child_message(process: QProcess, code: int) -> str:
        """A child's one line (exit 2: a problem the user can fix), else the calm default."""
        text = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and code == 2:
            return lines[0].removeprefix("rcdesk:").strip()
        return CHILD_STOPPED
