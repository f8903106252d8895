"""Arranging the roles of the map with a layout: one undo step, and the roles glide there.

The circle layout and small maps are arranged at once. On a big map the force-directed
positions take about half a second, so they are worked out off the UI thread (the
window stays usable, the status bar says what is happening) and applied when they
arrive, unless the roles or ties changed meanwhile (a role moved or pinned, another
layout applied, an undo): then nothing moves and the facilitator is told so.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QPointF

from rcdesk.domain.errors import DomainError
from rcdesk.ui.background import Background, Op
from rcdesk.ui.feedback import Feedback
from rcdesk.ui.map.scene import MapScene
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.workshop_model import WorkshopModel

Places = dict[int, tuple[float, float]]
#: Above this many ties, a map's metrics and force-directed layout are worked out off the UI
#: thread (betweenness on 4,000 ties: about a second; the layout: half a second).
BACKGROUND_TIES = 300
CHANGED = "The map changed while the roles were being arranged, so nothing was moved."


class Arranger(QObject):
    def __init__(self, model: WorkshopModel, runner: EditRunner, scene: MapScene,
                 feedback: Feedback, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.runner = runner
        self.scene = scene
        self.feedback = feedback
        self._generation = 0
        self.background = Background(self)
        self._op: Op | None = None
        self._kind = "spring"  # the layout being worked out off the UI thread
        model.roles_changed.connect(self.forget)  # positions and pins included
        model.ties_changed.connect(self.forget)

    def busy(self) -> bool:
        """True while a force-directed layout is being worked out."""
        return self._op is not None

    def apply(self, kind: str) -> None:
        from rcdesk.analysis import layouts  # (networkx) only when a layout is asked for

        service = self.model.service
        roles, ties = service.roles(), self.scene.shown_ties()  # survey-only ties pull too
        work = {"circle": partial(layouts.circle_layout, roles),
                "stress": partial(layouts.stress_layout, roles, ties),
                "spring": partial(layouts.spring_layout, roles, ties)}[kind]
        if self._op is not None:  # a layout asked for now wins over one still worked out:
            self._op.cancel()  # its result goes nowhere
            self._op = None
        self.forget()
        if kind == "circle" or len(ties) <= BACKGROUND_TIES:
            try:
                places = work()
            except DomainError as exc:
                self.feedback.error(exc)
                return
            self._place(kind, places)
            return
        self._op = self.background.run(work, partial(self._on_done, self._generation),
                                       self._on_failed)
        self._kind = kind
        self.feedback.note("Arranging the roles…")

    def _on_failed(self, error: DomainError) -> None:
        self._op = None
        self.feedback.error(error)

    def _on_done(self, generation: int, result: object) -> None:
        self._op = None
        if generation != self._generation or not isinstance(result, dict):
            self.feedback.note(CHANGED)
            return
        self._place(self._kind, result)

    def forget(self) -> None:
        """The roles or ties changed (or another layout was asked for): a layout still being
        worked out is not applied when it arrives."""
        self._generation += 1

    def _place(self, kind: str, places: Places) -> None:
        before = {rid: QPointF(item.pos()) for rid, item in self.scene.item_for_role.items()}
        text = {"circle": "Apply circle layout", "stress": "Apply tidy layout"}.get(
            kind, "Apply force-directed layout")
        if self.runner.run(lambda: self.model.session.map.set_role_positions(places, text)):
            self.scene.animate_from(before)
