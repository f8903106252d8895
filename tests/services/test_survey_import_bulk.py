"""Big survey imports: the compact answer table and the bulk write (indexes rebuilt)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rcdesk.domain.errors import StorageError
from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.library import LibraryService
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.services.survey_table import AnswerTable, SurveyRow
from rcdesk.store import repository
from rcdesk.store import survey as survey_store
from rcdesk.store.connection import Library

HEADER = ("respondent,role,target,frequent,timely,accurate,problem_solving,shared_goals,"
          "shared_knowledge,mutual_respect")


def _indexes(library: Library) -> list[tuple[str, str]]:
    return sorted(library.db.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
        "AND tbl_name = 'survey_responses'").fetchall())


def _file(tmp_path: Path, people: int) -> Path:
    lines = [HEADER, *(f"p{n}, Nurses ,{target},{n % 5 + 1},,3,4,5,1,2"
                       for n in range(people) for target in ("Physicians", "nurses"))]
    path = tmp_path / "big.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8")
    return path


def test_the_answer_table_reads_back_every_row_as_written(
        library: Library, library_service: LibraryService, tmp_path: Path) -> None:
    workshop_id = library_service.create("Ward", roles=["Nurses"])
    found = preview_survey(library, workshop_id, _file(tmp_path, 3),
                           frequency_scale=FrequencyScale.SUFFICIENCY)
    assert isinstance(found.rows, AnswerTable)
    assert found.rows[0] == SurveyRow(2, "Baseline", "p0", "Nurses", "Physicians",
                                      (1, None, 3, 4, 5, 1, 2), "baseline", "nurses",
                                      "physicians")
    # the sufficiency positions 1..5 score 1, 3, 5, 4, 2
    assert [r.values[0] for r in found.rows] == [1, 1, 3, 3, 5, 5]
    assert list(found.rows)[-1] == found.rows[-1] and found.rows[-1].target == "nurses"
    assert (found.respondent_count, found.tie_count) == (3, 2)
    assert found.distributions()["timely"] == {None: 6}


def test_a_big_write_rebuilds_the_indexes_as_they_were(
        library: Library, library_service: LibraryService, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(survey_store, "BULK_REINDEX_ROWS", 2)
    workshop_id = library_service.create("Ward", roles=["Nurses"])
    before = _indexes(library)
    found = preview_survey(library, workshop_id, _file(tmp_path, 50),
                           frequency_scale=FrequencyScale.MONOTONIC, confirm={"new_roles"})
    assert commit_survey(library, found).rows == 100
    assert _indexes(library) == before
    assert survey_store.count_all_answers(library.db) == 100


def test_a_failed_big_write_keeps_the_indexes(
        library: Library, library_service: LibraryService, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(survey_store, "BULK_REINDEX_ROWS", 2)
    workshop_id = library_service.create("Ward", roles=["Nurses"])
    before = _indexes(library)
    found = preview_survey(library, workshop_id, _file(tmp_path, 50),
                           frequency_scale=FrequencyScale.MONOTONIC, confirm={"new_roles"})

    def broken(*_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(survey_store, "insert_answer_rows", broken)
    with pytest.raises(StorageError, match="disk is full"):
        commit_survey(library, found)
    assert _indexes(library) == before
    assert survey_store.count_all_answers(library.db) == 0


def test_a_big_write_stores_every_answer_in_the_files_order(
        library: Library, library_service: LibraryService, tmp_path: Path) -> None:
    # 190 answers: two many-row statements and ten single rows
    assert survey_store.ROWS_PER_INSERT == 90
    workshop_id = library_service.create("Ward", roles=["Nurses"])
    found = preview_survey(library, workshop_id, _file(tmp_path, 95),
                           frequency_scale=FrequencyScale.MONOTONIC, confirm={"new_roles"})
    result = commit_survey(library, found)
    stored = survey_store.load_answers(library.db, result.wave_ids[0])
    names = {r.id: r.name for r in repository.list_roles(library.db, workshop_id)}
    assert [(a.respondent, names[a.target_id].lower(), tuple(a.values)) for a in stored] == [
        (r.respondent, r.target_key, r.values) for r in found.rows]


def _mixed_file(tmp_path: Path) -> Path:
    """Good rows, then rows with problems among good ones further down."""
    good = [f"p{n},Nurses,{t},{n % 5 + 1},2,3,4,5,1,2" for n in range(12)
            for t in ("Physicians", "Nurses")]
    bad = ["  ,Nurses,Physicians,1,2,3,4,5,1,2", "q1,Nurses,Physicians,9x,2,3,4,5,1,2",
           "q2,Nurses,,1,2,3,4,5,1,2", " q3 ,Nurses,Physicians,1,2,3,4,5,1,2",
           "q4,Nurses,Physicians,1,2,3", "q5,Nurses,Pharmacy,1,2,3,4,5,1,2,,"]
    lines = [HEADER, *good[:10], *bad[:3], *good[10:18], *bad[3:], *good[18:]]
    path = tmp_path / "mixed.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("bad", [True, False])
def test_checking_rows_in_chunks_gives_what_row_by_row_gives(
        library: Library, library_service: LibraryService, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, bad: bool) -> None:
    from rcdesk.services import survey_rows

    workshop_id = library_service.create("Ward", roles=["Nurses"])
    path = _mixed_file(tmp_path) if bad else _file(tmp_path, 20)

    def preview(chunk: int) -> tuple[object, ...]:
        monkeypatch.setattr(survey_rows, "CHUNK_ROWS", chunk)
        found = preview_survey(library, workshop_id, path,
                               frequency_scale=FrequencyScale.MONOTONIC)
        return (list(found.rows), found.problems, found.respondent_count, found.tie_count)

    in_chunks, one_chunk = preview(4), preview(10_000)
    assert in_chunks == one_chunk
    problems = in_chunks[1]
    assert isinstance(problems, tuple | list)
    assert bool(problems) is bad
    if bad:
        assert [(p.row, p.column) for p in problems][:3] == [
            (12, "respondent"), (13, "frequent"), (14, "target")]


def test_a_respondent_with_two_roles_is_named_among_many_good_rows(
        library: Library, library_service: LibraryService, tmp_path: Path) -> None:
    workshop_id = library_service.create("Ward", roles=["Nurses"])
    lines = [HEADER, *(f"p{n},Nurses,{t},1,2,3,4,5,1,2" for n in range(30)
                       for t in ("Physicians", "Nurses")), "p3,Physicians,Pharmacy,1,2,3,4,5,1,2"]
    path = tmp_path / "two.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = preview_survey(library, workshop_id, path, frequency_scale=FrequencyScale.MONOTONIC)
    assert [(p.row, p.column) for p in found.problems] == [(62, "role")]
    assert "has the role “Physicians” here but “Nurses” on row 8" in found.problems[0].message
