"""Structures: assessed per wave, owned, linked to what they touch; every edit undoable."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rcdesk.domain.errors import NotFoundError, ValidationError
from rcdesk.domain.interventions import STRUCTURAL_KEYS
from rcdesk.domain.structures import StructureStatus
from rcdesk.services.structures import StructuresService
from rcdesk.services.workshop import WorkshopService


@pytest.fixture
def structures(library_service) -> StructuresService:  # type: ignore[no-untyped-def]
    """A workshop of three roles, three ties and two waves, with no structure stored."""
    workshop: WorkshopService = library_service.open(library_service.create(
        "Ward 7", roles=["Nurses", "Physicians", "Pharmacists"]))
    nurses, doctors, pharmacy = (r.id for r in workshop.roles())
    for source, target in ((nurses, doctors), (doctors, nurses), (nurses, pharmacy)):
        workshop.map.add_tie(source, target)
    workshop.schedule.add_wave("Follow-up")
    return StructuresService(workshop)


def test_the_sample_has_a_structures_assessment(sample: WorkshopService) -> None:
    service = StructuresService(sample)
    baseline, _, follow_up = (w.id for w in sample.waves())  # "Kick-off ratings" between
    assert len(service.ratings(baseline)) == 10 and len(service.ratings(follow_up)) == 4
    spanner = next(s for s in service.structures() if s.key == "boundary_spanner")
    links = service.links(spanner.id)
    assert len(links.role_ids) == 1 and len(links.gap_ids) == 1


def huddles(service: StructuresService):  # type: ignore[no-untyped-def]
    return next(s for s in service.structures() if s.key == "huddles")


def test_a_workshop_lists_the_ten_structures_before_any_is_stored(structures) -> None:
    listed = structures.structures()
    assert [s.key for s in listed] == list(STRUCTURAL_KEYS)
    assert all(s.id == 0 and s.works_well for s in listed)
    assert structures.workshop.library.db.execute(
        "SELECT count(*) FROM structures").fetchone()[0] == 0


def test_rating_a_structure_stores_it_and_one_undo_removes_both(structures, snapshot) -> None:
    wave = structures.workshop.waves()[0].id
    before = snapshot()
    edit = structures.rate(huddles(structures), wave, 2, 4, evidence="Huddles start late.")
    stored = huddles(structures)
    assert stored.id > 0
    rating = structures.ratings(wave)[stored.id]
    assert (rating.current, rating.desired, rating.evidence) == (2, 4, "Huddles start late.")
    structures.workshop.undo(edit)
    assert snapshot() == before
    structures.workshop.redo(edit)
    assert structures.ratings(wave)[huddles(structures).id].desired == 4


def test_rating_again_changes_the_wave_and_keeps_the_evidence(structures) -> None:
    first, second = (w.id for w in structures.workshop.waves()[:2])
    structures.rate(huddles(structures), first, 2, 4, evidence="Late")
    edit = structures.rate(huddles(structures), first, 3, 4)
    assert edit is not None and edit.text == "Rate structure"
    rating = structures.ratings(first)[huddles(structures).id]
    assert (rating.current, rating.evidence) == (3, "Late")
    assert structures.rate(huddles(structures), first, 3, 4) is None  # nothing changed
    structures.rate(huddles(structures), second, 4, 4)  # a re-assessment at follow-up
    assert structures.ratings(second)[huddles(structures).id].current == 4
    structures.workshop.undo(edit)
    assert structures.ratings(first)[huddles(structures).id].current == 2


@pytest.mark.parametrize("value", [0, 6, 2.5, True])
def test_ratings_off_the_scale_are_refused(structures, value) -> None:
    wave = structures.workshop.waves()[0].id
    with pytest.raises(ValidationError) as refused:
        structures.rate(huddles(structures), wave, value, None)  # type: ignore[arg-type]
    assert refused.value.field == "current"


def test_evidence_alone_keeps_the_ratings(structures) -> None:
    wave = structures.workshop.waves()[0].id
    structures.rate(huddles(structures), wave, 2, 5)
    structures.set_evidence(huddles(structures), wave, "  Only nurses attend.  ")
    rating = structures.ratings(wave)[huddles(structures).id]
    assert (rating.current, rating.desired, rating.evidence) == (2, 5, "Only nurses attend.")
    with pytest.raises(ValidationError):
        structures.set_evidence(huddles(structures), wave, "x" * 2001)


def test_owner_and_status(structures, snapshot) -> None:
    role = structures.workshop.roles()[0]
    before = snapshot()
    edit = structures.update(replace(huddles(structures), owner_role_id=role.id,
                                     status=StructureStatus.PLANNED))
    assert huddles(structures).status is StructureStatus.PLANNED
    assert huddles(structures).owner_role_id == role.id
    structures.workshop.undo(edit)
    assert snapshot() == before
    with pytest.raises(ValidationError):
        structures.update(replace(huddles(structures), owner_role_id=999_999))


def test_links_to_roles_ties_and_gaps_are_set_and_undone(structures, snapshot) -> None:
    service = structures.workshop
    nurses, doctors = service.roles()[:2]
    tie = service.ties()[0]
    first = structures.set_links(huddles(structures), role_ids=[nurses.id], tie_ids=[tie.id])
    stored = huddles(structures)
    assert structures.links(stored.id).role_ids == {nurses.id}
    assert structures.links(stored.id).tie_ids == {tie.id}
    before = snapshot()
    second = structures.set_links(stored, role_ids=[doctors.id], tie_ids=[tie.id])
    assert structures.links(stored.id).role_ids == {doctors.id}
    assert structures.set_links(stored, role_ids=[doctors.id], tie_ids=[tie.id]) is None
    service.undo(second)
    assert snapshot() == before
    service.undo(first)
    assert structures.links(stored.id) == structures.links(0)
    with pytest.raises(ValidationError):
        structures.set_links(huddles(structures), tie_ids=[999_999])


def test_deleting_a_role_keeps_the_link_for_its_undo(structures) -> None:
    service = structures.workshop
    nurses = service.roles()[0]
    structures.set_links(huddles(structures), role_ids=[nurses.id])
    deletion = service.map.delete_role(nurses.id)
    assert structures.links(huddles(structures).id).role_ids == {nurses.id}  # read as gone
    service.undo(deletion)
    assert nurses.id in {r.id for r in service.roles()}


def test_deleting_a_wave_and_its_undo_keep_the_structure_ratings(structures, snapshot) -> None:
    service = structures.workshop
    service.schedule.add_wave("Spring")
    wave_id = max(w.id for w in service.waves())
    structures.rate(huddles(structures), wave_id, 1, 3)
    before = snapshot()
    deletion = service.schedule.delete_wave(wave_id)
    assert wave_id not in {r.wave_id for r in structures.ratings(wave_id).values()}
    service.undo(deletion)
    assert snapshot() == before


def test_the_teams_own_structure(structures, snapshot) -> None:
    before = snapshot()
    added = structures.add_structure("  Shared handover board ", "Everyone sees the board.")
    own = structures.structures()[-1]
    assert (own.key, own.name, own.works_well) == (None, "Shared handover board",
                                                   "Everyone sees the board.")
    renamed = structures.update(replace(own, name="Handover board"))
    assert structures.structures()[-1].name == "Handover board"
    deletion = structures.delete_structure(own.id)
    assert len(structures.structures()) == len(STRUCTURAL_KEYS)
    structures.workshop.undo(deletion)
    assert structures.structures()[-1].name == "Handover board"
    for edit in (renamed, added):
        assert edit is not None
        structures.workshop.undo(edit)
    assert snapshot() == before
    with pytest.raises(ValidationError):
        structures.add_structure("   ")
    with pytest.raises(NotFoundError):
        structures.delete_structure(999_999)


def test_a_structure_copied_with_its_workshop(structures, library_service) -> None:
    wave = structures.workshop.waves()[0].id
    nurses = structures.workshop.roles()[0]
    structures.rate(huddles(structures), wave, 2, 4)
    structures.set_links(huddles(structures), role_ids=[nurses.id])
    copy = StructuresService(library_service.open(
        library_service.duplicate(structures.workshop.workshop_id)))
    copied = huddles(copy)
    copy_wave = copy.workshop.waves()[0].id
    assert copy.ratings(copy_wave)[copied.id].desired == 4
    assert copy.links(copied.id).role_ids == {copy.workshop.roles()[0].id}


def test_a_structure_travels_in_the_workshop_file(structures, library, tmp_path) -> None:
    from rcdesk.services.library import LibraryService
    from rcdesk.services.workshop_file import export_workshop_file, import_workshop_file
    from rcdesk.store.connection import open_library

    wave = structures.workshop.waves()[0].id
    structures.rate(huddles(structures), wave, 2, 4, evidence="Huddles start late.")
    structures.add_structure("Handover board")
    path = tmp_path / "ward.rcdesk"
    export_workshop_file(library, structures.workshop.workshop_id, path)
    other = open_library(tmp_path / "other.sqlite", create=True)
    try:
        imported = import_workshop_file(other, path)
        copy = StructuresService(LibraryService(other).open(imported))
        rating = copy.ratings(copy.workshop.waves()[0].id)[huddles(copy).id]
        assert (rating.current, rating.desired, rating.evidence) == (2, 4, "Huddles start late.")
        assert copy.structures()[-1].name == "Handover board"
    finally:
        other.close()


def test_a_gap_made_for_a_structure_is_linked_and_one_undo_step(structures, snapshot) -> None:
    from rcdesk.services.gaps import GapsService

    wave = structures.workshop.waves()[0].id
    structures.rate(huddles(structures), wave, 2, 4, evidence="Huddles start late.")
    before = snapshot()
    edit = structures.make_gap(huddles(structures), wave)
    gap = max(GapsService(structures.workshop).gaps(), key=lambda g: g.id)
    assert (gap.title, gap.current_state, gap.interventions) == (
        "Shared meetings / huddles", "Huddles start late.", ("huddles",))
    assert gap.desired_state == huddles(structures).works_well
    assert structures.links(huddles(structures).id).gap_ids == {gap.id}
    assert edit is not None
    structures.workshop.undo(edit)
    assert snapshot() == before


def test_own_structures_have_unique_names_and_positions(structures) -> None:
    first = structures.add_structure("Handover board")
    structures.add_structure("Bed meeting")
    own = [s for s in structures.structures() if s.key is None]
    structures.delete_structure(own[0].id)
    structures.add_structure("Discharge lounge")
    positions = [s.position for s in structures.structures()]
    assert len(positions) == len(set(positions))
    with pytest.raises(ValidationError):
        structures.add_structure(" shared PROTOCOLS ")  # one of the ten already
    with pytest.raises(ValidationError):
        structures.add_structure("Bed meeting")
    assert first is not None
