"""What the tests of `rcdesk import` (survey and pulse files) share: running the command,
writing a CSV file as a spreadsheet would, a library holding one workshop, and the
library's whole contents, to show a refused import changed nothing.

Test modules import the fixtures by name (and list them in `__all__`, so the import reads
as used).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rcdesk.cli import main
from rcdesk.services.library import LibraryService
from rcdesk.store.connection import open_library


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def csv_file(tmp_path: Path, header: str, rows: tuple[str, ...], name: str) -> str:
    """The rows under the header, with CRLF line ends."""
    path = tmp_path / name
    path.write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
    return str(path)


def dump(library: Path) -> list[str]:
    opened = open_library(library, create=False)
    try:
        return list(opened.db.conn.iterdump())
    finally:
        opened.close()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library holding the workshop "Ward 7" with the role Nurses."""
    path = tmp_path / "lib.db"
    opened = open_library(path, create=True)
    LibraryService(opened).create("Ward 7", roles=["Nurses"])
    opened.close()
    return path
