"""The team's change model on one page, as a matplotlib Figure for the screen and the PDF.

Laid out like the seed's model, left to right: what the team is changing (structural,
relational and work-process interventions in flight) → how its roles coordinate
(relational coordination overall and by dimension, with the change since the baseline
wave) → what it wants to achieve (the aims under the performance outcomes, each with a
sparkline of its data, its target and whether the latest value reaches it). Text carries
every figure, so the page reads in greyscale; bars are patterned by band as on the map.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rcdesk.domain.bands import Band, band_for
from rcdesk.domain.change_model import AimFigure, ChangeModel, InterventionItem
from rcdesk.domain.errors import DomainError
from rcdesk.domain.settings import DEFAULT_STRONG_ABOVE, DEFAULT_WEAK_BELOW
from rcdesk.reports import map_style as ms
from rcdesk.reports.figures import missing_glyphs_allowed, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.text import Text

TEXT, MUTED, RULE = "#1B1F24", "#4D5561", "#C5CBD3"
KIND_TITLES = {"structural": "Structures", "relational": "Conversations held",
               "work_process": "PDSA cycles"}
BAR_HATCH = {Band.WEAK: "//", Band.MODERATE: "", Band.STRONG: "", Band.UNRATED: ".."}
#: Items listed per kind before "and N more".
MAX_ITEMS = 5


class _Box:
    """Text placed in a box of the figure in the box's own 0–1 coordinates, as an axes'
    transAxes places it, without an axes: the page's text-only axes (each with ticks and
    spines, hidden but built) were most of the figure's build."""

    def __init__(self, figure: Figure, box: tuple[float, float, float, float]) -> None:
        self.figure = figure
        self.left, self.bottom, self.width, self.height = box

    def text(self, x: float, y: float, text: str, **style: Any) -> Text:
        return self.figure.text(self.left + x * self.width, self.bottom + y * self.height,
                                text, **style)


def signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


def _heading(figure: Figure, title: str, subtitle: str, size: float) -> None:
    figure.text(0.02, 0.975, title, fontsize=size * 1.45, weight="bold", color=TEXT, va="top",
                family=ms.FONT_FAMILY)
    figure.text(0.02, 0.915, subtitle, fontsize=size * 0.9, color=MUTED, va="top",
                family=ms.FONT_FAMILY)


def _interventions(column: _Box, items: tuple[InterventionItem, ...], size: float,
                   height_pt: float) -> None:
    """The interventions in flight, grouped by kind, a few of each (what fits)."""
    line = size * 1.45 / height_pt  # one line of text, as a fraction of the column
    room = int((1 / line - 3 * 2.0) / 2.05 / 3)  # items per kind that fit
    shown = max(1, min(MAX_ITEMS, room))
    y = 1.0
    for kind, title in KIND_TITLES.items():
        chosen = [i for i in items if i.kind == kind]
        column.text(0, y, title, fontsize=size * 1.05, weight="bold", color=TEXT, va="top",
                family=ms.FONT_FAMILY)
        y -= line * 1.4
        if not chosen:
            column.text(0.03, y, "none yet", fontsize=size * 0.9, color=MUTED, va="top",
                    family=ms.FONT_FAMILY)
            y -= line
        for item in chosen[:shown]:
            text = textwrap.shorten(item.title, 40, placeholder="…")
            column.text(0.03, y, f"• {text}", fontsize=size * 0.9, color=TEXT, va="top",
                    family=ms.FONT_FAMILY)
            column.text(0.07, y - line * 0.95, item.detail, fontsize=size * 0.8, color=MUTED,
                    va="top", family=ms.FONT_FAMILY)
            y -= line * 2.05
        if len(chosen) > shown:
            column.text(0.03, y, f"and {len(chosen) - shown} more", fontsize=size * 0.8,
                    color=MUTED, va="top", family=ms.FONT_FAMILY)
            y -= line
        y -= line * 0.6


def _coordination(figure: Figure, box: tuple[float, float, float, float], model: ChangeModel,
                  size: float) -> None:
    left, bottom, width, height = box
    top = _Box(figure, (left, bottom + height * 0.78, width, height * 0.12))
    overall = "no scores shown yet" if model.rc is None else f"{model.rc:.2f}"
    top.text(0, 0.9, f"Overall RC {overall}", fontsize=size * 1.5, weight="bold", color=TEXT,
             va="top", family=ms.FONT_FAMILY)
    since = (f"{signed(model.rc_change)} since {model.baseline}"
             if model.rc_change is not None and model.baseline else "no earlier wave to compare")
    top.text(0, 0.35, f"{model.wave} · {model.source} · {since}", fontsize=size * 0.85,
             color=MUTED, va="top", family=ms.FONT_FAMILY)
    top.text(0, -0.05, "Each dimension: its score, then its change. Hatched bars: weak.",
             fontsize=size * 0.8, color=MUTED, va="top", family=ms.FONT_FAMILY)
    bars = figure.add_axes((left + width * 0.38, bottom + height * 0.04, width * 0.44,
                            height * 0.64))
    names = [d.name for d in model.dimensions]
    values = [d.value or 0 for d in model.dimensions]
    rows = list(range(len(names)))[::-1]
    for row, dim, value in zip(rows, model.dimensions, values, strict=True):
        band = band_for(dim.value, DEFAULT_WEAK_BELOW, DEFAULT_STRONG_ABOVE)
        colour = ms.BAND_STYLES[band].colour
        bars.barh(row, value - 1 if dim.value is not None else 0, left=1, color=colour,
                  hatch=BAR_HATCH[band], edgecolor=TEXT, linewidth=0.6, height=0.6)
        shown = "—" if dim.value is None else f"{dim.value:.2f}"
        change = "" if dim.change is None else f"  {signed(dim.change)}"
        bars.text(5.05, row, shown + change, va="center", fontsize=size * 0.85, color=TEXT,
                  family=ms.FONT_FAMILY, clip_on=False)
    bars.set_yticks(rows, names, fontsize=size * 0.85, family=ms.FONT_FAMILY, color=TEXT)
    bars.set_xlim(1, 5)
    bars.set_xticks([1, 2, 3, 4, 5])
    bars.tick_params(axis="x", labelsize=size * 0.75)
    for side in ("top", "right"):
        bars.spines[side].set_visible(False)


def _aim(figure: Figure, box: tuple[float, float, float, float], aim: AimFigure,
         size: float) -> None:
    left, bottom, width, height = box
    words = _Box(figure, (left, bottom + height * 0.45, width, height * 0.55))
    title = textwrap.shorten(aim.title, 46, placeholder="…")
    words.text(0, 1, title, fontsize=size * 0.95, weight="bold", color=TEXT, va="top",
               family=ms.FONT_FAMILY)
    met = {True: "target met", False: "not there yet", None: "no data yet"}[aim.target_met]
    latest = "" if aim.latest is None else f"now {aim.latest:g} {aim.unit}"
    target = "" if aim.target is None else f" · target {aim.target:g}"
    words.text(0, 0.62, f"{aim.outcome} · {met}", fontsize=size * 0.8, color=MUTED,
               va="top", family=ms.FONT_FAMILY)
    words.text(0, 0.38, textwrap.shorten(latest + target, 48, placeholder="…"),
               fontsize=size * 0.8, color=MUTED, va="top", family=ms.FONT_FAMILY)
    drivers = ", ".join(aim.drivers) or "none named yet"
    words.text(0, 0.14, textwrap.shorten(f"Driven by: {drivers}", 52, placeholder="…"),
               fontsize=size * 0.75, color=MUTED, va="top", family=ms.FONT_FAMILY)
    spark = figure.add_axes((left, bottom + height * 0.05, width * 0.9, height * 0.36))
    spark.set_axis_off()
    if aim.values:
        xs = list(range(len(aim.values)))
        ys = [v for _, v in aim.values]
        spark.plot(xs, ys, color=TEXT, linewidth=1.4, marker="o", markersize=size * 0.3)
        if aim.target is not None:
            spark.axhline(aim.target, color=MUTED, linewidth=1, linestyle=(0, (4, 3)))
            low, high = min([*ys, aim.target]), max([*ys, aim.target])
            pad = (high - low) * 0.15 or 1
            spark.set_ylim(low - pad, high + pad)


def change_model_figure(model: ChangeModel, width_in: float = 13.33, height_in: float = 7.5,
                        dpi: float = 100) -> Figure:
    """The one-page model; the default size is a 16:9 screen (1280×720 at 96 dpi), and a
    PDF page passes its own (A4 or A3 landscape)."""
    figure = new_figure(width_in, height_in, dpi)
    figure.set_layout_engine("none")
    size = 11 * min(width_in / 13.33, height_in / 7.5) ** 0.5
    _heading(figure, f"Our change model · {model.title}",
             "What we are changing  →  how our roles coordinate  →  what we want to achieve",
             size)
    columns = ((0.02, 0.31), (0.36, 0.28), (0.68, 0.3))
    heads = ("What we are changing", "How we coordinate", "What we want to achieve")
    for (left, width), head in zip(columns, heads, strict=True):
        _Box(figure, (left, 0.8, width, 0.07)).text(
            0, 0.5, head, fontsize=size * 1.2, weight="bold", color=TEXT, va="center",
            family=ms.FONT_FAMILY)
    for x in (0.335, 0.655):
        figure.text(x, 0.84, "→", fontsize=size * 2.2, color=MUTED, ha="center", va="center")
    _interventions(_Box(figure, (0.02, 0.03, 0.31, 0.74)), model.interventions, size,
                   0.74 * height_in * 72)
    _coordination(figure, (0.36, 0.03, 0.28, 0.78), model, size)
    aims = model.aims[:4]
    if not aims:
        figure.text(0.68, 0.72, "No aims under a performance outcome yet: add a gap about "
                    "an outcome, with its measure.", fontsize=size * 0.9, color=MUTED,
                    wrap=True, family=ms.FONT_FAMILY)
    slot = 0.76 / max(len(aims), 1)
    for i, aim in enumerate(aims):
        _aim(figure, (0.68, 0.78 - slot * (i + 1), 0.3, slot * 0.92), aim, size)
    return figure


#: Landscape pages a one-page model prints on (name → width, height in inches).
PAGES: dict[str, tuple[float, float]] = {
    "A4": (11.69, 8.27), "A3": (16.54, 11.69), "Letter": (11.0, 8.5), "Tabloid": (17.0, 11.0)}
FORMATS = ("pdf", "png", "svg")


def write_change_model(model: ChangeModel, path: str | os.PathLike[str], page: str = "A4"
                       ) -> Path:
    """Write the one-page model as a landscape PDF page (text kept as text, DejaVu Sans
    embedded), or a PNG or SVG image, by the file's suffix; return the path."""
    from rcdesk.files import atomic_file

    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise DomainError(f"Cannot write the change model to {target.name}: the file name "
                          "must end in .pdf, .png or .svg.")
    width, height = PAGES[page]
    figure = change_model_figure(model, width, height)
    with atomic_file(target, "the change model", 0o666) as handle, missing_glyphs_allowed():
        figure.savefig(handle, format=suffix, dpi=200, metadata=_metadata(model, suffix))
    return target


def _metadata(model: ChangeModel, suffix: str) -> dict[str, str] | None:
    if suffix != "pdf":
        return None
    return {"Title": f"{model.title} — our change model", "Creator": "rcdesk"}
