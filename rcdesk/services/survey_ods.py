"""Reading the rows of an OpenDocument spreadsheet (.ods, LibreOffice's own format) with
the standard library: its content.xml holds each sheet as table rows of cells, repeated
rows and cells compressed by a count. No library beyond zipfile and ElementTree is needed.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
MAX_REPEAT = 10_000  # a sheet's trailing empty rows/cells are stored as one huge repeat
MAX_CONTENT_BYTES = 256 * 1024 * 1024

Record = tuple[int, list[str]]


def _cell_text(cell: ElementTree.Element) -> str:
    kind = cell.get(f"{{{OFFICE}}}value-type")
    if kind in ("float", "percentage", "currency"):
        value = cell.get(f"{{{OFFICE}}}value", "")
        try:
            number = float(value)
        except ValueError:
            return value
        return str(int(number)) if number.is_integer() else value
    paragraphs = cell.findall(f"{{{TEXT}}}p")
    return "\n".join("".join(p.itertext()) for p in paragraphs)


def _row_cells(row: ElementTree.Element) -> list[str]:
    cells: list[str] = []
    for cell in row:
        if cell.tag not in (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell"):
            continue
        repeat = min(int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1")), MAX_REPEAT)
        cells.extend([_cell_text(cell)] * repeat)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def ods_sheets(data: bytes) -> dict[str, list[Record]]:
    """Sheet name → its non-blank rows (1-based row numbers), in the file's order.

    Raises ValueError (or zipfile.BadZipFile) for a file that is not a readable .ods.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("content.xml")
        if info.file_size > MAX_CONTENT_BYTES:
            raise ValueError("content.xml is too large")
        root = ElementTree.fromstring(archive.read(info))
    sheets: dict[str, list[Record]] = {}
    for table in root.iter(f"{{{TABLE}}}table"):
        name = table.get(f"{{{TABLE}}}name", f"Sheet{len(sheets) + 1}")
        records: list[Record] = []
        number = 0
        for row in table.iter(f"{{{TABLE}}}table-row"):
            repeat = int(row.get(f"{{{TABLE}}}number-rows-repeated", "1"))
            cells = _row_cells(row)
            if "".join(cells).strip():
                for _ in range(min(repeat, MAX_REPEAT)):
                    number += 1
                    records.append((number, list(cells)))
            else:
                number += repeat
        sheets[name] = records
    return sheets
