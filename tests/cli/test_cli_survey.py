"""`rcdesk import` and `rcdesk scores`: messages, exit codes, the JSON contract, CSV safety."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from rcdesk.cli import EXIT_BAD_INPUT, EXIT_OK

from .cli_import_support import csv_file, dump, library, run

__all__ = ["library"]  # fixtures

HEADER = ("respondent,role,target,frequent,timely,accurate,problem_solving,shared_goals,"
          "shared_knowledge,mutual_respect")
WORKED = ["r1,Nurses,Physicians,4,4,5,3,4,4,5", "r2,Nurses,Physicians,3,2,3,3,2,3,4",
          "r3,Nurses,Physicians,5,5,,4,5,,5", "r1,Nurses,Nurses,4,4,4,4,4,4,4"]


def survey(tmp_path: Path, *rows: str, name: str = "survey.csv") -> str:
    return csv_file(tmp_path, HEADER, rows, name)


# -- import ----------------------------------------------------------------------------------


def test_import_reports_rows_respondents_and_new_roles(
    tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--library", str(library), "import", survey(tmp_path, *WORKED),
                         "--workshop", "ward 7", "--frequency-scale", "monotonic")
    assert (code, err) == (EXIT_OK, [])
    assert out.splitlines() == [
        "Imported 4 rows from 3 respondents in survey.csv into “Ward 7” (wave “Baseline”).",
        "Read as long layout; scale: 5 = the strongest answer, e.g. Always; 1 = the weakest, "
        "e.g. Never.",
        "Frequency answers: never … constantly, scored 1 to 5 as answered.",
        "Added 1 new role: Physicians."]
    code, out, _ = run(capsys, "--library", str(library), "import",
                       survey(tmp_path, *WORKED[:2], name="again.csv"), "--workshop", "Ward 7",
                       "--frequency-scale", "monotonic")
    assert code == EXIT_OK
    assert out.splitlines()[-1] == ("Replaced 4 survey responses that were already in the "
                                    "wave.")


def test_import_into_a_named_wave_with_the_sufficiency_scale(
    tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [f"r{i},Nurses,Nurses,3,,,,,," for i in range(3)]  # position 3 = "just right" = 5
    code, out, _ = run(capsys, "--library", str(library), "import", survey(tmp_path, *rows),
                       "--workshop", "Ward 7", "--wave", "Spring", "--frequency-scale",
                       "sufficiency")
    assert code == EXIT_OK and "Added the wave “Spring”." in out
    code, out, _ = run(capsys, "--library", str(library), "scores", "Ward 7", "--wave",
                       "spring", "--format", "json")
    assert json.loads(out)["ties"][0]["dimensions"]["frequent"] == 5.0


def test_import_problems_are_one_line_each_and_change_nothing(
    tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(library)
    rows = [*WORKED, "r9,Nurses,Nurses,7,4,4,4,4,4,4", "r1,Nurses,Physicians,1,1,1,1,1,1,1"]
    code, out, err = run(capsys, "--library", str(library), "import", survey(tmp_path, *rows),
                         "--workshop", "Ward 7", "--frequency-scale", "monotonic")
    assert code == EXIT_BAD_INPUT and out == ""
    assert err == [
        "rcdesk: survey.csv, row 6, column frequent: “7” is not an answer rcdesk can score 1 to "
        "5 (leave the cell empty when a question was not answered; a not-applicable code such "
        "as 6 can be marked in the mapping step, or in a mapping file's “not_applicable”).",
        "rcdesk: survey.csv, row 7, column target: respondent “r1” already rated “Physicians” "
        "on row 2 (wave “Baseline”); each respondent rates each role once per wave.",
        "rcdesk: nothing was imported; fix the file and run the import again."]
    assert dump(library) == before


def test_at_most_twenty_problem_lines(tmp_path: Path, library: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    rows = [f"r{i},Nurses,Nurses,0,4,4,4,4,4,4" for i in range(40)]
    code, _, err = run(capsys, "--library", str(library), "import", survey(tmp_path, *rows),
                       "--workshop", "Ward 7")
    assert code == EXIT_BAD_INPUT and len(err) == 20
    assert err[-2] == "rcdesk: … and 22 more problems."
    assert all(line.startswith("rcdesk: ") for line in err)


def test_file_level_problems(tmp_path: Path, library: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _, err = run(capsys, "--library", str(library), "import", str(empty),
                       "--workshop", "Ward 7")
    assert code == EXIT_BAD_INPUT and err[0] == "rcdesk: empty.csv: the file is empty."


def test_import_into_an_unknown_workshop(tmp_path: Path, library: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--library", str(library), "import", survey(tmp_path, *WORKED),
                       "--workshop", "Ward 8")
    assert code == EXIT_BAD_INPUT and len(err) == 1 and "Ward 8" in err[0]


# -- scores ----------------------------------------------------------------------------------


@pytest.fixture
def scored(tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "--library", str(library), "import", survey(tmp_path, *WORKED),
               "--workshop", "Ward 7", "--frequency-scale", "monotonic")[0] == EXIT_OK
    return library


def test_scores_json_is_the_documented_contract(scored: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--library", str(scored), "scores", "Ward 7", "--format", "json")
    assert (code, err) == (EXIT_OK, [])
    data = json.loads(out)
    assert list(data) == ["workshop", "wave", "source", "min_respondents", "cut_points", "ties",
                          "roles", "overall", "psychological_safety", "min_items", "imports"]
    assert data["min_items"] == 1 and [i["file"] for i in data["imports"]] == ["survey.csv"]
    assert data["imports"][0]["frequency_scale"] == "monotonic"
    assert (data["workshop"], data["wave"], data["source"]) == ("Ward 7", "Baseline", "survey")
    assert data["min_respondents"] == 3 and data["cut_points"] == [3.5, 4.0]
    hidden, shown = data["ties"]
    assert hidden == {"from": "Nurses", "to": "Nurses", "n": 1, "suppressed": True, "rc": None,
                      "communication": None, "relationship": None, "band": None,
                      "dimensions": dict.fromkeys(hidden["dimensions"]), "spread": None}
    assert shown["rc"] == 3.9333333333333336  # unrounded
    # three respondents (= k): the spread's sd only, never a range that would give them away
    assert shown["spread"]["low"] is None and shown["spread"]["strip"] is None
    assert shown["spread"]["sd"] > 0
    assert round(shown["communication"], 4) == 3.8056 and shown["band"] == "moderate"
    assert list(shown["dimensions"]) == ["frequent", "timely", "accurate", "problem_solving",
                                         "shared_goals", "shared_knowledge", "mutual_respect"]
    assert data["roles"] == [
        {"role": "Nurses", "given": shown["rc"], "received": None, "within": None},
        {"role": "Physicians", "given": None, "received": shown["rc"], "within": None}]
    assert data["overall"]["rc"] == shown["rc"] and data["overall"]["between_roles"] == shown["rc"]
    assert data["overall"]["dimensions"]["accurate"] == 4.0


def test_scores_table_shows_two_decimals_with_bands(scored: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--library", str(scored), "scores", "Ward 7")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0] == "Ward 7 — wave “Baseline” — survey results"
    assert any(line.split()[:5] == ["Nurses", "Physicians", "3", "3.93", "moderate"]
               for line in lines)
    assert any(line.split()[:4] == ["Nurses", "Nurses", "1", "n<3"] for line in lines)
    assert "3.9333" not in out


def test_scores_csv_has_crlf_two_decimals_and_no_formulas(
    tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [f"r{i},=HYPERLINK(1),-Porters,4,4,4,4,4,4,5" for i in range(3)]
    run(capsys, "--library", str(library), "import", survey(tmp_path, *rows),
        "--workshop", "Ward 7", "--frequency-scale", "monotonic")
    code, out, _ = run(capsys, "--library", str(library), "scores", "Ward 7", "--format", "csv")
    assert code == EXIT_OK
    assert out.count("\r\n") == len(out.splitlines()) and "\r\r" not in out
    table = list(csv.reader(io.StringIO(out, newline="")))
    assert table[0][:7] == ["kind", "from", "to", "n", "suppressed", "rc", "band"]
    assert table[1][:7] == ["tie", "'=HYPERLINK(1)", "'-Porters", "3", "no", "4.14", "strong"]
    assert ["overall", "all ties", "", "", "", "4.14", "strong"] == table[-2][:7]


def test_scores_from_the_map_and_unknown_waves(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    library = str(tmp_path / "demo.db")
    _, out, _ = run(capsys, "--library", library, "demo")
    title = out.splitlines()[-1]
    code, out, _ = run(capsys, "--library", library, "scores", title, "--format", "json")
    data = json.loads(out)
    assert code == EXIT_OK and data["source"] == "map" and data["wave"] == "Follow-up 1"
    assert data["ties"] and all(t["n"] is None for t in data["ties"])
    code, _, err = run(capsys, "--library", library, "scores", title, "--source", "survey")
    assert code == EXIT_BAD_INPUT and "no survey results" in err[0]
    code, _, err = run(capsys, "--library", library, "scores", title, "--wave", "Nope")
    assert code == EXIT_BAD_INPUT and len(err) == 1 and "No wave called “Nope”" in err[0]
