"""The report's "Roles present": each role and how many people it has (counts, no names)."""

from __future__ import annotations

from typing import Any

from rcdesk.reports.pdf.style import para, table
from rcdesk.reports.snapshot import ReportSnapshot

Flowables = list[Any]


def roles_present(snapshot: ReportSnapshot, width: float) -> Flowables:
    counted = [r.headcount for r in snapshot.roles if r.headcount is not None]
    rows = [(r.name, "–" if r.headcount is None else str(r.headcount)) for r in snapshot.roles]
    total = f"{sum(counted)} people in {len(snapshot.roles)} roles" if counted else \
        f"{len(snapshot.roles)} roles"
    return [
        para("Roles present", "h1"),
        para(f"The roles in the focal work process and how many people each has ({total}). "
             "Counts only: no names of individuals.", "body"),
        table(["Role", "People"], rows, [width * 0.7, width * 0.3], right=(1,)),
    ]
