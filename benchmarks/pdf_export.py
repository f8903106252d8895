"""Benchmark: the PDF summary of the sample workshop (target: under 3 s).

The figure covers reading the workshop into a report snapshot (latest wave,
compared with the first) and writing every section: map, heat-map and profile
charts at 200 dpi, tables, fonts. The library is built once, outside the timing;
matplotlib and reportlab are imported before timing (a warm process, as in the
app, where the second export is the typical one). The baseline, measured in the
same run, is reportlab building a one-page document with one paragraph.

Run alone: `python -m benchmarks.pdf_export`; benchmarks/__main__.py can add
`PDF_EXPORT` to its BENCHMARKS.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from benchmarks.timing import RUNS, median_seconds


@cache
def sample_library() -> Path:
    from rcdesk.services.library import LibraryService
    from rcdesk.services.sample import build_sample
    from rcdesk.store.connection import open_library

    path = Path(tempfile.mkdtemp(prefix="rcdesk-bench-")) / "library.sqlite"
    library = open_library(path, create=True)
    try:
        build_sample(LibraryService(library))
    finally:
        library.close()
    return path


def export_sample_pdf(folder: Path) -> None:
    """The measured action: snapshot of the sample (with a comparison) → PDF file."""
    from rcdesk.reports.pdf import write_summary_pdf
    from rcdesk.services.report import ReportService
    from rcdesk.store.connection import open_library

    library = open_library(sample_library(), create=False)
    try:
        service = ReportService(library, 1)
        waves = service.waves()
        snapshot = service.snapshot(waves[-1].id, waves[0].id if len(waves) > 1 else None)
    finally:
        library.close()
    out = write_summary_pdf(snapshot, folder / "sample.pdf")
    assert out.stat().st_size > 10_000


def one_page_reportlab(folder: Path) -> None:
    """Baseline: reportlab platypus, one paragraph on one page, built-in font."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    doc = SimpleDocTemplate(str(folder / "one.pdf"))
    doc.build([Paragraph("One page.", getSampleStyleSheet()["Normal"])])


PDF_EXPORT: tuple[str, Callable[[Path], None], str, Callable[[Path], None]] = (
    "PDF summary of the sample workshop", export_sample_pdf,
    "reportlab one-page document", one_page_reportlab,
)


def warm_up() -> None:
    """Import matplotlib and reportlab and build the library, outside the timings."""
    with tempfile.TemporaryDirectory() as folder:
        export_sample_pdf(Path(folder))
        one_page_reportlab(Path(folder))


def main() -> int:
    warm_up()
    measured, base = median_seconds(export_sample_pdf), median_seconds(one_page_reportlab)
    print(f"{PDF_EXPORT[0]}: {measured:.3f} s (median of {RUNS}; target under 3 s); "
          f"{PDF_EXPORT[2]}: {base:.4f} s; ratio {measured / base:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
