-- Migration: one index fewer on the change log. Never edit once shipped.
-- oplog_record (record_id, hlc) already narrows every per-record lookup to a record's
-- few operations, so the second index on (record_id, field) only cost a B-tree insert
-- per logged field (measured in BENCHMARKS.md, "Sync").
DROP INDEX oplog_field;
