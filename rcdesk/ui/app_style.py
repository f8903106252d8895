"""The application's style: Fusion, telling Python once when each widget is polished.

App-wide rules that must reach every widget, present and future (the wheel rule, the
projector mark on new windows), hook in here instead of an application event filter: a
filter on the application sees every event of every widget (paint, layout, timers…, ~600
a stage switch), each crossing into Python; a widget is polished once when it is first
shown, and again only when its style changes. With an application style sheet, Qt's sheet
style polishes through this style first, then styles the widget.

The hooks start after the first frame (`activate`, from the main window's first paint,
then on every widget polished so far): the application's style is a plain proxy of Fusion
from the start, and the hooked one becomes its base then, with no re-polish. Python's
`polish` override cannot run before: PySide's call of the base polish checks whether a
widget converts to a palette, which builds the Qt namespace's enum types (22 ms a start).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication, QProxyStyle, QWidget

PolishHook = Callable[[QWidget], None]
_OUTER = "rcdeskAppStyle"


class _Hooked(QProxyStyle):
    """Fusion with the polish hooks: the base of the application's proxy once active."""

    def __init__(self, hooks: dict[str, PolishHook]) -> None:
        super().__init__("Fusion")
        self.hooks = hooks

    def polish(self, target: Any) -> Any:
        if isinstance(target, QWidget):
            for hook in list(self.hooks.values()):
                hook(target)
        return super().polish(target)


class AppStyle(QProxyStyle):
    """The application's style (a proxy of Fusion; no Python runs in it until `activate`)."""

    hooks: dict[str, PolishHook]
    hooked: _Hooked | None


def app_style(app: QApplication) -> AppStyle:
    """The application's AppStyle, set (once, before any window is built) if missing."""
    style = app.property(_OUTER)
    if isinstance(style, AppStyle):
        return style
    style = AppStyle("Fusion")
    style.hooks, style.hooked = {}, None
    app.setStyle(style)  # the application owns it from here
    app.setProperty(_OUTER, style)
    return style


def add_polish_hook(app: QApplication, name: str, hook: PolishHook | None) -> None:
    """Run `hook` on every widget as it is polished, once the hooks are active (and on
    every widget there is when they become so); None removes the hook `name`."""
    hooks = app_style(app).hooks
    if hook is None:
        hooks.pop(name, None)
    else:
        hooks[name] = hook


def activate(app: QApplication) -> None:
    """Start the hooks (idempotent): they see every widget there is, then each new one."""
    style = app_style(app)
    if style.hooked is not None:
        return
    style.hooked = _Hooked(style.hooks)
    style.setBaseStyle(style.hooked)  # Qt polishes nothing again for a new base
    for widget in app.allWidgets():
        for hook in list(style.hooks.values()):
            hook(widget)


def is_active(app: QApplication) -> bool:
    return app_style(app).hooked is not None
