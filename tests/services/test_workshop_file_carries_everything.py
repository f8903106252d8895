"""The .rcdesk file carries every table and column a workshop has (after every schema step):
the sample, with a survey import's provenance and non-default settings, goes out and comes
back with the same rows in every table and the same workshop settings."""

from __future__ import annotations

from pathlib import Path

from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.services.workshop_file import export_workshop_file, import_workshop_file
from rcdesk.store.connection import Library
from rcdesk.store.rows import WORKSHOP_TABLES, fetch_rows

SKIP = {"id", "workshop_id", "title", "title_key", "opened_at", "created_at"}


def rows_of(library: Library, workshop_id: int) -> dict[str, int]:
    counts = {}
    for table, _ in WORKSHOP_TABLES:
        where = ("wave_id IN (SELECT id FROM waves WHERE workshop_id = ?)"
                 if table == "survey_responses" else
                 "tie_id IN (SELECT id FROM ties WHERE workshop_id = ?)" if table == "ratings"
                 else "workshop_id = ?")
        counts[table] = len(fetch_rows(library.db, table, where, [workshop_id]))
    return counts


def test_every_table_and_setting_travels(library: Library, tmp_path: Path) -> None:
    service = LibraryService(library)
    workshop_id = build_sample(service)
    survey = tmp_path / "survey.csv"
    survey.write_text("respondent,role,target,frequent,timely,accurate,problem_solving,"
                      "shared_goals,shared_knowledge,mutual_respect\r\n"
                      + "".join(f"r{i},Nurses,Physicians,4,4,4,4,4,4,4\r\n" for i in range(3)),
                      encoding="utf-8")
    preview = preview_survey(library, workshop_id, survey, wave="Baseline",
                             frequency_scale=FrequencyScale.MONOTONIC)
    commit_survey(library, preview)
    library.db.execute("UPDATE workshops SET min_items = 7, quote_attribution = 1 "
                       "WHERE id = ?", [workshop_id])
    before = rows_of(library, workshop_id)
    assert all(before[t] for t in ("structures", "structure_ratings", "structure_links",
                                   "gap_drivers", "pulse_showings", "survey_imports",
                                   "room_showings", "dot_votes", "dot_vote_marks"))
    path = export_workshop_file(library, workshop_id, tmp_path / "all.rcdesk")
    copy = import_workshop_file(library, path)
    assert rows_of(library, copy) == before
    original, imported = (fetch_rows(library.db, "workshops", "id = ?", [i])[0]
                          for i in (workshop_id, copy))
    assert {k: v for k, v in imported.items() if k not in SKIP} == {
        k: v for k, v in original.items() if k not in SKIP}
