"""The map scene's ties: which it shows, and their items made, placed and styled (the base
of MapScene, scene.py).

A big wave's ties come when its scores do (ui/scores/scoring.py): 3,600 tie items made in
one event-loop turn took 0.1-0.4 s, so they are made TIES_PER_TURN a turn, the tie layer
holding its image back until the last is in (`ties_complete`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QGraphicsScene

from rcdesk.domain.model import Tie
from rcdesk.domain.scores import ScoreSource, WaveScores
from rcdesk.ui.map.tie_item import TieItem

if TYPE_CHECKING:
    from rcdesk.analysis.rc_scores import WaveComparison
    from rcdesk.ui.map.items import RoleItem
    from rcdesk.ui.map.scene import Lens
    from rcdesk.ui.map.tie_layer import TieLayer
    from rcdesk.ui.workshop_model import WorkshopModel

#: Tie items made per event-loop turn when a big wave's scores come in.
TIES_PER_TURN = 400


def survey_tie_id(source_id: int, target_id: int) -> int:
    """The map's id for a tie only a survey rated (negative: never a tie in the library)."""
    return -(source_id * 2**32 + target_id)


class TieScene(QGraphicsScene):
    """MapScene's tie items (its state is set up by MapScene)."""

    ties_complete = Signal()
    """The last ties of a build in pieces are on the map."""

    model: WorkshopModel
    pending: bool
    scores: WaveScores | None
    comparison: WaveComparison | None
    lens: Lens
    version: int
    item_for_role: dict[int, RoleItem]
    item_for_tie: dict[int, TieItem]
    tie_layer: TieLayer
    labels_stale: SignalInstance
    _ties_of_role: dict[int, set[int]]
    _pairs: set[tuple[int, int]]

    def __init__(self) -> None:
        super().__init__()
        #: From this many new ties on, a build goes in pieces whatever its scores' origin,
        #: none made in the first turn (the room's map: its roles shown first); None: never.
        self.pieces_from: int | None = None
        self._waiting: list[Tie] = []  # ties still to be made by a build in pieces
        self._more_ties = QTimer(self)
        self._more_ties.setSingleShot(True)
        self._more_ties.setInterval(0)
        self._more_ties.timeout.connect(self._add_waiting_ties)

    if TYPE_CHECKING:
        def _role_places(self, role_ids: Iterable[int] | None = None
                         ) -> dict[int, tuple[float, float]]: ...

        def _place_tie(self, item: TieItem,
                       places: dict[int, tuple[float, float]] | None = None) -> None: ...

        def apply_lens(self, only: list[TieItem] | None = None) -> None: ...

    def shown_ties(self) -> list[Tie]:
        """The ties the map draws: those drawn by hand, and every tie the wave's survey rated
        that nobody drew (ids below 0: survey_tie_id), so survey results show whole; none
        while the wave's scores are on their way."""
        if self.pending:
            return []
        drawn = [t for t in self.model.service.ties()
                 if t.source_id in self.item_for_role and t.target_id in self.item_for_role]
        return drawn + self._survey_only_ties(drawn)

    def _survey_only_ties(self, drawn: list[Tie]) -> list[Tie]:
        scores = self.scores
        if scores is None or scores.source is not ScoreSource.SURVEY:
            return []
        pairs = {(t.source_id, t.target_id) for t in drawn}
        workshop_id = self.model.service.workshop_id
        return [Tie(survey_tie_id(s.source_id, s.target_id), workshop_id, s.source_id,
                    s.target_id) for s in scores.ties
                if (s.source_id, s.target_id) not in pairs
                and s.source_id in self.item_for_role and s.target_id in self.item_for_role]

    def _on_model_ties_changed(self, in_pieces: bool = False) -> None:
        """Make, place and style the tie items of the ties shown; with `in_pieces` (or while
        a build in pieces is under way) TIES_PER_TURN new ones now and the rest in later
        turns, the tie layer holding its image back until every tie is in."""
        in_pieces = in_pieces or bool(self._waiting)
        self._more_ties.stop()
        self.version += 1
        ties = self.shown_ties()
        for tie_id in set(self.item_for_tie) - {t.id for t in ties}:
            gone = self.item_for_tie.pop(tie_id)
            self.tie_layer.remove(gone)
            self.removeItem(gone)
        self._ties_of_role = {}
        self._pairs = {(t.source_id, t.target_id) for t in ties}
        places = self._role_places()
        for item in self.item_for_tie.values():
            self._place_tie(item, places)
        new = [tie for tie in ties if tie.id not in self.item_for_tie]
        big = self.pieces_from is not None and len(new) >= self.pieces_from
        self._waiting = new[0 if big else TIES_PER_TURN:] if in_pieces or big else []
        self._add_ties(new[:len(new) - len(self._waiting)], places)
        for tie in ties:
            self._ties_of_role.setdefault(tie.source_id, set()).add(tie.id)
            self._ties_of_role.setdefault(tie.target_id, set()).add(tie.id)
        self.tie_layer.hold(bool(self._waiting))
        if self._waiting:
            self._more_ties.start()
        if self._styled():
            self.apply_lens()  # new ties get a style now; fresh scores follow on `changed`
        # (else every tie, new or old, already has the plain unrated look)

    def _styled(self) -> bool:
        return self.scores is not None or self.comparison is not None or self.lens.hidden

    def _add_ties(self, ties: list[Tie], places: dict[int, tuple[float, float]]
                  ) -> list[TieItem]:
        items = []
        for tie in ties:
            item = self.item_for_tie[tie.id] = TieItem(tie.id, tie.source_id, tie.target_id)
            self._place_tie(item, places)  # before it joins the scene: nothing to track
            self.tie_layer.add(item)
            self.addItem(item)
            items.append(item)
        return items

    def _add_waiting_ties(self, count: int | None = None) -> None:
        """The next `count` (TIES_PER_TURN) ties of a build in pieces; the layer draws them
        all once the last is in."""
        count = TIES_PER_TURN if count is None else count
        batch, self._waiting = self._waiting[:count], self._waiting[count:]
        items = self._add_ties(batch, self._role_places())
        if self._styled():
            self.apply_lens(items)
        if self._waiting:
            self._more_ties.start()
            return
        self.version += 1
        self.tie_layer.hold(False)
        self.labels_stale.emit()
        self.ties_complete.emit()

    def finish_building(self) -> None:
        """Make every tie still waiting now (something needs the whole map at once)."""
        if self._waiting:
            self._more_ties.stop()
            self._add_waiting_ties(len(self._waiting))

    def building(self) -> bool:
        """Whether some ties are still to be made (a build in pieces under way)."""
        return bool(self._waiting)
