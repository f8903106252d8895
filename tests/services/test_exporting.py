"""Exports as typed requests: ids, not titles; the command's words resolve to the same request."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from rcdesk.domain.errors import DomainError
from rcdesk.services.exporting import ExportRequest, resolve_request, run_export
from rcdesk.services.library import LibraryService
from rcdesk.store.connection import Library


def test_a_request_survives_its_json_for_the_child_process(tmp_path: Path) -> None:
    request = ExportRequest(tmp_path / "library.sqlite", 3, tmp_path / "out.pdf", 7, 5,
                            ("cover", "scores"), "gaps")
    assert ExportRequest.from_json(request.to_json()) == request
    plain = ExportRequest(tmp_path / "library.sqlite", 3, tmp_path / "map.png")
    assert ExportRequest.from_json(plain.to_json()) == plain


@pytest.mark.parametrize(("out", "sections", "table", "words"), [
    ("out.doc", None, "ties", "must end in"),
    ("out.pdf", ("cover", "nonsense"), "ties", "Unknown report sections: nonsense"),
    ("out.csv", None, "roles", "Unknown table"),
])
def test_a_request_refuses_what_cannot_be_written(tmp_path: Path, out: str,
                                                  sections: tuple[str, ...] | None, table: str,
                                                  words: str) -> None:
    with pytest.raises(DomainError, match=words):
        ExportRequest(tmp_path / "l.sqlite", 1, tmp_path / out, sections=sections, table=table)


def test_damaged_json_is_a_calm_refusal() -> None:
    with pytest.raises(DomainError, match="could not be read"):
        ExportRequest.from_json('{"workshop_id": "one"}')


def test_the_command_resolves_titles_but_a_request_names_the_workshop_by_id(
        library: Library, tmp_path: Path) -> None:
    service = LibraryService(library)
    ward, titled_one = service.create("Ward round"), service.create("1")
    assert ward == 1
    typed = resolve_request(library, "1", tmp_path / "by-title.pdf")
    assert typed.workshop_id == titled_one  # the command: a title first, as documented
    by_id = ExportRequest(library.path, ward, tmp_path / "by-id.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(run_export(by_id)).pages)
    assert "Ward round" in text


def test_resolved_waves_and_sections(sample, tmp_path: Path) -> None:
    baseline, _, follow_up = sample.waves()  # the in-room "Kick-off ratings" between
    request = resolve_request(sample.library, str(sample.workshop_id), tmp_path / "s.pdf",
                              wave="follow-up 1", compare="BASELINE", sections="cover, scores")
    assert (request.wave_id, request.compare_wave_id) == (follow_up.id, baseline.id)
    assert request.sections == ("cover", "scores")


def test_no_section_at_all_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="at least one section"):
        ExportRequest(tmp_path / "l.sqlite", 1, tmp_path / "out.pdf", sections=())


def test_a_map_image_export_loads_none_of_the_report_machinery(library: Library,
                                                                tmp_path: Path) -> None:
    """A PNG or SVG needs the map and its scores only: the PDF report's services (a
    quarter of a second to import) and reportlab stay unloaded."""
    from fresh_python import printed_by

    workshop = LibraryService(library).create("Ward round", roles=["Nurses", "Physicians"])
    library.close()
    script = ("import sys\n"
              "from pathlib import Path\n"
              "from rcdesk.services.exporting import ExportRequest, run_export\n"
              f"run_export(ExportRequest(Path({str(library.path)!r}), {workshop}, "
              f"Path({str(tmp_path / 'map.png')!r})))\n"
              "print(sorted(m for m in sys.modules if m == 'rcdesk.services.report'\n"
              "      or m.startswith(('reportlab', 'rcdesk.reports.pdf'))))\n")
    assert printed_by(script) == "[]"
    assert (tmp_path / "map.png").stat().st_size > 0
