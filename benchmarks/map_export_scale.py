"""Scale curve: `rcdesk export` of a workshop's map as PNG and SVG, as a PDF of the map
alone (`--sections map`), and its full PDF, at
20, 100, 200 and 500 roles (and 1,000 with --large), each role with about 20 ties, each a
whole process; the baseline, measured in the same run, is `rcdesk export` of the same
workshop's ties as CSV (a process that opens the library and writes every tie, without
drawing).

Targets (issue 23): a 200-role map in under 3 s; a 500-role full PDF within 30 s; a
1,000-role / 20,000-tie map within 30 s and 1 GB, or refused before starting with a
clear message — never killed by the operating system.

Run alone: `python -m benchmarks.map_export_scale [--large]`.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from benchmarks.child_run import Run, curve_main, ratio_row, run_child

TIES_PER_ROLE = 20
SIZES = (20, 100, 200, 500)
LARGE = 1_000


def build_library(path: Path, roles: int) -> None:
    """One workshop "Map" with `roles` roles on a grid and about 20 rated ties each."""
    from rcdesk.services.library import LibraryService
    from rcdesk.store.connection import open_library

    library = open_library(path, create=True)
    service = LibraryService(library)
    workshop_id = service.create("Map", roles=[f"Role {i}" for i in range(roles)])
    rng = random.Random(11)
    db = library.db
    role_ids = [int(r[0]) for r in db.conn.execute("SELECT id FROM roles ORDER BY id")]
    wave = int(db.conn.execute("SELECT id FROM waves").fetchone()[0])
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < roles * TIES_PER_ROLE:
        pairs.add((rng.choice(role_ids), rng.choice(role_ids)))
    side = max(1, int(roles ** 0.5))
    with db.atomic():
        for i, role_id in enumerate(role_ids):
            db.execute("UPDATE roles SET x = ?, y = ? WHERE id = ?",
                       [(i % side) * 160.0, (i // side) * 160.0, role_id])
        for source, target in sorted(pairs):
            tie = db.execute("INSERT INTO ties (workshop_id, source_id, target_id) "
                             "VALUES (?, ?, ?)", [workshop_id, source, target]).lastrowid
            db.execute("INSERT INTO ratings (tie_id, wave_id, dimension, value) "
                       "VALUES (?, ?, 'overall', ?)", [tie, wave, rng.randint(1, 5)])
    library.close()


#: What each point of the curve writes: a label, the file's suffix, extra words.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "png": ("png", ()), "svg": ("svg", ()), "map PDF": ("pdf", ("--sections", "map")),
    "pdf": ("pdf", ()),
}


def export(library: Path, out: Path, *extra: str) -> Run:
    return run_child(["-m", "rcdesk", "--library", str(library), "export", "Map", str(out),
                      *extra])


def rows_of_curve(large: bool, kinds: tuple[str, ...] = tuple(KINDS)) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory(prefix="rcdesk-mapscale-") as name:
        folder = Path(name)
        for roles in (*SIZES, *((LARGE,) if large else ())):
            library = folder / f"map-{roles}.sqlite"
            build_library(library, roles)
            base = export(library, folder / f"ties-{roles}.csv")
            for kind in kinds:
                suffix, extra = KINDS[kind]
                try:
                    run = export(library, folder / f"map-{roles}.{suffix}", *extra)
                except RuntimeError as exc:  # refused (exit code 2) or failed: say which
                    lines.append(f"`rcdesk export` {kind.upper()}, {roles:,} roles: {exc}")
                    continue
                lines.append(ratio_row(f"`rcdesk export` {kind.upper()}, {roles:,} roles",
                                       run, "baseline: ties CSV export", base))
            print("\n".join(lines[-len(kinds):]), flush=True)
    return lines


if __name__ == "__main__":
    raise SystemExit(curve_main(rows_of_curve))
