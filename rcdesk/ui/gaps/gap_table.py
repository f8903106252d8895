"""The gap log's table: one row per gap, sortable and filterable.

The rows are plain GapRow records over a RecordTableModel with named columns;
a GapFilter proxy sorts by each column's sort key (its EditRole value: dates as
ISO text, priority as 1–3) and filters by status and by words in the title,
area or owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from rcdesk.domain.gaps import GapStatus, Priority
from rcdesk.ui.gaps.fields import show_date
from rcdesk.ui.table_model import Column, RecordTableModel

#: Filter choices: (label, statuses shown).
STATUS_FILTERS: tuple[tuple[str, frozenset[GapStatus]], ...] = (
    ("Open and in progress", frozenset({GapStatus.OPEN, GapStatus.IN_PROGRESS})),
    ("All gaps", frozenset(GapStatus)),
    *((s.label, frozenset({s})) for s in GapStatus),
)


@dataclass(frozen=True)
class GapRow:
    id: int
    title: str
    area: str
    owner: str
    priority: Priority
    status: GapStatus
    due: date | None
    overdue: bool
    cycles: int
    latest: str
    votes: int | None = None  # dots in the latest dot-vote shown (issue 20)


def _due_text(row: GapRow) -> str:
    return f"{show_date(row.due)} (overdue)" if row.overdue else show_date(row.due)


def gap_columns() -> list[Column[GapRow]]:
    return [
        Column("Title", lambda r: r.title, edit_value=lambda r: r.title.casefold()),
        Column("Status", lambda r: r.status.label,
               edit_value=lambda r: list(GapStatus).index(r.status)),
        Column("Due", _due_text, edit_value=lambda r: r.due.isoformat() if r.due else "9999"),
        Column("Priority", lambda r: r.priority.label, edit_value=lambda r: r.priority.value),
        Column("Owner", lambda r: r.owner or "—", edit_value=lambda r: r.owner.casefold()),
        Column("Area", lambda r: r.area, edit_value=lambda r: r.area.casefold()),
        Column("Cycles", lambda r: r.cycles or "—", edit_value=lambda r: r.cycles),
        Column("Latest", lambda r: r.latest or "—", edit_value=lambda r: r.latest),
        Column("Votes", lambda r: "—" if r.votes is None else r.votes,
               edit_value=lambda r: -1 if r.votes is None else r.votes,
               tooltip="Dots in the latest dot-vote whose results are shown"),
    ]


class GapFilter(QSortFilterProxyModel):
    """Shows the gaps whose status is chosen and whose words contain the search text."""

    def __init__(self, source: RecordTableModel[GapRow]) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(Qt.ItemDataRole.EditRole)
        self._records = source
        self._statuses = STATUS_FILTERS[0][1]
        self._words = ""

    def set_statuses(self, statuses: frozenset[GapStatus]) -> None:
        self._refilter(statuses, self._words)

    def set_words(self, text: str) -> None:
        self._refilter(self._statuses, " ".join(text.split()).casefold())

    def _refilter(self, statuses: frozenset[GapStatus], words: str) -> None:
        """Change the filter (Qt 6.10 replaced invalidateFilter with a begin/end pair)."""
        if not hasattr(self, "endFilterChange"):
            self._statuses, self._words = statuses, words
            self.invalidateFilter()
            return
        self.beginFilterChange()
        self._statuses, self._words = statuses, words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if source_row >= self._records.rowCount():
            return False
        row = self._records.record(source_row)
        if row.status not in self._statuses:
            return False
        haystack = f"{row.title} {row.area} {row.owner}".casefold()
        return not self._words or self._words in haystack

    def record_at(self, proxy_row: int) -> GapRow:
        source = self.mapToSource(self.index(proxy_row, 0))
        return self._records.record(source.row())

    def proxy_row_of(self, gap_id: int) -> int | None:
        source_row = self._records.row_of(gap_id)
        if source_row is None:
            return None
        index = self.mapFromSource(self._records.index(source_row, 0))
        return index.row() if index.isValid() else None
