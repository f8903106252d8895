"""The report's structures and one-page model (issue 19), as text and plain data."""

from __future__ import annotations

from rcdesk.domain.structures import StructureStatus
from rcdesk.reports.snapshot import StructureLine
from rcdesk.services.gap_text import tie_text
from rcdesk.services.scores import ScoresService
from rcdesk.services.structure_notes import attribution_note
from rcdesk.services.structures import StructuresService
from rcdesk.services.workshop import WorkshopService


def structure_lines(workshop: WorkshopService, scores: ScoresService, wave_id: int | None
                    ) -> tuple[StructureLine, ...]:
    """Every structure the team rated in some wave or works on, in the model's order."""
    service = StructuresService(workshop)
    waves = workshop.waves()
    ratings = {w.id: service.ratings(w.id) for w in waves}
    roles = workshop.roles()
    names = {r.id: r.name for r in roles}
    ties = {t.id: tie_text(t, roles) for t in workshop.ties()}
    gaps = service.gap_titles()
    lines = []
    for structure in service.structures():
        rated = [(w, ratings[w.id][structure.id]) for w in waves
                 if structure.id in ratings[w.id]]
        if not rated and structure.status is StructureStatus.NOT_STARTED:
            continue
        links = service.links(structure.id)
        touches = [names[i] for i in sorted(links.role_ids) if i in names]
        touches += [ties[i] for i in sorted(links.tie_ids) if i in ties]
        carried = [gaps[i] for i in sorted(links.gap_ids) if i in gaps]
        lines.append(StructureLine(
            name=structure.name, status=structure.status.label,
            owner=" · ".join(p for p in (names.get(structure.owner_role_id or 0),
                                         structure.owner_name) if p),
            ratings="\n".join(f"{w.name}: {r.current or '–'} → {r.desired or '–'}"
                              for w, r in rated),
            evidence=rated[-1][1].evidence if rated else "",
            links="\n".join(filter(None, ["; ".join(touches),
                                          ("Gaps: " + "; ".join(carried)) if carried else ""])),
            note=attribution_note(service, scores, structure, wave_id)))
    return tuple(lines)
