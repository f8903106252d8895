"""`rcdesk show WORKSHOP`: a workshop's details, roles, waves and meetings (read-only)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rcdesk.cli.library import open_to_read
from rcdesk.domain.attendance import present


def run(args: argparse.Namespace, path: Path) -> int:
    service = open_to_read(path)
    try:
        workshop = service.open_read_only(service.find(args.workshop))
        w = workshop.workshop()
        lines = [w.title, f"  team: {w.team or '—'}", f"  focal process: {w.process or '—'}",
                 f"  facilitator: {w.facilitator or '—'}",
                 f"  bands: weak below {w.settings.weak_below:.2f}, strong above "
                 f"{w.settings.strong_above:.2f}; anonymity threshold "
                 f"{w.settings.anonymity_k}; paper {w.settings.paper_size.value}",
                 "roles:"]
        lines += [f"  {r.name}" + (f" ({r.headcount})" if r.headcount else "")
                  for r in workshop.roles()]
        lines.append("waves:")
        lines += [f"  {v.name}" + (f" {v.date.isoformat()}" if v.date else "")
                  for v in workshop.waves()]
        lines.append("meetings:")
        role_ids = [r.id for r in workshop.roles()]
        for m in workshop.meetings():
            people = present(m.attendance, role_ids)
            lines.append(f"  {m.date.isoformat()}  {m.title or m.kind.label} ({m.kind.value})"
                         + (f", {people} present" if people else ""))
    finally:
        service.library.close()
    print("\n".join(lines))
    return 0
