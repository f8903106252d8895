"""Drawing again only the part of the ties' cached image where a few ties changed look.

A rating, a reveal step or a lens that touches one tie used to redraw every tie of the
image (3,600 antialiased curves: a quarter of a second or more). Here each changed
tie's rectangle is cleared and every tie crossing it drawn again, clipped to it, in the
layer's order: inside whole device pixels the result is the same as a full redraw.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

#: Above this many changed ties (or this share of the image) the whole image is redrawn.
MAX_PATCHES = 40
MAX_PATCHED_SHARE = 0.5

#: draw(painter, area in scene units): the layer's ties crossing `area`, in its order.
Draw = Callable[[QPainter, QRectF], None]


def worth_patching(rects: list[QRectF], image_rect: QRectF) -> bool:
    """A few small rectangles: patch them; many or large: redraw the whole image."""
    if not rects or len(rects) > MAX_PATCHES or image_rect.isEmpty():
        return False
    area = sum(r.width() * r.height() for r in rects)
    return area <= MAX_PATCHED_SHARE * image_rect.width() * image_rect.height()


def patch_image(image: QImage, image_rect: QRectF, scale: float,
                hints: QPainter.RenderHint, rects: list[QRectF], draw: Draw) -> None:
    """Clear each of `rects` (scene units) in `image` and draw it again with `draw`.

    `image` covers `image_rect` (scene units) at `scale` device pixels per scene unit.
    """
    ratio = image.devicePixelRatio()
    image.setDevicePixelRatio(1.0)  # paint in the image's own pixels, as it was drawn
    painter = QPainter(image)
    painter.setRenderHints(hints)
    for rect in rects:
        pixels = QRectF((rect.left() - image_rect.left()) * scale,
                        (rect.top() - image_rect.top()) * scale,
                        rect.width() * scale, rect.height() * scale).toAlignedRect()
        pixels = pixels.intersected(image.rect())
        if pixels.isEmpty():
            continue
        painter.save()
        painter.setClipRect(pixels)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        painter.fillRect(pixels, Qt.GlobalColor.transparent)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.scale(scale, scale)
        painter.translate(-image_rect.left(), -image_rect.top())
        area = QRectF(image_rect.left() + pixels.left() / scale,
                      image_rect.top() + pixels.top() / scale,
                      pixels.width() / scale, pixels.height() / scale)
        draw(painter, area)
        painter.restore()
    painter.end()
    image.setDevicePixelRatio(ratio)
