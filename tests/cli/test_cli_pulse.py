"""`rcdesk import PULSE.csv` (detected by its header) and the pulse block of the scores JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rcdesk.cli import EXIT_BAD_INPUT, EXIT_OK
from rcdesk.domain.psych_safety import ITEM_KEYS
from rcdesk.services.library import LibraryService
from rcdesk.store.connection import open_library

from .cli_import_support import csv_file, dump, library, run

__all__ = ["library"]  # fixtures

HEADER = "respondent,ps1,ps2,ps3,ps4,ps5,ps6,ps7"
GOOD = [f"p{i},2,6,2,6,2,6,6" for i in range(1, 6)]
EMPTY_BLOCK = {"n": 0, "suppressed": True, "scale_max": 7, "score": None,
               "items": dict.fromkeys(ITEM_KEYS)}


def pulse_file(tmp_path: Path, *rows: str, name: str = "pulse.csv") -> str:
    return csv_file(tmp_path, HEADER, rows, name)


def scores_json(capsys: pytest.CaptureFixture[str], library: Path,
                *extra: str) -> dict[str, object]:
    code, out, _ = run(capsys, "--library", str(library), "scores", "Ward 7", "--format",
                       "json", *extra)
    assert code == EXIT_OK
    return json.loads(out)  # type: ignore[no-any-return]


def test_import_and_scores_json(capsys: pytest.CaptureFixture[str], library: Path,
                                tmp_path: Path) -> None:
    code, out, err = run(capsys, "--library", str(library), "import",
                         pulse_file(tmp_path, *GOOD), "--workshop", "ward 7", "--wave", "June")
    assert code == EXIT_OK, err
    assert "pulse answers of 5 respondents" in out and "Added the wave “June”" in out
    block = scores_json(capsys, library, "--wave", "June")["psychological_safety"]
    assert block["suppressed"] and block["score"] is None  # not shown yet (issue 15)
    code, out, err = run(capsys, "--library", str(library), "show-pulse", "Ward 7", "--wave",
                         "June")
    assert code == EXIT_OK, err
    assert "team score 6.00 on the 7-point scale, from 5 responses" in out
    block = scores_json(capsys, library, "--wave", "June")["psychological_safety"]
    assert block == {"n": 5, "suppressed": False, "scale_max": 7,
                     "score": pytest.approx(6.0),
                     "items": dict.fromkeys(ITEM_KEYS, pytest.approx(6.0))}


def test_below_k_everything_is_null(capsys: pytest.CaptureFixture[str], library: Path,
                                    tmp_path: Path) -> None:
    run(capsys, "--library", str(library), "import", pulse_file(tmp_path, *GOOD[:2]),
        "--workshop", "Ward 7", "--wave", "June", "--scale", "7")
    block = scores_json(capsys, library, "--wave", "June")["psychological_safety"]
    assert block == {**EMPTY_BLOCK, "n": 2}


def test_a_wave_without_pulse_has_the_empty_block(capsys: pytest.CaptureFixture[str],
                                                  library: Path, tmp_path: Path) -> None:
    run(capsys, "--library", str(library), "import", pulse_file(tmp_path, *GOOD),
        "--workshop", "Ward 7", "--wave", "June")
    opened = open_library(library, create=False)
    service = LibraryService(opened).open(1)
    service.schedule.add_wave("July")
    opened.close()
    assert scores_json(capsys, library, "--wave", "July")["psychological_safety"] == EMPTY_BLOCK


def test_a_bad_file_names_file_row_column_and_changes_nothing(
        capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path) -> None:
    before = dump(library)
    rows = [f"p{i},9,1,1,1,1,1,1" for i in range(40)]
    code, out, err = run(capsys, "--library", str(library), "import",
                         pulse_file(tmp_path, *rows, "p1,1,1,1,1,1,1,1", name="bad.csv"),
                         "--workshop", "Ward 7", "--wave", "June")
    assert code == EXIT_BAD_INPUT and out == ""
    assert len(err) <= 20
    assert err[0].startswith("rcdesk: bad.csv, row 2, column ps1:")
    assert "more problems" in err[-2] and "nothing was imported" in err[-1]
    assert dump(library) == before


def test_a_5_point_file(capsys: pytest.CaptureFixture[str], library: Path,
                        tmp_path: Path) -> None:
    code, _, err = run(capsys, "--library", str(library), "import",
                       pulse_file(tmp_path, "a,6,1,1,1,1,1,1"), "--workshop", "Ward 7",
                       "--scale", "5")
    assert code == EXIT_BAD_INPUT
    assert "outside the 5-point scale" in err[0]


def test_scale_on_a_survey_file_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                                 library: Path, tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_text("respondent,role,target,frequent,timely,accurate,problem_solving,"
                    "shared_goals,shared_knowledge,mutual_respect\r\n"
                    "r1,Nurses,Nurses,4,4,4,4,4,4,4\r\n", encoding="utf-8")
    code, _, err = run(capsys, "--library", str(library), "import", str(path),
                       "--workshop", "Ward 7", "--scale", "5")
    assert code != EXIT_OK
    assert any("--scale is for pulse files" in line for line in err)


def test_a_showing_is_refused_until_k_new_answers(capsys: pytest.CaptureFixture[str],
                                                 library: Path, tmp_path: Path) -> None:
    run(capsys, "--library", str(library), "import", pulse_file(tmp_path, *GOOD[:3]),
        "--workshop", "Ward 7", "--wave", "June")
    assert run(capsys, "--library", str(library), "show-pulse", "Ward 7")[0] == EXIT_OK
    shown = scores_json(capsys, library, "--wave", "June")["psychological_safety"]
    run(capsys, "--library", str(library), "import",
        pulse_file(tmp_path, *GOOD[:3], "p9,7,1,7,1,7,1,7", name="more.csv"),
        "--workshop", "Ward 7", "--wave", "June")
    code, _, err = run(capsys, "--library", str(library), "show-pulse", "Ward 7")
    assert code == EXIT_BAD_INPUT
    assert "2 more answers are needed before the results can change" in err[0]
    assert scores_json(capsys, library, "--wave", "June")["psychological_safety"] == shown


def test_a_file_that_never_exceeds_5_needs_its_scale(capsys: pytest.CaptureFixture[str],
                                                     library: Path, tmp_path: Path) -> None:
    """Scored as 7-point, this file would read 5.06 instead of 4.26 (issue 15)."""
    rows = [f"p{i},2,5,1,4,2,5,4" for i in range(1, 6)]
    before = dump(library)
    code, out, err = run(capsys, "--library", str(library), "import",
                         pulse_file(tmp_path, *rows), "--workshop", "Ward 7", "--wave", "June")
    assert code == EXIT_BAD_INPUT and out == ""
    message = " ".join(err)
    assert "never higher than 5" in message and "--scale 5" in message
    assert "--scale 7" in message
    assert dump(library) == before
    code, out, _ = run(capsys, "--library", str(library), "import",
                       pulse_file(tmp_path, *rows), "--workshop", "Ward 7", "--wave", "June",
                       "--scale", "5")
    assert code == EXIT_OK and "5-point scale" in out
    run(capsys, "--library", str(library), "show-pulse", "Ward 7", "--wave", "June")
    block = scores_json(capsys, library, "--wave", "June")["psychological_safety"]
    assert block["scale_max"] == 5


@pytest.mark.parametrize("header", ["respondent,PS 1,PS 2,PS 3,PS 4,PS 5,PS 6,PS 7",
                                    "Respondent,ps-1,ps-2,ps-3,ps-4,ps-5,ps-6,ps-7"])
def test_the_documented_header_variants_are_pulse_files(
        capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path,
        header: str) -> None:
    path = csv_file(tmp_path, header, GOOD, "variant.csv")
    code, out, err = run(capsys, "--library", str(library), "import", path,
                         "--workshop", "Ward 7", "--wave", "June")
    assert code == EXIT_OK, err
    assert "pulse answers of 5 respondents" in out
