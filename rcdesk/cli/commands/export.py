"""`rcdesk export`: reports and files, headless.

`rcdesk export WORKSHOP OUT.(pdf|png|svg|graphml|json|csv|rcdesk) [--wave NAME]
[--compare WAVE] [--table ties|gaps|experiments]` writes, by the file's suffix:
the PDF summary, the map image, GraphML, the scores JSON (= `rcdesk scores
--format json`; with `--table gaps` the gap log with each measure's chart analysis
instead), a CSV table, or the whole workshop file. Never imports Qt (it
runs on machines with no display) and never writes to the library. The wave
defaults to the latest (services.scores.latest_wave) and its scores to the
default source (survey results when the wave has any, else the map's live
ratings). Prints the path written, and nothing else, so scripts can use it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rcdesk.services.exporting import export_kind, resolve_request, run_export
from rcdesk.store.connection import open_for_reading


def run(args: argparse.Namespace, path: Path) -> int:
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
