"""Realistic exports of each survey tool import with no reshaping, and every tie, subscale
and item matches the method computed independently (tests/services/survey_exports.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rcdesk.domain.scores import ScoreSource
from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.library import LibraryService
from rcdesk.services.scores import ScoresService
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.services.survey_mapping import load_mapping
from rcdesk.store.connection import Library

from . import survey_exports as ex

Builder = Callable[[Path], Path]


def imported(library: Library, service: LibraryService, path: Path, title: str = "Ward 9",
             **options: object) -> tuple[int, dict[tuple[str, str], dict[str, float]]]:
    workshop = service.create(title, roles=list(ex.ROLES))
    found = preview_survey(library, workshop, path, **options)  # type: ignore[arg-type]
    assert found.ok, ([p.describe() for p in found.problems], found.pending)
    result = commit_survey(library, found)
    scores = ScoresService(library, workshop).wave_scores(result.wave_ids[0],
                                                           ScoreSource.SURVEY)
    names = {r.id: r.name for r in service.open(workshop).roles()}
    got = {}
    for tie in scores.ties:
        assert tie.rc is not None
        got[(names[tie.source_id], names[tie.target_id])] = {
            "rc": tie.rc, "communication": tie.communication or 0.0,
            "relationship": tie.relationship or 0.0,
            **{k: v or 0.0 for k, v in tie.dimensions.items()}}
    return workshop, got


def assert_scores(got: dict[tuple[str, str], dict[str, float]],
                  expected: dict[tuple[str, str], dict[str, float]]) -> None:
    assert set(got) == set(expected) == {(a, b) for a in ex.ROLES for b in ex.ROLES}
    for tie, values in expected.items():
        for key, value in values.items():
            assert got[tie][key] == pytest.approx(value, abs=1e-12), (tie, key)


@pytest.mark.parametrize(("builder", "name", "options"), [
    (ex.qualtrics, "qualtrics.csv", {"frequency_scale": FrequencyScale.MONOTONIC}),
    (ex.surveymonkey, "surveymonkey.csv", {}),
    (ex.google_forms, "google.csv", {}),
    (ex.microsoft_forms_xlsx, "forms.xlsx", {}),
    (ex.microsoft_forms_csv, "forms.csv", {}),
    (ex.redcap, "redcap.csv", {"frequency_scale": FrequencyScale.MONOTONIC}),
    (ex.plain_wide, "wide.csv", {"frequency_scale": FrequencyScale.MONOTONIC}),
])
def test_each_tools_export_scores_like_the_method(
    library: Library, library_service: LibraryService, tmp_path: Path, builder: Builder,
    name: str, options: dict[str, object],
) -> None:
    path = builder(tmp_path / name)
    _, got = imported(library, library_service, path, **options)
    assert_scores(got, ex.expected_ties())


def test_qualtrics_header_rows_are_skipped_and_said(library: Library,
                                                   library_service: LibraryService,
                                                   tmp_path: Path) -> None:
    workshop = library_service.create("Ward 9", roles=list(ex.ROLES))
    found = preview_survey(library, workshop, ex.qualtrics(tmp_path / "q.csv"),
                           frequency_scale=FrequencyScale.MONOTONIC)
    assert found.ok and found.layout == "wide" and found.header_rows == 3
    # one respondent per tie: six respondents, each rating both roles, the empty one left out
    assert (found.respondent_count, found.row_count, found.tie_count) == (6, 12, 4)
    assert "5 = the strongest answer, e.g. Always" in found.direction


def test_limesurvey_codes_import_with_a_mapping(library: Library,
                                               library_service: LibraryService,
                                               tmp_path: Path) -> None:
    path = ex.limesurvey(tmp_path / "lime.csv")
    workshop = library_service.create("Ward 9", roles=list(ex.ROLES))
    refused = preview_survey(library, workshop, path, frequency_scale=FrequencyScale.MONOTONIC)
    assert not refused.ok and "--mapping" in refused.problems[-1].message
    mapping_file = tmp_path / "lime.json"
    mapping_file.write_text(json.dumps(ex.LIMESURVEY_MAPPING), encoding="utf-8")
    _, got = imported(library, library_service, path, "Ward 10",
                      mapping=load_mapping(mapping_file))
    assert_scores(got, ex.expected_ties())
