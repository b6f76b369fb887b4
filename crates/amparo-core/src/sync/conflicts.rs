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
    /// The author's name as the roster has it.
    pub author_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Conflict {
    /// Short, stable id: the same on every replica.
    pub id: String,
    pub table: String,
    pub record_id: Uuid,
    pub field: String,
    pub high_stakes: bool,
    /// Not two concurrent values but one change a coordinator reviews: a court date's time
    /// or place changed by someone who is not a coordinator. It stays in force; keeping it
    /// (or the value before it) closes the review.
    pub review: bool,
    /// The record, as a person reads it (a court date's kind, time, zone and place).
    pub record_label: Option<String>,
    /// The family the record belongs to.
    pub family: Option<String>,
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
        // A court date's time is shown whole: its local time and zone.
        Some(f) if field == schema::COURT_TIME[0] => match fields.get(schema::COURT_TIME[1]) {
            Some(zone) => {
                let local = f.value.as_str().unwrap_or_default();
                let local = local
                    .parse::<chrono::NaiveDateTime>()
                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_else(|_| local.replace('T', " "));
                Value::String(format!("{local} {}", zone.value.as_str().unwrap_or_default()))
            }
            None => f.value.clone(),
        },
        Some(f) => f.value.clone(),
        None if field == DELETED => Value::Object(fields.into_iter().map(|(name, f)| (name, f.value)).collect()),
        None => return Ok(None),
    };
    let author: Option<Uuid> = author.and_then(|a| a.parse().ok());
    let author_name = match author {
        Some(a) => crate::query::label_of(conn, "member", a)?,
        None => None,
    };
    Ok(Some(Version {
        value,
        hlc: hlc as u64,
        device: device.parse().unwrap_or_else(|_| Uuid::nil()),
        author,
        author_name,
    }))
}

/// The fields whose change by a non-coordinator is always reviewed: a court date's time
/// (shown on its first part) and place.
const REVIEWED: &[&str] = &["local_start", "place", "address", "room"];

/// A review item: the court date, the field, the change in force and the one before it.
type Review = (String, String, (i64, String), Option<(i64, String)>);

/// Court dates whose time or place is in force from a change by someone who is not a
/// coordinator (as the roster stands): `(record, field, winner, the value before)`.
/// Derived from the log and the roster, so every replica holding the same changes agrees.
fn reviews(conn: &Connection) -> Result<Vec<Review>> {
    let mut st = conn.prepare(
        "SELECT DISTINCT l.record_id FROM change_log l JOIN court_date c ON c.id = l.record_id AND c.deleted = 0
         WHERE l.tbl = 'court_date' AND l.device_id NOT IN (SELECT device_id FROM trust_anchor) ORDER BY l.record_id",
    )?;
    let candidates = st.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for rec in candidates {
        let versions = record_versions(conn, &schema::COURT_DATE, &rec)?;
        for field in REVIEWED {
            let Some((hlc, device)) = versions.get(*field).copied() else { continue };
            let by_coordinator =
                matches!(super::authority::role_of_device(conn, device)?, Some((crate::domain::Role::Coordinator, _)));
            // The first value of a record (its creation) is not a change to review.
            let before: Option<(i64, String)> = conn
                .query_row(
                    "SELECT hlc, device_id FROM oplog WHERE record_id = ?1 AND field = ?2 AND tbl = 'court_date' AND (hlc < ?3 OR (hlc = ?3 AND device_id < ?4))
                     ORDER BY hlc DESC, device_id DESC LIMIT 1",
                    params![rec, field, hlc as i64, device.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if by_coordinator || before.is_none() {
                continue;
            }
            out.push((rec.clone(), field.to_string(), (hlc as i64, device.to_string()), before));
        }
    }
    Ok(out)
}

fn describe(conn: &Connection, tbl: &str, rec: &str) -> Result<(Option<String>, Option<String>)> {
    let id: Uuid = rec.parse().unwrap_or_else(|_| Uuid::nil());
    let label = crate::query::label_of(conn, tbl, id)?;
    let family = match crate::store::family::family_of(conn, tbl, id)? {
        Some(h) => crate::query::label_of(conn, "household", h)?,
        None => None,
    };
    Ok((label, family))
}

/// The open conflicts this store's person is asked to decide: every one, except that a
/// review (a court time or place a non-coordinator changed) is a coordinator's to keep or
/// undo, so another member's store does not list it. Both front ends list these.
pub fn to_decide(store: &crate::Store) -> Result<Vec<Conflict>> {
    let decides_reviews = store.actor()?.limited_role().is_none();
    Ok(list(store.conn())?.into_iter().filter(|c| decides_reviews || !c.review).collect())
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
        let winner = schema::table(&tbl)
            .map(|t| record_versions(conn, t, &rec))
            .transpose()?
            .and_then(|v| v.get(&field).copied());
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
        let high_stakes =
            field == DELETED || schema::table(&tbl).and_then(|t| t.field(&field)).is_some_and(|f| f.high_stakes);
        let (record_label, family) = describe(conn, &tbl, &rec)?;
        out.push(Conflict {
            id: conflict_id(&tbl, &rec, &field),
            record_id: rec.parse().unwrap_or_else(|_| Uuid::nil()),
            table: tbl,
            field,
            high_stakes,
            review: false,
            record_label,
            family,
            versions,
        });
    }
    for (rec, field, (h, d), before) in reviews(conn)? {
        if out.iter().any(|c| c.table == "court_date" && c.record_id.to_string() == rec && c.field == field) {
            continue;
        }
        let mut versions = Vec::new();
        versions.extend(version(conn, &rec, &field, h, &d)?);
        if let Some((bh, bd)) = before {
            versions.extend(version(conn, &rec, &field, bh, &bd)?);
        }
        let (record_label, family) = describe(conn, "court_date", &rec)?;
        out.push(Conflict {
            id: conflict_id("court_date", &rec, &field),
            record_id: rec.parse().unwrap_or_else(|_| Uuid::nil()),
            table: "court_date".into(),
            field,
            high_stakes: true,
            review: true,
            record_label,
            family,
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
    let c = all.into_iter().find(|c| c.id == id).ok_or_else(|| Error::NotFound { kind: "conflict", id: id.clone() })?;
    let value = match keep.clone() {
        Keep::Listed(n) => c.versions.get(n.wrapping_sub(1)).map(|v| v.value.clone()).ok_or_else(|| {
            Error::bad("keep", crate::error::Invalid::KeepNumber { max: crate::refusal::count(c.versions.len()) })
        })?,
        Keep::Value(v) => v,
    };
    let table = schema::table(&c.table).ok_or_else(|| Error::Internal("conflict on an unknown table".into()))?;
    let (record, field) = (c.record_id, c.field.clone());
    if field == DELETED {
        // A deletion against edits it did not see, or a restore against a deletion it did
        // not see: keeping the deletion deletes (or confirms it); keeping anything else —
        // an unseen edit, or the restore — brings the record back with its current values.
        let delete = value == Value::Bool(true);
        let deleted = crate::store::read_row(store.conn(), table, record)?
            .is_some_and(|r| r.get("deleted") == Some(&Value::Bool(true)));
        store.write(now, |w| match (delete, deleted) {
            (true, true) => w.confirm_delete(table, record),
            (true, false) => w.delete(table, record),
            (false, _) => w.restore(table, record),
        })?;
        return Ok(c);
    }
    if schema::merged_with(table, &field).is_some() && matches!(keep, Keep::Value(_)) {
        return Err(Error::invalid(
            "keep",
            "keep one of the listed times (--keep N); to set another time, edit the court date",
        ));
    }
    if let (Some(group), Keep::Listed(n)) = (schema::merged_with(table, &field), &keep) {
        // A court date's time: keep every part of the chosen value, from its change.
        let v = &c.versions[n - 1];
        let fields: String = store.conn().query_row(
            "SELECT fields FROM change_log WHERE device_id = ?1 AND hlc = ?2 AND record_id = ?3",
            params![v.device.to_string(), v.hlc as i64, record.to_string()],
            |r| r.get(0),
        )?;
        let fields = decode_fields(&fields)?;
        let current = crate::store::read_row(store.conn(), table, record)?.unwrap_or_default();
        let part = |name: &str| {
            fields.get(name).map(|f| f.value.clone()).or_else(|| current.get(name).cloned()).unwrap_or(Value::Null)
        };
        let (local, zone) = (part(group[0]), part(group[1]));
        let utc = match (
            local.as_str().and_then(|l| l.parse::<chrono::NaiveDateTime>().ok()),
            zone.as_str().and_then(|z| z.parse::<chrono_tz::Tz>().ok()),
        ) {
            (Some(l), Some(z)) => crate::domain::PlaceTime { local: l, zone: z }.utc(),
            _ => return Err(Error::Internal("a court date's time in a conflict could not be read".into())),
        };
        let utc = serde_json::to_value(utc).map_err(|e| Error::Internal(e.to_string()))?;
        store.write(now, |w| w.put_all(table, record, &[(group[0], local), (group[1], zone), (group[2], utc)]))?;
        return Ok(c);
    }
    store.write(now, |w| w.put(table, record, &field, value))?;
    Ok(c)
}
