"""`rcdesk export W OUT.json --table gaps`: the gap log with each chart's analysis (issue 21).

Before issue 21 the `--table` option was silently ignored for .json and the scores
were written instead.
"""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from pathlib import Path

import pytest

from rcdesk.cli import EXIT_BAD_INPUT, EXIT_OK, main
from rcdesk.services.gaps import GapsService
from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.store.connection import open_library

SAMPLE = "Hospital discharge (sample)"
LOAN_COSTS = [310, 288, 297, 298, 307, 303, 294, 297, 308, 306, 294, 299, 297, 299, 314, 295,
              293, 306, 301, 304]  # Montgomery's mortgage-loan costs (I chart: 300.5 ± 20.72)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The sample, plus a gap measured with Montgomery's loan costs."""
    path = tmp_path / "library.sqlite"
    opened = open_library(path, create=True)
    try:
        library = LibraryService(opened)
        gaps = GapsService(library.open(build_sample(library)))
        gaps.create_gap(gaps.draft("Loan costs"))
        gap_id = max(g.id for g in gaps.gaps())
        for week, cost in enumerate(LOAN_COSTS):
            gaps.add_measure_value(gap_id, date(2026, 1, 5) + timedelta(days=7 * week), cost)
    finally:
        opened.close()
    return path


def export(capsys: pytest.CaptureFixture[str], library: Path, out: Path,
           *extra: str) -> tuple[int, list[str], list[str]]:
    code = main(["--library", str(library), "export", SAMPLE, str(out), *extra])
    stdout, stderr = capsys.readouterr()
    return code, stdout.splitlines(), stderr.splitlines()


def test_json_with_table_gaps_writes_the_gap_log_not_the_scores(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "gaps.json"
    code, lines, _ = export(capsys, library, out, "--table", "gaps")
    assert (code, lines) == (EXIT_OK, [str(out)])
    document = json.loads(out.read_text("utf-8"))
    assert document["format"] == "rcdesk-gaps" and document["workshop"] == SAMPLE
    titles = [g["title"] for g in document["gaps"]]
    assert "Discharge orders ready by 10:00" in titles and "Loan costs" in titles


def test_each_gap_carries_its_values_cycles_and_chart_analysis(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "gaps.json"
    export(capsys, library, out, "--table", "gaps")
    gaps = {g["title"]: g for g in json.loads(out.read_text("utf-8"))["gaps"]}
    loans = gaps["Loan costs"]
    assert [v["value"] for v in loans["values"]] == LOAN_COSTS
    assert loans["measure"]["chart"] == "i" and loans["measure"]["chart_chosen"] is False
    analysis = loans["analysis"]
    assert analysis["chart"] == "i" and len(analysis["stages"]) == 1
    stage = analysis["stages"][0]
    ranges = [abs(b - a) for a, b in zip(LOAN_COSTS, LOAN_COSTS[1:], strict=False)]
    sigma = sum(ranges) / len(ranges) / 1.128
    chart = stage["control_chart"]
    assert chart["centre_line"] == pytest.approx(300.5)
    assert chart["upper_limits"] == pytest.approx([300.5 + 3 * sigma] * 20)
    assert chart["lower_limits"] == pytest.approx([300.5 - 3 * sigma] * 20)
    assert round(chart["upper_limits"][0], 2) == 321.22  # Montgomery's published UCL
    runs = stage["runs"]
    assert runs["useful_observations"] == 20 and runs["enough_to_judge"] is True
    assert runs["longest_run_limit"] == round(math.log2(20) + 3) == 7
    assert runs["crossings_limit"] == 6  # Anhøj's table for 20 useful points
    assert isinstance(runs["longest_run_signal"], bool)
    assert analysis["verdict"]["judgement"] in ("signal", "no signal yet")
    discharge = gaps["Discharge orders ready by 10:00"]
    assert discharge["cycles"] and discharge["cycles"][0]["number"] == 1
    assert discharge["analysis"]["stages"][0]["median"] is not None


def test_json_with_table_experiments_is_refused_with_a_message(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cycles.json"
    code, lines, err = export(capsys, library, out, "--table", "experiments")
    assert (code, lines) == (EXIT_BAD_INPUT, [])
    assert "--table gaps" in " ".join(err) and not out.exists()


def test_json_without_table_still_writes_the_scores(
        library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "scores.json"
    assert export(capsys, library, out)[0] == EXIT_OK
    assert "gaps" not in json.loads(out.read_text("utf-8"))
