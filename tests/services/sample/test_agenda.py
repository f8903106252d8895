"""The sample's kick-off has an agenda as run: two decks, times spent, one step skipped."""

from __future__ import annotations

from rcdesk.domain.agenda import StepState
from rcdesk.services.agenda import AgendaService
from rcdesk.services.workshop import WorkshopService


def test_the_sample_kick_off_ran_two_decks_with_one_step_skipped(sample: WorkshopService) -> None:
    kickoff = next(m for m in sample.meetings() if m.kind.value == "kickoff")
    agenda = AgendaService(sample).agenda(kickoff.id)
    assert [a.deck_title for a in agenda].count("Creating psychological safety") == 7
    assert [a.deck_title for a in agenda].count("Reading our map together") == 5
    states = [a.state for a in agenda]
    assert states.count(StepState.SKIPPED) == 1 and states.count(StepState.RUN) == 11
    run = [a for a in agenda if a.state is StepState.RUN]
    assert all(a.seconds > 60 and a.started_at is not None for a in run)
    assert run[0].started_at.date() == kickoff.date and run[0].started_at.hour == 9
    assert all(b.started_at > a.started_at for a, b in zip(run, run[1:], strict=False))
    others = [m for m in sample.meetings() if m.id != kickoff.id]
    assert all(AgendaService(sample).agenda(m.id) == [] for m in others)
