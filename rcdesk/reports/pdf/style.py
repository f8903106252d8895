"""The PDF's letters, styles and page furniture (fonts, paragraphs, tables, figures, footer).

Every piece of text is DejaVu Sans, registered from rcdesk's own font files, so
names in Latin, Greek and Cyrillic scripts render and can be copied out of the
PDF, and no unembedded standard-14 font (Helvetica) is left in the file. User
text is always escaped before it becomes a Paragraph (reportlab reads markup).
Charts are matplotlib Figures rendered to PNG at 200 dpi.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Image, Paragraph, Table, TableStyle

from rcdesk.resource_files import read_bytes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
TEXT = colors.HexColor("#1B1F24")
MUTED = colors.HexColor("#555B62")
RULE = colors.HexColor("#C8CCD0")
HEADER_FILL = colors.HexColor("#E8EAED")
STRIPE = colors.HexColor("#F6F7F8")
CHART_DPI = 200
MARGIN = 18 * mm


@functools.cache
def register_pdf_fonts() -> None:
    """Make DejaVu Sans (regular and bold, one family) known to reportlab, once."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(read_bytes("fonts", file))))
    # No italic file is bundled: <i> falls back to the upright faces rather than Helvetica.
    for bold, italic, face in ((0, 0, FONT), (1, 0, BOLD), (0, 1, FONT), (1, 1, BOLD)):
        addMapping(FONT, bold, italic, face)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _style(name: str, size: float, *, bold: bool = False, colour: Any = TEXT,
           before: float = 0, after: float = 4, **extra: Any) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=BOLD if bold else FONT, fontSize=size,
                          leading=size * 1.3, textColor=colour, spaceBefore=before,
                          spaceAfter=after, splitLongWords=1, **extra)


STYLES: dict[str, ParagraphStyle] = {
    "cover": _style("cover", 26, bold=True, after=10),
    "subtitle": _style("subtitle", 14, colour=MUTED, after=14),
    "h1": _style("h1", 16, bold=True, before=4, after=8),
    "h2": _style("h2", 12, bold=True, before=10, after=5),
    "body": _style("body", 10, after=6),
    "small": _style("small", 8.5, colour=MUTED, after=4),
    "cell": _style("cell", 8.5, after=0),
    "cell_bold": _style("cell_bold", 8.5, bold=True, after=0),
    "cell_right": _style("cell_right", 8.5, after=0, alignment=TA_RIGHT),
    "head": _style("head", 8.5, bold=True, after=0),
    "head_right": _style("head_right", 8.5, bold=True, after=0, alignment=TA_RIGHT),
}


@functools.cache
def _covered() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_pdf_fonts()
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


def printable(text: str) -> str:
    """`text` with each character DejaVu cannot draw (emoji, mostly) named in brackets.

    reportlab would print such a character as an empty box and drop it from the text
    layer; "[party popper]" keeps its meaning readable and searchable. Invisible
    format characters without a glyph (joiners, variation selectors) are dropped.
    """
    covered = _covered()
    if all(ord(c) in covered for c in text):
        return text
    return "".join(c if ord(c) in covered or c == "\n" else _stand_in(c) for c in text)


def _stand_in(char: str) -> str:
    if unicodedata.category(char) in ("Cf", "Mn", "Me", "Cc", "Cs"):
        return " " if char in "\t\r" else ""
    name = unicodedata.name(char, "")
    return f"[{name.lower()}]" if name else f"[U+{ord(char):04X}]"


def para(text: object, style: str = "body") -> Paragraph:
    """A paragraph of user or computed text, escaped (and line breaks kept)."""
    safe = escape(printable(str(text))).replace("\n", "<br/>")
    return Paragraph(safe, STYLES[style])


def markup(text: str, style: str = "body") -> Paragraph:
    """A paragraph of rcdesk's own markup (<b>, <br/>); never user text."""
    return Paragraph(text, STYLES[style])


#: Table cells use DejaVu too (reportlab's cell default is Helvetica, even around paragraphs).
CELL_FONT: tuple[tuple[Any, ...], ...] = (("FONTNAME", (0, 0), (-1, -1), FONT),
                                          ("FONTSIZE", (0, 0), (-1, -1), 8.5))


def table(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
          *, right: Sequence[int] = (), extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    """A table that splits across pages (header repeated, tall rows split inside).

    Cells are escaped paragraphs, so long text wraps instead of running off the page;
    columns in `right` are right-aligned (numbers).
    """
    body = [[para(cell, "cell_right" if i in right else "cell") for i, cell in enumerate(row)]
            for row in rows]
    head = [para(cell, "head_right" if i in right else "head") for i, cell in enumerate(header)]
    result = Table([head, *body], colWidths=list(widths), repeatRows=1, splitInRow=1,
                   hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        *CELL_FONT,
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, TEXT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *extra,
    ]
    result.setStyle(TableStyle(commands))
    return result


def figure_image(figure: Figure, max_width: float, max_height: float) -> Image:
    """A matplotlib Figure as a PNG scaled to fit the box (aspect kept), 200 dpi as printed.

    The resolution follows the printed size, not the figure's own: a map as wide as a
    screen is drawn at fewer dots per figure inch, so it is as sharp and no bigger.
    """
    width_in, height_in = figure.get_size_inches()
    scale = min(max_width / (width_in * 72), max_height / (height_in * 72))
    buffer = io.BytesIO()
    # zlib level 1: reportlab decodes the PNG and compresses the pixels again, so a
    # smaller PNG buys nothing (a 200-role map's took 0.25 s at the default level)
    figure.savefig(buffer, format="png", dpi=CHART_DPI * scale, facecolor="white",
                   pil_kwargs={"compress_level": 1})
    buffer.seek(0)
    return Image(buffer, width=width_in * 72 * scale, height=height_in * 72 * scale)


class FooterCanvas(Canvas):  # type: ignore[misc]
    """A canvas that writes "footer text … Page n of N" on every page.

    Pages are kept until the end so the total is known (the usual reportlab recipe).
    """

    footer = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(MUTED)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, 12 * mm, width - MARGIN, 12 * mm)
        page = f"Page {self._pageNumber} of {total}"
        room = width - 2 * MARGIN - self.stringWidth(page, FONT, 8) - 12
        self.drawString(MARGIN, 8 * mm, _fit(self, self.footer, room))
        self.drawRightString(width - MARGIN, 8 * mm, page)
        self.restoreState()


def _fit(canvas: Canvas, text: str, width: float) -> str:
    """`text` shortened with an ellipsis to fit `width` points in the footer font."""
    if canvas.stringWidth(text, FONT, 8) <= width:
        return text
    while text and canvas.stringWidth(text + "…", FONT, 8) > width:
        text = text[:-1]
    return text + "…"


def footer_canvas(text: str) -> type[FooterCanvas]:
    """A FooterCanvas class carrying this report's footer text."""
    return type("ReportCanvas", (FooterCanvas,), {"footer": printable(" ".join(text.split()))})
