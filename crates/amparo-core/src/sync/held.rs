//! Changes held back: dated too far ahead of this computer's clock (issue 13, finding 3),
//! or waiting for the record they edit (issue 12).
//!
//! A change whose timestamp is more than [`MAX_FORWARD_DRIFT_MS`] ahead of the receiver's
//! clock would beat every correction made after it, for good (its sender's clock is
//! wrong). Such a change is *held*: kept in `held_change`, not in the change log, so it
//! neither applies nor wins, is not relayed, and the vector of its device stops before it.
//! It applies at the first import after this computer's clock comes within the limit of
//! its date, and until then a coordinator sees it in the review list (`list`) and in the
//! import summary, and may discard it (`discard`).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use uuid::Uuid;

use crate::clock::{Hlc, MAX_FORWARD_DRIFT_MS};
use crate::error::{Error, Result};
use crate::store::{decode_fields, Change, Store};

/// Whether a change dated `hlc` is too far ahead of `now` to apply.
pub fn too_far_ahead(hlc: u64, now: DateTime<Utc>) -> bool {
    Hlc(hlc).wall_millis() > now.timestamp_millis().saturating_add(MAX_FORWARD_DRIFT_MS)
}

/// Why a change is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HeldReason {
    /// Dated too far ahead of this computer's clock.
    AheadOfClock,
    /// An edit of a record this store has not received yet, whose author's right to make
    /// it depends on the record.
    WaitsForRecord,
}

/// Keep a change for later. Returns false when it was held already.
pub(crate) fn hold(tx: &Transaction<'_>, change: &Change, now: DateTime<Utc>, why: HeldReason) -> Result<bool> {
    let fields =
        serde_json::to_string(&change.fields).map_err(|e| Error::Internal(format!("encoding a change: {e}")))?;
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO held_change(device_id, seq, hlc, tbl, record_id, author, fields, held_at, waits_for_record)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            change.device_id.to_string(),
            change.seq,
            change.hlc as i64,
            change.table,
            change.record_id.to_string(),
            change.author.map(|a| a.to_string()),
            fields,
            now.to_rfc3339(),
            why == HeldReason::WaitsForRecord,
        ])?;
    Ok(n == 1)
}

/// The lowest held sequence number of `device` in `(after, upto]`, if any: its vector may
/// not advance to it.
pub(crate) fn first_held(conn: &Connection, device: Uuid, after: i64, upto: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT MIN(seq) FROM held_change WHERE device_id = ?1 AND seq > ?2 AND seq <= ?3 AND discarded = 0",
        )?
        .query_row(params![device.to_string(), after, upto], |r| r.get::<_, Option<i64>>(0))?)
}

/// Whether any change of `device` is held.
pub(crate) fn holds_any(conn: &Connection, device: Uuid) -> Result<bool> {
    Ok(first_held(conn, device, 0, i64::MAX)?.is_some())
}

/// A `held_change` row: device, seq, hlc, table, record, author, fields.
type HeldRow = (String, i64, i64, String, String, Option<String>, String);

fn row_to_change(r: &rusqlite::Row<'_>) -> rusqlite::Result<HeldRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
}

fn to_change(row: HeldRow) -> Result<Change> {
    let (d, seq, hlc, tbl, rid, author, fields) = row;
    let bad = || Error::Internal("a held change does not decode".into());
    Ok(Change {
        device_id: d.parse().map_err(|_| bad())?,
        seq,
        hlc: hlc as u64,
        table: tbl,
        record_id: rid.parse().map_err(|_| bad())?,
        author: author.and_then(|a| a.parse().ok()),
        fields: decode_fields(&fields)?,
    })
}

fn due_limit(now: DateTime<Utc>) -> i64 {
    (Hlc::from_wall(now + chrono::Duration::milliseconds(MAX_FORWARD_DRIFT_MS)).0 | 0xffff) as i64
}

/// Whether a held change is due (see [`take_due`]).
pub(crate) fn any_due(conn: &Connection, now: DateTime<Utc>) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM held_change WHERE hlc <= ?1 AND discarded = 0 AND waits_for_record = 0 LIMIT 1")?
        .query_row([due_limit(now)], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Held changes whose date `now` has caught up with, oldest first, removed from the hold
/// (the caller applies them in the same transaction).
pub(crate) fn take_due(tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<Vec<Change>> {
    let limit = due_limit(now);
    let rows = tx
        .prepare_cached(
            "SELECT device_id, seq, hlc, tbl, record_id, author, fields FROM held_change WHERE hlc <= ?1 AND discarded = 0 AND waits_for_record = 0 ORDER BY hlc, device_id, seq",
        )?
        .query_map([limit], row_to_change)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    tx.execute("DELETE FROM held_change WHERE hlc <= ?1 AND discarded = 0 AND waits_for_record = 0", [limit])?;
    rows.into_iter().map(to_change).collect()
}

/// Changes that waited for their record, now that it is here, oldest first, removed from
/// the hold (the caller judges and applies them in the same transaction).
pub(crate) fn take_arrived(tx: &Transaction<'_>) -> Result<Vec<Change>> {
    let rows = tx
        .prepare_cached(
            "SELECT device_id, seq, hlc, tbl, record_id, author, fields FROM held_change WHERE waits_for_record = 1 AND discarded = 0 ORDER BY hlc, device_id, seq",
        )?
        .query_map([], row_to_change)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut arrived = Vec::new();
    for row in rows {
        // Only the schema's own table names reach the query, never a synced string.
        let Some(table) = crate::schema::table(&row.3) else { continue };
        let present = tx
            .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", table.name))?
            .query_row([&row.4], |_| Ok(()))
            .optional()?
            .is_some();
        if present {
            tx.execute("DELETE FROM held_change WHERE device_id = ?1 AND seq = ?2", params![row.0, row.1])?;
            arrived.push(to_change(row)?);
        }
    }
    Ok(arrived)
}

/// A held change as the review list shows it: never its values, only what it would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "HeldChange"))]
pub struct Held {
    /// `<device>:<seq>`, what `discard` takes.
    pub id: String,
    pub table: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub record_id: Uuid,
    pub fields: Vec<String>,
    /// The date the change claims (its sender's clock).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub dated: DateTime<Utc>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub device_id: Uuid,
    pub held_at: String,
    pub reason: HeldReason,
}

/// Every held change, newest date first.
pub fn list(conn: &Connection) -> Result<Vec<Held>> {
    let rows = conn
        .prepare("SELECT device_id, seq, hlc, tbl, record_id, author, fields, held_at, waits_for_record FROM held_change WHERE discarded = 0 ORDER BY hlc DESC, device_id, seq")?
        .query_map([], |r| Ok((row_to_change(r)?, r.get::<_, String>(7)?, r.get::<_, bool>(8)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(row, held_at, waits)| {
            let c = to_change(row)?;
            Ok(Held {
                id: format!("{}:{}", c.device_id, c.seq),
                table: c.table,
                record_id: c.record_id,
                fields: c.fields.keys().cloned().collect(),
                dated: Hlc(c.hlc).wall(),
                device_id: c.device_id,
                held_at,
                reason: if waits { HeldReason::WaitsForRecord } else { HeldReason::AheadOfClock },
            })
        })
        .collect()
}

/// The changes held for their date, which a coordinator waits for or sets aside (edits
/// waiting for their record settle themselves when it comes).
pub fn ahead_of_clock(conn: &Connection) -> Result<Vec<Held>> {
    Ok(list(conn)?.into_iter().filter(|h| h.reason == HeldReason::AheadOfClock).collect())
}

/// Set a held change aside for good (a coordinator judged it wrong): it never applies
/// here, even when the clock catches up, and a sender offering it again changes nothing.
/// The vector of its device may then move past it. Other stores decide for themselves.
pub fn discard(store: &mut Store, id: &str, now: DateTime<Utc>) -> Result<()> {
    let (device, seq) = id
        .split_once(':')
        .and_then(|(d, s)| Some((d.parse::<Uuid>().ok()?, s.parse::<i64>().ok()?)))
        .ok_or_else(|| Error::NotFound { kind: "held change", id: id.into() })?;
    store.write(now, |w| {
        let n = w.tx().execute(
            "UPDATE held_change SET discarded = 1 WHERE device_id = ?1 AND seq = ?2 AND discarded = 0",
            params![device.to_string(), seq],
        )?;
        if n == 0 {
            return Err(Error::NotFound { kind: "held change", id: id.into() });
        }
        Ok(())
    })
}

/// The changes a coordinator set aside: they never apply on this store.
pub(crate) fn set_aside(conn: &Connection) -> Result<std::collections::HashSet<(Uuid, i64)>> {
    let rows = conn
        .prepare_cached("SELECT device_id, seq FROM held_change WHERE discarded = 1")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().filter_map(|(d, s)| Some((d.parse().ok()?, s))).collect())
}

/// Remove what is held of a record that is being purged.
pub(crate) fn forget_record(tx: &Transaction<'_>, record: &str) -> Result<()> {
    tx.execute("DELETE FROM held_change WHERE record_id = ?1", [record])?;
    Ok(())
}
