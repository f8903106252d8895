"""The one way to reach bundled data (fonts, styles, the sample workshop, decks).

The repository keeps them in the top-level resources/ folder; a wheel and a
PyInstaller bundle carry the same folder as rcdesk/resources. importlib.resources
finds the packaged copy in every installed form; a source checkout (editable
install, or tests run against the tree) falls back to the folder beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


@cache
def root() -> Traversable:
    """The resources folder. A plain folder beside the package (a wheel, a bundle) or in
    the checkout is found without importlib.resources, which costs 9 ms of a cold start."""
    here = Path(__file__).resolve().parent
    if (here / "resources").is_dir():
        return here / "resources"
    if (here.parent / "pyproject.toml").is_file() and (here.parent / "resources").is_dir():
        return here.parent / "resources"  # a source checkout or an editable install
    from importlib.resources import files

    packaged = files("rcdesk").joinpath("resources")
    if packaged.is_dir():
        return packaged
    return here.parent / "resources"


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
