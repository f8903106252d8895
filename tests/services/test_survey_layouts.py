"""Reading (rated role, item) pairs out of wide headers, and near-duplicate role names."""

from __future__ import annotations

import pytest

from rcdesk.services.survey_checks import similar_roles
from rcdesk.services.survey_layouts import HeaderReader, header_depth

READER = HeaderReader(["Nurses", "Physicians", "Ärzte"],
                      {"timely": "Information arrives while we can still act"})


@pytest.mark.parametrize(("header", "role", "item"), [
    ("Nurses_timely", "Nurses", "timely"),
    ("timely_Nurses", "Nurses", "timely"),
    ("Nurses timely", "Nurses", "timely"),
    ("Nurses - Timely communication", "Nurses", "timely"),
    ("Problem-solving communication - Physicians", "Physicians", "problem_solving"),
    ("Physicians: shared goals", "Physicians", "shared_goals"),
    ("Mutual respect / Physicians", "Physicians", "mutual_respect"),
    ("Accuracy [Nurses]", "Nurses", "accurate"),
    ("[Nurses] frequency", None, None),  # a bracket must close the header
    ("nurses_problem_solving", "Nurses", "problem_solving"),
    ("Ärzte-Respect", "Ärzte", "mutual_respect"),
    ("Information arrives while we can still act [Physicians]", "Physicians", "timely"),
    ("How often do these groups talk with you about patients? [Porters]", "Porters",
     "frequent"),
    ("RC4[Nurses]", "Nurses", "problem_solving"),
    ("Porters_shared_knowledge", "Porters", "shared_knowledge"),
    ("problem_solving", None, None),  # an item alone is a long layout's column
    ("shared_goals", None, None),
    ("Start time", None, None),
    ("Q2_1", None, None),
    ("RC1[SQ001]", None, None),  # a code, not a role, without a mapping's role_codes
])
def test_headers_name_a_role_and_an_item_in_either_order(header: str, role: str | None,
                                                         item: str | None) -> None:
    found = READER.pair(header)
    assert (found[:2] if found else (None, None)) == (role, item)


def test_role_codes_from_a_mapping_stand_for_roles() -> None:
    reader = HeaderReader(["Nurses"], {}, {"SQ001": "Nurses"})
    assert reader.pair("RC1[SQ001]") == ("Nurses", "frequent", 30)


def test_further_header_rows_hold_no_answers() -> None:
    qualtrics = [(1, ["ResponseId", "Q1_1"]), (2, ["Response ID", "How often? - Nurses"]),
                 (3, ['{"ImportId":"_recordId"}', '{"ImportId":"QID1_1"}']), (4, ["R_1", "4"])]
    assert header_depth(qualtrics) == 3
    long = [(1, ["respondent", "frequent"]), (2, ["r1", "4 - Often"])]
    assert header_depth(long) == 1


@pytest.mark.parametrize(("new", "existing", "resembles"), [
    ("€rzte", "Ärzte", "Ärzte"),  # Mac Roman read as Windows-1252
    ("Ã„rzte", "Ärzte", "Ärzte"),  # UTF-8 read as Windows-1252: the same letters
    ("N urses", "Nurses", "Nurses"),
    ("Nurses.", "Nurses", "Nurses"),
    ("Medecins", "Médecins", "Médecins"),
    ("Team B", "Team A", None),
    ("Role 10", "Role 1", None),
    ("Porters", "Nurses", None),
])
def test_near_duplicate_roles(new: str, existing: str, resembles: str | None) -> None:
    assert similar_roles([new], [existing]).get(new) == resembles
