"""Interaction latency in the real window: from a key press (or a click) to the end of the
first painted frame that shows its effect, on the sample workshop and on a large one.

Run alone with `python -m benchmarks.interactions` (offscreen), or by `python -m benchmarks`.
The large workshop has LARGE_ROLES roles, LARGE_TIES rated ties, two waves and
LARGE_RESPONDENTS survey respondents (each rating RATED_PER_RESPONDENT roles). Each figure
is the median of REPEATS gestures; the baseline, measured in the same run, is a repaint of an
empty widget of the window's size. The longest event-loop stall is the longest the loop did
not turn during a gesture or in the WATCH_MS after it (work it left behind). The first visit of
Map & Scores (from the Overview the window opens on) is measured first. A reveal step,
the 10,000-row import preview, the PDF export and the first visit of each stage not yet
shown (and of its tabs) are in interactions_extra.py.
Targets (issue 23): < 16 ms on the sample and < 50 ms on
the large workshop for rating, undo, redo, stage and tab switches; < 150 ms for projector
mode and the Scores tab after a rating; < 200 ms for the first visit of any stage or tab;
no stall over 100 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import interactions_extra as extra

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LARGE_ROLES, LARGE_TIES, LARGE_RESPONDENTS, RATED_PER_RESPONDENT = 60, 1500, 5000, 6
REPEATS = 10

Row = tuple[str, float, str, float]


def large_library(path: Path) -> int:
    """A library with one large workshop (see the module's docstring); its id."""
    from rcdesk.domain.survey import SurveyAnswer
    from rcdesk.services.library import LibraryService
    from rcdesk.store import survey as survey_store
    from rcdesk.store.connection import open_library

    library = open_library(path, create=True)
    service = LibraryService(library)
    workshop_id = service.create("Large", roles=[f"Role {i}" for i in range(LARGE_ROLES)])
    workshop = service.open(workshop_id)
    workshop.schedule.add_wave("Follow-up")
    waves = [w.id for w in workshop.waves()]
    role_ids = [r.id for r in workshop.roles()]
    rng = random.Random(23)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < LARGE_TIES:
        pairs.add((rng.choice(role_ids), rng.choice(role_ids)))
    db = library.db
    with db.atomic():
        for i, role_id in enumerate(role_ids):
            db.execute("UPDATE roles SET x = ?, y = ? WHERE id = ?",
                       [(i % 10) * 180.0, (i // 10) * 180.0, role_id])
        for source, target in sorted(pairs):
            tie = db.execute("INSERT INTO ties (workshop_id, source_id, target_id) "
                             "VALUES (?, ?, ?)", [workshop_id, source, target]).lastrowid
            db.execute("INSERT INTO ratings (tie_id, wave_id, dimension, value) "
                       "VALUES (?, ?, 'overall', ?)", [tie, waves[0], rng.randint(1, 5)])
        for wave in waves:
            answers = []
            for respondent in range(LARGE_RESPONDENTS):
                source = rng.choice(role_ids)
                for target in rng.sample(role_ids, RATED_PER_RESPONDENT):
                    answers.append(SurveyAnswer(f"r{respondent}", source, target,
                                                tuple(rng.randint(1, 5) for _ in range(7))))
            survey_store.insert_answers(db, wave, answers)
    library.close()
    return workshop_id


def sample_library(path: Path) -> int:
    from rcdesk.services.library import LibraryService
    from rcdesk.services.sample import build_sample
    from rcdesk.store.connection import open_library

    library = open_library(path, create=True)
    try:
        return build_sample(LibraryService(library))
    finally:
        library.close()


class Frames:
    """Times a gesture to the end of the painted frame that shows it."""

    def __init__(self, window: Any) -> None:
        self.window = window

    def time(self, gesture: Callable[[], None]) -> float:
        from PySide6.QtWidgets import QApplication

        start = time.perf_counter()
        gesture()
        QApplication.processEvents()
        self.window.repaint()  # the frame that shows the gesture's effect
        return time.perf_counter() - start


#: How long the event loop is watched after each gesture for work it left behind.
WATCH_MS = 150
#: Projector mode's work left behind comes later: the map is fitted again and its ties drawn
#: sharp once the zoom settles (TieLayer.SETTLE_MS), 230-300 ms after the toggle.
PROJECTOR_WATCH_MS = 600


def _loop_gaps(watch_ms: int = WATCH_MS, done: Callable[[], bool] | None = None,
               finished: list[float] | None = None) -> float:
    """The longest the event loop went without turning while watched for `watch_ms`; with
    `done`, the first moment it holds is appended to `finished` (perf_counter seconds)."""
    from PySide6.QtCore import QEventLoop, QTimer

    last, longest = [time.perf_counter()], [0.0]

    def tick() -> None:
        now = time.perf_counter()
        longest[0] = max(longest[0], now - last[0])
        last[0] = now
        if done is not None and finished is not None and not finished and done():
            finished.append(now)

    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(tick)
    ticker.start()
    loop = QEventLoop()
    QTimer.singleShot(watch_ms, loop.quit)
    loop.exec()
    ticker.stop()
    return longest[0]


#: The first visit of Map & Scores is watched this long: a big wave is scored and its ties
#: drawn after the first frame.
MAP_WATCH_MS = 3000

#: (gesture, longest stall in seconds) of the gestures measured so far, per workshop.
STALLS: dict[str, float] = {}


def _median(frames: Frames, gestures: list[Callable[[], None]], name: str = "",
            watch_ms: int = WATCH_MS) -> float:
    """The median time to the painted frame; with `name`, the longest stall of the event
    loop (the gesture itself, or work it left for later, watched for `watch_ms`) goes to
    STALLS."""
    times, stalls = [], []
    for gesture in gestures:
        times.append(frames.time(gesture))
        if name:
            stalls.append(max(times[-1], _loop_gaps(watch_ms)))
    if name:
        STALLS[name] = max(stalls)
    return statistics.median(times)


def _window(path: Path, workshop_id: int, folder: Path) -> Any:
    from rcdesk.app import build_window, make_application, user_settings

    make_application()
    window = build_window(path, user_settings(folder / "ui.ini"))
    window.resize(1280, 720)
    window.show()
    window.open_workshop(workshop_id)
    return window


def _rating_gestures(page: Any) -> tuple[list[Callable[[], None]], list[Callable[[], None]]]:
    """Key presses that rate REPEATS ties (digits 1-5), and the undo of each."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    scene, view = page.map.scene, page.map.view
    ties = list(scene.item_for_tie.values())[:REPEATS]
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5]

    def rate(i: int) -> Callable[[], None]:
        def gesture() -> None:
            scene.select_only(ties[i])
            view.setFocus()
            QTest.keyClick(view, keys[i % 5])
        return gesture

    def undo() -> None:
        page.stack.undo()

    return [rate(i) for i in range(len(ties))], [undo] * len(ties)


def measure(label: str, path: Path, workshop_id: int, folder: Path) -> list[tuple[str, float]]:
    """(gesture, median seconds) for one workshop."""
    from PySide6.QtWidgets import QApplication

    from rcdesk.ui import warm_up
    from rcdesk.ui.scores import chart_queue

    window = _window(path, workshop_id, folder)
    page = window.workshop_page
    frames = Frames(window)
    figures = [(f"{label}: {name}", value) for name, value in first_map_visit(page, frames)]
    page.show_stage(1)
    QApplication.processEvents()
    # After the first paint matplotlib is imported on a worker thread (ui/warm_up.py): the
    # window stays responsive meanwhile (its longest stall is the figure), and the gestures
    # are measured once it is done.
    figures.append((f"{label}: longest stall while charts warm up after opening",
                    _loop_gaps(1500)))
    warm_up.wait()
    rate, undo = _rating_gestures(page)

    def add(name: str, gestures: list[Callable[[], None]], watch_ms: int = WATCH_MS) -> None:
        figures.append((f"{label}: {name}", _median(frames, gestures, name, watch_ms)))
        figures.append((f"{label}:   longest stall (gesture or after it)", STALLS[name]))

    add("rate a tie with a key", rate)
    add("undo that rating", undo)
    add("redo", [page.stack.redo] * len(undo))
    add("stage switch (Overview / Map)", [lambda i=i: page.show_stage(i % 2)
                                          for i in range(REPEATS)])
    page.show_stage(1)
    started = time.perf_counter()
    first = frames.time(lambda: page.map_tabs.setCurrentIndex(1))
    drawn: list[float] = []  # the charts come in later turns (ui/scores/chart_queue.py)
    stall = max(first, _loop_gaps(1500, lambda: chart_queue.pending() == 0, drawn))
    figures.append((f"{label}: first visit of the Scores tab", first))
    figures.append((f"{label}:   longest stall (gesture or after it)", stall))
    figures.append((f"{label}:   until its charts are drawn",
                    (drawn[0] if drawn else time.perf_counter()) - started))
    add("tab switch (Map / Scores)", [lambda i=i: page.map_tabs.setCurrentIndex((i + 1) % 2)
                                      for i in range(REPEATS)])
    page.map_tabs.setCurrentIndex(0)
    add("projector mode on / off", [lambda i=i: window.set_projector_mode(i % 2 == 0)
                                    for i in range(REPEATS)], PROJECTOR_WATCH_MS)
    page.show_stage(1)

    def scores_after_rating() -> None:
        rate[0]()
        page.show_scores()

    def back_to_map() -> None:
        page.map_tabs.setCurrentIndex(0)
        QApplication.processEvents()

    times = []
    for _ in range(REPEATS):
        back_to_map()
        times.append(frames.time(scores_after_rating))
    figures.append((f"{label}: the Scores tab after a rating", statistics.median(times)))
    back_to_map()
    figures.extend((f"{label}: {name}", value)
                   for name, value in extra.first_visits(page, frames))
    page.show_stage(1)
    figures.extend((f"{label}: {name}", value)
                   for name, value in extra.reveal_steps(page, frames, REPEATS))
    figures.extend((f"{label}: {name}", value)
                   for name, value in extra.import_preview(page, folder))
    figures.extend((f"{label}: {name}", value)
                   for name, value in extra.pdf_export(window, page, folder))
    figures.append(_worst_stall(label, figures))
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return figures


def first_map_visit(page: Any, frames: Frames) -> list[tuple[str, float]]:
    """The first visit of the Map & Scores stage, from the Overview the window opens on: to
    its painted frame, the longest stall during or after it until the map is complete (its
    wave scored, every tie drawn), and how long until then. The Overview is shown first,
    with the work it leaves for after its first frame (as a facilitator sees it before
    choosing the stage: the pieces it queued, the map's code among them, ui/map/preload.py);
    matplotlib may still be warming up (ui/warm_up.py)."""
    from rcdesk.ui.map import preload
    from rcdesk.ui.scores import chart_queue

    _loop_gaps(WATCH_MS)  # (the window's first frame: cold_start.py measures it)
    before = _loop_gaps(MAP_WATCH_MS, lambda: chart_queue.pending() == 0 and preload.done(),
                        [])
    started = time.perf_counter()
    first = frames.time(lambda: page.show_stage(1))
    done: list[float] = []
    stall = max(first, _loop_gaps(MAP_WATCH_MS, lambda: page.map.complete(), done))
    return [("longest stall as the Overview finishes (the map's code imported)", before),
            ("first visit of Map & Scores", first),
            ("  longest stall (gesture or after it)", stall),
            ("  until the map is complete",
             (done[0] if done else time.perf_counter()) - started)]


def _worst_stall(label: str, figures: list[tuple[str, float]]) -> tuple[str, float]:
    """The longest stall of all (each stall row follows the gesture it belongs to)."""
    gesture, worst = "", ("", 0.0)
    for name, seconds in figures:
        what = name.removeprefix(f"{label}: ")
        if not what.startswith(" "):
            gesture = what
        if "stall" in what and seconds > worst[1]:
            worst = (gesture, seconds)
    return f"{label}: longest event-loop stall ({worst[0]})", worst[1]


def baseline(folder: Path) -> float:
    """An empty widget of the window's size, repainted: the frame's floor on this machine."""
    from PySide6.QtWidgets import QApplication, QWidget

    from rcdesk.app import make_application

    make_application()
    widget = QWidget()
    widget.resize(1280, 720)
    widget.show()
    QApplication.processEvents()
    frames = Frames(widget)
    value = _median(frames, [widget.update] * REPEATS)
    widget.close()
    return value


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        base = baseline(folder)
        rows = []
        for label, build in (("sample", sample_library), ("large", large_library)):
            path = folder / f"{label}.sqlite"
            workshop_id = build(path)
            for gesture, seconds in measure(label, path, workshop_id, folder):
                rows.append((gesture, seconds, "empty window repaint", base))
        return rows


def main() -> int:
    from benchmarks.timing import pace_line

    print(pace_line(), flush=True)
    for name, seconds, base_name, base in run():
        print(f"{name:64} {seconds:8.3f}  {base_name:24} {base:8.4f} {seconds / base:8.1f}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
