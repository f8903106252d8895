"""The huddle follow-up and the PDF say "signal" only from the chart's rules (issue 21)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pypdf

from rcdesk.reports.pdf import write_summary_pdf
from rcdesk.services.follow_up import measure_verdicts, verdict_words
from rcdesk.services.gaps import GapsService
from rcdesk.services.report import ReportService
from rcdesk.services.report_gaps import gaps_report
from rcdesk.services.workshop import WorkshopService

START = date(2026, 1, 5)


def measured_gap(gaps: GapsService, title: str, numbers: list[float]) -> int:
    gaps.create_gap(gaps.draft(title))
    gap_id = max(g.id for g in gaps.gaps())
    for i, value in enumerate(numbers):
        gaps.add_measure_value(gap_id, START + timedelta(days=7 * i), value)
    return gap_id


def test_the_verdicts_come_from_the_rules_never_from_the_latest_value(
        sample: WorkshopService) -> None:
    gaps = GapsService(sample)
    # Eyeballing would call the last two (much higher) values an improvement: too few.
    few = measured_gap(gaps, "Few points", [10, 11, 10, 12, 30, 31])
    noise = measured_gap(gaps, "Noise", [10, 12, 9, 11, 10, 13, 9, 12, 10, 11, 9, 12, 11, 10])
    shift = measured_gap(gaps, "Shift", [10, 11, 9, 10, 12, 9, 11, 10, 9, 11,
                                         20, 21, 22, 20, 23, 21, 22, 20, 21])
    found = measure_verdicts(gaps)
    assert verdict_words(found[few]) == "Too few points to judge"
    assert verdict_words(found[noise]) == "No signal yet"
    assert verdict_words(found[shift]) == "Signal"
    assert "10 points in a row below the centre line: a shift" in found[shift].text
    assert verdict_words(None) == "No values yet"

    report = gaps_report(sample.library, sample.workshop_id, START + timedelta(days=200))
    by_title = {line.title: line for line in report.gaps}
    assert by_title["Shift"].measure.endswith(". I chart (XmR): signal")
    assert by_title["Few points"].measure.endswith(". I chart (XmR): too few points to judge")
    steps = [s.text for s in report.next_steps]
    assert "Gap: Noise (open; chart: no signal yet)" in steps


def test_the_pdf_prints_each_charts_verdict_as_text(sample: WorkshopService,
                                                    tmp_path: Path) -> None:
    gaps = GapsService(sample)
    measured_gap(gaps, "Shift", [10, 11, 9, 10, 12, 9, 11, 10, 9, 11,
                                 20, 21, 22, 20, 23, 21, 22, 20, 21])
    snapshot = ReportService(sample.library, sample.workshop_id).snapshot()
    path = write_summary_pdf(snapshot, tmp_path / "report.pdf")
    text = " ".join(" ".join(page.extract_text().split())
                    for page in pypdf.PdfReader(path).pages)
    assert "Measures over time (run and control charts)" in text
    assert "Shift: I chart (XmR). Signal:" in text
    assert "no signal yet" in text.lower() or "too few points to judge" in text.lower()
