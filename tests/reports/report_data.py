"""A surveyed workshop for report and export tests: Unicode, RTL and emoji names, a
suppressed tie with a tell-tale score, two waves, meetings with very long notes."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from rcdesk.domain.model import MeetingKind
from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.library import LibraryService
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.store.connection import Library, open_library

TITLE = "Station 4 — Notaufnahme"
FACILITATOR = "Ørjan Łukasz"
ROLES = ("Médecins", "Pflegefachkräfte", "Фельдшеры", "ممرضات", "-Porters")
RTL = "ممرضات"
EMOJI = "🎉"
LONG_WORD = "x" * 400  # no space to wrap at
END_OF_NOTES = "Ende-der-Notizen"
GAP_TITLE = "Übergabe ohne Rückfragen"
END_OF_GAP = "Ende-der-Lücke"
#: The suppressed tie (Фельдшеры → Médecins, two respondents) would score 10/7 = 1.43.
SUPPRESSED_SCORE = "1.43"
CLOCK = datetime(2026, 4, 2, 10, 0)

_R1, _R2, _R3 = (4, 4, 5, 3, 4, 4, 5), (3, 2, 3, 3, 2, 3, 4), (5, 5, None, 4, 5, None, 5)
#: wave → (rater, rated) → one tuple of seven values per respondent
SURVEY: dict[str, dict[tuple[str, str], list[tuple[int | None, ...]]]] = {
    "Baseline": {
        ("Médecins", "Pflegefachkräfte"): [(3,) * 7, (3,) * 7, (4,) * 7],
        ("Pflegefachkräfte", "Médecins"): [(4,) * 7] * 3,
        ("Фельдшеры", "Médecins"): [(3,) * 7] * 3,
        ("ممرضات", "Фельдшеры"): [(3,) * 7] * 4,
        ("-Porters", "Médecins"): [(4,) * 7] * 3,
    },
    "Follow-up": {
        ("Médecins", "Pflegefachkräfte"): [_R1, _R2, _R3],  # 3.9333…: moderate
        ("Pflegefachkräfte", "Médecins"): [(5,) * 7] * 3,
        ("Фельдшеры", "Médecins"): [(1, 2, 1, 2, 1, 2, 1)] * 2,  # suppressed (k = 3)
        ("ممرضات", "Фельдшеры"): [(3,) * 7] * 4,
        ("-Porters", "Médecins"): [(4,) * 7] * 3,
    },
}


def write_survey_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent", "role", "target", "frequent", "timely", "accurate",
                         "problem_solving", "shared_goals", "shared_knowledge",
                         "mutual_respect", "wave"])
        for wave, ties in SURVEY.items():
            for (rater, rated), answers in ties.items():
                for number, values in enumerate(answers):
                    writer.writerow([f"{wave[0]}-{ROLES.index(rater)}-{number}", rater, rated,
                                     *("" if v is None else v for v in values), wave])
    return path


def add_long_gap(library: Library, workshop_id: int) -> None:
    """A gap whose texts are as long as allowed (one unbroken word), with a PDSA cycle."""
    from dataclasses import replace

    from rcdesk.services.experiments import ExperimentsService
    from rcdesk.services.gaps import GapsService
    from rcdesk.services.workshop import WorkshopService

    gaps = GapsService(WorkshopService(library, workshop_id, clock=lambda: CLOCK))
    long_text = (f"{LONG_WORD} " + "Die Übergabe dauert zu lange. " * 200)[:3980]
    gaps.create_gap(replace(gaps.draft(GAP_TITLE), current_state=long_text,
                            desired_state=f"{long_text[:3900]} {END_OF_GAP}",
                            owner_name=FACILITATOR, due=date(2026, 4, 1)))
    gap_id = gaps.gaps()[0].id
    ExperimentsService(gaps).add_experiment(gap_id, f"Übergabe mit Checkliste {EMOJI}",
                                            due=date(2026, 4, 10))


def build_surveyed(library: Library, folder: Path, *, long_notes: bool = False) -> int:
    """The workshop above in `library`; returns its id."""
    service = LibraryService(library, clock=lambda: CLOCK)
    workshop_id = service.create(TITLE, team="Équipe d'urgence", facilitator=FACILITATOR,
                                 process="Übergabe vom Rettungsdienst an die Notaufnahme",
                                 roles=ROLES)
    library.db.execute("DELETE FROM waves WHERE workshop_id = ?", [workshop_id])
    preview = preview_survey(library, workshop_id, write_survey_csv(folder / "survey.csv"),
                             frequency_scale=FrequencyScale.MONOTONIC)
    assert preview.ok, preview.problems
    commit_survey(library, preview)
    with library.db.atomic():
        library.db.execute("UPDATE waves SET date = ? WHERE name = 'Baseline'", ["2026-01-10"])
        library.db.execute("UPDATE waves SET date = ? WHERE name = 'Follow-up'", ["2026-03-20"])
    workshop = service.open_read_only(workshop_id)
    workshop.schedule.add_meeting(MeetingKind.KICKOFF, date(2026, 1, 12), f"Kick-off {EMOJI}")
    workshop.schedule.add_meeting(MeetingKind.HUDDLE, date(2026, 4, 20), f"Huddle {RTL}")
    if long_notes:
        notes = " ".join(["Lange Notiz über die Übergabe."] * 1500 + [LONG_WORD, END_OF_NOTES])
        with library.db.atomic():
            library.db.execute("UPDATE meetings SET notes = ? WHERE workshop_id = ?",
                               [notes, workshop_id])
    return workshop_id


def surveyed_library(folder: Path, **options: bool) -> Path:
    path = folder / "library.sqlite"
    library = open_library(path, create=True)
    try:
        build_surveyed(library, folder, **options)
    finally:
        library.close()
    return path
