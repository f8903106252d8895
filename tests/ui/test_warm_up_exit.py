"""Quitting right after a workshop opened must not tear the interpreter down under the
matplotlib warm-up thread (ui/warm_up.py): CI once saw the start-up probe die with SIGSEGV
at exit while the thread was still importing. The process waits for the import instead."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import atexit
from rcdesk.ui import warm_up
warm_up.start()
# atexit handlers run once the interpreter has waited for its non-daemon threads and just
# before it tears down: the warm-up must be over by then
atexit.register(lambda: print("still importing at exit:", warm_up._worker.is_alive()))
"""


def test_the_process_waits_for_the_warm_up_before_it_tears_down() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "still importing at exit: False"
