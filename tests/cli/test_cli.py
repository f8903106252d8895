"""The headless `rcdesk` command: exit codes, one-line errors, files left alone, no Qt."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rcdesk import __version__
from rcdesk.cli import EXIT_BAD_INPUT, EXIT_BUG, EXIT_OK, main
from rcdesk.services.library import LibraryService
from rcdesk.store.connection import open_library


def file_state(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def run_process(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RCDESK_LIBRARY"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    return subprocess.run(
        [sys.executable, "-m", "rcdesk", *argv], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )


# -- demo, check, list -----------------------------------------------------------------------


def test_demo_then_check_on_a_new_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "t.db"
    code, out, err = run(capsys, "--library", str(library), "demo")
    assert (code, err) == (EXIT_OK, [])
    assert out[-1] == "Hospital discharge (sample)"
    code, out, err = run(capsys, "--library", str(library), "check")
    assert (code, err) == (EXIT_OK, [])
    assert out[0].startswith("OK:")
    assert "1 workshop" in out[0]


def test_a_second_demo_gets_a_distinct_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = str(tmp_path / "t.db")
    _, first, _ = run(capsys, "--library", library, "demo")
    code, second, _ = run(capsys, "--library", library, "demo")
    assert code == EXIT_OK
    assert second[-1] != first[-1]
    code, listing, _ = run(capsys, "--library", library, "list")
    assert code == EXIT_OK
    assert {line.split("\t")[1] for line in listing} == {first[-1], second[-1]}
    assert all("\tBaseline, Kick-off ratings, Follow-up 1" in line for line in listing)


def test_list_on_an_empty_library_suggests_the_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "empty.db"
    open_library(library, create=True).close()
    code, out, err = run(capsys, "--library", str(library), "list")
    assert (code, err) == (EXIT_OK, [])
    assert "rcdesk demo" in out[0]


@pytest.mark.parametrize("command", ["list", "check", "demo", "new"])
def test_a_text_file_is_refused_with_one_line_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping: eggs, milk\n", encoding="utf-8")
    before = file_state(notes)
    extra = ["Ward"] if command == "new" else []
    code, out, err = run(capsys, "--library", str(notes), command, *extra)
    assert code == EXIT_BAD_INPUT
    assert out == []
    assert len(err) == 1
    assert err[0].startswith("rcdesk: ") and "notes.txt" in err[0]
    assert file_state(notes) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("command", ["list", "check"])
def test_a_missing_library_is_reported_and_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    missing = tmp_path / "sub" / "missing.db"
    code, out, err = run(capsys, "--library", str(missing), command)
    assert code == EXIT_BAD_INPUT
    assert out == [] and len(err) == 1
    assert "no library" in err[0]
    assert not missing.exists() and not missing.parent.exists()


# -- new -------------------------------------------------------------------------------------


def test_new_creates_a_workshop_with_roles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "lib.db"
    code, out, err = run(capsys, "--library", str(library), "new", "  Ward   7 ",
                         "--team", "Medical", "--roles", "Nurses, Physicians,, ,Pharmacists")
    assert (code, err) == (EXIT_OK, [])
    assert out == [f"Created “Ward 7” with 3 roles in {library}."]
    opened = open_library(library, create=False)
    try:
        service = LibraryService(opened)
        workshop_id = service.find("ward 7")
        assert service.find(str(workshop_id)) == workshop_id
        ws = service.open(workshop_id)
        assert [r.name for r in ws.roles()] == ["Nurses", "Physicians", "Pharmacists"]
        assert ws.workshop().team == "Medical"
    finally:
        opened.close()


@pytest.mark.parametrize("title", ["Ward 7", "WARD 7", " ward  7 "])
def test_new_refuses_a_title_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    library = str(tmp_path / "lib.db")
    assert run(capsys, "--library", library, "new", "Ward 7")[0] == EXIT_OK
    code, out, err = run(capsys, "--library", library, "new", title)
    assert code == EXIT_BAD_INPUT
    assert out == [] and len(err) == 1
    assert "already exists" in err[0]


def test_new_refuses_duplicate_roles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--library", str(tmp_path / "lib.db"), "new", "Ward",
                       "--roles", "Nurses,nurses")
    assert code == EXIT_BAD_INPUT
    assert len(err) == 1 and "listed twice" in err[0]


# -- usage -----------------------------------------------------------------------------------


def test_unknown_command_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "frobnicate")
    assert code == EXIT_BAD_INPUT
    assert out == [] and len(err) == 1
    assert "frobnicate" in err[0] and "--help" in err[0]


def test_missing_argument_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new")
    assert code == EXIT_BAD_INPUT
    assert len(err) == 1 and "title" in err[0]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"rcdesk {__version__}"


def test_library_comes_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "from-env.db"
    monkeypatch.setenv("RCDESK_LIBRARY", str(chosen))
    code, out, _ = run(capsys, "demo")
    assert code == EXIT_OK and chosen.is_file()
    assert str(chosen) in out[0]
    other = tmp_path / "option.db"
    code, out, _ = run(capsys, "--library", str(other), "demo")
    assert code == EXIT_OK and other.is_file()  # the option wins over the environment


def test_a_bug_exits_1_with_one_line_and_a_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rcdesk.cli.commands import listing

    secret = "Nurse" + "Ratched"  # workshop content a message might quote

    def broken(*_: object) -> int:
        raise RuntimeError(f"no role called {secret}")

    monkeypatch.setattr(listing, "run", broken)
    code, out, err = run(capsys, "--library", str(tmp_path / "x.db"), "list")
    assert code == EXIT_BUG
    assert out == [] and len(err) == 1 and "Traceback" not in err[0]
    log = tmp_path / "logs" / "rcdesk-errors.log"
    assert str(log) in err[0]
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "in broken" in text  # the type and where
    assert secret not in text  # never the message: it may quote a workshop
    if os.name == "posix":  # readable by the user only
        assert stat.S_IMODE(log.stat().st_mode) == 0o600
        assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


# -- as a separate process -------------------------------------------------------------------


def test_the_module_runs_as_a_command(tmp_path: Path) -> None:
    demo = run_process(tmp_path, "--library", "t.db", "demo")
    assert demo.returncode == EXIT_OK, demo.stderr
    assert demo.stdout.splitlines()[-1] == "Hospital discharge (sample)"
    assert run_process(tmp_path, "--library", "t.db", "check").returncode == EXIT_OK

    (tmp_path / "notes.txt").write_text("not a library\n", encoding="utf-8")
    before = file_state(tmp_path / "notes.txt")
    refused = run_process(tmp_path, "--library", "notes.txt", "list")
    assert refused.returncode == EXIT_BAD_INPUT
    assert refused.stdout == ""
    assert len(refused.stderr.splitlines()) == 1
    assert "Traceback" not in refused.stderr
    assert file_state(tmp_path / "notes.txt") == before

    version = run_process(tmp_path, "--version")
    assert (version.returncode, version.stdout.strip()) == (EXIT_OK, f"rcdesk {__version__}")


def test_headless_commands_never_import_qt(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        from rcdesk.cli import main
        codes = [main(["--library", "t.db", command]) for command in ("demo", "list", "check")]
        qt = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6"})
        print(codes, qt)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[0, 0, 0] []"


def test_show_finds_a_workshop_by_title_or_id_without_changing_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "t.db"
    assert run(capsys, "--library", str(library), "new", "Ward 7", "--roles", "Nurses,Porters")[0] \
        == EXIT_OK
    before = file_state(library)
    code, out, err = run(capsys, "--library", str(library), "show", "  WARD 7 ")
    assert (code, err) == (EXIT_OK, [])
    assert out[0] == "Ward 7"
    assert "  Nurses" in out and "  Porters" in out and "  Baseline" in out
    code, out_by_id, _ = run(capsys, "--library", str(library), "show", "1")
    assert code == EXIT_OK and out_by_id == out
    assert file_state(library)[0] == before[0]
    code, out, err = run(capsys, "--library", str(library), "show", "Ward 8")
    assert code == EXIT_BAD_INPUT and out == []
    assert err == ["rcdesk: No workshop called “Ward 8” in this library."]


def test_show_counts_who_came_to_each_meeting(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "t.db"
    assert run(capsys, "--library", str(library), "demo")[0] == EXIT_OK
    code, out, _ = run(capsys, "--library", str(library), "show", "Hospital discharge (sample)")
    meetings = out[out.index("meetings:") + 1:]
    assert code == EXIT_OK and meetings[0].endswith("(kickoff), 17 present")
    assert meetings[1].endswith("Huddle 1 (huddle), 10 present")
    assert meetings[2].endswith("Huddle 2 (huddle)")


def test_a_closed_pipe_is_not_reported_as_a_bug(tmp_path: Path) -> None:
    library = tmp_path / "t.db"
    run_process(tmp_path, "--library", str(library), "demo")
    reader = subprocess.Popen(
        [sys.executable, "-m", "rcdesk", "--library", str(library), "show", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # like `| head -0`: the reader is gone before anything is written
    error = reader.stderr.read()
    assert reader.wait() == EXIT_OK
    assert error == ""
