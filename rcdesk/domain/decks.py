"""Prompt decks: the guided conversations as data (docs/deck-format.md).

A deck is an ordered list of steps. What the room sees is short and large; the
facilitator's notes stay on the laptop. Validation names the deck, the step and
the field, so a colleague's broken file gets a message that helps mend it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import DomainError, ValidationError
from rcdesk.domain.limits import check_characters
from rcdesk.domain.names import MAX_NAME_LENGTH

DECK_FORMAT = "rcdesk-deck"
DECK_VERSION = 1
MAX_ROOM_TEXT = 220  # what the room sees must stay readable at 40 pt
MAX_MINUTES = 120
#: Lengths of a deck's other texts, in characters.
MAX_DECK_ID = 80
MAX_SUMMARY = 1000
MAX_NOTES = 4000
MAX_LISTED_PROBLEMS = 20  # a broken file's message lists at most this many problems


class StepKind(Enum):
    TALK = "talk"
    PAIRS = "pairs"
    WRITE = "write"
    VOTE = "vote"
    PULSE = "pulse"
    REVEAL = "reveal"
    REFLECT = "reflect"
    BREAK = "break"  # a pause: the room sees a calm countdown and when to be back


@dataclass(frozen=True)
class Step:
    title: str
    room: str  # shown to the room, large
    notes: str  # the facilitator's notes, laptop only
    minutes: float
    kind: StepKind
    dimension: str | None = None
    roles: tuple[str, str] | None = None  # a role pair, by name


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    summary: str
    steps: tuple[Step, ...]
    version: int = DECK_VERSION

    @property
    def minutes(self) -> float:
        return sum(step.minutes for step in self.steps)


class DeckError(DomainError):
    """A deck file that cannot be used; the message names the file, step and field."""


def deck_from_dict(data: Any, source: str) -> Deck:
    """Build and check a deck from parsed JSON; DeckError names what is wrong and where."""
    if not isinstance(data, dict):
        raise DeckError(f"{source}: this is not an rcdesk deck (expected a JSON object).")
    if data.get("format") != DECK_FORMAT:
        raise DeckError(f"{source}: this is not an rcdesk deck (no \"format\": "
                        f"\"{DECK_FORMAT}\").")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DeckError(f"{source}: the deck has no valid \"version\".")
    if version > DECK_VERSION:
        raise DeckError(f"{source}: the deck was written by a newer rcdesk (version "
                        f"{version}); update rcdesk to use it.")
    deck_id = _text(data, "id", source, limit=MAX_DECK_ID)
    title = _text(data, "title", source)
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise DeckError(f"{source}: the deck has no steps.")
    raise_step_problems(steps, source)
    return Deck(
        id=deck_id,
        title=title,
        summary=_text(data, "summary", source, required=False, limit=MAX_SUMMARY),
        steps=tuple(step_from_dict(item, f"{source}, step {number}")
                    for number, item in enumerate(steps, start=1)),
        version=version,
    )


def deck_to_dict(deck: Deck) -> dict[str, Any]:
    """The JSON form of a deck, as deck_from_dict reads it."""
    return {
        "format": DECK_FORMAT,
        "version": DECK_VERSION,
        "id": deck.id,
        "title": deck.title,
        "summary": deck.summary,
        "steps": [step_to_dict(step) for step in deck.steps],
    }


def step_to_dict(step: Step) -> dict[str, Any]:
    """A step's JSON form, as step_from_dict reads it (decks and meeting agendas)."""
    item: dict[str, Any] = {"title": step.title, "room": step.room, "notes": step.notes,
                            "minutes": step.minutes, "kind": step.kind.value}
    if step.dimension:
        item["dimension"] = step.dimension
    if step.roles:
        item["roles"] = list(step.roles)
    return item


def _text(data: dict[str, Any], field: str, where: str, required: bool = True,
          limit: int = MAX_NAME_LENGTH) -> str:
    value = data.get(field, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise DeckError(f"{where}: \"{field}\" must be a non-empty text.")
    if len(value.strip()) > limit:
        raise DeckError(f"{where}: \"{field}\" is {len(value.strip())} characters; keep it "
                        f"under {limit}.")
    return _characters(value.strip(), field, where)


def _characters(value: str, field: str, where: str) -> str:
    try:
        return check_characters(value, field)
    except ValidationError as exc:
        raise DeckError(f"{where}: \"{field}\" contains characters that are not text.") from exc


def step_from_dict(item: Any, where: str) -> Step:
    """A checked step; DeckError names `where` and the field (the first problem found)."""
    if not isinstance(item, dict):
        raise DeckError(f"{where}: a step must be a JSON object.")
    return Step(
        title=_text(item, "title", where),
        room=_room(item, where),
        notes=_text(item, "notes", where, required=False, limit=MAX_NOTES),
        minutes=_minutes(item, where),
        kind=_kind(item, where),
        dimension=_dimension(item, where),
        roles=_roles(item, where),
    )


def _room(item: dict[str, Any], where: str) -> str:
    room = _text(item, "room", where, limit=10**9)
    if len(room) > MAX_ROOM_TEXT:
        raise DeckError(f"{where}: \"room\" is {len(room)} characters; keep what the room "
                        f"sees under {MAX_ROOM_TEXT} so it stays readable on the projector.")
    return room


def _minutes(item: dict[str, Any], where: str) -> float:
    minutes = item.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or \
            not 0 < minutes <= MAX_MINUTES:
        raise DeckError(f"{where}: \"minutes\" must be more than 0 and at most {MAX_MINUTES} "
                        f"(it is {_shown(minutes)}).")
    return float(minutes)


def _shown(value: Any) -> str:
    """A field's value as the file has it, short (for a message)."""
    if value is None:
        return "missing"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 30 else text[:29] + "…"


def _kind(item: dict[str, Any], where: str) -> StepKind:
    try:
        return StepKind(item.get("kind"))
    except ValueError as exc:
        kinds = ", ".join(k.value for k in StepKind)
        raise DeckError(f"{where}: \"kind\" must be one of {kinds}.") from exc


def step_problems(item: Any, where: str) -> list[str]:
    """Every problem of one step (each field checked on its own), for a complete message."""
    if not isinstance(item, dict):
        return [f"{where}: a step must be a JSON object."]
    checks: tuple[Callable[[], object], ...] = (
        lambda: _text(item, "title", where), lambda: _room(item, where),
        lambda: _text(item, "notes", where, required=False, limit=MAX_NOTES),
        lambda: _minutes(item, where),
        lambda: _kind(item, where), lambda: _dimension(item, where),
        lambda: _roles(item, where))
    problems = []
    for check in checks:
        try:
            check()
        except DeckError as exc:
            problems.append(str(exc))
    return problems


def raise_step_problems(steps: list[Any], source: str) -> None:
    """DeckError listing every problem of the steps (up to MAX_LISTED_PROBLEMS), if any."""
    problems = [problem for number, item in enumerate(steps, start=1)
                for problem in step_problems(item, f"{source}, step {number}")]
    if len(problems) == 1:
        raise DeckError(problems[0])
    if problems:
        listed = "\n".join(problems[:MAX_LISTED_PROBLEMS])
        more = len(problems) - MAX_LISTED_PROBLEMS
        rest = f"\n… and {more} more." if more > 0 else ""
        raise DeckError(f"{source}: {len(problems)} problems to mend:\n{listed}{rest}")


def _dimension(item: dict[str, Any], where: str) -> str | None:
    value = item.get("dimension")
    if value is None:
        return None
    if value not in DIMENSION_KEYS:
        raise DeckError(f"{where}: \"dimension\" must be one of {', '.join(DIMENSION_KEYS)}.")
    return str(value)


def _roles(item: dict[str, Any], where: str) -> tuple[str, str] | None:
    value = item.get("roles")
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, str) and v.strip() for v in value)):
        raise DeckError(f"{where}: \"roles\" must be a pair of role names.")
    if any(len(v.strip()) > MAX_NAME_LENGTH for v in value):
        raise DeckError(f"{where}: \"roles\" names a role over {MAX_NAME_LENGTH} characters.")
    return _characters(value[0].strip(), "roles", where), _characters(value[1].strip(),
                                                                      "roles", where)
