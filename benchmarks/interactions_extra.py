"""The interactions that start work or show the room something (see interactions.py): a
reveal step, the preview of a 10,000-row survey file, starting the PDF export, and the
first visit of each stage and tab (target < 200 ms, issue 23).

Each gives two figures: the time to the painted frame that shows the gesture (for the
preview and the export, until the work done off the UI thread is finished), and the
longest the event loop stalled meanwhile, which is what a facilitator sees as a freeze.
"""

from __future__ import annotations

import csv
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PREVIEW_ROWS = 10_000
PREVIEWS = 3
EXPORTS = 2

Figure = tuple[str, float]


def _loop_until(done: Callable[[], bool], limit_s: float = 120.0) -> tuple[float, float]:
    """Turn the event loop until `done`: (seconds taken, the longest turn)."""
    from PySide6.QtCore import QEventLoop, QTimer

    start = last = time.perf_counter()
    longest = 0.0
    loop = QEventLoop()

    def tick() -> None:
        nonlocal last, longest
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
        if done() or now - start > limit_s:
            loop.quit()

    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(tick)
    ticker.start()
    loop.exec()
    ticker.stop()
    return time.perf_counter() - start, longest


def reveal_steps(page: Any, frames: Any, repeats: int) -> list[Figure]:
    """The room's map revealing one tie after another (the player's reveal step), to the
    end of the room's window's painted frame, and the laptop's copy of it (the preview,
    conversations/room_mirror.py). The room's map is first built and shown, and left to
    settle (its ties made and drawn in pieces): its longest stall then is a figure of its own,
    not a reveal step's."""
    from PySide6.QtWidgets import QApplication

    from rcdesk.ui.conversations.reveal_view import RevealMap
    from rcdesk.ui.conversations.room_mirror import RoomMirror

    start = time.perf_counter()
    reveal = RevealMap(page.model, page.map.wave_scores)  # built when first needed
    reveal.resize(1280, 720)
    reveal.show()
    reveal.set_wave(page.current_wave_id())
    reveal.hide_all()
    # As the player does on entering a reveal step (reveal_control.enter): the laptop's
    # list of ties once the map is prepared (a big one comes in pieces).
    if reveal.ready():
        reveal.ties()
    else:
        reveal.prepared.connect(reveal.ties)
    QApplication.processEvents()
    first = time.perf_counter() - start
    took, longest = _loop_until(reveal.complete, 30.0)
    prepared = first + took
    shown = max(first, longest, _loop_until(lambda: False, 0.4)[1])  # and as it settles
    mirror = RoomMirror(reveal)
    mirror.copy()
    room = type(frames)(reveal)
    times, stalls, copies = [], [], []
    for _ in range(repeats):
        times.append(room.time(reveal.reveal_next))
        start = time.perf_counter()
        mirror.copy()
        copies.append(time.perf_counter() - start)
        stalls.append(max(times[-1], _loop_until(lambda: False, 0.15)[1]))
    reveal.close()
    reveal.deleteLater()
    return [("the room's map first shown (longest stall)", shown),
            ("  until every tie is drawn", prepared),
            ("a reveal step", statistics.median(times)),
            ("  the laptop's copy of it", statistics.median(copies)),
            ("  longest stall (gesture or after it)", max(stalls))]


def write_survey(path: Path, role_names: list[str], rows: int) -> Path:
    """A long-format survey file of `rows` answers between the workshop's roles."""
    rng = random.Random(23)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["respondent", "role", "target", "frequent", "timely", "accurate",
                      "problem_solving", "shared_goals", "shared_knowledge", "mutual_respect"])
        for row in range(rows):
            rater, rated = rng.choice(role_names), rng.choice(role_names)
            out.writerow([f"p{row // 6}-{row % 6}", rater, rated,
                          *(rng.randint(1, 5) for _ in range(7))])
    return path


def import_preview(page: Any, folder: Path) -> list[Figure]:
    """The import dialog previewing a 10,000-row file (read and checked off the UI thread)."""
    from rcdesk.ui.scores.import_dialog import ImportDialog

    names = [r.name for r in page.model.service.roles()]
    path = write_survey(folder / "preview.csv", names, PREVIEW_ROWS)
    took, stalls = [], []
    for _ in range(PREVIEWS):
        dialog = ImportDialog(page.model.service)
        dialog.show()
        seen: list[bool] = []
        dialog.previewed.connect(lambda seen=seen: seen.append(True))
        start = time.perf_counter()
        dialog.open_file(path)
        opened = time.perf_counter() - start
        seconds, longest = _loop_until(lambda seen=seen: bool(seen))
        took.append(opened + seconds)
        stalls.append(max(opened, longest))
        dialog.close()
        dialog.deleteLater()
    return [(f"import preview, {PREVIEW_ROWS:,} rows (to the preview)", statistics.median(took)),
            ("  longest stall meanwhile", max(stalls))]


def pdf_export(window: Any, page: Any, folder: Path) -> list[Figure]:
    """Starting the PDF export (written in a child process) and the wait for the file."""
    from rcdesk.ui import report_page

    report_page.open_file = lambda path: True  # no viewer in a benchmark
    report = page.report
    took, stalls, started = [], [], []
    for run in range(EXPORTS):
        finished: list[object] = []
        report.export_finished.connect(finished.append)
        report.export_failed.connect(finished.append)
        start = time.perf_counter()
        report.export_pdf(str(folder / f"bench-{run}.pdf"))
        window.repaint()
        started.append(time.perf_counter() - start)
        seconds, longest = _loop_until(lambda finished=finished: bool(finished))
        took.append(started[-1] + seconds)
        stalls.append(max(started[-1], longest))
        report.export_finished.disconnect(finished.append)
        report.export_failed.disconnect(finished.append)
    return [("starting the PDF export (to the painted frame)", statistics.median(started)),
            ("  the PDF written (child process)", statistics.median(took)),
            ("  longest stall meanwhile", max(stalls))]


def first_visits(page: Any, frames: Any) -> list[Figure]:
    """The first visit of each stage not shown yet (Conversations, Gaps & Experiments,
    Report), then of each of their tabs, each to its painted frame, with the longest stall
    during or after it; the tabs as their slowest first visit (named)."""
    figures: list[Figure] = []
    for name in ("Conversations", "Gaps & Experiments", "Report"):
        row = next(i for i in range(page.rail.count()) if page.rail.item(i).text() == name)
        seconds = frames.time(lambda row=row: page.show_stage(row))
        figures += [(f"first visit of {name}", seconds),
                    ("  longest stall (gesture or after it)",
                     max(seconds, _loop_until(lambda: False, 0.3)[1]))]
    slowest, stall = ("", 0.0), 0.0
    for stage, tabs in ((2, page.conversations.tabs), (2, page.conversations.voices),
                        (3, page.gaps), (3, page.gaps.side)):
        page.show_stage(stage)
        if tabs is page.gaps.side:
            page.gaps.setCurrentIndex(0)
        if tabs is page.conversations.voices:  # its tabs are built only while it shows
            page.conversations.tabs.setCurrentWidget(tabs)
        for index in range(1, tabs.count()):
            seconds = frames.time(lambda tabs=tabs, index=index: tabs.setCurrentIndex(index))
            stall = max(stall, seconds, _loop_until(lambda: False, 0.3)[1])
            if seconds > slowest[1]:
                slowest = (tabs.tabText(index).replace("&&", "&"), seconds)
        tabs.setCurrentIndex(0)
    return figures + [(f"slowest first visit of a tab ({slowest[0]})", slowest[1]),
                      ("  longest stall (gesture or after it)", stall)]
