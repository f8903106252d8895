"""The report's pulse section: aggregates only, hidden below k, trend across waves."""

from __future__ import annotations

from pathlib import Path

import pypdf

from rcdesk.domain.psych_safety import ITEM_KEYS
from rcdesk.reports.pdf import chosen_sections, write_summary_pdf
from rcdesk.reports.snapshot import ReportSnapshot
from rcdesk.services.pulse import PulseService
from rcdesk.services.report import ReportService
from rcdesk.services.workshop import WorkshopService
from rcdesk.store.connection import open_library

from ..report_data import CLOCK, build_surveyed


def make_snapshot(folder: Path, follow_up_answers: int) -> ReportSnapshot:
    library = open_library(folder / "library.sqlite", create=True)
    try:
        workshop_id = build_surveyed(library, folder)
        pulses = PulseService(WorkshopService(library, workshop_id))
        baseline, follow_up = (w.id for w in pulses.workshop.waves())
        for key in ITEM_KEYS:  # 4 people: 3 chose 6, 1 chose 2 → 5.00 (reversed: 3.00)
            pulses.set_tally(baseline, key, 6, 3)
            pulses.set_tally(baseline, key, 2, 1)
        for _ in range(follow_up_answers):  # all 1: reversed items 7, others 1 → 3.57
            pulses.record_answers(follow_up, dict.fromkeys(ITEM_KEYS, 1))
        if follow_up_answers >= pulses.k:  # the facilitator showed them (issue 15)
            pulses.show_results(follow_up)
        return ReportService(library, workshop_id, clock=lambda: CLOCK).snapshot()
    finally:
        library.close()


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_pulse_section_shows_the_wave_and_the_trend(tmp_path: Path) -> None:
    snapshot = make_snapshot(tmp_path, follow_up_answers=3)
    sections = chosen_sections(snapshot)
    assert sections.index("pulse") < sections.index("method")
    text = text_of(write_summary_pdf(snapshot, tmp_path / "r.pdf"))
    assert "Psychological safety pulse" in text
    assert "team score 3.57" in text
    assert "mistakes held against you" in text  # the item themes
    assert "Across waves" in text and "4.14" in text  # baseline: (4 × 5.00 + 3 × 3.00) / 7
    assert text.find("Psychological safety pulse") < text.find("Method note")
    assert "laptop-" not in text  # no respondent ever
    method = text[text.find("Method note"):]
    assert "Psychological-safety pulse" in method and "reverse" in method  # how it is scored


def test_below_k_nothing_of_the_wave_is_printed(tmp_path: Path) -> None:
    snapshot = make_snapshot(tmp_path, follow_up_answers=2)
    assert snapshot.pulse is not None and snapshot.pulse.result is not None
    assert snapshot.pulse.result.suppressed
    text = text_of(write_summary_pdf(snapshot, tmp_path / "r.pdf"))
    assert "2 responses, fewer than 3; the results are hidden" in text
    assert "3.57" not in text and "mistakes held against you" not in text
    assert "hidden (fewer than 3)" in text


def test_without_any_pulse_the_section_is_left_out(tmp_path: Path) -> None:
    library = open_library(tmp_path / "library.sqlite", create=True)
    try:
        workshop_id = build_surveyed(library, tmp_path)
        snapshot = ReportService(library, workshop_id, clock=lambda: CLOCK).snapshot()
    finally:
        library.close()
    assert "pulse" not in chosen_sections(snapshot)
    text = text_of(write_summary_pdf(snapshot, tmp_path / "r.pdf", sections={"method"}))
    assert "Method note" in text and "Psychological-safety pulse" not in text


def test_review_an_item_few_answered_prints_no_mean(tmp_path: Path) -> None:
    """Three people answer, but only one answers ps7: its mean would be that answer."""
    library = open_library(tmp_path / "library.sqlite", create=True)
    try:
        workshop_id = build_surveyed(library, tmp_path)
        pulses = PulseService(WorkshopService(library, workshop_id))
        wave = pulses.workshop.waves()[-1].id
        for seven in (None, None, 2):
            pulses.record_answers(wave, {**dict.fromkeys(ITEM_KEYS[:6], 4), "ps7": seven})
        pulses.show_results(wave)
        snapshot = ReportService(library, workshop_id, clock=lambda: CLOCK).snapshot()
    finally:
        library.close()
    assert snapshot.pulse is not None and snapshot.pulse.result is not None
    assert snapshot.pulse.result.items["ps7"] is None
    text = text_of(write_summary_pdf(snapshot, tmp_path / "r.pdf"))
    assert "a statement's mean only when 3 people answered it" in " ".join(text.split())
    assert "2.00" not in text
