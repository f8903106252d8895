"""SQL lives in `rcdesk/store/`: services speak in domain objects, rows and edits.

A module outside the store that holds an SQL statement, or runs one (`.execute`,
`.executemany`, `.executescript`, `.query`), fails here; no module is excused.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import rcdesk

PACKAGE = Path(rcdesk.__file__).resolve().parent

STATEMENT = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|PRAGMA|REPLACE)\b")
RUNS_SQL = frozenset({"execute", "executemany", "executescript", "query"})


def sql_uses(source: str, module: str) -> list[str]:
    """`module:line …` for every SQL statement written, or run, in `source`."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        text = None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            text = first.value if isinstance(first, ast.Constant) else None
        if isinstance(text, str) and STATEMENT.match(text):
            found.append(f"{module}:{node.lineno} writes SQL {text.strip()[:40]!r}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in RUNS_SQL:
            found.append(f"{module}:{node.lineno} runs SQL (.{node.func.attr})")
    return sorted(set(found))


def outside_store() -> list[tuple[Path, str]]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if not name.startswith("rcdesk.store") and "resources" not in parts:
            modules.append((path, name))
    return modules


def test_sql_only_in_the_store() -> None:
    found: list[str] = []
    for path, module in outside_store():
        found += sql_uses(path.read_text(encoding="utf-8"), module)
    assert found == [], "move these into a named function of rcdesk/store/:\n" + "\n".join(found)


@pytest.mark.parametrize("source", [
    'db.execute("DELETE FROM pulses WHERE id = ?", [1])',
    'rows = list(db.query("SELECT * FROM decks WHERE id = ?", [2]))',
    'sql = f"UPDATE {table} SET x = ? WHERE id = ?"',
    'conn.executemany(sql, rows)',
    'SQL = """\n    SELECT id FROM roles\n"""',
    'x = "WITH t AS (SELECT 1) SELECT * FROM t"',
    'db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")',
    'def f(db):\n    return db.conn.executescript(script)',
])
def test_the_check_catches_sql_outside_the_store(source: str) -> None:
    """Mutation check: each way a service could hold or run SQL is found."""
    assert sql_uses(source, "rcdesk.services.example")


@pytest.mark.parametrize("source", [
    'text = "Delete role"',
    'title = "Update the agenda"',
    'rows = rows_matching(db, "decks", id=2)',
    'label = "Select the ties to delete first."',
    'x = f"Created {when}"',
])
def test_the_check_lets_plain_words_through(source: str) -> None:
    assert sql_uses(source, "rcdesk.services.example") == []
