"""Anonymity audit: a tie rated by fewer than k people never shows in a team-facing export.

One tie (Aides → Builders) has two respondents whose answers give a distinctive
RC of 1.43; every team-facing format is written and searched for it. The
.rcdesk workshop file (for a co-facilitator) is the documented exception.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from rcdesk.cli import main

HEADER = ("respondent,role,target,frequent,timely,accurate,problem_solving,shared_goals,"
          "shared_knowledge,mutual_respect")
ROWS = [
    "a1,Aides,Builders,1,2,1,2,1,2,1",  # the suppressed tie: RC 10/7 = 1.4286 for both
    "a2,Aides,Builders,2,1,2,1,2,1,1",
    *(f"a{i},Aides,Carers,4,5,4,5,4,5,4" for i in range(1, 4)),
    *(f"b{i},Builders,Carers,5,4,5,4,5,4,5" for i in range(1, 4)),
    *(f"c{i},Carers,Aides,4,4,4,4,4,4,4" for i in range(1, 4)),
]
SECRETS = ("1.43", "1.428", "1.4286", "1.42857")


@pytest.fixture
def audited(tmp_path: Path) -> Path:
    library = tmp_path / "audit.sqlite"
    survey = tmp_path / "survey.csv"
    survey.write_text("\r\n".join([HEADER, *ROWS]) + "\r\n", encoding="utf-8")
    assert main(["--library", str(library), "new", "Audit", "--roles",
                 "Aides,Builders,Carers"]) == 0
    assert main(["--library", str(library), "import", str(survey), "--workshop", "Audit",
                 "--frequency-scale", "monotonic"]) == 0
    return library


def export(library: Path, out: Path, *extra: str) -> Path:
    assert main(["--library", str(library), "export", "Audit", str(out), *extra]) == 0
    return out


def test_no_team_facing_format_shows_a_suppressed_tie(audited: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    texts = {
        "pdf": "".join(p.extract_text() for p in PdfReader(
            export(audited, tmp_path / "a.pdf")).pages),
        "csv": export(audited, tmp_path / "a.csv").read_text(encoding="utf-8"),
        "json": export(audited, tmp_path / "a.json").read_text(encoding="utf-8"),
        "graphml": export(audited, tmp_path / "a.graphml").read_text(encoding="utf-8"),
        # the SVG's words, not its path coordinates (which hold any digits at all)
        "svg": " ".join(ET.fromstring(export(audited, tmp_path / "a.svg").read_bytes())
                        .itertext()),
    }
    assert main(["--library", str(audited), "scores", "Audit", "--format", "table"]) == 0
    texts["table"] = capsys.readouterr().out
    for kind, text in texts.items():
        for secret in SECRETS:
            assert secret not in text, f"{kind} shows the suppressed tie ({secret})"
    scores = json.loads(texts["json"])
    (tie,) = [t for t in scores["ties"] if (t["from"], t["to"]) == ("Aides", "Builders")]
    assert tie["suppressed"] and tie["n"] == 2 and tie["rc"] is None
    assert set(tie["dimensions"].values()) == {None}
    assert any(t["rc"] is not None for t in scores["ties"])  # the shown ties are there


def test_the_workshop_file_is_the_documented_exception(audited: Path, tmp_path: Path) -> None:
    raw = export(audited, tmp_path / "a.rcdesk").read_text(encoding="utf-8")
    assert '"a1"' in raw  # individual anonymous answers travel to a co-facilitator
