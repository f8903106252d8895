"""The `rcdesk` command's arguments: the options, each command and its arguments.

Imported at start-up (the app too is opened through here), so it imports no command: the
commands' modules are named in rcdesk/cli/registry.py and imported when they run.
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from rcdesk import __version__
from rcdesk.cli.common import UsageError


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
