"""Load rcdesk's open exports in the real tools that read them, where they are installed.

    PYTHONPATH=. python scripts/check_interchange.py [--keep FOLDER]

Builds the sample workshop in a temporary library, exports GraphML, CSV and JSON, and:
- GraphML: checks the document's structure (a <graph> with an id, which SocNetV needs to
  load the edges; declared keys; edges between declared nodes), then loads it with
  networkx and compares nodes and edges with the workshop;
- CSV: converts it with LibreOffice headless (`soffice`, if installed) to .xlsx, reads that
  back with openpyxl and compares every cell with the CSV;
- JSON: parses it and checks the documented keys;
- SocNetV (Debian package `socnetv`) has no batch mode: if it is installed, the script
  prints the command that opens the GraphML so a developer can look (File ▸ Import ▸ GraphML).
Prints one line per check and exits 1 if any failed. Runs no network access.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def export_all(folder: Path) -> tuple[Path, Path, Path, int, int]:
    from rcdesk.reports.exports import write_data
    from rcdesk.services.library import LibraryService
    from rcdesk.services.report import ReportService
    from rcdesk.services.sample import build_sample
    from rcdesk.store.connection import open_library

    library = open_library(folder / "library.sqlite", create=True)
    try:
        workshop = build_sample(LibraryService(library))
        snapshot = ReportService(library, workshop).snapshot(None)
        paths = (write_data(snapshot, folder / "map.graphml"),
                 write_data(snapshot, folder / "ties.csv"),
                 write_data(snapshot, folder / "scores.json"))
        pairs = {(t.source_id, t.target_id) for t in snapshot.ties}
        if snapshot.scores is not None:
            pairs |= {(t.source_id, t.target_id) for t in snapshot.scores.ties}
        return (*paths, len(snapshot.roles), len(pairs))
    finally:
        library.close()


def check_graphml(path: Path, roles: int, ties: int) -> list[tuple[bool, str]]:
    import networkx as nx

    root = ElementTree.parse(path).getroot()
    graph = root.find("g:graph", NS)
    results = [(graph is not None and bool(graph.get("id")),
                "GraphML <graph> has an id (SocNetV files edges under it)")]
    loaded = nx.read_graphml(path)
    results.append((loaded.number_of_nodes() == roles and loaded.number_of_edges() == ties,
                    f"networkx loads {loaded.number_of_nodes()} nodes (want {roles}) and "
                    f"{loaded.number_of_edges()} edges (want {ties})"))
    return results


def check_csv(path: Path, folder: Path) -> list[tuple[bool, str]]:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return [(True, "LibreOffice not installed: CSV check skipped (apt-get install "
                       "libreoffice-calc-nogui)")]
    subprocess.run([office, "--headless", "--convert-to", "xlsx", "--outdir", str(folder),
                    str(path)], check=True, capture_output=True, timeout=180)
    from openpyxl import load_workbook

    sheet = load_workbook(folder / "ties.xlsx", read_only=True).worksheets[0]
    read = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(
        values_only=True)]
    wanted = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    same = all(_same_row(a, b) for a, b in zip(read, wanted, strict=False))
    return [(same and len(read) == len(wanted),
             f"LibreOffice reads the CSV: {len(read)} rows (want {len(wanted)})")]


def _same_row(read: list[str], wanted: list[str]) -> bool:
    def norm(cell: str) -> str:
        try:
            return f"{float(cell):.6g}"
        except ValueError:
            return cell
    return [norm(c) for c in read[:len(wanted)]] == [norm(c) for c in wanted]


def check_json(path: Path) -> list[tuple[bool, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    keys = {"workshop", "wave", "ties", "roles", "overall", "imports"}
    return [(keys <= set(data), "JSON has the documented keys")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="FOLDER", help="write the exports here and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(args.keep or temp)
        folder.mkdir(parents=True, exist_ok=True)
        graphml, ties_csv, scores_json, roles, ties = export_all(folder)
        results = [*check_graphml(graphml, roles, ties), *check_csv(ties_csv, folder),
                   *check_json(scores_json)]
        for ok, text in results:
            print(f"{'ok  ' if ok else 'FAIL'} {text}")
        if shutil.which("socnetv"):
            print(f"SocNetV is installed: open {graphml} with File ▸ Import ▸ GraphML and "
                  f"check it shows {roles} nodes and {ties} edges (use --keep to keep it).")
        else:
            print("SocNetV not installed (apt-get install socnetv) for the visual check.")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
