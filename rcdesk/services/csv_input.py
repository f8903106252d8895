"""Reading a CSV file the way spreadsheet exports really are (platform-notes.md).

Bytes with a size cap; UTF-16 (BOM), UTF-8 (with or without BOM) or Windows-1252;
NULs stripped; the delimiter counted in the header line; strict parsing, so an
unclosed quote is an error naming its row rather than a silently swallowed file.
Shared by every CSV import (survey results and pulse answers), as is the way problems
are collected (ProblemList).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rcdesk.domain.errors import ImportProblem, ImportProblems
from rcdesk.files import is_library_file

MAX_FILE_BYTES = 64 * 1024 * 1024
#: Problems kept for display; more are counted, not kept (a wrong file can have millions).
MAX_PROBLEMS = 200
_SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook or another zipped file"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel or Word file"),
    (b"%PDF", "a PDF file"),
    (b"SQLite format 3\x00", "a database"),
)
_NOT_CSV = ("In your spreadsheet or survey tool, save or export the results as CSV, "
            "then import that file.")


class ProblemList:
    """Problems in the order found; keeps the first MAX_PROBLEMS and counts the rest."""

    def __init__(self) -> None:
        self.kept: list[ImportProblem] = []
        self.total = 0

    def add(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.total += 1
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(ImportProblem(message, row, column))



def normalise_header(text: str) -> str:
    """Header comparison key: case-insensitive; spaces, hyphens and underscores alike."""
    return re.sub(r"[\s_\-]+", "_", text.strip().casefold()).strip("_")


# -- reading the file ------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvTable:
    """A decoded, parsed CSV file: the header and the data rows with their row numbers."""

    encoding: str
    delimiter: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, list[str]], ...]


def read_file_bytes(path: Path, kind: str = "CSV file") -> bytes:
    """A survey file's bytes (a CSV or a workbook), capped at MAX_FILE_BYTES; never the library
    itself (reading it outside SQLite would drop the library's locks). `kind` names the file
    in messages."""
    if is_library_file(path):
        raise file_problem(f"this is an rcdesk library file, not a {kind}. Choose the file "
                           "exported from your survey tool.")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise file_problem(f"the file cannot be read ({exc.strerror or exc}).") from exc
    if len(data) > MAX_FILE_BYTES:
        raise file_problem(f"the file is larger than {MAX_FILE_BYTES // 2**20} MB, too large "
                           "for a survey export. Check that it is the right file.")
    return data


def _read_bytes(path: Path) -> bytes:
    data = read_file_bytes(path)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise file_problem("the file is empty.")
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise file_problem(f"this is {kind}, not a CSV file. {_NOT_CSV}")
    return data


#: Characters a Mac Roman file shows when read as Windows-1252 (its accented letters land
#: on these symbols: "Ärzte" reads "€rzte"), and the other way round.
_CP1252_TELLS = frozenset("€‚ƒ„…†‡ˆ‰‹Œ‘’“”•–—˜™›œŸŽž¦¨¯´¸")
_MAC_TELLS = frozenset("∞≠≤≥∂∑∏π∫ªºΩ√≈∆«»◊ˇ˘˙˚˛˝ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔÒÚÛÙıˆ˜¯")
MAC_ROMAN = "Mac Roman (Excel for Mac)"


def decode_8bit(data: bytes) -> tuple[str, str]:
    """Windows-1252 or Mac Roman (Excel for Mac's "CSV"), told apart by which reading
    gives fewer symbols that never occur in names; a file whose lines end in CR alone
    (classic Mac) is Mac Roman when the counts tie."""
    windows = data.decode("cp1252", errors="replace")
    mac = data.decode("mac_roman")
    odd_windows = sum(1 for c in windows if c in _CP1252_TELLS or c == "\ufffd")
    odd_mac = sum(1 for c in mac if c in _MAC_TELLS)
    cr_only = b"\r" in data and b"\n" not in data
    if odd_mac < odd_windows or (odd_mac == odd_windows and cr_only):
        return mac, MAC_ROMAN
    return data.decode("cp1252"), "Windows-1252"


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding label): UTF-16 with a BOM, else UTF-8 (BOM or not), else Windows-1252
    or Mac Roman (decode_8bit).

    NUL characters, which some exporters scatter through a file, are removed.
    """
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text, label = data.decode("utf-16"), "UTF-16"
        else:
            try:
                text = data.decode("utf-8-sig")
                label = "UTF-8 with BOM" if data.startswith(b"\xef\xbb\xbf") else "UTF-8"
            except UnicodeDecodeError:
                text, label = decode_8bit(data)
    except UnicodeDecodeError as exc:
        raise file_problem(f"the file cannot be read as text; it does not look like a CSV "
                            f"file. {_NOT_CSV}") from exc
    text = text.replace("\x00", "")
    sample = text[:65536]
    controls = sum(1 for c in sample if c < " " and c not in "\t\r\n")
    if controls > max(2, len(sample) // 100):
        raise file_problem(f"the file holds binary data, not text. {_NOT_CSV}")
    return text, label


def pick_delimiter(text: str) -> tuple[str, str]:
    """(delimiter, text without an Excel "sep=" line), by counting in the header line.

    csv.Sniffer guesses wrong on small files; counting , ; and tab in the first line
    does not. Ties go to the comma.
    """
    first = text.split("\n", 1)[0].split("\r", 1)[0]
    if first.lower().startswith("sep=") and len(first) == 5:
        rest = text[len(first):]
        rest = rest[2:] if rest.startswith("\r\n") else rest[1:]
        return first[4], rest
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ",", d == ";")), text


def read_table(path: Path) -> CsvTable:
    """Decode and parse a CSV file; raise ImportProblems for a file that cannot be used."""
    encoding, delimiter, records = read_records(read_bytes(path))
    return table_of(encoding, delimiter, records)


def read_bytes(path: Path) -> bytes:
    """The file's bytes (capped, checked to be text-like); ImportProblems otherwise."""
    return _read_bytes(path)


def read_records(data: bytes) -> tuple[str, str, list[tuple[int, list[str]]]]:
    """(encoding, delimiter, non-blank records with their row numbers) of CSV bytes."""
    encoding, delimiter, text = decoded_text(data)
    return encoding, delimiter, list(iter_records(text, delimiter))


def decoded_text(data: bytes) -> tuple[str, str, str]:
    """(encoding, delimiter, text without an Excel "sep=" line) of CSV bytes."""
    text, encoding = decode(data)
    delimiter, text = pick_delimiter(text)
    return encoding, delimiter, text


def iter_records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """The non-blank records of CSV text with their row numbers, parsed as they are read
    (a big file is never held as lists of cells); ImportProblems on a broken quote."""
    for number, cells in _records(text, delimiter):
        if "".join(cells).strip():  # blank lines (spreadsheets leave some) skipped
            yield number, cells


def table_of(encoding: str, delimiter: str,
             records: list[tuple[int, list[str]]]) -> CsvTable:
    """The first record as the header, the rest as rows; ImportProblems when either is missing."""
    if not records:
        raise file_problem("the file is empty.")
    if len(records) == 1:
        raise file_problem("the file has a header but no rows of answers.", row=1)
    headers = tuple(c.strip() for c in records[0][1])
    return CsvTable(encoding, delimiter, headers, tuple(records[1:]))


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as exc:
        raise file_problem(
            f"the file cannot be read as CSV here ({exc}). Often a quote (\") is not "
            "closed; check this row in a text editor.", row=number + 1) from exc


def file_problem(message: str, row: int | None = None) -> ImportProblems:
    problem = ImportProblem(message, row=row)
    return ImportProblems(message, [problem])
