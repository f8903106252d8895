"""Map benchmarks: force-directed layout and the map image of a 200-role, 4,000-tie map.

Each action has the shape `action(folder: Path) -> None` used by benchmarks/__main__.py
(median_seconds), and BENCHMARKS lists (name, action, baseline name, baseline) rows
in the same shape as its table. Run alone with `python -m benchmarks.map_layout`.
The baseline is an empty matplotlib Figure drawn on the Agg canvas in the same run.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.timing import median_seconds

ROLES, TIES, SEED = 200, 4_000, 11


@functools.cache
def big_map() -> tuple[list[Any], list[Any], Any]:
    """Roles, ties and live scores of a random map (seeded: the same map every run)."""
    from rcdesk.analysis.live_scores import live_wave_scores
    from rcdesk.domain.dimensions import DIMENSION_KEYS
    from rcdesk.domain.model import Rating, Role, Tie

    rng = random.Random(SEED)
    roles = [Role(i + 1, 1, f"Role {i + 1}", i) for i in range(ROLES)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < TIES:
        pairs.add((rng.randint(1, ROLES), rng.randint(1, ROLES)))
    ties = [Tie(i + 1, 1, s, t) for i, (s, t) in enumerate(sorted(pairs))]
    ratings = [Rating(t.id, 1, key, rng.randint(1, 5)) for t in ties for key in DIMENSION_KEYS
               if rng.random() < 0.8]
    return roles, ties, live_wave_scores(roles, ties, ratings, 1, 3.5, 4.0)


@functools.cache
def placed_map() -> tuple[list[Any], list[Any], Any]:
    """The big map with every role placed by the spring layout."""
    from dataclasses import replace

    from rcdesk.analysis.layouts import spring_layout

    roles, ties, scores = big_map()
    places = spring_layout(roles, ties)
    return [replace(r, x=places[r.id][0], y=places[r.id][1]) for r in roles], ties, scores


def spring_layout_200(folder: Path) -> None:
    """Force-directed layout of 200 roles and 4,000 ties (networkx already imported)."""
    from rcdesk.analysis.layouts import spring_layout

    roles, ties, _ = big_map()
    spring_layout(roles, ties)


def map_figure_200(folder: Path) -> None:
    """Build the map Figure of the big map and render it on the Agg canvas (no file)."""
    from rcdesk.reports.map_image import map_figure

    roles, ties, scores = placed_map()
    map_figure(roles, ties, scores).canvas.draw()


def empty_figure(folder: Path) -> None:
    """Baseline: an empty Figure rendered on the Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    FigureCanvasAgg(Figure(figsize=(4, 3))).draw()


def warm_up() -> None:
    """Import networkx and matplotlib and build the map outside the timed runs."""
    import networkx  # noqa: F401

    placed_map()
    empty_figure(Path("."))


BENCHMARKS: tuple[tuple[str, Callable[[Path], None], str, Callable[[Path], None]], ...] = (
    ("spring layout, 200 roles / 4,000 ties", spring_layout_200,
     "empty matplotlib Figure (Agg)", empty_figure),
    ("map_figure + Agg draw, 200 roles / 4,000 ties", map_figure_200,
     "empty matplotlib Figure (Agg)", empty_figure),
)


def main() -> int:
    warm_up()
    print(f"{'benchmark':48} {'seconds':>8}  {'baseline':30} {'seconds':>8} {'ratio':>7}")
    for name, action, base_name, baseline in BENCHMARKS:
        measured, base = median_seconds(action), median_seconds(baseline)
        print(f"{name:48} {measured:8.3f}  {base_name:30} {base:8.4f} {measured / base:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
