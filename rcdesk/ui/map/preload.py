"""The Map & Scores stage's code, imported in idle turns once a workshop is on screen.

The stage's first visit in a session imported some forty modules of map code first (70 ms
on an idle machine, 140 ms with no compiled files; issue 23). `start` queues their import
after the workshop's first frame, one group of modules per turn of the event loop (in
chart_queue's queue, with the charts' pieces), so a click or a paint waits at most for one
group. A group not loaded yet when the stage is opened is imported then, as before: the
import system loads each module once, whoever asks first. None of these modules imports
what ui/warm_up.py's worker imports (matplotlib, numpy), so the two never meet mid-import.
"""

from __future__ import annotations

import importlib
from functools import partial

from PySide6.QtCore import QObject

from rcdesk.ui.scores import chart_queue

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
    """Queue the groups' imports, one a turn (dropped if `owner` goes first)."""
    for group in GROUPS:
        chart_queue.enqueue(partial(_load, group), owner)


def _load(group: tuple[str, ...]) -> None:
    for name in group:
        importlib.import_module(name)
