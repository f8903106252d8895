"""Rows of the library-wide decks table ⇄ the facilitator's own decks.

A row keeps the whole deck as its JSON text (docs/deck-format.md), so a copy in the
library is exactly what an exported file holds. Decks belong to the library, not to
a workshop: a deck edited while one workshop is open is there for every workshop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rcdesk.domain.decks import Deck, deck_from_dict, deck_to_dict

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database


@dataclass(frozen=True)
class StoredDeck:
    """One of the facilitator's own decks; `deck.id` is its unique deck_key."""

    id: int
    deck: Deck
    based_on: str | None = None  # the shipped deck it was copied from, if any
    updated_at: datetime | None = None


def deck_row(row_id: int, deck: Deck, based_on: str | None, updated_at: datetime
             ) -> dict[str, Any]:
    """Every column, id included, so an edit can insert and restore it."""
    return {
        "id": row_id, "deck_key": deck.id, "title": deck.title,
        "body": deck_body(deck), "based_on": based_on,
        "updated_at": updated_at.isoformat(timespec="seconds"),
    }


def deck_body(deck: Deck) -> str:
    return json.dumps(deck_to_dict(deck), ensure_ascii=False)


def stored_deck_from_row(row: dict[str, Any]) -> StoredDeck:
    deck = deck_from_dict(json.loads(row["body"]), f"deck “{row['title']}” in the library")
    return StoredDeck(id=row["id"], deck=deck, based_on=row["based_on"],
                      updated_at=datetime.fromisoformat(row["updated_at"]))


def list_decks(db: Database) -> list[StoredDeck]:
    """The library's own decks, by title (ignoring case), then id."""
    rows = db.query("SELECT * FROM decks ORDER BY lower(title), id")
    return [stored_deck_from_row(dict(row)) for row in rows]


def deck_keys(db: Database) -> set[str]:
    return {row["deck_key"] for row in db.query("SELECT deck_key FROM decks")}
