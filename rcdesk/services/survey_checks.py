"""The checks that keep an import from giving silently wrong numbers: what the user must
confirm or choose before a file is written (a Pending), and the near-duplicate role names
that would split one role in two.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rcdesk.domain.names import name_key
from rcdesk.domain.survey import FrequencyScale

#: Confirmation keys, their command-line flags (the app shows a tick box for each).
REVERSED, FREQUENCY, NEW_ROLES, SIMILAR_ROLES = (
    "reversed", "frequency_scale", "new_roles", "similar_roles")
FLAGS = {REVERSED: "--confirm-reversed", NEW_ROLES: "--confirm-new-roles",
         SIMILAR_ROLES: "--confirm-similar-roles",
         FREQUENCY: "--frequency-scale monotonic|sufficiency|recoded"}


class Pending(NamedTuple):
    """Something the user must confirm (or, for the frequency scale, choose) first."""

    key: str
    message: str

    @property
    def flag(self) -> str:
        return FLAGS[self.key]


def _skeleton(name: str) -> str:
    """Name without case, accents, spaces or punctuation: "Ärzte", "arzte", "A rzte" meet."""
    decomposed = unicodedata.normalize("NFKD", name_key(name))
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def _close(a: str, b: str) -> bool:
    """One edit apart (a wrongly decoded letter, a typo), for names of 4+ characters."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _mojibake_of(name: str) -> set[str]:
    """What `name` reads as when Mac Roman and Windows-1252 are mixed up, either way."""
    found = set()
    for wrote, read in (("mac_roman", "cp1252"), ("cp1252", "mac_roman")):
        try:
            found.add(name.encode(wrote).decode(read))
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return found


def similar_roles(new: Iterable[str], existing: Sequence[str]) -> dict[str, str]:
    """new role → the existing role it resembles (case, spacing, accents, one letter, or
    the same name in the wrong encoding)."""
    found: dict[str, str] = {}
    for name in new:
        strange = _mojibake_of(name)
        for other in existing:
            if name_key(other) == name_key(name):
                continue
            # one letter apart only counts where a non-ASCII character is involved (a wrong
            # decoding, an accent): "Team A" and "Team B" are two roles
            foreign = not (name + other).isascii()
            if other in strange or _skeleton(name) == _skeleton(other) or (
                    foreign and _close(_skeleton(name), _skeleton(other))):
                found[name] = other
                break
    return found


def frequency_evidence(families: set[str]) -> FrequencyScale | None:
    """The scale the frequency item's answer words tell, if they tell one."""
    if "sufficiency" in families:
        return FrequencyScale.SUFFICIENCY
    if "frequency" in families:
        return FrequencyScale.MONOTONIC
    return None


def frequency_question() -> str:
    return ("The frequency answers are numbers, so rcdesk cannot tell which scale they are "
            "on. Choose: monotonic (never … constantly, scored as answered), sufficiency "
            "(answer positions of not nearly enough … much too often, recoded 1, 3, 5, 4, 2) "
            "or recoded (that scale, already scored 1, 3, 5, 4, 2).")
