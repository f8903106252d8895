"""The headless commands behind `rcdesk COMMAND`. Never imports Qt."""

from __future__ import annotations

import argparse
from pathlib import Path

from rcdesk.cli_backup import restore_hint, writing
from rcdesk.domain.attendance import present
from rcdesk.domain.errors import DamagedLibraryError, NotALibraryError
from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.store.connection import inspect_library, open_for_reading, open_library
from rcdesk.store.migrations import SCHEMA_VERSION


def _service(path: Path, *, create: bool) -> LibraryService:
    return LibraryService(open_library(path, create=create))


def _reader(path: Path) -> LibraryService:
    """For commands that only read: the library opened read-only, never written to."""
    return LibraryService(open_for_reading(path))


def cmd_demo(args: argparse.Namespace, path: Path) -> int:
    with writing(path):
        service = _service(path, create=True)
        try:
            workshop_id = build_sample(service)
            title = service.open(workshop_id).workshop().title
        finally:
            service.library.close()
    print(f"Added the sample workshop to {path}.")
    print(title)
    return 0


def cmd_new(args: argparse.Namespace, path: Path) -> int:
    with writing(path):
        service = _service(path, create=True)
        try:
            roles = [r for r in args.roles.split(",") if r.strip()]
            service.create(args.title, team=args.team, process=args.process,
                           facilitator=args.facilitator, roles=roles)
        finally:
            service.library.close()
    print(f"Created “{' '.join(args.title.split())}” with {len(roles)} roles in {path}.")
    return 0


def cmd_list(args: argparse.Namespace, path: Path) -> int:
    service = _reader(path)
    try:
        summaries = service.summaries()
    finally:
        service.library.close()
    if not summaries:
        print(f"No workshops in {path} yet. Try: rcdesk demo")
        return 0
    for s in summaries:
        waves = ", ".join(s.wave_names) or "no waves"
        print(f"{s.id}\t{s.title}\t{s.role_count} roles\t{waves}")
    return 0


def cmd_show(args: argparse.Namespace, path: Path) -> int:
    service = _reader(path)
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


def cmd_check(args: argparse.Namespace, path: Path) -> int:
    try:
        status = inspect_library(path)
    except (DamagedLibraryError, NotALibraryError) as exc:
        # Name the way back: the newest backup that passes its check (exit 2, one line).
        raise type(exc)(f"{exc} {restore_hint(path)}") from exc
    if status.schema_version > SCHEMA_VERSION:
        print(f"OK (read-only here): {path} is a healthy library from a newer rcdesk "
              f"(schema {status.schema_version}), {_workshops(status.workshop_count)}.")
    else:
        print(f"OK: {path} passed integrity_check, schema {status.schema_version} of "
              f"{SCHEMA_VERSION}, {_workshops(status.workshop_count)}.")
    return 0


def _workshops(count: int) -> str:
    return f"{count} workshop" + ("" if count == 1 else "s")
