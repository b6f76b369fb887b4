-- Changes an import left out because their author's role may not make them
-- (sync::authority): neither applied nor logged nor relayed, but remembered so the
-- import summary and the version vector can account for them.
CREATE TABLE sync_left_out (
    device_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    tbl TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
);
