"""The Map page's map of a big survey wave (a mixin of MapPage): the wave is scored off the
UI thread (ui/scores/scoring.py), the map shows its roles meanwhile (the scene is told
SCORING), then its ties, made and drawn in pieces; the tables follow once all are in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rcdesk.domain.scores import WaveScores
from rcdesk.ui.map.scene import SCORING, MapScene, Scoring

if TYPE_CHECKING:
    from rcdesk.ui.scores.scoring import WaveScoring


class ScoredMap:
    """A big wave's scores on their way, then on the map (MapPage holds the scene)."""

    scene: MapScene
    scoring: WaveScoring
    _refreshed_version: int

    if TYPE_CHECKING:
        def wave_scores(self, wave_id: int | None) -> WaveScores | None: ...

        def _place_legend(self) -> None: ...

        def refresh_tables(self, ratings_only: bool = False) -> None: ...

    def _scene_scores(self, wave_id: int | None) -> WaveScores | Scoring | None:
        """The map's scores: SCORING while a big wave is scored off the UI thread."""
        if wave_id is not None and self.scoring.later(wave_id):
            return SCORING
        return self.wave_scores(wave_id)

    def _on_scored(self, wave_id: int) -> None:
        """A big wave's scores are in: the map shows them with its ties, made and drawn in
        pieces (the tables follow once every tie is in: _on_ties_complete)."""
        if wave_id == self.scene.wave_id and (self.scene.pending or self.scene.rescoring):
            self.scene.restyle()
            if not self.scene.building():
                self._on_ties_complete()

    def _on_ties_complete(self) -> None:
        self._refreshed_version = self.scene.version
        self._place_legend()
        self.refresh_tables()

    def complete(self) -> bool:
        """Whether the map shows everything: its wave scored, every tie made and drawn."""
        scene = self.scene
        return not (scene.pending or scene.rescoring or scene.building()) and \
            scene.tie_layer.drawn()
