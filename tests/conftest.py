"""Shared test set-up: headless Qt and private per-test folders.

The environment is set before anything imports Qt or matplotlib: without a
display Qt would abort the whole run, and no test may touch the real user's
library, settings or matplotlib cache.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

# numpy whole before any window starts matplotlib's warm-up (ui/warm_up.py imports it on a
# worker thread): pytest.approx looks numpy up in sys.modules without importing it, and a
# test comparing numbers while the worker is half-way through numpy's import found the
# module without its functions (seen when a stage switch settled its layouts in its turn).
import numpy  # noqa: E402, F401  (isort: skip)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """rcdesk never uses the network: fail any test that opens a non-local socket."""
    opened: list[str] = []
    real_init = socket.socket.__init__

    def watching_init(self: socket.socket, family: int = -1, *args: object,
                      **kwargs: object) -> None:
        real_init(self, family, *args, **kwargs)  # type: ignore[arg-type]
        if self.family != socket.AF_UNIX:
            opened.append(str(self.family))

    monkeypatch.setattr(socket.socket, "__init__", watching_init)
    yield opened
    assert opened == [], f"a test opened network sockets: {opened}"


@pytest.fixture(autouse=True)
def private_folders(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user folder at a fresh temp folder for each test."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        (home / name).mkdir()
        monkeypatch.setenv(name, str(home / name))
    monkeypatch.setenv("MPLCONFIGDIR", str(home / "mpl"))
    monkeypatch.delenv("RCDESK_LIBRARY", raising=False)
    return home
