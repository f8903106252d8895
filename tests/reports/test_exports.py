"""Data exports (GraphML, JSON, CSV) and the .rcdesk workshop file."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from rcdesk.cli import main
from rcdesk.domain.errors import DomainError
from rcdesk.reports.exports import write_data
from rcdesk.reports.snapshot import ReportSnapshot
from rcdesk.services.report import ReportService
from rcdesk.services.workshop_file import (
    FORMAT_VERSION,
    WorkshopFileError,
    export_workshop_file,
    import_workshop_file,
    workshop_document,
)
from rcdesk.store.connection import Library, open_library
from rcdesk.store.rows import TABLES

from .report_data import (
    CLOCK,
    GAP_TITLE,
    SUPPRESSED_SCORE,
    SURVEY,
    TITLE,
    add_long_gap,
    build_surveyed,
)


@pytest.fixture
def library(tmp_path: Path) -> Any:
    opened = open_library(tmp_path / "library.sqlite", create=True)
    build_surveyed(opened, tmp_path)
    yield opened
    opened.close()


def snapshot_of(library: Library, wave: int | None = None) -> ReportSnapshot:
    return ReportService(library, 1, clock=lambda: CLOCK).snapshot(wave)


def rows_of(library: Library) -> dict[str, list[dict[str, Any]]]:
    return {t: [dict(r) for r in library.db.query(f"SELECT * FROM {t} ORDER BY id")]
            for t in sorted(TABLES)}


def test_json_is_exactly_the_scores_command(library: Library, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = write_data(snapshot_of(library), tmp_path / "scores.json")
    assert main(["--library", str(library.path), "scores", TITLE, "--format", "json"]) == 0
    printed = capsys.readouterr().out
    assert out.read_text(encoding="utf-8") == printed
    data = json.loads(printed)
    assert data["wave"] == "Follow-up"
    hidden = next(t for t in data["ties"] if t["suppressed"])
    assert hidden["n"] == 2 and hidden["rc"] is None and hidden["dimensions"]["timely"] is None


def test_graphml_reads_back_with_networkx(library: Library, tmp_path: Path) -> None:
    out = write_data(snapshot_of(library), tmp_path / "map.graphml")
    graph = nx.read_graphml(out)
    assert graph.is_directed()
    names = {node: data["name"] for node, data in graph.nodes(data=True)}
    assert sorted(names.values()) == sorted(["Médecins", "Pflegefachkräfte", "Фельдшеры",
                                             "ممرضات", "-Porters"])
    by_name = {(names[a], names[b]): data for a, b, data in graph.edges(data=True)}
    shown = by_name[("Médecins", "Pflegefachkräfte")]
    assert shown["rc"] == pytest.approx(3.9333333) and shown["band"] == "moderate"
    assert shown["n"] == 3 and shown["suppressed"] is False
    assert shown["timely"] == pytest.approx(11 / 3) and "mutual_respect" in shown
    hidden = by_name[("Фельдшеры", "Médecins")]
    assert hidden == {"n": 2, "suppressed": True}
    assert SUPPRESSED_SCORE not in out.read_text(encoding="utf-8")


def test_csv_is_crlf_and_spreadsheet_safe(library: Library, tmp_path: Path) -> None:
    out = write_data(snapshot_of(library), tmp_path / "ties.csv")
    raw = out.read_bytes().decode("utf-8")
    assert raw.count("\r\n") == len(raw.splitlines()) and "\r\r" not in raw
    table = list(csv.reader(io.StringIO(raw, newline="")))
    assert table[0][:3] == ["kind", "from", "to"]
    porters = [row for row in table if row[1] == "'-Porters"]
    assert porters and not any(row[1] == "-Porters" for row in table)
    hidden = next(row for row in table if row[4] == "yes")
    assert hidden[3] == "2" and hidden[5:] == [""] * len(hidden[5:])


def test_gap_and_experiment_tables_are_csv_too(library: Library, tmp_path: Path) -> None:
    add_long_gap(library, 1)
    gaps = write_data(snapshot_of(library), tmp_path / "gaps.csv", table="gaps")
    table = list(csv.reader(io.StringIO(gaps.read_bytes().decode("utf-8"), newline="")))
    assert table[0][:3] == ["title", "area", "current"] and table[1][0] == GAP_TITLE
    assert table[1][2].startswith("x" * 400) and len(table) == 2
    cycles = write_data(snapshot_of(library), tmp_path / "cycles.csv", table="experiments")
    assert "Übergabe mit Checkliste" in cycles.read_text(encoding="utf-8")
    with pytest.raises(DomainError, match=r"\.graphml"):
        write_data(snapshot_of(library), tmp_path / "data.xlsx")
    assert not (tmp_path / "data.xlsx").exists()


# -- the workshop file -----------------------------------------------------------------------


def without_time(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


def test_workshop_file_round_trip_is_identical_and_private(library: Library,
                                                           tmp_path: Path) -> None:
    add_long_gap(library, 1)
    first = export_workshop_file(library, 1, tmp_path / "a.rcdesk")
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    document = without_time(first)
    assert document["version"] == FORMAT_VERSION
    answers = sum(len(a) for ties in SURVEY.values() for a in ties.values())
    assert len(document["tables"]["survey_responses"]) == answers  # every raw answer
    assert [g["title"] for g in document["tables"]["gaps"]] == [GAP_TITLE]
    assert document["tables"]["experiments"][0]["gap_id"] == 1
    other = open_library(tmp_path / "other.sqlite", create=True)
    try:
        new_id = import_workshop_file(other, first)
        second = export_workshop_file(other, new_id, tmp_path / "b.rcdesk")
    finally:
        other.close()
    assert without_time(second) == document
    assert second.read_text(encoding="utf-8").split("\n", 4)[4] == \
        first.read_text(encoding="utf-8").split("\n", 4)[4]


def test_importing_into_the_same_library_gets_a_distinct_title(library: Library,
                                                               tmp_path: Path) -> None:
    path = export_workshop_file(library, 1, tmp_path / "a.rcdesk")
    new_id = import_workshop_file(library, path)
    titles = [r["title"] for r in library.db.query("SELECT title FROM workshops ORDER BY id")]
    assert titles == [TITLE, f"{TITLE} (2)"]
    copy = workshop_document(library, new_id)
    original = workshop_document(library, 1)
    assert copy["tables"] == original["tables"]


def damage(document: dict[str, Any], how: str) -> str:
    if how == "newer":
        document["version"] = FORMAT_VERSION + 1
    elif how == "dangling":
        document["tables"]["ratings"] = [{"id": 1, "tie_id": 999, "wave_id": 1,
                                          "dimension": "timely", "value": 3}]
    elif how == "constraint":
        document["tables"]["survey_responses"][-1]["timely"] = 9
    elif how == "column":
        document["tables"]["roles"][0]["secret; DROP TABLE roles"] = 1
    elif how == "table":
        document["tables"]["sqlite_master"] = []
    elif how == "format":
        document["format"] = "something else"
    return json.dumps(document)


@pytest.mark.parametrize(("how", "message"), [
    ("newer", "newer rcdesk"), ("dangling", r"ratings\[0\]\.tie_id: there is no ties row"),
    ("constraint", r"survey_responses\[\d+\]\.timely"), ("column", "unknown column"),
    ("table", "unknown tables"),
    ("format", "not an rcdesk workshop file"), ("truncated", "not valid JSON")])
def test_newer_or_damaged_files_are_refused_and_change_nothing(
    library: Library, tmp_path: Path, how: str, message: str
) -> None:
    good = export_workshop_file(library, 1, tmp_path / "good.rcdesk")
    bad = tmp_path / "bad.rcdesk"
    if how == "truncated":
        bad.write_bytes(good.read_bytes()[:-300])
    else:
        bad.write_text(damage(json.loads(good.read_text(encoding="utf-8")), how),
                       encoding="utf-8")
    before = rows_of(library)
    with pytest.raises(WorkshopFileError, match=message) as raised:
        import_workshop_file(library, bad)
    assert "Nothing was imported" in str(raised.value)
    assert rows_of(library) == before


def test_graphml_document_structure_loads_in_socnetv(library: Library, tmp_path: Path) -> None:
    """SocNetV 2.8 loads the nodes of a <graph> without an id but none of its edges (it asks
    for a relation name and files the edges under nothing): the graph needs an id, the edges
    their ends as declared nodes, and every data key declared for its domain."""
    from xml.etree import ElementTree

    out = write_data(snapshot_of(library), tmp_path / "map.graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ElementTree.parse(out).getroot()
    graphs = root.findall("g:graph", ns)
    assert len(graphs) == 1
    graph = graphs[0]
    assert graph.get("id"), "SocNetV needs an id on <graph> to load the edges"
    assert graph.get("edgedefault") == "directed"
    nodes = {n.get("id") for n in graph.findall("g:node", ns)}
    edges = graph.findall("g:edge", ns)
    assert edges and all(e.get("source") in nodes and e.get("target") in nodes for e in edges)
    keys = {k.get("id"): k.get("for") for k in root.findall("g:key", ns)}
    for element, kind in [*((n, "node") for n in graph.findall("g:node", ns)),
                          *((e, "edge") for e in edges)]:
        for data in element.findall("g:data", ns):
            assert keys[data.get("key")] == kind


def test_the_workshop_file_carries_where_the_survey_came_from(library: Library,
                                                              tmp_path: Path) -> None:
    from rcdesk.store import survey as survey_store

    def records(workshop_id: int) -> list[list[dict[str, Any]]]:
        waves = library.db.conn.execute(
            "SELECT id FROM waves WHERE workshop_id = ? ORDER BY position", [workshop_id])
        return [survey_store.import_records(library.db, w[0]) for w in waves]

    before = records(1)
    found = [r for wave in before for r in wave]
    assert found and found[0]["file"] == "survey.csv" and len(found[0]["sha256"]) == 64
    out = export_workshop_file(library, 1, tmp_path / "w.rcdesk")
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["tables"]["survey_imports"] and "min_items" in document["workshop"]
    copy = import_workshop_file(library, out)
    assert records(copy) == before
    del document["tables"]["survey_imports"]  # a file from before provenance still imports
    older = tmp_path / "old.rcdesk"
    older.write_text(json.dumps(document), encoding="utf-8")
    assert records(import_workshop_file(library, older)) == [[] for _ in before]
