-- Migration: sync upkeep. Never edit once shipped; add a new numbered file instead.

-- One index fewer on the change log: oplog_record (record_id, hlc) already narrows every
-- per-record lookup to a record's few operations, so the second index on
-- (record_id, field) only cost a B-tree insert per logged field (BENCHMARKS.md, "Sync").
DROP INDEX oplog_field;

-- Bundles this device wrote into a mailbox folder (`amparo sync folder`), so it can
-- remove its own files once they are superseded or acknowledged. `upto` is a JSON object
-- {origin device: last sequence number in the file}.
CREATE TABLE sync_outbox (
    dir       TEXT NOT NULL,
    file_name TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    member_id TEXT NOT NULL,
    devices   TEXT NOT NULL,
    upto      TEXT NOT NULL,
    PRIMARY KEY (dir, file_name)
) WITHOUT ROWID;
