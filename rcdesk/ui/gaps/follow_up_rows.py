"""The rows of the huddle follow-up: gaps and cycles side by side, with named columns."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from rcdesk.domain.experiments import Experiment, chains
from rcdesk.domain.gaps import Gap, MeasureValue, is_due
from rcdesk.services.experiments import ExperimentsService
from rcdesk.services.follow_up import measure_verdicts, verdict_words
from rcdesk.ui.gaps.fields import number_text, show_date
from rcdesk.ui.table_model import Column


@dataclass(frozen=True)
class FollowRow:
    kind: str  # "gap" or "cycle"
    id: int
    gap_id: int
    gap_title: str
    title: str
    owner: str
    status: str
    due: date | None
    overdue: bool
    finished: bool
    latest: str
    #: What the measure's chart rules say: "Signal", "No signal yet", …
    chart: str = ""


def follow_columns() -> list[Column[FollowRow]]:
    return [
        Column("Kind", lambda r: "Gap" if r.kind == "gap" else "Experiment"),
        Column("Item", lambda r: r.title),
        Column("Owner", lambda r: r.owner or "—"),
        Column("Status", lambda r: f"✓ {r.status}" if r.finished else r.status),
        Column("Due", lambda r: f"{show_date(r.due)} (overdue)" if r.overdue
               else show_date(r.due)),
        Column("Latest value", lambda r: r.latest or "—"),
        Column("Chart says", lambda r: r.chart or "—"),
    ]


def _gap_row(service: ExperimentsService, gap: Gap, latest: MeasureValue | None,
             on: date) -> FollowRow:
    value = f"{number_text(latest.value)} ({show_date(latest.date)})" if latest else ""
    finished = gap.status.finished
    return FollowRow("gap", gap.id, gap.id, gap.title, gap.title,
                     service.gaps.owner_text(gap), gap.status.label, gap.due,
                     _overdue(gap.due, on) and not finished, finished, value)


def _cycle_row(service: ExperimentsService, e: Experiment, gap: Gap, number: int,
               on: date) -> FollowRow:
    status = f"Decided: {e.act.label.lower()}" if e.act else e.status.label
    return FollowRow("cycle", e.id, gap.id, gap.title,
                     f"Cycle {number}: {e.change_idea} (for “{gap.title}”)",
                     service.gaps.owner_text(gap), status, e.due,
                     _overdue(e.due, on) and e.act is None, e.act is not None, "")


def _overdue(due: date | None, on: date) -> bool:
    return is_due(due, on) and due != on


def follow_rows(service: ExperimentsService, gap_ids: tuple[int, ...],
                experiment_ids: tuple[int, ...], on: date) -> list[FollowRow]:
    """Current rows for the items fixed at the start of the huddle (deleted ones drop out)."""
    gaps = {g.id: g for g in service.gaps.gaps()}
    cycles = service.gaps.experiments()
    latest = {v.gap_id: v for v in service.gaps.measure_values()}  # date order: last wins
    numbers = {e.id: n for chain in chains(cycles) for n, e in enumerate(chain, start=1)}
    rows = [_gap_row(service, gaps[i], latest.get(i), on) for i in gap_ids if i in gaps]
    by_id = {e.id: e for e in cycles}
    for experiment_id in experiment_ids:
        e = by_id.get(experiment_id)
        if e is not None and e.gap_id in gaps:
            rows.append(_cycle_row(service, e, gaps[e.gap_id], numbers.get(e.id, 1), on))
    verdicts = measure_verdicts(service.gaps)
    return [replace(r, chart=verdict_words(verdicts.get(r.gap_id))) for r in rows]
