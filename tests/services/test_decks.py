"""Prompt decks: the shipped six, files from colleagues, and clear messages for bad ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rcdesk.domain.decks import MAX_ROOM_TEXT, DeckError, StepKind, deck_from_dict, deck_to_dict
from rcdesk.services.decks import SHIPPED_ORDER, load_deck_file, shipped_decks, write_deck_file


def test_six_decks_ship_in_the_order_a_workshop_uses_them() -> None:
    decks = shipped_decks()
    assert [d.id for d in decks] == list(SHIPPED_ORDER)
    assert len(decks) == 6
    for deck in decks:
        assert deck.title and deck.summary and len(deck.steps) >= 4
        assert all(len(step.room) <= MAX_ROOM_TEXT for step in deck.steps)
    assert {s.kind for s in decks[2].steps} >= {StepKind.REVEAL}
    assert decks[3].minutes == 10  # the huddle check-in fits in ten minutes


def test_a_deck_survives_a_round_trip_through_a_file(tmp_path: Path) -> None:
    deck = shipped_decks()[1]
    path = tmp_path / "humble.json"
    write_deck_file(deck, path)
    assert load_deck_file(path) == deck
    assert deck_from_dict(deck_to_dict(deck), "copy") == deck


def _deck_with(step: dict[str, object]) -> dict[str, object]:
    return {"format": "rcdesk-deck", "version": 1, "id": "x", "title": "X",
            "steps": [{"title": "Ok", "room": "Hello", "minutes": 3, "kind": "talk"}, step]}


@pytest.mark.parametrize("step, expected", [
    ({"title": "T", "room": "", "minutes": 3, "kind": "talk"}, "step 2: \"room\""),
    ({"title": "T", "room": "x" * 300, "minutes": 3, "kind": "talk"}, "under 220"),
    ({"title": "T", "room": "Hi", "minutes": 0, "kind": "talk"}, "\"minutes\""),
    ({"title": "T", "room": "Hi", "minutes": True, "kind": "talk"}, "\"minutes\""),
    ({"title": "T", "room": "Hi", "minutes": 3, "kind": "dance"}, "\"kind\" must be one of"),
    ({"title": "T", "room": "Hi", "minutes": 3, "kind": "vote", "dimension": "x"},
     "\"dimension\""),
    ({"title": "T", "room": "Hi", "minutes": 3, "kind": "vote", "roles": ["A"]}, "\"roles\""),
    ("not an object", "step 2: a step must be"),
])
def test_a_malformed_step_is_named_by_file_step_and_field(step: object, expected: str) -> None:
    with pytest.raises(DeckError) as raised:
        deck_from_dict(_deck_with(step), "team.json")  # type: ignore[arg-type]
    assert str(raised.value).startswith("team.json, step 2:")
    assert expected in str(raised.value)


@pytest.mark.parametrize("content, expected", [
    (b"{not json", "not valid JSON (line 1"),
    (b"\x00\xff\xfe\x00binary", "not a text file"),
    (json.dumps({"format": "rcdesk-deck", "version": 9, "id": "x", "title": "X",
                 "steps": []}).encode(), "newer rcdesk"),
    (json.dumps({"format": "something-else"}).encode(), "not an rcdesk deck"),
    (json.dumps({"format": "rcdesk-deck", "version": 1, "id": "x", "title": "X",
                 "steps": []}).encode(), "has no steps"),
])
def test_a_bad_deck_file_gets_a_message_naming_it(tmp_path: Path, content: bytes,
                                                  expected: str) -> None:
    path = tmp_path / "colleague.json"
    path.write_bytes(content)
    with pytest.raises(DeckError) as raised:
        load_deck_file(path)
    assert str(path) in str(raised.value) and expected in str(raised.value)
