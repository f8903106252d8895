"""The deck library: shipped decks stay as shipped; own copies are edited, shared and undone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rcdesk.domain.decks import DeckError, StepKind, deck_to_dict
from rcdesk.domain.errors import ValidationError
from rcdesk.services.deck_library import DeckLibrary, created_key
from rcdesk.services.decks import SHIPPED_ORDER, load_deck_file, shipped_decks
from rcdesk.services.edits import Change
from rcdesk.services.workshop import WorkshopService

from .conftest import Snapshot


@pytest.fixture
def decks(sample: WorkshopService) -> DeckLibrary:
    return DeckLibrary(sample)


def _copy(decks: DeckLibrary, key: str = "humble-inquiry") -> str:
    return created_key(decks.duplicate(key))


def test_shipped_decks_come_first_and_own_copies_follow(decks: DeckLibrary) -> None:
    listed = decks.decks()
    assert [d.key for d in listed] == list(SHIPPED_ORDER)
    assert all(d.shipped and not d.editable for d in listed)
    key = _copy(decks)
    own = decks.decks()[-1]
    assert own.key == key == "humble-inquiry-copy" and own.editable
    assert own.deck.title == "Humble inquiry (copy)" and own.based_on == "humble-inquiry"
    assert own.deck.steps == decks.deck("humble-inquiry").deck.steps


def test_duplicates_get_unique_keys_and_titles(decks: DeckLibrary) -> None:
    first = _copy(decks)
    second = _copy(decks)
    third = _copy(decks, first)
    assert (first, second, third) == ("humble-inquiry-copy", "humble-inquiry-copy-2",
                                      "humble-inquiry-copy-3")
    titles = [decks.deck(k).deck.title for k in (first, second, third)]
    assert titles == ["Humble inquiry (copy)", "Humble inquiry (copy 2)",
                      "Humble inquiry (copy) (copy)"]
    assert decks.deck(third).based_on == "humble-inquiry"


def test_shipped_decks_are_never_editable(decks: DeckLibrary) -> None:
    commands: list[Callable[[], object]] = [
        lambda: decks.rename("humble-inquiry", "Mine"),
        lambda: decks.set_step_field("humble-inquiry", 0, "title", "Mine"),
        lambda: decks.add_step("humble-inquiry"),
        lambda: decks.delete_step("humble-inquiry", 0),
        lambda: decks.move_step("humble-inquiry", 0, 1),
        lambda: decks.delete("humble-inquiry"),
    ]
    for command in commands:
        with pytest.raises(DeckError, match="duplicate it"):
            command()
    assert decks.deck("humble-inquiry").deck == shipped_decks()[1]


@pytest.mark.parametrize("field, value, check", [
    ("title", "Opening round", lambda s: s.title == "Opening round"),
    ("room", "What helps you speak up?", lambda s: s.room == "What helps you speak up?"),
    ("notes", "Wait ten seconds.", lambda s: s.notes == "Wait ten seconds."),
    ("minutes", 12, lambda s: s.minutes == 12.0),
    ("kind", "pairs", lambda s: s.kind is StepKind.PAIRS),
    ("dimension", "timely", lambda s: s.dimension == "timely"),
    ("roles", ("Nurses", "Physicians"), lambda s: s.roles == ("Nurses", "Physicians")),
])
def test_each_step_field_is_edited_and_undone(
        decks: DeckLibrary, sample: WorkshopService, snapshot: Callable[[], Snapshot],
        field: str, value: object, check: Callable[[object], bool]) -> None:
    key = _copy(decks)
    before = snapshot()
    edit = decks.set_step_field(key, 1, field, value)
    assert edit is not None and edit.changes == Change.DECKS
    assert edit.text.startswith("Change ")
    assert check(decks.deck(key).deck.steps[1])
    sample.undo(edit)
    assert snapshot() == before
    sample.redo(edit)
    assert check(decks.deck(key).deck.steps[1])


def test_clearing_optional_fields_and_unchanged_values(decks: DeckLibrary) -> None:
    key = _copy(decks)
    decks.set_step_field(key, 0, "dimension", "shared_goals")
    decks.set_step_field(key, 0, "dimension", None)
    assert decks.deck(key).deck.steps[0].dimension is None
    title = decks.deck(key).deck.steps[0].title
    assert decks.set_step_field(key, 0, "title", title) is None


@pytest.mark.parametrize("field, value, expected", [
    ("room", "x" * 221, "under 220"),
    ("room", "  ", "\"room\""),
    ("minutes", 0, "\"minutes\""),
    ("minutes", 121, "\"minutes\""),
    ("kind", "dance", "\"kind\" must be one of"),
    ("dimension", "speed", "\"dimension\""),
    ("roles", ("Nurses",), "\"roles\""),
])
def test_invalid_step_values_are_refused_and_named(
        decks: DeckLibrary, snapshot: Callable[[], Snapshot], field: str, value: object,
        expected: str) -> None:
    key = _copy(decks)
    before = snapshot()
    with pytest.raises(DeckError) as raised:
        decks.set_step_field(key, 2, field, value)
    assert str(raised.value).startswith("Humble inquiry (copy), step 3:")
    assert expected in str(raised.value)
    assert snapshot() == before


def test_rename_add_delete_move_steps_each_undo(
        decks: DeckLibrary, sample: WorkshopService, snapshot: Callable[[], Snapshot]) -> None:
    key = _copy(decks)
    titles = [s.title for s in decks.deck(key).deck.steps]
    before = snapshot()
    edits = []
    edits.append(decks.rename(key, "  Asking   well "))
    assert decks.deck(key).deck.title == "Asking well"
    edits.append(decks.add_step(key, after=0))
    assert decks.deck(key).deck.steps[1].title == "New step"
    edits.append(decks.delete_step(key, 0))
    assert decks.deck(key).deck.steps[0].title == "New step"
    edits.append(decks.move_step(key, 0, 1))
    assert [s.title for s in decks.deck(key).deck.steps][:2] == [titles[1], "New step"]
    assert decks.move_step(key, 0, -1) is None
    assert [e.text for e in edits if e] == ["Rename deck", "Add step", "Delete step",
                                            "Move step"]
    for edit in reversed(edits):
        assert edit is not None
        sample.undo(edit)
    assert snapshot() == before
    with pytest.raises(ValidationError):
        decks.rename(key, "   ")


def test_the_last_step_cannot_be_deleted(decks: DeckLibrary) -> None:
    key = _copy(decks)
    while len(decks.deck(key).deck.steps) > 1:
        decks.delete_step(key, 0)
    with pytest.raises(ValidationError, match="at least one step"):
        decks.delete_step(key, 0)


def test_delete_an_own_deck_and_undo(decks: DeckLibrary, sample: WorkshopService,
                                     snapshot: Callable[[], Snapshot]) -> None:
    key = _copy(decks)
    before = snapshot()
    edit = decks.delete(key)
    assert edit.text == "Delete deck “Humble inquiry (copy)”"
    assert key not in [d.key for d in decks.decks()]
    sample.undo(edit)
    assert snapshot() == before
    sample.redo(edit)
    assert key not in [d.key for d in decks.decks()]


def test_export_and_import_round_trip(decks: DeckLibrary, tmp_path: Path) -> None:
    key = _copy(decks)
    decks.set_step_field(key, 0, "title", "Ours")
    path = tmp_path / "ours.json"
    decks.export_file(key, path)
    assert load_deck_file(path) == decks.deck(key).deck
    decks.delete(key)
    edit = decks.import_file(path)
    assert edit.text == "Import deck “Humble inquiry (copy)”"
    assert created_key(edit) == key  # free again after the delete
    assert decks.deck(key).deck.steps[0].title == "Ours"


def test_a_clashing_import_gets_a_unique_key(decks: DeckLibrary, tmp_path: Path) -> None:
    path = tmp_path / "safety.json"
    decks.export_file("psychological-safety", path)
    first = created_key(decks.import_file(path))
    second = created_key(decks.import_file(path))
    assert (first, second) == ("psychological-safety-2", "psychological-safety-3")
    assert decks.deck(first).based_on == "psychological-safety"
    assert decks.deck("psychological-safety").shipped


def test_a_malformed_import_names_the_problem_and_stores_nothing(
        decks: DeckLibrary, tmp_path: Path, snapshot: Callable[[], Snapshot]) -> None:
    data = deck_to_dict(shipped_decks()[0])
    data["steps"][3]["minutes"] = 500
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot()
    with pytest.raises(DeckError) as raised:
        decks.import_file(path)
    assert str(raised.value).startswith(f"{path}, step 4: \"minutes\"")
    assert snapshot() == before


def test_an_import_is_undone_in_one_step(decks: DeckLibrary, sample: WorkshopService,
                                         tmp_path: Path,
                                         snapshot: Callable[[], Snapshot]) -> None:
    path = tmp_path / "huddle.json"
    decks.export_file("huddle-check-in", path)
    before = snapshot()
    edit = decks.import_file(path)
    sample.undo(edit)
    assert snapshot() == before


def test_a_duplicate_is_undone_and_redone(decks: DeckLibrary, sample: WorkshopService,
                                          snapshot: Callable[[], Snapshot]) -> None:
    before = snapshot()
    edit = decks.duplicate("change-and-loss")
    assert edit.text == "Duplicate deck “Change and loss”" and edit.changes == Change.DECKS
    sample.undo(edit)
    assert snapshot() == before and len(decks.decks()) == len(SHIPPED_ORDER)
    sample.redo(edit)
    assert decks.deck("change-and-loss-copy").deck.title == "Change and loss (copy)"


def test_review_a_deeply_nested_file_is_refused_calmly(
        decks: DeckLibrary, tmp_path: Path, snapshot: Callable[[], Snapshot]) -> None:
    """json.loads raises RecursionError (not a ValueError) on brackets nested this deep."""
    path = tmp_path / "nested.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    before = snapshot()
    with pytest.raises(DeckError, match="nested.json.*nested too deeply"):
        decks.import_file(path)
    assert snapshot() == before
