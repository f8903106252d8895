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

#: Gaps, PDSA experiments and dated measure values (issue 6). A gap's tie and owner
#: role, and an experiment's previous cycle, are plain ids without a foreign key on
#: purpose: deleting a role or tie (or a cycle) must leave the gap exactly as it was,
#: so that undoing the deletion, which restores the same ids, restores the link too.
SCHEMA_V3 = """
CREATE TABLE gaps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    area_kind TEXT CHECK (area_kind IS NULL OR area_kind IN ('tie', 'dimension', 'outcome')),
    area_key TEXT,
    tie_id INTEGER,
    area_label TEXT NOT NULL DEFAULT '',
    current_state TEXT NOT NULL DEFAULT '',
    desired_state TEXT NOT NULL DEFAULT '',
    measure_name TEXT NOT NULL DEFAULT '',
    measure_unit TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
    baseline_value REAL,
    baseline_date TEXT,
    target_value REAL,
    target_date TEXT,
    priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),
    owner_role_id INTEGER,
    owner_name TEXT NOT NULL DEFAULT '',
    due TEXT,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    interventions TEXT NOT NULL DEFAULT '[]',
    created TEXT,
    CHECK (tie_id IS NULL OR area_kind = 'tie')
);
CREATE TABLE experiments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    gap_id INTEGER NOT NULL REFERENCES gaps(id) ON DELETE CASCADE,
    method TEXT NOT NULL DEFAULT 'improvement_science' CHECK (method IN
        ('improvement_science', 'lean', 'six_sigma', 'tqm', 'high_reliability')),
    change_idea TEXT NOT NULL,
    prediction TEXT NOT NULL DEFAULT '',
    prediction_why TEXT NOT NULL DEFAULT '',
    plan_who TEXT NOT NULL DEFAULT '',
    plan_what TEXT NOT NULL DEFAULT '',
    plan_when TEXT NOT NULL DEFAULT '',
    plan_where TEXT NOT NULL DEFAULT '',
    plan_data TEXT NOT NULL DEFAULT '',
    do_as_planned INTEGER CHECK (do_as_planned IS NULL OR do_as_planned IN (0, 1)),
    do_observations TEXT NOT NULL DEFAULT '',
    study_results TEXT NOT NULL DEFAULT '',
    study_learning TEXT NOT NULL DEFAULT '',
    act TEXT CHECK (act IS NULL OR act IN ('adopt', 'adapt', 'abandon')),
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'running', 'studying', 'decided')),
    start TEXT,
    due TEXT,
    previous_id INTEGER UNIQUE,
    CHECK ((status = 'decided') = (act IS NOT NULL))
);
CREATE TABLE measure_values (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    gap_id INTEGER NOT NULL REFERENCES gaps(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    value REAL NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gaps_workshop ON gaps (workshop_id);
CREATE INDEX experiments_gap ON experiments (gap_id);
CREATE INDEX experiments_workshop ON experiments (workshop_id);
CREATE INDEX measure_values_gap ON measure_values (gap_id, date);
CREATE INDEX measure_values_workshop ON measure_values (workshop_id);
"""

#: Conversations (issue 5), in three parts so each can be read on its own.
#: Decks a facilitator copied into the library to edit: library-wide (not per workshop),
#: the whole deck stored as its JSON file text (docs/deck-format.md), so an edit is one
#: row update and exporting is writing `body` out.
SCHEMA_V4_DECKS = """
CREATE TABLE decks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    deck_key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    based_on TEXT,
    updated_at TEXT NOT NULL
);
"""

#: A meeting's agenda: copies of the steps it planned and ran (a later edit to a deck does
#: not rewrite history), what happened to each, and which one a running walkthrough shows
#: (state 'current', so reopening after a crash resumes there). Captures are what the
#: room said, saved as typed; their step, roles and gap are plain ids (as for gaps), so
#: undoing a deletion restores the link.
SCHEMA_V4_AGENDA = """
ALTER TABLE meetings ADD COLUMN attendance TEXT NOT NULL DEFAULT '{}';
CREATE TABLE agenda_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    deck_title TEXT NOT NULL DEFAULT '',
    step TEXT NOT NULL,
    planned_minutes REAL NOT NULL CHECK (planned_minutes > 0),
    state TEXT NOT NULL DEFAULT 'planned'
        CHECK (state IN ('planned', 'current', 'run', 'skipped')),
    started_at TEXT,
    seconds REAL NOT NULL DEFAULT 0 CHECK (seconds >= 0)
);
CREATE TABLE captures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    meeting_id INTEGER,
    agenda_step_id INTEGER,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'insight' CHECK (kind IN ('insight', 'quote', 'question')),
    text TEXT NOT NULL,
    speaker_role_id INTEGER,
    dimension TEXT,
    source_role_id INTEGER,
    target_role_id INTEGER,
    gap_id INTEGER
);
CREATE INDEX agenda_steps_meeting ON agenda_steps (meeting_id, position);
CREATE INDEX agenda_steps_workshop ON agenda_steps (workshop_id);
CREATE INDEX captures_workshop ON captures (workshop_id, created_at);
"""

#: The psychological-safety pulse, one per wave: raw answers on the instrument's scale
#: (pass-the-laptop or an imported file) or counts per scale point (a show of cards).
#: The workshop's own item wording and reverse keys live in workshops.pulse_items (JSON).
SCHEMA_V4_PULSE = """
ALTER TABLE workshops ADD COLUMN pulse_items TEXT NOT NULL DEFAULT '{}';
CREATE TABLE pulses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    wave_id INTEGER NOT NULL UNIQUE REFERENCES waves(id) ON DELETE CASCADE,
    scale_max INTEGER NOT NULL DEFAULT 7 CHECK (scale_max IN (5, 7)),
    method TEXT NOT NULL CHECK (method IN ('answers', 'tally'))
);
CREATE TABLE pulse_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    pulse_id INTEGER NOT NULL REFERENCES pulses(id) ON DELETE CASCADE,
    respondent TEXT NOT NULL,
    ps1 INTEGER CHECK (ps1 BETWEEN 1 AND 7),
    ps2 INTEGER CHECK (ps2 BETWEEN 1 AND 7),
    ps3 INTEGER CHECK (ps3 BETWEEN 1 AND 7),
    ps4 INTEGER CHECK (ps4 BETWEEN 1 AND 7),
    ps5 INTEGER CHECK (ps5 BETWEEN 1 AND 7),
    ps6 INTEGER CHECK (ps6 BETWEEN 1 AND 7),
    ps7 INTEGER CHECK (ps7 BETWEEN 1 AND 7),
    UNIQUE (pulse_id, respondent)
);
CREATE TABLE pulse_tallies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    pulse_id INTEGER NOT NULL REFERENCES pulses(id) ON DELETE CASCADE,
    item TEXT NOT NULL CHECK (item IN ('ps1', 'ps2', 'ps3', 'ps4', 'ps5', 'ps6', 'ps7')),
    point INTEGER NOT NULL CHECK (point BETWEEN 1 AND 7),
    count INTEGER NOT NULL CHECK (count >= 0),
    UNIQUE (pulse_id, item, point)
);
CREATE INDEX pulse_answers_pulse ON pulse_answers (pulse_id);
CREATE INDEX pulse_tallies_pulse ON pulse_tallies (pulse_id);
"""

SCHEMA_V4 = SCHEMA_V4_DECKS + SCHEMA_V4_AGENDA + SCHEMA_V4_PULSE

#: Issue 15. Each "Show results" of a wave's pulse answers, kept for good (closing the app,
#: clearing or replacing the pulse never resets them): the n shown and the figures shown
#: (raw statement means and answer counts, JSON), so every team-facing surface shows the
#: last showing and a new one needs k more answers. Keyed to the wave (cascading with it),
#: not to the pulse, so clearing the answers does not forget what the room has seen.
#: `workshops.quote_attribution`: whether team-facing outputs may name a quote's role.
SCHEMA_PULSE_SHOWINGS = """
ALTER TABLE workshops ADD COLUMN quote_attribution INTEGER NOT NULL DEFAULT 0
    CHECK (quote_attribution IN (0, 1));
CREATE TABLE pulse_showings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    shown_at TEXT NOT NULL,
    n INTEGER NOT NULL CHECK (n >= 0),
    scale_max INTEGER NOT NULL CHECK (scale_max IN (5, 7)),
    figures TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX pulse_showings_wave ON pulse_showings (wave_id, id);
"""

#: Structures that shape coordination (issue 19): the ones a workshop has assessed or
#: added (`key` is one of the ten structural interventions, or null for the team's own),
#: how each works per wave (now and wanted, 1-5, with evidence), and what each touches
#: (roles, ties) and the gaps that carry out its change. A link's ids, like a gap's tie
#: and owner, are plain ids without a foreign key on purpose: deleting a role or a tie
#: leaves the link, read as gone, so undoing the deletion restores it exactly.
#: `gap_drivers` holds what the team believes drives an aim (a gap, usually about a
#: performance outcome): dimensions and ties; its gap id is plain for the same reason.
SCHEMA_STRUCTURES = """
CREATE TABLE structures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    key TEXT CHECK (key IS NULL OR length(key) BETWEEN 1 AND 40),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    works_well TEXT NOT NULL DEFAULT '' CHECK (length(works_well) <= 300),
    owner_role_id INTEGER,
    owner_name TEXT NOT NULL DEFAULT '' CHECK (length(owner_name) <= 120),
    status TEXT NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'planned', 'in_place', 'reviewed')),
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (workshop_id, key)
);
CREATE INDEX structures_workshop ON structures (workshop_id, position);
CREATE TABLE structure_ratings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    structure_id INTEGER NOT NULL REFERENCES structures(id) ON DELETE CASCADE,
    wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    current INTEGER CHECK (current BETWEEN 1 AND 5),
    desired INTEGER CHECK (desired BETWEEN 1 AND 5),
    evidence TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 2000),
    UNIQUE (structure_id, wave_id)
);
CREATE INDEX structure_ratings_wave ON structure_ratings (wave_id);
CREATE TABLE structure_links (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    structure_id INTEGER NOT NULL REFERENCES structures(id) ON DELETE CASCADE,
    role_id INTEGER,
    tie_id INTEGER,
    gap_id INTEGER
);
CREATE INDEX structure_links_structure ON structure_links (structure_id);
CREATE TABLE gap_drivers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    gap_id INTEGER,
    dimension TEXT CHECK (dimension IS NULL OR length(dimension) BETWEEN 1 AND 40),
    tie_id INTEGER
);
CREATE INDEX gap_drivers_gap ON gap_drivers (gap_id);
"""

#: Control charts for a gap's measure (issue 21): what kind of value it is, the chart the
#: facilitator chose (NULL: the kind's default), the baseline period (first N points or
#: the points before a date; neither: all points), whether an adopted change starts new
#: limits, and each value's denominator for a count out of a total or per exposure.
SCHEMA_SPC_MEASURES = """
ALTER TABLE gaps ADD COLUMN measure_kind TEXT NOT NULL DEFAULT 'continuous'
    CHECK (measure_kind IN ('continuous', 'proportion', 'rate'));
ALTER TABLE gaps ADD COLUMN chart_type TEXT
    CHECK (chart_type IS NULL OR chart_type IN ('run', 'i', 'p', 'u'));
ALTER TABLE gaps ADD COLUMN chart_baseline_points INTEGER
    CHECK (chart_baseline_points IS NULL OR chart_baseline_points >= 2);
ALTER TABLE gaps ADD COLUMN chart_baseline_until TEXT;
ALTER TABLE gaps ADD COLUMN chart_rebaseline INTEGER NOT NULL DEFAULT 1
    CHECK (chart_rebaseline IN (0, 1));
ALTER TABLE measure_values ADD COLUMN denominator REAL
    CHECK (denominator IS NULL OR denominator > 0);
"""

#: Where each survey import came from (file, hash, layout, mapping, scale), one row per
#: wave it wrote, and the fewest items a respondent must answer to count (1 = any).
SCHEMA_SURVEY_PROVENANCE = """
CREATE TABLE survey_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    imported_at TEXT NOT NULL,
    record TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX survey_imports_wave ON survey_imports (wave_id);
ALTER TABLE workshops ADD COLUMN min_items INTEGER NOT NULL DEFAULT 1
    CHECK (min_items BETWEEN 1 AND 7);
"""

#: Rating the map in the room, each person alone (issue 20): a respondent's single overall
#: rating of a role (the short form; the seven columns stay empty), and the showings of a
#: wave's in-room ratings: one row per tie per showing, with the respondents it counted
#: (n) and the last in-room respondent number it took (`through`). A tie's source and
#: target are plain ids (no foreign key), so deleting a role leaves the record as it was;
#: a copy of the workshop without the role writes them as null.
SCHEMA_ROOM_RATINGS = """
ALTER TABLE survey_responses ADD COLUMN overall INTEGER
    CHECK (overall IS NULL OR overall BETWEEN 1 AND 5);
CREATE TABLE room_showings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    wave_id INTEGER NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
    showing INTEGER NOT NULL CHECK (showing >= 1),
    shown_at TEXT NOT NULL,
    source_id INTEGER,
    target_id INTEGER,
    n INTEGER NOT NULL CHECK (n >= 0),
    through INTEGER NOT NULL CHECK (through >= 0)
);
CREATE INDEX room_showings_wave ON room_showings (wave_id, showing);
"""

#: Dot-voting on gaps (issue 20): a vote (how many dots each person has, how many people
#: vote, on the passed laptop or as a tally of a show of hands, when the facilitator
#: closed it) and its marks: the dots one voter put on one gap (voter is the n-th person
#: on the laptop; NULL for a tally's count of hands). A gap is a plain id, so deleting a
#: gap leaves the vote as it was (undoing the deletion restores the link).
SCHEMA_DOT_VOTES = """
CREATE TABLE dot_votes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    dots INTEGER NOT NULL CHECK (dots BETWEEN 1 AND 20),
    voters INTEGER NOT NULL CHECK (voters BETWEEN 1 AND 1000),
    method TEXT NOT NULL CHECK (method IN ('laptop', 'tally')),
    closed_at TEXT
);
CREATE TABLE dot_vote_marks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    vote_id INTEGER NOT NULL REFERENCES dot_votes(id) ON DELETE CASCADE,
    gap_id INTEGER,
    voter INTEGER CHECK (voter IS NULL OR voter >= 1),
    dots INTEGER NOT NULL CHECK (dots >= 0)
);
CREATE INDEX dot_vote_marks_vote ON dot_vote_marks (vote_id);
"""

#: STEPS[i] brings a library from user_version i to i + 1.
STEPS: tuple[str, ...] = (SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_PULSE_SHOWINGS,
                          SCHEMA_STRUCTURES, SCHEMA_SPC_MEASURES,
                          SCHEMA_SURVEY_PROVENANCE, SCHEMA_ROOM_RATINGS,
                          SCHEMA_DOT_VOTES)

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
