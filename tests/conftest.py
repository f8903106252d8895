"""Shared test set-up: headless Qt and private per-test folders.

The environment is set before anything imports Qt or matplotlib: without a
display Qt would abort the whole run, and no test may touch the real user's
library, settings or matplotlib cache.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


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
