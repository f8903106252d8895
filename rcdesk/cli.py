"""The `rcdesk` command: opens the app, or runs a headless command without Qt.

Exit codes: 0 success; 2 bad input or a problem with the library file, with one
line on stderr; 1 only for a bug (details go to the log file, not the terminal).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from rcdesk import __version__
from rcdesk.domain.errors import DamagedLibraryError, DomainError
from rcdesk.paths import library_path, log_dir

EXIT_OK, EXIT_BUG, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad command-line arguments."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rcdesk", description="Facilitate Relational Model of Change "
                     "workshops. Without a command, opens the app.")
    parser.add_argument("--version", action="version", version=f"rcdesk {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation on a temporary sample library and exit")
    parser.add_argument("--library", metavar="PATH",
                        help="library file to use (default: RCDESK_LIBRARY or your data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser("demo", help="add the sample workshop and print its title")
    new = commands.add_parser("new", help="create a workshop")
    new.add_argument("title")
    new.add_argument("--team", default="")
    new.add_argument("--process", default="", help="the focal work process")
    new.add_argument("--facilitator", default="")
    new.add_argument("--roles", default="", help='comma-separated roles, e.g. "Nurses,Physicians"')
    commands.add_parser("list", help="list the workshops in the library")
    commands.add_parser("check", help="verify the library and print a one-line verdict")
    show = commands.add_parser("show", help="print a workshop's details, roles, waves, meetings")
    show.add_argument("workshop", help="the workshop's title (any case) or id")
    survey = commands.add_parser(
        "import", help="import RC survey results or pulse answers from a CSV file (told apart "
        "by the header), or a .rcdesk workshop file")
    survey.add_argument("csv", metavar="SURVEY.(csv|xlsx|ods)|PULSE.csv|IN.rcdesk")
    survey.add_argument("--workshop", help="title (any case) or id (required for a CSV)")
    survey.add_argument("--wave", help="put every row in this wave (created if missing)")
    survey.add_argument("--frequency-scale", choices=("monotonic", "sufficiency", "recoded"),
                        help="how the frequent item was asked (needed when its answers are "
                        "numbers): monotonic never…constantly; sufficiency answer positions "
                        "(recoded 1,3,5,4,2); recoded: that scale already scored")
    survey.add_argument("--mapping", metavar="MAP.json",
                        help="a saved survey mapping (docs/import-formats.md)")
    survey.add_argument("--sheet", help="a workbook's sheet (default: the first)")
    for flag, what in (("reversed", "the answers' scale runs the other way"),
                       ("new-roles", "the file's headers name new roles"),
                       ("similar-roles", "a new role looks like an existing one")):
        survey.add_argument(f"--confirm-{flag}", action="store_true",
                            help=f"import even though {what}")
    survey.add_argument("--scale", type=int, choices=(7, 5),
                        help="a pulse file's scale (default 7 points)")
    scores = commands.add_parser("scores", help="print a wave's RC scores")
    scores.add_argument("workshop", help="title (any case) or id")
    scores.add_argument("--wave", help="default: the latest wave")
    scores.add_argument("--format", choices=("table", "json", "csv"), default="table")
    scores.add_argument("--source", choices=("survey", "map"),
                        help="default: survey results when the wave has them, else the map")
    show_pulse = commands.add_parser(
        "show-pulse", help="show a wave's pulse results to the team: a recorded showing, "
        "refused until enough new answers came in (what scores and export then print)")
    show_pulse.add_argument("workshop", help="title (any case) or id")
    show_pulse.add_argument("--wave", help="default: the latest wave")
    export = commands.add_parser(
        "export", help="write the PDF summary, the map (PNG, SVG), data (GraphML, JSON, CSV) "
        "or the workshop file (.rcdesk)")
    export.add_argument("workshop", help="title (any case) or id")
    export.add_argument("out", metavar="OUT.(pdf|png|svg|graphml|json|csv|rcdesk)")
    export.add_argument("--wave", help="default: the latest wave")
    export.add_argument("--compare", metavar="WAVE", help="PDF: show the change since this wave")
    export.add_argument("--sections", metavar="A,B,…",
                        help="PDF: the sections to print, comma-separated (default: all)")
    export.add_argument("--table", choices=("ties", "gaps", "experiments", "structures", "aims"),
                        default="ties",
                        help="CSV: which table (default: ties); JSON: gaps writes the gap log "
                        "with each measure's chart analysis instead of the scores; structures "
                        "and aims (CSV or JSON) are the change model's tables")
    commands.add_parser("backups", help="list the library's backups, newest first")
    restore = commands.add_parser(
        "restore", help="replace the library with a backup (the current file is kept aside)")
    restore.add_argument("backup", metavar="BACKUP", help="a backup file (see rcdesk backups)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(args_list)
    except UsageError as exc:
        print(f"rcdesk: {exc} (see rcdesk --help)", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DamagedLibraryError as exc:
        print(f"rcdesk: {_one_line(_with_restore_hint(exc, args_list))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DomainError as exc:
        print(f"rcdesk: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (`rcdesk list | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        storage = _storage_failure(exc, args_list)
        if storage is not None:  # a full disk or a read-only folder mid-command: not a bug
            print(f"rcdesk: {_one_line(storage)}", file=sys.stderr)
            return EXIT_BAD_INPUT
        log = _log_bug()
        print(f"rcdesk: an unexpected error stopped the command; details are in {log}",
              file=sys.stderr)
        return EXIT_BUG


def _dispatch(args_list: list[str]) -> int:
    """The app's child task, the self-test, the GUI, or a command."""
    if args_list[:1] == ["--child"]:  # the app's own child process (rcdesk/child.py)
        from rcdesk.child import run_child

        return run_child(args_list[1:])
    args = build_parser().parse_args(args_list)
    if args.self_test:
        from rcdesk.selftest import run_self_test  # never opens the user's library

        return run_self_test()
    if args.command is None:
        from rcdesk.app import run_app  # Qt is imported only for the GUI

        return run_app(library_path(args.library))
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    from importlib import import_module

    module, name = COMMAND_HANDLERS[args.command]
    handler = getattr(import_module(module), name)
    return int(handler(args, library_path(args.library)))


#: Where each headless command lives; imported only when that command runs.
COMMAND_HANDLERS: dict[str, tuple[str, str]] = {
    "demo": ("rcdesk.cli_commands", "cmd_demo"),
    "new": ("rcdesk.cli_commands", "cmd_new"),
    "list": ("rcdesk.cli_commands", "cmd_list"),
    "check": ("rcdesk.cli_commands", "cmd_check"),
    "show": ("rcdesk.cli_commands", "cmd_show"),
    "import": ("rcdesk.cli_survey", "cmd_import"),
    "scores": ("rcdesk.cli_survey", "cmd_scores"),
    "export": ("rcdesk.cli_export", "cmd_export"),
    "show-pulse": ("rcdesk.cli_pulse", "cmd_show_pulse"),
    "backups": ("rcdesk.cli_backup", "cmd_backups"),
    "restore": ("rcdesk.cli_backup", "cmd_restore"),
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _library_of(args_list: list[str]) -> Path:
    """The library the command was run on (read again: the failure may predate `args`)."""
    option = None
    for i, arg in enumerate(args_list):
        if arg == "--library" and i + 1 < len(args_list):
            option = args_list[i + 1]
        elif arg.startswith("--library="):
            option = arg.split("=", 1)[1]
    return library_path(option)


def _with_restore_hint(exc: DamagedLibraryError, args_list: list[str]) -> str:
    """A damaged library's message names the newest good backup and how to restore it."""
    from rcdesk.cli_backup import restore_hint

    text = str(exc)
    try:
        hint = restore_hint(_library_of(args_list))
    except (OSError, DomainError):
        return text
    return text if hint in text else f"{text} {hint}"


def _storage_failure(exc: Exception, args_list: list[str]) -> str | None:
    """The plain words for a storage failure (disk full, read-only), or None for a bug."""
    import sqlite3

    if not isinstance(exc, (sqlite3.Error, OSError)):
        return None
    from rcdesk.store.failures import is_storage_failure, storage_error

    if not is_storage_failure(exc):
        return None
    return str(storage_error(_library_of(args_list), "finish the command", exc))


def _log_bug() -> Path:
    """Log the current exception (frames and type only: no workshop content)."""
    from rcdesk.errorlog import write_error_log

    kind, value, tb = sys.exc_info()
    assert kind is not None and value is not None
    path = write_error_log(log_dir(), kind, value, tb)
    return path if path is not None else Path("(log unavailable)")
