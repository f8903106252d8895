"""Drawing again only the part of the ties' cached image where a few ties changed look.

A rating, a reveal step or a lens that touches one tie used to redraw every tie of the
image (3,600 antialiased curves: a quarter of a second or more). Here only the ties that
come into each changed tie's strip (boxes along its curve, tie_index.strip) are drawn
again, in the layer's order, and of each solid line only the piece of its curve that
comes near the strip (tie_index.Near.pieces; a dashed line is drawn whole, so its dashes
fall where they did); the strip's whole device pixels are replaced. The result is a full
redraw's, but for the antialiasing of the pieces' edges (Qt flattens a piece of a curve
at other points than the whole: an edge moves by a fraction of a pixel).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPainterPath

from rcdesk.ui.map.tie_index import Box, Quad

#: Above this many changed ties (or this share of the image) the whole image is redrawn.
MAX_PATCHES = 40
MAX_PATCHED_SHARE = 0.5

#: draw(painter, boxes in scene units): the layer's ties that come into `boxes`, in its
#: order.
Draw = Callable[[QPainter, list[Box]], None]


def worth_patching(strips: Sequence[Sequence[Box]], image_rect: QRectF) -> bool:
    """A few small strips: patch them; many or large: redraw the whole image."""
    if not strips or len(strips) > MAX_PATCHES or image_rect.isEmpty():
        return False
    area = sum((b[2] - b[0]) * (b[3] - b[1]) for boxes in strips for b in boxes)
    return area <= MAX_PATCHED_SHARE * image_rect.width() * image_rect.height()


def pixel_rects(boxes: Sequence[Box], image_rect: QRectF, scale: float,
                bounds: QRect) -> list[QRect]:
    """Each box (scene units) as the whole device pixels of the image it touches."""
    found = []
    for left, top, right, bottom in boxes:
        pixels = QRectF((left - image_rect.left()) * scale, (top - image_rect.top()) * scale,
                        (right - left) * scale, (bottom - top) * scale).toAlignedRect()
        pixels = pixels.intersected(bounds)
        if not pixels.isEmpty():
            found.append(pixels)
    return found


def patch_image(image: QImage, image_rect: QRectF, scale: float,
                hints: QPainter.RenderHint, strips: Sequence[Sequence[Box]],
                draw: Draw) -> None:
    """Draw each strip of boxes (scene units) of `image` again with `draw`.

    `image` covers `image_rect` (scene units) at `scale` device pixels per scene unit.
    The ties of a strip are drawn whole into a blank image of the same size and the strip's
    pixels copied from it: a clipped drawing (or a smaller image) would place a dashed
    line's antialiased edges a level or two differently from the full image.
    """
    ratio = image.devicePixelRatio()
    image.setDevicePixelRatio(1.0)  # paint in the image's own pixels, as it was drawn
    scratch = QImage(image.size(), image.format())
    for boxes in strips:
        pixels = pixel_rects(boxes, image_rect, scale, image.rect())
        if not pixels:
            continue
        scratch.fill(Qt.GlobalColor.transparent)
        painter = QPainter(scratch)
        painter.setRenderHints(hints)
        painter.scale(scale, scale)
        painter.translate(-image_rect.left(), -image_rect.top())
        draw(painter, [(image_rect.left() + p.left() / scale,
                        image_rect.top() + p.top() / scale,
                        image_rect.left() + (p.right() + 1) / scale,
                        image_rect.top() + (p.bottom() + 1) / scale) for p in pixels])
        painter.end()
        painter = QPainter(image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        for rect in pixels:
            painter.drawImage(rect, scratch, rect)
        painter.end()
    image.setDevicePixelRatio(ratio)


def piece_paths(pieces: Mapping[int, Quad]) -> dict[int, QPainterPath]:
    """Each piece of a curve (tie_index.Near.pieces) as a path, by tie id."""
    found = {}
    for tie_id, (sx, sy, cx, cy, ex, ey) in pieces.items():
        path = found[tie_id] = QPainterPath()
        path.moveTo(sx, sy)
        path.quadTo(cx, cy, ex, ey)
    return found
