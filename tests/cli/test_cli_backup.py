"""`rcdesk backups`, `rcdesk restore`, `rcdesk check` on a damaged library, and the lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store.conftest import corrupt, quick_check  # tests/ is on sys.path (rootdir import)

from rcdesk.cli import EXIT_BAD_INPUT, EXIT_OK, main
from rcdesk.store.backups import backup_folder, list_backups, take_backup
from rcdesk.store.connection import open_library
from rcdesk.store.lock import acquire

SURVEY = ("respondent,role,target,frequent,timely,accurate,problem_solving,shared_goals,"
          "shared_knowledge,mutual_respect\r\n"
          "r1,Nurses,Porters,4,4,5,3,4,4,5\r\n")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "lib.sqlite"
    assert run(capsys, "--library", str(path), "new", "Ward 7", "--roles", "Nurses,Porters")[0] \
        == EXIT_OK
    return path


def backup_now(path: Path, reason: str = "manual") -> Path:
    opened = open_library(path, create=False)
    try:
        made = take_backup(opened, reason)
    finally:
        opened.close()
    assert made is not None
    return made


def test_backups_lists_date_reason_and_workshop_count(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--library", str(library), "backups")
    assert (code, err) == (EXIT_OK, [])
    assert out == [f"No backups of {library} yet (they are kept in {backup_folder(library)})."]
    made = backup_now(library)
    code, out, _ = run(capsys, "--library", str(library), "backups")
    assert code == EXIT_OK
    date, reason, count, verdict, name = out[1].split("\t")
    assert (reason, count, verdict, name) == ("manual", "1 workshop", "ok", made.name)
    assert len(date) == len("2026-10-01 09:30:00")


def test_restore_brings_the_backup_back_and_keeps_the_old_file(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = backup_now(library)
    assert run(capsys, "--library", str(library), "new", "Ward 8")[0] == EXIT_OK
    code, out, err = run(capsys, "--library", str(library), "restore", made.name)  # bare name
    assert (code, err) == (EXIT_OK, [])
    assert out[0].startswith(f"Restored {library} from {made.name}. The previous file was kept")
    code, listing, _ = run(capsys, "--library", str(library), "list")
    assert [line.split("\t")[1] for line in listing] == ["Ward 7"]
    aside = [p for p in library.parent.iterdir() if ".before-restore-" in p.name]
    assert len(aside) == 1
    code, listing, _ = run(capsys, "--library", str(aside[0]), "list")
    assert sorted(line.split("\t")[1] for line in listing) == ["Ward 7", "Ward 8"]


def test_restoring_a_missing_or_damaged_backup_is_one_line(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--library", str(library), "restore", "nope.db")
    assert (code, out, len(err)) == (EXIT_BAD_INPUT, [], 1)
    assert "nope.db" in err[0]
    made = backup_now(library)
    corrupt(made)
    code, out, err = run(capsys, "--library", str(library), "restore", str(made))
    assert (code, out, len(err)) == (EXIT_BAD_INPUT, [], 1)
    assert made.name in err[0] and "damaged" in err[0]


def test_check_names_the_newest_good_backup_of_a_damaged_library(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = backup_now(library)
    assert run(capsys, "--library", str(library), "new", "Ward 8")[0] == EXIT_OK
    newer = backup_now(library, "before-import")
    corrupt(newer)  # the newest backup is damaged too: it must not be offered
    corrupt(library)
    code, out, err = run(capsys, "--library", str(library), "check")
    assert (code, out, len(err)) == (EXIT_BAD_INPUT, [], 1)
    assert "damaged" in err[0] and str(good) in err[0] and newer.name not in err[0]
    assert f'restore "{good}"' in err[0]
    # ...and that command works.
    code, _, _ = run(capsys, "--library", str(library), "restore", str(good))
    assert code == EXIT_OK and quick_check(library) == "ok"


def test_check_says_when_there_is_no_good_backup(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corrupt(library)
    code, _, err = run(capsys, "--library", str(library), "check")
    assert code == EXIT_BAD_INPUT and len(err) == 1
    assert "No good backup was found" in err[0]


@pytest.mark.parametrize("argv", [
    ["new", "Ward 9"], ["demo"], ["import", "survey.csv", "--workshop", "Ward 7"],
    ["restore", "BACKUP"],
])
def test_writes_are_refused_while_the_app_holds_the_library(
    library: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    (library.parent / "survey.csv").write_text(SURVEY, encoding="utf-8")
    made = backup_now(library)
    argv = [str(made) if a == "BACKUP" else str(library.parent / a) if a.endswith(".csv")
            else a for a in argv]
    before = library.read_bytes()
    lock = acquire(library)  # as the app does when it opens the library
    assert lock is not None
    try:
        code, out, err = run(capsys, "--library", str(library), *argv)
    finally:
        lock.release()
    assert (code, out, len(err)) == (EXIT_BAD_INPUT, [], 1)
    assert err[0].startswith("rcdesk: lib.sqlite is open in rcdesk (process ")
    assert library.read_bytes() == before
    assert len(list_backups(library)) == 1  # no before-import backup either


@pytest.mark.parametrize("argv", [["list"], ["show", "Ward 7"], ["scores", "Ward 7"],
                                  ["check"], ["backups"], ["export", "Ward 7", "map.svg"]])
def test_reads_still_work_while_the_app_holds_the_library(
    library: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    argv = [str(library.parent / a) if a.endswith(".svg") else a for a in argv]
    lock = acquire(library)
    assert lock is not None
    try:
        code, _, err = run(capsys, "--library", str(library), *argv)
    finally:
        lock.release()
    assert (code, err) == (EXIT_OK, [])


def test_import_takes_a_backup_first(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    survey = library.parent / "survey.csv"
    survey.write_text(SURVEY, encoding="utf-8")
    code, _, err = run(capsys, "--library", str(library), "import", str(survey),
                       "--workshop", "Ward 7", "--frequency-scale", "monotonic")
    assert (code, err) == (EXIT_OK, [])
    (made,) = list_backups(library)
    assert made.reason == "before-import" and made.ok
    conn = open_library(made.path, create=False)  # the state just before the import
    try:
        assert conn.db.execute("SELECT count(*) FROM survey_responses").fetchone()[0] == 0
    finally:
        conn.close()


def test_the_backup_commands_never_import_qt(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        from rcdesk.cli import main
        codes = [main(["--library", "t.db", *c]) for c in (["new", "W"], ["backups"])]
        import rcdesk.cli.commands.backups, rcdesk.cli.commands.restore, rcdesk.cli.library
        import rcdesk.store.lock, rcdesk.store.backups
        qt = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6"})
        print(codes, qt)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[0, 0] []"
