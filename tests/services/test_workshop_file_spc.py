"""The .rcdesk file carries a measure's chart settings and each value's denominator (issue 21),
and still reads files written before they existed."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from rcdesk.domain.gaps import ChartType, MeasureKind
from rcdesk.services.gaps import GapsService
from rcdesk.services.library import LibraryService
from rcdesk.services.workshop import WorkshopService
from rcdesk.services.workshop_file import export_workshop_file, import_workshop_file

NEW_COLUMNS = ("measure_kind", "chart_type", "chart_baseline_points", "chart_baseline_until",
               "chart_rebaseline")


def charted_gap(sample: WorkshopService) -> int:
    gaps = GapsService(sample)
    gaps.create_gap(gaps.draft("Falls"))
    gap = max(gaps.gaps(), key=lambda g: g.id)
    gaps.update_gap(replace(gap, measure=replace(
        gap.measure, name="Patients who fell", kind=MeasureKind.PROPORTION, chart=ChartType.RUN,
        baseline_until=date(2026, 3, 1), rebaseline=False)))
    gaps.add_measure_value(gap.id, date(2026, 1, 5), 3, denominator=40)
    return gap.id


def test_chart_settings_and_denominators_round_trip(
        sample: WorkshopService, library_service: LibraryService, tmp_path: Path) -> None:
    charted_gap(sample)
    path = export_workshop_file(sample.library, sample.workshop_id, tmp_path / "w.rcdesk")
    copy = GapsService(library_service.open(import_workshop_file(sample.library, path)))
    gap = next(g for g in copy.gaps() if g.title == "Falls")
    m = gap.measure
    assert (m.kind, m.chart, m.baseline_until, m.baseline_points, m.rebaseline) == (
        MeasureKind.PROPORTION, ChartType.RUN, date(2026, 3, 1), None, False)
    assert [(v.value, v.denominator) for v in copy.measure_values(gap.id)] == [(3, 40)]


def test_a_file_without_the_chart_columns_gets_the_defaults(
        sample: WorkshopService, library_service: LibraryService, tmp_path: Path) -> None:
    charted_gap(sample)
    path = export_workshop_file(sample.library, sample.workshop_id, tmp_path / "w.rcdesk")
    document = json.loads(path.read_text("utf-8"))
    for row in document["tables"]["gaps"]:
        for column in NEW_COLUMNS:
            del row[column]
    for row in document["tables"]["measure_values"]:
        del row["denominator"]
    older = tmp_path / "older.rcdesk"
    older.write_text(json.dumps(document), "utf-8")
    copy = GapsService(library_service.open(import_workshop_file(sample.library, older)))
    gap = next(g for g in copy.gaps() if g.title == "Falls")
    assert (gap.measure.kind, gap.measure.chart, gap.measure.rebaseline) == (
        MeasureKind.CONTINUOUS, None, True)
    assert [v.denominator for v in copy.measure_values(gap.id)] == [None]
