"""Every import's one use case: checked first, then the before-import backup, then the write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rcdesk.domain.decks import DeckError, deck_to_dict
from rcdesk.domain.errors import DomainError
from rcdesk.services.deck_library import DeckLibrary, created_key
from rcdesk.services.decks import shipped_decks
from rcdesk.services.importing import import_deck, import_workshop, run_import
from rcdesk.services.pulse_import import commit_pulse, preview_pulse
from rcdesk.services.workshop import WorkshopService
from rcdesk.services.workshop_file import export_workshop_file
from rcdesk.store.backups import list_backups
from rcdesk.store.connection import Library


def before_import_backups(library: Library) -> int:
    return sum(1 for b in list_backups(library.path) if b.reason == "before-import" and b.ok)


def test_the_backup_is_taken_after_the_check_and_before_the_write(library: Library) -> None:
    order: list[str] = []

    def write() -> str:
        order.append(f"write after {before_import_backups(library)} backup")
        return "written"

    assert run_import(library, lambda: order.append("check"), write) == "written"
    assert order == ["check", "write after 1 backup"]


def test_a_refused_check_writes_nothing_and_takes_no_backup(library: Library) -> None:
    def refuse() -> None:
        raise DomainError("bad file")

    written: list[bool] = []
    with pytest.raises(DomainError):
        run_import(library, refuse, lambda: written.append(True))
    assert written == [] and before_import_backups(library) == 0


def test_a_deck_import_is_backed_up_and_a_malformed_one_is_not(
        sample: WorkshopService, tmp_path: Path) -> None:
    decks = DeckLibrary(sample)
    data = deck_to_dict(shipped_decks()[0])
    good = tmp_path / "deck.json"
    good.write_text(json.dumps(data), encoding="utf-8")
    data["steps"][3]["minutes"] = 500
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DeckError):
        import_deck(decks, bad)
    assert before_import_backups(sample.library) == 0
    key = created_key(import_deck(decks, good))
    assert decks.deck(key).editable and before_import_backups(sample.library) == 1


def test_a_workshop_file_import_is_backed_up_and_a_damaged_one_is_not(
        sample: WorkshopService, tmp_path: Path) -> None:
    library = sample.library
    out = export_workshop_file(library, sample.workshop_id, tmp_path / "ward.rcdesk")
    damaged = tmp_path / "damaged.rcdesk"
    damaged.write_text("{", encoding="utf-8")
    with pytest.raises(DomainError):
        import_workshop(library, damaged)
    assert before_import_backups(library) == 0
    new_id = import_workshop(library, out)
    assert new_id != sample.workshop_id and before_import_backups(library) == 1


def test_a_pulse_commit_is_backed_up_and_a_refused_one_is_not(
        sample: WorkshopService, tmp_path: Path) -> None:
    library, workshop_id = sample.library, sample.workshop_id
    bad = tmp_path / "bad.csv"
    bad.write_text("respondent,ps1,ps2,ps3,ps4,ps5,ps6,ps7\na,9,1,1,1,1,1,1\n", "utf-8")
    with pytest.raises(DomainError):
        commit_pulse(library, preview_pulse(library, workshop_id, bad, wave="Pulse"))
    assert before_import_backups(library) == 0
    good = tmp_path / "good.csv"
    good.write_text("respondent,ps1,ps2,ps3,ps4,ps5,ps6,ps7\n"
                    + "".join(f"r{i},2,6,2,6,2,6,6\n" for i in range(5)), "utf-8")
    result = commit_pulse(library, preview_pulse(library, workshop_id, good, wave="Pulse"))
    assert result.rows == 5 and before_import_backups(library) == 1
