"""What the Structures view says beside a structure (issue 19), in plain words.

Three notes, each only when it has something to say: the dimensions to watch when the
team rates the structure low (the suggestions table read the other way round); for the
boundary-spanner structure, the candidate spanners on the map and what breaks without the
strongest candidate; and the attribution lens between the first wave and the one shown.
"""

from __future__ import annotations

from rcdesk.analysis.attribution import attribute, describe
from rcdesk.analysis.connectivity import groups_without
from rcdesk.analysis.network import network_metrics
from rcdesk.domain.dimensions import dimension
from rcdesk.domain.errors import DomainError
from rcdesk.domain.structures import Structure
from rcdesk.services.scores import ScoresService
from rcdesk.services.structures import StructuresService
from rcdesk.services.suggestions import dimensions_to_watch

#: A structure rated this low (or lower) "now" points at dimensions to watch.
LOW = 2


def _watch(service: StructuresService, structure: Structure, wave_id: int | None) -> str:
    rating = service.ratings(wave_id).get(structure.id) if wave_id and structure.id else None
    if structure.key is None or rating is None or rating.current is None or (
            rating.current > LOW):
        return ""
    names = [dimension(k).name.lower() for k in dimensions_to_watch(structure.key)]
    return (f"Rated low now: watch {', '.join(names)} on the map and in the scores."
            if names else "")


def _spanners(service: StructuresService) -> str:
    roles, ties = service.workshop.roles(), service.workshop.ties()
    names = {r.id: r.name for r in roles}
    ranked = network_metrics(roles, ties, None).boundary_spanners  # the map's own ranking
    if not ranked:
        return "No role links others on the map yet: no candidate boundary spanner."
    top = ranked[0]
    groups = groups_without([r.id for r in roles],
                            [(t.source_id, t.target_id) for t in ties], top)
    if len(groups) <= 1:
        breaks = f"without {names[top]}, every other role is still connected."
    else:
        parts = " · ".join(", ".join(names[r] for r in g) for g in groups)
        breaks = f"without {names[top]}, the map falls into {len(groups)} groups: {parts}."
    candidates = ", ".join(names[r] for r in ranked)
    return f"Candidate boundary spanners (most between others first): {candidates}; {breaks}"


def attribution_note(service: StructuresService, scores: ScoresService, structure: Structure,
                     wave_id: int | None) -> str:
    """The attribution lens for a structure that touches roles or ties, since the first
    wave, in words ("" when there is nothing to compare)."""
    links = service.links(structure.id) if structure.id else None
    waves = service.workshop.waves()
    if links is None or not (links.role_ids or links.tie_ids) or wave_id is None or (
            len(waves) < 2 or waves[0].id == wave_id):
        return ""
    ties = {t.id: (t.source_id, t.target_id) for t in service.workshop.ties()}
    try:  # both waves from the source the wave shows (the Scores tab's default)
        shown = scores.wave_scores(wave_id)
        comparison = scores.compare(waves[0].id, wave_id, source=shown.source)
    except DomainError:
        return ""
    found = attribute(comparison, links.role_ids,
                      {ties[t] for t in links.tie_ids if t in ties})
    return f"Since {waves[0].name}: " + describe(found, f"“{structure.name}”")


def structure_notes(service: StructuresService, scores: ScoresService, structure: Structure,
                    wave_id: int | None) -> str:
    notes = [_watch(service, structure, wave_id),
             _spanners(service) if structure.key == "boundary_spanner" else "",
             attribution_note(service, scores, structure, wave_id)]
    return "\n\n".join(n for n in notes if n)
