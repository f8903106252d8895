"""The one way to reach bundled data (fonts, styles, the sample workshop, decks).

The repository keeps them in the top-level resources/ folder; a wheel and a
PyInstaller bundle carry the same folder as rcdesk/resources. importlib.resources
finds the packaged copy in every installed form; a source checkout (editable
install, or tests run against the tree) falls back to the folder beside the package.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def root() -> Traversable:
    packaged = files("rcdesk").joinpath("resources")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    """A bundled file, e.g. resource("fonts", "DejaVuSans.ttf")."""
    node = root()
    for part in parts:
        node = node.joinpath(part)
    return node


def read_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")
