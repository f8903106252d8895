"""Per-role network metrics beside the map: who coordinates with whom, and brokers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rcdesk.ui.table_model import Column, RecordTableModel


@dataclass(frozen=True)
class RoleMetricsRow:
    id: int
    name: str
    given: int
    received: int
    mean_given: float | None
    mean_received: float | None
    betweenness: float
    spanner: bool
    has_strong_tie: bool | None  # None while scores are hidden from the room


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def roles_model(load: Callable[[], list[RoleMetricsRow]]) -> RecordTableModel[RoleMetricsRow]:
    return RecordTableModel([
        Column("Role", lambda r: r.name),
        Column("Ties out", lambda r: r.given, tooltip="Ties this role gives to other roles"),
        Column("Ties in", lambda r: r.received, tooltip="Ties other roles give to this role"),
        Column("RC out", lambda r: _number(r.mean_given),
               tooltip="Mean RC of this role's shown ties to other roles"),
        Column("RC in", lambda r: _number(r.mean_received),
               tooltip="Mean RC of shown ties from other roles"),
        Column("Betweenness", lambda r: f"{r.betweenness:.2f}",
               tooltip="How often this role lies on the shortest path between two others"),
        Column("Notes", lambda r: "; ".join(
            note for note, on in (("possible boundary spanner", r.spanner),
                                  ("no strong tie", r.has_strong_tie is False)) if on)),
    ], load)
