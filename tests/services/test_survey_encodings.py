"""Survey files in the encodings spreadsheets really write: names must arrive intact."""

from __future__ import annotations

from pathlib import Path

from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.library import LibraryService
from rcdesk.services.survey_import import preview_survey
from rcdesk.store.connection import Library

HEADER = "respondent,role,target,frequent,timely,accurate,problem_solving,shared_goals," \
         "shared_knowledge,mutual_respect"


def test_excel_for_mac_csv_is_read_as_mac_roman(library: Library,
                                                library_service: LibraryService,
                                                tmp_path: Path) -> None:
    """Excel for Mac's "CSV" is Mac Roman with CR line ends: read as Windows-1252,
    "Ärzte" became "€rzte" and was added as a second, near-duplicate role."""
    workshop = library_service.create("Station 3", roles=["Ärzte", "Pflegefachkräfte"])
    rows = [HEADER, "a,Ärzte,Pflegefachkräfte,4,4,4,4,4,4,4",
            "b,Pflegefachkräfte,Ärzte,3,3,3,3,3,3,3", "c,Ärzte,Ärzte,5,5,5,5,5,5,5"]
    path = tmp_path / "mac.csv"
    path.write_bytes("\r".join(rows).encode("mac_roman") + b"\r")
    found = preview_survey(library, workshop, path,
                           frequency_scale=FrequencyScale.MONOTONIC)
    assert found.ok, found.problems
    assert found.roles_found == ("Ärzte", "Pflegefachkräfte")
    assert found.new_roles == ()
    assert "Mac Roman" in found.encoding


def test_windows_1252_stays_windows_1252(library: Library, library_service: LibraryService,
                                         tmp_path: Path) -> None:
    workshop = library_service.create("Station 4", roles=["Médecins", "Infirmières"])
    rows = [HEADER, "a,Médecins,Infirmières,4,4,4,4,4,4,4"]
    path = tmp_path / "win.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1252") + b"\r\n")
    found = preview_survey(library, workshop, path, frequency_scale=FrequencyScale.MONOTONIC)
    assert found.ok and found.roles_found == ("Médecins", "Infirmières")
    assert found.encoding == "Windows-1252"
