"""Reading the map as a network (domain.md §3): counts, brokers, weak and asymmetric ties.

Decisions, so every view says the same thing:
- Tie counts (given/received) and "no strong tie" count ties BETWEEN roles only: a
  role's tie to itself is coordination inside the role (RoleScore.within), not a
  link to the rest of the process.
- Betweenness is computed on the directed graph of existing ties (rated or not),
  unweighted and normalised; self-loops do not change shortest paths. The (up to)
  three roles with the highest betweenness above zero are the candidate boundary
  spanners; equal values keep the roles' own order.
- Scores come from a WaveScores (survey or live) and only shown ties count.

networkx is imported inside the function that needs it: it costs about 0.15 s to
import, which the app's start-up should not pay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rcdesk.domain.bands import Band
from rcdesk.domain.model import Role, Tie
from rcdesk.domain.scores import TieScore, WaveScores

BOUNDARY_SPANNERS = 3
ASYMMETRY_THRESHOLD = 1.0


@dataclass(frozen=True)
class RoleMetrics:
    role_id: int
    ties_given: int  # ties to other roles
    ties_received: int  # ties from other roles
    mean_given: float | None  # mean RC of shown ties to other roles
    mean_received: float | None
    betweenness: float  # directed, unweighted, normalised to 0..1
    boundary_spanner: bool  # among the top three by betweenness (> 0)
    has_strong_tie: bool  # a shown strong tie given to or received from another role


@dataclass(frozen=True)
class NetworkMetrics:
    roles: tuple[RoleMetrics, ...]  # in the order of the roles given
    boundary_spanners: tuple[int, ...]  # role ids, highest betweenness first
    without_strong_tie: tuple[int, ...]  # role ids, in role order
    overall_rc: float | None  # mean RC of all shown ties
    between_roles_rc: float | None  # mean RC of shown ties between different roles

    def role(self, role_id: int) -> RoleMetrics:
        for item in self.roles:
            if item.role_id == role_id:
                return item
        raise KeyError(role_id)


@dataclass(frozen=True)
class AsymmetricPair:
    """Two roles that see their tie differently: source rates target higher."""

    source_id: int
    target_id: int
    higher: float  # source → target
    lower: float  # target → source

    @property
    def gap(self) -> float:
        return self.higher - self.lower


def network_metrics(roles: Sequence[Role], ties: Sequence[Tie],
                    scores: WaveScores | None) -> NetworkMetrics:
    """Per-role counts, mean RC and betweenness, brokers and roles without a strong tie."""
    between = [t for t in ties if not t.is_within_role]
    given = {r.id: 0 for r in roles}
    received = {r.id: 0 for r in roles}
    for tie in between:
        given[tie.source_id] = given.get(tie.source_id, 0) + 1
        received[tie.target_id] = received.get(tie.target_id, 0) + 1
    centrality = betweenness(roles, ties)
    spanners = _top_spanners(roles, centrality)
    strong = _roles_with_strong_tie(scores)
    role_scores = {r.role_id: r for r in scores.roles} if scores else {}
    metrics = tuple(
        RoleMetrics(
            role_id=r.id,
            ties_given=given[r.id],
            ties_received=received[r.id],
            mean_given=role_scores[r.id].given if r.id in role_scores else None,
            mean_received=role_scores[r.id].received if r.id in role_scores else None,
            betweenness=centrality[r.id],
            boundary_spanner=r.id in spanners,
            has_strong_tie=r.id in strong,
        )
        for r in roles
    )
    return NetworkMetrics(
        roles=metrics,
        boundary_spanners=spanners,
        without_strong_tie=tuple(r.id for r in roles if r.id not in strong),
        overall_rc=scores.overall.rc if scores else None,
        between_roles_rc=scores.overall.between_roles if scores else None,
    )


def betweenness(roles: Sequence[Role], ties: Sequence[Tie]) -> dict[int, float]:
    """Directed, unweighted, normalised betweenness centrality of every role.

    It depends only on which ties exist, not on their ratings, and costs about a
    second on a 200-role / 4,000-tie map, so the last few graphs are remembered.
    """
    nodes = tuple(r.id for r in roles)
    edges = frozenset((t.source_id, t.target_id) for t in ties if not t.is_within_role)
    return dict(_betweenness(nodes, edges))


@lru_cache(maxsize=4)
def _betweenness(nodes: tuple[int, ...], edges: frozenset[tuple[int, int]]
                 ) -> tuple[tuple[int, float], ...]:
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    values: dict[int, float] = nx.betweenness_centrality(graph, normalized=True)
    return tuple((node, float(values.get(node, 0.0))) for node in nodes)


def _top_spanners(roles: Sequence[Role], centrality: dict[int, float]) -> tuple[int, ...]:
    order = {r.id: i for i, r in enumerate(roles)}
    # Rounded so that float noise between equal values never reorders roles.
    ranked = sorted((r.id for r in roles if centrality[r.id] > 1e-12),
                    key=lambda rid: (-round(centrality[rid], 9), order[rid]))
    return tuple(ranked[:BOUNDARY_SPANNERS])


def _roles_with_strong_tie(scores: WaveScores | None) -> set[int]:
    strong: set[int] = set()
    for tie in scores.ties if scores else ():
        if tie.shown and tie.band is Band.STRONG and tie.source_id != tie.target_id:
            strong.update((tie.source_id, tie.target_id))
    return strong


def _value(score: TieScore | None, lens: str | None) -> float | None:
    return score.value(lens) if score is not None else None


def weakest_first(ties: Sequence[Tie], scores: WaveScores | None,
                  lens: str | None = None) -> list[Tie]:
    """Ties ordered by their value on the lens (RC or one dimension), lowest first.

    Ties without a shown value (unrated, suppressed, or no scores) come last; equal
    values keep the order of `ties`.
    """
    lookup = {(t.source_id, t.target_id): t for t in scores.ties} if scores else {}

    def key(item: tuple[int, Tie]) -> tuple[bool, float, int]:
        value = _value(lookup.get((item[1].source_id, item[1].target_id)), lens)
        return (value is None, round(value, 9) if value is not None else 0.0, item[0])

    return [tie for _, tie in sorted(enumerate(ties), key=key)]


def asymmetric_pairs(ties: Sequence[Tie], scores: WaveScores | None, lens: str | None = None,
                     threshold: float = ASYMMETRY_THRESHOLD) -> list[AsymmetricPair]:
    """Pairs of roles whose two directions differ by at least `threshold` on the lens.

    Both directions must be shown. The difference is compared rounded to two
    decimals (like bands), so float noise never adds or drops a pair. Largest gap
    first; each pair appears once, oriented from the role that rates higher.
    """
    lookup = {(t.source_id, t.target_id): t for t in scores.ties} if scores else {}
    pairs: list[AsymmetricPair] = []
    seen: set[frozenset[int]] = set()
    for tie in ties:
        key = frozenset((tie.source_id, tie.target_id))
        if tie.is_within_role or key in seen:
            continue
        seen.add(key)
        forward = _value(lookup.get((tie.source_id, tie.target_id)), lens)
        backward = _value(lookup.get((tie.target_id, tie.source_id)), lens)
        if forward is None or backward is None or round(abs(forward - backward), 2) < threshold:
            continue
        if forward >= backward:
            pairs.append(AsymmetricPair(tie.source_id, tie.target_id, forward, backward))
        else:
            pairs.append(AsymmetricPair(tie.target_id, tie.source_id, backward, forward))
    return sorted(pairs, key=lambda p: -round(p.gap, 9))
