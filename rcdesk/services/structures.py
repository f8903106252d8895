"""Structures that shape coordination: assess them per wave, own the change, link what
they touch (issue 19).

Every workshop lists the ten structures of the model, then any the team added. One of the
ten is stored only once the team first edits it (until then it is shown with id 0), so a
new workshop holds no rows it did not ask for; the first edit inserts the row together
with the change, in one transaction and one undo step. Like the gap service, each command
checks the rules, builds an Edit, performs it through the workshop service and returns it
for the undo stack.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.gaps import Gap, GapStatus, validate_gap
from rcdesk.domain.interventions import STRUCTURAL_KEYS, intervention
from rcdesk.domain.names import clean_name, name_key
from rcdesk.domain.structures import (
    EVIDENCE_MAX,
    NAME_MAX,
    OWNER_MAX,
    WORKS_WELL,
    WORKS_WELL_MAX,
    Structure,
    StructureLinks,
    StructureRating,
    check_scale,
)
from rcdesk.services.edits import (
    CompoundEdit,
    DeleteRows,
    Edit,
    InsertRows,
    RowGroup,
    RowUpdate,
    UpdateRows,
)
from rcdesk.services.records import non_empty, replace_set, update_edit
from rcdesk.services.workshop import WorkshopService
from rcdesk.store import cascades
from rcdesk.store import structures as store
from rcdesk.store.gaps import gap_row
from rcdesk.store.rows import next_id, rows_matching

GONE = "That structure is no longer in this workshop."
#: A link row's (role id, tie id, gap id): one of the three is set.
Link = tuple[int | None, int | None, int | None]
LABELS = {"name": "name", "works_well": "works-well line", "owner_role_id": "owner",
          "owner_name": "owner", "status": "status", "current": "rating now",
          "desired": "wanted rating", "evidence": "evidence"}


def _text(field: str, value: str, limit: int) -> str:
    cleaned = value.strip()
    if len(cleaned) > limit:
        raise ValidationError(field, f"Keep the {LABELS.get(field, field)} under {limit} "
                                     "characters.")
    return cleaned


class StructuresService:
    """The structures assessment of one open workshop."""

    def __init__(self, workshop: WorkshopService) -> None:
        self.workshop = workshop

    @property
    def _db(self) -> Any:
        return self.workshop.library.db

    # -- reading -----------------------------------------------------------------------------

    def structures(self) -> list[Structure]:
        """The ten structures of the model in their order (stored or not), then the team's."""
        stored = store.list_structures(self._db, self.workshop.workshop_id)
        by_key = {s.key: s for s in stored if s.key is not None}
        standard = [by_key.get(key) or Structure(
            id=0, workshop_id=self.workshop.workshop_id, key=key,
            name=intervention(key).name, works_well=WORKS_WELL[key], position=i)
            for i, key in enumerate(STRUCTURAL_KEYS)]
        return standard + [s for s in stored if s.key is None]

    def structure(self, structure_id: int) -> Structure:
        for found in store.list_structures(self._db, self.workshop.workshop_id):
            if found.id == structure_id:
                return found
        raise NotFoundError(GONE)

    def ratings(self, wave_id: int) -> dict[int, StructureRating]:
        """The wave's ratings by structure id."""
        return {r.structure_id: r
                for r in store.list_ratings(self._db, self.workshop.workshop_id)
                if r.wave_id == wave_id}

    def gap_titles(self) -> dict[int, str]:
        """The workshop's gaps by id, to name the gaps that carry out a structure."""
        return {row["id"]: row["title"] for row in rows_matching(
            self._db, "gaps", workshop_id=self.workshop.workshop_id)}

    def links(self, structure_id: int) -> StructureLinks:
        return store.links_from_rows(store.link_rows(self._db, structure_id))

    # -- the row behind a structure ------------------------------------------------------------

    def _stored(self, structure: Structure) -> tuple[Structure, tuple[RowGroup, ...]]:
        """The structure with its id, and the rows to insert first when it is not stored."""
        if structure.id:
            return self.structure(structure.id), ()
        if structure.key not in STRUCTURAL_KEYS:
            raise NotFoundError(GONE)
        for found in store.list_structures(self._db, self.workshop.workshop_id):
            if found.key == structure.key:
                return found, ()
        made = replace(structure, id=next_id(self._db, "structures"),
                       workshop_id=self.workshop.workshop_id)
        return made, (("structures", (store.structure_row(made),)),)

    def _perform(self, text: str, first: tuple[RowGroup, ...], edit: Edit | None
                 ) -> Edit | None:
        """Perform `edit`, preceded by inserting `first` (the structure's row) if any, as
        one transaction and one undo step; None when there is nothing to do."""
        parts = list(edit.parts if isinstance(edit, CompoundEdit) else [edit] if edit else [])
        if first:
            parts.insert(0, InsertRows(text, first))
        if not parts:
            return None
        return self.workshop.perform(parts[0] if len(parts) == 1 else
                                     CompoundEdit(text, tuple(parts)))

    # -- editing -----------------------------------------------------------------------------

    def rate(self, structure: Structure, wave_id: int, current: int | None,
             desired: int | None, evidence: str | None = None) -> Edit | None:
        """Set how a structure works now and where the team wants it, in a wave (blank =
        None); `evidence` replaces the wave's evidence note when given."""
        check_scale("current", current)
        check_scale("desired", desired)
        self.workshop.wave(wave_id)  # NotFoundError for a wave of another workshop
        stored, first = self._stored(structure)
        before = store.rating_rows(self._db, stored.id, wave_id)
        after: dict[str, Any] = {"current": current, "desired": desired}
        if evidence is not None:
            after["evidence"] = _text("evidence", evidence, EVIDENCE_MAX)
        if before:
            return self._perform("Rate structure", first, self._row_update(before[0], after))
        row = {"id": next_id(self._db, "structure_ratings"),
               "workshop_id": self.workshop.workshop_id, "structure_id": stored.id,
               "wave_id": wave_id, "current": current, "desired": desired,
               "evidence": after.get("evidence", "")}
        return self._perform("Rate structure", first,
                             InsertRows("Rate structure", (("structure_ratings", (row,)),)))

    def set_evidence(self, structure: Structure, wave_id: int, text: str) -> Edit | None:
        """The wave's evidence note, keeping its ratings."""
        stored, _ = self._stored(structure)
        rows = store.rating_rows(self._db, stored.id, wave_id)
        current, desired = (rows[0]["current"], rows[0]["desired"]) if rows else (None, None)
        return self.rate(structure, wave_id, current, desired, evidence=text)

    @staticmethod
    def _row_update(before: dict[str, Any], after: dict[str, Any]) -> UpdateRows | None:
        changed = {c: v for c, v in after.items() if before[c] != v}
        if not changed:
            return None
        return UpdateRows("Rate structure", (RowUpdate(
            "structure_ratings", int(before["id"]), {c: before[c] for c in changed},
            changed),))

    def update(self, structure: Structure) -> Edit | None:
        """Save its owner and status (and, for the team's own, its name and works-well line)."""
        stored, first = self._stored(structure)
        owner = structure.owner_role_id
        if owner is not None and owner not in {r.id for r in self.workshop.roles()}:
            raise ValidationError("owner", "Choose an owner among the roles of this workshop.")
        after = {"owner_role_id": owner,
                 "owner_name": _text("owner_name", structure.owner_name, OWNER_MAX),
                 "status": structure.status.value}
        if stored.key is None:
            after["name"] = clean_name(structure.name, "structure name")[:NAME_MAX]
            after["works_well"] = _text("works_well", structure.works_well, WORKS_WELL_MAX)
        if first:
            row = {**first[0][1][0], **after}
            return self.workshop.perform(InsertRows("Edit structure", (("structures", (row,)),)))
        before = rows_matching(self._db, "structures", id=stored.id)[0]
        return update_edit(self.workshop, "structures", before, {"id": stored.id, **after},
                           LABELS)

    def set_links(self, structure: Structure, role_ids: Iterable[int] = (),
                  tie_ids: Iterable[int] = (), gap_ids: Iterable[int] = ()) -> Edit | None:
        """Make the structure touch exactly these roles and ties, carried out by these gaps."""
        stored, first = self._stored(structure)
        rows = store.link_rows(self._db, stored.id)
        have = {(r["role_id"], r["tie_id"], r["gap_id"]): r for r in rows}
        wanted = self._checked_links(set(role_ids), set(tie_ids), set(gap_ids), set(have))
        edit = replace_set(self._db, "Link structure", "structure_links", have, wanted,
                           lambda i, key: {
                               "id": i, "workshop_id": self.workshop.workshop_id,
                               "structure_id": stored.id, "role_id": key[0], "tie_id": key[1],
                               "gap_id": key[2]})
        return self._perform("Link structure", first, edit)

    def _checked_links(self, roles: set[int], ties: set[int], gaps: set[int],
                       linked: set[Link]) -> set[Link]:
        """The wanted links; each must name a role, tie or gap of this workshop, or be kept
        from before (a link to a deleted row stays, read as gone, for that row's undo)."""
        known_roles = {r.id for r in self.workshop.roles()}
        known_ties = {t.id for t in self.workshop.ties()}
        known_gaps = {row["id"] for row in rows_matching(
            self._db, "gaps", workshop_id=self.workshop.workshop_id)}
        wanted: set[Link] = ({(r, None, None) for r in roles} | {(None, t, None) for t in ties}
                             | {(None, None, g) for g in gaps})
        for link in wanted - linked:
            role, tie, gap = link
            if not (role in known_roles or tie in known_ties or gap in known_gaps):
                what = "role" if role is not None else "tie" if tie is not None else "gap"
                raise ValidationError("links", f"That {what} is no longer in this workshop.")
        return wanted

    def make_gap(self, structure: Structure, wave_id: int | None = None) -> Edit | None:
        """A gap that carries out the structure's change, linked to it (one undo step): its
        current state is the wave's evidence, its desired state the works-well line."""
        stored, first = self._stored(structure)
        rows = store.rating_rows(self._db, stored.id, wave_id) if wave_id is not None else []
        gap = validate_gap(Gap(
            id=next_id(self._db, "gaps"), workshop_id=self.workshop.workshop_id,
            title=stored.name, current_state=rows[0]["evidence"] if rows else "",
            desired_state=stored.works_well, owner_role_id=stored.owner_role_id,
            owner_name=stored.owner_name, status=GapStatus.OPEN,
            interventions=(stored.key,) if stored.key else (), created=self.workshop.today()))
        link = {"id": next_id(self._db, "structure_links"),
                "workshop_id": self.workshop.workshop_id, "structure_id": stored.id,
                "role_id": None, "tie_id": None, "gap_id": gap.id}
        text = "Make a gap for a structure"
        return self._perform(text, first, InsertRows(text, (
            ("gaps", (gap_row(gap),)), ("structure_links", (link,)))))

    def add_structure(self, name: str, works_well: str = "") -> Edit:
        """A structure of the team's own, after the others."""
        cleaned = clean_name(name, "structure name")
        if len(cleaned) > NAME_MAX:
            raise ValidationError("name", f"Keep the name under {NAME_MAX} characters.")
        stored = store.list_structures(self._db, self.workshop.workshop_id)
        if any(name_key(s.name) == name_key(cleaned) for s in self.structures()):
            raise ValidationError("name", f"There is already a structure called “{cleaned}”.")
        position = max([len(STRUCTURAL_KEYS) - 1, *(s.position for s in stored)]) + 1
        made = Structure(id=next_id(self._db, "structures"),
                         workshop_id=self.workshop.workshop_id, key=None, name=cleaned,
                         works_well=_text("works_well", works_well, WORKS_WELL_MAX),
                         position=position)
        return self.workshop.perform(
            InsertRows("Add structure", (("structures", (store.structure_row(made),)),)))

    def delete_structure(self, structure_id: int) -> Edit:
        """Delete a structure with its ratings and links (one of the ten starts afresh)."""
        groups = cascades.structure_with_records(self._db, self.workshop.workshop_id,
                                                 structure_id)
        if not groups[0][1]:
            raise NotFoundError(GONE)
        return self.workshop.perform(DeleteRows("Delete structure", non_empty(*groups)))
