"""Suggested structural interventions for weak dimensions, from resources/suggestions.json.

The table is data that facilitators can edit, so reading it is forgiving: unknown
dimension or intervention keys are skipped, and a file that cannot be read gives
no suggestions rather than an error. Suggestions are only ever offered, never applied.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.interventions import INTERVENTION_KEYS, Intervention, intervention
from rcdesk.resource_files import read_text

SUGGESTIONS_FILE = ("suggestions.json",)

Table = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Suggestion:
    intervention: Intervention
    #: The weak dimensions that led to it, in domain order.
    because: tuple[str, ...]


def parse_table(data: Any) -> dict[str, tuple[str, ...]]:
    """dimension key → intervention keys, keeping only keys rcdesk knows."""
    table: dict[str, tuple[str, ...]] = {}
    by_dimension = data.get("dimensions") if isinstance(data, dict) else None
    if not isinstance(by_dimension, dict):
        return table
    for key, items in by_dimension.items():
        if key in DIMENSION_KEYS and isinstance(items, list):
            table[key] = tuple(i for i in items if i in INTERVENTION_KEYS)
    return table


def load_table(text: str | None = None) -> dict[str, tuple[str, ...]]:
    """The bundled table (or `text`, for tests and a facilitator's own copy)."""
    try:
        raw = read_text(*SUGGESTIONS_FILE) if text is None else text
        return parse_table(json.loads(raw))
    except (OSError, ValueError):
        return {}


def suggest(weak_dimensions: Iterable[str], table: Table | None = None) -> list[Suggestion]:
    """Interventions linked to any of the weak dimensions, most often linked first."""
    table = load_table() if table is None else table
    weak = [k for k in DIMENSION_KEYS if k in set(weak_dimensions)]
    reasons: dict[str, list[str]] = {}
    rank: dict[str, int] = {}
    for dim in weak:
        for place, key in enumerate(table.get(dim, ())):
            reasons.setdefault(key, []).append(dim)
            rank[key] = min(rank.get(key, place), place)
    ordered = sorted(reasons, key=lambda k: (-len(reasons[k]), rank[k],
                                             INTERVENTION_KEYS.index(k)))
    return [Suggestion(intervention(k), tuple(reasons[k])) for k in ordered]


def dimensions_to_watch(structure_key: str, table: Table | None = None) -> tuple[str, ...]:
    """The closed loop: the dimensions whose weakness suggests this structure, in domain
    order, which a team rating the structure low should watch."""
    table = load_table() if table is None else table
    return tuple(k for k in DIMENSION_KEYS if structure_key in table.get(k, ()))
