"""Screenshots of the Gaps & Experiments page (run under Xvfb at 1280x720).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python scripts/screenshots_gaps.py

Builds the sample workshop in a temporary library and saves the gap log, an
experiment's PDSA form with the timeline of cycles, the measure's chart and the
huddle follow-up to docs/screenshots/gaps*.png. Then it adds two charted gaps (a
run chart with a shift after a change; a P chart staged at an adopted change, on
Montgomery's orange-juice data) and saves them on screen, in projector mode, and as
they print in the PDF (pages rendered with `pdftoppm -r 60`), and the P chart in
projector mode, in the panel and shown large. Never touches the
user's library.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from shots import OUT, sample_window, settle  # scripts/shots.py

from rcdesk.domain.experiments import Act, ExperimentStatus
from rcdesk.domain.gaps import ChartType, MeasureKind
from rcdesk.domain.model import next_meeting
from rcdesk.services.experiments import ExperimentsService
from rcdesk.services.gaps import GapsService

#: Montgomery, Introduction to SQC, Example 7.1 and the samples after the adjustment.
CANS = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24,
        15, 9, 12, 7, 13, 9, 6, 9, 6, 12, 5, 6, 4, 6, 3, 7, 6, 2, 4, 3, 6, 5, 4, 8, 5, 6, 7, 5,
        6, 3, 5]
SHIFT = [12, 14, 11, 13, 12, 15, 11, 13, 12, 14, 13, 12, 17, 18, 16, 19, 18, 17, 19, 18, 20,
         17]


def decided_cycle(cycles: ExperimentsService, gap_id: int, idea: str, start, due,
                  act: Act | None) -> None:
    cycles.add_experiment(gap_id, idea, start=start, due=due)
    cycle = max((e for e in cycles.gaps.experiments(gap_id)), key=lambda e: e.id)
    if act is None:
        cycles.set_status(cycle.id, ExperimentStatus.RUNNING)
        return
    for status in (ExperimentStatus.RUNNING, ExperimentStatus.STUDYING):
        cycles.set_status(cycle.id, status)
    cycles.set_status(cycle.id, ExperimentStatus.DECIDED, act)


def add_charted_gaps(gaps: GapsService) -> tuple[int, int]:
    """A run chart with a shift, and a P chart staged at an adopted change."""
    cycles = ExperimentsService(gaps)
    today = gaps.workshop.today()
    start = today - timedelta(days=7 * len(SHIFT))
    gaps.create_gap(gaps.draft("Discharge letters sent the same day"))
    run_id = max(g.id for g in gaps.gaps())
    gap = gaps.gap(run_id)
    gaps.update_gap(replace(gap, measure=replace(
        gap.measure, name="Letters sent the same day", unit="letters a day",
        chart=ChartType.RUN, baseline_points=12, target_value=20)))
    for week, value in enumerate(SHIFT):
        gaps.add_measure_value(run_id, start + timedelta(days=7 * week), value)
    decided_cycle(cycles, run_id, "Dictate letters on the ward round",
                  start + timedelta(days=7 * 11), start + timedelta(days=7 * 15), Act.ADAPT)
    start = today - timedelta(days=7 * len(CANS))
    gaps.create_gap(gaps.draft("Fewer leaking cans"))
    p_id = max(g.id for g in gaps.gaps())
    gap = gaps.gap(p_id)
    gaps.update_gap(replace(gap, measure=replace(
        gap.measure, name="Cans that leak", unit="of 50 cans checked",
        kind=MeasureKind.PROPORTION)))
    gap = gaps.gap(p_id)
    gaps.update_gap(replace(gap, measure=replace(gap.measure, direction=type(
        gap.measure.direction).LOWER)))
    for week, count in enumerate(CANS):
        gaps.add_measure_value(p_id, start + timedelta(days=7 * week), count, denominator=50)
    decided_cycle(cycles, p_id, "Adjust the sealing machine", start + timedelta(days=7 * 26),
                  start + timedelta(days=7 * 29), Act.ADOPT)
    decided_cycle(cycles, p_id, "New seal supplier", start + timedelta(days=7 * 44),
                  start + timedelta(days=7 * 48), None)
    return run_id, p_id


def pdf_pages(page, folder: Path) -> None:
    """The report's chart pages, as printed, at 60 dpi."""
    import pypdf

    from rcdesk.reports.pdf import write_summary_pdf
    from rcdesk.services.report import ReportService

    service = page.model.service
    report = ReportService(service.library, service.workshop_id)
    pdf = write_summary_pdf(report.snapshot(), folder / "report.pdf")
    texts = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(pdf).pages]
    wanted = sorted({n + 1 for n, text in enumerate(texts)
                     if "Cans that leak: P chart" in text
                     or "Letters sent the same day: Run chart" in text})
    for order, number in enumerate(wanted, start=1):
        name = "report-charts.png" if order == 1 else f"report-charts-{order}.png"
        prefix = folder / name.removesuffix(".png")
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(number), "-l", str(number),
                        "-singlefile", str(pdf), str(prefix)], check=True)
        (OUT / name).write_bytes(prefix.with_suffix(".png").read_bytes())


def main() -> int:
    app, window, folder, sample = sample_window("rcdesk-gaps-shots-")
    page = window.open_workshop(sample)
    assert page is not None
    gaps = page.gaps
    page.show_gaps()
    first = min(g.id for g in gaps.service.gaps())
    gaps.select(first)
    settle(app)
    window.grab().save(str(OUT / "gaps.png"))
    gaps.side.setCurrentIndex(1)
    settle(app)
    window.grab().save(str(OUT / "gaps-experiment.png"))
    gaps.side.setCurrentIndex(2)
    settle(app, 1.0)
    window.grab().save(str(OUT / "gaps-run-chart.png"))
    run_id, p_id = add_charted_gaps(gaps.service)
    for gap_id, name in ((run_id, "gaps-run-chart-shift.png"), (p_id, "gaps-p-chart-staged.png")):
        gaps.select(gap_id)
        gaps.side.setCurrentIndex(2)
        settle(app, 1.2)
        window.grab().save(str(OUT / name))
    window.set_projector_mode(True)
    gaps.select(p_id)
    settle(app, 1.5)
    window.grab().save(str(OUT / "gaps-p-chart-projector-panel.png"))
    gaps.measure.present.click()  # "Show chart large": the chart alone for the room
    settle(app, 2.0)
    assert gaps.measure.large is not None
    gaps.measure.large.grab().save(str(OUT / "gaps-p-chart-projector.png"))
    gaps.measure.large.close()
    window.set_projector_mode(False)
    pdf_pages(page, Path(tempfile.mkdtemp(prefix="rcdesk-gaps-pdf-")))
    service = page.model.service
    upcoming = next_meeting(service.meetings(), service.today())
    assert upcoming is not None
    page.overview.meetings.huddle_started.emit(upcoming.id)
    settle(app)
    window.grab().save(str(OUT / "gaps-follow-up.png"))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
