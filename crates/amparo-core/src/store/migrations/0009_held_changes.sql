-- Migration: changes held back because they are dated too far ahead of this store's
-- clock (issue 13, finding 3). Never edit once shipped; add a new numbered file instead.
--
-- A held change is not in the change log: it neither applies nor wins a field, and it is
-- not relayed. It waits here, in the form a bundle carried it, until this computer's clock
-- comes within the drift limit of its date (then the next import applies it) or a
-- coordinator reviews it. The vector of its device does not advance past it, so senders
-- keep offering it.
CREATE TABLE held_change (
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    hlc       INTEGER NOT NULL,
    tbl       TEXT NOT NULL,
    record_id TEXT NOT NULL,
    author    TEXT,
    fields    TEXT NOT NULL,
    held_at   TEXT NOT NULL,
    -- A coordinator set it aside: it never applies, and offering it again changes nothing.
    discarded INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
CREATE INDEX held_change_record ON held_change(record_id);
