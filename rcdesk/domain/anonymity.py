"""The rules that keep what the team sees from naming anyone (docs/your-data.md, issue 15).

One module, used by every view and export that reaches the team (survey scores on the
map, the Scores page, the PDF and the scores JSON through analysis/rc_scores.py; the
Pulse tab and its projector mode through analysis/psych_safety.py and services/pulse.py;
the Captures tab on the projector through services/captures.py; the weak ties that steer
the humble-inquiry pairs through analysis/pairs.weak_ties_of):

- **Which k**: the workshop's anonymity threshold, never taken below MIN_ANONYMITY_K
  whatever a library file holds (`k_for`).
- **A figure from n people** (a tie's survey score, a pulse's results, a tallied
  statement) is shown only from k people (`group_shown`); below that only its n may
  show. A tie's spread beyond its standard deviation (range and strip) needs
  k + SPREAD_MARGIN respondents (`spread_shown`): at n = k the lowest and highest index
  with the mean would give every respondent's own index.
- **Aggregates use the shown parts only** (`shown_parts`, `mean_of_shown`): a role's,
  the wave's and the team's figures leave hidden ties and statements out, so a hidden
  figure can never be worked out by subtracting the shown ones from a total.

- **Showing pulse answers** is a deliberate, recorded act. A new showing needs at
  least k more answer sets than the last showing of that wave (`showing_refusal`),
  so two showings differ by k people or more and one person's answers can never be
  found by comparing them. Between showings every surface shows the last showing.
- **A statement's mean** is shown only when at least k people answered it and, if it
  was shown before, at least k more than at that showing (`statement_shown`).
- **No per-point counts** of answered pulses reach the team: statements are shown as
  means only (`COUNTS_TO_TEAM` is False). A show of cards (tallies) is public already.
- **The team score** is the mean of the statement means shown (`team_score`, the
  no-subtraction rule above).
- **A quote's speaker** is named to the team only when the workshop turned
  attribution on and at least 2k people of that role were at that meeting
  (`role_named`); with no count recorded, never.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

from rcdesk.domain.settings import MIN_ANONYMITY_K, WorkshopSettings

#: Whether per-point counts of individually answered statements reach the team: never.
COUNTS_TO_TEAM = False

#: A tie's range and strip need this many respondents beyond k (see `spread_shown`).
SPREAD_MARGIN = 2


class Shown(Protocol):
    @property
    def shown(self) -> bool: ...


S = TypeVar("S", bound=Shown)


def effective_k(k: int) -> int:
    """The threshold used: never below MIN_ANONYMITY_K, whatever a library file holds."""
    return max(k, MIN_ANONYMITY_K)


def k_for(settings: WorkshopSettings) -> int:
    """The workshop's k, as every surface uses it."""
    return effective_k(settings.anonymity_k)


def group_shown(n: int, k: int) -> bool:
    """Whether a figure made from `n` people may be shown (a tie's score, a pulse's
    results, a tallied statement): at least k of them."""
    return n >= k


def spread_shown(n: int, k: int) -> bool:
    """Whether a tie's range and strip may be shown beside its standard deviation."""
    return n >= k + SPREAD_MARGIN


def shown_parts(parts: Iterable[S]) -> list[S]:
    """The parts an aggregate may use: only those shown, so no hidden part can be worked
    out by subtracting the shown ones from the aggregate."""
    return [part for part in parts if part.shown]


def mean_of_shown(values: Iterable[float | None]) -> float | None:
    """The mean of the figures shown (None stands for a hidden one); None when none is."""
    kept = [value for value in values if value is not None]
    return sum(kept) / len(kept) if kept else None


def more_needed(collected: int, last_shown: int | None, k: int) -> int:
    """How many more answer sets a showing needs (0: it may be shown now).

    The first showing needs k; each later one k more than the last showing's n."""
    wanted = k if last_shown is None else last_shown + k
    return max(0, wanted - collected)


def showing_refusal(collected: int, last_shown: int | None, k: int) -> str | None:
    """Why results cannot be shown now, in plain words; None when they can."""
    need = more_needed(collected, last_shown, k)
    if need == 0:
        return None
    answers = "answer is" if need == 1 else "answers are"
    if last_shown is None:
        return (f"{need} more {answers} needed before the results can be shown "
                f"(they are shown from {k} answers).")
    return (f"{need} more {answers} needed before the results can change (they were last "
            f"shown at {last_shown} answers; each showing needs {k} more).")


def statement_shown(count: int, last_count: int | None, k: int) -> bool:
    """Whether a statement answered `count` times may show its mean at a new showing.

    `last_count` is how many had answered it at the last showing that showed it (None:
    never shown). At least k answers, and k more than then, so the difference of two
    shown means always mixes k people or more."""
    if count < k:
        return False
    return last_count is None or count - last_count >= k


def team_score(shown_means: Iterable[float | None]) -> float | None:
    """The team score: the mean of the statement means shown (None when none is shown)."""
    return mean_of_shown(shown_means)


def role_named(attribution_on: bool, present: int | None, k: int) -> bool:
    """Whether a team-facing output may name a speaker's role beside their words.

    Only with the workshop's attribution setting on, and only when at least 2k people of
    that role were at that meeting (None: no count recorded, so never)."""
    return attribution_on and present is not None and present >= 2 * k


def speaker_for_team(role_name: str, role_id: int | None, attendance: Mapping[int, int] | None,
                     attribution_on: bool, k: int) -> str:
    """The speaker column of a team-facing quote: the role's name or ""."""
    if role_id is None or attendance is None:
        return ""
    count = attendance.get(role_id)
    return role_name if role_named(attribution_on, count, k) else ""
