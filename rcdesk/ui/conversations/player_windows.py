"""Where the room's window is: the projector when there are two screens, else behind the
presenter toggle on the laptop's only screen; the keyboard stays on the laptop.

A part of the Player (player.py), kept apart so the player's class stays small: these
methods read the player's views, its screen plan and whether the walkthrough runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication

from rcdesk.services.walkthrough import WalkthroughService
from rcdesk.ui.conversations.audience import AudienceView
from rcdesk.ui.conversations.facilitator import FacilitatorView
from rcdesk.ui.conversations.screens import ScreenPlan, plan_screens


class ScreenLike(Protocol):
    """What the player reads of a screen (a QScreen; tests pass stand-ins)."""

    def geometry(self) -> QRect: ...

    def name(self) -> str: ...


ScreensProvider = Callable[[], Sequence[ScreenLike]]


class RoomWindows:
    audience: AudienceView
    facilitator: FacilitatorView
    plan: ScreenPlan
    screens: ScreensProvider
    walk: WalkthroughService

    def toggle_blank(self) -> None:
        raise NotImplementedError

    def toggle_presenter(self) -> None:
        """One screen: switch between the two views. Two screens: blank the projector (or
        show it again); its window stays up, so the room never sees the desktop."""
        if self.plan.two_screens:
            if not self.audience.isVisible():
                self._show_audience()
            self.toggle_blank()
        elif self.audience.isVisible():
            self._show_facilitator()
        else:
            self._show_audience()

    def toggle_audience_full_screen(self) -> None:
        if self.audience.isFullScreen():
            self.audience.showNormal()
        else:
            self.audience.showFullScreen()
        self._after_audience_change()

    def _after_audience_change(self) -> None:
        """With two screens the laptop keeps the keyboard whatever the room's window did."""
        if self.plan.two_screens and self.walk.running:
            window = self.facilitator.window()
            window.raise_()
            window.activateWindow()
            focus = QApplication.focusWidget()
            if focus is None or not self.facilitator.isAncestorOf(focus):
                self.facilitator.setFocus()

    def _place_audience(self) -> None:
        screens = self.screens()
        here = self.facilitator.window().screen()
        primary = next((i for i, screen in enumerate(screens) if screen is here), 0)
        self.plan = plan_screens(
            [(s.geometry().x(), s.geometry().y(), s.geometry().width(), s.geometry().height())
             for s in screens], [s.name() for s in screens], primary)
        self._show_audience()

    def _show_audience(self) -> None:
        screens = self.screens()
        if screens and self.plan.audience < len(screens):
            target = screens[self.plan.audience]
            if isinstance(target, QScreen):
                self.audience.setScreen(target)
            self.audience.setGeometry(target.geometry())
        self.audience.showFullScreen()
        if not self.plan.two_screens:
            self.audience.raise_()
            self.audience.activateWindow()
            self.audience.setFocus()
        self.facilitator.buttons["presenter"].setText("Facilitator view" if not
                                                      self.plan.two_screens else
                                                      "Blank projector")
        self.facilitator.buttons["presenter"].setVisible(not self.plan.two_screens)  # = B
        self._after_audience_change()

    def _show_facilitator(self) -> None:
        self.audience.close_handler = None
        self.audience.hide()
        self.audience.close_handler = self._on_audience_closed
        window = self.facilitator.window()
        window.raise_()
        window.activateWindow()
        self.facilitator.setFocus()
        self.facilitator.buttons["presenter"].setText("Audience view" if not
                                                      self.plan.two_screens else
                                                      "Show projector")

    def _on_audience_closed(self) -> None:
        """The audience window was closed by hand: the walkthrough goes on."""
        self._show_facilitator()
