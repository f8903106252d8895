"""A wave holding both imported survey answers and in-room ratings (issue 20): every surface
counts and scores only what has been shown. Imported answers (an import replaces the wave's
answers, so they come first) are shown as imported, the room's part only up to its last
showing, and a showing needs k more people than the tie shows already."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.scores import ScoreSource
from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.library import LibraryService
from rcdesk.services.report import ReportService
from rcdesk.services.room_ratings import RoomRatingsService
from rcdesk.services.schedule import ScheduleService
from rcdesk.services.scores import ScoresService
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.connection import Library

HEADER = "respondent,role,target," + ",".join(DIMENSION_KEYS)
WAVE = "Mixed"


@pytest.fixture
def ward(library_service: LibraryService) -> WorkshopService:
    service = library_service.open(library_service.create(
        "Ward 8", roles=["Nurses", "Physicians", "Pharmacists"]))
    ScheduleService(service).add_wave(WAVE)
    return service


def ids(service: WorkshopService) -> dict[str, int]:
    return {role.name: role.id for role in service.roles()}


def wave(service: WorkshopService) -> int:
    return next(w.id for w in service.waves() if w.name == WAVE)


def import_nurses(library: Library, service: WorkshopService, values: list[int],
                  path: Path) -> None:
    """One imported answer Nurses → Physicians per value (every item that value)."""
    lines = [HEADER] + [",".join([f"p{i + 1}", "Nurses", "Physicians",
                                  *[str(v)] * len(DIMENSION_KEYS)])
                        for i, v in enumerate(values)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    commit_survey(library, preview_survey(library, service.workshop_id, path, wave=WAVE,
                                          frequency_scale=FrequencyScale.MONOTONIC))


def rate_nurses(service: WorkshopService, values: list[int]) -> None:
    room = RoomRatingsService(service)
    for value in values:
        room.record(wave(service), ids(service)["Nurses"], {ids(service)["Physicians"]: value})


def tie(library: Library, service: WorkshopService) -> tuple[int | None, float | None]:
    scores = ScoresService(library, service.workshop_id).wave_scores(wave(service),
                                                                     ScoreSource.SURVEY)
    key = (ids(service)["Nurses"], ids(service)["Physicians"])
    found = [t for t in scores.ties if (t.source_id, t.target_id) == key]
    return (found[0].n, found[0].rc) if found else (None, None)


def test_the_report_counts_no_one_whose_ratings_are_not_shown(
        library: Library, ward: WorkshopService, tmp_path: Path) -> None:
    import_nurses(library, ward, [2, 3, 4], tmp_path / "three.csv")
    rate_nurses(ward, [5, 5])  # not shown yet
    snapshot = ReportService(library, ward.workshop_id).snapshot(wave(ward))
    assert snapshot.respondents == 3
    assert tie(library, ward) == (3, 3.0)


def test_the_room_counts_up_to_its_last_showing_beside_the_imported_answers(
        library: Library, ward: WorkshopService, tmp_path: Path) -> None:
    import_nurses(library, ward, [2, 3, 4], tmp_path / "three.csv")
    rate_nurses(ward, [5, 1, 5])
    RoomRatingsService(ward).show(wave(ward))
    assert tie(library, ward) == (6, 20 / 6)
    rate_nurses(ward, [4])  # after the showing: not counted anywhere yet
    assert tie(library, ward) == (6, 20 / 6)
    assert ReportService(library, ward.workshop_id).snapshot(wave(ward)).respondents == 6


def test_a_first_showing_needs_k_more_than_the_imported_figure_shows(
        library: Library, ward: WorkshopService, tmp_path: Path) -> None:
    import_nurses(library, ward, [2, 3, 4], tmp_path / "three.csv")
    assert tie(library, ward) == (3, 3.0)
    rate_nurses(ward, [5])
    room = RoomRatingsService(ward)
    assert room.refusal(wave(ward)) is not None  # 3 → 4 would show one person's rating
    rate_nurses(ward, [1, 5])
    room.show(wave(ward))
    assert tie(library, ward) == (6, 20 / 6)


def test_an_import_over_the_rooms_ratings_drops_their_showings_with_them(
        library: Library, ward: WorkshopService, tmp_path: Path) -> None:
    """An import replaces the wave's answers, the room's included: the room's old showings
    go with them, or the next person rated alone would be shown at once (numbering starts
    again at 1, under the old showing's count)."""
    rate_nurses(ward, [1, 1, 1])
    RoomRatingsService(ward).show(wave(ward))
    import_nurses(library, ward, [2, 3, 4], tmp_path / "three.csv")
    assert tie(library, ward) == (3, 3.0)
    rate_nurses(ward, [5])
    assert tie(library, ward) == (3, 3.0)  # one new person is never shown alone
