"""Assembling the team's change model on one page (issue 19) from the library.

Left, the interventions in flight by kind: structures the team works on (status, now and
wanted), conversations held (meetings up to today), PDSA cycles (status or decision).
Middle, relational coordination in the chosen wave: overall and by dimension, from shown
ties only, with the change since the first wave where both waves can be compared. Right,
the aims under the performance outcomes (gaps about an outcome) with their data points and
drivers. Nothing here is new scoring: it reads the services that own each rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rcdesk.domain.change_model import (
    AimFigure,
    ChangeIdea,
    ChangeModel,
    DimensionFigure,
    DriverDiagram,
    InterventionItem,
)
from rcdesk.domain.dimensions import DIMENSIONS, dimension
from rcdesk.domain.errors import DomainError
from rcdesk.domain.experiments import Experiment
from rcdesk.domain.gaps import AreaKind, Direction, Gap
from rcdesk.domain.interventions import OUTCOMES
from rcdesk.domain.scores import WaveScores
from rcdesk.domain.structures import StructureStatus
from rcdesk.services.drivers import DriversService
from rcdesk.services.gap_text import tie_text
from rcdesk.services.gaps import GapsService
from rcdesk.services.scores import ScoresService
from rcdesk.services.structures import StructuresService
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.connection import Library

OUTCOME_NAMES = {o.key: o.name for o in OUTCOMES}


def _structures(service: StructuresService, wave_id: int) -> list[InterventionItem]:
    ratings = service.ratings(wave_id)
    items = []
    for structure in service.structures():
        if structure.status is StructureStatus.NOT_STARTED:
            continue
        rating = ratings.get(structure.id)
        scale = (f" · now {rating.current or '–'}, wanted {rating.desired or '–'}"
                 if rating else "")
        items.append(InterventionItem("structural", structure.name,
                                      structure.status.label + scale))
    return items


def _conversations(workshop: WorkshopService) -> list[InterventionItem]:
    today = workshop.today()
    return [InterventionItem("relational", m.title or m.kind.label,
                             f"{m.date:%d %b %Y}".lstrip("0"))
            for m in sorted(workshop.meetings(), key=lambda m: m.date) if m.date <= today]


def _cycles(gaps: GapsService) -> list[InterventionItem]:
    return [InterventionItem("work_process", c.change_idea, _idea(c, None).detail)
            for c in gaps.experiments()]


def _coordination(scores: ScoresService, workshop: WorkshopService, wave_id: int
                  ) -> tuple[WaveScores | None, dict[str, float | None], float | None, str | None]:
    """The wave's scores, the change by dimension and overall since the first wave, and
    that wave's name (None when there is nothing to compare)."""
    try:
        shown = scores.wave_scores(wave_id)
    except DomainError:
        return None, {}, None, None
    first = workshop.waves()[0]
    if first.id == wave_id:
        return shown, {}, None, None
    try:  # the earlier wave scored from the same source as the wave shown
        comparison = scores.compare(first.id, wave_id, source=shown.source)
    except DomainError:
        return shown, {}, None, None
    return shown, comparison.dimensions, comparison.rc, first.name


def _aim(gap: Gap, gaps: GapsService, drivers: DriversService,
         structures: StructuresService, workshop: WorkshopService) -> AimFigure:
    found = drivers.drivers(gap.id)
    roles = workshop.roles()
    ties = {t.id: t for t in workshop.ties()}
    names = [dimension(k).name for k in found.dimensions]
    names += [tie_text(ties[t], roles) for t in sorted(found.tie_ids) if t in ties]
    names += [s.name for s in structures.structures()
              if s.id and gap.id in structures.links(s.id).gap_ids]
    values = tuple((v.date, v.value) for v in sorted(gaps.measure_values(gap.id),
                                                     key=lambda v: v.date))
    return AimFigure(
        title=gap.title, outcome=OUTCOME_NAMES.get(gap.area_key or "", "Outcome"),
        unit=gap.measure.unit, lower_is_better=gap.measure.direction is Direction.LOWER,
        values=values, baseline=gap.measure.baseline_value, target=gap.measure.target_value,
        drivers=tuple(names))


def change_model_aims(workshop: WorkshopService) -> tuple[AimFigure, ...]:
    """The aims under the performance outcomes (gaps about an outcome), in the log's order."""
    gaps = GapsService(workshop)
    structures = StructuresService(workshop)
    drivers = DriversService(workshop)
    return tuple(_aim(g, gaps, drivers, structures, workshop)
                 for g in gaps.gaps() if g.area_kind is AreaKind.OUTCOME)


def change_model(workshop: WorkshopService, scores: ScoresService, wave_id: int) -> ChangeModel:
    """The one-page change model of the workshop, its coordination shown in `wave_id`."""
    gaps = GapsService(workshop)
    structures = StructuresService(workshop)
    shown, changes, rc_change, baseline = _coordination(scores, workshop, wave_id)
    dims = tuple(DimensionFigure(d.key, d.name,
                                 shown.overall.dimensions.get(d.key) if shown else None,
                                 changes.get(d.key)) for d in DIMENSIONS)
    aims = change_model_aims(workshop)
    details = workshop.workshop()
    return ChangeModel(
        title=details.title, team=details.team, wave=workshop.wave(wave_id).name,
        baseline=baseline, source=shown.source.label if shown else "no scores yet",
        interventions=tuple(_structures(structures, wave_id) + _conversations(workshop)
                            + _cycles(gaps)),
        rc=shown.overall.rc if shown else None, rc_change=rc_change, dimensions=dims,
        aims=aims)


def _idea(cycle: Experiment, driver: int | None) -> ChangeIdea:
    detail = (f"Decided: {cycle.act.label.lower()}" if cycle.act is not None
              else cycle.status.label)
    return ChangeIdea(cycle.change_idea, detail, driver)


def driver_diagram(workshop: WorkshopService, gap_id: int) -> DriverDiagram:
    """The aim (a gap) with its drivers and change ideas: its own PDSA cycles, and those of
    the gaps that carry out each structure linked to it."""
    gaps = GapsService(workshop)
    structures = StructuresService(workshop)
    gap = gaps.gap(gap_id)
    found = DriversService(workshop).drivers(gap_id)
    roles = workshop.roles()
    ties = {t.id: t for t in workshop.ties()}
    primary = [dimension(k).name for k in found.dimensions]
    primary += [tie_text(ties[t], roles) for t in sorted(found.tie_ids) if t in ties]
    linked = [s for s in structures.structures()
              if s.id and gap_id in structures.links(s.id).gap_ids]
    ideas = [_idea(c, None) for c in gaps.experiments(gap_id)]
    for index, structure in enumerate(linked):
        for other in sorted(structures.links(structure.id).gap_ids - {gap_id}):
            ideas += [_idea(c, index) for c in gaps.experiments(other)]
    measure = gap.measure
    target = "" if measure.target_value is None else f", target {measure.target_value:g}"
    unit = f" ({measure.unit})" if measure.unit else ""
    return DriverDiagram(aim=gap.title,
                         measure=f"{measure.name}{unit}{target}" if measure.name else "",
                         primary=tuple(primary), secondary=tuple(s.name for s in linked),
                         ideas=tuple(ideas))


def change_model_in(library: Library, workshop_id: int, wave_id: int,
                    clock: Callable[[], datetime]) -> ChangeModel:
    """The change model read on a library connection of its own (a job off the UI thread,
    services/jobs.py): a big survey is scored for it, which takes a quarter of a second."""
    workshop = WorkshopService(library, workshop_id, clock)
    return change_model(workshop, ScoresService(library, workshop_id), wave_id)
