"""What changed between two waves: each tie, each role, each dimension (issue 4).

It shows a WaveComparison from ScoresService.compare as three tables. Values are
rounded to two decimals beside their band colour; a tie suppressed in either wave has no
change value, and the table says why instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from rcdesk.analysis.rc_scores import ChangeKind, RoleChange, TieChange, WaveComparison
from rcdesk.domain.bands import band_for
from rcdesk.domain.dimensions import DIMENSIONS
from rcdesk.reports.map_style import BAND_STYLES
from rcdesk.ui.table_model import Column, RecordTableModel
from rcdesk.ui.widgets import label, named, record_table

KIND_TEXT = {
    ChangeKind.IMPROVED: "improved ▲",
    ChangeKind.WORSE: "worse ▼",
    ChangeKind.UNCHANGED: "unchanged",
    ChangeKind.NEW: "new",
    ChangeKind.LOST: "lost",
    ChangeKind.SUPPRESSED: "suppressed",
}
#: Worst news first, so the conversation starts where help is needed.
KIND_ORDER = (ChangeKind.WORSE, ChangeKind.IMPROVED, ChangeKind.NEW, ChangeKind.LOST,
              ChangeKind.UNCHANGED, ChangeKind.SUPPRESSED)


def signed(delta: float | None) -> str:
    """+0.32, −0.10 (a real minus sign), 0.00, or — when there is no change value."""
    if delta is None:
        return "—"
    rounded = round(delta, 2)
    if rounded == 0:
        return "0.00"
    return f"+{rounded:.2f}" if rounded > 0 else f"−{abs(rounded):.2f}"


class ChangePanel(QWidget):
    """Headline, tie changes, and role and dimension deltas for one comparison."""

    def __init__(self, role_name: Callable[[int], str]) -> None:
        super().__init__()
        self.role_name = role_name
        self.cut_points = (3.5, 4.0)
        self.comparison: WaveComparison | None = None
        self.headline = label("", wrap=True)
        self.counts = label("", "muted", wrap=True)
        self.ties_model: RecordTableModel[TieChange] = RecordTableModel(
            [Column("Tie", self._tie_name),
             Column("Before", lambda c: _number(c.before), decoration=lambda c: self._band(
                 c.before), tooltip="Before, with its band colour"),
             Column("After", lambda c: _number(c.after), decoration=lambda c: self._band(
                 c.after), tooltip="After, with its band colour"),
             Column("Change", lambda c: signed(c.delta)),
             Column("Kind", lambda c: KIND_TEXT[c.kind])],
            self._tie_rows)
        self.ties_table = record_table("Tie changes", self.ties_model, stretch_column=0)
        self.roles_model: RecordTableModel[RoleChange] = RecordTableModel(
            [Column("Role", lambda r: self.role_name(r.role_id)),
             Column("Given", lambda r: signed(r.given)),
             Column("Received", lambda r: signed(r.received)),
             Column("Within", lambda r: signed(r.within))],
            lambda: list(self.comparison.roles) if self.comparison else [])
        self.roles_table = record_table("Role changes", self.roles_model, stretch_column=0)
        self.dimensions_model: RecordTableModel[tuple[str, float | None]] = RecordTableModel(
            [Column("Dimension", lambda d: d[0]), Column("Change", lambda d: signed(d[1]))],
            self._dimension_rows)
        self.dimensions_table = record_table("Dimension changes", self.dimensions_model,
                                             stretch_column=0)
        self._layout()

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.headline)
        layout.addWidget(self.counts)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.ties_table)
        self.deltas = named(QTabWidget(), "Role and dimension changes")
        self.deltas.addTab(self.roles_table, "By role")
        self.deltas.addTab(self.dimensions_table, "By dimension")
        split.addWidget(self.deltas)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

    def show_comparison(self, comparison: WaveComparison | None, headline: str,
                        cut_points: tuple[float, float]) -> None:
        self.comparison = comparison
        self.cut_points = cut_points
        self.headline.setText(headline)
        self.headline.setAccessibleName(headline)
        counts = Counter(c.kind for c in comparison.ties) if comparison else Counter()
        text = " · ".join(f"{counts[k]} {k.value}" for k in KIND_ORDER if counts[k])
        if comparison is not None:
            text += f". A change of {comparison.threshold:.2f} or more counts"
            if counts[ChangeKind.SUPPRESSED]:
                text += "; suppressed ties (too few respondents in a wave) get no change value"
            text += "."
        self.counts.setText(text)
        self.counts.setAccessibleName(text)
        for model in (self.ties_model, self.roles_model, self.dimensions_model):
            model.reload()

    def _tie_rows(self) -> list[TieChange]:
        if self.comparison is None:
            return []
        ordered = sorted(self.comparison.ties, key=lambda c: (
            KIND_ORDER.index(c.kind), c.delta if c.delta is not None else 0.0))
        return ordered

    def _dimension_rows(self) -> list[tuple[str, float | None]]:
        if self.comparison is None:
            return []
        return [(d.name, self.comparison.dimensions.get(d.key)) for d in DIMENSIONS]

    def _tie_name(self, change: TieChange) -> str:
        return f"{self.role_name(change.source_id)} → {self.role_name(change.target_id)}"

    def _band(self, value: float | None) -> QColor | None:
        """The band's colour beside a value (its number says the rest; ux.md)."""
        if value is None:
            return None
        return QColor(BAND_STYLES[band_for(value, *self.cut_points)].colour)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
