"""Run a few lines in a fresh interpreter (for what a process loads): its printed output."""

from __future__ import annotations

import subprocess
import sys


def printed_by(script: str) -> str:
    """What `script` prints, stripped, run by this Python in a new process; it must
    succeed (its error output is the failure's message)."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
