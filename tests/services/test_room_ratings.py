"""Rate the map, each person alone (issue 20): in-room ratings are survey answers, scored
the same way, and reach the room only through a showing that follows the pulse's rule."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.scores import ScoreSource, WaveScores
from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.library import LibraryService
from rcdesk.services.room_ratings import IN_THE_ROOM, RatingForm, RoomRatingsService
from rcdesk.services.scores import ScoresService
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import survey as survey_store
from rcdesk.store.connection import Library

HEADER = ("respondent,role,target," + ",".join(DIMENSION_KEYS))
ROLES = ["Nurses", "Physicians", "Pharmacists"]
Answers = dict[str, dict[str, tuple[int | None, ...] | None]]


@pytest.fixture
def ward(library_service: LibraryService) -> WorkshopService:
    service = library_service.open(library_service.create("Ward 7", roles=ROLES))
    service.schedule.add_wave("In the room")
    service.schedule.add_wave("Imported")
    return service


def people(seed: int, count: int) -> list[tuple[str, Answers]]:
    """`count` participants: a rater role each and the full form for every role, with
    missing items and "I don't work with this role" blanks mixed in."""
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        rater = rng.choice(ROLES[:2])
        answers: Answers = {}
        for target in ROLES:
            if rng.random() < 0.15:
                answers[target] = None
                continue
            answers[target] = tuple(None if rng.random() < 0.2 else rng.randint(1, 5)
                                    for _ in DIMENSION_KEYS)
        found.append((rater, answers))
    return found


def role_ids(service: WorkshopService) -> dict[str, int]:
    return {role.name: role.id for role in service.roles()}


def wave_id(service: WorkshopService, name: str) -> int:
    return next(w.id for w in service.waves() if w.name == name)


def rate(service: WorkshopService, wave: int, group: list[tuple[str, Answers]]) -> None:
    ids = role_ids(service)
    room = RoomRatingsService(service)
    for rater, answers in group:
        room.record(wave, ids[rater], {ids[t]: a for t, a in answers.items()}, RatingForm.FULL)


def import_csv(library: Library, service: WorkshopService, group: list[tuple[str, Answers]],
               path: Path) -> None:
    lines = [HEADER]
    for number, (rater, answers) in enumerate(group, start=1):
        for target, values in answers.items():
            if values is not None and any(v is not None for v in values):
                cells = ["" if v is None else str(v) for v in values]
                lines.append(",".join([f"p{number}", rater, target, *cells]))
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    commit_survey(library, preview_survey(library, service.workshop_id, path, wave="Imported",
                                          frequency_scale=FrequencyScale.MONOTONIC))


def figures(scores: WaveScores) -> object:
    return ([(t.source_id, t.target_id, t.n, t.suppressed, t.rc, t.communication,
              t.relationship, t.dimensions, t.band, t.spread) for t in scores.ties],
            scores.roles, scores.overall)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_in_room_ratings_score_as_the_same_answers_imported(
        library: Library, ward: WorkshopService, tmp_path: Path, seed: int) -> None:
    group = people(seed, 8)
    rate(ward, wave_id(ward, "In the room"), group)
    RoomRatingsService(ward).show(wave_id(ward, "In the room"))
    import_csv(library, ward, group, tmp_path / "same.csv")
    scores = ScoresService(library, ward.workshop_id)
    room = scores.wave_scores(wave_id(ward, "In the room"), ScoreSource.SURVEY)
    imported = scores.wave_scores(wave_id(ward, "Imported"), ScoreSource.SURVEY)
    assert any(t.shown for t in room.ties) and any(t.suppressed for t in room.ties)
    assert figures(room) == figures(imported)


def test_nothing_is_shown_before_the_first_showing(library: Library,
                                                   ward: WorkshopService) -> None:
    wave = wave_id(ward, "In the room")
    rate(ward, wave, people(4, 6))
    scores = ScoresService(library, ward.workshop_id).wave_scores(wave, ScoreSource.SURVEY)
    assert scores.ties == ()
    assert scores.overall.rc is None


def test_a_showing_needs_k_new_respondents_per_tie(library: Library,
                                                   ward: WorkshopService) -> None:
    """Three nurses rate physicians: shown. Two more: refused, the room still sees the
    three. A sixth: shown again, now from six."""
    wave = wave_id(ward, "In the room")
    room = RoomRatingsService(ward)
    ids = role_ids(ward)
    ratings = [2, 4, 3, 5, 5, 1]

    def tie() -> tuple[int | None, float | None]:
        found = ScoresService(library, ward.workshop_id).wave_scores(wave, ScoreSource.SURVEY)
        shown = [t for t in found.ties if (t.source_id, t.target_id) ==
                 (ids["Nurses"], ids["Physicians"])]
        return (shown[0].n, shown[0].rc) if shown else (None, None)

    for value in ratings[:2]:
        room.record(wave, ids["Nurses"], {ids["Physicians"]: value})
    assert room.refusal(wave) is not None and "1 more person" in str(room.refusal(wave))
    with pytest.raises(ValidationError):
        room.show(wave)
    room.record(wave, ids["Nurses"], {ids["Physicians"]: ratings[2]})
    assert room.show(wave) == 1
    assert tie() == (3, 3.0)
    for value in ratings[3:5]:
        room.record(wave, ids["Nurses"], {ids["Physicians"]: value})
    assert room.refusal(wave) is not None
    assert tie() == (3, 3.0)
    room.record(wave, ids["Nurses"], {ids["Physicians"]: ratings[5]})
    assert room.refusal(wave) is None
    room.show(wave)
    assert tie() == (6, sum(ratings) / 6)


def test_the_short_form_scores_the_overall_rating_as_the_index(
        library: Library, ward: WorkshopService) -> None:
    """By hand: overall ratings 2, 4 and 5 give an index of 11/3 and no subscales or
    dimensions (nobody answered them)."""
    wave = wave_id(ward, "In the room")
    room = RoomRatingsService(ward)
    ids = role_ids(ward)
    for value in (2, 4, 5):
        room.record(wave, ids["Physicians"], {ids["Nurses"]: value, ids["Pharmacists"]: None})
    room.show(wave)
    found = ScoresService(library, ward.workshop_id).wave_scores(wave, ScoreSource.SURVEY)
    (tie,) = found.ties
    assert (tie.n, tie.rc, tie.communication, tie.relationship) == (3, 11 / 3, None, None)
    assert set(tie.dimensions.values()) == {None}


def test_a_respondent_is_a_number_and_the_wave_says_in_the_room(
        library: Library, ward: WorkshopService) -> None:
    wave = wave_id(ward, "In the room")
    room = RoomRatingsService(ward)
    ids = role_ids(ward)
    room.record(wave, ids["Nurses"], {ids["Physicians"]: 4})
    room.record(wave, ids["Nurses"], {ids["Physicians"]: 3, ids["Nurses"]: 5})
    answers = survey_store.load_answers(library.db, wave)
    assert [a.respondent for a in answers] == ["in-room-1", "in-room-2", "in-room-2"]
    records = survey_store.import_records(library.db, wave)
    assert [(r["source"], r["form"]) for r in records] == [(IN_THE_ROOM, "short")]
    assert room.respondents(wave) == 2


@pytest.mark.parametrize("answers", [{}, {"Physicians": None}, {"Physicians": 6},
                                     {"Physicians": (1, 2)}, {"Physicians": True}])
def test_bad_or_empty_ratings_store_nothing(library: Library, ward: WorkshopService,
                                            answers: dict[str, object]) -> None:
    wave = wave_id(ward, "In the room")
    ids = role_ids(ward)
    with pytest.raises(ValidationError):
        RoomRatingsService(ward).record(
            wave, ids["Nurses"], {ids[k]: v for k, v in answers.items()})  # type: ignore[misc]
    assert survey_store.count_answers(library.db, wave) == 0


def test_partners_are_the_roles_the_map_ties_a_role_to(ward: WorkshopService) -> None:
    ids = role_ids(ward)
    room = RoomRatingsService(ward)
    assert [r.name for r in room.partners(ids["Nurses"])] == ROLES  # no ties yet: all
    ward.map.add_tie(ids["Nurses"], ids["Pharmacists"])
    assert [r.name for r in room.partners(ids["Nurses"])] == ["Pharmacists"]


def test_the_scores_tab_says_the_answers_were_given_in_the_room(
        library: Library, ward: WorkshopService) -> None:
    """The provenance line of an in-room wave names the room and the form, not a file."""
    from rcdesk.services.survey_provenance import describe_import

    wave = wave_id(ward, "In the room")
    ids = role_ids(ward)
    RoomRatingsService(ward).record(wave, ids["Nurses"], {ids["Physicians"]: 4},
                                    RatingForm.SHORT)
    (record,) = survey_store.import_records(library.db, wave)
    line = describe_import(record)
    assert "in the room" in line and "short form" in line and "?" not in line


def test_the_roles_to_choose_from_are_those_present(sample: WorkshopService) -> None:
    """The latest meeting with attendance recorded names who came; without any, all roles."""
    room = RoomRatingsService(sample)
    meeting = max((m for m in sample.meetings() if any(m.attendance.values())),
                  key=lambda m: (m.date, m.id))
    came = {role_id for role_id, count in meeting.attendance.items() if count}
    assert {r.id for r in room.present_roles()} == came
    assert len(came) < len(sample.roles())


def test_without_attendance_every_role_may_rate(ward: WorkshopService) -> None:
    assert RoomRatingsService(ward).present_roles() == ward.roles()
