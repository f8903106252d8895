"""`rcdesk --self-test` checks the installation end to end and never touches the user's files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rcdesk import selftest

STATUS = ("PASS", "FAIL", "SKIP")


def _user_env(home: Path) -> dict[str, str]:
    """A user with no display and empty folders; the self-test must pick offscreen itself."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "RCDESK_LIBRARY",
                        "MPLCONFIGDIR") and not k.startswith("XDG_")}
    env["HOME"] = str(home)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    return env


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="offscreen choice is Linux's")
def test_self_test_passes_offscreen_and_leaves_the_user_folders_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = _user_env(home)
    done = subprocess.run([sys.executable, "-m", "rcdesk", "--self-test"], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    checks = [line for line in lines if line.split(" ", 1)[0] in STATUS]
    assert [line.split()[1] for line in checks] == \
        [name.split()[0] for name, _ in selftest.CHECKS]
    assert all(not line.startswith("FAIL") for line in checks)
    assert lines[-1].startswith("self-test: all checks passed")
    pdf = next(line for line in checks if "PDF export" in line)
    assert pdf.startswith("PASS") or "skipped: not in this version" in pdf
    # The user's library (and settings, logs, caches) were never created.
    default_library = Path(env["XDG_DATA_HOME"]) / "rcdesk" / "library.sqlite"
    assert not default_library.exists()
    assert _files_under(home) == []
    assert list(tmp_path.iterdir()) == [home]


def test_a_failing_check_fails_the_self_test_with_one_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("XDG_RUNTIME_DIR", "MPLBACKEND", "QT_QPA_PLATFORM", "RCDESK_LIBRARY"):
        monkeypatch.setenv(name, os.environ.get(name, ""))  # restored after the test

    def broken(ctx: selftest.Context) -> str:
        raise OSError("disk on fire\nsecond line")

    monkeypatch.setattr(selftest, "CHECKS", (("resources", selftest.check_resources),
                                             ("broken", broken)))
    assert selftest.run_self_test() == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("PASS  resources")
    assert lines[2].startswith("FAIL  broken") and "OSError: disk on fire second line" in lines[2]
    assert lines[-1] == "self-test: FAILED: broken (1 passed, 1 failed, 0 skipped)"
