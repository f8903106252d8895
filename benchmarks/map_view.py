"""Opening, panning and zooming a 200-role / 4,000-tie map in the real map view.

Run by `python -m benchmarks` (offscreen; in a fresh process of its own), or alone with
`python -m benchmarks.map_view`. Peak memory is the peak resident size of that process.
Every figure has a baseline measured in the same run: the same gestures on an empty
graphics view of the same size.

- open: from opening the workshop to the map painted on screen (the network metrics
  are worked out afterwards in a worker thread, which the frames below wait for); and the
  processor time the UI thread spent on it, which a shared, loaded machine inflates far
  less than the wall-clock time (compare it between commits when the load is high);
- frame: one pan of 25 pixels or one zoom step, then the event loop paints the view
  (whatever Qt repaints; the viewport is repainted whole if nothing was painted, and a
  paint event is asserted), median of FRAMES frames; pans and zoom steps also apart.
  A zoom step first shows the cached ties and roles scaled (TieLayer), so
- "zoom step drawn sharp at once" adds the redraw of every tie (and, on a big map,
  every role) at the new zoom that happens once a zoom settles (150 ms after the last
  step): the honest cost of a zoom, and about the cost of any edit of a tie.
- "apply the circle layout": the layout saved as one undo step and the map told of it,
  until the event loop is idle; then the median frame of the roles' glide to their places
  (on a map this big only the roles glide; the ties follow when they land).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject

ROLES, TIES, FRAMES = 200, 4000, 40
PROCESSES = 3  # fresh processes per figure (the median is reported)


def big_library(path: Path) -> int:
    """A library holding one workshop with ROLES placed roles and TIES rated ties."""
    from rcdesk.services.library import LibraryService
    from rcdesk.store.connection import open_library

    library = open_library(path, create=True)
    service = LibraryService(library)
    workshop_id = service.create("Big map", roles=[f"Role {i}" for i in range(ROLES)])
    rng = random.Random(7)
    role_ids = [r["id"] for r in library.db.query("SELECT id FROM roles ORDER BY id")]
    wave = next(iter(library.db.query("SELECT id FROM waves")))["id"]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < TIES:
        pairs.add((rng.choice(role_ids), rng.choice(role_ids)))
    with library.db.atomic():
        for i, role_id in enumerate(role_ids):
            library.db.execute("UPDATE roles SET x = ?, y = ? WHERE id = ?",
                               [(i % 20) * 160.0, (i // 20) * 160.0, role_id])
        for source, target in pairs:
            tie = library.db.execute(
                "INSERT INTO ties (workshop_id, source_id, target_id) VALUES (?, ?, ?)",
                [workshop_id, source, target]).lastrowid
            library.db.execute(
                "INSERT INTO ratings (tie_id, wave_id, dimension, value) VALUES (?, ?, ?, ?)",
                [tie, wave, "overall", rng.randint(1, 5)])
    library.close()
    return workshop_id


class _PaintCounter(QObject):
    """Counts the paint events a widget really gets (so a frame is never taken unpainted)."""

    def __init__(self, widget: Any) -> None:
        super().__init__()
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def _frame(view: Any, change: Callable[[], None], counter: _PaintCounter) -> float:
    """One frame as the user gets it: the change, then the event loop paints the view.

    The view paints what Qt decides to repaint (after a pan, often only the newly
    exposed strip); if the event loop did not paint, the viewport is repainted whole.
    """
    from PySide6.QtWidgets import QApplication

    before = counter.paints
    start = time.perf_counter()
    change()
    QApplication.processEvents()
    if counter.paints == before:
        view.viewport().repaint()
    elapsed = time.perf_counter() - start
    assert counter.paints > before, "the view was not painted"
    return elapsed


def _frames(view: Any, zoom: Callable[[int], None]) -> tuple[float, float, float]:
    """Median frame time over alternating zoom steps (in, out) and pans of 25 pixels:
    (all frames, pans only, zooms only). Every zoom step really changes the scale."""
    counter = _PaintCounter(view.viewport())
    bar = view.horizontalScrollBar()
    pans: list[float] = []
    zooms: list[float] = []

    def pan() -> None:
        bar.setValue(bar.value() + 25)

    for frame in range(FRAMES):
        if frame % 2:
            pans.append(_frame(view, pan, counter))
        else:
            step = 1 if frame % 4 == 0 else -1
            before = view.transform().m11()
            zooms.append(_frame(view, partial(zoom, step), counter))
            assert view.transform().m11() != before, "a zoom step that did not zoom"
    return (statistics.median(pans + zooms), statistics.median(pans),
            statistics.median(zooms))


def _redraw(view: Any, layer: Any, zoom: Callable[[int], None]) -> float:
    """A zoom step drawn sharp at once: the scaled frame, then the layer settles and
    every tie (and, on a big map, every role) is drawn again at the new zoom. This is
    what a zoom costs once the wheel stops, and about what any edit of a tie costs."""
    from PySide6.QtWidgets import QApplication

    counter = _PaintCounter(view.viewport())
    times = []
    for step in (1, -1, 1, -1, 1, -1):
        def change(s: int = step) -> None:
            zoom(s)
            QApplication.processEvents()
            layer.settle()
        times.append(_frame(view, change, counter))
    return statistics.median(times)


def _glide(page: Any, view: Any) -> tuple[float, float]:
    """Apply the circle layout (until its first frame), then the median frame of the roles'
    glide to their new places, each frame driven by the animation's clock and painted."""
    from PySide6.QtWidgets import QApplication

    counter = _PaintCounter(view.viewport())
    start = time.perf_counter()
    page.apply_layout("circle")
    QApplication.processEvents()
    arrange = time.perf_counter() - start
    animation = page.scene.glide()
    assert animation is not None, "the layout did not glide"
    frames = []
    for step in range(1, 10):
        def change(s: int = step) -> None:
            animation.setCurrentTime(animation.duration() * s // 10)
        frames.append(_frame(view, change, counter))
    page.scene.finish_animation()
    QApplication.processEvents()
    return arrange, statistics.median(frames)


def _rss_mb() -> float:
    """Resident memory now (Linux; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    """Peak resident memory of this process: VmHWM (Linux keeps ru_maxrss across exec,
    so a child started by a big parent would report the parent's peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError, IndexError):
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


#: Filled by run(): (peak resident MB of the run, resident MB before the map opened).
MEMORY: dict[str, float] = {}


Row = tuple[str, float, str, float]


def run(processes: int = PROCESSES) -> list[Row]:
    """[(name, seconds, baseline name, baseline seconds)] for the benchmark table.

    Each figure is the median over `processes` fresh processes, so nothing that ran
    before (the other benchmarks' modules, caches and memory) slows the map down or
    counts in its peak memory, and one noisy open does not decide the figure.
    """
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # An installed app opens with its modules' bytecode cached: so do these processes (a
    # first, uncounted run writes it, even where PYTHONDONTWRITEBYTECODE is set, as here).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = []
    for number in range(processes + 1):
        done = subprocess.run([sys.executable, "-m", "benchmarks.map_view", "--json"],
                              cwd=Path(__file__).resolve().parent.parent, env=env,
                              check=True, capture_output=True, text=True)
        if number:
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    rows: list[Row] = []
    for i, (name, _, base_name, _) in enumerate(runs[0]["rows"]):
        rows.append((name, statistics.median(r["rows"][i][1] for r in runs), base_name,
                     statistics.median(r["rows"][i][3] for r in runs)))
    rows.append(("  peak memory of the map process (MB, not seconds)",
                 statistics.median(r["peak"] for r in runs),
                 "  the window before the map (MB)",
                 statistics.median(r["before"] for r in runs)))
    return rows


def measure() -> list[Row]:
    """The figures, in this process (see run)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

    from rcdesk.app import build_window, make_application, user_settings

    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.sqlite"
        workshop_id = big_library(path)
        window = build_window(path, user_settings(Path(folder) / "ui.ini"))
        window.resize(1280, 720)
        window.show()
        app.processEvents()
        MEMORY["before"] = _rss_mb()
        start, start_cpu = time.perf_counter(), time.thread_time()
        page = window.open_workshop(workshop_id)
        assert page is not None
        page.show_stage(1)
        app.processEvents()
        page.map.view.viewport().repaint()  # opened = the map is on screen
        opened, opened_cpu = time.perf_counter() - start, time.thread_time() - start_cpu
        view, layer = page.map.view, page.map.scene.tie_layer
        assert len(page.map.scene.item_for_tie) == TIES
        deadline = time.monotonic() + 60  # let the metrics worker finish: not a frame
        while page.map.metrics_busy() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        view.zoom(2)  # off the fitted (smallest) scale, so that both zoom steps zoom
        app.processEvents()
        frame, pan, zoom = _frames(view, view.zoom)
        redraw = _redraw(view, layer, view.zoom)
        arrange, glide = _glide(page.map, view)

        start, start_cpu = time.perf_counter(), time.thread_time()
        plain = QGraphicsView(QGraphicsScene())
        plain.resize(view.size())
        plain.show()
        QApplication.processEvents()
        plain.viewport().repaint()
        empty_open, empty_open_cpu = time.perf_counter() - start, time.thread_time() - start_cpu
        empty_frame, empty_pan, empty_zoom = _frames(
            plain, lambda step: plain.scale(1.2 ** step, 1.2 ** step))
        empty_redraw = _redraw(plain, _Repaint(plain),
                                lambda step: plain.scale(1.2 ** step, 1.2 ** step))
        MEMORY["peak"] = _peak_mb()
        plain.close()
        window.close()
        window.library.library.close()
    return [
        (f"open a {ROLES}-role / {TIES}-tie map", opened, "empty graphics view", empty_open),
        ("  of which UI-thread processor time", opened_cpu, "empty view, processor time",
         empty_open_cpu),
        ("map frame after a pan or zoom (median)", frame, "empty view frame", empty_frame),
        ("  of which pans (median)", pan, "empty view pan", empty_pan),
        ("  of which zoom steps (median)", zoom, "empty view zoom step", empty_zoom),
        ("map zoom step drawn sharp at once (median)", redraw, "empty view repaint",
         empty_redraw),
        ("apply the circle layout (saved, one undo step)", arrange, "empty view repaint",
         empty_redraw),
        ("  a frame of its glide (median)", glide, "empty view frame", empty_frame),
    ]


class _Repaint:
    """The empty view's stand-in for the tie layer's settle(): a plain full update."""

    def __init__(self, view: Any) -> None:
        self.view = view

    def settle(self) -> None:
        self.view.viewport().update()


def main() -> int:
    rows = measure()
    if "--json" in sys.argv:
        print(json.dumps({"rows": rows, "peak": MEMORY["peak"], "before": MEMORY["before"]}))
        return 0
    for name, seconds, base_name, base in rows:
        print(f"{name:48} {seconds:8.4f}  {base_name:28} {base:8.5f} {seconds / base:8.1f}")
    print(f"peak memory {MEMORY['peak']:.0f} MB (the window before the map: "
          f"{MEMORY['before']:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
