"""The deck library: the shipped decks (read-only) and the facilitator's own copies.

A facilitator duplicates a deck to make it their own, then renames it, edits,
adds, deletes and reorders its steps, and shares it as a file. Every change is an
Edit performed through the open WorkshopService, so it is one transaction and one
undo step like any other change, although the decks table belongs to the whole
library rather than to the workshop. Each edit re-validates the whole deck with the
rules of the deck format (domain/decks.py), so the library never holds a deck that
could not be exported and imported again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rcdesk.domain.decks import (
    MAX_DECK_ID,
    Deck,
    DeckError,
    Step,
    StepKind,
    step_from_dict,
    step_to_dict,
)
from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.names import MAX_NAME_LENGTH, clean_name
from rcdesk.services.decks import load_deck_file, shipped_decks, write_deck_file
from rcdesk.services.edits import DeleteRows, Edit, InsertRows, RowUpdate, UpdateRows
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import decks as store
from rcdesk.store.rows import next_id, rows_matching

#: How each step field is named in undo texts ("Change room text").
STEP_LABELS = {"title": "step title", "room": "room text", "notes": "notes",
               "minutes": "minutes", "kind": "kind", "dimension": "dimension",
               "roles": "role pair"}
READ_ONLY = "Shipped decks cannot be changed: duplicate it to your decks, then edit the copy."
GONE = "That deck is no longer in the library."


@dataclass(frozen=True)
class LibraryDeck:
    """A deck as the library lists it: shipped (read-only) or one of the user's own."""

    deck: Deck
    shipped: bool
    row_id: int | None = None
    based_on: str | None = None

    @property
    def key(self) -> str:
        return self.deck.id

    @property
    def editable(self) -> bool:
        return not self.shipped


def created_key(edit: Edit) -> str:
    """The deck key a duplicate or import created (to select it afterwards)."""
    assert isinstance(edit, InsertRows)
    return str(edit.groups[0][1][0]["deck_key"])


class DeckLibrary:
    """The decks offered to every workshop, changed through one open workshop's service."""

    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop
        self._shipped = tuple(shipped_decks())

    # -- reading -----------------------------------------------------------------------------

    def decks(self) -> list[LibraryDeck]:
        """Shipped decks first (in their teaching order), then the user's own by title."""
        own = [LibraryDeck(s.deck, False, s.id, s.based_on)
               for s in store.list_decks(self.workshop.library.db)]
        return [LibraryDeck(deck, True) for deck in self._shipped] + own

    def deck(self, key: str) -> LibraryDeck:
        for item in self.decks():
            if item.key == key:
                return item
        raise NotFoundError(GONE)

    def _own(self, key: str) -> LibraryDeck:
        item = self.deck(key)
        if item.shipped:
            raise DeckError(READ_ONLY)
        return item

    def _free_key(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`…, shortened to stay a valid deck id."""
        taken = {d.id for d in self._shipped} | store.deck_keys(self.workshop.library.db)
        candidate, number = base[:MAX_DECK_ID], 2
        while candidate in taken:
            suffix = f"-{number}"
            candidate = base[:MAX_DECK_ID - len(suffix)] + suffix
            number += 1
        return candidate

    def _unlisted(self, title: str, suffix: Callable[[int], str]) -> str:
        """`title` with the first ending `suffix(1)`, `suffix(2)`… that no listed deck has,
        the title shortened so the whole stays a valid deck title."""
        titles = {d.deck.title.casefold() for d in self.decks()}
        number = 1
        while True:
            end = suffix(number)
            candidate = title[:MAX_NAME_LENGTH - len(end)].rstrip() + end
            if candidate.casefold() not in titles:
                return candidate
            number += 1

    def _free_title(self, title: str) -> str:
        """"… (copy)", "… (copy 2)"…, the title shortened to stay a valid deck title."""
        return self._unlisted(title, lambda n: " (copy)" if n == 1 else f" (copy {n})")

    def _imported_title(self, title: str) -> str:
        """An imported deck whose title is already listed gets "(2)", "(3)"… so two
        entries never look the same."""
        return self._unlisted(title, lambda n: "" if n == 1 else f" ({n})")

    # -- whole decks -------------------------------------------------------------------------

    def _insert(self, text: str, deck: Deck, based_on: str | None) -> Edit:
        row = store.deck_row(next_id(self.workshop.library.db, "decks"), deck, based_on,
                             self.workshop.clock())
        return self.workshop.perform(InsertRows(text, (("decks", (row,)),)))

    def duplicate(self, key: str) -> Edit:
        """Copy any deck into the user's decks, titled "… (copy)"; the copy can be edited."""
        source = self.deck(key)
        base = source.key.removesuffix("-copy") + "-copy"
        copy = replace(source.deck, id=self._free_key(base),
                       title=self._free_title(source.deck.title))
        based_on = source.key if source.shipped else source.based_on
        return self._insert(f"Duplicate deck “{source.deck.title}”", copy, based_on)

    def import_file(self, path: Path) -> Edit:
        """Add a deck from a file; a malformed file raises DeckError and stores nothing.

        A deck whose id is already in the library gets a free one ("id-2"), so importing
        a colleague's copy never replaces a deck.
        """
        deck = load_deck_file(path)
        shipped = {d.id for d in self._shipped}
        based_on = deck.id if deck.id in shipped else None
        deck = replace(deck, id=self._free_key(deck.id), title=self._imported_title(deck.title))
        return self._insert(f"Import deck “{deck.title}”", deck, based_on)

    def export_file(self, key: str, path: Path) -> None:
        """Write any deck to a file a colleague can import (docs/deck-format.md)."""
        write_deck_file(self.deck(key).deck, path)

    def delete(self, key: str) -> Edit:
        item = self._own(key)
        assert item.row_id is not None
        rows = rows_matching(self.workshop.library.db, "decks", id=item.row_id)
        return self.workshop.perform(
            DeleteRows(f"Delete deck “{item.deck.title}”", (("decks", (rows[0],)),)))

    def rename(self, key: str, title: str) -> Edit | None:
        item = self._own(key)
        if not " ".join(title.split()):
            raise ValidationError("title", "A deck needs a title.")
        cleaned = clean_name(title, "deck title")
        return self._save("Rename deck", item, replace(item.deck, title=cleaned))

    def _save(self, text: str, item: LibraryDeck, deck: Deck) -> Edit | None:
        if deck == item.deck:
            return None
        assert item.row_id is not None
        before = rows_matching(self.workshop.library.db, "decks", id=item.row_id)
        if not before:
            raise NotFoundError(GONE)
        after = store.deck_row(item.row_id, deck, item.based_on, self.workshop.clock())
        columns = ("title", "body", "updated_at")
        update = RowUpdate("decks", item.row_id, {c: before[0][c] for c in columns},
                           {c: after[c] for c in columns})
        return self.workshop.perform(UpdateRows(text, (update,)))

    # -- steps -------------------------------------------------------------------------------

    def _step_index(self, item: LibraryDeck, index: int) -> int:
        if not 0 <= index < len(item.deck.steps):
            raise NotFoundError("That step is no longer in the deck.")
        return index

    def set_step(self, key: str, index: int, fields: Mapping[str, Any],
                 text: str = "Edit step") -> Edit | None:
        """Replace a step by its JSON fields (step_to_dict's shape), validated as in a file."""
        item = self._own(key)
        self._step_index(item, index)
        step = step_from_dict(dict(fields), f"{item.deck.title}, step {index + 1}")
        steps = list(item.deck.steps)
        steps[index] = step
        return self._save(text, item, replace(item.deck, steps=tuple(steps)))

    def set_step_field(self, key: str, index: int, field: str, value: Any) -> Edit | None:
        """Change one field of a step; None, "" or an empty pair clears an optional one."""
        if field not in STEP_LABELS:
            raise ValidationError(field, f"Unknown step field {field!r}.")
        item = self._own(key)
        fields = step_to_dict(item.deck.steps[self._step_index(item, index)])
        if field in ("dimension", "roles") and not value:
            fields.pop(field, None)
        else:
            fields[field] = list(value) if field == "roles" else value
        return self.set_step(key, index, fields, f"Change {STEP_LABELS[field]}")

    def add_step(self, key: str, after: int | None = None) -> Edit:
        """A new talk step after `after` (at the end when None), ready to be written."""
        item = self._own(key)
        at = len(item.deck.steps) if after is None else self._step_index(item, after) + 1
        step = Step(title="New step", room="What should the room see?", notes="",
                    minutes=5.0, kind=StepKind.TALK)
        steps = list(item.deck.steps)
        steps.insert(at, step)
        edit = self._save("Add step", item, replace(item.deck, steps=tuple(steps)))
        assert edit is not None
        return edit

    def delete_step(self, key: str, index: int) -> Edit:
        item = self._own(key)
        self._step_index(item, index)
        if len(item.deck.steps) == 1:
            raise ValidationError("steps", "A deck needs at least one step; delete the deck "
                                  "instead.")
        steps = list(item.deck.steps)
        del steps[index]
        edit = self._save("Delete step", item, replace(item.deck, steps=tuple(steps)))
        assert edit is not None
        return edit

    def move_step(self, key: str, index: int, delta: int) -> Edit | None:
        """Move a step up (delta -1) or down (+1); None at either end."""
        item = self._own(key)
        self._step_index(item, index)
        target = index + delta
        if not 0 <= target < len(item.deck.steps):
            return None
        steps = list(item.deck.steps)
        steps.insert(target, steps.pop(index))
        return self._save("Move step", item, replace(item.deck, steps=tuple(steps)))
