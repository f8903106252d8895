"""Schema versions as a `PRAGMA user_version` ladder.

Each step runs in its own explicit BEGIN IMMEDIATE … COMMIT, because in Python's
default transaction mode DDL does not open a transaction by itself. A new step is
appended to STEPS; existing steps are never edited once released.
"""

from __future__ import annotations

import sqlite3

SCHEMA_V1 = """
CREATE TABLE workshops (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL UNIQUE,
    team TEXT NOT NULL DEFAULT '',
    process TEXT NOT NULL DEFAULT '',
    facilitator TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    opened_at TEXT,
    weak_below REAL NOT NULL DEFAULT 3.5,
    strong_above REAL NOT NULL DEFAULT 4.0,
    anonymity_k INTEGER NOT NULL DEFAULT 3 CHECK (anonymity_k >= 3),
    paper_size TEXT NOT NULL DEFAULT 'A4' CHECK (paper_size IN ('A4', 'Letter')),
    CHECK (weak_below >= 1 AND strong_above <= 5 AND weak_below < strong_above)
);
CREATE TABLE roles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    headcount INTEGER CHECK (headcount IS NULL OR headcount >= 0),
    colour TEXT,
    x REAL,
    y REAL,
    UNIQUE (workshop_id, name_key)
);
CREATE TABLE waves (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    date TEXT,
    UNIQUE (workshop_id, name_key)
);
CREATE TABLE ties (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    UNIQUE (source_id, target_id)
);
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tie_id INTEGER NOT NULL REFERENCES ties(id) ON DELETE CASCADE,
    wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    dimension TEXT NOT NULL CHECK (dimension IN ('frequent', 'timely', 'accurate',
        'problem_solving', 'shared_goals', 'shared_knowledge', 'mutual_respect', 'overall')),
    value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
    UNIQUE (tie_id, wave_id, dimension)
);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('kickoff', 'huddle')),
    date TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX roles_workshop ON roles (workshop_id, position);
CREATE INDEX waves_workshop ON waves (workshop_id, position);
CREATE INDEX ties_workshop ON ties (workshop_id);
CREATE INDEX ties_target ON ties (target_id);
CREATE INDEX ratings_wave ON ratings (wave_id);
CREATE INDEX meetings_workshop ON meetings (workshop_id, date);
"""

SCHEMA_V2 = """
ALTER TABLE roles ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
ALTER TABLE workshops ADD COLUMN descriptions TEXT NOT NULL DEFAULT '{}';
ALTER TABLE workshops ADD COLUMN change_threshold REAL NOT NULL DEFAULT 0.25
    CHECK (change_threshold > 0 AND change_threshold <= 4);
CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    respondent TEXT NOT NULL,
    source_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    frequent INTEGER CHECK (frequent BETWEEN 1 AND 5),
    timely INTEGER CHECK (timely BETWEEN 1 AND 5),
    accurate INTEGER CHECK (accurate BETWEEN 1 AND 5),
    problem_solving INTEGER CHECK (problem_solving BETWEEN 1 AND 5),
    shared_goals INTEGER CHECK (shared_goals BETWEEN 1 AND 5),
    shared_knowledge INTEGER CHECK (shared_knowledge BETWEEN 1 AND 5),
    mutual_respect INTEGER CHECK (mutual_respect BETWEEN 1 AND 5),
    UNIQUE (wave_id, respondent, target_id)
);
CREATE INDEX survey_responses_tie ON survey_responses (wave_id, source_id, target_id);
CREATE INDEX survey_responses_source ON survey_responses (source_id);
CREATE INDEX survey_responses_target ON survey_responses (target_id);
"""

#: STEPS[i] brings a library from user_version i to i + 1.
STEPS: tuple[str, ...] = (SCHEMA_V1, SCHEMA_V2)

SCHEMA_VERSION = len(STEPS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every missing step, each atomically; return the number of steps applied."""
    start = user_version(conn)
    for version in range(start, SCHEMA_VERSION):
        statements = [s.strip() for s in STEPS[version].split(";") if s.strip()]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION - start
