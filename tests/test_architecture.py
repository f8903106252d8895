"""The layer rule of architecture.md §1, checked on the source with ast.

domain imports only the standard library; nothing below the UI imports Qt; store,
services, analysis and reports only look downwards.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path

import pytest

import rcdesk

PACKAGE = Path(rcdesk.__file__).resolve().parent
QT = ("PySide6", "shiboken6")
QT_BACKENDS = ("matplotlib.backends.backend_qt", "matplotlib.backends.backend_qtagg")
UI = ("rcdesk.ui", "rcdesk.app")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, module: str, *, top_level_only: bool = False,
            is_package: bool = False) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in `source`.

    With top_level_only, imports inside function bodies (run lazily) are skipped;
    class bodies and module-level if/try blocks run at import time and are kept.
    """
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if top_level_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from rcdesk import ui` imports rcdesk.ui: count the names as modules too.
            found.extend((node.lineno, f"{target}.{alias.name}") for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found + dynamic_imports(source)


def dynamic_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every `importlib.import_module("…")` or `__import__("…")` call
    naming its module as a literal: a dynamic import is an import too."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0]
        if name in ("import_module", "__import__") and isinstance(first, ast.Constant) \
                and isinstance(first.value, str):
            found.append((node.lineno, first.value))
    return found


def matches(name: str, prefixes: Iterable[str]) -> bool:
    """`name` is one of the modules or inside it; any of matplotlib's Qt backends
    (backend_qt, backend_qtagg, backend_qt5agg…) counts as QT_BACKENDS."""
    if name.startswith("matplotlib.backends.backend_qt") and set(prefixes) & set(QT_BACKENDS):
        return True
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def report(module: str, bad: Iterable[tuple[int, str]]) -> list[str]:
    """One line per offending import (`from x import y` is not reported again as x.y)."""
    lines: list[str] = []
    seen: list[tuple[int, str]] = []
    for line, name in bad:
        if not any(line == seen_line and matches(name, [seen_name])
                   for seen_line, seen_name in seen):
            seen.append((line, name))
            lines.append(f"{module}:{line} imports {name}")
    return lines


def violations(source: str, module: str, forbidden: Iterable[str], *,
               top_level_only: bool = False, is_package: bool = False) -> list[str]:
    forbidden = tuple(forbidden)
    found = imports(source, module, top_level_only=top_level_only, is_package=is_package)
    return report(module, [(line, name) for line, name in found if matches(name, forbidden)])


def non_stdlib(source: str, module: str, allowed: Iterable[str], *,
               is_package: bool = False) -> list[str]:
    allowed = tuple(allowed)
    found = imports(source, module, is_package=is_package)
    return report(module, [
        (line, name) for line, name in found
        if name.split(".")[0] not in sys.stdlib_module_names and not matches(name, allowed)
    ])


def sources(*relative: str) -> list[Path]:
    """The .py files of the given subpackages or modules of rcdesk."""
    files: list[Path] = []
    for item in relative:
        path = PACKAGE / item
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    assert files, relative
    return files


def check(files: Iterable[Path], forbidden: Iterable[str], *,
          top_level_only: bool = False) -> list[str]:
    found: list[str] = []
    for path in files:
        found += violations(path.read_text(encoding="utf-8"), module_name(path), forbidden,
                            top_level_only=top_level_only, is_package=path.name == "__init__.py")
    return found


#: The only modules that may import Qt (an allow-list: every other module is headless,
#: including any module added later, which needs no list to be checked).
QT_ALLOWED = ("rcdesk.ui", "rcdesk.app", "rcdesk.selftest")
#: The `rcdesk` command's dispatcher: headless, but opens the app (lazily) when run bare.
DISPATCHER = PACKAGE / "cli" / "__init__.py"


def headless_sources() -> list[Path]:
    """Every module of rcdesk outside QT_ALLOWED (the cli's dispatcher reaches the app
    lazily)."""
    return [path for path in sorted(PACKAGE.rglob("*.py"))
            if not matches(module_name(path), QT_ALLOWED) and "resources" not in path.parts]


# -- the rules -------------------------------------------------------------------------------


def test_domain_imports_only_the_standard_library() -> None:
    found: list[str] = []
    for path in sources("domain"):
        found += non_stdlib(path.read_text(encoding="utf-8"), module_name(path),
                            ["rcdesk.domain"], is_package=path.name == "__init__.py")
    assert found == []


def test_headless_layers_never_import_qt() -> None:
    files = [p for p in headless_sources() if p != DISPATCHER]
    assert len(files) > 120  # every module, not a hand-kept list
    assert check(files, (*QT, *QT_BACKENDS, *UI)) == []


def test_cli_imports_qt_and_the_app_only_lazily() -> None:
    assert check([DISPATCHER], (*QT, *UI), top_level_only=True) == []
    # ...and the lazy import really is there, so the check above is not vacuous.
    nested = check([DISPATCHER], ["rcdesk.app"])
    assert any("rcdesk.app" in v for v in nested)


def test_store_does_not_look_upwards() -> None:
    forbidden = ("rcdesk.services", "rcdesk.analysis", "rcdesk.reports", *UI)
    assert check(sources("store"), forbidden) == []


def test_services_do_not_import_the_ui() -> None:
    assert check(sources("services"), UI) == []


def test_analysis_and_reports_are_plain_functions_of_domain_data() -> None:
    forbidden = ("rcdesk.store", "rcdesk.services", "matplotlib.pyplot", *UI)
    assert check(sources("analysis", "reports"), forbidden) == []


def test_headless_imports_leave_qt_unloaded() -> None:
    modules = [module_name(p) for p in headless_sources() if p.name != "__main__.py"]
    script = textwrap.dedent(
        f"""
        import importlib, sys
        for name in {modules!r}:
            importlib.import_module(name)
        print(sorted(m for m in sys.modules if m.split(".")[0] in {{"PySide6", "shiboken6"}}))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# -- the checker catches violations ----------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6",
        "import PySide6.QtWidgets as w",
        "from PySide6 import QtCore",
        "from PySide6.QtGui import QColor",
        "import shiboken6",
        "if True:\n    from PySide6 import QtCore",
        "try:\n    import PySide6\nexcept ImportError:\n    pass",
        "class A:\n    import PySide6",
        "def f():\n    import PySide6",
        "from ..ui import window",
        "from .. import ui",
        "from rcdesk import app",
        "import matplotlib.backends.backend_qtagg",
        "import matplotlib.backends.backend_qt5agg",
        "import importlib\nimportlib.import_module('PySide6.QtWidgets')",
        "from importlib import import_module\nimport_module('shiboken6')",
        "__import__('PySide6')",
    ],
)
def test_checker_flags_forbidden_imports(source: str) -> None:
    found = violations(source, "rcdesk.services.example", (*QT, *QT_BACKENDS, *UI))
    assert len(found) >= 1
    assert found[0].startswith("rcdesk.services.example:")


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6x",
        "from rcdesk.domain import model",
        "from ..domain.names import clean_name",
        "from . import edits",
        "import matplotlib.figure",
        "from rcdesk.uikit import x",
    ],
)
def test_checker_allows_clean_imports(source: str) -> None:
    assert violations(source, "rcdesk.services.example", (*QT, *QT_BACKENDS, *UI)) == []


def test_checker_lets_functions_import_lazily_only_when_asked() -> None:
    source = "import argparse\n\ndef run():\n    from rcdesk.app import run_app\n"
    assert violations(source, "rcdesk.cli", UI, top_level_only=True) == []
    assert violations(source, "rcdesk.cli", UI) == ["rcdesk.cli:4 imports rcdesk.app"]


def test_checker_resolves_relative_imports_in_packages() -> None:
    assert imports("from . import model", "rcdesk.domain", is_package=True)[0] == (
        1, "rcdesk.domain")
    assert imports("from .. import ui", "rcdesk.store.rows")[1] == (1, "rcdesk.ui")


def test_stdlib_check_flags_third_party_imports_in_domain() -> None:
    source = "from __future__ import annotations\nimport sqlite3\nimport networkx\n" \
             "from sqlite_utils import Database\nfrom rcdesk.store import rows\n" \
             "from rcdesk.domain.names import name_key\n"
    assert non_stdlib(source, "rcdesk.domain.example", ["rcdesk.domain"]) == [
        "rcdesk.domain.example:3 imports networkx",
        "rcdesk.domain.example:4 imports sqlite_utils",
        "rcdesk.domain.example:5 imports rcdesk.store",
    ]


# -- the import-linter contracts (pyproject.toml) ----------------------------------------------


#: The repository (the tests' own checkout): its pyproject.toml holds the contracts, and the
#: source tree is what they are checked on, whether or not rcdesk is installed elsewhere.
ROOT = Path(__file__).resolve().parents[1]


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter's contracts over the package in `root` (its own pyproject.toml)."""
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command;"
         " sys.exit(lint_imports_command())", "--no-cache"],
        cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True,
        timeout=300, check=False)


def test_the_layer_contracts_hold() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


def test_every_command_module_is_a_registered_command() -> None:
    """The command modules the independence contract covers (rcdesk.cli.commands.*) are
    exactly the registry's: no command lives elsewhere, no helper hides among them."""
    from rcdesk.cli.registry import COMMANDS

    found = {p.stem for p in (PACKAGE / "cli" / "commands").glob("*.py")} - {"__init__"}
    assert found == set(COMMANDS.values())


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("ui/overview/page.py", "from rcdesk.store import survey", "reaches the library"),
    ("analysis/layouts.py", "from rcdesk.reports import map_style", "Layers"),
    ("services/gaps.py", "from rcdesk.ui import widgets", "Layers"),
    ("cli/commands/show_pulse.py", "import PySide6.QtWidgets", "Headless commands"),
    ("cli/library.py", "from rcdesk.ui import widgets", "Headless commands"),
    ("cli/commands/scores.py", "from rcdesk.cli.commands import show_pulse",
     "another command's module"),
    ("cli/commands/demo.py", "from rcdesk.cli.commands.listing import run", "another command"),
    # through a chain: every writing command imports cli/library.py
    ("cli/library.py", "from rcdesk.cli.commands import listing", "another command's module"),
    ("domain/names.py", "import networkx", "third-party"),
])
def test_each_kind_of_breach_breaks_a_contract(tmp_path: Path, module: str, line: str,
                                               contract: str) -> None:
    """A copy of the package with one forbidden import: import-linter says which contract."""
    shutil.copytree(ROOT / "rcdesk", tmp_path / "rcdesk",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "rcdesk" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n",
                      encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    broken = done.stdout[done.stdout.index("Broken contracts"):]
    assert contract in broken, broken[:2000]
