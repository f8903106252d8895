"""Cross-role pairs, large for the room (issue 20): cards of who pairs with whom, from
services/pairs.py, with a re-roll and a swap by keyboard.

`PairsController` holds the proposal, the re-roll seed and the swaps; every `PairsBoard`
showing it redraws when it changes. Keys (on the Pairs tab, its projector window and the
walkthrough's pairs step, where R re-rolls): R re-roll · arrows move between people ·
Space picks one, Space on another swaps them · Esc drops the pick (in the window: closes).
People are seats ("Nurses 2"), never names.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from rcdesk.analysis.pair_swaps import Place, places, swap_seats
from rcdesk.analysis.pairs import Group
from rcdesk.services.pairs import PairsPlan
from rcdesk.ui.palettes import PALETTES, Theme
from rcdesk.ui.widgets import clear_layout
from rcdesk.ui.workshop_model import WorkshopModel

EMPTY = ("Record who came (Agenda › Who was there) to pair people across roles: rcdesk "
         "pairs seats by role, never names.")
KEYS = "R re-roll · arrows move · Space picks, Space again swaps"
P = PALETTES[Theme.PROJECTOR]


class PairsController(QObject):
    changed = Signal()

    def __init__(self, model: WorkshopModel) -> None:
        super().__init__()
        self.service = model.session.pairs
        self.wave_id: int | None = None
        self.seed = 0
        self.plan: PairsPlan | None = None
        self.groups: list[Group] = []
        self.cursor: Place | None = None
        self.picked: Place | None = None

    def propose(self, wave_id: int | None = None, seed: int | None = None) -> None:
        self.wave_id = wave_id if wave_id is not None else self.wave_id
        self.seed = self.seed if seed is None else seed
        self.plan = self.service.propose(self.wave_id, self.seed)
        self.groups = list(self.plan.groups)
        self.cursor = places(self.groups)[0] if self.groups else None
        self.picked = None
        self.changed.emit()

    def reroll(self) -> None:
        self.propose(seed=self.seed + 1)

    def move(self, by: int) -> None:
        seats = places(self.groups)
        if not seats:
            return
        index = seats.index(self.cursor) if self.cursor in seats else 0
        self.cursor = seats[(index + by) % len(seats)]
        self.changed.emit()

    def pick(self) -> None:
        """Pick the person under the cursor; picking a second swaps the two."""
        if self.cursor is None:
            return
        if self.picked is None:
            self.picked = self.cursor
        else:
            self.groups = swap_seats(self.groups, self.picked, self.cursor)
            self.picked = None
        self.changed.emit()

    def lines(self) -> list[str]:
        if self.plan is None:
            return []
        return [" + ".join(self.plan.seat_name(s) for s in g.seats) for g in self.groups]

    def handle_key(self, event: QKeyEvent) -> bool:
        """The pairs' keys; False for any other key."""
        key = Qt.Key(event.key())
        steps = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1,
                 Qt.Key.Key_Up: -1}
        if key == Qt.Key.Key_R:
            self.reroll()
        elif key in steps:
            self.move(steps[key])
        elif key == Qt.Key.Key_Space:
            self.pick()
        elif key == Qt.Key.Key_Escape and self.picked is not None:
            self.picked = None
            self.changed.emit()
        else:
            return False
        return True


class PairsBoard(QWidget):
    """The groups as cards, three or four to a row, in type large enough for the back of the
    room (a large room scrolls rather than shrinking the type)."""

    def __init__(self, controller: PairsController, point_size: float = 26.0) -> None:
        super().__init__()
        self.setAccessibleName("Cross-role pairs")
        self.controller = controller
        self.point_size = point_size
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        controller.changed.connect(self.redraw)
        self.redraw()

    def _font(self, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self.point_size)
        font.setBold(bold)
        return font

    def redraw(self) -> None:
        for index in range(self.grid.count()):  # gone from sight now, deleted later
            item = self.grid.itemAt(index)
            old = item.widget() if item is not None else None
            if old is not None:
                old.hide()
        clear_layout(self.grid)
        c = self.controller
        self.empty.setVisible(not c.groups)
        self.empty.setFont(self._font())
        columns = 3 if self.point_size >= 24 else 4  # three fit 1280 px at projector size
        for index, group in enumerate(c.groups):
            card = QFrame()
            card.setObjectName("pairCard")
            card.setStyleSheet(f"QFrame#pairCard {{ border: 2px solid {P.muted_text}; "
                               "border-radius: 10px; }")
            box = QVBoxLayout(card)
            for place in range(len(group.seats)):
                here = (index, place)
                text = c.plan.seat_name(group.seats[place]) if c.plan else "?"
                seat = QLabel(("▶ " if here == c.cursor else "") + text)
                seat.setFont(self._font(bold=here == c.picked))
                if here == c.picked:
                    seat.setStyleSheet(f"background: {P.accent}; color: {P.accent_text};")
                seat.setAccessibleName(f"Group {index + 1}: {text}")
                box.addWidget(seat)
            self.grid.addWidget(card, index // columns, index % columns)
