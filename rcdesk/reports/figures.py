"""The one way reports make a matplotlib figure: Agg canvas, DejaVu Sans, white, laid out."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rcdesk.reports.map_image import register_fonts

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def new_figure(width_in: float, height_in: float, dpi: float) -> Figure:
    """A Figure (never pyplot) with its Agg canvas, so it renders without any display."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    register_fonts()
    figure = Figure(figsize=(width_in, height_in), dpi=dpi, facecolor="white",
                    layout="constrained")
    FigureCanvasAgg(figure)
    return figure


@contextmanager
def missing_glyphs_allowed() -> Iterator[None]:
    """Draw text with characters DejaVu Sans lacks (emoji in a title) without a warning on
    each: they show as boxes, as in the PDF (docs/report.md), and are kept in the data."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        yield
