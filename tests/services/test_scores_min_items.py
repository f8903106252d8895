"""The workshop's fewest-items setting reaches the scores the app, the PDF and the CLI show."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rcdesk.domain.scores import ScoreSource
from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.library import LibraryService
from rcdesk.services.scores import ScoresService
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.store.connection import Library

HEADER = "respondent,role,target,frequent,timely,accurate,problem_solving,shared_goals," \
         "shared_knowledge,mutual_respect"


def test_complete_cases_only_drop_the_incomplete_respondent(
        library: Library, library_service: LibraryService, tmp_path: Path) -> None:
    rows = ["a,Nurses,Nurses,4,4,4,4,4,4,4", "b,Nurses,Nurses,2,2,2,2,2,2,2",
            "c,Nurses,Nurses,3,3,3,3,3,3,3", "d,Nurses,Nurses,5,5,,,,,"]
    path = tmp_path / "s.csv"
    path.write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding="utf-8")
    workshop_id = library_service.create("Ward 7", roles=["Nurses"])
    result = commit_survey(library, preview_survey(
        library, workshop_id, path, frequency_scale=FrequencyScale.MONOTONIC))
    wave = result.wave_ids[0]
    service = library_service.open(workshop_id)

    def tie() -> tuple[int | None, float | None]:
        found = ScoresService(library, workshop_id).wave_scores(wave, ScoreSource.SURVEY)
        return found.ties[0].n, found.ties[0].rc

    assert tie() == (4, (4 + 2 + 3 + 5) / 4)
    edit = service.update_settings(replace(service.workshop().settings, min_items=7))
    assert edit is not None
    assert tie() == (3, (4 + 2 + 3) / 3)
