//! The home screen's "Last sync": when this device last received a bundle, from whom, and
//! which families it changed; when it last sent bundles, and to whom. Kept in `meta`, this
//! store's own (never synced, so no schema change reaches the team): one small JSON value
//! for the last import and one for the last export. The import's note keeps the records it
//! changed (the first [`RECORDS_KEPT`]); which families they belong to is worked out when
//! asked.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::bundle::Header;
use super::summary::Summary;
use crate::error::Result;

const LAST_IMPORT: &str = "sync.last_import";
const LAST_EXPORT: &str = "sync.last_export";
/// How many changed families the home screen lists; beyond that it says there are more.
pub const FAMILIES_SHOWN: usize = 8;
/// How many of an import's changed records its note keeps: enough to find the families to
/// list, small enough for one value in `meta` whatever the bundle's size.
pub const RECORDS_KEPT: usize = 400;

#[derive(Serialize, Deserialize)]
struct ImportNote {
    at: DateTime<Utc>,
    sender_member: Uuid,
    /// The records the import created, changed or purged (table, id), the first
    /// [`RECORDS_KEPT`] of `changed_total`.
    changed: Vec<(String, Uuid)>,
    changed_total: usize,
    new: usize,
    updated: usize,
    conflicts: usize,
}

#[derive(Serialize, Deserialize)]
struct ExportNote {
    at: DateTime<Utc>,
    members: Vec<Uuid>,
}

/// What the last bundle received brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ReceivedView"))]
pub struct Received {
    pub at: DateTime<Utc>,
    /// The sender's name on the roster (`None` if they are no longer on it).
    pub from: Option<String>,
    pub new: usize,
    pub updated: usize,
    pub conflicts: usize,
    /// Families whose records the bundle changed, the first [`FAMILIES_SHOWN`] of them.
    pub families: Vec<ChangedFamily>,
    /// More families changed than are listed.
    pub more_families: bool,
    /// Changed records that belong to no family (rota, team, housing sites, …), among
    /// those the note kept.
    pub other_changes: usize,
}

/// A family and the kinds of its records a bundle changed (table names, in order of
/// first appearance: `household`, `person`, `court_date`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ChangedFamilyView"))]
pub struct ChangedFamily {
    pub household_id: Uuid,
    /// `None` when this store may not see the family's name (a driver's) or it was forgotten.
    pub name: Option<String>,
    /// The family is deleted here (or forgotten): there is no page to open.
    pub deleted: bool,
    pub kinds: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SentView"))]
pub struct Sent {
    pub at: DateTime<Utc>,
    /// Names of the members the bundles went to, as the roster has them now.
    pub to: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "LastSyncView"))]
pub struct LastSync {
    pub received: Option<Received>,
    pub sent: Option<Sent>,
}

fn put(conn: &Connection, key: &str, value: &impl Serialize) -> Result<()> {
    let text = serde_json::to_string(value).map_err(|e| crate::Error::Internal(format!("encoding {key}: {e}")))?;
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, text),
    )?;
    Ok(())
}

fn get<T: for<'de> Deserialize<'de>>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let text: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?;
    // A note this version cannot read is as good as none: it only feeds a summary.
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// Remember an import (inside its transaction).
pub(crate) fn record_import(
    conn: &Connection,
    header: &Header,
    summary: &Summary,
    changed: &[(&str, Uuid)],
    now: DateTime<Utc>,
) -> Result<()> {
    let note = ImportNote {
        at: now,
        sender_member: header.sender_member,
        changed: changed.iter().take(RECORDS_KEPT).map(|(t, id)| (t.to_string(), *id)).collect(),
        changed_total: changed.len(),
        new: summary.new,
        updated: summary.updated,
        conflicts: summary.conflicts,
    };
    put(conn, LAST_IMPORT, &note)
}

/// Remember that bundles for `members` were written.
/// When a bundle last went from this device to `member`.
pub fn last_sent_to(conn: &Connection, member: Uuid) -> Result<Option<DateTime<Utc>>> {
    get::<DateTime<Utc>>(conn, &format!("sync.sent_to.{member}"))
}

pub(crate) fn record_export(conn: &Connection, members: &[Uuid], now: DateTime<Utc>) -> Result<()> {
    if members.is_empty() {
        return Ok(());
    }
    for m in members {
        put(conn, &format!("sync.sent_to.{m}"), &now)?;
    }
    put(conn, LAST_EXPORT, &ExportNote { at: now, members: members.to_vec() })
}

fn member_name(conn: &Connection, id: Uuid) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT name FROM member WHERE id = ?1 AND deleted = 0", [id.to_string()], |r| r.get(0))
        .optional()?
        .flatten())
}

/// What the last exchanges did, for the home screen.
pub fn last_sync(conn: &Connection) -> Result<LastSync> {
    let received = match get::<ImportNote>(conn, LAST_IMPORT)? {
        None => None,
        Some(note) => {
            let mut families: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
            // Records past those the note kept may belong to further families.
            let mut more_families = note.changed_total > note.changed.len();
            let mut other_changes = 0;
            for (table, record) in &note.changed {
                let Some(kind) = crate::schema::table(table).map(|t| t.name) else { continue };
                match crate::store::family::family_of(conn, kind, *record)?.map(|h| h.to_string()) {
                    Some(h) => {
                        let order = families.len();
                        if families.len() >= FAMILIES_SHOWN && !families.contains_key(&h) {
                            more_families = true;
                            continue;
                        }
                        let entry = families.entry(h).or_insert((order, Vec::new()));
                        if !entry.1.iter().any(|k| k == kind) {
                            entry.1.push(kind.to_string());
                        }
                    }
                    None => other_changes += 1,
                }
            }
            let mut listed: Vec<(usize, ChangedFamily)> = Vec::new();
            for (h, (order, kinds)) in families {
                let row: Option<(Option<String>, bool)> = conn
                    .query_row("SELECT display_name, deleted FROM household WHERE id = ?1", [&h], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                let (name, deleted) = row.unwrap_or((None, true));
                let Ok(household_id) = h.parse() else { continue };
                listed.push((order, ChangedFamily { household_id, name, deleted, kinds }));
            }
            listed.sort_by_key(|(order, _)| *order);
            Some(Received {
                at: note.at,
                from: member_name(conn, note.sender_member)?,
                new: note.new,
                updated: note.updated,
                conflicts: note.conflicts,
                families: listed.into_iter().map(|(_, f)| f).collect(),
                more_families,
                other_changes,
            })
        }
    };
    let sent = match get::<ExportNote>(conn, LAST_EXPORT)? {
        None => None,
        Some(note) => {
            let mut to = Vec::new();
            for m in note.members {
                if let Some(name) = member_name(conn, m)? {
                    to.push(name);
                }
            }
            Some(Sent { at: note.at, to })
        }
    };
    Ok(LastSync { received, sent })
}

const STALLS: &str = "sync.stalls";

#[derive(Serialize, Deserialize, Clone)]
struct StallNote {
    since: DateTime<Utc>,
    /// Imports in a row from this sender after which it still held more than this store.
    imports: usize,
    devices: usize,
}

/// Sync that stalls: a sender whose bundles, one after another, leave this store lacking
/// changes the sender holds (for example because files were lost, or this store's vector
/// claims more than it has). Kept per sender in `meta`, cleared by an import that leaves
/// nothing missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stall {
    pub member: Uuid,
    /// The sender's name on the roster.
    pub from: Option<String>,
    pub since: DateTime<Utc>,
    pub imports: usize,
    pub devices: usize,
}

/// Remember (inside the import's transaction) whether the import from `sender` left this
/// store behind on `devices` origin devices.
pub(crate) fn record_stall(conn: &Connection, sender: Uuid, devices: usize, now: DateTime<Utc>) -> Result<()> {
    let mut all: BTreeMap<Uuid, StallNote> = get(conn, STALLS)?.unwrap_or_default();
    if devices == 0 {
        if all.remove(&sender).is_none() {
            return Ok(());
        }
    } else {
        let e = all.entry(sender).or_insert(StallNote { since: now, imports: 0, devices });
        e.imports += 1;
        e.devices = devices;
    }
    put(conn, STALLS, &all)
}

/// Senders this store keeps falling behind, for `amparo sync status`.
pub fn stalls(conn: &Connection) -> Result<Vec<Stall>> {
    let all: BTreeMap<Uuid, StallNote> = get(conn, STALLS)?.unwrap_or_default();
    let mut out = Vec::new();
    for (member, n) in all {
        out.push(Stall {
            member,
            from: member_name(conn, member)?,
            since: n.since,
            imports: n.imports,
            devices: n.devices,
        });
    }
    Ok(out)
}
