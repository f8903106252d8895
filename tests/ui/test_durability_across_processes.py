"""Every acknowledged edit survives the app as it is really used: a window, its background
jobs, export and import child processes and a terminal, all on one library, then SIGKILL.

The window runs in a child process (window_child.py, the real MainWindow offscreen, driven
by stdin lines). It opens and cancels an import preview (whose background job reads the
library on a connection of its own), while this test runs `rcdesk export` (a PDF), `rcdesk
import` and `rcdesk list`/`show` as processes of their own, between edits made in the
window, an import through the window's own dialog (written on its background job's
connection), a participant's ratings on the locked laptop and a dot-vote on it. Then the
window is killed with SIGKILL, and from outside: every acknowledged edit is in the library,
the window never held a deleted -wal, and integrity_check is ok.

(Before issue 14 the preview's header check closed a descriptor on the library, which
dropped the window's SQLite locks; the export's process then believed it was the last
user, checkpointed and deleted the -wal, and every later edit went to a deleted file.)
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from rcdesk.services.library import LibraryService
from rcdesk.store.connection import open_library

from .survey_csv import write_survey

CHILD = Path(__file__).with_name("window_child.py")


class Window:
    """The window's process: send a command, read the line that answers it."""

    def __init__(self, library: Path, settings: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(library), str(settings)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            bufsize=1, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.acknowledged: list[str] = []
        self.expect("ready")

    def expect(self, line: str) -> None:
        assert self.process.stdout is not None
        got = self.process.stdout.readline().rstrip("\n")
        if got != line:
            self.process.kill()
            _, err = self.process.communicate(timeout=30)
            raise AssertionError(f"window said {got!r}, not {line!r}: {err[-2000:]}")

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def add_roles(self, *names: str) -> None:
        for name in names:
            self.send(f"role {name}")
            self.expect(f"ack {name}")
            self.acknowledged.append(name)

    def deleted_files(self) -> list[str]:
        """The window's open files that were unlinked under it (Linux: /proc/PID/fd)."""
        fds = Path(f"/proc/{self.process.pid}/fd")
        targets = []
        for fd in fds.iterdir():
            try:
                targets.append(os.readlink(fd))
            except OSError:
                continue  # closed meanwhile
        return [t for t in targets if t.endswith("(deleted)") and "library.sqlite" in t]

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.communicate(timeout=30)


def rcdesk(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rcdesk", "--library", str(library), *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


def roles_on_disk(library: Path) -> list[str]:
    conn = sqlite3.connect(f"{library.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return [name for (name,) in conn.execute("SELECT name FROM roles ORDER BY id")]
    finally:
        conn.close()


def test_acknowledged_edits_survive_previews_exports_imports_readers_and_a_kill(
    tmp_path: Path,
) -> None:
    library = tmp_path / "library.sqlite"
    opened = open_library(library, create=True)
    LibraryService(opened).create("Ward", roles=["Nurses", "Physicians"])
    opened.close()
    survey = write_survey(tmp_path / "survey.csv", {("Nurses", "Physicians"): [4, 3, 5]})
    handed_over = tmp_path / "handed-over.rcdesk"
    assert rcdesk(library, "export", "Ward", str(handed_over)).returncode == 0

    window = Window(library, tmp_path / "ui.ini")
    try:
        window.add_roles("Porters", "Pharmacists")
        window.send(f"preview {survey}")
        window.expect("previewed")
        window.add_roles("Cleaners", "Managers")

        export = rcdesk(library, "export", "Ward", str(tmp_path / "ward.pdf"))
        assert export.returncode == 0, export.stderr
        window.add_roles("Clerks")
        imported = rcdesk(library, "import", str(handed_over))
        # The window holds the library: a writing command is refused, calmly, exit 2.
        assert imported.returncode == 2 and "open in rcdesk" in imported.stderr
        listed = rcdesk(library, "list")
        assert listed.returncode == 0 and "Ward" in listed.stdout

        window.add_roles("Porters 2", "Volunteers")
        window.send("team Night shift")
        window.expect("ack team Night shift")
        shown = rcdesk(library, "show", "Ward")
        assert shown.returncode == 0, shown.stderr
        assert all(f"  {name}\n" in shown.stdout for name in window.acknowledged), \
            "another process does not see the window's acknowledged edits"
        assert "team: Night shift" in shown.stdout

        window.send(f"import {survey}")  # Ctrl+I in the window, written by its background job
        window.expect("ack import 3")
        # Every voice in the room: a participant rates on the locked laptop, a gap is voted on.
        window.send("gap Handover")
        window.expect("ack gap Handover")
        window.send("rate")
        window.expect("ack rate 1")  # the room's first participant
        assert rcdesk(library, "list").returncode == 0
        window.send("vote")
        window.expect("ack vote 1")
        window.add_roles("Students", "Therapists")
        if sys.platform.startswith("linux"):
            assert window.deleted_files() == [], "the window writes into a deleted -wal"
    finally:
        window.kill()

    on_disk = roles_on_disk(library)
    missing = [name for name in window.acknowledged if name not in on_disk]
    assert missing == [], f"acknowledged edits lost after the kill: {missing}"
    conn = sqlite3.connect(library)
    imported, in_room = conn.execute(
        "SELECT count(DISTINCT respondent) FILTER (WHERE respondent NOT LIKE 'in-room-%'), "
        "count(DISTINCT respondent) FILTER (WHERE respondent LIKE 'in-room-%' AND overall = 4) "
        "FROM survey_responses").fetchone()
    assert imported == 3 and in_room == 1, "the room's acknowledged ratings were lost"
    assert conn.execute("SELECT count(*) FROM gaps WHERE title = 'Handover'").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM dot_vote_marks").fetchone()[0] >= 1, \
        "the acknowledged dot-vote was lost"
    conn.close()
