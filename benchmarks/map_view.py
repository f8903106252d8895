"""Opening, panning and zooming a 200-role / 4,000-tie map in the real map view.

Run by `python -m benchmarks` (offscreen). Frame time is the time to render the
viewport after one pan or zoom step, median of many frames; the baseline is the
same view on an empty scene, measured in the same run.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROLES, TIES, FRAMES = 200, 4000, 40


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
    pairs = set()
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


def _frames(view: Any, zoom: Callable[[int], None]) -> float:
    from PySide6.QtGui import QImage, QPainter

    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    times = []
    for frame in range(FRAMES):
        start = time.perf_counter()
        if frame % 2:
            view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 25)
        else:
            zoom(1 if frame % 4 == 0 else -1)
        painter = QPainter(image)
        view.render(painter)
        painter.end()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run() -> list[tuple[str, float, str, float]]:
    """[(name, seconds, baseline name, baseline seconds)] for the benchmark table."""
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
        start = time.perf_counter()
        page = window.open_workshop(workshop_id)
        assert page is not None
        page.show_stage(1)
        app.processEvents()
        opened = time.perf_counter() - start
        frame = _frames(page.map.view, page.map.view.zoom)

        start = time.perf_counter()
        plain = QGraphicsView(QGraphicsScene())
        plain.resize(page.map.view.size())
        plain.show()
        QApplication.processEvents()
        empty_open = time.perf_counter() - start
        empty_frame = _frames(plain, lambda step: plain.scale(1.2 ** step, 1.2 ** step))
        plain.close()
        window.close()
        window.library.library.close()
    return [
        (f"open a {ROLES}-role / {TIES}-tie map", opened, "empty graphics view", empty_open),
        ("map frame after a pan or zoom (median)", frame, "empty view frame", empty_frame),
    ]
