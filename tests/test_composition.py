"""Where a workshop's services are made: once, in its session (services/session.py).

The window builds one `WorkshopSession` when it opens a workshop; pages and widgets take
their services from it (`model.session.gaps`). A widget that builds a `*Service` itself
would hold its own copy, outside the session the rest of the window shares.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import rcdesk

PACKAGE = Path(rcdesk.__file__).resolve().parent


def service_constructions(source: str, module: str) -> list[str]:
    """`module:line builds X` for every call of a name ending in "Service" (`GapsService(…)`,
    `services.gaps.GapsService(…)`)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name.endswith("Service") and name[:1].isupper():
            found.append(f"{module}:{node.lineno} builds {name}")
    return found


def ui_sources() -> list[Path]:
    return sorted((PACKAGE / "ui").rglob("*.py"))


def test_no_widget_builds_a_service() -> None:
    found: list[str] = []
    for path in ui_sources():
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found += service_constructions(path.read_text(encoding="utf-8"), module)
    assert found == [], "take the service from model.session instead:\n" + "\n".join(found)


@pytest.mark.parametrize("line", [
    "self.service = GapsService(model.service)",
    "scores = ScoresService(service.library, service.workshop_id)",
    "walk = walkthrough.WalkthroughService(model.service, clock)",
    "def f(model):\n    return PulseService(model.service).state(1)",
    "x = [CapturesService(m) for m in models]",
])
def test_the_check_catches_a_widget_building_a_service(line: str) -> None:
    """Mutation check: each way a widget could build a service is found."""
    assert service_constructions(line, "rcdesk.ui.example")


@pytest.mark.parametrize("line", [
    "self.service = model.session.gaps",
    "service: GapsService = model.session.gaps",
    "isinstance(x, PulseService)",
    "self.services = services(model)",
])
def test_the_check_lets_a_widget_take_a_service(line: str) -> None:
    assert service_constructions(line, "rcdesk.ui.example") == []
