-- Migration: a record-level change log. Never edit once shipped; add a new numbered file instead.
--
-- One row per change (one edit of one record: the fields it set, each with the version
-- its editor saw) instead of one row per field, and no separate table of field winners:
-- the winner of a field is the greatest (hlc, device) among the record's changes that set
-- it. An import of new records writes each record, one change row and its search entry
-- (BENCHMARKS.md, "Sync"). Merge semantics are unchanged: fields still win one by one.

-- `fields`: a JSON object {field: {"value": v, "base_hlc": h, "base_device": d}}, the
-- base members absent for a first value.
CREATE TABLE change_log (
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    hlc       INTEGER NOT NULL,
    tbl       TEXT NOT NULL,
    record_id TEXT NOT NULL,
    author    TEXT,
    fields    TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;

-- Each field operation of the old log becomes a change of one field.
INSERT INTO change_log(device_id, seq, hlc, tbl, record_id, author, fields)
SELECT device_id, seq, hlc, tbl, record_id, author,
       json_object(field, CASE WHEN base_hlc IS NULL
                               THEN json_object('value', json(COALESCE(value, 'null')))
                               ELSE json_object('value', json(COALESCE(value, 'null')), 'base_hlc', base_hlc, 'base_device', base_device)
                          END)
FROM oplog;

DROP TABLE oplog;
DROP TABLE field_version;
CREATE INDEX change_log_record ON change_log(record_id, hlc);

-- The log one field at a time, for the readers that think in fields (a record's history,
-- the operations of one field in a conflict). `value` is JSON text, as before.
CREATE VIEW oplog AS
SELECT c.device_id AS device_id, c.seq AS seq, c.hlc AS hlc, c.tbl AS tbl, c.record_id AS record_id,
       f.key AS field, json(f.value -> '$.value') AS value, c.author AS author,
       f.value ->> '$.base_hlc' AS base_hlc, f.value ->> '$.base_device' AS base_device
FROM change_log c, json_each(c.fields) f;
