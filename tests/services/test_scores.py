"""Scores of a wave: which wave, which source, and the change between two waves."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rcdesk.analysis.rc_scores import ChangeKind, score_survey
from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.model import Wave
from rcdesk.domain.scores import ScoreSource
from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.library import LibraryService
from rcdesk.services.scores import ScoresService, latest_wave
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import survey as survey_store
from rcdesk.store.connection import Library

HEADER = ("respondent,role,target,frequent,timely,accurate,problem_solving,shared_goals,"
          "shared_knowledge,mutual_respect")


def wave(wave_id: int, when: date | None = None) -> Wave:
    return Wave(id=wave_id, workshop_id=1, name=f"w{wave_id}", position=wave_id, date=when)


def import_rows(library: Library, workshop: WorkshopService, tmp_path: Path, rows: list[str],
                wave_name: str | None = None) -> None:
    path = tmp_path / "survey.csv"
    path.write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding="utf-8")
    found = preview_survey(library, workshop.workshop_id, path, wave=wave_name,
                           frequency_scale=FrequencyScale.MONOTONIC)
    assert found.ok, [p.describe() for p in found.problems]
    commit_survey(library, found)


def same_tie(source: str, target: str, values: str, count: int, prefix: str) -> list[str]:
    return [f"{prefix}{i},{source},{target},{values}" for i in range(count)]


@pytest.fixture
def ward(library_service: LibraryService) -> WorkshopService:
    return library_service.open(library_service.create("Ward 7", roles=["Nurses", "Porters"]))


# -- which wave ------------------------------------------------------------------------------


def test_latest_wave_is_by_date_then_by_creation() -> None:
    assert latest_wave([]) is None
    dated = [wave(1, date(2026, 5, 1)), wave(2, date(2026, 3, 1)), wave(3, date(2026, 5, 1))]
    assert latest_wave(dated) == dated[2]  # same date: the one created later
    assert latest_wave(dated[:2]) == dated[0]  # a later date beats a later creation


def test_an_undated_wave_counts_as_dated_like_the_wave_created_before_it() -> None:
    baseline, follow_up = wave(1), wave(2, date(2026, 5, 1))
    assert latest_wave([follow_up, baseline]) == follow_up  # an undated first wave is earliest
    just_added = wave(3)
    assert latest_wave([baseline, follow_up, just_added]) == just_added


def test_find_wave_by_name_or_the_latest(library: Library, ward: WorkshopService) -> None:
    ward.schedule.add_wave("Follow-up", date(2026, 6, 1))
    scores = ScoresService(library, ward.workshop_id)
    assert scores.find_wave("  FOLLOW-UP ").name == "Follow-up"
    assert scores.find_wave(None).name == "Follow-up"
    with pytest.raises(NotFoundError, match="its waves: Baseline, Follow-up"):
        scores.find_wave("Spring")
    for w in ward.waves():
        ward.schedule.delete_wave(w.id)
    with pytest.raises(NotFoundError, match="no waves yet"):
        scores.find_wave(None)


# -- which source ----------------------------------------------------------------------------


def test_survey_results_are_the_default_source_when_present(
    library: Library, ward: WorkshopService, tmp_path: Path
) -> None:
    scores = ScoresService(library, ward.workshop_id)
    baseline = ward.waves()[0].id
    assert scores.default_source(baseline) is ScoreSource.MAP
    import_rows(library, ward, tmp_path, same_tie("Nurses", "Porters", "4,4,4,4,3,3,3", 3, "r"))
    assert scores.default_source(baseline) is ScoreSource.SURVEY
    result = scores.wave_scores(baseline)
    assert result.source is ScoreSource.SURVEY and result.wave_id == baseline
    expected = score_survey(survey_store.load_answers(library.db, baseline), wave_id=baseline,
                            settings=ward.workshop().settings,
                            role_ids=[r.id for r in ward.roles()])
    assert result == expected
    assert [r.role_id for r in result.roles] == [r.id for r in ward.roles()]


def test_asking_for_survey_scores_of_a_wave_without_them(
    library: Library, ward: WorkshopService
) -> None:
    scores = ScoresService(library, ward.workshop_id)
    with pytest.raises(ValidationError, match="no survey results yet"):
        scores.wave_scores(ward.waves()[0].id, ScoreSource.SURVEY)
    with pytest.raises(NotFoundError):
        scores.wave_scores(999)


def test_the_workshops_anonymity_threshold_applies(
    library: Library, ward: WorkshopService, tmp_path: Path
) -> None:
    import_rows(library, ward, tmp_path, same_tie("Nurses", "Porters", "4,4,4,4,4,4,4", 4, "r"))
    scores = ScoresService(library, ward.workshop_id)
    baseline = ward.waves()[0].id
    assert scores.wave_scores(baseline).ties[0].shown
    ward.update_settings(ward.with_settings(anonymity_k=5))
    tie = scores.wave_scores(baseline).ties[0]
    assert tie.suppressed and tie.n == 4


def test_map_scores_come_from_the_live_ratings(sample: WorkshopService) -> None:
    scores = ScoresService(sample.library, sample.workshop_id)
    baseline = sample.waves()[0].id
    assert scores.default_source(baseline) is ScoreSource.MAP
    result = scores.wave_scores(baseline)
    assert result.source is ScoreSource.MAP and result.ties
    assert all(t.n is None and not t.suppressed for t in result.ties)


# -- comparing waves -------------------------------------------------------------------------


def test_compare_two_survey_waves_with_the_workshops_threshold(
    library: Library, ward: WorkshopService, tmp_path: Path
) -> None:
    import_rows(library, ward, tmp_path,
                same_tie("Nurses", "Porters", "3,3,3,3,3,3,3", 3, "a")
                + same_tie("Porters", "Nurses", "4,4,4,4,4,4,4", 3, "b"))
    ward.schedule.add_wave("Follow-up", date(2026, 6, 1))
    import_rows(library, ward, tmp_path,
                same_tie("Nurses", "Porters", "3,3,3,3,3,3,5", 3, "a")  # +0.29
                + same_tie("Porters", "Nurses", "4,4,4,4,4,4,4", 2, "b"), wave_name="Follow-up")
    scores = ScoresService(library, ward.workshop_id)
    before, after = (w.id for w in ward.waves())
    change = scores.compare(before, after)
    kinds = {(c.source_id, c.target_id): c.kind for c in change.ties}
    nurses, porters = (r.id for r in ward.roles())
    assert kinds == {(nurses, porters): ChangeKind.IMPROVED,
                     (porters, nurses): ChangeKind.SUPPRESSED}
    assert change.threshold == 0.25
    assert scores.compare(before, after, threshold=0.5).ties[0].kind is ChangeKind.UNCHANGED
