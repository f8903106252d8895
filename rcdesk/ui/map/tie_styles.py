"""How the map's ties are coloured and numbered under the lens: the band of their score
(overall RC or one dimension), asymmetric pairs, hidden scores, or the change since an
earlier wave. A new lens styles the ties here (the scene calls these from apply_lens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rcdesk.analysis.rc_scores import WaveComparison
from rcdesk.domain.bands import band_for, score_text
from rcdesk.reports import map_style as ms

if TYPE_CHECKING:
    from rcdesk.ui.map.scene import MapScene


def style_scores(scene: MapScene) -> None:
    """Each tie in the band of its score under the lens, with its number (small maps)."""
    lens, scores = scene.lens, scene.scores
    settings = scene.model.service.workshop().settings
    asymmetric = asymmetric_ties(scene)
    label_values = len(scene.item_for_tie) <= ms.MAX_VALUE_LABELS
    decimals = 1 if lens.projector else 2
    value_pt = scene.value_pt()
    for item in scene.item_for_tie.values():
        score = scores.tie(item.source_id, item.target_id) if scores else None
        hidden = lens.hidden and item.tie_id not in lens.revealed
        value = score.value(lens.key) if score is not None else None
        band = band_for(value, settings.weak_below, settings.strong_above)
        item.set_style(ms.band_style(band, hidden), item.tie_id in asymmetric)
        text = "" if hidden or value is None else score_text(
            value, decimals, settings.weak_below, settings.strong_above)
        if score is not None and score.suppressed and not hidden:
            text = f"n<{scores.min_respondents if scores else 3}"
        item.show_value(text if label_values else "", value_pt)


def style_change(scene: MapScene, comparison: WaveComparison) -> None:
    """Each tie by how it changed since the earlier wave, with the change as its number."""
    lens = scene.lens
    changes = {(c.source_id, c.target_id): c for c in comparison.ties}
    label_values = len(scene.item_for_tie) <= ms.MAX_VALUE_LABELS
    value_pt = scene.value_pt()
    decimals = 1 if lens.projector else 2
    for item in scene.item_for_tie.values():
        change = changes.get((item.source_id, item.target_id))
        hidden = lens.hidden and item.tie_id not in lens.revealed
        kind = change.kind.value if change is not None else "lost"
        style = ms.HIDDEN_STYLE if hidden else ms.CHANGE_STYLES[kind]
        item.set_style(style, False)
        delta = change.delta if change is not None and not hidden else None
        text = "" if delta is None else f"{delta:+.{decimals}f}"
        item.show_value(text if label_values else "", value_pt)


def asymmetric_ties(scene: MapScene) -> set[int]:
    """The ties of pairs whose two directions differ (when that lens is on)."""
    lens, scores = scene.lens, scene.scores
    if not lens.asymmetry or scores is None or lens.hidden:
        return set()
    from rcdesk.analysis.network import asymmetric_pairs

    pairs = asymmetric_pairs(scene.model.service.ties(), scores, lens.key)
    wanted = {pair for p in pairs
              for pair in ((p.source_id, p.target_id), (p.target_id, p.source_id))}
    return {item.tie_id for item in scene.item_for_tie.values()
            if (item.source_id, item.target_id) in wanted}
