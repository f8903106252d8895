"""The reveal steps of a running walkthrough: which tie the room sees, kept per step.

One object for the player (player.py turns keys and buttons into these calls): R
follows the step's order (one tie at a time through the laptop's list, the step's
named tie first, or strongest first, adding up); a tie picked on the laptop is shown
alone; what each reveal step has revealed is kept while the walkthrough runs, so ←
and → never hide it again. After the last tie, R says so on the laptop. While a big map
is still being prepared (reveal_view.py) the laptop's list waits for it; R meanwhile
makes the rest of the map at once.
"""

from __future__ import annotations

from collections.abc import Callable

from rcdesk.domain.agenda import AgendaStep
from rcdesk.domain.decks import StepKind
from rcdesk.ui.conversations.audience import AudienceView
from rcdesk.ui.conversations.reveal import chooser_order, named_tie
from rcdesk.ui.conversations.reveal_chooser import ONE, STRONGEST, RevealChooser
from rcdesk.ui.conversations.reveal_view import RevealMap, RevealState

ALL_SHOWN = "Every tie is revealed. “Hide scores” starts again."
PREPARING = "Preparing the map for the room…"
LIST_DONE = ("That was the last tie of the list: every tie has been shown once. Choose one "
             "from the list, or reveal all.")


class RevealControl:
    def __init__(self, audience: AudienceView, chooser: RevealChooser,
                 changed: Callable[[], None]) -> None:
        self.audience = audience
        self.chooser = chooser
        self._changed_callback = changed
        self.states: dict[int, RevealState] = {}  # agenda step id → what it revealed
        self.modes: dict[int, str] = {}
        self.step_id: int | None = None
        self.pair: tuple[str, str] | None = None
        self._waiting = False  # listening for the map's `prepared`
        chooser.tie_chosen.connect(self.show_only)
        chooser.mode_changed.connect(self._on_mode_changed)

    @property
    def map(self) -> RevealMap:
        return self.audience.map

    @property
    def active(self) -> bool:
        return self.step_id is not None

    def enter(self, item: AgendaStep | None) -> None:
        """The step on screen changed (the room's view has just shown it, all hidden)."""
        if item is None or item.step.kind is not StepKind.REVEAL:
            self.step_id = None
            return
        self.step_id = item.id
        self.pair = item.step.roles
        if item.id in self.states:
            self.map.restore(self.states[item.id])
        self.chooser.set_mode(self.modes.setdefault(item.id,
                                                    ONE if item.step.roles else STRONGEST))
        if self.map.ready():
            self._list_ties()
            self._changed("")
            return
        self.chooser.set_ties([], None)  # the list comes once the map is prepared
        if not self._waiting:
            self._waiting = True
            self.map.prepared.connect(self._on_prepared)
        self._changed(PREPARING)

    def _list_ties(self) -> None:
        ties = self.map.ties()
        named = named_tie(ties, self.pair)
        self.chooser.set_ties(chooser_order(ties, self.pair),
                              named.tie_id if named else None)

    def _on_prepared(self) -> None:
        """The map is prepared: the laptop's list of its ties (none shown in the room)."""
        if self.step_id is not None:
            self._list_ties()
            self._changed("")

    # -- gestures ----------------------------------------------------------------------------

    def next(self) -> None:
        if self.step_id is None:
            return
        if self.modes.get(self.step_id) == ONE:
            self._next_of_list()
        elif self.map.reveal_next() is None:
            self.map.latest = None
            self._changed(ALL_SHOWN)
            return
        else:
            self._changed("")

    def _next_of_list(self) -> None:
        order = [t.tie_id for t in chooser_order(self.map.ties(), self.pair)]
        latest = self.map.latest
        at = order.index(latest.tie_id) if latest is not None and latest.tie_id in order \
            and len(self.map.revealed()) == 1 else -1
        if at + 1 >= len(order):
            self._changed(LIST_DONE)
            return
        self.map.show_only(order[at + 1])
        self._changed("")

    def show_only(self, tie_id: int) -> None:
        if self.step_id is not None and self.map.show_only(tie_id) is not None:
            self._changed("")

    def reveal_all(self) -> None:
        if self.step_id is not None:
            self.map.reveal_all()
            self._changed("")

    def hide_all(self) -> None:
        if self.step_id is not None:
            self.map.hide_all()
            self._changed("")

    def _on_mode_changed(self, mode: str) -> None:
        if self.step_id is not None:
            self.modes[self.step_id] = mode

    def _changed(self, note: str) -> None:
        if self.step_id is None:
            return
        self.states[self.step_id] = self.map.state()
        total = len(self.map.ties()) if self.map.ready() else 0  # (none listed yet)
        self.chooser.set_count(len(self.map.revealed()), total)
        self.chooser.say(note)
        self.audience.refresh_question()
        self._changed_callback()
