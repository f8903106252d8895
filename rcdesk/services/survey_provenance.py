"""What an import tells and records about itself: the frequency scale and the direction
of the answers (told from the file, chosen, or still to be confirmed), the role checks,
and the provenance record kept per wave (file, size, SHA-256, date, layout, mapping,
scale and recode, rows, respondents, ties)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.room_ratings import IN_THE_ROOM
from rcdesk.services.survey_answers import AnswerReader, direction_sentence
from rcdesk.services.survey_checks import (
    FREQUENCY,
    NEW_ROLES,
    REVERSED,
    SIMILAR_ROLES,
    Pending,
    frequency_evidence,
    frequency_question,
    similar_roles,
)
from rcdesk.services.survey_layouts import Layout
from rcdesk.services.survey_mapping import SurveyMapping
from rcdesk.store import survey as survey_store

if TYPE_CHECKING:
    from sqlite_utils import Database

    from rcdesk.services.survey_import import SurveyPreview
    from rcdesk.services.survey_table import WaveCounts
    from rcdesk.store.connection import Library


class Told(NamedTuple):
    scale: FrequencyScale | None
    recode: bool
    reversed: bool
    direction: str
    pending: list[Pending]
    problem: str


def judge(readers: Sequence[AnswerReader], chosen: FrequencyScale | None,
          mapping: SurveyMapping) -> Told:
    """The scale and direction, from what the answers showed and the user chose."""
    frequency = readers[0]
    evidence = frequency_evidence(frequency.families)
    pending: list[Pending] = []
    problem = ""
    scale = chosen
    if chosen is not None and evidence is not None and (
            (evidence is FrequencyScale.SUFFICIENCY) != (chosen is FrequencyScale.SUFFICIENCY)):
        problem = (f"the frequency answers are written as {evidence.words.split(',')[0]}, "
                   f"which is the {evidence.value} scale, but the {chosen.value} scale was "
                   f"chosen; choose {evidence.value}.")
    elif scale is None:
        scale = evidence
        answered = any(v is not None for v in frequency.cache.values())
        if scale is None and answered:
            pending.append(Pending(FREQUENCY, frequency_question()))
    against = sum(r.against for r in readers)
    reversed_ = against > 0 or mapping.reverse or any(r.user_labels_reversed()
                                                      for r in readers)
    if reversed_:
        why = ("the mapping turns the codes round (“reverse”)" if mapping.reverse else
               "the file's answer labels run the other way (1 = the strongest answer, e.g. "
               "Always)")
        pending.append(Pending(REVERSED, f"Check the scale direction: {why}. rcdesk will "
                               "score 5 = the strongest answer, e.g. Always. Confirm that "
                               "this is right before importing."))
    return Told(scale, scale is FrequencyScale.SUFFICIENCY, reversed_,
                direction_sentence(reversed_), pending, problem)


def role_checks(new_roles: Sequence[str], existing: Sequence[str],
                layout: Layout) -> tuple[dict[str, str], list[Pending]]:
    similar = similar_roles(new_roles, [*existing])
    pending = []
    if similar:
        listed = "; ".join(f"“{new}” looks like the existing role “{old}”"
                           for new, old in similar.items())
        pending.append(Pending(SIMILAR_ROLES, f"{listed}. If it is the same role, correct "
                               "the file (or its encoding); confirm only if it is a "
                               "different role."))
    if layout.kind == "wide" and new_roles:
        pending.append(Pending(NEW_ROLES, "The file names roles this workshop does not have "
                               f"yet: {', '.join(new_roles)}. Confirm they are new roles to "
                               "add, or correct the headers."))
    return similar, pending


def scale_conflicts(db: Database, waves: Mapping[str, int],
                    scale: FrequencyScale | None) -> list[str]:
    """A wave whose answers were imported on another frequency scale refuses this one."""
    messages = []
    for name, wave_id in waves.items():
        records = survey_store.import_records(db, wave_id)
        earlier = records[-1].get("frequency_scale") if records else None
        if earlier and scale is not None and earlier != scale.value:
            messages.append(
                f"wave “{name}” holds answers imported from {records[-1].get('file', '?')} "
                f"on the {earlier} frequency scale, and this import uses the {scale.value} "
                "scale; the waves' numbers would not be comparable. Import on the "
                f"{earlier} scale, or delete the wave's survey results first.")
    return messages


def import_record(preview: SurveyPreview, counts: WaveCounts) -> tuple[str, dict[str, Any]]:
    """(date, record) of one wave's import, stored beside its answers."""
    scale = preview.frequency_scale
    record: dict[str, Any] = {
        "file": preview.path.name, "size": preview.size, "sha256": preview.sha256,
        "encoding": preview.encoding, "sheet": preview.sheet or None,
        "layout": preview.layout, "header_rows": preview.header_rows,
        "mapping": preview.saved_mapping().to_json(),
        "frequency_scale": scale.value if scale else None,
        "recode": ("sufficiency positions recoded 1, 3, 5, 4, 2"
                   if scale is FrequencyScale.SUFFICIENCY else "none"),
        "direction": preview.direction, "reversed": preview.reversed,
        "confirmed": sorted(preview.confirmed),
        "rows": counts.respondents if preview.layout == "wide" else counts.answers,
        "answers": counts.answers,
        "respondents": counts.respondents,
        "ties": counts.ties,
    }
    return datetime.now().astimezone().isoformat(timespec="seconds"), record


def describe_import(record: Mapping[str, Any]) -> str:
    """One line about where a wave's answers came from, for the Scores tab."""
    when = str(record.get("imported_at", ""))[:16].replace("T", " ")
    if record.get("source") == IN_THE_ROOM:  # services/room_ratings.py (issue 20)
        return (f"Rated in the room on the passed laptop ({record.get('form', 'short')} "
                f"form), from {when}.")
    scale = record.get("frequency_scale")
    parts = [f"From {record.get('file', '?')} ({record.get('layout', '?')} layout), "
             f"imported {when}: {record.get('respondents', '?')} respondents, "
             f"{record.get('ties', '?')} ties",
             f"frequency scale {scale}" if scale else "frequency not asked",
             "direction turned round (confirmed)" if record.get("reversed") else "",
             f"SHA-256 {str(record.get('sha256', ''))[:12]}…"]
    return "; ".join(p for p in parts if p)


def wave_imports(library: Library, wave_id: int | None) -> list[dict[str, object]]:
    """The provenance records of a wave's survey imports, oldest first (none for None)."""
    return survey_store.import_records(library.db, wave_id) if wave_id is not None else []
