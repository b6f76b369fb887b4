//! The one write path. Every mutation, local or imported, changes the tables and appends
//! a change to the change log in the same transaction: one change per edit of a record,
//! carrying each field it set with the version of that field its editor saw.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::Store;
use crate::access::authority::{self, Act};
pub use crate::access::Actor;
use crate::clock::Hlc;
use crate::error::{Error, Result};
use crate::schema::{self, Kind, Table, DELETED};

/// The version of a field: the `(hlc, device)` of the change that set it.
pub type Version = (u64, Uuid);

/// One change of the change log: the fields of one record that one edit set. Fields still
/// merge one by one (per-field last-writer-wins); they travel and are stored together.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    pub device_id: Uuid,
    pub seq: i64,
    pub hlc: u64,
    pub table: String,
    pub record_id: Uuid,
    pub author: Option<Uuid>,
    pub fields: BTreeMap<String, FieldChange>,
}

/// One field of a change.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FieldChange {
    pub value: Value,
    /// The version of the field the editor saw, so concurrent edits can be recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_hlc: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_device: Option<Uuid>,
}

impl FieldChange {
    pub fn new(value: Value, base: Option<Version>) -> FieldChange {
        FieldChange { value, base_hlc: base.map(|b| b.0), base_device: base.map(|b| b.1) }
    }

    pub fn base(&self) -> Option<Version> {
        self.base_hlc.zip(self.base_device)
    }
}

impl Change {
    pub fn version(&self) -> Version {
        (self.hlc, self.device_id)
    }
}

impl Store {
    /// Run `f` in one transaction: all of its changes and their log entries, or none.
    pub fn write<T>(&mut self, now: DateTime<Utc>, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        // IMMEDIATE takes the write lock first (waiting out another process's writer, see
        // `busy_timeout`), so the sequence number and clock read next are the latest: another
        // process (the CLI while the app is open) may have written since this store opened.
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let next_seq: i64 = tx.query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM change_log WHERE device_id = ?1",
            [self.device_id.to_string()],
            |r| r.get(0),
        )?;
        let stored: Option<String> =
            tx.query_row("SELECT value FROM meta WHERE key = 'hlc'", [], |r| r.get(0)).optional()?;
        let clock = Hlc(self.clock.0.max(stored.and_then(|s| s.parse().ok()).unwrap_or(0)));
        let actor = Actor::of(&tx, self.member_id)?;
        let mut w = Writer { tx, device: self.device_id, author: self.member_id, actor, clock, next_seq, now };
        let out = f(&mut w)?;
        w.tx.execute(
            "INSERT INTO meta(key, value) VALUES ('hlc', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [w.clock.0.to_string()],
        )?;
        let clock = w.clock;
        w.tx.commit()?;
        self.clock = clock;
        Ok(out)
    }
}

pub struct Writer<'a> {
    tx: Transaction<'a>,
    device: Uuid,
    author: Uuid,
    actor: Actor,
    clock: Hlc,
    next_seq: i64,
    now: DateTime<Utc>,
}

impl<'a> Writer<'a> {
    /// Reads inside the transaction see its own writes.
    pub fn tx(&self) -> &Transaction<'a> {
        &self.tx
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn device_id(&self) -> Uuid {
        self.device
    }

    pub fn author(&self) -> Uuid {
        self.author
    }

    pub fn actor(&self) -> Actor {
        self.actor
    }

    /// The version of a field an edit is based on: the winner this store holds. A field
    /// this store's role is not sent but may write (an accompanier's court outcome) has no
    /// version here; its edit is based on everything this device had seen when it made it
    /// (its clock), so it does not look concurrent with the record's first, empty value.
    fn base(&self, table: &Table, field: &str, versions: &HashMap<String, Version>) -> Option<Version> {
        match versions.get(field) {
            Some(v) => Some(*v),
            None if !self.actor.holds(table, field) => Some((self.clock.0, Uuid::max())),
            None => None,
        }
    }

    /// Refuse, before anything is written, a change the author's role may not make: the
    /// team would leave it out (`access::authority`).
    fn authorize(
        &self,
        table: &'static Table,
        act: Act,
        fields: &mut dyn Iterator<Item = &str>,
        record: &Map<String, Value>,
        before: Option<&Map<String, Value>>,
    ) -> Result<()> {
        let Some(role) = self.actor.limited_role() else { return Ok(()) };
        // A device writes its own device record (a restore onto a new machine becomes a new
        // device); the team takes it only once a coordinator adds that device.
        if table.name == schema::DEVICE.name
            && record.get("id").and_then(Value::as_str) == Some(self.device.to_string().as_str())
        {
            return Ok(());
        }
        let volunteer = match self.actor {
            Actor::Member { volunteer, .. } => volunteer,
            Actor::Alone => None,
        };
        if authority::allows(&self.tx, role, volunteer, table, act, fields, record, before)? {
            return Ok(());
        }
        let what = match act {
            Act::Create => crate::refusal::RoleAct::Create,
            Act::Edit => crate::refusal::RoleAct::Edit,
            Act::Delete => crate::refusal::RoleAct::Delete,
        };
        Err(crate::refusal::Refusal::NotYourRole {
            role: role.as_str().to_string(),
            record: table.name.to_string(),
            act: what,
        }
        .into())
    }

    /// Advance the clock past a timestamp seen from a peer; returns whether it looked future-dated.
    pub fn observe(&mut self, remote: Hlc) -> bool {
        let (clock, future) = self.clock.observe(remote, self.now);
        self.clock = clock;
        future
    }

    /// Create a record with the given fields.
    pub fn insert(&mut self, table: &'static Table, id: Uuid, fields: &[(&str, Value)]) -> Result<()> {
        let exists: bool = self
            .tx
            .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", table.name))?
            .query_row([id.to_string()], |_| Ok(true))
            .optional()?
            .unwrap_or(false);
        if exists {
            return Err(Error::Internal(format!("{} {id} already exists", table.name)));
        }
        let mut record: Map<String, Value> = fields.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        record.insert("id".into(), Value::String(id.to_string()));
        self.authorize(table, Act::Create, &mut fields.iter().map(|(k, _)| *k), &record, None)?;
        let mut cols = vec!["id".to_string()];
        let mut vals = vec![SqlValue::Text(id.to_string())];
        for (name, value) in fields {
            let field = field_of(table, name)?;
            cols.push(field.name.to_string());
            vals.push(to_sql(field.kind, field.name, value)?);
        }
        let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO {} ({}) VALUES ({})",
                table.name,
                cols.join(", "),
                placeholders.join(", ")
            ))?
            .execute(rusqlite::params_from_iter(vals))?;
        // A record that did not exist has no open conflicts to close.
        let mut change = BTreeMap::new();
        for (name, value) in fields {
            let field = field_of(table, name)?;
            change.insert(field.name.to_string(), FieldChange::new(value.clone(), None));
        }
        self.append_local(table, id, change)?;
        self.reindex(table, id)?;
        Ok(())
    }

    /// Change fields of a live record; only fields whose value differs are logged.
    /// Returns how many fields changed.
    pub fn update(&mut self, table: &'static Table, id: Uuid, fields: &[(&str, Value)]) -> Result<usize> {
        let current = read_row(&self.tx, table, id)?
            .filter(|row| !row_deleted(row))
            .ok_or_else(|| Error::NotFound { kind: table.name, id: id.to_string() })?;
        let mut changed = Vec::new();
        for (name, value) in fields {
            let field = field_of(table, name)?;
            let value = normalise(field.kind, value.clone());
            if current.get(field.name) != Some(&value) {
                changed.push((field, value));
            }
        }
        if changed.is_empty() {
            return Ok(0);
        }
        // A value made of several fields (a court date's time) is logged whole, so every
        // replica takes all of it from the same change.
        let groups: Vec<&'static [&'static str]> =
            changed.iter().filter_map(|(f, _)| schema::merged_with(table, f.name)).collect();
        for group in groups {
            for name in group {
                if changed.iter().any(|(f, _)| f.name == *name) {
                    continue;
                }
                let field = field_of(table, name)?;
                let value = fields
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| normalise(field.kind, v.clone()))
                    .unwrap_or_else(|| current.get(*name).cloned().unwrap_or(Value::Null));
                changed.push((field, value));
            }
        }
        let mut after = current.clone();
        for (f, v) in &changed {
            after.insert(f.name.to_string(), v.clone());
        }
        self.authorize(table, Act::Edit, &mut changed.iter().map(|(f, _)| f.name), &after, Some(&current))?;
        let mut sets = Vec::new();
        let mut vals = Vec::new();
        for (i, (field, value)) in changed.iter().enumerate() {
            sets.push(format!("{} = ?{}", field.name, i + 2));
            vals.push(to_sql(field.kind, field.name, value)?);
        }
        let mut all = vec![SqlValue::Text(id.to_string())];
        all.extend(vals);
        self.tx.execute(
            &format!("UPDATE {} SET {} WHERE id = ?1", table.name, sets.join(", ")),
            rusqlite::params_from_iter(all),
        )?;
        let versions = record_versions(&self.tx, table, &id.to_string())?;
        let change = changed
            .iter()
            .map(|(f, v)| (f.name.to_string(), FieldChange::new(v.clone(), self.base(table, f.name, &versions))))
            .collect();
        self.log(table, id, change)?;
        if changed.iter().any(|(f, _)| f.searchable) {
            self.reindex(table, id)?;
        }
        Ok(changed.len())
    }

    /// Delete a record by tombstone: the row stays, marked deleted, so a late bundle
    /// cannot bring it back.
    pub fn delete(&mut self, table: &'static Table, id: Uuid) -> Result<()> {
        let live = read_row(&self.tx, table, id)?.filter(|row| !row_deleted(row));
        if live.is_none() {
            return Err(Error::NotFound { kind: table.name, id: id.to_string() });
        }
        self.set_deleted(table, id, true)
    }

    /// Refuse, without writing, a deletion this device's role may not make (asked before a
    /// person confirms it).
    pub fn check_delete(&self, table: &'static Table, id: Uuid) -> Result<()> {
        let row = read_row(&self.tx, table, id)?.unwrap_or_default();
        self.authorize(table, Act::Delete, &mut std::iter::empty(), &row, None)
    }

    /// Confirm the deletion of a record that an edit made elsewhere, without seeing the
    /// deletion, is in conflict with: a new tombstone that has seen every such edit, so
    /// the conflict closes on every replica it reaches.
    pub fn confirm_delete(&mut self, table: &'static Table, id: Uuid) -> Result<()> {
        let row =
            read_row(&self.tx, table, id)?.ok_or_else(|| Error::NotFound { kind: table.name, id: id.to_string() })?;
        if !row_deleted(&row) {
            return Err(Error::invalid("keep", "the record is not deleted"));
        }
        self.set_deleted(table, id, true)
    }

    /// Bring back a deleted record, as a person decided in a conflict review (a court date
    /// deleted on one laptop while it was rescheduled on another). The record returns with
    /// the values its fields hold now, and the decision syncs like any other change: it
    /// has seen the deletion, so no late copy of that deletion undoes it. A purged record
    /// has no content left to restore.
    pub fn restore(&mut self, table: &'static Table, id: Uuid) -> Result<()> {
        if read_row(&self.tx, table, id)?.is_none() {
            return Err(Error::NotFound { kind: table.name, id: id.to_string() });
        }
        let purged = self
            .tx
            .prepare_cached("SELECT 1 FROM purged WHERE record_id = ?1")?
            .query_row([id.to_string()], |_| Ok(()))
            .optional()?
            .is_some();
        if purged {
            return Err(Error::invalid(
                "keep",
                "this record was purged; its content is gone everywhere and cannot be restored",
            ));
        }
        self.set_deleted(table, id, false)
    }

    /// Log the record's `_deleted` state, based on everything this device holds of it: the
    /// current `_deleted` winner (a deletion, or an earlier restore) and the newest of its
    /// high-stakes fields. A deletion records the latter so that a high-stakes edit made
    /// without seeing it can be told apart (see `sync::merge`).
    fn set_deleted(&mut self, table: &'static Table, id: Uuid, deleted: bool) -> Result<()> {
        let row = read_row(&self.tx, table, id)?.unwrap_or_default();
        self.authorize(table, Act::Delete, &mut std::iter::empty(), &row, None)?;
        self.tx.execute(
            &format!("UPDATE {} SET deleted = ?2 WHERE id = ?1", table.name),
            params![id.to_string(), deleted as i64],
        )?;
        let base = self.high_stakes_seen(table, id)?.max(self.field_version(table, id, DELETED)?);
        self.log(table, id, BTreeMap::from([(DELETED.to_string(), FieldChange::new(Value::Bool(deleted), base))]))?;
        self.reindex(table, id)
    }

    /// The newest version among a record's high-stakes fields: what a deletion records as
    /// its base, so an edit of one of them made without seeing the deletion can be told
    /// apart (see `sync::merge`). `None` for tables without high-stakes fields.
    pub(crate) fn high_stakes_seen(&self, table: &Table, id: Uuid) -> Result<Option<(u64, Uuid)>> {
        high_stakes_versions(&self.tx, table, &id.to_string()).map(|v| v.into_iter().max())
    }

    /// The `(hlc, device)` of the change that currently wins a field.
    pub(crate) fn field_version(&self, table: &Table, id: Uuid, field: &str) -> Result<Option<Version>> {
        Ok(record_versions(&self.tx, table, &id.to_string())?.get(field).copied())
    }

    /// Append a local change (next sequence number, next clock tick). A local edit has
    /// seen the current winner of each field it sets, and through it every value that
    /// winner won against, so it closes any open conflict on those fields.
    pub(crate) fn log(&mut self, table: &Table, id: Uuid, fields: BTreeMap<String, FieldChange>) -> Result<()> {
        let mut clear =
            self.tx.prepare_cached("DELETE FROM conflict WHERE tbl = ?1 AND record_id = ?2 AND field = ?3")?;
        for field in fields.keys() {
            clear.execute(params![table.name, id.to_string(), field])?;
        }
        drop(clear);
        self.append_local(table, id, fields)
    }

    /// Append a local change (without touching conflicts).
    fn append_local(&mut self, table: &Table, id: Uuid, fields: BTreeMap<String, FieldChange>) -> Result<()> {
        self.clock = self.clock.tick(self.now);
        let change = Change {
            device_id: self.device,
            seq: self.next_seq,
            hlc: self.clock.0,
            table: table.name.to_string(),
            record_id: id,
            author: Some(self.author),
            fields,
        };
        self.next_seq += 1;
        if !append_change(&self.tx, &change)? {
            // A local change that is not logged would never reach the team: refuse the write.
            return Err(Error::Internal(format!(
                "change {} of this device is already in the log; nothing was saved",
                change.seq
            )));
        }
        Ok(())
    }

    /// Set one field and log it even when the value is unchanged, based on the current
    /// winner: a decision a person made (a conflict resolution) must reach every replica.
    pub fn put(&mut self, table: &'static Table, id: Uuid, field: &str, value: Value) -> Result<()> {
        self.put_all(table, id, &[(field, value)])
    }

    /// [`Writer::put`] of several fields in one change (the parts of one value).
    pub fn put_all(&mut self, table: &'static Table, id: Uuid, fields: &[(&str, Value)]) -> Result<()> {
        let mut row = read_row(&self.tx, table, id)?
            .filter(|row| !row_deleted(row))
            .ok_or_else(|| Error::NotFound { kind: table.name, id: id.to_string() })?;
        let before = row.clone();
        let mut set = Vec::new();
        for (name, value) in fields {
            let f = field_of(table, name)?;
            let value = normalise(f.kind, value.clone());
            row.insert(f.name.to_string(), value.clone());
            set.push((f, value));
        }
        self.authorize(table, Act::Edit, &mut set.iter().map(|(f, _)| f.name), &row, Some(&before))?;
        let versions = record_versions(&self.tx, table, &id.to_string())?;
        let mut change = BTreeMap::new();
        for (f, value) in &set {
            self.tx.execute(
                &format!("UPDATE {} SET {} = ?2 WHERE id = ?1", table.name, f.name),
                params![id.to_string(), to_sql(f.kind, f.name, value)?],
            )?;
            change.insert(f.name.to_string(), FieldChange::new(value.clone(), self.base(table, f.name, &versions)));
        }
        self.log(table, id, change)?;
        if set.iter().any(|(f, _)| f.searchable) {
            self.reindex(table, id)?;
        }
        Ok(())
    }

    /// Rebuild the full-text entry of one record from its searchable fields.
    pub fn reindex(&self, table: &Table, id: Uuid) -> Result<()> {
        reindex(&self.tx, table, id)
    }
}

/// Append a change to the change log (idempotent on `(device_id, seq)`); returns whether
/// it was new.
pub(crate) fn append_change(tx: &Transaction<'_>, change: &Change) -> Result<bool> {
    let fields =
        serde_json::to_string(&change.fields).map_err(|e| Error::Internal(format!("encoding a change: {e}")))?;
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO change_log(device_id, seq, hlc, tbl, record_id, author, fields) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            change.device_id.to_string(),
            change.seq,
            change.hlc as i64,
            change.table,
            change.record_id.to_string(),
            change.author.map(|a| a.to_string()),
            fields,
        ])?;
    Ok(n == 1)
}

/// Decode the `fields` column of a change.
pub(crate) fn decode_fields(text: &str) -> Result<BTreeMap<String, FieldChange>> {
    serde_json::from_str(text).map_err(|_| Error::Internal("a stored change does not decode".into()))
}

/// The current winner of every field (and pseudo-field) of a record: per field, the
/// greatest `(hlc, device)` among the record's changes that set it.
pub(crate) fn record_versions(
    conn: &rusqlite::Connection,
    table: &Table,
    rid: &str,
) -> Result<HashMap<String, Version>> {
    let mut st =
        conn.prepare_cached("SELECT hlc, device_id, fields FROM change_log WHERE record_id = ?1 AND tbl = ?2")?;
    let mut rows = st.query(params![rid, table.name])?;
    let mut out: HashMap<String, Version> = HashMap::new();
    while let Some(r) = rows.next()? {
        let key: Version = (r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?.parse().unwrap_or_else(|_| Uuid::nil()));
        let fields: String = r.get(2)?;
        // Only the names are needed: read them without decoding the values.
        let names: BTreeMap<String, serde::de::IgnoredAny> =
            serde_json::from_str(&fields).map_err(|_| Error::Internal("a stored change does not decode".into()))?;
        for name in names.into_keys() {
            let slot = out.entry(name).or_insert(key);
            if key > *slot {
                *slot = key;
            }
        }
    }
    Ok(out)
}

/// The current winners `(hlc, device)` of a record's high-stakes fields.
pub(crate) fn high_stakes_versions(conn: &rusqlite::Connection, table: &Table, rid: &str) -> Result<Vec<Version>> {
    if !table.fields.iter().any(|f| f.high_stakes) {
        return Ok(vec![]);
    }
    let versions = record_versions(conn, table, rid)?;
    Ok(table.fields.iter().filter(|f| f.high_stakes).filter_map(|f| versions.get(f.name).copied()).collect())
}

pub(crate) fn field_of(table: &'static Table, name: &str) -> Result<&'static schema::Field> {
    table.field(name).ok_or_else(|| Error::Internal(format!("{} has no field {name}", table.name)))
}

/// Bring a JSON value into the form the column gives back, so comparisons are exact.
pub(crate) fn normalise(kind: Kind, value: Value) -> Value {
    match (kind, value) {
        (Kind::Bool, Value::Number(n)) => Value::Bool(n.as_i64().unwrap_or(0) != 0),
        (_, v) => v,
    }
}

pub(crate) fn to_sql(kind: Kind, name: &str, value: &Value) -> Result<SqlValue> {
    let bad = || Error::Internal(format!("value of the wrong type for field {name}"));
    Ok(match (kind, value) {
        (_, Value::Null) => SqlValue::Null,
        (Kind::Text, Value::String(s)) => SqlValue::Text(s.clone()),
        (Kind::Int, Value::Number(n)) => SqlValue::Integer(n.as_i64().ok_or_else(bad)?),
        (Kind::Bool, Value::Bool(b)) => SqlValue::Integer(*b as i64),
        (Kind::Bool, Value::Number(n)) => SqlValue::Integer((n.as_i64().unwrap_or(0) != 0) as i64),
        (Kind::Json, v) => SqlValue::Text(v.to_string()),
        _ => return Err(bad()),
    })
}

pub(crate) fn from_sql_value(kind: Kind, value: SqlValue) -> Value {
    match (kind, value) {
        (_, SqlValue::Null) => Value::Null,
        (Kind::Bool, SqlValue::Integer(i)) => Value::Bool(i != 0),
        (Kind::Json, SqlValue::Text(s)) => serde_json::from_str(&s).unwrap_or(Value::Null),
        (_, SqlValue::Integer(i)) => Value::from(i),
        (_, SqlValue::Real(r)) => Value::from(r),
        (_, SqlValue::Text(s)) => Value::String(s),
        (_, SqlValue::Blob(_)) => Value::Null,
    }
}

fn row_deleted(row: &Map<String, Value>) -> bool {
    row.get("deleted") == Some(&Value::Bool(true))
}

/// A record as a JSON object of its registry fields plus `id` and `deleted`.
pub fn read_row(conn: &rusqlite::Connection, table: &Table, id: Uuid) -> Result<Option<Map<String, Value>>> {
    let cols: Vec<&str> = table.fields.iter().map(|f| f.name).collect();
    let sql = format!("SELECT deleted, {} FROM {} WHERE id = ?1", cols.join(", "), table.name);
    conn.query_row(&sql, [id.to_string()], |r| row_to_map(table, id, r)).optional().map_err(Error::from)
}

/// Convert a row selected as `deleted, <every registry field in order>`.
pub fn row_to_map(table: &Table, id: Uuid, r: &rusqlite::Row<'_>) -> rusqlite::Result<Map<String, Value>> {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(id.to_string()));
    m.insert("deleted".into(), Value::Bool(r.get::<_, i64>(0)? != 0));
    for (i, f) in table.fields.iter().enumerate() {
        let v: SqlValue = r.get(i + 1)?;
        m.insert(f.name.into(), from_sql_value(f.kind, v));
    }
    Ok(m)
}

pub(crate) fn reindex(conn: &rusqlite::Connection, table: &Table, id: Uuid) -> Result<()> {
    let searchable: Vec<&str> = table.fields.iter().filter(|f| f.searchable).map(|f| f.name).collect();
    if searchable.is_empty() {
        return Ok(());
    }
    let rid = id.to_string();
    let key: Option<i64> = conn
        .prepare_cached("SELECT n FROM search_key WHERE record_id = ?1")?
        .query_row([&rid], |r| r.get(0))
        .optional()?;
    if let Some(n) = key {
        conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([n])?;
    }
    let text: Option<String> = conn
        .prepare_cached(&format!(
            "SELECT concat_ws(' ', {}) FROM {} WHERE id = ?1 AND deleted = 0",
            searchable.join(", "),
            table.name
        ))?
        .query_row([&rid], |r| r.get(0))
        .optional()?;
    if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
        let n = match key {
            Some(n) => n,
            None => {
                conn.prepare_cached("INSERT INTO search_key(record_id) VALUES (?1)")?.execute([&rid])?;
                conn.last_insert_rowid()
            }
        };
        conn.prepare_cached("INSERT INTO search_index(rowid, tbl, record_id, body) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![n, table.name, rid, text])?;
    }
    Ok(())
}
