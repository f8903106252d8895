"""Which screen shows what: the audience view goes to the projector, notes stay on the laptop.

A pure function of the screens' geometries, names and the primary index, so it is
tested without real monitors. With two or more screens the facilitator keeps the
primary screen (the laptop) and the audience view goes full-screen on the largest
other screen (ties: the one named like a projector, then the first); with one
screen the presenter toggle switches between the two views.
"""

from __future__ import annotations

from dataclasses import dataclass

Rect = tuple[int, int, int, int]  # x, y, width, height

_PROJECTOR_WORDS = ("hdmi", "vga", "dp", "displayport", "projector", "beamer", "dvi")


@dataclass(frozen=True)
class ScreenPlan:
    facilitator: int  # index of the laptop screen
    audience: int  # index of the screen the room sees (== facilitator with one screen)

    @property
    def two_screens(self) -> bool:
        return self.audience != self.facilitator


def plan_screens(geometries: list[Rect], names: list[str], primary: int) -> ScreenPlan:
    """Choose the facilitator's and the audience's screen (indexes into `geometries`)."""
    if not geometries:
        return ScreenPlan(0, 0)
    primary = primary if 0 <= primary < len(geometries) else 0
    others = [i for i in range(len(geometries)) if i != primary
              and not _mirrors(geometries[i], geometries[primary])]
    if not others:
        return ScreenPlan(primary, primary)

    def rank(index: int) -> tuple[int, int, int]:
        x, y, w, h = geometries[index]
        name = names[index].lower() if index < len(names) else ""
        looks_like_projector = any(word in name for word in _PROJECTOR_WORDS)
        return (w * h, 1 if looks_like_projector else 0, -index)

    return ScreenPlan(primary, max(others, key=rank))


def _mirrors(a: Rect, b: Rect) -> bool:
    """A screen mirroring the laptop (same place, same size) is not a second screen."""
    return a == b
