-- Migration: sync. Never edit once shipped; add a new numbered file instead.
-- Nothing in these tables is synced as such: they are this device's keys and its
-- bookkeeping of what it holds and what its peers hold.

-- This device's secret keys: the age X25519 identity (decryption) and the Ed25519
-- signing key. They live only inside the encrypted database.
CREATE TABLE device_secret (
    device_id    TEXT PRIMARY KEY,
    age_identity TEXT NOT NULL,
    sign_secret  TEXT NOT NULL
) WITHOUT ROWID;

-- Devices trusted directly (`amparo team join`, `amparo team create`): the roots from
-- which coordinator authority over the roster is derived.
CREATE TABLE trust_anchor (
    device_id TEXT PRIMARY KEY,
    sign_key  TEXT NOT NULL
) WITHOUT ROWID;

-- The version vector: per origin device, the highest sequence number up to which this
-- store holds every operation meant for it.
CREATE TABLE sync_vector (
    device_id TEXT PRIMARY KEY,
    seq       INTEGER NOT NULL
) WITHOUT ROWID;

-- What each peer device last told us it holds (the vector its bundles carry).
CREATE TABLE sync_ack (
    peer_device   TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    PRIMARY KEY (peer_device, origin_device)
) WITHOUT ROWID;

-- Bundles already imported, so a replay is recognised at once.
CREATE TABLE sync_seen (
    bundle_id   TEXT PRIMARY KEY,
    sender      TEXT NOT NULL,
    imported_at TEXT NOT NULL
) WITHOUT ROWID;

-- Open conflicts: a field whose winning value was written without seeing another,
-- different value. Derived deterministically from the change log.
CREATE TABLE conflict (
    tbl          TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    field        TEXT NOT NULL,
    loser_hlc    INTEGER NOT NULL,
    loser_device TEXT NOT NULL,
    PRIMARY KEY (tbl, record_id, field, loser_hlc, loser_device)
) WITHOUT ROWID;

-- Records whose content was purged everywhere; only this minimal tombstone stays.
CREATE TABLE purged (
    record_id TEXT PRIMARY KEY,
    tbl       TEXT NOT NULL
) WITHOUT ROWID;

-- Imported operations whose timestamp lay implausibly far in the future.
CREATE TABLE sync_flag (
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;

CREATE INDEX oplog_field ON oplog(record_id, field);
