//! Checks of what a bundle declares and of what it would leave in the store, beyond the
//! signature and storage types (issue 13, findings 2 and 5). Import calls these; each
//! refusal leaves the store unchanged and names a kind of record and a field, never a value.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::bundle::Header;
use super::redact;
use crate::domain::{self, Record, Role};
use crate::error::{BundleRefusal, Error, Result};
use crate::schema::{self, Table};
use crate::store::read_row;

fn refuse(what: String) -> Error {
    Error::refused(
        BundleRefusal::InvalidChange,
        format!("the bundle contains an invalid change ({what}); it was not imported"),
    )
}

/// A header's sequence ranges: well formed, and only for devices whose changes the sender
/// may relay (its own; any device's when the sender is a coordinator's device). A range is
/// what moves the receiver's vector, so a member declaring one for another device would
/// make the receiver believe it holds that device's changes and stop asking for them.
pub(crate) fn ranges(h: &Header, sender_authority: bool) -> Result<()> {
    let mut devices = HashSet::new();
    for r in &h.ranges {
        if r.after < 0 || r.upto <= r.after || !devices.insert(r.device) {
            return Err(refuse("a malformed sequence range".into()));
        }
        if !sender_authority && r.device != h.sender_device {
            return Err(Error::refused(
                BundleRefusal::NotCoordinator,
                "the bundle declares other devices' changes but was not made by a coordinator; it was not imported"
                    .into(),
            ));
        }
    }
    Ok(())
}

/// What is wrong with a stored record, in words that name no content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// The record kind a person reads ("court date").
    pub noun: &'static str,
    /// The field (a column name) found to be at fault, when one is.
    pub field: Option<&'static str>,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.field {
            Some(field) => write!(f, "{}, field {field}", self.noun),
            None => write!(f, "{}", self.noun),
        }
    }
}

/// Check a row's values as the app and the CLI check input: it must read as its record
/// type (words such as a court kind or a status, A-number, time zone, dates, lists and
/// maps), and, when `whole` (this store receives every field of the table), pass the
/// record's own rules.
fn check_as<R: Record>(map: &Map<String, Value>, whole: bool) -> std::result::Result<(), Option<&'static str>> {
    let read = |m: &Map<String, Value>| -> std::result::Result<R, ()> {
        crate::store::records::from_map::<R>(m.clone()).map_err(|_| ())
    };
    match read(map) {
        Ok(r) => {
            if whole {
                r.validate().map_err(|e| match e {
                    Error::Invalid { field, .. } => Some(field_of::<R>(field)),
                    _ => None,
                })?;
            }
            Ok(())
        }
        // Find the field at fault: the one whose value, left out, lets the record read or
        // fail differently (a required field left out fails as "missing", which differs).
        Err(()) => {
            let original = crate::store::records::from_map::<R>(map.clone()).err().map(|e| e.to_string());
            for f in R::TABLE.fields {
                if map.get(f.name).is_none_or(Value::is_null) {
                    continue;
                }
                let mut m = map.clone();
                m.remove(f.name);
                let other = crate::store::records::from_map::<R>(m).err().map(|e| e.to_string());
                if other != original {
                    return Err(Some(f.name));
                }
            }
            Err(None)
        }
    }
}

/// A rule's field label as a column name when it is one (else the table's first field
/// that the label names, else the label itself is not shown).
fn field_of<R: Record>(label: &'static str) -> &'static str {
    let col = label.replace(' ', "_");
    R::TABLE.field(&col).map(|f| f.name).unwrap_or(label)
}

/// Calls `$m!(args…, Type, Type, …)` with every record kind: the one list of them that
/// validation and nouns share (a kind missing here is neither checked nor named).
macro_rules! every_record_kind {
    ($m:ident $(, $arg:expr)*) => {
        $m!(
            $($arg,)*
            Member,
            Device,
            Congregation,
            Household,
            Person,
            Volunteer,
            CourtDate,
            CourtAccompanier,
            HousingSite,
            Placement,
            SanctuarySite,
            SanctuaryGuest,
            Shift,
            ShiftAssignment,
            Task,
            Note,
            RotationTemplate,
            SwapRequest,
            ChecklistTemplate,
            ResponseZone,
            Incident,
            IncidentVerification,
            IncidentObservation,
            Dispatch,
            OncallSlot,
            OncallShift,
            OncallAssignment,
            Detention,
            Bond,
            Deposit,
        )
    };
}

macro_rules! by_table {
    ($table:expr, $map:expr, $whole:expr, $($t:ty),+ $(,)?) => {{
        let name = $table.name;
        $(
            if name == <$t as Record>::TABLE.name {
                return check_as::<$t>($map, $whole).map_err(|field| Damage { noun: <$t as Record>::NOUN, field });
            }
        )+
        Ok(())
    }};
}

/// Check one row (as read by `read_row`). Of a deleted record only the values it holds are
/// read: nothing lists it, and a tombstone must always be able to arrive.
pub fn check_row(table: &'static Table, map: &Map<String, Value>, whole: bool) -> std::result::Result<(), Damage> {
    if map.get("deleted") == Some(&Value::Bool(true)) {
        // A tombstone may hold nothing but its deletion (it can arrive before its record),
        // so only the values it does hold are read: a value no form accepts is refused on
        // a deleted record too, which a restore would otherwise bring back unreadable.
        let present: Map<String, Value> =
            map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect();
        return match check_typed(table, &present, false) {
            Err(d) if d.field.is_some() => Err(d),
            _ => Ok(()),
        };
    }
    check_typed(table, map, whole)
}

fn check_typed(table: &'static Table, map: &Map<String, Value>, whole: bool) -> std::result::Result<(), Damage> {
    use domain::*;
    every_record_kind!(by_table, table, map, whole)
}

/// Check a stored record; `Ok(None)` when it is not there.
pub fn check_record(
    conn: &Connection,
    table: &'static Table,
    id: Uuid,
    own_role: Option<Role>,
) -> Result<std::result::Result<(), Damage>> {
    let Some(map) = read_row(conn, table, id)? else { return Ok(Ok(())) };
    Ok(check_row(table, &map, receives_whole(own_role, table)))
}

/// Whether a store of a member with `role` receives every field of `table` unchanged, so
/// rules across a record's fields can be judged there (a driver's family has no name).
fn receives_whole(role: Option<Role>, table: &Table) -> bool {
    match role {
        None | Some(Role::Coordinator) => true,
        Some(role) => redact::receives_every_field(role, table),
    }
}

/// The records an import created or changed, as they stand after the merge: the first
/// invalid one refuses the whole bundle (the caller's transaction is rolled back).
pub(crate) fn records(conn: &Connection, changed: &[(&'static str, Uuid)], own_role: Option<Role>) -> Result<()> {
    for (name, id) in changed {
        let Some(table) = schema::table(name) else { continue };
        if let Err(damage) = check_record(conn, table, *id, own_role)? {
            return Err(refuse(damage.to_string()));
        }
    }
    Ok(())
}

/// The noun a person reads for the records of `table` ("court date", "family").
pub fn noun(table: &Table) -> &'static str {
    use domain::*;
    macro_rules! nouns {
        ($($t:ty),+ $(,)?) => {{
            $( if table.name == <$t as Record>::TABLE.name { return <$t as Record>::NOUN; } )+
            "record"
        }};
    }
    every_record_kind!(nouns)
}

/// A link an incoming change sets: the record, its field, and the record it names.
pub(crate) struct LinkSet {
    table: &'static Table,
    field: &'static str,
    target: &'static Table,
    target_id: String,
}

/// The links `op` sets to a record (a field of [`schema::LINKS`] given an id).
pub(crate) fn links_set(table: &'static Table, op: &crate::store::Change, into: &mut Vec<LinkSet>) {
    for (name, f) in &op.fields {
        let (Some(target), Some(id)) = (schema::link_target(table.name, name), f.value.as_str()) else { continue };
        let Some(field) = table.field(name) else { continue };
        into.push(LinkSet { table, field: field.name, target, target_id: id.to_string() });
    }
}

/// Every link an import set names a record this store has, had (deleted or forgotten) or
/// is holding back for its date; else the bundle is refused. Judged on a store that
/// receives every record (a coordinator's): elsewhere a record's parent may be one the
/// role is not sent, and readers there show what is missing as not shared.
pub(crate) fn links(conn: &Connection, set: &[LinkSet], own_role: Option<Role>) -> Result<()> {
    if !matches!(own_role, None | Some(Role::Coordinator)) {
        return Ok(());
    }
    for l in set {
        let known = |sql: &str| -> Result<bool> {
            Ok(conn.prepare_cached(sql)?.query_row([&l.target_id], |_| Ok(())).optional()?.is_some())
        };
        if known(&format!("SELECT 1 FROM {} WHERE id = ?1", l.target.name))?
            || known("SELECT 1 FROM purged WHERE record_id = ?1")?
            || known("SELECT 1 FROM held_change WHERE record_id = ?1")?
        {
            continue;
        }
        return Err(Error::refused(
            BundleRefusal::InvalidChange,
            format!(
                "the bundle contains a {}, field {}, that names a {} this store has never had; it was not imported. If that {} was added on another device, import the bundles from there first, then this one again",
                noun(l.table),
                l.field,
                noun(l.target),
                noun(l.target)
            ),
        ));
    }
    Ok(())
}

/// A stored record that does not read as its kind.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "DamagedRecord"))]
pub struct Damaged {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub table: &'static str,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub noun: &'static str,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub field: Option<&'static str>,
}

/// Delete a record that cannot be read (so cannot be opened to be deleted the usual way):
/// its tombstone syncs like any deletion, and the person enters it again.
pub fn delete_damaged(w: &mut crate::store::Writer<'_>, table: &str, id: Uuid) -> Result<()> {
    let table = schema::table(table)
        .filter(|t| !schema::is_roster(t))
        .ok_or_else(|| crate::Error::invalid("record", "not a kind of record that can be deleted here"))?;
    if !damaged(w.tx())?.iter().any(|d| d.table == table.name && d.id == id) {
        return Err(crate::Error::invalid("record", "this record reads; open it to delete it"));
    }
    w.delete(table, id)
}

/// `damaged`, read again only once the store has changed: a screen asks on every visit,
/// and the answer reads every row of every table. Changes are this connection's writes
/// (`total_changes`) and any other process's (`PRAGMA data_version`). One memo serves one
/// connection: make a new one when the store is opened again.
#[derive(Debug, Default)]
pub struct DamagedMemo {
    read_at: Option<(u64, i64)>,
    found: Vec<Damaged>,
}

impl DamagedMemo {
    pub fn damaged(&mut self, conn: &Connection) -> Result<Vec<Damaged>> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let now = (conn.total_changes(), version);
        if self.read_at != Some(now) {
            self.found = damaged(conn)?;
            // Reading changes neither count, so the state read is the state now.
            self.read_at = Some(now);
        }
        Ok(self.found.clone())
    }
}

/// Every live record of the store that cannot be read as its kind (lists leave them out).
/// Only the reading is judged, not the rules across fields: those hold on what was saved.
pub fn damaged(conn: &Connection) -> Result<Vec<Damaged>> {
    let mut out = Vec::new();
    for table in schema::TABLES.iter().copied() {
        let cols: Vec<&str> = table.fields.iter().map(|f| f.name).collect();
        let sql = format!("SELECT id, deleted, {} FROM {} WHERE deleted = 0 ORDER BY id", cols.join(", "), table.name);
        let mut st = conn.prepare(&sql)?;
        let mut rows = st.query([])?;
        // Row by row: Home asks on every visit, and a whole table read into memory first
        // stayed with the app as the allocator's free memory.
        while let Some(r) = rows.next()? {
            let id: Uuid = r.get::<_, String>(0)?.parse().unwrap_or_else(|_| Uuid::nil());
            let mut map = Map::new();
            map.insert("id".into(), Value::String(id.to_string()));
            map.insert("deleted".into(), Value::Bool(false));
            for (i, f) in table.fields.iter().enumerate() {
                let v: rusqlite::types::Value = r.get(i + 2)?;
                map.insert(f.name.into(), crate::store::from_sql_value(f.kind, v));
            }
            if let Err(d) = check_row(table, &map, false) {
                out.push(Damaged { table: table.name, noun: d.noun, id, field: d.field });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_a_record_kind_that_checks_and_names_it() {
        for t in schema::TABLES {
            assert_ne!(noun(t), "record", "{} is missing from every_record_kind!", t.name);
        }
    }
}
