-- Migration: sanctuary rotations, swap requests and team checklists (workflows).
-- Never edit once shipped; add a new numbered file instead.

CREATE TABLE rotation_template (
    id      TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    site_id TEXT,
    name    TEXT,
    shifts  TEXT
);

CREATE TABLE swap_request (
    id                TEXT PRIMARY KEY,
    deleted           INTEGER NOT NULL DEFAULT 0,
    shift_id          TEXT,
    assignment_id     TEXT,
    from_volunteer_id TEXT,
    to_volunteer_id   TEXT,
    status            TEXT,
    offered_at        TEXT,
    taken_at          TEXT,
    decided_at        TEXT,
    decided_by        TEXT
);
CREATE INDEX swap_request_shift ON swap_request(shift_id) WHERE deleted = 0;

CREATE TABLE checklist_template (
    id      TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    name    TEXT,
    items   TEXT
);
