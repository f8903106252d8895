"""Cold start: a fresh process until the main window's first paint, sample workshop open.

Each run starts a new Python process the way `rcdesk` starts (same code path as
rcdesk.app.run_app: application, theme, open_library_window with its lock and
backup, then the sample workshop opened) on its own copy of a library holding the
sample workshop. The parent notes the wall-clock time just before it starts the
process; the child notes it once the main window has painted for the first time
(a Paint event on the window, then the rest of that frame) and exits. The baseline
is a bare PySide6 QMainWindow started the same way and carrying rcdesk's application
style sheet (the look is part of the product; issue 23), with the unstyled bare window
reported beside it. Peak memory is the child's own
high-water mark (VmHWM on Linux, else ru_maxrss from os.wait4), so each figure belongs
to that one process. Both children start from compiled bytecode, as an installed app
does (see _environment).

What the app leaves until just after that first frame (rcdesk/ui/first_paint.py: the
backup at open, the Overview panels below the fold, the resume banner) is not in the
figure, by design: the user sees the window without waiting for it.

Run alone: `python -m benchmarks.cold_start` (prints the table rows, which of
matplotlib, reportlab, networkx, numpy, sqlite_utils the started app had imported, and
whether PySide had built the `Qt` namespace's enum types by the first frame: it should be
none of them, and no). `python -m benchmarks` includes these rows through run().

A third child runs the `rcdesk` command itself (arguments, the excepthook, the user's
settings) on the same library, to its first frame: the list of workshops. No target is
set for it; it shows what a facilitator's everyday start costs.

`python -m benchmarks.cold_start --instructions` counts instead the instructions each of
the two starts executes to its first frame (valgrind's callgrind, where installed): a
figure that a busy machine does not change, for comparing two versions on a shared one.

`python -m benchmarks.cold_start --without-style-sheet` also starts rcdesk with an empty
style sheet (the look's share of the start: Qt styles every widget through its style-sheet
style once an application has any sheet at all). It is an analysis, not a way to run the
app: ux.md's flat controls need the sheet.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
LAZY_MODULES = ("matplotlib", "reportlab", "networkx", "numpy", "sqlite_utils")

#: Shared by both children: after the window's first Paint (and the rest of that
#: frame), print the seconds since BENCH_T0 and the lazy modules loaded, and quit.
_FIRST_PAINT = f"""
import os, sys, time

def watch(app, window):
    # Qt is imported here, not above: the app child imports in the app's own order (its
    # Qt-free core first, so PySide's per-module check skips it; see rcdesk/app.py).
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def __init__(self, app):
            super().__init__()
            self.app, self.done = app, False
        def eventFilter(self, watched, event):
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                QTimer.singleShot(0, self.report)
            return False
        def report(self):
            seconds = time.time() - float(os.environ["BENCH_T0"])
            loaded = ",".join(m for m in {LAZY_MODULES!r} if m in sys.modules)
            import PySide6.QtCore
            if "Qt" in vars(PySide6.QtCore):  # built by the first use of a Qt.* name
                loaded = (loaded + ",Qt-namespace").lstrip(",")
            peak = "nan"
            try:  # VmHWM starts afresh at exec; ru_maxrss would inherit the parent's peak
                with open("/proc/self/status") as status:
                    peak = next(line.split()[1] for line in status
                                if line.startswith("VmHWM"))
            except (OSError, StopIteration):
                pass
            print(f"first-paint {{seconds:.4f}} {{loaded or '-'}} {{peak}}", flush=True)
            if os.environ.get("BENCH_EXIT_AT_PAINT"):  # (counting instructions: no shutdown)
                os._exit(0)
            self.app.quit()

    watcher = FirstPaint(app)
    window.installEventFilter(watcher)
    return watcher
"""

_APP_CHILD = """
import sys
from pathlib import Path
from rcdesk.app import make_application, open_library_window, shutdown_keepers, user_settings
from rcdesk.ui.palettes import Theme
from rcdesk.ui.theme import apply_theme
app = make_application(sys.argv[:1])
apply_theme(app, Theme.LIGHT, projector=False)
window = open_library_window(Path(sys.argv[1]), user_settings(Path(sys.argv[2])))
window.open_workshop(int(sys.argv[3]))
window.resize(1280, 720)
watcher = watch(app, window)
window.show()
app.exec()
shutdown_keepers(app)
"""

#: The app with an empty style sheet (see --without-style-sheet).
_APP_WITHOUT_SHEET_CHILD = """
import rcdesk.ui.theme
rcdesk.ui.theme.application_sheet = lambda *args: ""
""" + _APP_CHILD

#: The `rcdesk` command itself (argument parsing, the excepthook, the user's settings in the
#: private folders of _environment), on a library holding the sample: its first frame is
#: the list of workshops. Only the window it opens is watched.
_COMMAND_CHILD = """
import sys
import rcdesk.app
from PySide6.QtWidgets import QApplication
real_open = rcdesk.app.open_library_window
def open_and_watch(*args, **kwargs):
    window = real_open(*args, **kwargs)
    global watcher
    watcher = watch(QApplication.instance(), window)
    return window
rcdesk.app.open_library_window = open_and_watch
from rcdesk.cli import main
sys.exit(main(["--library", sys.argv[1]]))
"""

_BARE_CHILD = """
import os, sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
if os.environ.get("BENCH_SHEET"):  # the baseline carries rcdesk's style sheet (issue 23)
    app.setStyleSheet(os.environ["BENCH_SHEET"])
window = QMainWindow()
window.setCentralWidget(QLabel("A bare window"))
window.resize(1280, 720)
watcher = watch(app, window)
window.show()
app.exec()
"""


def _sample_library(folder: Path) -> tuple[Path, int]:
    from rcdesk.services.library import LibraryService
    from rcdesk.services.sample import build_sample
    from rcdesk.store.connection import open_library

    path = folder / "sample.sqlite"
    library = open_library(path, create=True)
    try:
        workshop_id = build_sample(LibraryService(library))
    finally:
        library.close()
    return path, workshop_id


def app_style_sheet() -> str:
    """rcdesk's application style sheet as it starts (light theme, laptop type, no zoom):
    the look is part of the product, so the baseline window carries it too."""
    from rcdesk.ui.palettes import PALETTES, Theme
    from rcdesk.ui.theme import application_sheet

    return application_sheet(PALETTES[Theme.LIGHT], 0)


def _environment(folder: Path) -> dict[str, str]:
    """Private per-user folders (as a first start would see), offscreen without a display."""
    env = dict(os.environ)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(folder / name.lower())
    env["MPLCONFIGDIR"] = str(folder / "mpl")
    env.pop("RCDESK_LIBRARY", None)
    # An installed rcdesk starts from compiled bytecode (pip compiles at install, the bundle
    # holds .pyc files); so do both children here, from a private cache that the uncounted
    # first run fills, even where PYTHONDONTWRITEBYTECODE is set (as in this project's CI).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def start_once(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds to first paint, peak memory in MB, lazy modules loaded) of one fresh process."""
    env = dict(env, BENCH_T0=repr(time.time()))
    with tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen([sys.executable, "-c", _FIRST_PAINT + code, *args], env=env,
                                 stdout=subprocess.PIPE, stderr=errors, text=True)
        assert child.stdout is not None
        out = child.stdout.read()
        child.stdout.close()
        peak_mb = _reap(child)
        errors.seek(0)
        err = errors.read()
    line = next((x for x in out.splitlines() if x.startswith("first-paint ")), None)
    if child.returncode != 0 or line is None:
        raise RuntimeError(f"cold-start child failed ({child.returncode}): {err.strip()[-800:]}")
    _, seconds, loaded, own_peak_kb = line.split()
    if own_peak_kb != "nan":  # Linux: the child's own high-water mark, in kB
        peak_mb = float(own_peak_kb) / 1024
    return float(seconds), peak_mb, loaded


def _reap(child: subprocess.Popen[str]) -> float:
    """Wait for the child; its own peak resident memory in MB (NaN where wait4 is missing)."""
    if not hasattr(os, "wait4"):
        child.wait(timeout=120)
        return float("nan")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return float(usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024))


def measure(runs: int = RUNS, without_sheet: bool = False
            ) -> dict[str, tuple[float, float, str]]:
    """Median seconds, median peak MB and lazy modules loaded, for "app" and "bare" (and
    "no-sheet" when asked)."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        sample, workshop_id = _sample_library(folder)
        env = _environment(folder)
        children = {"app": _APP_CHILD, "bare": _BARE_CHILD, "styled": _BARE_CHILD,
                    "command": _COMMAND_CHILD}
        if without_sheet:
            children["no-sheet"] = _APP_WITHOUT_SHEET_CHILD
        results: dict[str, list[tuple[float, float, str]]] = {kind: [] for kind in children}
        for run in range(runs + 1):  # run 0 warms the disk and bytecode caches, not counted
            for kind, code in children.items():  # interleaved, so a busy spell hits all alike
                library = folder / f"run{run}" / kind / "library.sqlite"
                library.parent.mkdir(parents=True)
                shutil.copyfile(sample, library)
                args = ([] if kind in ("bare", "styled") else
                        [str(library)] if kind == "command" else
                        [str(library), str(library.parent / "ui.ini"), str(workshop_id)])
                sheet = app_style_sheet() if kind == "styled" else ""
                figure = start_once(code, args, dict(env, BENCH_SHEET=sheet))
                if run:
                    results[kind].append(figure)
    return {kind: (statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows),
                   rows[-1][2]) for kind, rows in results.items()}


def run() -> list[tuple[str, float, str, float]]:
    """[(name, seconds, baseline name, baseline seconds)] for the benchmark table.

    Peak memory is given in megabytes in the seconds columns of its own row.
    """
    figures = measure()
    (app_s, app_mb, _), (bare_s, bare_mb, _) = figures["app"], figures["bare"]
    styled_s = figures["styled"][0]
    return [
        ("cold start to first paint, sample workshop open", app_s,
         "bare window with rcdesk's style sheet", styled_s),
        ("  the same start against a bare window", app_s,
         "bare PySide6 window, same start", bare_s),
        ("  peak memory of that start (MB, not seconds)", app_mb,
         "  bare PySide6 window (MB)", bare_mb),
        ("  the `rcdesk` command to its list of workshops", figures["command"][0],
         "bare window with rcdesk's style sheet", styled_s),
    ]


def instructions() -> dict[str, int]:
    """Instructions each start executes to its first frame ("app", "styled"), counted by
    valgrind's callgrind: the same on a busy machine as on an idle one, where times are not.
    Each child starts once to fill the bytecode cache, then once under valgrind."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        sample, workshop_id = _sample_library(folder)
        env = dict(_environment(folder), BENCH_EXIT_AT_PAINT="1", BENCH_T0=repr(time.time()))
        counts = {}
        for kind, code in (("app", _APP_CHILD), ("styled", _BARE_CHILD)):
            sheet = app_style_sheet() if kind == "styled" else ""
            for run in ("warm", "count"):
                library = folder / run / kind / "library.sqlite"
                library.parent.mkdir(parents=True)
                shutil.copyfile(sample, library)
                args = ([str(library), str(library.parent / "ui.ini"), str(workshop_id)]
                        if kind == "app" else [])
                out = library.parent / "callgrind.out"
                tool = (["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
                        if run == "count" else [])
                subprocess.run([*tool, sys.executable, "-c", _FIRST_PAINT + code, *args],
                               env=dict(env, BENCH_SHEET=sheet), check=True,
                               capture_output=True, timeout=600)
            totals = next(line for line in out.read_text().splitlines()
                          if line.startswith(("summary:", "totals:")))
            counts[kind] = int(totals.split()[1])
    return counts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--instructions" in args:
        counts = instructions()
        print(f"instructions to the first frame (callgrind): rcdesk, sample workshop open "
              f"{counts['app'] / 1e6:.0f} M; bare window with rcdesk's sheet "
              f"{counts['styled'] / 1e6:.0f} M; ratio {counts['app'] / counts['styled']:.2f}")
        return 0
    without_sheet = "--without-style-sheet" in args
    figures = measure(without_sheet=without_sheet)
    (app_s, app_mb, loaded), (bare_s, bare_mb, _) = figures["app"], figures["bare"]
    platform = _environment(Path()).get("QT_QPA_PLATFORM") or "default"
    print(f"cold start, median of {RUNS} fresh processes each ({platform} Qt platform):")
    print(f"  rcdesk, sample workshop open  {app_s:6.3f} s  peak {app_mb:6.1f} MB")
    print(f"  bare PySide6 window           {bare_s:6.3f} s  peak {bare_mb:6.1f} MB")
    styled_s = figures["styled"][0]
    print(f"  bare window, rcdesk's sheet   {styled_s:6.3f} s")
    print(f"  ratio {app_s / styled_s:.2f} to the styled bare window (target at most 1.5); "
          f"{app_s / bare_s:.2f} to the bare one; memory ratio {app_mb / bare_mb:.2f}")
    print(f"  lazy modules (or the Qt namespace) loaded by the started app: {loaded}")
    command_s, _, command_loaded = figures["command"]
    print(f"  the rcdesk command to its list of workshops {command_s:6.3f} s  ratio "
          f"{command_s / styled_s:.2f}; lazy modules loaded: {command_loaded}")
    if without_sheet:
        sheetless_s = figures["no-sheet"][0]
        print(f"  rcdesk with an empty style sheet {sheetless_s:6.3f} s  ratio "
              f"{sheetless_s / bare_s:.2f}: the sheet costs {1000 * (app_s - sheetless_s):.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
