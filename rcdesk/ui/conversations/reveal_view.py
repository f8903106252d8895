"""The map as the room sees it in a reveal step: scores hidden until the facilitator
reveals them: one tie at a time (strongest first, adding up), one chosen tie alone, or
all at once.

A big map is prepared in pieces when first shown (3,600 ties made, drawn and read in one
turn stalled the room's screen for a second or more): the first frame shows its roles, the
ties are made a few hundred per turn (scene_ties.py), and the tie layer shows nothing until
its first image, itself drawn in pieces, is complete; `prepared` says when every tie is in.
A command that needs every tie while they are still coming (a reveal) makes the rest at
once.

It reuses the map's public scene, view and legend read-only; the view takes no
focus and no mouse gestures, so nothing on the projector can edit the map.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGraphicsView, QVBoxLayout, QWidget

from rcdesk.domain.bands import band_for, score_text
from rcdesk.ui.conversations.reveal import RevealTie, question_for, reveal_order
from rcdesk.ui.map import scene_ties
from rcdesk.ui.map.legend import Legend
from rcdesk.ui.map.scene import Lens, MapScene, ScoresProvider
from rcdesk.ui.map.view import MapView
from rcdesk.ui.workshop_model import WorkshopModel

LEGEND_PT = 18.0
RevealState = tuple[frozenset[int], RevealTie | None]


class RevealMap(QWidget):
    prepared = Signal()
    """Every tie of a map prepared in pieces is in (ties() answers at once from now on)."""

    def __init__(self, model: WorkshopModel, scores_for: ScoresProvider) -> None:
        super().__init__()
        self.model = model
        # No ties until the wave is set (the audience sets it next); a big map's come in
        # pieces, none in the turn that first shows the roles.
        self.scene = MapScene(model, scores_for, pending=True)
        self.scene.pieces_from = scene_ties.TIES_PER_TURN
        # Said in a turn of its own: the ties' reading (the laptop's list) would add to the
        # turn that makes the last ties and starts their first image.
        self.scene.ties_complete.connect(
            lambda: QTimer.singleShot(0, self, self._say_prepared))
        self.scene.set_lens(Lens(hidden=True, projector=True))
        self.view = MapView(self.scene)
        self.view.setAccessibleName("Our map")
        self.view.setInteractive(False)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.legend = Legend(self.view)
        self.latest: RevealTie | None = None
        # The ties as the room sees them and their reveal order, until the scores, the
        # lens's key or the workshop change (a reveal step on 3,600 ties read them all).
        self._known: tuple[tuple[object, ...], list[RevealTie], list[int]] | None = None
        self._scores_seen: object = None
        model.changed.connect(self._forget_ties)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    # -- reading -----------------------------------------------------------------------------

    def _say_prepared(self) -> None:
        if self.ready():
            self.prepared.emit()

    def ready(self) -> bool:
        """Whether every tie is in (else they are still coming, in pieces)."""
        return not (self.scene.pending or self.scene.building())

    def complete(self) -> bool:
        """Whether the room sees the whole map: every tie in and drawn."""
        return self.ready() and self.scene.tie_layer.drawn()

    def _every_tie(self) -> None:
        """Make the ties still coming now: what follows needs all of them."""
        self.scene.finish_building()

    def ties(self) -> list[RevealTie]:
        return list(self._ties_and_order()[0])

    def _forget_ties(self) -> None:
        self._known = None

    def _ties_and_order(self) -> tuple[list[RevealTie], list[int]]:
        self._every_tie()
        scene = self.scene
        # The scores by identity (`is`): comparing two waves' scores field by field costs
        # more than reading the ties again.
        key = (scene.version, scene.lens.key, scene.wave_id,
               len(scene.item_for_tie))
        if self._known is None or self._known[0] != key or \
                self._scores_seen is not scene.scores:
            ties = self._read_ties()
            self._known, self._scores_seen = (key, ties, reveal_order(ties)), scene.scores
        return self._known[1], self._known[2]

    def _read_ties(self) -> list[RevealTie]:
        names = {r.id: r.name for r in self.model.service.roles()}
        settings = self.model.service.workshop().settings
        found = []
        for tie_id, item in self.scene.item_for_tie.items():
            value = self.scene.tie_value(tie_id)
            scores = self.scene.scores
            score = scores.tie(item.source_id, item.target_id) if scores is not None else None
            cuts = settings.weak_below, settings.strong_above
            found.append(RevealTie(tie_id, names.get(item.source_id, "?"),
                                   names.get(item.target_id, "?"), value,
                                   band_for(value, *cuts),
                                   score.spread if score is not None and score.shown else None,
                                   "" if value is None else score_text(value, 2, *cuts)))
        return found

    def revealed(self) -> set[int]:
        return set(self.scene.lens.revealed)

    def remaining(self) -> int:
        self._every_tie()
        return len(set(self.scene.item_for_tie) - self.scene.lens.revealed)

    def question(self) -> str:
        return question_for(self.latest, len(self.scene.lens.revealed),
                            len(self.scene.item_for_tie))

    # -- commands ----------------------------------------------------------------------------

    def set_wave(self, wave_id: int | None) -> None:
        self.scene.set_wave(wave_id)

    def hide_all(self) -> None:
        self.latest = None
        self._set_revealed(set())

    def reveal_next(self) -> RevealTie | None:
        """Reveal the strongest tie not shown yet; None when all are shown."""
        ties, order = self._ties_and_order()
        revealed = self.scene.lens.revealed
        following = next((tid for tid in order if tid not in revealed), None)
        if following is None:
            self.latest = None
            return None
        self.latest = next(t for t in ties if t.tie_id == following)
        # Not selected: the selection halo would wash out a weak tie's dashed line, and the
        # question below names the two roles anyway.
        self._set_revealed(revealed | {following})
        return self.latest

    def show_only(self, tie_id: int) -> RevealTie | None:
        """Show this one tie; every other is hidden again."""
        ties = {t.tie_id: t for t in self.ties()}
        if tie_id not in ties:
            return None
        self.latest = ties[tie_id]
        self.scene.clearSelection()
        self._set_revealed({tie_id})
        return self.latest

    def state(self) -> RevealState:
        """What is revealed now (to keep across ← and →)."""
        return frozenset(self.scene.lens.revealed), self.latest

    def restore(self, state: RevealState) -> None:
        revealed, latest = state
        self.latest = latest
        self._every_tie()
        self._set_revealed(set(revealed) & set(self.scene.item_for_tie))

    def reveal_all(self) -> None:
        self.latest = None
        self.scene.clearSelection()
        self._every_tie()
        self._set_revealed(set(self.scene.item_for_tie))

    def _set_revealed(self, revealed: set[int]) -> None:
        lens = self.scene.lens
        hidden_before = not lens.revealed
        lens.revealed = revealed
        self.scene.set_lens(lens)
        if hidden_before != (not revealed):  # else the legend stays as it is: not repainted
            self._place_legend()

    # -- layout ------------------------------------------------------------------------------

    def _place_legend(self) -> None:
        lens = self.scene.lens
        hidden = not lens.revealed
        self.legend.configure(hidden, "Tie" if hidden else "Tie strength", LEGEND_PT)
        self.legend.dock(self.view)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_legend()
        self.view.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place_legend()
        self.view.fit()
