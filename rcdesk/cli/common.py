"""What the dispatcher and every command share: the exit codes, the usage error, one line.

Imported at start-up (by the dispatcher), so it imports nothing beyond the standard library.
"""

from __future__ import annotations

EXIT_OK, EXIT_BUG, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad command-line arguments."""


def one_line(text: str) -> str:
    """`text` with its runs of white space (line ends included) as single spaces."""
    return " ".join(text.split())
