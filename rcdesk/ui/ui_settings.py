"""Per-user interface preferences in QSettings, declared in one table.

Workshop data and settings live in the library; only how the window looks and
where it was goes here. Tests pass a QSettings on a temporary file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Key:
    name: str
    type: type
    default: Any
    doc: str


KEYS = {
    k.name: k
    for k in (
        Key("window/geometry", QByteArray, QByteArray(), "Main window size and place."),
        Key("view/theme", str, "light", "light or dark when not in projector mode."),
        Key("view/projector", bool, False, "Projector mode: large type, high contrast."),
        Key("view/zoom", int, 0, "Interface zoom steps (each 10%)."),
    )
}


class UiSettings:
    def __init__(self, store: QSettings) -> None:
        self._store = store

    def get(self, name: str) -> Any:
        key = KEYS[name]
        value = self._store.value(name, key.default)
        if key.type is bool and isinstance(value, str):
            return value.lower() == "true"
        try:
            return key.type(value)
        except (TypeError, ValueError):
            return key.default

    def set(self, name: str, value: Any) -> None:
        if name not in KEYS:
            raise KeyError(name)
        self._store.setValue(name, value)

    def sync(self) -> None:
        self._store.sync()
