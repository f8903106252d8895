"""Loading and saving prompt decks: the shipped ones and files from colleagues. No Qt.

Shipped decks live in resources/decks/ and are read-only; a facilitator copies
one to edit it (a later step stores copies in the library).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from rcdesk.domain.decks import Deck, DeckError, deck_from_dict, deck_to_dict
from rcdesk.files import JsonReadError, read_json_file, write_atomically
from rcdesk.resource_files import resource

#: The order decks are offered in: safety first, then asking, then reading the map.
SHIPPED_ORDER = ("psychological-safety", "humble-inquiry", "reading-our-map",
                 "huddle-check-in", "shared-goals", "change-and-loss")
MAX_DECK_BYTES = 1024 * 1024
#: What a deck file's reading problem (files.JsonReadError.kind) is called.
_DECK_PROBLEMS = {
    "unreadable": "cannot be read ({}).",
    "too large": "too large for a deck file.",
    "not text": "not a text file, so not an rcdesk deck.",
    "not JSON": "not valid JSON ({}).",
    "too deep": "nested too deeply to be an rcdesk deck.",
}


def shipped_decks() -> list[Deck]:
    """Every deck bundled with rcdesk, in SHIPPED_ORDER (others after, by title)."""
    return list(_read_shipped())


@cache
def _read_shipped() -> tuple[Deck, ...]:
    """The bundled decks, read and checked once a process (they never change while it
    runs; every tab listing decks used to parse and check them again)."""
    folder = resource("decks")
    decks = [deck_from_dict(json.loads(item.read_text(encoding="utf-8")), f"decks/{item.name}")
             for item in folder.iterdir() if item.name.endswith(".json")]
    rank = {deck_id: i for i, deck_id in enumerate(SHIPPED_ORDER)}
    return tuple(sorted(decks, key=lambda d: (rank.get(d.id, len(rank)), d.title)))


def load_deck_file(path: Path) -> Deck:
    """A deck from a file; DeckError names the file and what is wrong (nothing is loaded)."""
    try:
        parsed = read_json_file(path, MAX_DECK_BYTES)
    except JsonReadError as exc:
        raise DeckError(f"{path}: {_DECK_PROBLEMS[exc.kind].format(exc.detail)}") from exc
    return deck_from_dict(parsed, str(path))


def write_deck_file(deck: Deck, path: Path) -> None:
    """Save a deck for a colleague, via a temporary file so a failure leaves no half file."""
    text = json.dumps(deck_to_dict(deck), ensure_ascii=False, indent=1) + "\n"
    write_atomically(path, text.encode("utf-8"), "the deck")
