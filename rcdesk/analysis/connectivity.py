"""What holds the map together: the groups of roles that stay connected without one role.

A boundary spanner links roles that would otherwise not coordinate. Taking a candidate
out of the map and counting the groups left (ties followed either way, within-role ties
ignored) shows what breaks if that role is absent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def groups_without(role_ids: Sequence[int], pairs: Iterable[tuple[int, int]],
                   removed: int) -> list[list[int]]:
    """The connected groups of the other roles once `removed` is gone, each in the order
    of `role_ids`, largest group first (ties between groups broken by that order)."""
    remaining = [r for r in role_ids if r != removed]
    links: dict[int, set[int]] = {r: set() for r in remaining}
    for source, target in pairs:
        if source != target and source in links and target in links:
            links[source].add(target)
            links[target].add(source)
    order = {r: i for i, r in enumerate(remaining)}
    seen: set[int] = set()
    groups: list[list[int]] = []
    for start in remaining:
        if start in seen:
            continue
        group, stack = [], [start]
        seen.add(start)
        while stack:
            role = stack.pop()
            group.append(role)
            for other in links[role] - seen:
                seen.add(other)
                stack.append(other)
        groups.append(sorted(group, key=order.__getitem__))
    return sorted(groups, key=lambda g: (-len(g), order[g[0]]))
