"""A survey file's rows, whatever it is: CSV (any encoding a spreadsheet writes, via
csv_input), an Excel workbook (.xlsx) or an OpenDocument spreadsheet (.ods, survey_ods),
a workbook's first sheet or the one chosen.

Workbooks are read with openpyxl, imported only when a workbook is opened (the app and
the command start without it). The file's size and SHA-256 are taken from the same bytes
that are read, for the import's provenance.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from xml.etree import ElementTree

from rcdesk.services.csv_input import (
    decoded_text,
    file_problem,
    iter_records,
    read_bytes,
    read_file_bytes,
)

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
Record = tuple[int, list[str]]
#: Records kept at hand for reading the headers and telling the layout.
HEAD = 256


class Records:
    """A file's non-blank records: the first HEAD kept at hand (headers, layout), all of
    them read afresh on each pass, so a 1,000,000-row CSV is never held as lists of cells.
    A CSV's broken quote raises ImportProblems when the pass reaches it."""

    def __init__(self, read: Callable[[], Iterator[Record]]) -> None:
        self._read = read
        self.head: list[Record] = list(islice(read(), HEAD))

    @classmethod
    def of(cls, records: list[Record]) -> Records:
        return cls(lambda: iter(records))

    def __iter__(self) -> Iterator[Record]:
        return self._read()

    def after(self, depth: int) -> Iterator[Record]:
        """The records below the first `depth` (the data under the header rows)."""
        return islice(self._read(), depth, None)


@dataclass(frozen=True)
class Source:
    """What was read: rows with their numbers (1 = first line or sheet row)."""

    encoding: str  # "UTF-8", "Mac Roman (Excel for Mac)" …, or "Excel workbook"
    delimiter: str  # "" for a workbook
    records: Records = field(repr=False)
    size: int
    sha256: str
    sheet: str = ""
    sheets: tuple[str, ...] = ()


def read_source(path: Path, sheet: str | None = None) -> Source:
    """Read a CSV file or a workbook; ImportProblems for one that cannot be used."""
    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return _read_workbook(path, sheet)
    if path.suffix.lower() == ".ods":
        return _read_ods(path, sheet)
    data = read_bytes(path)
    encoding, delimiter, text = decoded_text(data)
    records = Records(lambda: iter_records(text, delimiter))
    return Source(encoding, delimiter, records, len(data), hashlib.sha256(data).hexdigest())


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _chosen_sheet(names: tuple[str, ...], sheet: str | None) -> str:
    if not names:
        raise file_problem("the workbook has no sheets.")
    chosen = sheet if sheet is not None else names[0]
    if chosen not in names:
        raise file_problem(f"the workbook has no sheet “{chosen}” (sheets: "
                           f"{', '.join(names)}).")
    return chosen


def _read_ods(path: Path, sheet: str | None) -> Source:
    from rcdesk.services.survey_ods import ods_sheets

    data = read_file_bytes(path, "workbook")
    try:
        sheets = ods_sheets(data)
    except (zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError) as exc:
        raise file_problem("the file cannot be read as an OpenDocument spreadsheet (.ods); "
                           "open it in LibreOffice and save it again, or export CSV.") from exc
    names = tuple(sheets)
    chosen = _chosen_sheet(names, sheet)
    return Source("OpenDocument spreadsheet", "", Records.of(sheets[chosen]), len(data),
                  hashlib.sha256(data).hexdigest(), chosen, names)


def _read_workbook(path: Path, sheet: str | None) -> Source:
    data = read_file_bytes(path, "workbook")
    from openpyxl import load_workbook  # lazily: only workbooks need it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise file_problem("the file cannot be read as an Excel workbook (.xlsx); open it "
                           "in your spreadsheet and save it again, or export CSV.") from exc
    try:
        names = tuple(book.sheetnames)
        chosen = _chosen_sheet(names, sheet)
        records: list[Record] = []
        for number, row in enumerate(book[chosen].iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in row]
            if "".join(cells).strip():
                records.append((number, cells))
    finally:
        book.close()
    return Source("Excel workbook", "", Records.of(records), len(data),
                  hashlib.sha256(data).hexdigest(),
                  chosen, names)
