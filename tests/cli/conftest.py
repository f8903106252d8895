"""Every command test runs isolated: no library named by the environment, and the
command's error log in the test's own folder, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcdesk import cli


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("RCDESK_LIBRARY", raising=False)
    monkeypatch.setattr(cli, "log_dir", lambda: tmp_path / "logs")
