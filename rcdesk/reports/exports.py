"""Data exports of one wave for other tools: GraphML, the scores JSON, CSV tables.

All are plain functions of a ReportSnapshot and honour anonymity: a suppressed
tie carries its respondent count and nothing else. Files are written to a
temporary file beside the target and moved into place (never half a file).
networkx is imported only here and only when GraphML is written.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import DomainError
from rcdesk.domain.scores import TieScore
from rcdesk.files import write_atomically
from rcdesk.reports.scores_export import csv_text, neutralise, scores_csv, scores_json_text
from rcdesk.reports.snapshot import ReportSnapshot

#: The data formats by file suffix (the map images and PDF are written elsewhere).
DATA_FORMATS = {".graphml": "graphml", ".json": "json", ".csv": "csv"}
CSV_TABLES = ("ties", "gaps", "experiments")


def _require_scores(snapshot: ReportSnapshot) -> tuple[Any, Any]:
    if snapshot.wave is None or snapshot.scores is None:
        raise DomainError(f"“{snapshot.workshop.title}” has no waves yet, so there are no "
                          "scores to export.")
    return snapshot.wave, snapshot.scores


def json_text(snapshot: ReportSnapshot) -> str:
    """Exactly what `rcdesk scores --format json` prints for the same wave."""
    wave, scores = _require_scores(snapshot)
    pulse = snapshot.pulse.result if snapshot.pulse is not None else None
    return scores_json_text(snapshot.workshop, wave, scores, snapshot.role_names, pulse,
                            snapshot.imports)


def ties_csv_text(snapshot: ReportSnapshot) -> str:
    """Exactly what `rcdesk scores --format csv` prints (CRLF, formulas neutralised)."""
    _, scores = _require_scores(snapshot)
    return csv_text(scores_csv(snapshot.workshop, scores, snapshot.role_names))


def gaps_csv_text(snapshot: ReportSnapshot, table: str) -> str:
    """The gap log or the experiments as CSV (when this version has them)."""
    if snapshot.gaps is None:
        raise DomainError(f"This version of rcdesk has no {table} to export yet.")
    if table == "gaps":
        header = ["title", "area", "current", "desired", "measure", "owner", "due", "status",
                  "priority"]
        rows = [[g.title, g.area, g.current, g.desired, g.measure, g.owner, g.due, g.status,
                 g.priority] for g in snapshot.gaps.gaps]
    else:
        header = ["title", "gap", "state", "objective", "prediction", "learning", "owner",
                  "due"]
        rows = [[e.title, e.gap, e.state, e.objective, e.prediction, e.learning, e.owner, e.due]
                for e in snapshot.gaps.experiments]
    return csv_text([header, *([neutralise(c) for c in row] for row in rows)])


def _edge_data(tie: TieScore | None) -> dict[str, Any]:
    """A tie's GraphML attributes: nothing but n (and the flag) when suppressed."""
    if tie is None:
        return {"suppressed": False}
    data: dict[str, Any] = {"suppressed": tie.suppressed}
    if tie.n is not None:
        data["n"] = tie.n
    if tie.suppressed:
        return data
    values: dict[str, Any] = {"rc": tie.rc, "communication": tie.communication,
                              "relationship": tie.relationship,
                              **{k: tie.dimensions.get(k) for k in DIMENSION_KEYS}}
    data.update({k: float(v) for k, v in values.items() if v is not None})
    if tie.rc is not None:
        data["band"] = tie.band.value
    return data


def graphml_text(snapshot: ReportSnapshot) -> str:
    """Roles as nodes (name, headcount), ties as directed edges with the wave's scores."""
    import networkx as nx

    # The id on <graph> is what SocNetV files the edges under (without it, it asks for a
    # relation name and loads none of them); networkx writes it from the "id" attribute.
    graph = nx.DiGraph(id="relational_coordination", workshop=snapshot.workshop.title,
                       wave=snapshot.wave.name if snapshot.wave else "",
                       source=snapshot.scores.source.value if snapshot.scores else "")
    for role in snapshot.roles:
        attributes: dict[str, Any] = {"name": role.name}
        if role.headcount is not None:
            attributes["headcount"] = role.headcount
        graph.add_node(f"role{role.id}", **attributes)
    pairs = [(t.source_id, t.target_id) for t in snapshot.ties]
    if snapshot.scores is not None:
        pairs += [(t.source_id, t.target_id) for t in snapshot.scores.ties]
    for source, target in dict.fromkeys(pairs):
        score = snapshot.scores.tie(source, target) if snapshot.scores else None
        graph.add_edge(f"role{source}", f"role{target}", **_edge_data(score))
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue().decode("utf-8")


def data_format(path: Path) -> str:
    fmt = DATA_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DomainError(f"Cannot export to {path}: the file name must end in .graphml, "
                          ".json or .csv.")
    return fmt


def write_data(snapshot: ReportSnapshot, path: str | os.PathLike[str],
               table: str = "ties") -> Path:
    """Write GraphML, JSON or CSV (by the file's suffix); return the path."""
    target = Path(path)
    fmt = data_format(target)
    if table not in CSV_TABLES:
        raise DomainError(f"Unknown table “{table}”: choose ties, gaps or experiments.")
    makers: dict[str, Callable[[], str]] = {
        "graphml": lambda: graphml_text(snapshot),
        "json": lambda: json_text(snapshot),
        "csv": lambda: ties_csv_text(snapshot) if table == "ties"
        else gaps_csv_text(snapshot, table),
    }
    return write_atomically(target, makers[fmt]().encode("utf-8"), "the export")
