"""The Map & Scores stage's code, imported in idle turns once a workshop is on screen.

The stage's first visit in a session imported some forty modules of map code first (70 ms
on an idle machine, 140 ms with no compiled files; issue 23). `start` queues their import
after the workshop's first frame, one group of modules per turn of the event loop, so a
click or a paint waits at most for one group. The groups go by their own zero-time timers,
not in chart_queue's queue: that queue runs in order, and a page's pieces queued behind
eight imports waited for them all (a stage opened just after the workshop). A group not
loaded yet when the stage is opened is imported then, as before: the import system loads
each module once, whoever asks first. None of these modules imports
what ui/warm_up.py's worker imports (matplotlib, numpy), so the two never meet mid-import.
"""

from __future__ import annotations

import importlib
import sys
from functools import partial

from PySide6.QtCore import QObject, QTimer

#: Bottom up, so each group finds what it needs already loaded; the page last.
GROUPS: tuple[tuple[str, ...], ...] = (
    ("rcdesk.analysis.network", "rcdesk.analysis.layouts", "rcdesk.analysis.live_scores",
     "rcdesk.analysis.disagreement", "rcdesk.domain.map_geometry"),
    ("rcdesk.reports.map_style", "rcdesk.reports.label_placement", "rcdesk.reports.label_fit",
     "rcdesk.reports.map_ties"),
    ("rcdesk.ui.map.tie_styles", "rcdesk.ui.map.restyle", "rcdesk.ui.map.items",
     "rcdesk.ui.map.tie_item", "rcdesk.ui.map.tie_index", "rcdesk.ui.map.tie_patch",
     "rcdesk.ui.map.tie_render"),
    ("rcdesk.ui.map.tie_layer", "rcdesk.ui.map.scene_ties", "rcdesk.ui.map.scene",
     "rcdesk.ui.map.fitting", "rcdesk.ui.map.labels"),
    ("rcdesk.ui.map.interactions", "rcdesk.ui.map.view", "rcdesk.ui.map.legend",
     "rcdesk.ui.map.disagreement_lens", "rcdesk.ui.background", "rcdesk.ui.map.arrange"),
    ("rcdesk.ui.map.tie_panel", "rcdesk.ui.map.ties_table", "rcdesk.ui.map.roles_table",
     "rcdesk.ui.map.page_rating", "rcdesk.ui.map.page_lens", "rcdesk.ui.map.page_metrics",
     "rcdesk.ui.map.page_export"),
    ("rcdesk.services.scores", "rcdesk.ui.scores.scoring", "rcdesk.ui.map.page_scoring",
     "rcdesk.ui.lazy_tabs"),
    ("rcdesk.ui.map.page",),
)


def start(owner: QObject) -> None:
    """Import the groups, one a turn, from the next turn on (dropped if `owner` goes)."""
    _next(owner, 0)


def done() -> bool:
    """Whether every group is imported (for the benchmark and tests)."""
    return all(name in sys.modules for group in GROUPS for name in group)


def _next(owner: QObject, index: int) -> None:
    if index < len(GROUPS):
        QTimer.singleShot(0, owner, partial(_load, owner, index))


def _load(owner: QObject, index: int) -> None:
    for name in GROUPS[index]:
        importlib.import_module(name)
    _next(owner, index + 1)
