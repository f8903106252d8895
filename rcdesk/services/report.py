"""Report assembly: everything a report shows, read once into a ReportSnapshot.

The snapshot is plain data, so the PDF is written from it on a worker thread or in
the headless command without touching the library again. The wave defaults to the
latest; the comparison wave is optional and must differ from the wave. Scores use
the default source (survey results when the wave has any, else the live map
ratings); a comparison scores both waves from one source (ScoresService.compare).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from rcdesk.domain.errors import ValidationError
from rcdesk.domain.model import Meeting, Wave, next_meeting
from rcdesk.reports.snapshot import GapsReport, MeetingAgenda, PulseReport, ReportSnapshot
from rcdesk.services.captures import CapturesService, highlight_groups
from rcdesk.services.change_model import change_model
from rcdesk.services.pulse import PulseService
from rcdesk.services.report_gaps import gaps_report
from rcdesk.services.report_structures import structure_lines
from rcdesk.services.report_votes import top_priorities
from rcdesk.services.scores import ScoresService
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import repository
from rcdesk.store import survey as survey_store
from rcdesk.store.agenda import list_workshop_agenda
from rcdesk.store.connection import Library

Clock = Callable[[], datetime]


class ReportService:
    """Reads one workshop for its report (never writes)."""

    def __init__(self, library: Library, workshop_id: int, clock: Clock = datetime.now) -> None:
        self.library = library
        self.workshop_id = workshop_id
        self.clock = clock
        self.scores = ScoresService(library, workshop_id)

    def waves(self) -> list[Wave]:
        return self.scores.waves()

    def snapshot(self, wave_id: int | None = None,
                 compare_wave_id: int | None = None) -> ReportSnapshot:
        """The report's data for `wave_id` (default: the latest wave, if any), compared
        with `compare_wave_id` when given."""
        db = self.library.db
        workshop = self.scores.workshop()
        meetings = repository.list_meetings(db, self.workshop_id)
        now = self.clock()
        wave = self._wave(wave_id)
        if compare_wave_id is not None and (wave is None or compare_wave_id == wave.id):
            raise ValidationError("compare", "Choose a different wave to compare with.")
        scores = self.scores.wave_scores(wave.id) if wave is not None else None
        respondents = (self.scores.respondent_count(wave.id)
                       if wave is not None and self.scores.has_survey(wave.id) else None)
        workshop_service = WorkshopService(self.library, self.workshop_id, self.clock)
        return ReportSnapshot(
            workshop=workshop,
            roles=tuple(repository.list_roles(db, self.workshop_id)),
            ties=tuple(repository.list_ties(db, self.workshop_id)),
            meetings=tuple(meetings),
            created_at=now,
            wave=wave,
            scores=scores,
            respondents=respondents,
            compare_wave=self.scores.wave(compare_wave_id) if compare_wave_id else None,
            comparison=(self.scores.compare(compare_wave_id, wave.id)
                        if compare_wave_id is not None and wave is not None else None),
            next_meeting=next_meeting(meetings, now.date()),
            gaps=self._gaps(now.date()),
            agenda=self._agenda(meetings),
            pulse=self._pulse(wave),
            imports=tuple(survey_store.import_records(db, wave.id)) if wave is not None else (),
            highlights=highlight_groups(CapturesService(workshop_service), meetings),
            model=change_model(workshop_service, self.scores, wave.id) if wave else None,
            structures=structure_lines(workshop_service, self.scores,
                                       wave.id if wave else None),
            **top_priorities(workshop_service),
        )

    def _wave(self, wave_id: int | None) -> Wave | None:
        if wave_id is not None:
            return self.scores.wave(wave_id)
        return self.scores.find_wave(None) if self.scores.waves() else None

    def _pulse(self, wave: Wave | None) -> PulseReport | None:
        """The pulse of the report's wave and its trend, suppressed below k (services/pulse.py)."""
        pulses = PulseService(WorkshopService(self.library, self.workshop_id, self.clock))
        trend = tuple((w.name, result) for w, result in pulses.trend())
        found = pulses.pulse(wave.id) if wave is not None else None
        if not trend:
            return None
        return PulseReport(pulses.items(), pulses.k,
                           pulses.results(wave.id) if wave is not None and found else None,
                           found.method if found is not None else "", trend)

    def _agenda(self, meetings: list[Meeting]) -> tuple[MeetingAgenda, ...]:
        """Each meeting's agenda (copies of its steps and what happened to them), by date."""
        steps = list_workshop_agenda(self.library.db, self.workshop_id)
        return tuple(MeetingAgenda(m, tuple(s for s in steps if s.meeting_id == m.id))
                     for m in meetings if any(s.meeting_id == m.id for s in steps))

    def _gaps(self, today: date) -> GapsReport | None:
        """The gap log, experiments, run charts and next steps (services/report_gaps.py)."""
        return gaps_report(self.library, self.workshop_id, today)
