-- Migration: changes that reuse a (device, sequence number) this store already holds with
-- other content (issue 13). Never edit once shipped; add a new numbered file instead.
--
-- Two laptops signing as one device (a copied store, a backup restored as the same
-- device) number different changes alike; the one arriving second is never applied, and
-- is remembered here so every import can say so and a coordinator can revoke the copy.
CREATE TABLE sync_reused_seq (
    device_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    noticed_at TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
