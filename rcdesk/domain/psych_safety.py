"""Psychological safety (Edmondson 1999): seven item themes in rcdesk's own wording.

The wording is ours, not the published items, and workshops may rephrase it.
Reverse scoring is keyed to the item, never to its position (domain.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PulseItem:
    key: str
    theme: str
    wording: str
    reversed: bool


ITEMS: tuple[PulseItem, ...] = (
    PulseItem("ps1", "mistakes held against you",
              "In this team, a mistake tends to follow you around.", True),
    PulseItem("ps2", "raising problems and tough issues",
              "People here can put problems and hard questions on the table.", False),
    PulseItem("ps3", "rejecting people for being different",
              "Some people here are kept at a distance because they are different.", True),
    PulseItem("ps4", "safe to take a risk",
              "I can try something new here without putting myself at risk.", False),
    PulseItem("ps5", "hard to ask for help",
              "Asking a colleague here for help is not easy.", True),
    PulseItem("ps6", "no one undermining my efforts",
              "Nobody here would set out to make my work fail.", False),
    PulseItem("ps7", "skills and talents valued",
              "What I am good at is noticed and put to use here.", False),
)
ITEM_KEYS: tuple[str, ...] = tuple(item.key for item in ITEMS)
SCALE_SIZES = (5, 7)
DEFAULT_SCALE = 7
