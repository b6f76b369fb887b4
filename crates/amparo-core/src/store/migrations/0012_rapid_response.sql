-- Migration: rapid response (issue 16): the network's zones, incidents taken by the hotline,
-- their verifications, timeline and dispatched responders. Never edit once shipped; add a
-- new numbered file instead. Columns are the fields of `schema`.
CREATE TABLE response_zone (
    id           TEXT PRIMARY KEY,
    deleted      INTEGER NOT NULL DEFAULT 0,
    name         TEXT,
    signal_group TEXT,
    time_zone    TEXT
);

CREATE TABLE incident (
    id                   TEXT PRIMARY KEY,
    deleted              INTEGER NOT NULL DEFAULT 0,
    received_at          TEXT,
    received_by_id       TEXT,
    caller_phone         TEXT,
    caller_language      TEXT,
    caller_affected      INTEGER,
    caller_safe          INTEGER,
    caller_cleared_at    TEXT,
    kind                 TEXT,
    zone_id              TEXT,
    agents               INTEGER,
    vehicles             INTEGER,
    more_unseen          INTEGER,
    activity             TEXT,
    location             TEXT,
    landmark             TEXT,
    direction            TEXT,
    uniforms             TEXT,
    marked               INTEGER,
    observed_at          TEXT,
    equipment            TEXT,
    agencies             TEXT,
    identified_by        TEXT,
    plates               TEXT,
    badge_numbers        TEXT,
    warrant              TEXT,
    warrant_details      TEXT,
    entry_consented      INTEGER,
    status               TEXT,
    disposition          TEXT,
    handled_by_id        TEXT,
    summary              TEXT,
    household_id         TEXT,
    person_id            TEXT,
    dependents           TEXT,
    standby_guardian     TEXT,
    referral_attorney    TEXT,
    referral_date        TEXT,
    canvass_done         INTEGER,
    rights_material_left INTEGER
);
-- The desk lists open incidents newest first.
CREATE INDEX incident_desk ON incident(status, received_at) WHERE deleted = 0;

CREATE TABLE incident_verification (
    id           TEXT PRIMARY KEY,
    deleted      INTEGER NOT NULL DEFAULT 0,
    incident_id  TEXT,
    volunteer_id TEXT,
    how          TEXT,
    at           TEXT,
    confirmed    INTEGER
);
CREATE INDEX incident_verification_incident ON incident_verification(incident_id) WHERE deleted = 0;

CREATE TABLE incident_observation (
    id           TEXT PRIMARY KEY,
    deleted      INTEGER NOT NULL DEFAULT 0,
    incident_id  TEXT,
    at           TEXT,
    text         TEXT,
    witness      TEXT,
    volunteer_id TEXT
);
CREATE INDEX incident_observation_incident ON incident_observation(incident_id) WHERE deleted = 0;

CREATE TABLE dispatch (
    id              TEXT PRIMARY KEY,
    deleted         INTEGER NOT NULL DEFAULT 0,
    incident_id     TEXT,
    volunteer_id    TEXT,
    role            TEXT,
    notified_at     TEXT,
    acknowledged_at TEXT,
    on_scene_at     TEXT,
    left_at         TEXT
);
CREATE INDEX dispatch_incident ON dispatch(incident_id) WHERE deleted = 0;
CREATE INDEX dispatch_volunteer ON dispatch(volunteer_id) WHERE deleted = 0;
