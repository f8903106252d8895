"""Importing decks: a present title gets "(2)"; a broken file lists every problem it has."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rcdesk.domain.decks import DeckError, deck_to_dict
from rcdesk.services.deck_library import DeckLibrary, created_key
from rcdesk.services.decks import shipped_decks
from rcdesk.services.workshop import WorkshopService


@pytest.fixture
def decks(sample: WorkshopService) -> DeckLibrary:
    return DeckLibrary(sample)


def test_an_import_of_a_present_title_gets_a_number(decks: DeckLibrary, tmp_path: Path) -> None:
    path = tmp_path / "huddle.json"
    decks.export_file("huddle-check-in", path)
    title = decks.deck("huddle-check-in").deck.title
    first = decks.deck(created_key(decks.import_file(path))).deck.title
    second = decks.deck(created_key(decks.import_file(path))).deck.title
    assert (first, second) == (f"{title} (2)", f"{title} (3)")
    titles = [d.deck.title.casefold() for d in decks.decks()]
    assert len(titles) == len(set(titles))


def _broken(tmp_path: Path, change) -> Path:
    data = deck_to_dict(shipped_decks()[0])
    change(data["steps"])
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_every_problem_of_a_deck_file_is_listed_with_the_right_words(
        decks: DeckLibrary, tmp_path: Path) -> None:
    def change(steps) -> None:
        steps[0]["minutes"] = 0
        steps[1]["room"] = ""
        steps[1]["kind"] = "lecture"
        steps[2]["minutes"] = "ten"

    path = _broken(tmp_path, change)
    with pytest.raises(DeckError) as raised:
        decks.import_file(path)
    text = str(raised.value)
    assert "4 problems" in text
    assert f"{path}, step 1: \"minutes\" must be more than 0 and at most 120 (it is 0)" in text
    assert "from 0 to 120" not in text
    assert f"{path}, step 2: \"room\" must be a non-empty text" in text
    assert f"{path}, step 2: \"kind\" must be one of" in text
    assert f"{path}, step 3: \"minutes\" must be more than 0 and at most 120" in text
    assert len(decks.decks()) == len(shipped_decks())


def test_at_most_twenty_problems_are_listed(decks: DeckLibrary, tmp_path: Path) -> None:
    def change(steps) -> None:
        template = dict(steps[0], minutes=0)
        steps[:] = [dict(template) for _ in range(25)]

    with pytest.raises(DeckError) as raised:
        decks.import_file(_broken(tmp_path, change))
    text = str(raised.value)
    assert "step 20:" in text and "step 21:" not in text
    assert "and 5 more" in text
