-- Migration: on-call coverage of a rapid-response network (issue 16): weekly slots per
-- zone, the shifts made from them, and who is on call. Never edit once shipped; add a new
-- numbered file instead. Columns are the fields of `schema`.
CREATE TABLE oncall_slot (
    id               TEXT PRIMARY KEY,
    deleted          INTEGER NOT NULL DEFAULT 0,
    zone_id          TEXT,
    weekday          INTEGER,
    start_time       TEXT,
    end_time         TEXT,
    min_people       INTEGER,
    needs_dispatcher INTEGER,
    needs_zone_lead  INTEGER
);

CREATE TABLE oncall_shift (
    id               TEXT PRIMARY KEY,
    deleted          INTEGER NOT NULL DEFAULT 0,
    zone_id          TEXT,
    slot_id          TEXT,
    starts_utc       TEXT,
    ends_utc         TEXT,
    min_people       INTEGER,
    needs_dispatcher INTEGER,
    needs_zone_lead  INTEGER,
    closed           INTEGER
);
CREATE INDEX oncall_shift_start ON oncall_shift(starts_utc) WHERE deleted = 0;

CREATE TABLE oncall_assignment (
    id           TEXT PRIMARY KEY,
    deleted      INTEGER NOT NULL DEFAULT 0,
    shift_id     TEXT,
    volunteer_id TEXT,
    position     TEXT
);
CREATE INDEX oncall_assignment_shift ON oncall_assignment(shift_id) WHERE deleted = 0;
CREATE INDEX oncall_assignment_volunteer ON oncall_assignment(volunteer_id) WHERE deleted = 0;
