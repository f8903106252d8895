"""Writing the PDF in a child `rcdesk export` process, not a thread of the window.

matplotlib is not thread-safe: building the PDF's charts on a worker thread while
the window drew its own charts crashed the whole app (a segfault during garbage
collection). A child process shares nothing with the window, cannot take it down,
and reads the library like any read-only command (allowed while the window holds
the lock).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from rcdesk.domain.errors import DomainError

WAIT_MS = 120_000


def rcdesk_command() -> list[str]:
    """How to start the `rcdesk` command from here (frozen bundle or Python)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "rcdesk"]


class ExportProcess(QObject):
    finished = Signal(object)
    """The file was written (its Path)."""
    failed = Signal(object)
    """The export failed (a DomainError with the command's one-line message)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process = QProcess(self)
        self._process.finished.connect(self._on_process_finished)
        self._process.errorOccurred.connect(self._on_process_error_occurred)
        self._out: Path | None = None

    def running(self) -> bool:
        return self._process.state() != QProcess.ProcessState.NotRunning

    def start(self, library: Path, workshop_id: int, out: Path, *, wave: str | None = None,
              compare: str | None = None, sections: list[str] | None = None) -> None:
        command = rcdesk_command()
        args = [*command[1:], "--library", str(library), "export", str(workshop_id), str(out)]
        if wave is not None:
            args += ["--wave", wave]
        if compare is not None:
            args += ["--compare", compare]
        if sections is not None:
            args += ["--sections", ",".join(sections)]
        self._out = out
        self._process.start(command[0], args)

    def wait(self) -> None:
        if self.running():
            self._process.waitForFinished(WAIT_MS)

    def _on_process_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if status == QProcess.ExitStatus.NormalExit and code == 0 and self._out is not None:
            self.finished.emit(self._out)
            return
        self.failed.emit(DomainError(self._message(code)))

    def _on_process_error_occurred(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.failed.emit(DomainError("Could not start the export. Nothing was written."))

    def _message(self, code: int) -> str:
        text = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and code == 2:
            return lines[0].removeprefix("rcdesk:").strip()
        return "The export stopped unexpectedly; nothing was written. Details are in the log."
