//! Open conflicts: a person reviews them and decides; the decision is a synced change.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::schema::{self, DELETED};
use crate::store::{decode_fields, record_versions, Store};

/// One value a field had.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Version {
    pub value: Value,
    pub hlc: u64,
    pub device: Uuid,
    pub author: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Conflict {
    /// Short, stable id: the same on every replica.
    pub id: String,
    pub table: String,
    pub record_id: Uuid,
    pub field: String,
    pub high_stakes: bool,
    /// The value in force now (the last writer's), first; then the others.
    pub versions: Vec<Version>,
}

fn conflict_id(table: &str, record: &str, field: &str) -> String {
    let d = Sha256::digest(format!("{table}\0{record}\0{field}").as_bytes());
    hex::encode(&d[..5])
}

/// One value of the conflict: the field as the change `(hlc, device)` set it. In a
/// conflict on `_deleted` (a deletion against edits it did not see) the losers are edits
/// of other fields: their value is shown as `{"field": value, …}`, every field of that
/// edit.
fn version(conn: &Connection, record: &str, field: &str, hlc: i64, device: &str) -> Result<Option<Version>> {
    let row: Option<(Option<String>, String)> = conn
        .query_row(
            "SELECT author, fields FROM change_log WHERE device_id = ?1 AND hlc = ?2 AND record_id = ?3",
            params![device, hlc, record],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((author, fields)) = row else { return Ok(None) };
    let fields = decode_fields(&fields)?;
    let value = match fields.get(field) {
        Some(f) => f.value.clone(),
        None if field == DELETED => Value::Object(fields.into_iter().map(|(name, f)| (name, f.value)).collect()),
        None => return Ok(None),
    };
    Ok(Some(Version { value, hlc: hlc as u64, device: device.parse().unwrap_or_else(|_| Uuid::nil()), author: author.and_then(|a| a.parse().ok()) }))
}

/// Every open conflict, high-stakes ones first.
pub fn list(conn: &Connection) -> Result<Vec<Conflict>> {
    let mut st = conn.prepare("SELECT DISTINCT tbl, record_id, field FROM conflict ORDER BY tbl, record_id, field")?;
    let keys = st
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (tbl, rec, field) in keys {
        let mut versions = Vec::new();
        let winner = schema::table(&tbl).map(|t| record_versions(conn, t, &rec)).transpose()?.and_then(|v| v.get(&field).copied());
        if let Some((h, d)) = winner {
            versions.extend(version(conn, &rec, &field, h as i64, &d.to_string())?);
        }
        let mut ls = conn.prepare_cached(
            "SELECT loser_hlc, loser_device FROM conflict WHERE tbl = ?1 AND record_id = ?2 AND field = ?3 ORDER BY loser_hlc DESC, loser_device DESC",
        )?;
        let losers = ls
            .query_map(params![tbl, rec, field], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (h, d) in losers {
            versions.extend(version(conn, &rec, &field, h, &d)?);
        }
        let high_stakes = field == DELETED || schema::table(&tbl).and_then(|t| t.field(&field)).is_some_and(|f| f.high_stakes);
        out.push(Conflict {
            id: conflict_id(&tbl, &rec, &field),
            record_id: rec.parse().unwrap_or_else(|_| Uuid::nil()),
            table: tbl,
            field,
            high_stakes,
            versions,
        });
    }
    out.sort_by_key(|c| !c.high_stakes);
    Ok(out)
}

/// Which value to keep.
#[derive(Debug, Clone)]
pub enum Keep {
    /// The n-th value as listed (1 = the value in force now).
    Listed(usize),
    /// A new value typed by the person.
    Value(Value),
}

/// Decide a conflict. The decision is written as an ordinary change that has seen every
/// value in the conflict, so it closes the conflict on every replica it reaches.
pub fn resolve(store: &mut Store, id: &str, keep: Keep, now: DateTime<Utc>) -> Result<Conflict> {
    let all = list(store.conn())?;
    let id = id.trim().to_lowercase();
    let c = all
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Error::NotFound { kind: "conflict", id: id.clone() })?;
    let value = match keep.clone() {
        Keep::Listed(n) => c
            .versions
            .get(n.wrapping_sub(1))
            .map(|v| v.value.clone())
            .ok_or_else(|| Error::bad("keep", crate::error::Invalid::KeepNumber { max: crate::refusal::count(c.versions.len()) }))?,
        Keep::Value(v) => v,
    };
    let table = schema::table(&c.table).ok_or_else(|| Error::Internal("conflict on an unknown table".into()))?;
    let (record, field) = (c.record_id, c.field.clone());
    if field == DELETED {
        // A deletion against edits it did not see, or a restore against a deletion it did
        // not see: keeping the deletion deletes (or confirms it); keeping anything else —
        // an unseen edit, or the restore — brings the record back with its current values.
        let delete = value == Value::Bool(true);
        let deleted = crate::store::read_row(store.conn(), table, record)?.is_some_and(|r| r.get("deleted") == Some(&Value::Bool(true)));
        store.write(now, |w| match (delete, deleted) {
            (true, true) => w.confirm_delete(table, record),
            (true, false) => w.delete(table, record),
            (false, _) => w.restore(table, record),
        })?;
        return Ok(c);
    }
    store.write(now, |w| w.put(table, record, &field, value))?;
    Ok(c)
}
