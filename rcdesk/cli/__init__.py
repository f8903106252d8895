"""The `rcdesk` command's dispatcher: opens the app, or runs a headless command without Qt.

Exit codes: 0 success; 2 bad input or a problem with the library file, with one
line on stderr; 1 only for a bug (details go to the log file, not the terminal).
The arguments are declared in `parser.py`; each command runs from its own module in
`commands/` (named in `registry.py`, imported only when it runs); what they share is
in `common.py` and `library.py`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rcdesk.cli.common import EXIT_BAD_INPUT, EXIT_BUG, EXIT_OK, UsageError, one_line
from rcdesk.cli.parser import build_parser
from rcdesk.cli.registry import handler
from rcdesk.domain.errors import DamagedLibraryError, DomainError
from rcdesk.paths import library_path, log_dir

__all__ = ["EXIT_BAD_INPUT", "EXIT_BUG", "EXIT_OK", "UsageError", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(args_list)
    except UsageError as exc:
        print(f"rcdesk: {exc} (see rcdesk --help)", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DamagedLibraryError as exc:
        print(f"rcdesk: {one_line(_with_restore_hint(exc, args_list))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DomainError as exc:
        print(f"rcdesk: {one_line(str(exc))}", file=sys.stderr)
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
            print(f"rcdesk: {one_line(storage)}", file=sys.stderr)
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
    return int(handler(args.command)(args, library_path(args.library)))


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
    from rcdesk.cli.library import restore_hint

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
