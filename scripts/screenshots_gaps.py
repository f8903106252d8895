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
from pathlib import Path

from shots import OUT, sample_window, settle  # scripts/shots.py
from ui import layout_audit_states as states  # tests/ui/, on the path through shots


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
    for state, name in ((states.run_chart_panel, "gaps-run-chart-shift.png"),
                        (states.p_chart_panel, "gaps-p-chart-staged.png")):
        with state(window):
            settle(app, 1.2)
            window.grab().save(str(OUT / name))
    window.set_projector_mode(True)
    with states.p_chart_panel(window):
        settle(app, 1.5)
        window.grab().save(str(OUT / "gaps-p-chart-projector-panel.png"))
    with states.p_chart_large(window) as large:  # "Show chart large": the chart alone
        settle(app, 2.0)
        large.grab().save(str(OUT / "gaps-p-chart-projector.png"))
    window.set_projector_mode(False)
    pdf_pages(page, Path(tempfile.mkdtemp(prefix="rcdesk-gaps-pdf-")))
    with states.huddle_follow_up(window):
        settle(app)
        window.grab().save(str(OUT / "gaps-follow-up.png"))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
