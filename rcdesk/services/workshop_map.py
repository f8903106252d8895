"""The map's edits of one workshop: its roles, their places and pins, ties and ratings.

Each command checks the rules, builds an Edit and applies it through the workshop's
`WorkshopService.perform` (one transaction, heard by its listeners), returning it for
the undo stack. The window reaches it as `model.session.map`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rcdesk.domain.dimensions import RATING_KEYS
from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.limits import check_coordinate, check_headcount, is_hex_colour
from rcdesk.domain.names import clean_name, name_key
from rcdesk.services.edits import DeleteRows, Edit, InsertRows, RowUpdate, UpdateRows
from rcdesk.services.records import non_empty
from rcdesk.store import cascades
from rcdesk.store.rows import next_id, workshop_row

if TYPE_CHECKING:
    from sqlite_utils import Database

    from rcdesk.services.workshop import WorkshopService


class MapService:
    """Roles, ties and ratings of one workshop (the map's aggregate)."""

    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop

    @property
    def _db(self) -> Database:
        return self.workshop.library.db

    # -- roles -------------------------------------------------------------------------------

    def _check_role_name(self, name: str, except_id: int | None = None) -> str:
        cleaned = clean_name(name, "role name")
        key = name_key(cleaned)
        for role in self.workshop.roles():
            if role.id != except_id and name_key(role.name) == key:
                raise ValidationError(
                    "role name", f"There is already a role called “{role.name}” in this workshop."
                )
        return cleaned

    def add_role(self, name: str, headcount: int | None = None, colour: str | None = None,
                 at: tuple[float, float] | None = None) -> Edit:
        """Add a role at the end of the order (and, from the map, at a place on it)."""
        cleaned = self._check_role_name(name)
        check_headcount(headcount)
        if colour is not None and not is_hex_colour(colour):
            raise ValidationError("colour", "A colour must look like #1F77B4.")
        roles = self.workshop.roles()
        row = {
            "id": next_id(self._db, "roles"),
            "workshop_id": self.workshop.workshop_id,
            "name": cleaned,
            "name_key": name_key(cleaned),
            "position": (max((r.position for r in roles), default=-1) + 1),
            "headcount": headcount,
            "colour": colour,
            "x": check_coordinate(at[0], "x") if at else None,
            "y": check_coordinate(at[1], "y") if at else None,
        }
        return self.workshop.perform(InsertRows("Add role", (("roles", (row,)),)))

    def free_role_name(self, base: str = "New role") -> str:
        """`base`, or `base 2`, `base 3`… whichever no role of this workshop uses."""
        keys = {name_key(r.name) for r in self.workshop.roles()}
        candidate, number = base, 2
        while name_key(candidate) in keys:
            candidate = f"{base} {number}"
            number += 1
        return candidate

    def rename_role(self, role_id: int, name: str) -> Edit | None:
        cleaned = self._check_role_name(name, except_id=role_id)
        after = {"name": cleaned, "name_key": name_key(cleaned)}
        return self.workshop.update("Rename role", "roles", role_id, after)

    def set_role_headcount(self, role_id: int, headcount: int | None) -> Edit | None:
        check_headcount(headcount)
        return self.workshop.update("Change headcount", "roles", role_id,
                                    {"headcount": headcount})

    def set_role_colour(self, role_id: int, colour: str | None) -> Edit | None:
        if colour is not None and not is_hex_colour(colour):
            raise ValidationError("colour", "A colour must look like #1F77B4.")
        return self.workshop.update("Change role colour", "roles", role_id, {"colour": colour})

    def delete_role(self, role_id: int) -> Edit:
        """Delete a role with its ties, ratings and survey answers; undo restores them all."""
        groups = cascades.role_with_ties(self._db, self.workshop.workshop_id, role_id)
        if not groups[0][1]:
            raise NotFoundError("That role is no longer in this workshop.")
        return self.workshop.perform(DeleteRows("Delete role", non_empty(*groups)))

    def move_role(self, role_id: int, new_index: int) -> Edit | None:
        """Move a role to a new place in the workshop's order of roles."""
        roles = self.workshop.roles()
        ids = [r.id for r in roles]
        if role_id not in ids:
            raise NotFoundError("That role is no longer in this workshop.")
        new_index = max(0, min(new_index, len(ids) - 1))
        ids.remove(role_id)
        ids.insert(new_index, role_id)
        updates = tuple(
            RowUpdate("roles", r.id, {"position": r.position}, {"position": ids.index(r.id)})
            for r in roles
            if r.position != ids.index(r.id)
        )
        if not updates:
            return None
        return self.workshop.perform(UpdateRows("Reorder roles", updates))

    # -- the map: positions, pins, ties and ratings ------------------------------------------

    def set_role_positions(self, positions: dict[int, tuple[float, float]],
                           text: str = "Move role", merge_key: str | None = None) -> Edit | None:
        """Place roles on the map (one drag or one layout = one edit)."""
        roles = {r.id: r for r in self.workshop.roles()}
        updates = []
        for role_id, (x, y) in positions.items():
            role = roles.get(role_id)
            if role is None:
                raise NotFoundError("That role is no longer in this workshop.")
            x, y = check_coordinate(x, "x"), check_coordinate(y, "y")
            if (role.x, role.y) != (x, y):
                updates.append(RowUpdate("roles", role_id, {"x": role.x, "y": role.y},
                                         {"x": x, "y": y}))
        if not updates:
            return None
        return self.workshop.perform(UpdateRows(text, tuple(updates), merge_key))

    def set_pinned(self, role_ids: list[int], pinned: bool) -> Edit | None:
        roles = {r.id: r for r in self.workshop.roles()}
        updates = tuple(
            RowUpdate("roles", rid, {"pinned": int(roles[rid].pinned)}, {"pinned": int(pinned)})
            for rid in role_ids if rid in roles and roles[rid].pinned != pinned
        )
        if not updates:
            return None
        text = "Pin position" if pinned else "Unpin position"
        return self.workshop.perform(UpdateRows(text, updates))

    def add_tie(self, source_id: int, target_id: int) -> Edit:
        """A directed tie source → target (a role may have a tie to itself)."""
        role_ids = {r.id for r in self.workshop.roles()}
        if source_id not in role_ids or target_id not in role_ids:
            raise NotFoundError("That role is no longer in this workshop.")
        if any((t.source_id, t.target_id) == (source_id, target_id) for t in self.workshop.ties()):
            raise ValidationError("tie", "These two roles already have a tie in this direction.")
        row = {"id": next_id(self._db, "ties"), "workshop_id": self.workshop.workshop_id,
               "source_id": source_id, "target_id": target_id}
        return self.workshop.perform(InsertRows("Add tie", (("ties", (row,)),)))

    def delete_ties(self, tie_ids: list[int]) -> Edit:
        """Delete ties with their ratings; undo restores them."""
        if not tie_ids:
            raise ValidationError("tie", "Select the ties to delete first.")
        groups = cascades.ties_with_ratings(self._db, self.workshop.workshop_id, tie_ids)
        ties = groups[0][1]
        if len(ties) != len(set(tie_ids)):
            raise NotFoundError("That tie is no longer in this workshop.")
        text = "Delete tie" if len(ties) == 1 else "Delete ties"
        return self.workshop.perform(DeleteRows(text, non_empty(*groups)))

    def set_rating(self, tie_id: int, wave_id: int, key: str, value: int | None) -> Edit | None:
        """Rate a tie on one dimension (or "overall") in a wave; None clears the rating."""
        if key not in RATING_KEYS:
            raise ValidationError("dimension", f"Unknown dimension {key!r}.")
        if value is not None and not (isinstance(value, int) and 1 <= value <= 5):
            raise ValidationError("rating", "A rating is a whole number from 1 to 5.")
        if workshop_row(self._db, "ties", tie_id, self.workshop.workshop_id) is None:
            raise NotFoundError("That tie is no longer in this workshop.")  # (one row read)
        self.workshop.wave(wave_id)
        existing = cascades.rating_rows(self._db, tie_id, wave_id, key)
        text = "Clear rating" if value is None else "Rate tie"
        if existing and value is None:
            return self.workshop.perform(DeleteRows(text, (("ratings", tuple(existing)),)))
        if existing:
            if existing[0]["value"] == value:
                return None
            return self.workshop.perform(UpdateRows(text, (RowUpdate(
                "ratings", existing[0]["id"], {"value": existing[0]["value"]},
                {"value": value}),)))
        if value is None:
            return None
        row = {"id": next_id(self._db, "ratings"), "tie_id": tie_id, "wave_id": wave_id,
               "dimension": key, "value": value}
        return self.workshop.perform(InsertRows(text, (("ratings", (row,)),)))
