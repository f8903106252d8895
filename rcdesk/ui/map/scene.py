"""The map scene: a projection of the workshop's roles and ties, never the data store.

It keeps `item_for_role` / `item_for_tie`, follows the workshop model's signals,
and restyles ties from the wave's scores under the current lens. Positions come
from the library; roles not placed yet get the same initial places the image
export uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QPointF, QRectF, QVariantAnimation, Signal
from PySide6.QtWidgets import QGraphicsScene

from rcdesk.analysis.layouts import initial_positions
from rcdesk.analysis.rc_scores import WaveComparison
from rcdesk.domain.scores import ScoreSource, WaveScores
from rcdesk.domain.settings import WorkshopSettings
from rcdesk.reports import map_style as ms
from rcdesk.services.edits import Change
from rcdesk.ui.map import restyle, tie_styles
from rcdesk.ui.map.items import RoleItem, reserve_pixmap_cache
from rcdesk.ui.map.scene_ties import TieScene
from rcdesk.ui.map.tie_item import TieItem
from rcdesk.ui.map.tie_layer import TieLayer
from rcdesk.ui.workshop_model import WorkshopModel


class Scoring:
    """What a scores provider answers while the wave's scores are worked out elsewhere
    (ui/scores/scoring.py): the map shows its roles, and its ties once the scores come."""


SCORING = Scoring()
ScoresProvider = Callable[[int | None], WaveScores | Scoring | None]
ANIMATION_MS = 350
#: From this many roles on, roles are drawn from pixmaps (RoleItem.set_cache_scale);
#: a smaller map paints them directly, which is cheap and exactly sharp.
ROLE_CACHE_MIN = 60
#: Up to this many ties follow their roles through a layout's glide. Placing and drawing a
#: tie takes about 0.1 ms a frame, so on a bigger map only the roles glide and every tie
#: is placed once, when they land (4,000 ties: 0.4 s a frame before).
GLIDE_TIES_MAX = 600
#: Changes after which the wave's scores must be worked out again.
SCORE_INPUTS = (Change.ROLES | Change.TIES | Change.RATINGS | Change.SURVEY | Change.WAVES
                | Change.WORKSHOP)


@dataclass
class Lens:
    """What the map shows: which value, and whether scores are hidden from the room."""

    key: str | None = None  # None = overall RC; else a dimension key
    hidden: bool = False
    revealed: set[int] = field(default_factory=set)  # tie ids revealed while hidden
    asymmetry: bool = False
    projector: bool = False
    compare_wave: int | None = None  # the change lens: change since this wave
    disagreement: bool = False  # the "Where we disagree" lens (disagreement_lens.py)


class MapScene(TieScene):
    labels_stale = Signal()
    """Roles, ties or labels changed: the view places the labels again."""

    def __init__(self, model: WorkshopModel, scores_for: ScoresProvider,
                 pending: bool = False) -> None:
        """`pending`: the ties wait for the first set_wave (a page that sets its wave next
        builds them once, with that wave's scores)."""
        super().__init__()
        # A BSP index costs more than it saves here: ties are long, many and move with
        # their roles (measured: 0.39 s a frame with it, 0.15 s without, 4,000 ties).
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.model = model
        self.scores_for = scores_for
        self.wave_id: int | None = None
        self.lens = Lens()
        self.name_share = 1.0  # see set_name_share
        self.scores: WaveScores | None = None
        #: The wave's scores are on their way (SCORING): only the roles are shown meanwhile.
        self.pending = pending
        #: The wave's new scores are on their way: it shows the wave as last scored meanwhile.
        self.rescoring = False
        self._awaited = False  # the scores provider answered SCORING last time
        self.comparison: WaveComparison | None = None
        self.lens_settings: WorkshopSettings | None = None  # the cut points last applied
        self._lens_seen: Lens | None = None  # a copy of the lens last applied (set_lens)
        #: Goes up whenever what the map shows may have changed (ties, roles, scores),
        #: so tables built from the scene know when they are out of date.
        self.version = 0
        self.item_for_role: dict[int, RoleItem] = {}
        self.item_for_tie: dict[int, TieItem] = {}
        self._ties_of_role: dict[int, set[int]] = {}
        self._pairs: set[tuple[int, int]] = set()
        self._animation: QVariantAnimation | None = None
        self._moved: set[int] | None = None  # roles moved in a batch (see _moves_batched)
        # One item draws every tie (see TieLayer); the tie items only hit-test and select.
        self.tie_layer = TieLayer(self)
        self.tie_layer.settled = self._on_scale_settled
        self.addItem(self.tie_layer)
        self._role_cache_scale: float | None = None
        self._role_cache_ratio = 1.0
        self.selectionChanged.connect(self._on_selection_changed)
        model.roles_changed.connect(self._on_model_roles_changed)
        model.ties_changed.connect(self._on_model_ties_changed)
        model.changed.connect(self._on_model_changed)
        self._on_model_roles_changed()

    # -- projection ----------------------------------------------------------------------------

    def _on_model_roles_changed(self) -> None:
        if self._animation is not None:
            # The library moved roles (an undo, say) while a layout glided: where it
            # puts them now wins; a running glide would carry them back off it.
            self._animation.stop()
            self._animation = None
            self.tie_layer.setVisible(True)  # every tie is placed again below
        roles = self.model.service.roles()
        places = initial_positions(roles)
        for role_id in set(self.item_for_role) - {r.id for r in roles}:
            self.removeItem(self.item_for_role.pop(role_id))
        with self._moves_batched(place=False):  # every tie is placed below
            for role in roles:
                item = self.item_for_role.get(role.id)
                if item is None:
                    item = self.item_for_role[role.id] = RoleItem(role, self.name_pt())
                    item.set_cache_scale(self._role_cache_scale, self._role_cache_ratio)
                    self.addItem(item)
                else:
                    item.update_role(role)
                x, y = places.get(role.id, (role.x or 0.0, role.y or 0.0))
                if (item.pos().x(), item.pos().y()) != (x, y):
                    item.setPos(x, y)
        self._on_model_ties_changed()
        self.labels_stale.emit()

    def saved_positions(self) -> dict[int, tuple[float, float]]:
        """Where the library (or, for unplaced roles, the initial layout) puts each role."""
        roles = self.model.service.roles()
        places = initial_positions(roles)
        return {r.id: places.get(r.id, (r.x or 0.0, r.y or 0.0)) for r in roles}

    def _on_model_changed(self, changes: Change) -> None:
        """Score the wave once per change, however many kinds of record it touched
        (a survey import adds roles, a wave and answers in one go)."""
        if not changes & SCORE_INPUTS:
            return
        if changes == Change.RATINGS and self.scores is not None \
                and self.scores.source is ScoreSource.SURVEY:
            return  # the wave shows its survey results, which live ratings do not touch
        self.restyle()

    def _role_places(self, role_ids: Iterable[int] | None = None
                     ) -> dict[int, tuple[float, float]]:
        """Where each role item (or each of these) is now: read once for all ties, not
        twice per tie."""
        places = {}
        for role_id in self.item_for_role if role_ids is None else role_ids:
            role = self.item_for_role.get(role_id)
            if role is not None:
                at = role.pos()
                places[role_id] = (at.x(), at.y())
        return places

    def _place_tie(self, item: TieItem, places: dict[int, tuple[float, float]] | None = None
                   ) -> None:
        if places is None:
            source = self.item_for_role[item.source_id].pos()
            target = self.item_for_role[item.target_id].pos()
            ends = (source.x(), source.y()), (target.x(), target.y())
        else:
            ends = places[item.source_id], places[item.target_id]
        bend = (item.target_id, item.source_id) in self._pairs
        item.set_geometry(ms.tie_geometry(*ends, bend))

    def on_role_item_moved(self, role_id: int) -> None:
        """Keep the ties of a role attached while it is dragged or animated."""
        if self._moved is not None:
            self._moved.add(role_id)
            return
        self._place_ties(self._ties_of_role.get(role_id, set()))

    def _place_ties(self, tie_ids: Iterable[int]) -> None:
        moving = set(tie_ids)
        self.tie_layer.set_live(moving)  # drawn directly until the movement settles
        items = [item for t in moving if (item := self.item_for_tie.get(t)) is not None]
        # Only the roles at these ties' ends: a drag moves one role many times a second.
        places = self._role_places({end for i in items for end in (i.source_id, i.target_id)})
        for item in items:
            # A role just deleted may still have ties here (unplaced roles move on the
            # circle before the ties are refreshed): those go in _on_model_ties_changed.
            if item.source_id in places and item.target_id in places:
                self._place_tie(item, places)

    @contextmanager
    def _moves_batched(self, place: bool = True) -> Iterator[None]:
        """Move many roles at once: each of their ties is placed once afterwards, not once
        per moved end (or not at all, when the caller places every tie itself)."""
        outer, self._moved = self._moved, set()
        try:
            yield
        finally:
            moved, self._moved = self._moved, outer
            if place and moved:
                self._place_ties(set().union(*(self._ties_of_role.get(r, set())
                                               for r in moved)))

    def _on_scale_settled(self, scale: float) -> None:
        """A big map's roles are drawn from pixmaps made at the zoom that just settled."""
        big = len(self.item_for_role) >= ROLE_CACHE_MIN
        self._role_cache_scale = scale if big else None
        # `scale` is in device pixels; Qt sizes item caches in logical ones.
        self._role_cache_ratio = max((v.devicePixelRatioF() for v in self.views()), default=1.0)
        if big:
            reserve_pixmap_cache(len(self.item_for_role), scale)
        for item in self.item_for_role.values():
            item.set_cache_scale(self._role_cache_scale, self._role_cache_ratio)

    def _on_selection_changed(self) -> None:
        # Selected ties are drawn on top of the cached image.
        selected = [i for i in self.selectedItems() if isinstance(i, TieItem)]
        self.tie_layer.selection_changed(selected)
        if any(i.value_text() for i in selected):
            self.labels_stale.emit()  # its number gets the first free place

    # -- reading the map ---------------------------------------------------------------------

    def set_wave(self, wave_id: int | None) -> None:
        self.wave_id = wave_id
        self.restyle()

    def set_lens(self, lens: Lens) -> None:
        before, self._lens_seen = self._lens_seen, replace(lens, revealed=set(lens.revealed))
        self.lens = lens
        if before is not None and before.revealed != lens.revealed \
                and replace(before, revealed=lens.revealed) == lens:
            # A reveal step: only the ties revealed or hidden again change look.
            changed = before.revealed ^ lens.revealed
            self.apply_lens([item for tie_id, item in self.item_for_tie.items()
                             if tie_id in changed])
            return
        for item in self.item_for_role.values():
            item.set_label_size(self.name_pt())
        if before is not None and replace(before, projector=lens.projector) == lens \
                and len(self.item_for_tie) > ms.MAX_VALUE_LABELS:
            # Projector mode alone, on a map with no tie numbers: the ties look the same.
            self.labels_stale.emit()
            return
        self.apply_lens()

    def _label_pt(self) -> float:
        return ms.LABEL_PT[self.lens.projector]

    def name_pt(self) -> float:
        """The role names' point size: the mode's, or less on a crowded map (name_share)."""
        return self._label_pt() * self.name_share

    def set_name_share(self, share: float) -> None:
        """Role names at this share of the mode's size (the fit makes room this way when
        a map's names cannot all be placed at full size; see reports/label_fit.py)."""
        self.name_share = share
        size = self.name_pt()
        for item in self.item_for_role.values():
            item.set_label_size(size)

    def restyle(self) -> None:
        """Re-read the wave's scores (the data changed), then redraw the ties (and bring in
        or drop the ties only a survey rated)."""
        before, was_pending, was_rescoring = self.scores, self.pending, self.rescoring
        awaited = self._awaited  # these scores come from a job: their ties come in pieces
        found = self.scores_for(self.wave_id) if self.wave_id is not None else None
        self.rescoring = isinstance(found, Scoring) and before is not None \
            and before.wave_id == self.wave_id
        if self.rescoring:
            return  # the wave as last scored stays on show until its new scores come
        self.pending = self._awaited = isinstance(found, Scoring)
        self.scores = None if isinstance(found, Scoring) else found
        if self.pending or was_pending:  # the ties go until the scores come, then come back
            self._on_model_ties_changed(in_pieces=awaited)
            return
        if self.scores is before and before is not None:
            return  # the wave's cached survey results: a live rating changes nothing shown
        self.version += 1
        items = self.item_for_tie.values()
        drawn = [(i.source_id, i.target_id) for i in items if i.tie_id >= 0]
        shown = {(i.source_id, i.target_id) for i in items if i.tie_id < 0}
        if shown != restyle.survey_only_pairs(self.scores, drawn, self.item_for_role):
            # survey-only ties come or go (many, in pieces, after a wave scored again off
            # the UI thread); applies the lens
            self._on_model_ties_changed(in_pieces=was_rescoring)
            return
        settings = self.model.service.workshop().settings  # cut points shape every tie
        same = settings == self.lens_settings
        self.apply_lens(restyle.changed_ties(items, before, self.scores) if same else None)

    def set_comparison(self, comparison: WaveComparison | None) -> None:
        """Show change since an earlier wave (None: back to the chosen lens)."""
        if comparison is None and self.comparison is None:
            return  # nothing to redraw (opening a big map used to restyle it twice more)
        self.comparison = comparison
        self.apply_lens()

    def apply_lens(self, only: list[TieItem] | None = None) -> None:
        """Colour and label every tie (or `only` these) from the current scores under the
        current lens (tie_styles.py), then place the labels again if their numbers
        changed."""
        if self.comparison is not None:
            tie_styles.style_change(self, self.comparison)
            self.labels_stale.emit()
            return
        if only is not None and not only:
            return
        if self.lens.disagreement:  # issue 20: by the respondents' spread
            from rcdesk.ui.map.disagreement_lens import apply_disagreement

            apply_disagreement(self)
            self.labels_stale.emit()
        elif tie_styles.style_scores(self, only):
            self.labels_stale.emit()

    def value_pt(self) -> float:
        """The tie numbers' point size in this mode."""
        return self._label_pt() * ms.VALUE_LABEL_SHARE[self.lens.projector]

    def tie_value(self, tie_id: int) -> float | None:
        item = self.item_for_tie.get(tie_id)
        if item is None or self.scores is None:
            return None
        score = self.scores.tie(item.source_id, item.target_id)
        return score.value(self.lens.key) if score is not None else None

    def roles_rect(self) -> QRectF:
        """The circles and the loops above them, in scene units (labels not included)."""
        points = [item.pos() for item in self.item_for_role.values()]
        if not points:
            return QRectF()
        left = min(p.x() for p in points) - ms.NODE_RADIUS
        right = max(p.x() for p in points) + ms.NODE_RADIUS
        top = min(p.y() for p in points) - ms.NODE_RADIUS - ms.LOOP_RADIUS * 2.6
        bottom = max(p.y() for p in points) + ms.NODE_RADIUS
        return QRectF(left, top, right - left, bottom - top)

    # -- selection helpers -------------------------------------------------------------------

    def selected_role_ids(self) -> list[int]:
        return [i.role.id for i in self.selectedItems() if isinstance(i, RoleItem)]

    def selected_tie_ids(self) -> list[int]:
        return [i.tie_id for i in self.selectedItems() if isinstance(i, TieItem)]

    def select_only(self, item: RoleItem | TieItem | None) -> None:
        self.clearSelection()
        if item is not None:
            item.setSelected(True)

    def role_at(self, point: QPointF) -> RoleItem | None:
        for item in self.items(point):
            if isinstance(item, RoleItem):
                return item
        return None

    # -- animation of layouts ------------------------------------------------------------------

    def glide(self) -> QVariantAnimation | None:
        """The glide of a layout under way, if any (the benchmark drives its frames)."""
        return self._animation

    def finish_animation(self) -> None:
        """End a layout glide where it was going (where the library puts the roles)."""
        animation, self._animation = self._animation, None
        if animation is not None:
            animation.setCurrentTime(animation.duration())  # the last step: at the targets
            animation.stop()

    def animate_from(self, starts: dict[int, QPointF]) -> None:
        """Glide roles from where they were to where the library now puts them."""
        targets = {rid: (item.pos().x(), item.pos().y())
                   for rid, item in self.item_for_role.items() if rid in starts}
        ties_glide = len(self.item_for_tie) <= GLIDE_TIES_MAX
        with self._moves_batched(place=ties_glide):
            for rid in targets:
                self.item_for_role[rid].setPos(starts[rid])
        if self._animation is not None:
            self._animation.stop()
        if not ties_glide:
            self.tie_layer.setVisible(False)  # placed and shown when the roles land
        animation = QVariantAnimation(self)
        animation.setDuration(ANIMATION_MS)
        animation.setStartValue(0.0)
        animation.setEndValue(1.0)

        def step(value: object) -> None:
            t = float(value)  # type: ignore[arg-type]
            with self._moves_batched(place=ties_glide):
                for rid, (x, y) in targets.items():
                    start, item = starts[rid], self.item_for_role.get(rid)
                    if item is None:  # a role deleted while it glides is simply gone
                        continue
                    if t >= 1.0:  # exactly where the library has it (no rounding left over)
                        item.setPos(x, y)
                    else:
                        item.setPos(start.x() + (x - start.x()) * t,
                                    start.y() + (y - start.y()) * t)
            if t >= 1.0:
                if not self.tie_layer.isVisible():
                    self._place_ties(self.item_for_tie)
                    self.tie_layer.setVisible(True)
                self.labels_stale.emit()

        animation.valueChanged.connect(step)
        self._animation = animation
        animation.start()
