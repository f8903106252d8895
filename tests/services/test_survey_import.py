"""Survey import: reading any reasonable CSV, checking everything first, writing all or nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from rcdesk.domain.errors import (
    ImportProblems,
    NotFoundError,
    ReadOnlyLibraryError,
    StorageError,
    ValidationError,
)
from rcdesk.domain.survey import FrequencyScale
from rcdesk.services import csv_input
from rcdesk.services.edits import Change
from rcdesk.services.library import LibraryService
from rcdesk.services.survey_import import (
    REQUIRED_FIELDS,
    SurveyPreview,
    commit_survey,
    delete_wave_survey,
    preview_survey,
    write_template,
)
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import survey as survey_store
from rcdesk.store.connection import Library

from .conftest import Snapshot

HEADER = "respondent,role,target,frequent,timely,accurate,problem_solving,shared_goals," \
         "shared_knowledge,mutual_respect"
ROWS = [
    "r1,Nurses,Physicians,4,4,5,3,4,4,5",
    "r2,Nurses,Physicians,3,2,3,3,2,3,4",
    "r3,Nurses,Physicians,5,5,,4,5,,5",
    "r1,Nurses,Nurses,4,4,4,4,4,4,4",
]


def csv_text(*rows: str, header: str = HEADER, ending: str = "\r\n") -> str:
    return ending.join([header, *rows]) + ending


@pytest.fixture
def ward(library_service: LibraryService) -> WorkshopService:
    return library_service.open(library_service.create("Ward 7", roles=["Nurses", "Porters"]))


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    def make(content: str | bytes, name: str = "survey.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return make


def preview(library: Library, ward: WorkshopService, path: Path, **options: object
            ) -> SurveyPreview:
    """A preview on the monotonic frequency scale unless the test chooses (numbers alone
    cannot tell the scale, so an import must name it)."""
    options.setdefault("frequency_scale", FrequencyScale.MONOTONIC)
    return preview_survey(library, ward.workshop_id, path, **options)  # type: ignore[arg-type]


def problems(found: SurveyPreview) -> list[str]:
    return [p.describe() for p in found.problems]


# -- a good file -----------------------------------------------------------------------------


def test_preview_describes_the_file_and_writes_nothing(
    library: Library, ward: WorkshopService, write: Callable[..., Path],
    snapshot: Callable[[], Snapshot],
) -> None:
    before = snapshot()
    found = preview(library, ward, write(csv_text(*ROWS)))
    assert found.ok and problems(found) == []
    assert (found.encoding, found.delimiter) == ("UTF-8", ",")
    assert found.headers == tuple(HEADER.split(","))
    assert found.mapping == {name: name for name in REQUIRED_FIELDS}
    assert (found.row_count, found.respondent_count) == (4, 3)
    assert found.roles_found == ("Nurses", "Physicians")
    assert found.new_roles == ("Physicians",)
    assert (found.waves, found.new_waves, found.replaces) == (("Baseline",), (), {})
    assert snapshot() == before


def test_commit_writes_roles_and_answers_in_one_go(
    library: Library, ward: WorkshopService, write: Callable[..., Path]
) -> None:
    result = commit_survey(library, preview(library, ward, write(csv_text(*ROWS))))
    assert (result.rows, result.respondents, result.replaced) == (4, 3, 0)
    assert result.added_roles == ("Physicians",) and result.added_waves == ()
    assert result.changes == Change.SURVEY | Change.ROLES
    roles = ward.roles()
    assert [(r.name, r.position) for r in roles] == [("Nurses", 0), ("Porters", 1),
                                                     ("Physicians", 2)]
    baseline = ward.waves()[0]
    stored = survey_store.load_answers(library.db, baseline.id)
    ids = {r.name: r.id for r in roles}
    assert sorted((a.respondent, a.source_id, a.target_id) for a in stored) == [
        ("r1", ids["Nurses"], ids["Nurses"]), ("r1", ids["Nurses"], ids["Physicians"]),
        ("r2", ids["Nurses"], ids["Physicians"]), ("r3", ids["Nurses"], ids["Physicians"])]
    assert [a.values for a in stored if a.respondent == "r3"] == [(5, 5, None, 4, 5, None, 5)]


def test_roles_match_ignoring_case_and_surrounding_spaces(
    library: Library, ward: WorkshopService, write: Callable[..., Path]
) -> None:
    rows = ["a, nurses ,PORTERS,1,2,3,4,5,1,2", "b,NURSES,porters,1,2,3,4,5,1,2"]
    found = preview(library, ward, write(csv_text(*rows)))
    assert found.ok and found.new_roles == () and found.roles_found == ("nurses", "PORTERS")
    assert commit_survey(library, found).added_roles == ()
    assert [r.name for r in ward.roles()] == ["Nurses", "Porters"]


@pytest.mark.parametrize(("encoding", "label"), [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("utf-16", "UTF-16"),
    ("cp1252", "Windows-1252"),
])
def test_encodings(library: Library, ward: WorkshopService, write: Callable[..., Path],
                   encoding: str, label: str) -> None:
    text = csv_text("r1,Médecins,Nurses,4,4,4,4,4,4,4")
    found = preview(library, ward, write(text, encoding=encoding))
    assert found.ok, problems(found)
    assert found.encoding == label and found.new_roles == ("Médecins",)


def test_semicolons_lf_nul_characters_and_excel_sep_line(
    library: Library, ward: WorkshopService, write: Callable[..., Path]
) -> None:
    text = "sep=;\n" + csv_text("r1;Nurses;Nurses;4;4,0;4.0; 4 ;;;", header=HEADER.replace(
        ",", ";"), ending="\n")
    found = preview(library, ward, write(text.replace("r1", "r\x001")))
    assert found.ok, problems(found)
    assert found.delimiter == ";" and found.rows[0].respondent == "r1"
    assert found.rows[0].values == (4, 4, 4, 4, None, None, None)


def test_a_quoted_cell_may_hold_the_delimiter_and_a_line_break(
    library: Library, ward: WorkshopService, write: Callable[..., Path]
) -> None:
    text = csv_text('r1,"Nurses, night","Ward\r\nclerks",4,4,4,4,4,4,4', "r2,Nurses,Nurses,1,,,,,,")
    found = preview(library, ward, write(text))
    assert found.ok, problems(found)
    assert found.roles_found == ("Nurses, night", "Ward clerks", "Nurses")
    assert found.rows[1].row == 3  # rows count records, as a spreadsheet shows them


def test_headers_are_matched_loosely(library: Library, ward: WorkshopService,
                                     write: Callable[..., Path]) -> None:
    header = ("Respondent ID,Own-Role,Target Role,FREQUENT,Timely,accurate,Problem Solving,"
              "shared-goals,Shared  Knowledge,mutual_respect,Comment")
    found = preview(library, ward, write(csv_text("r1,Nurses,Nurses,4,4,4,4,4,4,4,hi",
                                                  header=header)))
    assert found.ok, problems(found)
    assert found.mapping["problem_solving"] == "Problem Solving"
    assert found.mapping["respondent"] == "Respondent ID"
    assert found.ignored_columns == ("Comment",)


def test_a_column_mapping_from_the_user(library: Library, ward: WorkshopService,
                                        write: Callable[..., Path]) -> None:
    header = "who,group,about,f,t,a,p,g,k,r"
    path = write(csv_text("r1,Nurses,Nurses,4,4,4,4,4,4,4", header=header))
    unmapped = preview(library, ward, path)
    assert not unmapped.ok and unmapped.problem_count == 1
    assert "shape is not recognised" in problems(unmapped)[0]
    assert "--mapping" in problems(unmapped)[0] and "respondent, role, target" in problems(
        unmapped)[0]
    assert all(p.row == 1 for p in unmapped.problems)
    chosen = dict(zip(REQUIRED_FIELDS, header.split(","), strict=True))
    mapped = preview(library, ward, path, mapping=chosen)
    assert mapped.ok and mapped.mapping == chosen and mapped.rows[0].values == (4,) * 7
    wrong = preview(library, ward, path, mapping={**chosen, "timely": "nope"})
    assert problems(wrong) == ["row 1, column timely: the file has no column “nope”."]
    with pytest.raises(ValidationError):
        preview(library, ward, path, mapping={"colour": "f"})


def test_the_sufficiency_scale_is_recoded(library: Library, ward: WorkshopService,
                                          write: Callable[..., Path]) -> None:
    rows = [f"r{p},Nurses,Nurses,{p},,,,,," for p in range(1, 6)]
    found = preview(library, ward, write(csv_text(*rows)),
                    frequency_scale=FrequencyScale.SUFFICIENCY)
    assert [r.values[0] for r in found.rows] == [1, 3, 5, 4, 2]
    plain = preview(library, ward, write(csv_text(*rows)))
    assert [r.values[0] for r in plain.rows] == [1, 2, 3, 4, 5]


# -- waves -----------------------------------------------------------------------------------


def test_waves_from_the_option_the_column_or_the_default(
    library: Library, ward: WorkshopService, write: Callable[..., Path]
) -> None:
    header = HEADER + ",Wave"
    path = write(csv_text("r1,Nurses,Nurses,4,4,4,4,4,4,4,Baseline",
                          "r1,Nurses,Nurses,3,3,3,3,3,3,3,follow-up", header=header))
    from_column = preview(library, ward, path)
    assert from_column.waves == ("Baseline", "follow-up")
    assert from_column.new_waves == ("follow-up",)
    chosen = preview(library, ward, path, wave=" Spring  2027 ")
    assert chosen.waves == () and chosen.problems[0].row == 3  # now r1 rates Nurses twice
    single = write(csv_text("r1,Nurses,Nurses,4,4,4,4,4,4,4,Baseline", header=header),
                   name="single.csv")
    chosen = preview(library, ward, single, wave=" Spring  2027 ")
    assert chosen.ok and chosen.waves == ("Spring 2027",)  # the option wins over the column
    blank = write(csv_text("r1,Nurses,Nurses,4,4,4,4,4,4,4,", header=header), name="b.csv")
    assert preview(library, ward, blank).waves == ("Baseline",)
    result = commit_survey(library, from_column)
    assert result.added_waves == ("follow-up",) and result.changes & Change.WAVES
    assert [w.name for w in ward.waves()] == ["Baseline", "follow-up"]


def test_a_wave_column_blank_on_some_rows_is_a_problem(
    library: Library, ward: WorkshopService, write: Callable[..., Path]
) -> None:
    path = write(csv_text("r1,Nurses,Nurses,4,4,4,4,4,4,4,Baseline",
                          "r2,Nurses,Nurses,4,4,4,4,4,4,4,", header=HEADER + ",wave"))
    found = preview(library, ward, path)
    assert [(p.row, p.column) for p in found.problems] == [(3, "wave")]


def test_importing_again_replaces_the_wave_and_never_double_counts(
    library: Library, ward: WorkshopService, write: Callable[..., Path]
) -> None:
    path = write(csv_text(*ROWS))
    commit_survey(library, preview(library, ward, path))
    follow_up = ward.schedule.add_wave("Follow-up")
    other = write(csv_text("x,Nurses,Nurses,2,2,2,2,2,2,2"), name="other.csv")
    commit_survey(library, preview(library, ward, other, wave="Follow-up"))
    again = preview(library, ward, write(csv_text(*ROWS[:2]), name="again.csv"))
    assert again.replaces == {"Baseline": 4}
    result = commit_survey(library, again)
    assert result.replaced == 4
    baseline = ward.waves()[0].id
    assert survey_store.count_answers(library.db, baseline) == 2
    assert follow_up is not None
    assert survey_store.count_answers(library.db, ward.waves()[1].id) == 1


# -- problems --------------------------------------------------------------------------------


@pytest.mark.parametrize(("row", "expected"), [
    ("r9,Nurses,Nurses,6,4,4,4,4,4,4",
     "row 2, column frequent: “6” is not an answer rcdesk can score"),
    ("r9,Nurses,Nurses,4,x,4,4,4,4,4",
     "row 2, column timely: “x” is not an answer rcdesk can score"),
    ("r9,Nurses,Nurses,4,4,0,4,4,4,4", "row 2, column accurate: “0”"),
    ("r9,Nurses,Nurses,4,4,4,4.5,4,4,4", "row 2, column problem_solving: “4.5”"),
    (" ,Nurses,Nurses,4,4,4,4,4,4,4", "row 2, column respondent: the respondent is empty"),
    ("r9,,Nurses,4,4,4,4,4,4,4", "row 2, column role: the respondent's own role is empty"),
    ("r9,Nurses, ,4,4,4,4,4,4,4", "row 2, column target: the rated role is empty"),
    ("r9,Nurses,Nurses,4,4,4", "row 2: this row has 6 cells but the header has 10"),
    ("r9,Nurses,Nurses,4,4,4,4,4,4,4,4", "row 2: this row has 11 cells"),
    ('r9,"Nurses,Nurses,4,4,4,4,4,4,4', "row 2: the file cannot be read as CSV"),
])
def test_bad_rows_are_named_by_row_and_column(
    library: Library, ward: WorkshopService, write: Callable[..., Path], row: str, expected: str
) -> None:
    found = preview(library, ward, write(csv_text(row)))
    assert not found.ok
    assert problems(found)[0].startswith(expected), problems(found)


def test_trailing_empty_cells_and_blank_lines_are_fine(
    library: Library, ward: WorkshopService, write: Callable[..., Path]
) -> None:
    found = preview(library, ward, write(csv_text("r1,Nurses,Nurses,4,4,4,4,4,4,4,,", ",,,", "")))
    assert found.ok and found.row_count == 1


def test_the_same_respondent_rating_a_role_twice(
    library: Library, ward: WorkshopService, write: Callable[..., Path]
) -> None:
    found = preview(library, ward, write(csv_text(*ROWS, "r2,Nurses,physicians ,1,1,1,1,1,1,1")))
    assert problems(found) == [
        "row 6, column target: respondent “r2” already rated “physicians” on row 3 (wave "
        "“Baseline”); each respondent rates each role once per wave."]


def test_a_respondent_with_two_roles(library: Library, ward: WorkshopService,
                                     write: Callable[..., Path]) -> None:
    found = preview(library, ward, write(csv_text(*ROWS, "r3,Porters,Porters,1,1,1,1,1,1,1")))
    assert [(p.row, p.column) for p in found.problems] == [(6, "role")]
    assert "“Porters” here but “Nurses” on row 4" in problems(found)[0]


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "the file is empty."),
    (b"\xef\xbb\xbf\r\n\r\n", "the file is empty."),
    (HEADER.encode() + b"\r\n", "row 1: the file has a header but no rows of answers."),
    (b"PK\x03\x04\x14\x00\x06\x00", "this is an Excel workbook or another zipped file"),
    (bytes(range(256)) * 4, "the file cannot be read as text"),
    (b"\x01\x02\x03\x04 binary \x05\x06\x07", "the file holds binary data"),
    (b"name,age\r\nAnn,4\r\n", "row 1: the file's shape is not recognised. rcdesk reads two "
     "shapes: long, one row per respondent and rated role"),
])
def test_unusable_files(library: Library, ward: WorkshopService, write: Callable[..., Path],
                        content: bytes, expected: str) -> None:
    found = preview(library, ward, write(content))
    assert not found.ok and problems(found)[0].startswith(expected), problems(found)


def test_a_missing_file_or_a_folder_is_a_problem_not_a_crash(
    library: Library, ward: WorkshopService, tmp_path: Path
) -> None:
    for path in (tmp_path / "missing.csv", tmp_path):
        found = preview(library, ward, path)
        assert not found.ok and "cannot be read" in problems(found)[0]


def test_a_file_over_the_size_cap_is_refused(
    library: Library, ward: WorkshopService, write: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(csv_input, "MAX_FILE_BYTES", 100)
    found = preview(library, ward, write(csv_text(*ROWS)))
    assert "larger than" in problems(found)[0]


def test_problems_are_capped_but_counted(library: Library, ward: WorkshopService,
                                         write: Callable[..., Path]) -> None:
    rows = [f"r{i},Nurses,Nurses,9,9,4,4,4,4,4" for i in range(150)]
    found = preview(library, ward, write(csv_text(*rows)))
    assert found.problem_count == 300
    assert len(found.problems) == csv_input.MAX_PROBLEMS


def test_a_preview_with_problems_cannot_be_committed(
    library: Library, ward: WorkshopService, write: Callable[..., Path],
    snapshot: Callable[[], Snapshot],
) -> None:
    before = snapshot()
    found = preview(library, ward, write(csv_text(*ROWS, "r9,Nurses,Nurses,7,,,,,,")))
    with pytest.raises(ImportProblems) as caught:
        commit_survey(library, found)
    assert caught.value.total == 1 and caught.value.problems[0].row == 6
    assert "survey.csv was not imported" in str(caught.value)
    assert snapshot() == before


def test_an_unknown_workshop(library: Library, write: Callable[..., Path]) -> None:
    with pytest.raises(NotFoundError):
        preview_survey(library, 999, write(csv_text(*ROWS)))


# -- all or nothing --------------------------------------------------------------------------


def test_a_failure_while_writing_leaves_the_library_as_it_was(
    library: Library, ward: WorkshopService, write: Callable[..., Path],
    snapshot: Callable[[], Snapshot], monkeypatch: pytest.MonkeyPatch,
) -> None:
    commit_survey(library, preview(library, ward, write(csv_text(*ROWS))))
    found = preview(library, ward, write(csv_text("n1,Pharmacists,Nurses,1,1,1,1,1,1,1"),
                                         name="new.csv"))
    before = snapshot()

    def broken(*_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    # Roles are added and the old answers deleted before the insert fails.
    monkeypatch.setattr(survey_store, "insert_answer_rows", broken)
    with pytest.raises(StorageError, match="disk is full"):
        commit_survey(library, found)
    assert snapshot() == before


def test_a_read_only_library_is_refused(library: Library, ward: WorkshopService,
                                        write: Callable[..., Path]) -> None:
    found = preview(library, ward, write(csv_text(*ROWS)))
    library.read_only = True
    with pytest.raises(ReadOnlyLibraryError):
        commit_survey(library, found)


# -- deleting a wave's survey data, the template ---------------------------------------------


def test_deleting_a_waves_survey_data_leaves_no_trace(
    library: Library, ward: WorkshopService, write: Callable[..., Path]
) -> None:
    secret = "RESPONDENT-SECRET-4711"
    rows = [f"{secret}-{i},Nurses,Nurses,4,4,4,4,4,4,4" for i in range(50)]
    commit_survey(library, preview(library, ward, write(csv_text(*rows))))
    wave_id = ward.waves()[0].id
    files = [library.path, library.path.with_name(library.path.name + "-wal")]
    assert any(secret.encode() in f.read_bytes() for f in files if f.exists())
    assert delete_wave_survey(library, ward.workshop_id, wave_id) == 50
    assert survey_store.count_answers(library.db, wave_id) == 0
    for f in files:
        assert not f.exists() or secret.encode() not in f.read_bytes()
    with pytest.raises(NotFoundError):
        delete_wave_survey(library, ward.workshop_id, 999)


def test_the_template_has_the_header_and_imports_once_filled(
    library: Library, ward: WorkshopService, tmp_path: Path
) -> None:
    path = tmp_path / "template.csv"
    write_template(path)
    assert path.read_bytes() == (HEADER + "\r\n").encode("utf-8")
    assert problems(preview(library, ward, path)) == [
        "row 1: the file has a header but no rows of answers."]
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("r1,Nurses,Nurses,4,4,4,4,4,4,4\r\n")
    assert preview(library, ward, path).ok
