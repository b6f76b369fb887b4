//! Version vectors: per origin device, the highest sequence number held; and what each
//! peer told us it holds.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::error::Result;

/// This store's vector, its own device included.
pub fn local(conn: &Connection, own: Uuid) -> Result<BTreeMap<Uuid, i64>> {
    let mut st = conn.prepare("SELECT device_id, seq FROM sync_vector")?;
    let mut v: BTreeMap<Uuid, i64> = st
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(d, s)| Some((d.parse().ok()?, s)))
        .collect();
    let mine: i64 = conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM change_log WHERE device_id = ?1", [own.to_string()], |r| r.get(0))?;
    let stored = v.get(&own).copied().unwrap_or(0);
    v.insert(own, mine.max(stored));
    Ok(v)
}

/// Record that we now hold origin `device`'s operations up to `upto`, when the range
/// joins what we hold (a gap stays open until a bundle covering it arrives).
pub fn advance(conn: &Connection, device: Uuid, after: i64, upto: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_vector(device_id, seq) SELECT ?1, ?3 WHERE ?2 <= 0
           ON CONFLICT(device_id) DO NOTHING",
        params![device.to_string(), after, upto],
    )?;
    conn.execute(
        "UPDATE sync_vector SET seq = ?3 WHERE device_id = ?1 AND seq >= ?2 AND seq < ?3",
        params![device.to_string(), after, upto],
    )?;
    Ok(())
}

/// Remember what a peer device holds (from the vector its bundle carried).
pub fn record_ack(conn: &Connection, peer: Uuid, vector: &BTreeMap<Uuid, i64>) -> Result<()> {
    let mut st = conn.prepare_cached(
        "INSERT INTO sync_ack(peer_device, origin_device, seq) VALUES (?1, ?2, ?3)
         ON CONFLICT(peer_device, origin_device) DO UPDATE SET seq = max(seq, excluded.seq)",
    )?;
    for (origin, seq) in vector {
        st.execute(params![peer.to_string(), origin.to_string(), seq])?;
    }
    Ok(())
}

/// What every one of `devices` is known to hold of `origin` (the least of them).
pub fn known_by_all(conn: &Connection, devices: &[Uuid], origin: Uuid) -> Result<i64> {
    let mut least = i64::MAX;
    let mut st = conn.prepare_cached("SELECT seq FROM sync_ack WHERE peer_device = ?1 AND origin_device = ?2")?;
    for d in devices {
        let s: Option<i64> = st.query_row(params![d.to_string(), origin.to_string()], |r| r.get(0)).ok();
        least = least.min(s.unwrap_or(0));
    }
    Ok(if least == i64::MAX { 0 } else { least })
}
