"""The attribution lens: did the ties a change touched move more than the others?

For a structure or an experiment, the team names the roles and ties it touches. Between
two waves, this compares the mean change of the touched ties with the mean change of the
untouched ones. Only ties shown in both waves have a change (the anonymity rule of
domain.md §2: a tie suppressed in either wave gets none), so both means rest on shown
values only and nothing hidden can be read back from them. It is worded as an
association, never as proof of cause.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from rcdesk.analysis.rc_scores import TieChange, WaveComparison, mean

Pair = tuple[int, int]

@dataclass(frozen=True)
class GroupChange:
    """The mean change of a group of ties, with how many ties it rests on."""

    ties: int  # ties in the group with a change in both waves
    not_comparable: int  # ties in the group without one (new, gone, or hidden in a wave)
    mean_delta: float | None  # None when no tie of the group has a change


@dataclass(frozen=True)
class Attribution:
    touched: GroupChange
    untouched: GroupChange

    @property
    def difference(self) -> float | None:
        """Touched minus untouched mean change, when both are shown."""
        if self.touched.mean_delta is None or self.untouched.mean_delta is None:
            return None
        return self.touched.mean_delta - self.untouched.mean_delta


def touched_pairs(pairs: Iterable[Pair], roles: Collection[int],
                  ties: Collection[Pair]) -> set[Pair]:
    """The ties among `pairs` that a change touches: named ties, and every tie to or from
    a named role."""
    named = set(ties)
    return {p for p in pairs if p in named or p[0] in roles or p[1] in roles}


def _group(changes: list[TieChange]) -> GroupChange:
    deltas = [c.delta for c in changes if c.delta is not None]
    return GroupChange(ties=len(deltas), not_comparable=len(changes) - len(deltas),
                       mean_delta=mean(deltas) if deltas else None)


def attribute(comparison: WaveComparison, roles: Collection[int] = (),
              ties: Collection[Pair] = ()) -> Attribution:
    """Compare the change of the ties touched (through `roles` or `ties`) with the rest."""
    touched = touched_pairs(((c.source_id, c.target_id) for c in comparison.ties), roles, ties)
    inside = [c for c in comparison.ties if (c.source_id, c.target_id) in touched]
    outside = [c for c in comparison.ties if (c.source_id, c.target_id) not in touched]
    return Attribution(touched=_group(inside), untouched=_group(outside))


def _signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


def _group_text(label: str, group: GroupChange) -> str:
    if group.mean_delta is None:
        return f"{label}: no tie with a score in both waves"
    noun = "tie" if group.ties == 1 else "ties"
    return f"{label} moved {_signed(group.mean_delta)} on average ({group.ties} {noun})"


def describe(attribution: Attribution, subject: str) -> str:
    """One plain sentence for the screen and the PDF, worded as an association."""
    return (f"{_group_text(f'Ties touched by {subject}', attribution.touched)}; "
            f"{_group_text('the other ties', attribution.untouched)}. This shows what moved "
            "together, not what caused it.")
