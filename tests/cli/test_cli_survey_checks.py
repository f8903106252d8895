"""`rcdesk import` refuses, with exit 2 and the flag that confirms, every import that would
otherwise give silently wrong numbers; and a saved mapping imports a follow-up wave."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from services import survey_exports as ex

from rcdesk.cli import EXIT_BAD_INPUT, EXIT_OK
from rcdesk.services.library import LibraryService
from rcdesk.store.connection import open_library

from .cli_import_support import csv_file, dump, run

HEADER = "respondent,role,target,frequent,timely,accurate,problem_solving,shared_goals," \
         "shared_knowledge,mutual_respect"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "lib.db"
    opened = open_library(path, create=True)
    LibraryService(opened).create("Ward 7", roles=["Ärzte", "Nurses"])
    opened.close()
    return path


def positions_file(tmp_path: Path) -> str:
    """Sufficiency answer positions (3 = just right) from three nurses."""
    rows = tuple(f"n{i},Nurses,Nurses,{p},4,4,4,4,4,4" for i, p in enumerate((3, 3, 1)))
    return csv_file(tmp_path, HEADER, rows, "positions.csv")


def scores(capsys: pytest.CaptureFixture[str], library: Path) -> dict[str, object]:
    code, out, _ = run(capsys, "--library", str(library), "scores", "Ward 7", "--format",
                       "json")
    assert code == EXIT_OK
    return dict(json.loads(out))


def test_numeric_frequency_answers_need_the_scale_named(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Sufficiency positions imported without a scale were scored as monotonic (RC off)."""
    before = dump(library)
    code, out, err = run(capsys, "--library", str(library), "import", positions_file(tmp_path),
                         "--workshop", "Ward 7")
    assert code == EXIT_BAD_INPUT and out == "" and dump(library) == before
    assert any("--frequency-scale" in line for line in err)
    code, _, _ = run(capsys, "--library", str(library), "import", positions_file(tmp_path),
                     "--workshop", "Ward 7", "--frequency-scale", "sufficiency")
    assert code == EXIT_OK
    tie = next(t for t in scores(capsys, library)["ties"])  # type: ignore[attr-defined]
    assert tie["dimensions"]["frequent"] == pytest.approx((5 + 5 + 1) / 3)


def test_a_wave_refuses_a_second_import_on_another_scale(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Recoded scores imported with the sufficiency flag were recoded twice."""
    assert run(capsys, "--library", str(library), "import", positions_file(tmp_path),
               "--workshop", "Ward 7", "--frequency-scale", "sufficiency")[0] == EXIT_OK
    before = dump(library)
    code, _, err = run(capsys, "--library", str(library), "import", positions_file(tmp_path),
                       "--workshop", "Ward 7", "--frequency-scale", "recoded")
    assert code == EXIT_BAD_INPUT and dump(library) == before
    assert "sufficiency frequency scale" in err[0] and "positions.csv" in err[0]


def test_the_recoded_scale_takes_scores_as_they_are(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--library", str(library), "import", positions_file(tmp_path),
               "--workshop", "Ward 7", "--frequency-scale", "recoded")[0] == EXIT_OK
    tie = next(t for t in scores(capsys, library)["ties"])  # type: ignore[attr-defined]
    assert tie["dimensions"]["frequent"] == pytest.approx((3 + 3 + 1) / 3)


def test_sufficiency_words_tell_the_scale_and_refuse_the_other(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = tuple(f"n{i},Nurses,Nurses,{ex.SUFFICIENCY_WORDS[p - 1]},4,4,4,4,4,4"
                 for i, p in enumerate((3, 3, 5)))
    path = csv_file(tmp_path, HEADER, rows, "words.csv")
    code, _, err = run(capsys, "--library", str(library), "import", path, "--workshop",
                       "Ward 7", "--frequency-scale", "monotonic")
    assert code == EXIT_BAD_INPUT and "choose sufficiency" in err[0]
    assert run(capsys, "--library", str(library), "import", path, "--workshop",
               "Ward 7")[0] == EXIT_OK
    tie = next(t for t in scores(capsys, library)["ties"])  # type: ignore[attr-defined]
    assert tie["dimensions"]["frequent"] == pytest.approx((5 + 5 + 2) / 3)


def test_labels_running_the_other_way_need_confirming(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """1 = Always (the strongest choice listed first): read as numbers, RC was turned round."""
    words = {5: "1 - Always", 4: "2 - Often", 3: "3 - Occasionally", 2: "4 - Rarely",
             1: "5 - Never"}
    rows = tuple(f"n{i},Nurses,Nurses," + ",".join([words[v]] * 7)
                 for i, v in enumerate((5, 4, 4)))
    path = csv_file(tmp_path, HEADER, rows, "reversed.csv")
    before = dump(library)
    code, _, err = run(capsys, "--library", str(library), "import", path, "--workshop",
                       "Ward 7", "--frequency-scale", "monotonic")
    assert code == EXIT_BAD_INPUT and dump(library) == before
    assert "--confirm-reversed confirms" in err[0] and "1 = the strongest" in err[0]
    assert run(capsys, "--library", str(library), "import", path, "--workshop", "Ward 7",
               "--frequency-scale", "monotonic", "--confirm-reversed")[0] == EXIT_OK
    tie = next(t for t in scores(capsys, library)["ties"])  # type: ignore[attr-defined]
    assert tie["rc"] == pytest.approx(13 / 3)


def test_a_near_duplicate_role_is_flagged_with_the_role_it_resembles(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """"€rzte" beside "Ärzte" (a Mac file read as Windows-1252) was added as a new role."""
    rows = tuple(f"a{i},€rzte,Nurses,4,4,4,4,4,4,4" for i in range(3))
    path = csv_file(tmp_path, HEADER, rows, "mac.csv")
    before = dump(library)
    code, _, err = run(capsys, "--library", str(library), "import", path, "--workshop",
                       "Ward 7", "--frequency-scale", "monotonic")
    assert code == EXIT_BAD_INPUT and dump(library) == before
    assert "“€rzte” looks like the existing role “Ärzte”" in err[0]
    assert "--confirm-similar-roles confirms" in err[0]
    spaced = csv_file(tmp_path, HEADER, tuple(f"a{i},N urses,Nurses,4,4,4,4,4,4,4"
                                              for i in range(3)), "spaced.csv")
    code, _, err = run(capsys, "--library", str(library), "import", spaced, "--workshop",
                       "Ward 7", "--frequency-scale", "monotonic")
    assert code == EXIT_BAD_INPUT and "looks like the existing role “Nurses”" in err[0]


def test_a_wide_file_with_new_roles_needs_them_confirmed(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ex.plain_wide(tmp_path / "wide.csv")
    code, _, err = run(capsys, "--library", str(library), "import", str(path), "--workshop",
                       "Ward 7", "--frequency-scale", "monotonic")
    assert code == EXIT_BAD_INPUT and "--confirm-new-roles" in err[0] and "Physicians" in err[0]
    code, out, _ = run(capsys, "--library", str(library), "import", str(path), "--workshop",
                       "Ward 7", "--frequency-scale", "monotonic", "--confirm-new-roles")
    assert code == EXIT_OK and "wide layout" in out


def test_a_saved_mapping_round_trips_through_the_command(
        tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Headers the app cannot guess (Q1 … Q7): a mapping file reads them, for every wave."""
    header = "Response ID,Your role,Group you are rating,Q1,Q2,Q3,Q4,Q5,Q6,Q7"
    rows = tuple(f"r{i},Nurses,Nurses,{i + 2},4,4,4,4,4,4" for i in range(3))
    path = csv_file(tmp_path, header, rows, "export.csv")
    code, _, err = run(capsys, "--library", str(library), "import", path, "--workshop",
                       "Ward 7", "--frequency-scale", "monotonic")
    assert code == EXIT_BAD_INPUT and "--mapping" in err[-2]
    mapping = {"format": "rcdesk-survey-mapping", "version": 1,
               "columns": {"target": "Group you are rating",
                           **{key: f"Q{i}" for i, key in enumerate(ex.ITEMS, start=1)}},
               "frequency_scale": "monotonic"}
    saved = tmp_path / "map.json"
    saved.write_text(json.dumps(mapping), encoding="utf-8")
    code, _, err = run(capsys, "--library", str(library), "import", path, "--workshop",
                       "Ward 7", "--mapping", str(saved))
    assert (code, err) == (EXIT_OK, [])
    data = scores(capsys, library)
    assert data["ties"][0]["dimensions"]["frequent"] == pytest.approx(3.0)  # type: ignore[index]
    record = data["imports"][0]  # type: ignore[index]
    assert record["file"] == "export.csv" and record["mapping"]["columns"]["frequent"] == "Q1"
    again = tmp_path / "again.json"
    again.write_text(json.dumps(record["mapping"]), encoding="utf-8")
    code, _, err = run(capsys, "--library", str(library), "import", path, "--workshop",
                       "Ward 7", "--wave", "Follow-up", "--mapping", str(again))
    assert (code, err) == (EXIT_OK, [])
