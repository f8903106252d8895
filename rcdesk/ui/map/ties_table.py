"""All ties as a table beside the map: the map's keyboard and screen-reader twin.

Rows are sorted weakest first (unrated last). Dimension cells are editable for
live ratings: type 1–5, or clear the cell to remove the rating.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rcdesk.domain.bands import Band
from rcdesk.domain.dimensions import DIMENSIONS
from rcdesk.ui.table_model import Column, RecordTableModel


@dataclass(frozen=True)
class TieRow:
    id: int
    source: str
    target: str
    rc: float | None
    band: Band
    n: int | None
    suppressed: bool
    dimensions: dict[str, float | None]
    hidden: bool = False  # scores hidden from the room (Hide scores) and not revealed yet
    sd: float | None = None  # how far the respondents' scores lie apart (issue 20)


SHORT_NAMES = {
    "frequent": "Freq.", "timely": "Timely", "accurate": "Accur.", "problem_solving": "Probl.",
    "shared_goals": "Goals", "shared_knowledge": "Know.", "mutual_respect": "Resp.",
}


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def sort_weakest_first(rows: list[TieRow], hidden: bool = False) -> list[TieRow]:
    """Weakest first; while scores are hidden, by name (the order would tell the scores)."""
    if hidden:
        return sorted(rows, key=lambda r: (r.source, r.target))
    return sorted(rows, key=lambda r: (r.rc is None, r.rc if r.rc is not None else 0.0,
                                       r.source, r.target))


def ties_model(load: Callable[[], list[TieRow]],
               rate: Callable[[TieRow, str, Any], bool] | None) -> RecordTableModel[TieRow]:
    """The table's model; `rate` is None when the shown scores cannot be edited (survey)."""
    columns: list[Column[TieRow]] = [
        Column("From", lambda r: r.source),
        Column("To", lambda r: r.target),
        Column("RC", lambda r: "hidden" if r.hidden else "n<k" if r.suppressed else _number(r.rc),
               tooltip="Relational coordination: mean of the rated dimensions"),
        Column("Band", lambda r: "" if r.suppressed or r.hidden else
               (r.band.label if r.band is not Band.UNRATED else "not rated")),
        Column("Spread", lambda r: "" if r.hidden or r.sd is None else f"{r.sd:.2f}",
               tooltip="Standard deviation of the respondents' scores (survey or in-room "
               "ratings): how differently people see the tie"),
    ]
    for dim in DIMENSIONS:
        columns.append(Column(
            SHORT_NAMES[dim.key],
            _dimension_getter(dim.key),
            _dimension_setter(rate, dim.key) if rate else None,
            edit_value=_dimension_edit_value(dim.key),
            tooltip=dim.name,
        ))
    return RecordTableModel(columns, load)


def _dimension_getter(key: str) -> Callable[[TieRow], str]:
    return lambda r: "" if r.suppressed else _number(r.dimensions.get(key))


def _dimension_edit_value(key: str) -> Callable[[TieRow], str]:
    def value(r: TieRow) -> str:
        score = r.dimensions.get(key)
        return "" if score is None else str(round(score))
    return value


def _dimension_setter(rate: Callable[[TieRow, str, Any], bool],
                      key: str) -> Callable[[TieRow, Any], bool]:
    return lambda r, value: rate(r, key, value)
