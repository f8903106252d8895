"""The child process of test_crash_safety: edits a library through the services until killed.

Every line it prints is flushed after the edit it names was committed, so the parent
knows exactly which edits were acknowledged when it sends SIGKILL.

    crash_child.py edits LIBRARY PREFIX ROLES   # create workshops PREFIX-0, PREFIX-1, … forever
    crash_child.py edits LIBRARY PREFIX ROLES jobs  # … while a thread reads the library as the
                                                # app's background jobs and checks do
    crash_child.py other LIBRARY                # another process: open, read, close, forever
    crash_child.py import LIBRARY SURVEY.csv    # one survey import into workshop 1
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

# sqlite-utils imports numpy when present only to convert numpy values; rcdesk never
# passes any, and skipping it halves the child's start-up time.
sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]

from rcdesk.domain.survey import FrequencyScale  # noqa: E402
from rcdesk.services.library import LibraryService  # noqa: E402
from rcdesk.store.connection import inspect_library, open_library, open_reader  # noqa: E402


def say(line: str) -> None:
    """Acknowledge on stdout, flushed at once: the parent may kill us right after."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def background_reads(library: Path) -> None:
    """What the app does beside its window's connection: a job's reader, a library check."""
    while True:
        reader = open_reader(library)
        reader.db.execute("SELECT count(*) FROM workshops").fetchone()
        reader.close()
        inspect_library(library)


def other_process(library: Path) -> None:
    """Another rcdesk process (an export, a `show`, a writing command) opening and closing."""
    say("ready")
    while True:
        opened = open_library(library, create=False)
        opened.db.execute("SELECT count(*) FROM workshops").fetchone()
        opened.close()


def edits(library: Path, prefix: str, roles: int, jobs: bool = False) -> None:
    service = LibraryService(open_library(library, create=False))
    if jobs:
        threading.Thread(target=background_reads, args=(library,), daemon=True).start()
    say("ready")
    number = 0
    while True:
        title = f"{prefix}-{number}"
        workshop_id = service.create(title, roles=[f"Role {r}" for r in range(roles)])
        service.open(workshop_id).update_detail("team", f"team of {title}")
        say(f"ack {title}")
        number += 1


def survey(library: Path, csv_path: Path) -> None:
    from rcdesk.services.survey_import import commit_survey, preview_survey

    opened = open_library(library, create=False)
    preview = preview_survey(opened, 1, csv_path, frequency_scale=FrequencyScale.MONOTONIC)
    assert preview.ok, preview.problems[:3]
    say("ready")
    result = commit_survey(opened, preview)
    say(f"committed {result.rows}")


if __name__ == "__main__":
    if sys.argv[1] == "edits":
        edits(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5:] == ["jobs"])
    elif sys.argv[1] == "other":
        other_process(Path(sys.argv[2]))
    else:
        survey(Path(sys.argv[2]), Path(sys.argv[3]))
