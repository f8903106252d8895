"""Random command lines never crash the `rcdesk` command (exit 1 is kept for real bugs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rcdesk import cli

WORDS = ["demo", "new", "list", "check", "show", "import", "scores", "export", "backups",
         "restore", "--library", "--workshop", "--wave", "--format", "--source", "--team",
         "--roles", "--frequency-scale", "json", "csv", "table", "x.png", "x.svg", "x.csv",
         "1", "0", "-1", "Ward 7", "", "--", "-", "--version-x", "é", "\u202e", "=cmd"]

argv = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=6)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=argv)
def test_any_command_line_ends_with_a_clean_exit_code(
        args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import rcdesk.app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RCDESK_LIBRARY", str(tmp_path / "fuzz.sqlite"))
    monkeypatch.setattr(rcdesk.app, "run_app", lambda path: 0)  # no window in this test
    monkeypatch.setattr(cli, "log_dir", lambda: tmp_path / "logs")
    try:
        code = cli.main(args)
    except SystemExit as exc:  # argparse's --help and --version exit by themselves
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert code in (0, 2), (args, err)
    assert "Traceback" not in out + err
