"""The library of workshops: list, create, find, duplicate, delete."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from rcdesk.domain.errors import NotFoundError, StorageError, ValidationError
from rcdesk.domain.limits import clean_detail
from rcdesk.domain.model import WorkshopSummary
from rcdesk.domain.names import MAX_NAME_LENGTH, clean_name, name_key
from rcdesk.domain.settings import WorkshopSettings
from rcdesk.services.edits import run_in_transaction
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import repository
from rcdesk.store.connection import Library
from rcdesk.store.copies import copy_workshop_rows
from rcdesk.store.rows import insert_rows, rows_matching

Clock = Callable[[], datetime]


class LibraryService:
    """Workshop-level use cases over one open library."""

    def __init__(self, library: Library, clock: Clock = datetime.now) -> None:
        self.library = library
        self.clock = clock
        #: Why the last write was refused (a full disk, say), for the window to show; "" if none.
        self.write_problem = ""

    @property
    def db(self) -> Any:
        return self.library.db

    def summaries(self) -> list[WorkshopSummary]:
        return repository.list_summaries(self.db, self.clock().date())

    def find(self, reference: str) -> int:
        """A workshop named by its title (ignoring case) or its id."""
        found = repository.find_workshop_id(self.db, name_key(reference))
        if found is not None:
            return found
        digits = reference.strip()
        # isdecimal, not isdigit: "²" is a digit that int() refuses; ids fit in 18 digits.
        if digits.isdecimal() and len(digits) <= 18 and repository.get_workshop(
            self.db, int(digits)
        ):
            return int(digits)
        raise NotFoundError(f"No workshop called “{reference.strip()}” in this library.")

    def unique_title(self, base: str) -> str:
        """`base`, or `base (2)`, `base (3)`… whichever is free."""
        title = clean_name(" ".join(base.split())[:MAX_NAME_LENGTH], "title")
        candidate, number = title, 2
        while repository.find_workshop_id(self.db, name_key(candidate)) is not None:
            suffix = f" ({number})"
            # Shorten the base so that the suggestion is a title create() accepts.
            candidate = title[: MAX_NAME_LENGTH - len(suffix)].rstrip() + suffix
            number += 1
        return candidate

    def create(self, title: str, *, team: str = "", process: str = "", facilitator: str = "",
               roles: Iterable[str] = (), settings: WorkshopSettings | None = None) -> int:
        """Create a workshop with its roles and a first "Baseline" wave, in one transaction."""
        title = clean_name(title, "title")
        if repository.find_workshop_id(self.db, name_key(title)) is not None:
            raise ValidationError(
                "title", f"A workshop called “{title}” already exists. Choose another title."
            )
        settings = settings or WorkshopSettings()
        settings.validate()
        details = {"team": clean_detail(team, "team"),
                   "process": clean_detail(process, "focal process"),
                   "facilitator": clean_detail(facilitator, "facilitator")}
        role_names = _unique_role_names(roles)
        created: list[int] = []

        def write(db: Any) -> None:
            now = self.clock().isoformat(timespec="seconds")
            created.extend(insert_rows(db, "workshops", [{
                "title": title, "title_key": name_key(title), "team": details["team"],
                "process": details["process"], "facilitator": details["facilitator"],
                "created_at": now, "opened_at": None,
                "weak_below": settings.weak_below, "strong_above": settings.strong_above,
                "anonymity_k": settings.anonymity_k, "paper_size": settings.paper_size.value,
            }]))
            insert_rows(db, "roles", [
                {"workshop_id": created[0], "name": n, "name_key": name_key(n), "position": i}
                for i, n in enumerate(role_names)
            ])
            insert_rows(db, "waves", [{"workshop_id": created[0], "name": "Baseline",
                                       "name_key": "baseline", "position": 0}])

        run_in_transaction(self.db, self.library.read_only, "create the workshop", write)
        return created[0]

    def duplicate(self, workshop_id: int) -> int:
        """Copy a workshop with everything in it under a free "… (copy)" title."""
        source = rows_matching(self.db, "workshops", id=workshop_id)
        if not source:
            raise NotFoundError("That workshop is no longer in the library.")
        title = self.unique_title(f"{source[0]['title']} (copy)")
        new_ids: list[int] = []

        def write(db: Any) -> None:
            row = {k: v for k, v in source[0].items() if k != "id"}
            row.update(title=title, title_key=name_key(title), opened_at=None,
                       created_at=self.clock().isoformat(timespec="seconds"))
            new_ids.extend(insert_rows(db, "workshops", [row]))
            copy_workshop_rows(db, workshop_id, new_ids[0])

        run_in_transaction(self.db, self.library.read_only, "duplicate the workshop", write)
        return new_ids[0]

    def delete(self, workshop_id: int) -> None:
        """Delete a workshop and everything in it (the UI confirms first; not undoable)."""
        if repository.get_workshop(self.db, workshop_id) is None:
            raise NotFoundError("That workshop is no longer in the library.")
        run_in_transaction(
            self.db, self.library.read_only, "delete the workshop",
            lambda db: repository.delete_workshop(db, workshop_id),
        )
        # secure_delete zeroes the freed pages in the database; the checkpoint also
        # empties the write-ahead log, so the deleted workshop leaves no trace in the
        # live files (backups keep it until they rotate: docs/your-data.md).
        self.library.checkpoint()

    def open(self, workshop_id: int, *, note: bool = True) -> WorkshopService:
        """A service for one workshop; records when it was last opened (see `note_opened`),
        unless `note` is False: the window notes it just after the workshop's first frame."""
        service = WorkshopService(self.library, workshop_id, self.clock)
        if note:
            self.note_opened(workshop_id)
        return service

    def note_opened(self, workshop_id: int) -> str:
        """Record that the workshop was opened now (when writable); the problem, or "".

        A committed write, so it waits for the disk (the write-ahead log and its folder are
        synced): the window does it after the workshop's first frame, not before."""
        if self.library.read_only:
            return ""
        stamp = self.clock().isoformat(timespec="seconds")
        self.write_problem = ""
        try:
            run_in_transaction(
                self.db, False, "note when the workshop was opened",
                lambda db: repository.mark_opened(db, workshop_id, stamp),
            )
        except StorageError as exc:  # a full disk: the workshop can still be read
            self.write_problem = (f"{exc} Edits cannot be saved until then; "
                                  "the workshop can still be read.")
        return self.write_problem

    def open_read_only(self, workshop_id: int) -> WorkshopService:
        """A service for reading one workshop without noting that it was opened."""
        return WorkshopService(self.library, workshop_id, self.clock)

    def today(self) -> date:
        return self.clock().date()


def _unique_role_names(names: Iterable[str]) -> list[str]:
    result: list[str] = []
    keys: set[str] = set()
    for raw in names:
        if not raw.strip():
            continue
        name = clean_name(raw, "role name")
        if name_key(name) in keys:
            raise ValidationError("roles", f"The role “{name}” is listed twice.")
        keys.add(name_key(name))
        result.append(name)
    return result
