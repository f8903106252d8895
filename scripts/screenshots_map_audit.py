"""Regenerate the map and Scores screenshots of the layout audit, in one command:

    python scripts/screenshots_map_audit.py

For the sample workshop and the stress workshop (20 long non-ASCII role names, 150 ties,
3 waves) it runs tests/ui/layout_audit.py on the Map (and its side tabs) and the Scores
tab at 1280×720 in normal and projector mode, and again at 2× (QT_SCALE_FACTOR=2, the
same 1280×720 logical window on a 2560×1440 screen). Each run is a child process under
Xvfb when xvfb-run is installed (a real X server, as a facilitator's screen), offscreen
otherwise. The maps are shot right after opening, with no Fit pressed.

Writes docs/screenshots/audit/<workshop>-<screen>-<mode>[-2x].png and prints the defects
the audit found (the same checks as tests/ui/test_layout_audit.py). Uses temporary
libraries; never touches the user's library or settings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots" / "audit"
AUDIT = ROOT / "tests" / "ui" / "layout_audit.py"
SIDE_TABS = ("tie", "all-ties", "roles")  # audited every run; kept as a picture: All ties


def run(workshop: str, scale: str) -> list[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get(
        "PYTHONPATH", "")]))
    screen = "1280x720x24"
    if scale:
        env["QT_SCALE_FACTOR"] = "2"
        screen = "2560x1440x24"
    command = [sys.executable, str(AUDIT), "--workshop", workshop, "--folder", str(OUT),
               "--only", "map", "scores"] + (["--scale", scale] if scale else [])
    if shutil.which("xvfb-run"):
        env["QT_QPA_PLATFORM"] = "xcb"
        command = ["xvfb-run", "-a", "-s", f"-screen 0 {screen}", *command]
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"the audit of {workshop} {scale or '1x'} failed")
    return [line for line in done.stdout.splitlines() if line.strip()]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    defects = []
    for workshop in ("sample", "stress"):
        for scale in ("", "2x"):
            defects += run(workshop, scale)
    for shot in OUT.glob("*.png"):  # the side tabs: only All ties, in normal mode, stays
        side = any(f"-map-{tab}-" in shot.name for tab in SIDE_TABS)
        if side and not shot.name.endswith("-map-all-ties-normal.png"):
            shot.unlink()
    sys.stdout.write(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT}\n")
    sys.stdout.write(f"{len(defects)} defects found\n" + "".join(d + "\n" for d in defects))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
