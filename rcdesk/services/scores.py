"""A wave's scores and the change between waves, from survey results or live map ratings.

A wave can hold both sources. The default is the survey results when the wave has
any, else the map's live ratings; callers may choose (and views must say which
they show: ScoreSource.label). Scoring itself is pure analysis code; this module
only loads the data and picks the source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from rcdesk.analysis.rc_scores import (
    TieValues,
    WaveComparison,
    compare_waves,
    score_tie_values,
)
from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.model import Wave, Workshop
from rcdesk.domain.names import name_key
from rcdesk.domain.scores import ScoreSource, WaveScores
from rcdesk.domain.settings import WorkshopSettings
from rcdesk.services.room_ratings import visible_rows
from rcdesk.store import repository
from rcdesk.store import room_ratings as room_store
from rcdesk.store import survey as survey_store
from rcdesk.store.connection import Library

if TYPE_CHECKING:  # only a type (sqlite-utils is imported late)
    from sqlite_utils import Database

#: What a wave's survey scores depend on: its answers, the workshop's settings, its roles,
#: and how many showings its in-room ratings had.
_SurveyKey = tuple[tuple[int, str], WorkshopSettings, tuple[int, ...], int]
#: A wave's survey scores with what they were scored from.
SurveyScores = tuple[_SurveyKey, WaveScores]
#: From this many survey answers on, scoring a wave takes long enough (30,000 answers:
#: a third of a second or more) that a window scores it off the UI thread.
LONG_SCORING_ANSWERS = 5_000


def latest_wave(waves: Sequence[Wave]) -> Wave | None:
    """The most recent wave: by date, then by creation.

    An undated wave counts as dated like the wave created just before it, so a
    wave just added for an import is the latest, and an undated first "Baseline"
    the earliest.
    """
    carried = date.min
    best: tuple[date, int, Wave] | None = None
    for wave in sorted(waves, key=lambda w: w.id):
        carried = wave.date or carried
        if best is None or (carried, wave.id) > best[:2]:
            best = (carried, wave.id, wave)
    return best[2] if best else None


class ScoresService:
    """Reading the scores of one workshop's waves (never writes)."""

    def __init__(self, library: Library, workshop_id: int) -> None:
        self.library = library
        self.workshop_id = workshop_id
        #: wave id -> (what its survey scores depend on, the scores): scoring a big wave
        #: takes most of a second, and a map rating redraws with the wave's scores.
        self._survey_cache: dict[int, tuple[_SurveyKey, WaveScores]] = {}
        #: wave id -> (the library's change stamp, the wave's key then): the key is read
        #: again (30,000 answer ids) only after something was written.
        self._keys: dict[int, tuple[tuple[int, int], _SurveyKey]] = {}

    def workshop(self) -> Workshop:
        found = repository.get_workshop(self.library.db, self.workshop_id)
        if found is None:
            raise NotFoundError("This workshop no longer exists in the library.")
        return found

    def waves(self) -> list[Wave]:
        return repository.list_waves(self.library.db, self.workshop_id)

    def wave(self, wave_id: int) -> Wave:
        for wave in self.waves():
            if wave.id == wave_id:
                return wave
        raise NotFoundError("That wave is no longer in this workshop.")

    def find_wave(self, name: str | None) -> Wave:
        """The wave with this name (ignoring case and spaces), or the latest for None."""
        waves = self.waves()
        if name is None:
            found = latest_wave(waves)
            if found is None:
                raise NotFoundError(f"“{self.workshop().title}” has no waves yet.")
            return found
        for wave in waves:
            if name_key(wave.name) == name_key(name):
                return wave
        known = ", ".join(w.name for w in waves) or "none"
        raise NotFoundError(f"No wave called “{name.strip()}” in “{self.workshop().title}” "
                            f"(its waves: {known}).")

    def answer_count(self, wave_id: int) -> int:
        """How many survey answers the wave holds."""
        return survey_store.count_answers(self.library.db, self.wave(wave_id).id)

    def has_survey(self, wave_id: int) -> bool:
        return survey_store.count_answers(self.library.db, self.wave(wave_id).id) > 0

    def default_source(self, wave_id: int) -> ScoreSource:
        """Survey results when the wave has any, else the map's live ratings."""
        return ScoreSource.SURVEY if self.has_survey(wave_id) else ScoreSource.MAP

    def wave_scores(self, wave_id: int, source: ScoreSource | None = None) -> WaveScores:
        """The wave's scores from `source` (default: default_source)."""
        source = source or self.default_source(wave_id)
        if source is ScoreSource.SURVEY:
            return self._survey_scores(wave_id)
        return self._map_scores(wave_id)

    def _survey_scores(self, wave_id: int) -> WaveScores:
        """The wave's survey scores, scored again only when what they depend on changed:
        the wave's answers (their fingerprint), the workshop's settings or its roles."""
        self.wave(wave_id)  # NotFoundError for a wave gone
        key, cached = self._key(wave_id), self._survey_cache.get(wave_id)
        if cached is not None and cached[0] == key:
            return cached[1]
        found = survey_wave_scores(self.library, self.workshop_id, wave_id, key=key)
        self._survey_cache[wave_id] = found
        return found[1]

    def _key(self, wave_id: int) -> _SurveyKey:
        """What the wave's survey scores depend on now (read again only after a write)."""
        db = self.library.db
        stamp = survey_store.change_stamp(db)  # before the reads: a write meanwhile shows
        known = self._keys.get(wave_id)
        if known is not None and known[0] == stamp:
            return known[1]
        key = _survey_key(db, self.workshop_id, wave_id, self.workshop().settings)
        self._keys[wave_id] = (stamp, key)
        return key

    def scoring_takes_long(self, wave_id: int) -> bool:
        """Whether wave_scores(wave_id) would now score a big survey wave (LONG_SCORING
        answers or more, not scored since it last changed): work for a background job
        (survey_job), which a library open only to read does not get."""
        db = self.library.db
        if self.library.read_only or \
                survey_store.count_answers(db, wave_id) < LONG_SCORING_ANSWERS:
            return False
        cached = self._survey_cache.get(wave_id)
        return cached is None or cached[0] != self._key(wave_id)

    def survey_job(self, wave_id: int) -> Callable[[Library], SurveyScores]:
        """The wave's survey scoring as a job on a library connection of its own (see
        services/jobs.py): its result goes to `remember`."""
        return partial(_survey_job, self.workshop_id, wave_id)

    def remember(self, wave_id: int, found: SurveyScores) -> None:
        """Keep a wave's survey scores worked out by survey_job: wave_scores answers with
        them for as long as what they were scored from (their key) is unchanged."""
        self._survey_cache[wave_id] = found

    def respondent_count(self, wave_id: int) -> int:
        """How many people the wave's survey scores count: every imported respondent and
        those rating in the room whose answers a showing has shown (never one not shown)."""
        db = self.library.db
        everyone = survey_store.count_respondents(db, wave_id)
        in_room = room_store.count_respondents(db, wave_id)
        if not in_room:
            return everyone
        rows = visible_rows(room_store.load_numbered_values(db, wave_id),
                            room_store.last_showing(db, wave_id))
        return everyone - in_room + len({row[0] for row in rows if row[0] is not None})

    def _map_scores(self, wave_id: int) -> WaveScores:
        from rcdesk.analysis.live_scores import live_wave_scores  # written alongside

        wave = self.wave(wave_id)
        db = self.library.db
        settings = self.workshop().settings
        return live_wave_scores(
            repository.list_roles(db, self.workshop_id),
            repository.list_ties(db, self.workshop_id),
            repository.list_ratings(db, self.workshop_id),
            wave.id, settings.weak_below, settings.strong_above)

    def compare(self, before_wave_id: int, after_wave_id: int,
                source: ScoreSource | None = None,
                threshold: float | None = None) -> WaveComparison:
        """What changed between two waves, both scored from the same source.

        Default source: the survey when both waves have survey results, else the
        map. Default threshold: the workshop's change threshold (0.25 unless set).
        """
        if source is None:
            both = self.has_survey(before_wave_id) and self.has_survey(after_wave_id)
            source = ScoreSource.SURVEY if both else ScoreSource.MAP
        limit = self.workshop().change_threshold if threshold is None else threshold
        return compare_waves(self.wave_scores(before_wave_id, source),
                             self.wave_scores(after_wave_id, source), limit)


def _survey_key(db: Database, workshop_id: int, wave_id: int,
                settings: WorkshopSettings) -> _SurveyKey:
    role_ids = tuple(r.id for r in repository.list_roles(db, workshop_id))
    return (survey_store.answers_fingerprint(db, wave_id), settings, role_ids,
            room_store.count_showings(db, wave_id))


def survey_wave_scores(library: Library, workshop_id: int, wave_id: int,
                       key: _SurveyKey | None = None) -> SurveyScores:
    """A wave's survey scores and what they depend on (`key`, when just read)."""
    db = library.db
    workshop = repository.get_workshop(db, workshop_id)
    if workshop is None:
        raise NotFoundError("This workshop no longer exists in the library.")
    if key is None:
        key = _survey_key(db, workshop_id, wave_id, workshop.settings)
    rows = _shown_rows(db, wave_id)
    if rows is None:
        name = next((w.name for w in repository.list_waves(db, workshop_id)
                     if w.id == wave_id), "")
        raise ValidationError(
            "source", f"The wave “{name}” has no survey results yet. Import them "
            "first, or show the map's live ratings.")
    return key, score_tie_values(rows, wave_id=wave_id, settings=workshop.settings,
                                 role_ids=key[2])


def _survey_job(workshop_id: int, wave_id: int, library: Library) -> SurveyScores:
    """survey_wave_scores on a job's own connection, in one read transaction: the key and
    the answers it was scored from are one snapshot of the library."""
    with library.db.atomic():
        return survey_wave_scores(library, workshop_id, wave_id)


def _shown_rows(db: Database, wave_id: int) -> list[TieValues] | None:
    """The answers the wave's scores may use (None: it has none). A wave rated in the
    room shows its last showing only (services/room_ratings.py): its in-room answers
    up to where each tie was last shown, so nothing reaches a surface unshown."""
    if room_store.has_room_answers(db, wave_id):
        rows = visible_rows(room_store.load_numbered_values(db, wave_id),
                            room_store.last_showing(db, wave_id))
        return [(source, target, values) for _, source, target, values in rows]
    return survey_store.load_tie_values(db, wave_id) or None
