"""A big survey wave scored off the UI thread, for the pages that show its scores.

Scoring a wave of 30,000 survey answers takes a third of a second or more, which the first
visit of the Map & Scores stage paid in one event-loop turn (issue 23). `WaveScoring.later`
tells a page whether the wave's scores are on their way: if scoring it would take long
(ScoresService.scoring_takes_long) it starts the scoring as a background job on a library
connection of its own (services/jobs.py) and answers True; the page shows a calm
"scoring" state, and `ready` tells it when the scores are in the service's cache, where
ScoresService.wave_scores then finds them at once. A small or already scored wave is never
sent away: `later` answers False and the page scores it as before.
"""

from __future__ import annotations

from functools import partial
from typing import cast

from PySide6.QtCore import QObject, QTimer, Signal

from rcdesk.domain.errors import DomainError
from rcdesk.services.jobs import in_library
from rcdesk.services.scores import ScoresService, SurveyScores
from rcdesk.ui.background import Background, Op

#: The scoring starts this long after it is asked for (see WaveScoring.later).
START_MS = 50


class WaveScoring(QObject):
    ready = Signal(int)
    """A wave's scores (its id) are worked out: ScoresService.wave_scores has them now."""

    def __init__(self, service: ScoresService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.background = Background(self)
        self._op: Op | None = None
        self._wave: int | None = None  # the wave being scored
        self._failed: int | None = None  # a wave the job could not score: scored here once

    def later(self, wave_id: int) -> bool:
        """True while the wave's scores are being worked out off the UI thread (started
        when scoring it would take long); False: wave_scores answers quickly."""
        if self._wave == wave_id:
            return True
        if self._failed == wave_id:
            self._failed = None
            return False
        if not self.service.scoring_takes_long(wave_id):
            return False
        if self._op is not None:  # another wave's: its result goes nowhere now
            self._op.cancel()
            self._op = None
        self._wave = wave_id
        # After the page's first frame: the job's thread would share the interpreter with
        # the building and painting of the page.
        QTimer.singleShot(START_MS, self, partial(self._start, wave_id))
        return True

    def _start(self, wave_id: int) -> None:
        if wave_id != self._wave or self._op is not None:
            return  # another wave was asked for meanwhile
        work = in_library(self.service.library.path, self.service.survey_job(wave_id))
        self._op = self.background.run(work, partial(self._on_scored, wave_id),
                                       partial(self._on_failed, wave_id))

    def busy(self) -> bool:
        return self._wave is not None

    def _on_scored(self, wave_id: int, found: object) -> None:
        self._op = self._wave = None
        self.service.remember(wave_id, cast(SurveyScores, found))
        self.ready.emit(wave_id)

    def _on_failed(self, wave_id: int, _error: DomainError) -> None:
        """The job could not score it (the wave gone, its answers deleted meanwhile): the
        page asks again and gets the answer on the UI thread, with its own message."""
        self._op = self._wave = None
        self._failed = wave_id
        self.ready.emit(wave_id)

    def wait(self) -> bool:
        """Let a job under way finish (a page closing)."""
        return self.background.wait()

