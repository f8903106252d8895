"""A deck file from a stranger obeys the rules of the deck editor (issue 14).

Each case breaks one field of a shipped deck. The file must be refused with a
DeckError naming the file and the field, and a deck that is accepted must stay
usable everywhere afterwards: listed, duplicated, renamed, exported and put on a
meeting's agenda (which then travels in the workshop file).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rcdesk.domain.decks import MAX_DECK_ID, DeckError, deck_to_dict
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.names import MAX_NAME_LENGTH
from rcdesk.services.agenda import AgendaService
from rcdesk.services.deck_library import DeckLibrary, created_key
from rcdesk.services.decks import load_deck_file, shipped_decks
from rcdesk.services.workshop import WorkshopService
from rcdesk.services.workshop_file import export_workshop_file, import_workshop_file

Deck = dict[str, Any]


def deck_file(tmp_path: Path, change: Callable[[Deck], None]) -> Path:
    document = deck_to_dict(shipped_decks()[0])
    change(document)
    path = tmp_path / "stranger.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def step(field: str, value: object) -> Callable[[Deck], None]:
    return lambda d: d["steps"][0].__setitem__(field, value)


def top(field: str, value: object) -> Callable[[Deck], None]:
    return lambda d: d.__setitem__(field, value)


CASES = [
    ("title of 500 KB", top("title", "T" * 500_000), '"title"'),
    ("id of 10,000 characters", top("id", "i" * 10_000), '"id"'),
    ("summary of 1 MB", top("summary", "s" * 1_000_000), '"summary"'),
    ("step title of 1 MB", step("title", "t" * 1_000_000), 'step 1: "title"'),
    ("step notes of 1 MB", step("notes", "n" * 1_000_000), 'step 1: "notes"'),
    ("room text with a lone surrogate", step("room", "Hello \udc80"), 'step 1: "room"'),
    ("title with a lone surrogate", top("title", "\ud83d"), '"title"'),
    ("a role pair of 1 MB names", step("roles", ["r" * 1_000_000, "Nurses"]),
     'step 1: "roles"'),
    ("version true", top("version", True), '"version"'),
]


@pytest.mark.parametrize(("change", "field"), [(c, f) for _, c, f in CASES],
                         ids=[name for name, _, _ in CASES])
def test_a_deck_breaking_a_rule_is_refused_naming_the_field(
        tmp_path: Path, change: Callable[[Deck], None], field: str) -> None:
    path = deck_file(tmp_path, change)
    with pytest.raises(DeckError) as raised:
        load_deck_file(path)
    assert str(path) in str(raised.value) and field in str(raised.value)


def test_a_deck_at_every_limit_stays_usable(sample: WorkshopService, tmp_path: Path) -> None:
    """Duplicating adds "-copy" and "(copy)": the copy must still be a valid deck, or the
    deck list could no longer be read back."""
    decks = DeckLibrary(sample)

    def longest(d: Deck) -> None:
        d.update(id="d" * MAX_DECK_ID, title="T" * MAX_NAME_LENGTH)

    key = created_key(decks.import_file(deck_file(tmp_path, longest)))
    copy = created_key(decks.duplicate(key))
    again = created_key(decks.duplicate(copy))
    listed = {d.key: d.deck for d in decks.decks()}
    for each in (key, copy, again):
        assert len(each) <= MAX_DECK_ID and len(listed[each].title) <= MAX_NAME_LENGTH
        decks.export_file(each, tmp_path / f"{each[-3:]}.json")
        load_deck_file(tmp_path / f"{each[-3:]}.json")
    meeting = sample.meetings()[0].id
    AgendaService(sample).add_deck(meeting, listed[again])
    out = export_workshop_file(sample.library, sample.workshop_id, tmp_path / "w.rcdesk")
    assert import_workshop_file(sample.library, out) != sample.workshop_id


def test_renaming_a_deck_follows_the_deck_file_rules(sample: WorkshopService) -> None:
    decks = DeckLibrary(sample)
    key = created_key(decks.duplicate("humble-inquiry"))
    with pytest.raises(ValidationError):
        decks.rename(key, "R" * (MAX_NAME_LENGTH + 1))
    with pytest.raises(ValidationError):
        decks.rename(key, "Deck \ud800")
    assert decks.deck(key).deck.title == "Humble inquiry (copy)"
