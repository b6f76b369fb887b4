-- Migration 1: the foundation. Never edit once shipped; add a new numbered file instead.
-- Every synced table has `id` (UUIDv7 text) and `deleted` (tombstone flag).
-- Columns hold the materialised state; the oplog is the source of truth for sync.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE member (
    id           TEXT PRIMARY KEY,
    deleted      INTEGER NOT NULL DEFAULT 0,
    name         TEXT,
    role         TEXT,
    volunteer_id TEXT
);

CREATE TABLE device (
    id         TEXT PRIMARY KEY,
    deleted    INTEGER NOT NULL DEFAULT 0,
    member_id  TEXT,
    label      TEXT,
    sign_key   TEXT,
    age_recipient TEXT,
    revoked_at TEXT
);

CREATE TABLE congregation (
    id      TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    name    TEXT,
    city    TEXT,
    contact TEXT
);

CREATE TABLE household (
    id                   TEXT PRIMARY KEY,
    deleted              INTEGER NOT NULL DEFAULT 0,
    display_name         TEXT,
    languages            TEXT,
    phone                TEXT,
    voicemail_ok         INTEGER,
    alternate_contact    TEXT,
    address              TEXT,
    lead_congregation_id TEXT,
    lead_volunteer_id    TEXT,
    intake_date          TEXT,
    status               TEXT,
    consent              TEXT,
    needs                TEXT,
    tags                 TEXT,
    closed_at            TEXT
);

CREATE TABLE person (
    id                 TEXT PRIMARY KEY,
    deleted            INTEGER NOT NULL DEFAULT 0,
    household_id       TEXT,
    name               TEXT,
    preferred_name     TEXT,
    relationship       TEXT,
    birth_date         TEXT,
    country            TEXT,
    languages          TEXT,
    a_number           TEXT,
    attorney_name      TEXT,
    attorney_org       TEXT,
    attorney_phone     TEXT,
    case_status        TEXT,
    detention_facility TEXT,
    detained_since     TEXT,
    bond_amount        TEXT,
    bond_status        TEXT,
    ankle_monitor      INTEGER,
    deadlines          TEXT
);
CREATE INDEX person_household ON person(household_id);

CREATE TABLE volunteer (
    id                  TEXT PRIMARY KEY,
    deleted             INTEGER NOT NULL DEFAULT 0,
    name                TEXT,
    congregation_id     TEXT,
    phone               TEXT,
    preferred_contact   TEXT,
    languages           TEXT,
    trainings           TEXT,
    background_check_expires TEXT,
    roles               TEXT,
    availability        TEXT,
    max_shifts_per_week INTEGER,
    min_rest_hours      INTEGER,
    active              INTEGER
);

CREATE TABLE court_date (
    id                  TEXT PRIMARY KEY,
    deleted             INTEGER NOT NULL DEFAULT 0,
    household_id        TEXT,
    person_id           TEXT,
    kind                TEXT,
    local_start         TEXT,
    time_zone           TEXT,
    starts_utc          TEXT,
    time_tbc            INTEGER,
    confirmed           INTEGER,
    place               TEXT,
    address             TEXT,
    room                TEXT,
    judge               TEXT,
    attorney_attending  TEXT,
    interpreter         TEXT,
    transport_needed    INTEGER,
    min_accompaniers    INTEGER,
    max_accompaniers    INTEGER,
    leader_id           TEXT,
    accompanier_notes   TEXT,
    internal_notes      TEXT,
    status              TEXT,
    outcome             TEXT,
    detained            INTEGER,
    next_court_date_id  TEXT,
    previous_court_date_id TEXT
);
CREATE INDEX court_date_start ON court_date(starts_utc) WHERE deleted = 0;
CREATE INDEX court_date_household ON court_date(household_id);

CREATE TABLE court_accompanier (
    id            TEXT PRIMARY KEY,
    deleted       INTEGER NOT NULL DEFAULT 0,
    court_date_id TEXT,
    volunteer_id  TEXT
);
CREATE INDEX court_accompanier_court ON court_accompanier(court_date_id) WHERE deleted = 0;

CREATE TABLE housing_site (
    id               TEXT PRIMARY KEY,
    deleted          INTEGER NOT NULL DEFAULT 0,
    name             TEXT,
    kind             TEXT,
    address          TEXT,
    capacity         INTEGER,
    languages        TEXT,
    accepts_children INTEGER,
    accepts_pets     INTEGER,
    accessible       INTEGER,
    contact          TEXT,
    host_volunteer_id TEXT,
    verified_on      TEXT,
    verification     TEXT
);

CREATE TABLE placement (
    id               TEXT PRIMARY KEY,
    deleted          INTEGER NOT NULL DEFAULT 0,
    household_id     TEXT,
    site_id          TEXT,
    beds             INTEGER,
    start_date       TEXT,
    expected_end     TEXT,
    actual_end       TEXT,
    support_lead_id  TEXT,
    checkin_schedule TEXT,
    notes            TEXT
);
CREATE INDEX placement_site ON placement(site_id, start_date) WHERE deleted = 0;
CREATE INDEX placement_household ON placement(household_id) WHERE deleted = 0;
CREATE INDEX placement_end ON placement(expected_end) WHERE deleted = 0;

CREATE TABLE sanctuary_site (
    id              TEXT PRIMARY KEY,
    deleted         INTEGER NOT NULL DEFAULT 0,
    name            TEXT,
    code            TEXT,
    address         TEXT,
    time_zone       TEXT,
    congregation_id TEXT,
    host_volunteer_id TEXT
);

CREATE TABLE sanctuary_guest (
    id        TEXT PRIMARY KEY,
    deleted   INTEGER NOT NULL DEFAULT 0,
    person_id TEXT,
    site_id   TEXT,
    since     TEXT,
    until     TEXT
);

CREATE TABLE shift (
    id            TEXT PRIMARY KEY,
    deleted       INTEGER NOT NULL DEFAULT 0,
    site_id       TEXT,
    label         TEXT,
    starts_utc    TEXT,
    ends_utc      TEXT,
    min_people    INTEGER,
    max_people    INTEGER,
    required_skills TEXT,
    handoff_notes TEXT
);
CREATE INDEX shift_start ON shift(starts_utc) WHERE deleted = 0;
CREATE INDEX shift_site ON shift(site_id, starts_utc) WHERE deleted = 0;

CREATE TABLE shift_assignment (
    id           TEXT PRIMARY KEY,
    deleted      INTEGER NOT NULL DEFAULT 0,
    shift_id     TEXT,
    volunteer_id TEXT,
    confirmed    INTEGER,
    manual       INTEGER,
    claimed_at   TEXT
);
CREATE INDEX shift_assignment_shift ON shift_assignment(shift_id) WHERE deleted = 0;
CREATE INDEX shift_assignment_volunteer ON shift_assignment(volunteer_id) WHERE deleted = 0;

CREATE TABLE task (
    id           TEXT PRIMARY KEY,
    deleted      INTEGER NOT NULL DEFAULT 0,
    household_id TEXT,
    title        TEXT,
    due_date     TEXT,
    assignee_id  TEXT,
    status       TEXT,
    kind         TEXT
);
CREATE INDEX task_open ON task(status, due_date) WHERE deleted = 0;

CREATE TABLE note (
    id           TEXT PRIMARY KEY,
    deleted      INTEGER NOT NULL DEFAULT 0,
    record_table TEXT,
    record_id    TEXT,
    body         TEXT,
    visibility   TEXT,
    created_at   TEXT
);
CREATE INDEX note_record ON note(record_id) WHERE deleted = 0;

-- The change log: one row per field-level operation, from any device.
CREATE TABLE oplog (
    device_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    hlc         INTEGER NOT NULL,
    tbl         TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    value       TEXT,
    author      TEXT,
    base_hlc    INTEGER,
    base_device TEXT,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
CREATE INDEX oplog_record ON oplog(record_id, hlc);

-- The current winner of every field: what last-writer-wins compares against.
CREATE TABLE field_version (
    tbl       TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    PRIMARY KEY (tbl, record_id, field)
) WITHOUT ROWID;

-- Stable integer keys for the full-text index, so a record's entry is replaced in O(log n).
CREATE TABLE search_key (
    n         INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL UNIQUE
);

-- Full-text index over names, notes and places; lives inside the encrypted database.
CREATE VIRTUAL TABLE search_index USING fts5(
    tbl UNINDEXED, record_id UNINDEXED, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
