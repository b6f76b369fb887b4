//! Version vectors: per origin device, the highest sequence number held; and what each
//! peer told us it holds.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
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
    let mine: i64 =
        conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM change_log WHERE device_id = ?1", [own.to_string()], |r| {
            r.get(0)
        })?;
    // Our own entry is what our own log holds, whatever a peer's range claimed.
    v.insert(own, mine);
    Ok(v)
}

/// What this store holds of `device`, by its vector (0 when nothing).
pub fn held_of(conn: &Connection, device: Uuid) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT seq FROM sync_vector WHERE device_id = ?1")?
        .query_row([device.to_string()], |r| r.get::<_, i64>(0))
        .optional()?
        .unwrap_or(0))
}

/// Undo a poisoned entry (an earlier version accepted any member's ranges): when our
/// vector claims more of the sender's own device than the sender itself says it holds
/// (`theirs`, from its bundle's vector) and more than our log holds of it, lower it to what
/// the log holds, so our next bundle asks the sender for the rest. Returns whether it did.
pub fn repair_from_sender(conn: &Connection, sender: Uuid, theirs: i64) -> Result<bool> {
    let ours = held_of(conn, sender)?;
    if ours <= theirs {
        return Ok(false);
    }
    let logged: i64 = conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) FROM change_log WHERE device_id = ?1",
        [sender.to_string()],
        |r| r.get(0),
    )?;
    if ours <= logged {
        return Ok(false);
    }
    conn.execute(
        "UPDATE sync_vector SET seq = ?2 WHERE device_id = ?1",
        params![sender.to_string(), logged.min(theirs)],
    )?;
    Ok(true)
}

/// Record that we now hold origin `device`'s operations up to `upto`, when the range
/// joins what we hold (a gap stays open until a bundle covering it arrives), and never
/// past a change of it that is held back for its future date (`held`): the vector says
/// only what this store holds, so senders keep offering the rest.
pub fn advance(conn: &Connection, device: Uuid, after: i64, upto: i64) -> Result<()> {
    let upto = match super::held::first_held(conn, device, after, upto)? {
        Some(held) => held - 1,
        None => upto,
    };
    if upto <= after {
        return Ok(());
    }
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

/// Remember what a peer device holds (from the vector its bundle carried). What it says
/// it holds of this store's own device (`own`) can be checked: never more than our own log
/// holds; and a remembered claim beyond our log (left by a poisoned vector) gives way to
/// the peer's newer, lower one, so the changes it lacks are sent again.
pub fn record_ack(conn: &Connection, own: Uuid, peer: Uuid, vector: &BTreeMap<Uuid, i64>) -> Result<()> {
    let mut st = conn.prepare_cached(
        "INSERT INTO sync_ack(peer_device, origin_device, seq) VALUES (?1, ?2, ?3)
         ON CONFLICT(peer_device, origin_device) DO UPDATE SET seq = max(seq, excluded.seq)",
    )?;
    let mine: i64 =
        conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM change_log WHERE device_id = ?1", [own.to_string()], |r| {
            r.get(0)
        })?;
    for (origin, seq) in vector {
        if *origin == own {
            conn.execute(
                "DELETE FROM sync_ack WHERE peer_device = ?1 AND origin_device = ?2 AND seq > ?3",
                params![peer.to_string(), origin.to_string(), mine],
            )?;
            st.execute(params![peer.to_string(), origin.to_string(), (*seq).min(mine)])?;
        } else {
            st.execute(params![peer.to_string(), origin.to_string(), seq])?;
        }
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
