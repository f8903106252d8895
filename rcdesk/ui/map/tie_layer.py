"""Every tie of the map drawn by one item from an image cached at the view's scale."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QImage,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from rcdesk.reports import map_style as ms
from rcdesk.ui.map import tie_index, tie_patch, tie_render
from rcdesk.ui.map.items import (
    HALO_GROWTH,
    TIE_Z,
)
from rcdesk.ui.map.tie_item import TieItem, about_equal


class TieLayer(QGraphicsItem):
    """Every tie of the map in one item, drawn from an image cached at the view's scale.

    Drawing 4,000 antialiased curves takes a tenth of a second or more in software,
    far over a 16 ms frame. So the ties are drawn once into an image at the current
    zoom (grouped by style: one pen per band, halos underneath, strong ties on top)
    and each frame only copies that image: a pan is a blit. A zoom shows the image
    scaled at once and draws it sharp again at the new scale once the zoom has
    settled (SETTLE_MS). Selected ties are drawn live on top, so selecting never
    redraws the image; ties whose roles are being dragged or animated are "live" too
    and rejoin the image once the movement settles. Painting to anything but a raster
    device at a plain scale (SVG, printing, rotation) draws every tie directly.
    """

    SETTLE_MS = 150
    #: The image covers every tie while it stays under this many pixels (32 MB);
    #: zoomed further in, it covers the visible part and a margin around it.
    MAX_CACHE_PIXELS = 8_000_000
    #: Above this many ties a fit shows the image scaled and draws it sharp once the zoom
    #: has settled, like a wheel zoom: fits come several at a time while a window is laid
    #: out again (projector mode: three, each a 0.2-0.3 s redraw of 3,600 ties).
    SHARP_FIT_MAX_TIES = 1000
    #: Device pixels kept around a tie's paint when only a strip along it is drawn again:
    #: antialiasing, and how far Qt's flattened curve may stray from the true one.
    FRINGE = 2.0

    def __init__(self, owner: QObject | None = None) -> None:
        """`owner` (the scene) owns the settle timer, so it never fires after the scene
        and its items are gone."""
        super().__init__()
        self.setZValue(TIE_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.ties: dict[int, TieItem] = {}
        self.live: set[int] = set()
        self.renders = 0  # images drawn so far (tests and the benchmark read it)
        self.patches = 0  # parts of the image drawn again for ties that changed look
        self.patched = 0  # curves drawn again by the last patch's last strip
        #: Where ties changed look since the image was drawn (strips along their curves).
        self._dirty: list[list[tie_index.Box]] = []
        self._index: tie_index.TieIndex | None = None  # the image's ties, for patches
        #: Told the scale (device pixels per scene unit) a zoom settled at.
        self.settled: Callable[[float], None] | None = None
        self._settled_scale = 0.0
        self._last_scale = 0.0
        self._bounds = QRectF()
        self._bounds_stale = True
        self._prepared = False
        self._image: QImage | None = None
        self._image_rect = QRectF()
        self._image_scale = 0.0
        self._stale = True
        self._settle = QTimer(owner)
        self._settle.setSingleShot(True)
        self._settle.setInterval(self.SETTLE_MS)
        self._settle.timeout.connect(self.settle)
        #: A big map's image drawn a few hundred shapes per event-loop turn.
        self._pieces = tie_render.Pieces(owner, self._pieced)
        self._urgent = False  # the next image is drawn in one turn, whatever it costs
        self._held = False  # nothing drawn while the scene makes its ties in pieces

    # -- keeping track of ties ---------------------------------------------------------------

    def add(self, item: TieItem) -> None:
        item.layer = self
        self.ties[item.tie_id] = item
        self._urgent = True  # a tie that comes or goes is shown at once, not in pieces
        self.tie_changed(item)

    def remove(self, item: TieItem) -> None:
        self.ties.pop(item.tie_id, None)
        self.live.discard(item.tie_id)
        item.layer = None
        self._urgent = True
        self.tie_changed(item)

    def tie_changed(self, item: TieItem) -> None:
        """A tie moved, changed style, came or went: the image must be drawn again."""
        if not self._prepared:
            self.prepareGeometryChange()
            self._prepared = True
        self._bounds_stale = True
        self._index = None
        if item.tie_id in self.live:
            self.update()
        else:
            self.invalidate()

    def patchable(self, item: TieItem) -> bool:
        """Whether a change of this tie's look can be drawn in place (tie_restyled), rather
        than with the whole image."""
        return not (item.tie_id in self.live or self._stale or self._image is None
                    or self._bounds_stale)

    def tie_restyled(self, item: TieItem, before: float | None) -> None:
        """A tie changed look, not place: only a strip along it is drawn again, and only
        that part of the view (`before`, how far its paint reached from its curve, is None
        when it was not patchable)."""
        if before is None or item.geometry is None or not self.patchable(item):
            self.tie_changed(item)
            return
        after = item.drawn_rect()
        grown = self._bounds.united(after)  # (a tie drawn thinner leaves them as they are)
        if grown != self._bounds:
            self.prepareGeometryChange()
            self._bounds = grown
        if self._index is not None:
            self._index.restyled(item)
        boxes = tie_index.strip(item.geometry, max(before, tie_index.room(item)),
                                self.FRINGE / self._image_scale,
                                tie_index.strip_segments(item.geometry, self._image_scale))
        self._dirty.append(boxes)
        scene = self.scene()
        if scene is None:
            self.update()
            return
        for left, top, right, bottom in boxes:  # each view repaints just these (a region)
            scene.update(QRectF(left, top, right - left, bottom - top))

    def redraw_sharp(self, scale: float | None = None) -> None:
        """Draw the image again at the next paint (after one deliberate zoom, such as Fit,
        whose repaint the view has already asked for), unless it is already drawn at
        `scale` (device pixels per scene unit): showing the Map tab again fits the map at
        the same scale, and a big map's ties took most of a second to draw again."""
        if scale is not None and self._image is not None and (
                about_equal(self._image_scale, scale)
                or len(self.ties) > self.SHARP_FIT_MAX_TIES):
            return  # drawn at this scale; or a big map: shown scaled, sharp once settled
        self._stale = True

    def invalidate(self) -> None:
        if self._pieces.running():  # drawing what is no longer so: start again
            self._pieces.cancel()
            self.update()
        if not self._stale:
            self._stale = True
            self.update()

    def set_live(self, tie_ids: set[int]) -> None:
        """Ties being moved: drawn directly each frame until the movement settles."""
        if not tie_ids:
            return
        if not tie_ids <= self.live:
            self.live |= tie_ids
            self._urgent = True  # the old image would show them where they were
            self._index = None
            self.invalidate()  # once: the image must lose them
        self._settle.start()

    def selection_changed(self, selected: list[TieItem]) -> None:
        """Selected ties are drawn on top with a halo: grow the bounds to hold it."""
        bounds = self.boundingRect()
        wanted = bounds
        for item in selected:
            wanted = wanted.united(item.drawn_rect())
        if wanted != bounds:
            self.prepareGeometryChange()
            self._bounds = wanted
        self.update()

    def settle(self) -> None:
        """Draw the image sharp at the current scale, with the live ties back in it."""
        self._settle.stop()
        scale = self._last_scale
        if self.live or not about_equal(self._image_scale, scale):
            if self.live:
                self._index = None
                self._pieces.cancel()  # the live ties rejoin the image
            self.live.clear()
            self._stale = True
            self.update()
        if scale and not about_equal(self._settled_scale, scale):
            self._settled_scale = scale
            if self.settled is not None:
                self.settled(scale)

    def note_scale(self, scale: float) -> None:
        """The view was drawn at this scale (device pixels per scene unit); a new one is
        settled (drawn sharp, roles re-cached) once no other follows for SETTLE_MS."""
        self._last_scale = scale
        image_sharp = self._image is None or self._stale or about_equal(self._image_scale, scale)
        if not (image_sharp and about_equal(self._settled_scale, scale)):
            self._settle.start()
        elif not self.live:
            self._settle.stop()  # nothing left to settle

    def hold(self, held: bool) -> None:
        """Draw nothing while `held` (the scene is making its ties in pieces); drawn from
        the next paint once let go."""
        if held != self._held:
            self._held = held
            self.update()

    def drawn(self) -> bool:
        """Whether what is shown is complete: every tie in the image, none waiting for
        its piece."""
        return not self.ties or (self._image is not None and not self._stale
                                 and not self._held and not self._pieces.running())

    def settle_pending(self) -> bool:
        return self._settle.isActive()

    # -- geometry ----------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        if self._bounds_stale:
            self._bounds = self._extent()
            self._bounds_stale = False
        self._prepared = False
        return self._bounds

    def _extent(self) -> QRectF:
        """The union of every tie's drawn_rect, in plain arithmetic (4,000 ties: 5 ms)."""
        left = top = math.inf
        right = bottom = -math.inf
        for item in self.ties.values():
            box = drawn_box(item)
            if box is None:
                continue
            left, top = min(left, box[0]), min(top, box[1])
            right, bottom = max(right, box[2]), max(bottom, box[3])
        if left > right:
            return QRectF()
        return QRectF(left, top, right - left, bottom - top)

    def shape(self) -> QPainterPath:
        return QPainterPath()  # nothing to hit: clicks and rubber bands reach the tie items

    # -- drawing -----------------------------------------------------------------------------

    def groups(self, ties: list[TieItem] | None = None
               ) -> list[tuple[ms.LineStyle, list[TieItem]]]:
        """Ties by style, in drawing order: unrated and weak first, strong last (on top)."""
        return tie_render.groups(list(self.ties.values()) if ties is None else ties)

    def draw_ties(self, painter: QPainter, ties: list[TieItem], area: QRectF | None = None,
                  selection: bool = True, parts: tuple[set[int], set[int]] | None = None,
                  paths: dict[int, QPainterPath] | None = None) -> None:
        """Halos underneath, then each style's curves and arrowheads (tie_render.plan);
        with `area`, only the ties that reach into it."""
        if area is not None:
            ties = [t for t in ties if t.boundingRect().intersects(area)]
        tie_render.draw(painter, tie_render.plan(ties, painter.worldTransform().m11(),
                                                 selection, parts, paths))

    def _cacheable(self, painter: QPainter) -> bool:
        transform = painter.worldTransform()
        engine = painter.paintEngine()
        return (engine is not None and engine.type() == QPaintEngine.Type.Raster
                and transform.type().value <= QTransform.TransformationType.TxScale.value
                and transform.m11() > 0 and abs(transform.m11() - transform.m22()) < 1e-9)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if not self.ties or self._held:
            return
        if not self._cacheable(painter):
            self.draw_ties(painter, list(self.ties.values()))
            return
        transform = painter.worldTransform()
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        scale = transform.m11() * ratio  # device pixels per scene unit
        inverse, _ = transform.inverted()
        if widget is not None:
            visible = inverse.mapRect(QRectF(widget.rect()))
        else:
            visible = QRectF(option.exposedRect)
        visible = visible.intersected(self.boundingRect())
        if visible.isEmpty():
            return
        covered = self._image is not None and self._image_rect.contains(visible)
        if self._stale or not covered or (self._dirty and not (
                tie_patch.worth_patching(self._dirty, self._image_rect) and tie_index.ready())):
            self._render(transform, ratio, visible, painter.renderHints())
        elif self._dirty:
            self._patch(painter.renderHints())
        self.note_scale(scale)
        if self._image is not None:  # (none yet while the first is drawn in pieces)
            painter.drawImage(self._image_rect, self._image)
        live = [self.ties[t] for t in self.live if t in self.ties]
        if live:
            self.draw_ties(painter, live, visible)
        scene = self.scene()
        chosen = [i for i in scene.selectedItems() if isinstance(i, TieItem)
                  and i.tie_id not in self.live] if scene is not None else []
        if chosen:  # on top, with their halo
            self.draw_ties(painter, chosen, visible)

    def _patch(self, hints: QPainter.RenderHint) -> None:
        """Draw again the strips of the image where ties changed look (see tie_patch.py),
        with only the ties that come into them, and of a solid line only its piece there."""
        assert self._image is not None
        strips, self._dirty = self._dirty, []
        if self._index is None:
            self._index = tie_index.TieIndex(
                [t for t in self.ties.values() if t.tie_id not in self.live])
        index, scale = self._index, self._image_scale
        margin = self.FRINGE / scale

        def draw(painter: QPainter, boxes: list[tie_index.Box]) -> None:
            near = index.near(boxes, margin, scale)
            self.patched = len(near.spans)
            self.draw_ties(painter, near.ties, None, selection=False,
                           parts=(set(near.spans), near.arrowheads),
                           paths=tie_patch.piece_paths(near.pieces))

        tie_patch.patch_image(self._image, self._image_rect, self._image_scale, hints, strips,
                              draw)
        self.patches += 1

    def _render(self, transform: QTransform, ratio: float, visible: QRectF,
                hints: QPainter.RenderHint) -> None:
        """Draw the (non-live) ties into a new image at the painter's scale: at once when
        that is cheap or nothing else can be shown; otherwise a few hundred shapes per
        event-loop turn (tie_render.Pieces) while the old image stays on screen, scaled."""
        target = self._target(transform, ratio, visible, hints)
        running = self._pieces.target
        if running is not None and running.same(target):
            return  # under way
        bounds = self.boundingRect()
        ties = [t for t in self.ties.values() if t.tie_id not in self.live
                and (target.area.contains(bounds) or t.boundingRect().intersects(target.area))]
        batches = tie_render.plan(ties, target.scale, selection=False)
        # The first image in pieces too: no ties show until it is complete.
        if (self._stale and (self._image is None or (
                not self._urgent and self._image_rect.intersects(visible)))
                and tie_render.shape_count(batches) > tie_render.SHAPES_PER_TURN):
            self._pieces.start(target, batches)
            return
        self._pieces.cancel()
        image = target.new_image()
        painter = target.painter(image)
        tie_render.draw(painter, batches)
        painter.end()
        self._rendered(target, image)

    def _target(self, transform: QTransform, ratio: float, visible: QRectF,
                hints: QPainter.RenderHint) -> tie_render.Target:
        """The image to draw: all the ties while that stays under MAX_CACHE_PIXELS, else
        the visible part and a margin around it."""
        scale = transform.m11() * ratio
        bounds = self.boundingRect()
        if bounds.width() * bounds.height() * scale * scale <= self.MAX_CACHE_PIXELS:
            # With room for the halos of ties selected later (bounds grow by 4 for them).
            area = bounds.adjusted(-HALO_GROWTH, -HALO_GROWTH, HALO_GROWTH, HALO_GROWTH)
        else:
            margin_x, margin_y = visible.width() / 2, visible.height() / 2
            area = visible.adjusted(-margin_x, -margin_y, margin_x, margin_y).intersected(bounds)
        # Start the image on a whole device pixel, so a pan by whole pixels is a plain copy.
        corner = transform.map(area.topLeft()) * ratio
        snapped = QPointF(math.floor(corner.x()), math.floor(corner.y()))
        inverse, _ = transform.inverted()
        top_left = inverse.map(snapped / ratio)
        width = max(1, math.ceil((area.right() - top_left.x()) * scale) + 1)
        height = max(1, math.ceil((area.bottom() - top_left.y()) * scale) + 1)
        rect = QRectF(top_left.x(), top_left.y(), width / scale, height / scale)
        return tie_render.Target(width, height, rect, scale, ratio, hints, area)

    def _rendered(self, target: tie_render.Target, image: QImage) -> None:
        """A new image of the ties is complete: shown from the next paint on."""
        image.setDevicePixelRatio(target.ratio)
        self._image = image
        self._image_rect = target.rect
        self._image_scale = target.scale
        self._stale = False
        self._urgent = False
        self._dirty = []
        self.renders += 1

    def _pieced(self, target: tie_render.Target, image: QImage) -> None:
        """The last piece of an image drawn in pieces: show it."""
        self._rendered(target, image)
        self.update()


def drawn_box(item: TieItem) -> tuple[float, float, float, float] | None:
    """Where the layer paints a tie, as (left, top, right, bottom): its drawn_rect in plain
    arithmetic."""
    return item.drawn_box()
