//! The canonical state of a store: every synced table's rows, the open conflicts and the
//! purge tombstones, hashed in a fixed order. Replicas that hold the same operations have
//! the same hash (docs/design/sync.md, property 1).

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::Result;
use crate::schema::TABLES;
use crate::store::{read_row, Store};

pub fn canonical_hash(store: &Store) -> Result<String> {
    let conn = store.conn();
    let mut h = Sha256::new();
    for t in TABLES {
        h.update(t.name.as_bytes());
        h.update([0]);
        let mut st = conn.prepare(&format!("SELECT id FROM {} ORDER BY id", t.name))?;
        let ids: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let Ok(uuid) = id.parse::<Uuid>() else { continue };
            if let Some(row) = read_row(conn, t, uuid)? {
                h.update(serde_json::Value::Object(row).to_string().as_bytes());
                h.update([b'\n']);
            }
        }
    }
    for sql in [
        "SELECT tbl || '/' || record_id || '/' || field || '/' || loser_hlc || '/' || loser_device FROM conflict ORDER BY 1",
        "SELECT tbl || '/' || record_id FROM purged ORDER BY 1",
    ] {
        let mut st = conn.prepare(sql)?;
        for row in st.query_map([], |r| r.get::<_, String>(0))? {
            h.update(row?.as_bytes());
            h.update([b'\n']);
        }
    }
    Ok(hex::encode(h.finalize()))
}
