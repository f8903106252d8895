"""`rcdesk --self-test`: check that this installation (or bundle) works, end to end.

It opens the real main window (offscreen when there is no display) on a temporary
library holding the sample workshop, opens its map, exports a PNG of the map and,
when this version has a PDF report, a PDF; it checks the bundled resources and
fonts. One line per check, then a verdict; the exit code is 0 only if every check
passed (a check of something this version does not have is "skipped").

It never touches the user's library, settings or logs: every per-user folder
(XDG folders, QSettings, matplotlib's cache, RCDESK_LIBRARY) points into a
temporary folder that is deleted at the end. Qt and matplotlib are imported only
after that, inside the checks.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

PASS, FAIL, SKIP = "PASS", "FAIL", "SKIP"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
FONT_FAMILY = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
PRIVATE_DIRS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                "XDG_RUNTIME_DIR")


class CheckFailed(Exception):
    """A check found a problem; the message is the line's detail."""


class Skipped(Exception):
    """A check does not apply to this version; the message says why."""


@dataclass
class Context:
    """What the checks share: the temporary folder and what earlier checks built."""

    folder: Path
    app: Any = None
    window: Any = None
    page: Any = None
    workshop_id: int | None = None
    results: list[tuple[str, str, str]] = field(default_factory=list)


def isolate(folder: Path) -> None:
    """Point every per-user location at `folder`, and pick offscreen Qt without a display."""
    for name in PRIVATE_DIRS:
        path = folder / name.lower()
        path.mkdir(mode=0o700, exist_ok=True)
        os.environ[name] = str(path)
    os.environ["MPLCONFIGDIR"] = str(folder / "matplotlib")
    os.environ["MPLBACKEND"] = "Agg"
    os.environ["RCDESK_LIBRARY"] = str(folder / "never-used.sqlite")
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


# -- the checks, in order; each returns its line's detail or raises -----------------------------


def check_resources(ctx: Context) -> str:
    import json

    from rcdesk.resource_files import resource, root

    sample = json.loads(resource("sample", "discharge.json").read_text(encoding="utf-8"))
    if not sample.get("roles"):
        raise CheckFailed("the sample workshop has no roles")
    for name in FONT_FILES:
        if len(resource("fonts", name).read_bytes()) < 10_000:
            raise CheckFailed(f"fonts/{name} is missing or truncated")
    return f"sample workshop and {len(FONT_FILES)} fonts found in {root()}"


def check_fonts(ctx: Context) -> str:
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

    from rcdesk.app import make_application

    ctx.app = make_application([sys.argv[0] if sys.argv else "rcdesk"])
    if FONT_FAMILY not in QFontDatabase.families():
        raise CheckFailed(f"{FONT_FAMILY} is not registered with Qt")
    resolved = QFontInfo(QFont(FONT_FAMILY)).family()
    if resolved != FONT_FAMILY:
        raise CheckFailed(f"Qt draws {FONT_FAMILY} with {resolved!r}")
    from rcdesk.resource_files import read_bytes

    size = 0
    for name in FONT_FILES:  # the façade's own files are what Qt registered
        data = read_bytes("fonts", name)
        size += len(data)
        font_id = QFontDatabase.addApplicationFontFromData(data)
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        QFontDatabase.removeApplicationFont(font_id)
        if families != [FONT_FAMILY]:
            raise CheckFailed(f"Qt does not read fonts/{name} as {FONT_FAMILY}")
    return f"{FONT_FAMILY} registered with Qt ({size // 1024} KB from the resources)"


def check_window(ctx: Context) -> str:
    from rcdesk.app import build_window, user_settings
    from rcdesk.services.sample import build_sample
    from rcdesk.ui.palettes import Theme
    from rcdesk.ui.theme import apply_theme

    _needs(ctx.app, "Qt application")
    apply_theme(ctx.app, Theme.LIGHT, projector=False)
    library = ctx.folder / "library" / "library.sqlite"
    library.parent.mkdir()
    ctx.window = build_window(library, user_settings(ctx.folder / "ui.ini"))
    ctx.workshop_id = build_sample(ctx.window.library)
    ctx.window.resize(1280, 720)
    ctx.window.show()
    if not _wait_exposed(ctx.app, ctx.window, timeout=10.0):
        raise CheckFailed("the main window was never shown")
    platform = ctx.app.platformName()
    return f"main window shown ({platform}) on a temporary library with the sample workshop"


def _wait_exposed(app: Any, window: Any, timeout: float) -> bool:
    """Process events until the window is on screen (QtTest is not in the bundle)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            return True
        time.sleep(0.01)
    return False


def check_map(ctx: Context) -> str:
    _needs(ctx.window, "main window")
    ctx.page = ctx.window.open_workshop(ctx.workshop_id)
    if ctx.page is None:
        raise CheckFailed("the sample workshop did not open")
    ctx.page.show_stage(1)
    ctx.app.processEvents()
    scene = ctx.page.map.scene
    roles, ties = len(scene.item_for_role), len(scene.item_for_tie)
    expected = len(ctx.page.model.service.roles())
    if not ctx.page.map.isVisible() or roles != expected or roles == 0:
        raise CheckFailed(f"the map shows {roles} of {expected} roles")
    image = ctx.page.map.view.grab().toImage()
    if image.isNull() or image.width() == 0:
        raise CheckFailed("the map view did not draw")
    return f"map of the sample workshop drawn: {roles} roles, {ties} ties"


def check_png(ctx: Context) -> str:
    _needs(ctx.page, "open map")
    path = ctx.folder / "exports" / "map.png"
    path.parent.mkdir(exist_ok=True)
    written: list[object] = []
    ctx.page.map.image_exported.connect(written.append)
    if not ctx.page.map.export_image(str(path)):
        raise CheckFailed("the map export was refused")
    ctx.page.map.wait_for_exports()  # drawn in a child process
    deadline = time.monotonic() + 10.0
    while not written and time.monotonic() < deadline:
        ctx.app.processEvents()
    if not written:
        raise CheckFailed("the map export reported an error")
    data = path.read_bytes()
    if not data.startswith(PNG_MAGIC) or len(data) < 5_000:
        raise CheckFailed(f"{path.name} is not a complete PNG ({len(data)} bytes)")
    return f"map exported as PNG ({len(data) // 1024} KB)"


def check_pdf(ctx: Context) -> str:
    import importlib

    try:
        pdf = importlib.import_module("rcdesk.reports.pdf")
    except ModuleNotFoundError as exc:
        if exc.name != "rcdesk.reports.pdf":
            raise
        raise Skipped("not in this version") from None
    write_summary_pdf = getattr(pdf, "write_summary_pdf", None)
    if write_summary_pdf is None:
        raise Skipped("not in this version")
    _needs(ctx.window, "main window")
    path = ctx.folder / "exports" / "summary.pdf"
    path.parent.mkdir(exist_ok=True)
    write_summary_pdf(_report_snapshot(ctx), path)
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CheckFailed(f"{path.name} is not a complete PDF ({len(data)} bytes)")
    if b"DejaVu" not in data:
        raise CheckFailed("the PDF does not embed DejaVu Sans")
    return f"summary exported as PDF ({len(data) // 1024} KB, DejaVu Sans embedded)"


def _report_snapshot(ctx: Context) -> Any:
    """The report's input for the sample workshop, built the way the app builds it."""
    import importlib

    report = importlib.import_module("rcdesk.services.report")
    return report.ReportService(ctx.window.library.library, ctx.workshop_id).snapshot()


def check_close(ctx: Context) -> str:
    _needs(ctx.window, "main window")
    ctx.window.close()
    ctx.app.processEvents()
    ctx.window.library.library.close()
    ctx.window = None
    return "window closed and the temporary library released"


CHECKS: tuple[tuple[str, Callable[[Context], str]], ...] = (
    ("resources", check_resources),
    ("fonts", check_fonts),
    ("main window", check_window),
    ("map", check_map),
    ("PNG export", check_png),
    ("PDF export", check_pdf),
    ("shutdown", check_close),
)


def _needs(thing: object, name: str) -> None:
    if thing is None:
        raise CheckFailed(f"not run: no {name} (an earlier check failed)")


def _run_check(ctx: Context, name: str, check: Callable[[Context], str], out: TextIO) -> None:
    start = time.perf_counter()
    try:
        status, detail = PASS, check(ctx)
    except Skipped as exc:
        status, detail = SKIP, f"skipped: {exc}"
    except CheckFailed as exc:
        status, detail = FAIL, str(exc)
    except Exception as exc:  # a self-test reports every failure as a line, never a traceback
        status, detail = FAIL, f"{type(exc).__name__}: {' '.join(str(exc).split())}"
    elapsed = time.perf_counter() - start
    ctx.results.append((name, status, detail))
    out.write(f"{status}  {name:12} {detail} ({elapsed:.2f} s)\n")
    out.flush()


def _output() -> TextIO:
    """stdout, or a file when there is none (a windowed app on Windows)."""
    if sys.stdout is not None:
        return sys.stdout
    from rcdesk.paths import log_dir

    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return (folder / "self-test.txt").open("w", encoding="utf-8")


def run_self_test() -> int:
    """Run every check; print one line each and a verdict; 0 only if none failed."""
    from rcdesk import __version__

    out = _output()
    with tempfile.TemporaryDirectory(prefix="rcdesk-self-test-") as temp:
        folder = Path(temp)
        isolate(folder)
        out.write(f"rcdesk {__version__} self-test ({'frozen' if _frozen() else 'Python'} "
                  f"{sys.version.split()[0]}, {sys.platform})\n")
        ctx = Context(folder)
        for name, check in CHECKS:
            _run_check(ctx, name, check, out)
        if ctx.window is not None:  # shutdown failed half-way: still free the temp library
            ctx.window.library.library.close()
    failed = [name for name, status, _ in ctx.results if status == FAIL]
    skipped = sum(status == SKIP for _, status, _ in ctx.results)
    passed = len(ctx.results) - len(failed) - skipped
    verdict = "FAILED: " + ", ".join(failed) if failed else "all checks passed"
    out.write(f"self-test: {verdict} ({passed} passed, {len(failed)} failed, "
              f"{skipped} skipped)\n")
    out.flush()
    return 1 if failed else 0


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))
