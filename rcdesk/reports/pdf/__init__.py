"""The PDF summary (reportlab platypus): the document in document.py, one module per
section beside it, the fonts, styles and footer in style.py.

`from rcdesk.reports.pdf import write_summary_pdf` (and the document's other public names)
keeps working here; the package imports reportlab when first imported.
"""

from rcdesk.reports.pdf.document import (
    BOTTOM_MARGIN,
    build_story,
    chosen_sections,
    metadata,
    page_size,
    write_summary_pdf,
)

__all__ = ["BOTTOM_MARGIN", "build_story", "chosen_sections", "metadata", "page_size",
           "write_summary_pdf"]
