"""The survey-score cache never shows a stale number: after any sequence of the edits that
change what a wave's scores depend on (answers added or deleted, a role deleted and its
deletion undone, settings changed, answers written by another connection), the cached
scores equal a full recompute by a fresh service."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rcdesk.domain.errors import ValidationError
from rcdesk.domain.scores import ScoreSource, WaveScores
from rcdesk.domain.survey import SurveyAnswer
from rcdesk.services import scores as scores_module
from rcdesk.services.edits import Edit
from rcdesk.services.library import LibraryService
from rcdesk.services.scores import ScoresService
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import survey as survey_store
from rcdesk.store.connection import Library, open_background, open_library

ROLES = ("Nurses", "Physicians", "Pharmacists", "Porters")
Row = tuple[int, int, tuple[int | None, ...]]  # rater role, rated role (indices), values

answer_values = st.tuples(*[st.one_of(st.none(), st.integers(1, 5)) for _ in range(7)])
add_answers = st.tuples(st.just("add"), st.integers(0, 1), st.lists(
    st.tuples(st.integers(0, 3), st.integers(0, 3), answer_values), min_size=1, max_size=8))
operation = st.one_of(
    add_answers,
    st.tuples(st.just("clear"), st.integers(0, 1)),
    st.tuples(st.just("delete_role"), st.integers(0, 3)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("settings"), st.integers(3, 5)),
    st.tuples(st.just("other_connection"), st.integers(0, 1)),
)


def scores_or_none(service: ScoresService, wave_id: int) -> WaveScores | None:
    try:
        return service.wave_scores(wave_id, ScoreSource.SURVEY)
    except ValidationError:
        return None


class World:
    """A workshop with four roles and two waves, and the edits a test may make to it."""

    def __init__(self, path: Path) -> None:
        self.library = open_library(path, create=True)
        service = LibraryService(self.library)
        self.workshop: WorkshopService = service.open(service.create("Cache", roles=ROLES))
        self.workshop.schedule.add_wave("Follow-up")
        self.waves = [w.id for w in self.workshop.waves()]
        self.edits: list[Edit] = []
        self.counter = 0

    def answers(self, rows: list[Row]) -> list[SurveyAnswer]:
        roles = [r.id for r in self.workshop.roles()]
        made = []
        for source, target, values in rows:
            if source < len(roles) and target < len(roles):
                self.counter += 1
                made.append(SurveyAnswer(f"r{self.counter}", roles[source], roles[target],
                                         values))
        return made

    def insert(self, library: Library, wave: int, rows: list[Row]) -> None:
        with library.db.atomic():
            survey_store.insert_answers(library.db, self.waves[wave], self.answers(rows))

    def apply(self, op: tuple, path: Path) -> None:  # type: ignore[type-arg]
        kind = op[0]
        if kind == "add":
            self.insert(self.library, op[1], op[2])
        elif kind == "clear":
            with self.library.db.atomic():
                survey_store.delete_wave_answers(self.library.db, self.waves[op[1]])
        elif kind == "delete_role":
            roles = self.workshop.roles()
            if op[1] < len(roles):
                self.edits.append(self.workshop.map.delete_role(roles[op[1]].id))
        elif kind == "undo" and self.edits:
            self.workshop.undo(self.edits.pop())
        elif kind == "settings":
            current = self.workshop.workshop().settings
            edit = self.workshop.update_settings(dataclasses.replace(current, anonymity_k=op[1]))
            if edit is not None:
                self.edits.append(edit)
        elif kind == "other_connection":
            other = open_library(path, create=False)
            try:
                self.insert(other, op[1], [(0, 1, (5, 5, 5, 5, 5, 5, 5))] * 3)
            finally:
                other.close()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(operation, min_size=1, max_size=12))
def test_cached_scores_equal_a_full_recompute(tmp_path_factory, ops) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("cache") / "library.sqlite"
    world = World(path)
    cached = ScoresService(world.library, world.workshop.workshop_id)
    try:
        for op in ops:
            world.apply(op, path)
            assert_as_recomputed(world, cached, op)
    finally:
        world.library.close()


def assert_as_recomputed(world: World, cached: ScoresService, op: tuple) -> None:  # type: ignore[type-arg]
    """Every wave's scores from `cached` equal those a fresh service works out."""
    for wave_id in world.waves:
        fresh = ScoresService(world.library, world.workshop.workshop_id)
        assert scores_or_none(cached, wave_id) == scores_or_none(fresh, wave_id), op


def counted(monkeypatch, name: str) -> list[int]:  # type: ignore[no-untyped-def]
    """The waves store.survey.`name` is called for from now on."""
    calls: list[int] = []
    real = getattr(survey_store, name)

    def counting(db, wave_id):  # type: ignore[no-untyped-def]
        calls.append(wave_id)
        return real(db, wave_id)

    monkeypatch.setattr(survey_store, name, counting)
    return calls


def test_an_unchanged_wave_is_not_scored_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The cache is used: a second read with nothing changed scores nothing."""
    world = World(tmp_path / "library.sqlite")
    world.insert(world.library, 0, [(0, 1, (4, 4, 4, 4, 4, 4, 4))] * 3)
    service = ScoresService(world.library, world.workshop.workshop_id)
    first = service.wave_scores(world.waves[0], ScoreSource.SURVEY)
    calls = counted(monkeypatch, "load_tie_values")
    assert service.wave_scores(world.waves[0], ScoreSource.SURVEY) is first
    assert calls == []
    world.insert(world.library, 0, [(1, 0, (2, 2, 2, 2, 2, 2, 2))] * 3)
    assert service.wave_scores(world.waves[0], ScoreSource.SURVEY) != first
    assert calls == [world.waves[0]]
    world.library.close()


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(operation, st.tuples(st.just("job"), st.integers(0, 1))),
                min_size=1, max_size=12))
def test_scores_from_a_background_job_never_go_stale(tmp_path_factory, ops) -> None:  # type: ignore[no-untyped-def]
    """A big wave is scored by a job on its own connection (ui/scores/scoring.py) and kept
    with `remember`, possibly after the library changed meanwhile (the next edit lands
    before the result): the service still answers what a full recompute does."""
    path = tmp_path_factory.mktemp("job") / "library.sqlite"
    world = World(path)
    cached = ScoresService(world.library, world.workshop.workshop_id)
    late: list[tuple[int, object]] = []  # a job's result, remembered after the next edit
    try:
        for op in ops:
            if op[0] == "job":
                wave_id = world.waves[op[1]]
                job = open_background(path)
                try:
                    late.append((wave_id, cached.survey_job(wave_id)(job)))
                except ValidationError:
                    pass  # no answers: the window scores it itself and says so
                finally:
                    job.close()
                continue
            world.apply(op, path)
            while late:
                wave_id, found = late.pop()
                cached.remember(wave_id, found)  # type: ignore[arg-type]
            assert_as_recomputed(world, cached, op)
    finally:
        world.library.close()


def test_only_a_big_wave_not_yet_scored_is_scored_by_a_job(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    world = World(tmp_path / "library.sqlite")
    world.insert(world.library, 0, [(0, 1, (4, 4, 4, 4, 4, 4, 4))] * 3)
    service = ScoresService(world.library, world.workshop.workshop_id)
    wave = world.waves[0]
    assert not service.scoring_takes_long(wave)  # three answers: scored on the spot
    monkeypatch.setattr(scores_module, "LONG_SCORING_ANSWERS", 3)
    assert service.scoring_takes_long(wave)
    assert not service.scoring_takes_long(world.waves[1])  # no answers at all
    job = open_background(tmp_path / "library.sqlite")
    try:
        found = service.survey_job(wave)(job)
    finally:
        job.close()
    service.remember(wave, found)
    assert not service.scoring_takes_long(wave)  # scored and unchanged since
    assert service.wave_scores(wave) is found[1]
    assert found[1] == ScoresService(world.library, world.workshop.workshop_id).wave_scores(wave)
    world.insert(world.library, 0, [(1, 0, (2, 2, 2, 2, 2, 2, 2))])
    assert service.scoring_takes_long(wave)  # changed since
    world.library.close()


def test_the_answers_are_fingerprinted_again_only_after_a_write(tmp_path: Path,
                                                               monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Reading a big wave's 30,000 answer ids for every look at its scores cost the Scores
    tab's first visit tens of milliseconds: they are read again only once something was
    written, by this connection or another."""
    path = tmp_path / "library.sqlite"
    world = World(path)
    world.insert(world.library, 0, [(0, 1, (4, 4, 4, 4, 4, 4, 4))] * 3)
    service = ScoresService(world.library, world.workshop.workshop_id)
    wave = world.waves[0]
    first = service.wave_scores(wave, ScoreSource.SURVEY)
    reads = counted(monkeypatch, "answers_fingerprint")
    assert service.wave_scores(wave, ScoreSource.SURVEY) is first
    assert not service.scoring_takes_long(wave)
    assert reads == []
    world.apply(("other_connection", 0), path)  # written by another connection
    after = service.wave_scores(wave, ScoreSource.SURVEY)
    assert reads == [wave] and after != first
    assert after == ScoresService(world.library, world.workshop.workshop_id).wave_scores(wave)
    world.library.close()
