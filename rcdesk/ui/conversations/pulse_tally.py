"""Tally entry: after a show of cards, how many people chose each point, per item.

A grid of spin boxes (items × scale points) with each item's total. Every change
is saved at once as an undoable edit (consecutive changes of one cell merge into
one undo step); the grid is redrawn from the library when the pulse changes, so
undo and redo show up here too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QWidget

from rcdesk.domain.limits import MAX_TALLY
from rcdesk.services.pulse import PulseService
from rcdesk.ui.undo import EditRunner
from rcdesk.ui.widgets import clear_layout, label, named


class TallyGrid(QWidget):
    def __init__(self, pulses: PulseService, runner: EditRunner,
                 scale_of: Callable[[], int]) -> None:
        super().__init__()
        self.pulses = pulses
        self.runner = runner
        self.scale_of = scale_of
        self.wave_id: int | None = None
        self.spins: dict[tuple[str, int], QSpinBox] = {}
        self.totals: dict[str, QLabel] = {}
        self.grid = QGridLayout(self)
        self._scale = 0
        self._loading = False

    def set_wave(self, wave_id: int | None) -> None:
        self.wave_id = wave_id
        self.refresh()

    def _rebuild(self, scale: int) -> None:
        clear_layout(self.grid)
        self.spins.clear()
        self.totals.clear()
        self._scale = scale
        self.grid.addWidget(label("Item", "muted"), 0, 0)
        for point in range(1, scale + 1):
            self.grid.addWidget(label(str(point), "muted"), 0, point, Qt.AlignmentFlag.AlignCenter)
        self.grid.addWidget(label("Total", "muted"), 0, scale + 1)
        for row, item in enumerate(self.pulses.items(), start=1):
            theme = label(f"{item.key[2:]}. {item.theme}")
            theme.setToolTip(item.wording)
            self.grid.addWidget(theme, row, 0)
            for point in range(1, scale + 1):
                spin = named(QSpinBox(), f"Item {item.key[2:]}, point {point}: how many")
                spin.setRange(0, MAX_TALLY)
                spin.setKeyboardTracking(False)
                spin.valueChanged.connect(self._saver(item.key, point))
                self.spins[(item.key, point)] = spin
                self.grid.addWidget(spin, row, point)
            total = named(QLabel("0"), f"Item {item.key[2:]} total")
            self.totals[item.key] = total
            self.grid.addWidget(total, row, scale + 1)
        self.grid.setColumnStretch(0, 1)

    def _saver(self, item: str, point: int) -> Callable[[int], None]:
        def save(count: int) -> None:
            self.save(item, point, count)
        return save

    def save(self, item: str, point: int, count: int) -> None:
        wave_id = self.wave_id
        if self._loading or wave_id is None:
            return
        scale = self.scale_of()
        if not self.runner.run(lambda: self.pulses.set_tally(wave_id, item, point, count,
                                                            scale)):
            self.refresh()

    def refresh(self) -> None:
        """Show the stored counts (zero where nothing is stored) and the totals."""
        scale = self.scale_of()
        if scale != self._scale:
            self._rebuild(scale)
        tally = self.pulses.tally(self.wave_id) if self.wave_id is not None else {}
        self._loading = True
        try:
            for (item, point), spin in self.spins.items():
                spin.setValue(tally.get(item, {}).get(point, 0))
                spin.setEnabled(self.wave_id is not None)
        finally:
            self._loading = False
        for item, total in self.totals.items():
            count = sum(spin.value() for (key, _), spin in self.spins.items() if key == item)
            total.setText(str(count))
            total.setAccessibleName(f"Item {item[2:]} total: {count}")
