"""Fuzzing workshop (.rcdesk) and deck files from strangers (issue 14).

Each generated file (tests/file_fuzz.py: a valid file mutated) must be either
refused calmly (exit 2, a DomainError) or accepted; an accepted workshop must then
work everywhere: `rcdesk show`, `rcdesk scores`, every export (json, csv, graphml,
rcdesk on each accepted file; png, svg and pdf on a rotating share of them), and
its exported file must import again and export the same. An accepted deck must be
listed, duplicated, exported and read back, put on an agenda, and the workshop
carrying that agenda exported and imported again. Opening accepted workshops in the
window is tested in tests/ui/test_file_fuzz_window.py.

The commands run in-process through `rcdesk.cli.main` (a few through a real
`python -m rcdesk` too). The normal suite runs a small set; a long run is

    RCDESK_FUZZ_EXAMPLES=10000 PYTHONPATH=$PWD python -m pytest tests/test_file_fuzz.py -s

which prints how many files were generated, accepted and refused, and the time.
A failure names the seed: `mutate(base, random.Random(seed))` rebuilds the file.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from file_fuzz import deck_documents, mutate, rich_document

from rcdesk import cli
from rcdesk.domain.errors import DomainError
from rcdesk.services.agenda import AgendaService
from rcdesk.services.deck_library import DeckLibrary, created_key
from rcdesk.services.decks import load_deck_file
from rcdesk.services.library import LibraryService
from rcdesk.services.workshop_file import (
    export_workshop_file,
    import_workshop_file,
    workshop_document,
)
from rcdesk.store.connection import open_library

EXAMPLES = int(os.environ.get("RCDESK_FUZZ_EXAMPLES", "40"))
#: Every how many accepted workshops one gets each slow export (png, svg, pdf).
HEAVY_EVERY = {".png": 20, ".svg": 10, ".pdf": 60} if EXAMPLES > 200 else {
    ".png": 3, ".svg": 2, ".pdf": 100}
#: A command that takes this long is a hang (a 10 MB name once took an SVG export there).
HANG_SECONDS = 120


class Hang(Exception):
    pass


@contextlib.contextmanager
def hang_guard() -> Iterator[None]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no answer after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Tally:
    """What a fuzz run saw; `failures` holds (seed, what, detail)."""

    generated: int = 0
    accepted: int = 0
    refused: int = 0
    commands: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[int, str, str]] = field(default_factory=list)

    def fail(self, seed: int, what: str, detail: str) -> None:
        self.failures.append((seed, what, detail[-1500:]))

    def progress(self, name: str, started: float) -> None:
        """Every 500 files, a line in the file RCDESK_FUZZ_PROGRESS names (long runs)."""
        target = os.environ.get("RCDESK_FUZZ_PROGRESS")
        if target and self.generated % 500 == 0:
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(self.report(name, started) + "\n")

    def report(self, name: str, started: float) -> str:
        return (f"{name}: {self.generated} files generated, {self.accepted} accepted, "
                f"{self.refused} refused, {len(self.failures)} failures in "
                f"{time.perf_counter() - started:.0f} s; commands run: "
                f"{dict(sorted(self.commands.items()))}")


def run_cli(library: Path, *args: str) -> tuple[int, str]:
    """`rcdesk --library LIBRARY ARGS…` in this process: exit code and everything printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), hang_guard():
        code = cli.main(["--library", str(library), *args])
    return code, out.getvalue() + err.getvalue()


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cli, "log_dir", lambda: tmp_path / "logs")
    return tmp_path / "logs"


def _strip(document: dict[str, Any]) -> dict[str, Any]:
    document = json.loads(json.dumps(document))
    document.pop("exported_at", None)
    document["workshop"].pop("title", None)
    return document


# -- workshop files ----------------------------------------------------------------------------


def _check_accepted(tally: Tally, seed: int, library: Path, workshop_id: int,
                    out: Path) -> None:
    """Everything a facilitator does with a workshop works on the imported one."""
    reference = str(workshop_id)
    commands = [("show", ["show", reference]), ("scores", ["scores", reference])]
    commands += [(suffix, ["export", reference, str(out / f"out{suffix}")])
                 for suffix in (".json", ".csv", ".graphml", ".rcdesk")]
    commands += [(suffix, ["export", reference, str(out / f"out{suffix}")])
                 for suffix, every in HEAVY_EVERY.items() if (tally.accepted - 1) % every == 0]
    for name, args in commands:
        code, text = run_cli(library, *args)
        tally.commands[name] += 1
        if code != 0:
            tally.fail(seed, name, f"exit {code}: {text}")
            return
    _check_round_trip(tally, seed, library, out / "out.rcdesk")


def _check_round_trip(tally: Tally, seed: int, library: Path, exported: Path) -> None:
    """The exported file imports again and exports the same tables."""
    opened = open_library(library, create=False)
    try:
        again = import_workshop_file(opened, exported)
        first, second = json.loads(exported.read_text(encoding="utf-8")), \
            workshop_document(opened, again)
        if _strip(first)["tables"] != _strip(second)["tables"]:
            tally.fail(seed, "round trip", "the re-imported workshop exports differently")
        LibraryService(opened).delete(again)
    except DomainError as exc:
        tally.fail(seed, "round trip", f"its own export was refused: {exc}")
    finally:
        opened.close()
    tally.commands["round trip"] += 1


def _import_one(tally: Tally, seed: int, library: Path, path: Path, use_cli: bool
                ) -> int | None:
    """The new workshop's id, or None when the file was refused (calmly)."""
    opened = open_library(library, create=False)
    try:
        before = {s.id for s in LibraryService(opened).summaries()}
        if not use_cli:
            with hang_guard():
                try:
                    return import_workshop_file(opened, path)
                except DomainError:
                    return None
    finally:
        opened.close()
    code, text = run_cli(library, "import", str(path))
    tally.commands["import"] += 1
    if code not in (0, 2) or "Traceback" in text or "unexpected" in text:
        tally.fail(seed, "import", f"exit {code}: {text}")
        return None
    if code == 2:
        return None
    opened = open_library(library, create=False)
    try:
        return next(iter({s.id for s in LibraryService(opened).summaries()} - before))
    finally:
        opened.close()


def fuzz_workshop_files(tmp_path: Path, examples: int, first_seed: int = 0) -> Tally:
    library = tmp_path / "fuzz.sqlite"
    opened = open_library(library, create=True)
    base = rich_document(opened)
    opened.close()
    tally = Tally()
    path, out = tmp_path / "stranger.rcdesk", tmp_path / "out"
    out.mkdir()
    cli_every = 2 if examples <= 200 else 10
    started = time.perf_counter()
    for seed in range(first_seed, first_seed + examples):
        path.write_bytes(mutate(base, random.Random(seed)))
        tally.generated += 1
        tally.progress("workshop files", started)
        try:
            new_id = _import_one(tally, seed, library, path, use_cli=seed % cli_every == 0)
            if new_id is None:
                tally.refused += 1
                continue
            tally.accepted += 1
            _check_accepted(tally, seed, library, new_id, out)
            opened = open_library(library, create=False)
            LibraryService(opened).delete(new_id)
            opened.close()
        except Exception as exc:  # anything but a calm refusal is what this test looks for
            tally.fail(seed, "import", f"{type(exc).__name__}: {exc}")
    return tally


def test_hostile_workshop_files_are_refused_calmly_or_work_everywhere(
        tmp_path: Path, logs: Path) -> None:
    started = time.perf_counter()
    tally = fuzz_workshop_files(tmp_path, EXAMPLES)
    sys.stderr.write(tally.report("workshop files", started) + "\n")
    assert tally.failures == []
    assert tally.accepted and tally.refused  # the mutations reach both outcomes
    assert not logs.exists()  # no unexpected error was logged


# -- deck files --------------------------------------------------------------------------------


def _use_deck(tally: Tally, seed: int, library: Path, path: Path, out: Path) -> None:
    """Import the deck, list, duplicate, export and re-read it, plan it, and send the
    workshop holding that agenda through its own file."""
    opened = open_library(library, create=False)
    try:
        service = LibraryService(opened).open(1)
        decks = DeckLibrary(service)
        key = created_key(decks.import_file(path))
        copy = created_key(decks.duplicate(key))
        listed = {d.key: d.deck for d in decks.decks()}
        decks.export_file(copy, out / "deck.json")
        if load_deck_file(out / "deck.json").steps != listed[key].steps:
            tally.fail(seed, "deck export", "the exported copy reads back differently")
        plan = AgendaService(service).add_deck(service.meetings()[0].id, listed[key])
        export_workshop_file(opened, 1, out / "with-deck.rcdesk")
        for edit in (plan,):
            service.undo(edit)
        decks.delete(copy)
        decks.delete(key)
    finally:
        opened.close()
    code, text = run_cli(library, "import", str(out / "with-deck.rcdesk"))
    tally.commands["deck workshop import"] += 1
    if code != 0:
        tally.fail(seed, "deck workshop import", f"exit {code}: {text}")
        return
    opened = open_library(library, create=False)
    try:  # the copy goes again, so the library stays the size of one sample workshop
        service = LibraryService(opened)
        service.delete(max(s.id for s in service.summaries()))
    finally:
        opened.close()


def fuzz_deck_files(tmp_path: Path, examples: int, first_seed: int = 0) -> Tally:
    library = tmp_path / "decks.sqlite"
    opened = open_library(library, create=True)
    rich_document(opened)  # the sample workshop (id 1) gets the agendas
    opened.close()
    bases = deck_documents()
    tally = Tally()
    path, out = tmp_path / "stranger.json", tmp_path / "deck-out"
    out.mkdir()
    started = time.perf_counter()
    for seed in range(first_seed, first_seed + examples):
        rng = random.Random(seed)
        path.write_bytes(mutate(rng.choice(bases), rng))
        tally.generated += 1
        tally.progress("deck files", started)
        try:
            with hang_guard():
                load_deck_file(path)
        except DomainError as exc:
            tally.refused += 1
            if str(path) not in str(exc):
                tally.fail(seed, "deck", f"the message does not name the file: {exc}")
            continue
        except Exception as exc:
            tally.fail(seed, "deck", f"{type(exc).__name__}: {exc}")
            continue
        tally.accepted += 1
        try:
            _use_deck(tally, seed, library, path, out)
        except Exception as exc:
            tally.fail(seed, "deck use", f"{type(exc).__name__}: {exc}")
    return tally


def test_hostile_deck_files_are_refused_calmly_or_work_everywhere(
        tmp_path: Path, logs: Path) -> None:
    started = time.perf_counter()
    tally = fuzz_deck_files(tmp_path, max(EXAMPLES // 2, 30))
    sys.stderr.write(tally.report("deck files", started) + "\n")
    assert tally.failures == []
    assert tally.accepted and tally.refused


# -- a few real processes ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", [3, 11])
def test_a_real_rcdesk_process_refuses_or_imports_a_hostile_file(tmp_path: Path,
                                                                 seed: int) -> None:
    library = tmp_path / "real.sqlite"
    opened = open_library(library, create=True)
    base = rich_document(opened)
    opened.close()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    for attempt in range(seed, seed + 3):
        path = tmp_path / f"{attempt}.rcdesk"
        path.write_bytes(mutate(base, random.Random(attempt)))
        done = subprocess.run([sys.executable, "-m", "rcdesk", "--library", str(library),
                               "import", str(path)], capture_output=True, text=True,
                              timeout=HANG_SECONDS, env=env)
        assert done.returncode in (0, 2), done.stderr
        assert "Traceback" not in done.stderr and "unexpected" not in done.stderr
        if done.returncode == 0:
            listed = subprocess.run([sys.executable, "-m", "rcdesk", "--library",
                                     str(library), "list"], capture_output=True, text=True,
                                    timeout=HANG_SECONDS, env=env)
            assert listed.returncode == 0, listed.stderr
