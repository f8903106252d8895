"""Every export, from the app or the `rcdesk export` command, is one typed request.

An `ExportRequest` names the workshop and its waves by id, never by a title the
library would have to look up (the app once ran its own command with workshop 1's id
as text, and the lookup, which tries titles first, found the workshop titled "1").
The command line resolves what the user typed (titles allowed there) into the same
request (`resolve_request`); the app builds it from the ids it shows. Both hand it to
`run_export`, which opens its own connection, reads what it needs and writes the file
by its suffix. Qt-free: it runs in the command, in a worker thread of the app, or in
the app's child process (`rcdesk.child`, which gets the request as JSON).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rcdesk.domain.errors import DomainError
from rcdesk.domain.scores import WaveScores
from rcdesk.store.connection import Library, open_for_reading

PDF = ".pdf"
IMAGES = (".png", ".svg")
DATA = (".graphml", ".json", ".csv")
WORKSHOP_FILE = ".rcdesk"
SUFFIXES = (PDF, *IMAGES, *DATA, WORKSHOP_FILE)
TABLES = ("ties", "gaps", "experiments", "structures", "aims")


def export_kind(out: Path) -> str:
    """The file's kind (its suffix, lower case); a wrong name fails before any reading."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise DomainError(f"Cannot export to {out}: the file name must end in "
                          f"{', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]}.")
    return suffix


def check_sections(sections: tuple[str, ...]) -> None:
    """Known section keys, at least one (an empty choice once printed the whole report)."""
    from rcdesk.reports.snapshot import SECTION_KEYS

    if not sections:
        raise DomainError("Choose at least one section of the report to export.")

    unknown = sorted(set(sections) - set(SECTION_KEYS))
    if unknown:
        raise DomainError(f"Unknown report sections: {', '.join(unknown)}; choose from "
                          f"{', '.join(SECTION_KEYS)}.")


@dataclass(frozen=True)
class ExportRequest:
    """One export, fully named: what to read (by id) and where to write it.

    `wave_id` None means the latest wave (a map image of a workshop without waves then
    has no scores); `sections` None means every PDF section; `table` is the CSV's table.
    """

    library_path: Path
    workshop_id: int
    out: Path
    wave_id: int | None = None
    compare_wave_id: int | None = None
    sections: tuple[str, ...] | None = None
    table: str = "ties"

    def __post_init__(self) -> None:
        export_kind(self.out)
        if self.sections is not None:
            check_sections(self.sections)
        if self.table not in TABLES:
            raise DomainError(f"Unknown table “{self.table}”; choose from {', '.join(TABLES)}.")

    @property
    def kind(self) -> str:
        return export_kind(self.out)

    def to_json(self) -> str:
        fields = asdict(self)
        fields["library_path"], fields["out"] = str(self.library_path), str(self.out)
        return json.dumps(fields)

    @classmethod
    def from_json(cls, text: str) -> ExportRequest:
        """The request `to_json` wrote (the app's child process reads it from its stdin)."""
        try:
            fields: dict[str, Any] = json.loads(text)
            sections = fields.get("sections")
            return cls(Path(fields["library_path"]), int(fields["workshop_id"]),
                       Path(fields["out"]), _optional_id(fields.get("wave_id")),
                       _optional_id(fields.get("compare_wave_id")),
                       tuple(str(s) for s in sections) if sections is not None else None,
                       str(fields.get("table", "ties")))
        except (ValueError, KeyError, TypeError) as exc:
            raise DomainError("The export request could not be read; nothing was "
                              "written.") from exc


def _optional_id(value: object) -> int | None:
    return None if value is None else int(str(value))


def resolve_request(library: Library, workshop: str, out: Path, *, wave: str | None = None,
                    compare: str | None = None, sections: str | None = None,
                    table: str = "ties") -> ExportRequest:
    """The command line's words (a title or id, wave names, "a,b" sections) as a request."""
    from rcdesk.services.library import LibraryService
    from rcdesk.services.scores import ScoresService

    export_kind(out)
    chosen = None
    if sections:
        chosen = tuple(s.strip() for s in sections.split(",") if s.strip())
    workshop_id = LibraryService(library).find(workshop)
    scores = ScoresService(library, workshop_id)
    wave_id = scores.find_wave(wave).id if wave is not None else None
    compare_id = scores.find_wave(compare).id if compare is not None else None
    return ExportRequest(library.path, workshop_id, out, wave_id, compare_id, chosen, table)


def open_to_read(path: Path) -> Library:
    """How the command and the app's child process open the library for an export: read
    only, so an export never writes to (or upgrades) the library."""
    return open_for_reading(path)


def run_export(request: ExportRequest,
               opener: Callable[[Path], Library] = open_to_read) -> Path:
    """Write the request's file (by its suffix) and return its path; never writes to the
    library. The library is closed before the PDF or data file is written. In the app's
    own process, `opener` is the one way its background jobs open the library
    (services/jobs.open_for_job). A map image imports only what the map needs (the
    report's services take a quarter of a second to import)."""
    kind = request.kind
    library = opener(request.library_path)
    try:
        if kind in IMAGES:
            return _write_map(library, request)
        if kind == WORKSHOP_FILE:
            from rcdesk.services.workshop_file import export_workshop_file

            return export_workshop_file(library, request.workshop_id, request.out)
        if request.table in ("structures", "aims"):
            return _write_model_table(library, request)
        if kind == ".json" and request.table != "ties":
            return _write_gaps_json(library, request)
        from rcdesk.services.report import ReportService

        snapshot = ReportService(library, request.workshop_id).snapshot(
            request.wave_id, request.compare_wave_id)
    finally:
        library.close()
    if kind == PDF:
        from rcdesk.reports.pdf import write_summary_pdf

        return write_summary_pdf(snapshot, request.out, sections=request.sections)
    from rcdesk.reports.exports import write_data

    return write_data(snapshot, request.out, request.table)


def _write_model_table(library: Library, request: ExportRequest) -> Path:
    """`--table structures|aims`: the change model's tables as CSV or JSON."""
    from rcdesk.services.library import LibraryService
    from rcdesk.services.model_export import write_model_table

    workshop = LibraryService(library).open_read_only(request.workshop_id)
    return write_model_table(workshop, request.table, request.out)


def _write_gaps_json(library: Library, request: ExportRequest) -> Path:
    """`--table gaps` for a .json file: the gap log with each measure's chart analysis."""
    if request.table != "gaps":
        raise DomainError(f"A JSON export holds the scores (the default) or the gap log "
                          f"(--table gaps), not “{request.table}”: the gap log includes each "
                          "gap's cycles.")
    from rcdesk.services.gaps_export import write_gaps_json

    return write_gaps_json(library, request.workshop_id, request.out)


def _write_map(library: Library, request: ExportRequest) -> Path:
    from rcdesk.reports.map_image import map_figure, write_map_image
    from rcdesk.services.library import LibraryService

    workshop = LibraryService(library).open_read_only(request.workshop_id)
    details = workshop.workshop()
    scores, heading = _map_scores(library, request)
    figure = map_figure(workshop.roles(), workshop.ties(), scores,
                        title=f"{details.title}{heading}",
                        weak_below=details.settings.weak_below,
                        strong_above=details.settings.strong_above)
    return write_map_image(figure, request.out)


def _map_scores(library: Library, request: ExportRequest) -> tuple[WaveScores | None, str]:
    """The wave's scores and a title suffix naming the wave and the source; a workshop
    without waves still exports its map (with no scores) when no wave was asked for."""
    from rcdesk.services.scores import ScoresService

    service = ScoresService(library, request.workshop_id)
    if request.wave_id is None and not service.waves():
        return None, ""
    wave = (service.find_wave(None) if request.wave_id is None
            else service.wave(request.wave_id))
    scores = service.wave_scores(wave.id)
    return scores, f" · {wave.name} ({scores.source.label})"
