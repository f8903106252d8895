"""A map's ties as matplotlib paths: every tie's vertices computed at once (numpy), one
Path a tie for drawing, and one path a style while an SVG of a dense map is written.

Split from map_image.py (which draws the map) so each stays one purpose: this is the
arithmetic of many ties at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rcdesk.reports import map_style as ms

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Path codes of a tie's curve (move, then one quadratic Bézier: two vertices) and of an
#: arrowhead (a closed triangle), as matplotlib.path.Path numbers them.
CURVE_CODES = (1, 3, 3)
ARROW_CODES = (1, 2, 2, 79)
#: Points along each curve whose chords measure its length (for the arrow's back-off).
LENGTH_STEPS = 16


def tie_vertices(geometries: Sequence[ms.TieGeometry]) -> tuple[Any, Any]:
    """Every tie's curve (n × 3 vertices) and arrowhead (n × 4, closed), all at once.

    A curve stops inside its arrowhead (ARROW_LENGTH × 0.6 before its end, by chord) so
    a wide line never blunts the arrow's tip: its first part, exactly (de Casteljau).
    Arrowheads all turn the same way round (map_style builds them tip, left, right), so
    where two overlap in one path (an SVG of a dense map, filled by the nonzero rule)
    the overlap is filled, never a hole.
    """
    import numpy as np

    ends = np.array([(g.start, g.control, g.end) for g in geometries],
                    dtype=float).reshape(-1, 3, 2)
    start, control, end = ends[:, 0:1], ends[:, 1:2], ends[:, 2:3]

    def at(t: Any) -> Any:
        return (1 - t) ** 2 * start + 2 * (1 - t) * t * control + t ** 2 * end

    points = at(np.linspace(0.0, 1.0, LENGTH_STEPS + 1)[None, :, None])
    length = np.hypot(*np.diff(points, axis=1).transpose(2, 0, 1)).sum(axis=1)
    t = np.maximum(0.5, 1.0 - ms.ARROW_LENGTH * 0.6 / np.maximum(length, 1e-9))[:, None, None]
    curves = np.concatenate([start, start + (control - start) * t, at(t)], axis=1)
    arrows = np.array([g.arrow for g in geometries], dtype=float).reshape(-1, 3, 2)
    return curves, np.concatenate([arrows, arrows[:, :1]], axis=1)


def tie_paths(vertices: Any, codes: tuple[int, ...]) -> list[Any]:
    """A Path for each shape (n × k vertices). One Path a shape, not one for all: Agg
    draws a collection of small paths about twice as fast as one path holding them."""
    from matplotlib.path import Path

    return [Path(shape, codes) for shape in vertices]


@contextmanager
def ties_joined(figure: Figure, dense_ties: int) -> Iterator[None]:
    """On a dense map (over `dense_ties` ties), each tie collection drawn as one path with a
    subpath a tie, for the while of an SVG's writing: matplotlib writes an element a path,
    and 8,000 elements took a second where one a style takes a fiftieth of that. Dashes
    start again at each subpath (SVG and Agg alike), so the picture is the same."""
    from matplotlib.path import Path

    collections = [c for ax in figure.axes for c in ax.collections
                   if str(c.get_gid() or "").startswith("ties-")]
    curves = sum(len(c.get_paths()) for c in collections
                 if not str(c.get_gid()).endswith("-arrows"))
    kept = [(c, c.get_paths()) for c in collections] if curves > dense_ties else []
    for collection, paths in kept:
        collection.set_paths([Path.make_compound_path(*paths)])
    try:
        yield
    finally:
        for collection, paths in kept:
            collection.set_paths(paths)
