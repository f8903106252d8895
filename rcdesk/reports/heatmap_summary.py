"""What the PDF shows instead of a role × role heat-map (and the full tie table) when a
workshop has more roles than a page can show legibly: a note saying where the full
matrix is (the ties CSV), the weakest and strongest ties (the report's own lists), and
per-role figures: each role's mean given and received, its weakest tie given and the
number of its ties in the weak band. Only shown ties count (anonymity k holds).

A 500-role workshop's heat-map would be 250,000 cells a few hundredths of a millimetre
wide; its tie table thousands of pages. Both grow with roles squared; this summary grows
with the roles.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rcdesk.domain.scores import TieScore, WaveScores
from rcdesk.reports.pdf.style import para, table
from rcdesk.reports.pdf.words import with_band
from rcdesk.reports.snapshot import ReportSnapshot

#: The most roles a heat-map shows on one page with names and cells still legible.
MAX_HEATMAP_ROLES = 40
#: The most ties listed one by one in the PDF's tie table.
MAX_TIE_ROWS = 600

CSV_NOTE = ("With {roles} roles, a role × role grid is too small to read on a page, so this "
            "report gives a summary: the weakest and strongest ties and each role's figures. "
            "The full matrix, every tie with its scores, is in the tie scores CSV (Report → "
            "Export data…, Tie scores as CSV; or rcdesk export WORKSHOP ties.csv).")
TIES_NOTE = ("{ties} ties: too many to list here. Every tie with its scores is in the tie "
             "scores CSV (Report → Export data…, Tie scores as CSV; or rcdesk export WORKSHOP "
             "ties.csv).")


def heatmap_fits(role_count: int) -> bool:
    return role_count <= MAX_HEATMAP_ROLES


def tie_table_fits(tie_count: int) -> bool:
    return tie_count <= MAX_TIE_ROWS


@dataclass(frozen=True)
class RoleFigures:
    """One role's figures from the shown ties between roles."""

    role_id: int
    gives: float | None  # mean RC index of the ties it rates
    receives: float | None  # mean RC index of the ties rating it
    weakest_given: TieScore | None
    weak_ties: int  # ties given or received in the weak band


def role_figures(ties: Sequence[TieScore], role_ids: Sequence[int],
                 weak_below: float) -> list[RoleFigures]:
    """Per role (in `role_ids` order), from the shown ties between different roles."""
    given: dict[int, list[TieScore]] = {r: [] for r in role_ids}
    received: dict[int, list[float]] = {r: [] for r in role_ids}
    weak: dict[int, int] = dict.fromkeys(role_ids, 0)
    for tie in ties:
        if not tie.shown or tie.rc is None or tie.source_id == tie.target_id:
            continue
        given.setdefault(tie.source_id, []).append(tie)
        received.setdefault(tie.target_id, []).append(tie.rc)
        if tie.rc < weak_below:
            for role in (tie.source_id, tie.target_id):
                weak[role] = weak.get(role, 0) + 1
    return [RoleFigures(r, _mean([t.rc for t in given[r] if t.rc is not None]),
                        _mean(received[r]),
                        min(given[r], key=lambda t: t.rc or 0.0, default=None), weak[r])
            for r in role_ids]


FIGURE_HEADER = ("Role", "Gives (mean)", "Receives (mean)", "Weakest tie it gives",
                 "Weak ties")
FIGURE_WIDTHS = (0.26, 0.16, 0.16, 0.30, 0.12)


def figure_rows(figures: Sequence[RoleFigures], names: Mapping[int, str],
                band: Callable[[float | None], str]) -> list[tuple[str, ...]]:
    """Table rows: role, gives, receives, weakest tie given (to whom, value), weak ties.
    `band(value)` words a value with its band (the PDF's with_band)."""
    rows: list[tuple[str, ...]] = []
    for f in figures:
        weakest = f.weakest_given
        rows.append((names.get(f.role_id, "?"), band(f.gives), band(f.receives),
                     "–" if weakest is None else
                     f"{names.get(weakest.target_id, '?')}: {band(weakest.rc)}",
                     str(f.weak_ties)))
    return rows


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summary(snapshot: ReportSnapshot, scores: WaveScores, width: float) -> list[object]:
    """The PDF's flowables in place of the heat-map: the note and each role's figures."""
    figures = role_figures(scores.ties, [r.id for r in snapshot.roles],
                           snapshot.workshop.settings.weak_below)
    return [para(CSV_NOTE.format(roles=f"{len(snapshot.roles):,}"), "body"),
            para("Each role's figures", "h2"),
            table(list(FIGURE_HEADER), figure_rows(
                figures, snapshot.role_names, lambda v: with_band(snapshot, v)),
                [w * width for w in FIGURE_WIDTHS], right=(4,))]
