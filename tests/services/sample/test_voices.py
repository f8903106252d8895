"""The sample's in-room wave and dot-vote (issue 20): 9 respondents across 4 roles, some
ties hidden below k, and a dot-vote whose totals are shown."""

from __future__ import annotations

from collections import Counter

from rcdesk.domain.scores import ScoreSource
from rcdesk.services.dot_votes import DotVoteService
from rcdesk.services.room_ratings import RoomRatingsService
from rcdesk.services.sample.voices import WAVE
from rcdesk.services.scores import ScoresService, latest_wave
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import survey as survey_store


def test_the_in_room_wave_has_nine_people_and_hidden_ties(sample: WorkshopService) -> None:
    wave = next(w for w in sample.waves() if w.name == WAVE)
    assert RoomRatingsService(sample).respondents(wave.id) == 9
    answers = survey_store.load_answers(sample.library.db, wave.id)
    people = Counter(dict({a.respondent: a.source_id for a in answers}).values())
    assert sorted(people.values()) == [1, 1, 3, 4]  # 9 people across 4 roles
    scores = ScoresService(sample.library, sample.workshop_id).wave_scores(
        wave.id, ScoreSource.SURVEY)
    assert any(t.shown for t in scores.ties) and any(t.suppressed for t in scores.ties)
    assert all(t.spread is not None for t in scores.ties if t.shown)
    assert latest_wave(sample.waves()).name == "Follow-up 1"  # the header's wave stays


def test_the_sample_dot_vote_is_shown(sample: WorkshopService) -> None:
    votes = DotVoteService(sample)
    vote = votes.latest()
    assert vote is not None and vote.voters == 9
    results = votes.results(vote.id)
    assert results is not None and sum(p.votes for p in results) == 9 * 3


def test_a_copy_of_the_workshop_shows_the_same_in_room_scores(
        sample: WorkshopService, tmp_path) -> None:
    """The .rcdesk file carries the showings with the answers: the copy shows exactly what
    the room was shown, hidden ties still hidden."""
    from rcdesk.services.workshop_file import export_workshop_file, import_workshop_file

    library = sample.library
    copy = import_workshop_file(library, export_workshop_file(
        library, sample.workshop_id, tmp_path / "voices.rcdesk"))

    def shown(workshop_id: int) -> list[tuple]:
        scores = ScoresService(library, workshop_id)
        wave = next(w for w in scores.waves() if w.name == WAVE)
        names = {r.id: r.name for r in WorkshopService(library, workshop_id).roles()}
        return [(names[t.source_id], names[t.target_id], t.n, t.suppressed, t.rc, t.spread)
                for t in scores.wave_scores(wave.id, ScoreSource.SURVEY).ties]

    assert shown(copy) == shown(sample.workshop_id)
