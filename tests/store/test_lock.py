"""The "library in use" lock: one holder at a time, and a killed holder frees it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rcdesk.store.lock import LibraryInUseError, acquire, holder, is_locked, lock_path, require

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from rcdesk.store.lock import acquire
    lock = acquire(Path(sys.argv[1]))
    print("held" if lock else "refused", flush=True)
    sys.stdin.readline()  # hold until the parent says so, or is killed
    """
)


def start_holder(library: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(library)], text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stdout.readline() == "held\n"
    return child


def test_a_second_process_cannot_acquire_while_the_first_holds_it(tmp_path: Path) -> None:
    library = tmp_path / "library.sqlite"
    child = start_holder(library)
    try:
        assert is_locked(library)
        assert acquire(library) is None
        assert holder(library).startswith(f"process {child.pid} on ")
        with pytest.raises(LibraryInUseError) as raised:
            require(library)
        assert str(raised.value).startswith("library.sqlite is open in rcdesk (process ")
    finally:
        child.communicate("\n", timeout=30)
    assert not is_locked(library)
    lock = acquire(library)
    assert lock is not None
    lock.release()


def test_a_killed_holder_frees_the_lock(tmp_path: Path) -> None:
    library = tmp_path / "library.sqlite"
    child = start_holder(library)
    if hasattr(signal, "SIGKILL"):
        os.kill(child.pid, signal.SIGKILL)
    else:  # pragma: no cover
        child.kill()
    child.wait(timeout=30)
    assert lock_path(library).exists()  # the stale file is left behind...
    assert not is_locked(library)  # ...but it holds no lock
    lock = acquire(library)
    assert lock is not None
    lock.release()


def test_within_one_process_a_second_acquire_is_refused_and_release_cleans_up(
    tmp_path: Path,
) -> None:
    library = tmp_path / "library.sqlite"
    assert not is_locked(library) and not lock_path(library).exists()  # checking creates nothing
    with acquire(library) as lock:  # type: ignore[union-attr]
        assert lock.held and is_locked(library)
        assert acquire(library) is None
    assert not lock.held and not lock_path(library).exists()
    lock.release()  # twice is harmless
    assert sorted(tmp_path.iterdir()) == []
