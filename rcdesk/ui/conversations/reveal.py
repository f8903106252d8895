"""The shame-safe reveal (domain.md §2, ux.md): the order ties are shown and how the
room is asked about them. Pure functions, no Qt.

Strengths come first, then down to the weakest, one tie at a time (or the
facilitator picks from a laptop list, the step's named tie first, then weakest
first, and the room sees one tie at a time); a tie without a shown score (unrated,
or kept private below the anonymity threshold) comes last and
reveals nothing. A weak tie is put to the room as a question for both roles, never
as a verdict on people.
"""

from __future__ import annotations

from dataclasses import dataclass

from rcdesk.analysis.disagreement import Level, level_of, room_question
from rcdesk.domain.bands import Band
from rcdesk.domain.scores import Spread


@dataclass(frozen=True)
class RevealTie:
    tie_id: int
    source: str  # role names
    target: str
    value: float | None  # None: nothing may be shown
    band: Band
    spread: Spread | None = None  # how far its respondents lie apart (issue 20)
    shown: str = ""  # the value as shown (bands.score_text); "" = two decimals


def reveal_order(ties: list[RevealTie]) -> list[int]:
    """Tie ids strongest first; ties without a shown value last (stable by id)."""
    return [t.tie_id for t in sorted(
        ties, key=lambda t: (t.value is None, -(t.value or 0.0), t.tie_id))]


def weakest_first(ties: list[RevealTie]) -> list[RevealTie]:
    """The laptop's chooser: weakest first; ties without a shown value last (by id)."""
    return sorted(ties, key=lambda t: (t.value is None, t.value or 0.0, t.tie_id))


def named_tie(ties: list[RevealTie], pair: tuple[str, str] | None) -> RevealTie | None:
    """The tie an agenda step names by its two roles (either direction), if it is there."""
    if pair is None:
        return None
    wanted = (pair[0].casefold(), pair[1].casefold())
    found = [t for t in ties if {t.source.casefold(), t.target.casefold()} == set(wanted)]
    exact = [t for t in found if (t.source.casefold(), t.target.casefold()) == wanted]
    chosen = exact or found
    return chosen[0] if chosen else None


def chooser_order(ties: list[RevealTie], pair: tuple[str, str] | None) -> list[RevealTie]:
    """The step's named tie first, then the others weakest first."""
    first = named_tie(ties, pair)
    rest = weakest_first([t for t in ties if t is not first])
    return ([first] if first is not None else []) + rest


def pair_words(source: str, target: str) -> str:
    return source if source == target else f"{source} and {target}"


def question_for(tie: RevealTie | None, revealed: int, total: int) -> str:
    """The line the room reads under the map after the latest reveal."""
    if tie is None:
        if revealed == 0:
            return "Our map: how our roles coordinate. We will look at it together."
        return "What do we notice, together?"
    pair = pair_words(tie.source, tie.target)
    if tie.value is not None and level_of(tie.spread) is Level.HIGH:
        return room_question(pair)  # people disagree: that is the question, not the score
    if tie.band is Band.WEAK:
        return f"What would help {pair} coordinate?"
    if tie.band is Band.MODERATE:
        return f"What would make it even easier for {pair} to coordinate?"
    if tie.band is Band.STRONG:
        return f"What helps {pair} work well together?"
    return f"What would we like to know about how {pair} coordinate?"
