"""The application's style: Fusion, telling Python once when each widget is polished.

App-wide rules that must reach every widget, present and future (the wheel rule, the
projector mark on new windows), hook in here instead of an application event filter: a
filter on the application sees every event of every widget (paint, layout, timers…, ~600
a stage switch), each crossing into Python; a widget is polished once when it is first
shown, and again only when its style changes. With an application style sheet, Qt's sheet
style polishes through this style first, then styles the widget.

The hooks start after the first frame (`activate`, from the main window's first paint).
Until then the application keeps the Fusion style Qt made itself (theme.FUSION_ARGUMENTS)
and no Python style object exists: making one (even a plain proxy) makes PySide build the
Python side of QStyle, its 12 enum types with 577 members (47 M instructions, 4% of a cold
start). `activate` sets the hooked proxy of Fusion as the application's style: Qt polishes
every widget polished so far through it once (the hooks see each), and each new one as it
comes. Python's `polish` override could not run before the first frame anyway: PySide's
call of the base polish checks whether a widget converts to a palette, which builds the Qt
namespace's enum types (22 ms a start).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProxyStyle

PolishHook = Callable[[QWidget], None]

#: The hooks by name, and the hooked style once active (one application per process).
_HOOKS: dict[str, PolishHook] = {}
_ACTIVE: dict[int, QProxyStyle] = {}


def _hooked_style(hooks: dict[str, PolishHook]) -> QProxyStyle:
    """Fusion with the polish hooks (the class is made here: see the module's note)."""
    from PySide6.QtWidgets import QProxyStyle

    class Hooked(QProxyStyle):
        def polish(self, target: Any) -> Any:
            if isinstance(target, QWidget):
                for hook in list(hooks.values()):
                    hook(target)
            return super().polish(target)

    return Hooked("Fusion")


def add_polish_hook(app: QApplication, name: str, hook: PolishHook | None) -> None:
    """Run `hook` on every widget as it is polished, once the hooks are active (and on
    every widget there is when they become so); None removes the hook `name`."""
    if hook is None:
        _HOOKS.pop(name, None)
    else:
        _HOOKS[name] = hook


def activate(app: QApplication) -> None:
    """Start the hooks (idempotent): they see every widget there is, then each new one."""
    if is_active(app):
        return
    style = _hooked_style(_HOOKS)
    _ACTIVE[id(app)] = style
    # The application owns it; Qt polishes every widget polished so far through it (the
    # hooks see each), and the others as they are first shown.
    app.setStyle(style)


def is_active(app: QApplication) -> bool:
    return id(app) in _ACTIVE


def use_fusion(app: QApplication) -> None:
    """Make the application's style Fusion (the hooked one once active): for an
    application that was not created with theme.FUSION_ARGUMENTS."""
    style = _ACTIVE.get(id(app))
    if style is not None:
        app.setStyle(style)
    else:
        app.setStyle("Fusion")
