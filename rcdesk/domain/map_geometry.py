"""The map's geometry that both layouts (analysis) and drawing (reports, ui) rely on.

A role is drawn as a circle of NODE_RADIUS scene units; layouts keep roles far enough
apart for it and for the label below it. One place, so the two never disagree.
"""

from __future__ import annotations

NODE_RADIUS = 46.0
