"""How a gap's area reads in tables, forms and reports."""

from __future__ import annotations

from rcdesk.domain.dimensions import DIMENSION_KEYS, dimension
from rcdesk.domain.gaps import AreaKind, Gap
from rcdesk.domain.interventions import OUTCOME_KEYS, outcome
from rcdesk.domain.model import Role, Tie


def tie_text(tie: Tie, roles: list[Role] | dict[int, str]) -> str:
    """"Source → Target"; `roles` as a list, or as names by id when naming many ties."""
    names = roles if isinstance(roles, dict) else {r.id: r.name for r in roles}
    return f"{names.get(tie.source_id, '?')} → {names.get(tie.target_id, '?')}"


def area_text(gap: Gap, roles: list[Role], ties: list[Tie]) -> str:
    """Live role names for a tie that still exists; the saved label once it is gone."""
    key = gap.area_key
    if gap.area_kind is AreaKind.TIE:
        tie = next((t for t in ties if t.id == gap.tie_id), None)
        text = tie_text(tie, roles) if tie else f"{gap.area_label or 'a tie'} (tie removed)"
        if key in DIMENSION_KEYS:
            text += f": {dimension(key).name.lower()}"
        return text
    if gap.area_kind is AreaKind.DIMENSION and key in DIMENSION_KEYS:
        return dimension(key).name
    if gap.area_kind is AreaKind.OUTCOME and key in OUTCOME_KEYS:
        return outcome(key).name
    return "—"
