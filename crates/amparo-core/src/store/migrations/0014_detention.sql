-- Migration: from detention to release (issue 16): where a person is held, the bond fund's
-- ledger, commissary and phone deposits. Never edit once shipped; add a new numbered file
-- instead. Columns are the fields of `schema`.
CREATE TABLE detention (
    id                 TEXT PRIMARY KEY,
    deleted            INTEGER NOT NULL DEFAULT 0,
    person_id          TEXT,
    incident_id        TEXT,
    detained_on        TEXT,
    facility           TEXT,
    facility_phone     TEXT,
    ero_office         TEXT,
    booking_number     TEXT,
    transfers          TEXT,
    last_locator_check TEXT,
    released_on        TEXT,
    release_conditions TEXT
);
CREATE INDEX detention_person ON detention(person_id) WHERE deleted = 0;

CREATE TABLE bond (
    id               TEXT PRIMARY KEY,
    deleted          INTEGER NOT NULL DEFAULT 0,
    detention_id     TEXT,
    amount_cents     INTEGER,
    obligor          TEXT,
    fund_share_cents INTEGER,
    status           TEXT,
    posted_on        TEXT,
    refund_cents     INTEGER,
    refund_on        TEXT
);
CREATE INDEX bond_detention ON bond(detention_id) WHERE deleted = 0;

CREATE TABLE deposit (
    id              TEXT PRIMARY KEY,
    deleted         INTEGER NOT NULL DEFAULT 0,
    detention_id    TEXT,
    kind            TEXT,
    vendor          TEXT,
    amount_cents    INTEGER,
    by_volunteer_id TEXT,
    made_on         TEXT
);
CREATE INDEX deposit_detention ON deposit(detention_id) WHERE deleted = 0;
