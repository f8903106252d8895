"""`rcdesk export` and `rcdesk import IN.rcdesk`: reports and files, headless.

`rcdesk export WORKSHOP OUT.(pdf|png|svg|graphml|json|csv|rcdesk) [--wave NAME]
[--compare WAVE] [--table ties|gaps|experiments]` writes, by the file's suffix:
the PDF summary, the map image, GraphML, the scores JSON (= `rcdesk scores
--format json`; with `--table gaps` the gap log with each measure's chart analysis
instead), a CSV table, or the whole workshop file. Never imports Qt (it
runs on machines with no display) and never writes to the library. The wave
defaults to the latest (services.scores.latest_wave) and its scores to the
default source (survey results when the wave has any, else the map's live
ratings). Prints the path written, and nothing else, so scripts can use it.

`rcdesk import IN.rcdesk` adds the workshop in the file to the library (after a
backup) and prints its title.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rcdesk.domain.errors import DomainError
from rcdesk.domain.scores import WaveScores
from rcdesk.services.library import LibraryService
from rcdesk.services.scores import ScoresService
from rcdesk.store.connection import Library, open_library

if TYPE_CHECKING:
    from rcdesk.reports.snapshot import ReportSnapshot

IMAGES = (".png", ".svg")
DATA = (".graphml", ".json", ".csv")
SUFFIXES = (".pdf", *IMAGES, *DATA, ".rcdesk")


def cmd_export(args: argparse.Namespace, path: Path) -> int:
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:  # a wrong file name fails before the library is even opened
        raise DomainError(f"Cannot export to {out}: the file name must end in "
                          f"{', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]}.")
    library = open_library(path, create=False)
    try:
        workshop_id = LibraryService(library).find(args.workshop)
        if suffix in IMAGES:
            return _export_map(library, workshop_id, args.wave, out)
        if suffix == ".json" and args.table != "ties":
            return _export_gaps_json(library, workshop_id, args.table, out)
        if suffix == ".rcdesk":
            from rcdesk.services.workshop_file import export_workshop_file

            print(export_workshop_file(library, workshop_id, out))
            return 0
        snapshot = _snapshot(library, workshop_id, args.wave, args.compare)
    finally:
        library.close()
    if suffix == ".pdf":
        from rcdesk.reports.pdf import write_summary_pdf
        from rcdesk.reports.snapshot import SECTION_KEYS

        sections = None
        if args.sections:
            sections = [s.strip() for s in args.sections.split(",") if s.strip()]
            unknown = sorted(set(sections) - set(SECTION_KEYS))
            if unknown:
                raise DomainError(f"Unknown report sections: {', '.join(unknown)}; choose from "
                                  f"{', '.join(SECTION_KEYS)}.")
        print(write_summary_pdf(snapshot, out, sections=sections))
    else:
        from rcdesk.reports.exports import write_data

        print(write_data(snapshot, out, args.table))
    return 0


def _export_gaps_json(library: Library, workshop_id: int, table: str, out: Path) -> int:
    """`--table gaps` for a .json file: the gap log with each measure's chart analysis."""
    if table != "gaps":
        raise DomainError(f"A JSON export holds the scores (the default) or the gap log "
                          f"(--table gaps), not “{table}”: the gap log includes each gap's "
                          "cycles.")
    from rcdesk.services.gaps_export import write_gaps_json

    print(write_gaps_json(library, workshop_id, out))
    return 0


def _snapshot(library: Library, workshop_id: int, wave_name: str | None,
              compare_name: str | None) -> ReportSnapshot:
    from rcdesk.services.report import ReportService

    service = ReportService(library, workshop_id)
    wave_id = service.scores.find_wave(wave_name).id if wave_name is not None else None
    compare_id = service.scores.find_wave(compare_name).id if compare_name is not None else None
    return service.snapshot(wave_id, compare_id)


def _export_map(library: Library, workshop_id: int, wave_name: str | None, out: Path) -> int:
    from rcdesk.reports.map_image import map_figure, write_map_image

    workshop = LibraryService(library).open_read_only(workshop_id)
    details = workshop.workshop()
    roles, ties = workshop.roles(), workshop.ties()
    scores, heading = _scores(ScoresService(library, details.id), wave_name)
    figure = map_figure(roles, ties, scores, title=f"{details.title}{heading}",
                        weak_below=details.settings.weak_below,
                        strong_above=details.settings.strong_above)
    print(write_map_image(figure, out))
    return 0


def _scores(service: ScoresService, wave_name: str | None) -> tuple[WaveScores | None, str]:
    """The chosen wave's scores and a title suffix naming the wave and the source.

    A workshop without waves still exports its map (with no scores) unless a wave
    was asked for by name.
    """
    if wave_name is None and not service.waves():
        return None, ""
    wave = service.find_wave(wave_name)
    scores = service.wave_scores(wave.id)
    return scores, f" · {wave.name} ({scores.source.label})"


def cmd_import_workshop(args: argparse.Namespace, path: Path) -> int:
    """`rcdesk import IN.rcdesk`: add the file's workshop (checked first, then one write)."""
    from rcdesk.cli_backup import writing
    from rcdesk.services.workshop_file import import_workshop_file, read_workshop_file
    from rcdesk.store.backups import take_backup
    from rcdesk.store.repository import get_workshop

    source = Path(args.csv)
    read_workshop_file(source)  # a damaged or newer file is refused before any backup
    with writing(path):
        library = open_library(path, create=False)
        try:
            take_backup(library, "before-import")
            workshop_id = import_workshop_file(library, source)
            found = get_workshop(library.db, workshop_id)
        finally:
            library.close()
    print(f"Imported the workshop “{found.title if found else workshop_id}” from "
          f"{source.name}.")
    return 0
