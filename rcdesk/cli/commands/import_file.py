"""`rcdesk import FILE`: RC survey results (CSV, .xlsx, .ods), pulse answers (a CSV told
apart by its header, services/pulse_import.looks_like_pulse) or a `.rcdesk` workshop file.
Never imports Qt.

Every import checks the whole file first and writes nothing when it has a problem (the
problems on stderr, exit 2); otherwise it commits through services/importing (the
before-import backup, then one transaction), under the library's lock.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rcdesk.cli.common import EXIT_BAD_INPUT, EXIT_OK, UsageError
from rcdesk.cli.library import writing
from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.importing import CheckedPreview, import_workshop
from rcdesk.services.library import LibraryService
from rcdesk.services.pulse_import import commit_pulse, looks_like_pulse, preview_pulse
from rcdesk.services.survey_import import commit_survey, preview_survey
from rcdesk.services.survey_mapping import load_mapping
from rcdesk.services.workshop_file import read_workshop_file
from rcdesk.store.connection import Library, open_library
from rcdesk.store.repository import get_workshop

MAX_PROBLEM_LINES = 20
P = TypeVar("P", bound=CheckedPreview)
R = TypeVar("R")


def run(args: argparse.Namespace, path: Path) -> int:
    if Path(args.csv).suffix.lower() == ".rcdesk":
        return _import_workshop(args, path)
    if args.workshop is None:
        raise UsageError("the following arguments are required: --workshop")
    if looks_like_pulse(Path(args.csv)):
        with writing(path):
            return _import_pulse(args, path)
    if getattr(args, "scale", None) is not None:
        raise UsageError("--scale is for pulse files (columns respondent, ps1 … ps7); this "
                         "file's header is not a pulse header")
    with writing(path):
        return _import_survey(args, path)


def checked_import(path: Path, args: argparse.Namespace,
                   preview_file: Callable[[Library, int, Path], P],
                   commit: Callable[[Library, P], R]) -> tuple[P, R, str] | None:
    """Check the whole file; only when it has no problem, commit it (services/importing:
    the before-import backup, then one transaction). (preview, result, workshop title),
    or None with the problems on stderr. Survey and pulse imports both come through here."""
    csv_path = Path(args.csv)
    library = open_library(path, create=False)
    try:
        service = LibraryService(library)
        workshop_id = service.find(args.workshop)
        preview = preview_file(library, workshop_id, csv_path)
        if not preview.ok:
            for line in problem_lines(csv_path.name, preview):
                print(line, file=sys.stderr)
            return None
        result = commit(library, preview)  # the before-import backup, then one transaction
        title = service.open_read_only(workshop_id).workshop().title
    finally:
        library.close()
    return preview, result, title


def _confirmed(args: argparse.Namespace) -> set[str]:
    return {key for key, flag in (("reversed", "confirm_reversed"),
                                  ("new_roles", "confirm_new_roles"),
                                  ("similar_roles", "confirm_similar_roles"))
            if getattr(args, flag, False)}


def _import_survey(args: argparse.Namespace, path: Path) -> int:
    csv_path = Path(args.csv)
    mapping = load_mapping(args.mapping) if getattr(args, "mapping", None) else None
    scale = getattr(args, "frequency_scale", None)
    done = checked_import(path, args, lambda library, workshop_id, csv: preview_survey(
        library, workshop_id, csv, wave=args.wave, mapping=mapping,
        frequency_scale=FrequencyScale(scale) if scale else None,
        confirm=_confirmed(args), sheet=getattr(args, "sheet", None)), commit_survey)
    if done is None:
        return EXIT_BAD_INPUT
    preview, result, title = done
    waves = ", ".join(f"“{w}”" for w in preview.waves)
    print(f"Imported {result.rows} rows from {result.respondents} respondents in "
          f"{csv_path.name} into “{title}” (wave {waves}).")
    how = f"{preview.layout} layout" + (f", {preview.header_rows} header rows"
                                        if preview.header_rows > 1 else "")
    print(f"Read as {how}; scale: {preview.direction}")
    if preview.frequency_scale is not None:
        print(f"Frequency answers: {preview.frequency_scale.words}.")
    if result.added_roles:
        print(f"Added {len(result.added_roles)} new role"
              f"{'s' if len(result.added_roles) != 1 else ''}: {', '.join(result.added_roles)}.")
    if result.added_waves:
        print(f"Added the wave {', '.join(f'“{w}”' for w in result.added_waves)}.")
    if result.replaced:
        print(f"Replaced {result.replaced} survey responses that were already in the wave.")
    return EXIT_OK


def _import_pulse(args: argparse.Namespace, path: Path) -> int:
    """Pulse answers: the survey import's messages, exit codes and all-or-nothing rule."""
    csv_path = Path(args.csv)
    done = checked_import(path, args, lambda library, workshop_id, csv: preview_pulse(
        library, workshop_id, csv, wave=args.wave, scale_max=args.scale),
        commit_pulse)
    if done is None:
        return EXIT_BAD_INPUT
    preview, result, title = done
    plural = "s" if result.rows != 1 else ""
    lines = [f"Imported the pulse answers of {result.rows} respondent{plural} in "
             f"{csv_path.name} into “{title}” (wave “{result.wave}”, "
             f"{preview.scale_max}-point scale)."]
    if result.added_wave:
        lines.append(f"Added the wave “{result.wave}”.")
    if result.replaced:
        lines.append("Replaced the pulse that was already in the wave.")
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _import_workshop(args: argparse.Namespace, path: Path) -> int:
    """`rcdesk import IN.rcdesk`: add the file's workshop (checked first, then one write)."""
    source = Path(args.csv)
    read_workshop_file(source)  # a damaged or newer file is refused before the library opens
    with writing(path):
        library = open_library(path, create=True)  # a co-facilitator's first step: a new library
        try:
            workshop_id = import_workshop(library, source)
            found = get_workshop(library.db, workshop_id)
        finally:
            library.close()
    print(f"Imported the workshop “{found.title if found else workshop_id}” from "
          f"{source.name}.")
    return 0


def problem_lines(file_name: str, preview: CheckedPreview) -> list[str]:
    """At most MAX_PROBLEM_LINES lines: the problems, any overflow, and what happened; for
    a survey file with no problem but something to confirm, what and with which flag."""
    pending = getattr(preview, "pending", ())
    if preview.problem_count == 0 and pending:
        lines = [f"rcdesk: {file_name}: {p.message} "
                 + (f"(choose with {p.flag}.)" if p.key == "frequency_scale"
                    else f"({p.flag} confirms.)") for p in pending]
        return [*lines, "rcdesk: nothing was imported; run the import again with the flag."]
    room = MAX_PROBLEM_LINES - 1
    shown = list(preview.problems[:room])
    if preview.problem_count > room:
        shown = shown[:room - 1]
    lines = [f"rcdesk: {file_name}{', ' if p.row or p.column else ': '}{p.describe()}"
             for p in shown]
    if preview.problem_count > len(shown):
        lines.append(f"rcdesk: … and {preview.problem_count - len(shown)} more problems.")
    lines.append("rcdesk: nothing was imported; fix the file and run the import again.")
    return lines
