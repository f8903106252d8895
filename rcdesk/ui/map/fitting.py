"""The fit of the map: the zoom at which every role and its name fit the free part of the
view (names keep their size on screen, so their room is kept in pixels), and the size of
the names on a map too crowded for them at full size (reports/label_fit.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rcdesk.reports import label_fit
from rcdesk.reports import map_style as ms
from rcdesk.reports.label_placement import Rect
from rcdesk.ui.map.labels import block_size

if TYPE_CHECKING:
    from rcdesk.ui.map.scene import MapScene

MAX_FIT_SCALE = 1.5
#: A map with no roles is fitted as if it spanned this (scene units): an empty canvas.
EMPTY = [(-400.0, -300.0, 0.0, 0.0), (400.0, 300.0, 0.0, 0.0)]


Block = tuple[float, float, float, float]


def extent(blocks: list[Block], scale: float) -> tuple[float, float, float, float]:
    """The pixel extent (left, top, right, bottom), at this scale, of roles at (x, y) scene
    units whose name is `half` pixels either side and `height` pixels high under the
    circle (labels do not scale; circles and the loops above them do)."""
    radius = ms.NODE_RADIUS * scale
    above = (ms.NODE_RADIUS + ms.LOOP_RADIUS * 2.6) * scale
    left = min(x * scale - max(radius, half) for x, _, half, _ in blocks)
    right = max(x * scale + max(radius, half) for x, _, half, _ in blocks)
    top = min(y * scale - above for _, y, _, _ in blocks)
    bottom = max(y * scale + radius + ms.LABEL_GAP + height for _, y, _, height in blocks)
    return left, top, right, bottom


def fit_scale(blocks: list[Block], width: float, height: float) -> float:
    """The largest scale (at most MAX_FIT_SCALE) at which every role and its label fit
    width × height pixels (the extent grows with the scale, so a bisection finds it)."""
    def fits(scale: float) -> bool:
        left, top, right, bottom = extent(blocks, scale)
        return right - left <= width and bottom - top <= height

    if fits(MAX_FIT_SCALE):
        return MAX_FIT_SCALE
    low, high = 0.005, MAX_FIT_SCALE
    for _ in range(30):
        middle = (low + high) / 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return low


def label_blocks(scene: MapScene) -> list[Block]:
    """Each role as (x, y, half, height): its centre in scene units, and half the width
    and the height in pixels of its name with its note."""
    blocks = []
    for item in scene.item_for_role.values():
        rect = item.label.boundingRect()
        note = item.note
        height = rect.height() + (note.boundingRect().height()
                                  if note is not None and note.isVisible() else 0.0)
        at = item.pos()
        blocks.append((at.x(), at.y(), rect.width() / 2, height))
    return blocks


class Fitter:
    """Works out the fit for a scene; remembers the last one (opening a map fits it three or
    four times, mostly at the same size)."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self._last: tuple[object, label_fit.Fit] | None = None

    def fit(self, width: float, height: float) -> tuple[float, Rect]:
        """The zoom, and the pixel extent of the map at that zoom (scene point (x, y) at
        pixel (x * zoom, y * zoom)), that fit width × height pixels; the names at the size
        that fits (set on the scene)."""
        scene = self.scene
        scene.set_name_share(1.0)
        blocks = label_blocks(scene) or EMPTY
        key = (tuple(blocks), width, height)
        if self._last is not None and self._last[0] == key:
            found = self._last[1]
        else:
            scale = fit_scale(blocks, width, height)
            found = label_fit.Fit(scale, 1.0, extent(blocks, scale), 0.0)
            found = self._names(width, height, found) or found
            self._last = (key, found)
        scene.set_name_share(found.share)
        return found.scale, found.extent

    def _names(self, width: float, height: float, guess: label_fit.Fit) -> label_fit.Fit | None:
        """The zoom and name size at which the names, placed around their circles, fit
        and collide with nothing (None on a big map: names at full size, see label_fit)."""
        items = list(self.scene.item_for_role.values())
        if not items or len(items) > label_fit.MAX_ROLES:
            return None  # a big map: nothing to measure (200 roles, four fits on opening)
        roles = label_fit.Roles([(i.pos().x(), i.pos().y()) for i in items], ms.NODE_RADIUS,
                                ms.NODE_RADIUS + ms.LOOP_RADIUS * 2.6)

        def sizes_at(share: float) -> list[tuple[float, float]]:
            self.scene.set_name_share(share)
            return [block_size(item) for item in items]

        return label_fit.fit_names(roles, sizes_at, width, height, MAX_FIT_SCALE, guess)
