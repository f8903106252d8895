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

from rcdesk.services.exporting import export_kind, resolve_request, run_export
from rcdesk.store.connection import open_for_reading, open_library


def cmd_export(args: argparse.Namespace, path: Path) -> int:
    """Parse the command's words into an ExportRequest (titles allowed here), then run it
    as the app does (services/exporting.run_export)."""
    out = Path(args.out)
    export_kind(out)  # a wrong file name fails before the library is even opened
    library = open_for_reading(path)
    try:
        request = resolve_request(library, args.workshop, out, wave=args.wave,
                                  compare=args.compare, sections=args.sections,
                                  table=args.table)
    finally:
        library.close()
    print(run_export(request))
    return 0


def cmd_import_workshop(args: argparse.Namespace, path: Path) -> int:
    """`rcdesk import IN.rcdesk`: add the file's workshop (checked first, then one write)."""
    from rcdesk.cli_backup import writing
    from rcdesk.services.importing import import_workshop
    from rcdesk.services.workshop_file import read_workshop_file
    from rcdesk.store.repository import get_workshop

    source = Path(args.csv)
    read_workshop_file(source)  # a damaged or newer file is refused before the library opens
    with writing(path):
        library = open_library(path, create=True)  # a co-facilitator's first step: a new library
        try:
            workshop_id = import_workshop(library, source)
            found = get_workshop(library.db, workshop_id)
        finally:
            library.close()
    print(f"Imported the workshop “{found.title if found else workshop_id}” from "
          f"{source.name}.")
    return 0
