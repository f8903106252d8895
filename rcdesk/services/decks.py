"""Loading and saving prompt decks: the shipped ones and files from colleagues. No Qt.

Shipped decks live in resources/decks/ and are read-only; a facilitator copies
one to edit it (a later step stores copies in the library).
"""

from __future__ import annotations

import json
from pathlib import Path

from rcdesk.domain.decks import Deck, DeckError, deck_from_dict, deck_to_dict
from rcdesk.files import write_atomically
from rcdesk.resource_files import resource

#: The order decks are offered in: safety first, then asking, then reading the map.
SHIPPED_ORDER = ("psychological-safety", "humble-inquiry", "reading-our-map",
                 "huddle-check-in", "shared-goals", "change-and-loss")
MAX_DECK_BYTES = 1024 * 1024


def shipped_decks() -> list[Deck]:
    """Every deck bundled with rcdesk, in SHIPPED_ORDER (others after, by title)."""
    folder = resource("decks")
    decks = [deck_from_dict(json.loads(item.read_text(encoding="utf-8")), f"decks/{item.name}")
             for item in folder.iterdir() if item.name.endswith(".json")]
    rank = {deck_id: i for i, deck_id in enumerate(SHIPPED_ORDER)}
    return sorted(decks, key=lambda d: (rank.get(d.id, len(rank)), d.title))


def load_deck_file(path: Path) -> Deck:
    """A deck from a file; DeckError names the file and what is wrong (nothing is loaded)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_DECK_BYTES + 1)
    except OSError as exc:
        raise DeckError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    if len(data) > MAX_DECK_BYTES:
        raise DeckError(f"{path}: too large for a deck file.")
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DeckError(f"{path}: not a text file, so not an rcdesk deck.") from exc
    except json.JSONDecodeError as exc:
        raise DeckError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                        f"{exc.msg}).") from exc
    except RecursionError as exc:  # brackets nested thousands deep: not a deck
        raise DeckError(f"{path}: nested too deeply to be an rcdesk deck.") from exc
    return deck_from_dict(parsed, str(path))


def write_deck_file(deck: Deck, path: Path) -> None:
    """Save a deck for a colleague, via a temporary file so a failure leaves no half file."""
    text = json.dumps(deck_to_dict(deck), ensure_ascii=False, indent=1) + "\n"
    write_atomically(path, text.encode("utf-8"), "the deck")
