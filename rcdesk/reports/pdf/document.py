"""The PDF summary the team and its sponsors get after a workshop (reportlab platypus).

`write_summary_pdf(snapshot, path, sections=...)` is a plain function of a
ReportSnapshot (services/report.py builds it): no library, no Qt. Sections are
printed in the order of snapshot.SECTIONS, and only when chosen and when there
is something to show. The page size is the workshop's setting (A4 or Letter);
every page has a running footer and "Page n of N"; the file carries title,
author, subject, keywords and language; DejaVu Sans is embedded (subset) and is
the initial font, so no unembedded Helvetica is left. The PDF is written to a
temporary file beside the target and moved into place, so a failure never
leaves half a report (nor harms an older one).

reportlab does no bidirectional layout or complex shaping, and DejaVu has no
emoji: right-to-left names print in stored (logical) order and emoji as empty
boxes, but they are kept in the text layer and never crash the export
(docs/report.md).

Each section is built by its own module beside this one (cover, roles, map, scores with
the change between waves, agenda, highlights, pulse, gaps, model, structures, method),
from the fonts, styles and footer of style.py and the wording of words.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from rcdesk import __version__
from rcdesk.domain.settings import PaperSize
from rcdesk.files import atomic_file
from rcdesk.reports.pdf.agenda import agenda_section
from rcdesk.reports.pdf.cover import cover
from rcdesk.reports.pdf.gaps import gaps_section
from rcdesk.reports.pdf.highlights import highlights_section
from rcdesk.reports.pdf.map import relational_map
from rcdesk.reports.pdf.method import method_note
from rcdesk.reports.pdf.model import model_page
from rcdesk.reports.pdf.pulse import pulse_section
from rcdesk.reports.pdf.roles import roles_present
from rcdesk.reports.pdf.scores import change_section, score_sections
from rcdesk.reports.pdf.structures import structures_section
from rcdesk.reports.pdf.style import FONT, MARGIN, footer_canvas, register_pdf_fonts
from rcdesk.reports.pdf.votes import priorities_section
from rcdesk.reports.snapshot import SECTION_KEYS, ReportSnapshot

#: Sections that begin on a fresh page.
_NEW_PAGE = frozenset({"cover", "map", "scores", "change", "agenda", "gaps", "structures",
                       "method"})
BOTTOM_MARGIN = MARGIN + 6  # room for the footer


def page_size(paper: PaperSize) -> tuple[float, float]:
    from reportlab.lib.pagesizes import A4, letter

    size = letter if paper is PaperSize.LETTER else A4
    return (float(size[0]), float(size[1]))


def chosen_sections(snapshot: ReportSnapshot,
                    sections: Collection[str] | None = None) -> list[str]:
    """The sections that will be printed, in report order."""
    wanted = SECTION_KEYS if sections is None else sections
    unknown = set(wanted) - set(SECTION_KEYS)
    if unknown:
        raise ValueError(f"unknown report sections: {sorted(unknown)}")
    return [key for key in SECTION_KEYS if key in wanted and snapshot.available(key)]


def build_story(snapshot: ReportSnapshot, sections: list[str], width: float,
                height: float) -> list[Any]:
    from reportlab.platypus import CondPageBreak, PageBreak, Spacer

    builders: dict[str, Callable[[], list[Any]]] = {
        "cover": lambda: cover(snapshot, width),
        "roles": lambda: roles_present(snapshot, width),
        "map": lambda: relational_map(snapshot, width, height),
        "scores": lambda: score_sections(snapshot, width, height),
        "change": lambda: change_section(snapshot, width),
        "agenda": lambda: agenda_section(snapshot, width, height),
        "highlights": lambda: highlights_section(snapshot, width, height),
        "pulse": lambda: pulse_section(snapshot, width, height),
        "gaps": lambda: gaps_section(snapshot, width, height),
        "priorities": lambda: priorities_section(snapshot, width),
        "model": lambda: model_page(snapshot, width, height),
        "structures": lambda: structures_section(snapshot, width),
        "method": lambda: method_note(snapshot, width),
    }
    story: list[Any] = []
    for key in sections:
        if story:
            story += ([PageBreak()] if key in _NEW_PAGE
                      else [CondPageBreak(height * 0.3), Spacer(1, 14)])
        story += builders[key]()
    return story


def metadata(snapshot: ReportSnapshot) -> dict[str, str]:
    """Title, author, subject, keywords, language (the creation date is reportlab's)."""
    w = snapshot.workshop
    wave = f", wave “{snapshot.wave.name}”" if snapshot.wave else ""
    return {
        "title": f"{w.title} — relational coordination summary",
        "author": w.facilitator or "rcdesk",
        "subject": f"Relational coordination workshop summary{wave}"
                   + (f" for {w.team}" if w.team else ""),
        "keywords": "relational coordination, relational model of change, workshop",
        "creator": f"rcdesk {__version__}",
        "lang": "en",
    }


def write_summary_pdf(snapshot: ReportSnapshot, path: str | os.PathLike[str],
                      sections: Collection[str] | None = None) -> Path:
    """Write the report; return the path. File problems raise DomainError naming the file."""
    from reportlab import rl_config
    from reportlab.platypus import SimpleDocTemplate

    register_pdf_fonts()
    # Binary image streams: ASCII85 (reportlab's default) makes them 25% bigger and, without
    # reportlab's C accelerator, costs a second of pure Python per report.
    rl_config.useA85 = 0
    target = Path(path)
    chosen = chosen_sections(snapshot, sections)
    size = page_size(snapshot.workshop.settings.paper_size)
    width = size[0] - 2 * MARGIN
    height = size[1] - MARGIN - BOTTOM_MARGIN
    story = build_story(snapshot, chosen, width, height)
    meta = metadata(snapshot)
    footer = f"{snapshot.workshop.title} · RC summary · {snapshot.report_date.isoformat()}"
    with atomic_file(target, "the report", 0o666) as handle:  # the user's usual permissions
        doc = SimpleDocTemplate(
            handle, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=BOTTOM_MARGIN, initialFontName=FONT,
            initialFontSize=10, **meta)
        doc.build(story, canvasmaker=footer_canvas(footer))
    return target
