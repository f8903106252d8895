"""Survey workbooks: .xlsx (the first sheet or the chosen one) and LibreOffice's .ods."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.library import LibraryService
from rcdesk.services.survey_import import preview_survey
from rcdesk.store.connection import Library

from . import survey_exports as ex


def ods_file(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    """A minimal OpenDocument spreadsheet, numbers as float cells, repeats as LibreOffice
    writes them (an empty cell run and trailing empty rows)."""
    def cell(text: str) -> str:
        if text.isdigit():
            return f'<table:table-cell office:value-type="float" office:value="{text}"/>'
        if not text:
            return '<table:table-cell table:number-columns-repeated="1"/>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(text)}' \
               '</text:p></table:table-cell>'
    tables = "".join(
        f'<table:table table:name="{name}">'
        + "".join(f"<table:table-row>{''.join(cell(c) for c in row)}"
                  '<table:table-cell table:number-columns-repeated="1000"/></table:table-row>'
                  for row in rows)
        + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/>'
          "</table:table-row></table:table>"
        for name, rows in sheets.items())
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return path


def test_an_ods_sheet_imports_like_its_csv(library: Library, library_service: LibraryService,
                                           tmp_path: Path) -> None:
    rows = ex.microsoft_forms_rows()
    path = ods_file(tmp_path / "forms.ods", {"Notes": [["about"]], "Answers": rows})
    workshop = library_service.create("Ward 9", roles=list(ex.ROLES))
    first = preview_survey(library, workshop, path)
    assert not first.ok and first.sheets == ("Notes", "Answers")
    found = preview_survey(library, workshop, path, sheet="Answers")
    assert found.ok, found.problems
    assert (found.layout, found.sheet, found.respondent_count) == ("wide", "Answers", 6)
    assert found.encoding == "OpenDocument spreadsheet"


def test_the_chosen_xlsx_sheet_and_a_missing_one(library: Library,
                                                 library_service: LibraryService,
                                                 tmp_path: Path) -> None:
    path = ex.microsoft_forms_xlsx(tmp_path / "forms.xlsx")
    workshop = library_service.create("Ward 9", roles=list(ex.ROLES))
    found = preview_survey(library, workshop, path, frequency_scale=FrequencyScale.MONOTONIC)
    assert found.ok and found.sheet == "Sheet1" and found.sheets == ("Sheet1", "Notes")
    missing = preview_survey(library, workshop, path, sheet="Answers")
    assert "no sheet “Answers”" in missing.problems[0].message


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_damaged_workbook_is_a_problem_not_a_crash(library: Library,
                                                     library_service: LibraryService,
                                                     tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    workshop = library_service.create("Ward 9", roles=list(ex.ROLES))
    found = preview_survey(library, workshop, path)
    assert not found.ok and "cannot be read" in found.problems[0].message


def test_the_open_library_is_never_read_as_a_workbook(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Reading the library's file outside SQLite would drop its locks (issue 14): a workbook
    import of the library itself is refused before the file is opened."""
    from rcdesk.services.library import LibraryService
    from rcdesk.services.survey_import import preview_survey
    from rcdesk.store.connection import open_library

    path = tmp_path / "library.xlsx"
    library = open_library(path, create=True)
    try:
        workshop_id = LibraryService(library).create("Ward", roles=["Nurses"])
        preview = preview_survey(library, workshop_id, path)
        assert not preview.ok
        assert "rcdesk library file, not a workbook" in preview.problems[0].describe()
    finally:
        library.close()
