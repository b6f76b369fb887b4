//! Applying one remote change, field by field: per-field last-writer-wins on `(hlc, device id)`,
//! tombstones, purges, and conflicts derived from the operations' bases.
//!
//! Conflicts are a pure function of the set of operations on a field, so replicas that
//! hold the same operations agree on them whatever the order of arrival:
//! let W be the winning operation (greatest `(hlc, device)`). An operation X "was seen"
//! by W when W's base (the winner its editor saw) is at least X. The open conflict of
//! the field is the set of operations W did not see, that no other unseen operation
//! superseded, and whose value differs from W's.

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::Value;
use uuid::Uuid;

use crate::clock::Hlc;
use crate::error::{BundleRefusal, Error, Result};
use crate::schema::{Table, DELETED};
use crate::store::{append_change, high_stakes_versions, normalise, record_versions, to_sql, Change, Writer};

/// The pseudo-field whose operation removes a record's content everywhere (a purge).
pub const PURGED: &str = "_purged";

type Key = (u64, Uuid);

/// What one import did, counted for the summary a person reads.
#[derive(Debug, Default)]
pub struct Tally {
    pub new_records: HashSet<Uuid>,
    pub updated_records: HashSet<Uuid>,
    /// Changes that changed nothing visible (each of their fields lost to a newer value).
    pub unchanged: usize,
    pub conflicts_opened: usize,
    /// Changes this store already held.
    pub already_seen: usize,
    /// Changes dated too far ahead of this computer's clock, held (see `held`).
    pub future_dated: usize,
    /// Edits held until their record arrives (see `held`).
    pub waiting_for_record: usize,
    /// Records that already existed here when a change reading as their creation (no base
    /// at all) arrived: the only case in which an earlier "creation" from another device
    /// may be an edit in disguise (`import`'s `withdraw_late_creations`).
    pub recreated: Vec<(&'static Table, Uuid)>,
    /// Purges whose maker was not a coordinator, left out (see [`apply`]).
    pub purges_ignored: usize,
    /// Changes numbered like a different change this store holds from the same device
    /// (two laptops signing as one): never applied, remembered in `sync_reused_seq`.
    pub reused_numbers: usize,
    /// The devices that sent them.
    pub reused_by: Vec<Uuid>,
    pub touched: Vec<(&'static Table, Uuid)>,
    /// The records this import created, changed or purged, in the order it first did so
    /// (for "Last sync" on the home screen).
    pub changed: Vec<(&'static str, Uuid)>,
    /// Records this import already found present and not purged (saves two lookups per
    /// further change of the same record).
    known: HashSet<Uuid>,
    /// The field versions of each record this import touched (and did not purge since):
    /// read from the log once, then kept up to date as the merge goes.
    versions: HashMap<Uuid, HashMap<&'static str, Key>>,
    /// Held changes a coordinator set aside (read once per import; see `held::discard`).
    set_aside: Option<HashSet<(Uuid, i64)>>,
    /// Whether each purging device is a coordinator, as judged once per import.
    purge_authority: HashMap<Uuid, bool>,
    /// Column values of the record being merged, written in one statement when the merge
    /// moves on to another record (see [`flush`]).
    pending: Option<Pending>,
}

/// The values won by the operations of one record, not yet written to its row.
#[derive(Debug)]
struct Pending {
    table: &'static Table,
    id: Uuid,
    /// The row does not exist yet: write it with one INSERT.
    insert: bool,
    /// A won `_deleted` value: a deletion, or a restore.
    deleted: Option<bool>,
    cols: Vec<(&'static str, SqlValue)>,
}

/// Write the pending values of the record being merged. Must run before anything reads
/// a record's row (purges, the roster check, the search index) and at the end.
pub(crate) fn flush(tx: &Transaction<'_>, tally: &mut Tally) -> Result<()> {
    let Some(p) = tally.pending.take() else { return Ok(()) };
    let mut vals: Vec<SqlValue> = vec![SqlValue::Text(p.id.to_string())];
    let sql = if p.insert {
        let mut cols = vec!["id"];
        if p.deleted == Some(true) {
            cols.push("deleted");
            vals.push(SqlValue::Integer(1));
        }
        for (c, v) in p.cols {
            cols.push(c);
            vals.push(v);
        }
        let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        format!("INSERT INTO {} ({}) VALUES ({})", p.table.name, cols.join(", "), marks.join(", "))
    } else {
        let mut sets = Vec::new();
        if let Some(deleted) = p.deleted {
            sets.push(format!("deleted = {}", deleted as i64));
        }
        for (c, v) in p.cols {
            vals.push(v);
            sets.push(format!("{c} = ?{}", vals.len()));
        }
        if sets.is_empty() {
            return Ok(());
        }
        format!("UPDATE {} SET {} WHERE id = ?1", p.table.name, sets.join(", "))
    };
    tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(vals))?;
    Ok(())
}

/// Start buffering the values of `id` (writing out those of the previous record).
fn pending_for<'t>(
    tx: &Transaction<'_>,
    tally: &'t mut Tally,
    table: &'static Table,
    id: Uuid,
    insert: bool,
) -> Result<&'t mut Pending> {
    if tally.pending.as_ref().is_some_and(|p| p.id != id) {
        flush(tx, tally)?;
    }
    Ok(tally.pending.get_or_insert_with(|| Pending { table, id, insert, deleted: None, cols: Vec::new() }))
}

pub(crate) fn is_purged(tx: &Transaction<'_>, record: &str) -> Result<bool> {
    let mut st = tx.prepare_cached("SELECT 1 FROM purged WHERE record_id = ?1")?;
    Ok(st.query_row([record], |_| Ok(())).optional()?.is_some())
}

/// The versions of a record's fields as the store holds them, by the registry's names.
fn load_versions(tx: &Transaction<'_>, table: &'static Table, rid: &str) -> Result<HashMap<&'static str, Key>> {
    Ok(record_versions(tx, table, rid)?
        .into_iter()
        .filter_map(|(name, key)| static_field(table, &name).ok().map(|f| (f, key)))
        .collect())
}

/// Apply one validated remote change inside the import's transaction.
pub(crate) fn apply(w: &mut Writer<'_>, table: &'static Table, change: &Change, tally: &mut Tally) -> Result<()> {
    let id = change.record_id;
    let rid = id.to_string();
    let known = tally.known.contains(&id);
    if !known && is_purged(w.tx(), &rid)? {
        tally.already_seen += 1;
        return Ok(());
    }
    let exists = known || {
        let mut st = w.tx().prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", table.name))?;
        st.query_row([&rid], |_| Ok(())).optional()?.is_some()
    };
    // A purge empties a family's records on every store it reaches and cannot be undone,
    // so only a coordinator's is applied (the app and the CLI offer it to no one else on a
    // team). Anyone else's is left out, neither applied nor kept to be relayed, and
    // counted in the summary: refusing the whole bundle would stop that member's sync for
    // good, since the purge stays in their log. Judged on the roster as it stands at this
    // point of the import (records buffered so far written first), like roster changes.
    if change.fields.contains_key(PURGED) && !purge_allowed(w.tx(), change.device_id, tally)? {
        tally.purges_ignored += 1;
        return Ok(());
    }
    if tally.set_aside.is_none() {
        tally.set_aside = Some(super::held::set_aside(w.tx())?);
    }
    if tally.set_aside.as_ref().is_some_and(|s| s.contains(&(change.device_id, change.seq))) {
        tally.already_seen += 1;
        return Ok(());
    }
    // Dated too far ahead of this computer's clock: held, neither applied nor winning
    // (see `held`), unless this store already holds it.
    if super::held::too_far_ahead(change.hlc, w.now()) {
        let logged = w
            .tx()
            .prepare_cached("SELECT 1 FROM change_log WHERE device_id = ?1 AND seq = ?2")?
            .query_row(params![change.device_id.to_string(), change.seq], |_| Ok(()))
            .optional()?
            .is_some();
        if !logged && super::held::hold(w.tx(), change, w.now(), super::held::HeldReason::AheadOfClock)? {
            tally.future_dated += 1;
        } else {
            tally.already_seen += 1;
        }
        return Ok(());
    }
    // Read before the change is logged: the versions it is compared with. A record this
    // store has no row of may still have changes in the log (see `waits_for_its_record`).
    if let std::collections::hash_map::Entry::Vacant(e) = tally.versions.entry(id) {
        e.insert(load_versions(w.tx(), table, &rid)?);
    }
    let logged_before = tally.versions.get(&id).is_some_and(|v| !v.is_empty());
    if !append_change(w.tx(), change)? {
        if is_same_as_logged(w.tx(), change)? {
            tally.already_seen += 1;
        } else {
            w.tx().execute(
                "INSERT OR IGNORE INTO sync_reused_seq(device_id, seq, noticed_at) VALUES (?1, ?2, ?3)",
                params![change.device_id.to_string(), change.seq, w.now().to_rfc3339()],
            )?;
            tally.reused_numbers += 1;
            if !tally.reused_by.contains(&change.device_id) {
                tally.reused_by.push(change.device_id);
            }
        }
        return Ok(());
    }
    // Never future-dated beyond the limit here (held above), so the clock follows it.
    w.observe(Hlc(change.hlc));
    if exists
        && !waits_for_its_record(change)
        && !change.fields.contains_key(DELETED)
        && !change.fields.contains_key(PURGED)
    {
        tally.recreated.push((table, id));
    }
    let tx = w.tx();
    if change.fields.contains_key(PURGED) {
        flush(tx, tally)?;
        tally.known.remove(&id);
        tally.versions.remove(&id);
        purge_record(tx, table, id)?;
        if tally.updated_records.insert(id) && !tally.new_records.contains(&id) {
            tally.changed.push((table.name, id));
        }
        tally.touched.push((table, id));
        return Ok(());
    }
    if !exists && waits_for_its_record(change) {
        // Logged (so relayed and counted as held), but no row: a record made only of
        // later edits would be no record at all. Its creation brings it in whole.
        tally.versions.remove(&id);
        tally.unchanged += 1;
        return Ok(());
    }
    if !exists && logged_before {
        return materialise(tx, table, id, tally);
    }
    tally.known.insert(id);
    pending_for(tx, tally, table, id, !exists)?;
    if !exists && tally.new_records.insert(id) {
        tally.changed.push((table.name, id));
    }
    let key: Key = change.version();
    let (mut any_won, mut searchable, mut deletion_rules) = (false, false, false);
    for (name, fc) in &change.fields {
        let field = static_field(table, name)?;
        let current: Option<Key> = tally.versions.get(&id).and_then(|v| v.get(field)).copied();
        let won = match current {
            None => {
                write_value(tally, field, &fc.value)?;
                true
            }
            // The common case: an edit made on top of the value we hold.
            Some(c) if key > c && fc.base() == Some(c) => {
                write_value(tally, field, &fc.value)?;
                clear_conflicts(tx, table, &rid, field)?;
                true
            }
            Some(_) => recompute(tx, table, &rid, field, key, tally)?,
        };
        if won {
            tally.versions.entry(id).or_default().insert(field, key);
            any_won = true;
            searchable |= field == DELETED || table.field(field).is_some_and(|f| f.searchable);
        }
        deletion_rules |= field == DELETED || table.field(field).is_some_and(|f| f.high_stakes);
    }
    if any_won {
        if !tally.new_records.contains(&id) && tally.updated_records.insert(id) {
            tally.changed.push((table.name, id));
        }
        if searchable {
            tally.touched.push((table, id));
        }
    } else {
        tally.unchanged += 1;
    }
    if deletion_rules {
        delete_conflicts(tx, table, id, tally)?;
    }
    Ok(())
}

/// Whether `change` edits a version of its record that its author held (some field has a
/// base): arriving where the record has never been, it waits in the log for the record's
/// creation (a member may pass on their own edit of a court date to someone who has not
/// yet received the court date). A creation's fields have no base.
pub(crate) fn waits_for_its_record(change: &Change) -> bool {
    change.fields.values().any(|f| f.base().is_some())
}

/// The creation of a record whose later edits arrived first: its row is written from every
/// operation of the log, each field as its winner (and open conflict) decides.
fn materialise(tx: &Transaction<'_>, table: &'static Table, id: Uuid, tally: &mut Tally) -> Result<()> {
    let rid = id.to_string();
    tally.known.insert(id);
    pending_for(tx, tally, table, id, true)?;
    if tally.new_records.insert(id) {
        tally.changed.push((table.name, id));
    }
    let names: Vec<String> = tx
        .prepare_cached("SELECT DISTINCT field FROM oplog WHERE record_id = ?1 AND tbl = ?2 ORDER BY field")?
        .query_map(params![rid, table.name], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut versions = HashMap::new();
    for name in names {
        let field = static_field(table, &name)?;
        if field == PURGED {
            continue;
        }
        if let Some(winner) = settle_field(tx, table, &rid, field, None, tally)? {
            versions.insert(field, winner);
        }
    }
    tally.versions.insert(id, versions);
    tally.touched.push((table, id));
    delete_conflicts(tx, table, id, tally)
}

fn purge_allowed(tx: &Transaction<'_>, device: Uuid, tally: &mut Tally) -> Result<bool> {
    if let Some(&known) = tally.purge_authority.get(&device) {
        return Ok(known);
    }
    flush(tx, tally)?;
    let allowed = super::roster::is_roster_authority(tx, device)?;
    tally.purge_authority.insert(device, allowed);
    Ok(allowed)
}

/// A deletion against high-stakes edits it did not see (a court date deleted on one
/// device while its time was changed on another) is not settled silently: the record
/// stays deleted, and a conflict on its `_deleted` field lists each unseen edit for a
/// person to review.
///
/// A deletion records as its base the newest high-stakes (or `_deleted`) version its
/// device held (see `Writer::delete`); one made without a base saw, as far as can be
/// told, what its own timestamp orders before it. A high-stakes winner newer than what
/// every deletion saw is unseen. When the `_deleted` winner is a restore (a person kept
/// the record in a review), the record is live and nothing here applies. Like every
/// conflict here this is a function of the operations held, so replicas agree; it is
/// recomputed whenever a deletion, a restore or a high-stakes change of the record
/// arrives.
fn delete_conflicts(tx: &Transaction<'_>, table: &'static Table, id: Uuid, tally: &mut Tally) -> Result<()> {
    let rid = id.to_string();
    let winner: Option<Key> = match tally.versions.get(&id) {
        Some(versions) => versions.get(DELETED).copied(),
        None => record_versions(tx, table, &rid)?.get(DELETED).copied(),
    };
    let Some(winner) = winner else { return Ok(()) };
    // Every `_deleted` operation of the record: deletions (true) and restores (false).
    let ops: Vec<(Key, Option<Key>, bool)> = {
        let mut st = tx.prepare_cached("SELECT hlc, device_id, base_hlc, base_device, value FROM oplog WHERE record_id = ?1 AND field = ?2 AND tbl = ?3")?;
        let rows = st
            .query_map(params![rid, DELETED, table.name], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let uuid = |d: &str| d.parse().unwrap_or_else(|_| Uuid::nil());
        rows.into_iter()
            .map(|(h, d, bh, bd, v)| {
                ((h as u64, uuid(&d)), bh.zip(bd).map(|(bh, bd)| (bh as u64, uuid(&bd))), v.as_deref() == Some("true"))
            })
            .collect()
    };
    // Restored: the record is live, and a deletion it did not see is an ordinary conflict
    // on `_deleted` (kept by `recompute`), not one against the high-stakes edits.
    if !ops.iter().any(|(key, _, deletion)| *key == winner && *deletion) {
        return Ok(());
    }
    let seen: Option<Key> =
        ops.iter().filter(|(_, _, deletion)| *deletion).map(|(key, base, _)| base.unwrap_or(*key)).max();
    let Some(seen) = seen else { return Ok(()) };
    let before = open_losers(tx, table, &rid, DELETED)?;
    clear_conflicts(tx, table, &rid, DELETED)?;
    let mut ins = tx.prepare_cached(
        "INSERT OR IGNORE INTO conflict(tbl, record_id, field, loser_hlc, loser_device) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for edit in high_stakes_versions(tx, table, &rid)?.into_iter().filter(|v| *v > seen) {
        ins.execute(params![table.name, rid, DELETED, edit.0 as i64, edit.1.to_string()])?;
        if !before.contains(&edit) {
            tally.conflicts_opened += 1;
        }
    }
    Ok(())
}

/// The registry's name of a field (or pseudo-field) an operation names.
fn static_field(table: &'static Table, field: &str) -> Result<&'static str> {
    match field {
        DELETED => Ok(DELETED),
        PURGED => Ok(PURGED),
        _ => table.field(field).map(|f| f.name).ok_or_else(|| {
            Error::refused(BundleRefusal::InvalidChange, "the bundle names a field this version does not know".into())
        }),
    }
}

/// Buffer a won value for the record being merged (see [`Pending`]).
fn write_value(tally: &mut Tally, field: &'static str, value: &Value) -> Result<()> {
    let p = tally.pending.as_mut().ok_or_else(|| Error::Internal("merge wrote a value outside a record".into()))?;
    if field == DELETED {
        p.deleted = Some(value == &Value::Bool(true));
        return Ok(());
    }
    let f = p.table.field(field).ok_or_else(|| {
        Error::refused(BundleRefusal::InvalidChange, "the bundle names a field this version does not know".into())
    })?;
    let v = to_sql(f.kind, f.name, &normalise(f.kind, value.clone()))?;
    match p.cols.iter_mut().find(|(c, _)| *c == f.name) {
        Some(slot) => slot.1 = v,
        None => p.cols.push((f.name, v)),
    }
    Ok(())
}

/// The losers of a field's open conflict, as stored.
fn open_losers(tx: &Transaction<'_>, table: &Table, rid: &str, field: &str) -> Result<HashSet<Key>> {
    let mut st = tx.prepare_cached(
        "SELECT loser_hlc, loser_device FROM conflict WHERE tbl = ?1 AND record_id = ?2 AND field = ?3",
    )?;
    let v = st
        .query_map(params![table.name, rid, field], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v.into_iter().map(|(h, d)| (h, d.parse().unwrap_or_else(|_| Uuid::nil()))).collect())
}

fn clear_conflicts(tx: &Transaction<'_>, table: &Table, rid: &str, field: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM conflict WHERE tbl = ?1 AND record_id = ?2 AND field = ?3")?
        .execute(params![table.name, rid, field])?;
    Ok(())
}

struct FieldOp {
    key: Key,
    base: Option<Key>,
    value: Value,
    text: String,
}

fn field_ops(tx: &Transaction<'_>, table: &Table, rid: &str, field: &str) -> Result<Vec<FieldOp>> {
    let mut st = tx.prepare_cached(
        "SELECT hlc, device_id, value, base_hlc, base_device FROM oplog WHERE record_id = ?1 AND field = ?2 AND tbl = ?3",
    )?;
    let rows = st
        .query_map(params![rid, field, table.name], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let kind = table.field(field).map(|f| f.kind);
    Ok(rows
        .into_iter()
        .map(|(h, d, v, bh, bd)| {
            let value: Value = v.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or(Value::Null);
            let value = match kind {
                Some(k) => normalise(k, value),
                None => value,
            };
            FieldOp {
                key: (h as u64, d.parse().unwrap_or_else(|_| Uuid::nil())),
                base: bh.zip(bd.and_then(|d| d.parse().ok())).map(|(h, d)| (h as u64, d)),
                text: value.to_string(),
                value,
            }
        })
        .collect())
}

/// The winner and the open conflict of a field, from all of its operations.
fn decide(ops: &[FieldOp]) -> Option<(usize, Vec<usize>)> {
    let w = (0..ops.len()).max_by_key(|&i| ops[i].key)?;
    let seen_by = |saw: Option<Key>, x: Key| saw.is_some_and(|b| b >= x);
    let unseen: Vec<usize> = (0..ops.len()).filter(|&i| i != w && !seen_by(ops[w].base, ops[i].key)).collect();
    let losers = unseen
        .iter()
        .copied()
        .filter(|&i| !unseen.iter().any(|&j| j != i && seen_by(ops[j].base, ops[i].key)))
        .filter(|&i| ops[i].text != ops[w].text)
        .collect();
    Some((w, losers))
}

/// Recompute a field from its whole history; returns whether `incoming` is the winner.
fn recompute(
    tx: &Transaction<'_>,
    table: &'static Table,
    rid: &str,
    field: &'static str,
    incoming: Key,
    tally: &mut Tally,
) -> Result<bool> {
    Ok(settle_field(tx, table, rid, field, Some(incoming), tally)? == Some(incoming))
}

/// Decide a field from its whole history: its open conflict, and its winner, whose value
/// is written when it is `incoming` (or always, when there is none: a row being written
/// whole). Returns the winner.
fn settle_field(
    tx: &Transaction<'_>,
    table: &'static Table,
    rid: &str,
    field: &'static str,
    incoming: Option<Key>,
    tally: &mut Tally,
) -> Result<Option<Key>> {
    let ops = field_ops(tx, table, rid, field)?;
    let Some((w, losers)) = decide(&ops) else { return Ok(None) };
    let winner = &ops[w];
    let before = open_losers(tx, table, rid, field)?;
    if incoming.is_none_or(|k| k == winner.key) {
        write_value(tally, field, &winner.value)?;
    }
    let won = Some(winner.key);
    clear_conflicts(tx, table, rid, field)?;
    // The parts of one value (a court date's time) conflict once, on the first part.
    if crate::schema::merged_with(table, field).is_some_and(|group| group[0] != field) {
        return Ok(won);
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO conflict(tbl, record_id, field, loser_hlc, loser_device) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for &i in &losers {
        ins.execute(params![table.name, rid, field, ops[i].key.0 as i64, ops[i].key.1.to_string()])?;
        if !before.contains(&ops[i].key) {
            tally.conflicts_opened += 1;
        }
    }
    Ok(won)
}

/// Take a logged change back out of this store's log (judged, once the record's own
/// creation came, as outside its author's role): every field it set is decided again from
/// the rest of the log, and to nothing where nothing else set it.
pub(crate) fn withdraw(
    tx: &Transaction<'_>,
    table: &'static Table,
    id: Uuid,
    device: Uuid,
    seq: i64,
    tally: &mut Tally,
) -> Result<()> {
    flush(tx, tally)?;
    let rid = id.to_string();
    let fields: Option<String> = tx
        .query_row(
            "SELECT fields FROM change_log WHERE device_id = ?1 AND seq = ?2",
            params![device.to_string(), seq],
            |r| r.get(0),
        )
        .optional()?;
    let Some(fields) = fields else { return Ok(()) };
    let names: Vec<String> = crate::store::decode_fields(&fields)?.into_keys().collect();
    tx.execute("DELETE FROM change_log WHERE device_id = ?1 AND seq = ?2", params![device.to_string(), seq])?;
    tx.execute("DELETE FROM sync_flag WHERE device_id = ?1 AND seq = ?2", params![device.to_string(), seq])?;
    tally.versions.remove(&id);
    pending_for(tx, tally, table, id, false)?;
    for name in names {
        let field = static_field(table, &name)?;
        if field == PURGED {
            continue;
        }
        if settle_field(tx, table, &rid, field, None, tally)?.is_none() {
            if field == DELETED {
                write_value(tally, field, &Value::Bool(false))?;
            } else {
                write_value(tally, field, &Value::Null)?;
            }
            clear_conflicts(tx, table, &rid, field)?;
        }
    }
    if !tally.new_records.contains(&id) && tally.updated_records.insert(id) {
        tally.changed.push((table.name, id));
    }
    tally.touched.push((table, id));
    flush(tx, tally)
}

/// Remove a record's content: every field emptied, the row a tombstone, its history gone
/// except the purge itself.
pub(crate) fn purge_record(tx: &Transaction<'_>, table: &'static Table, id: Uuid) -> Result<()> {
    let rid = id.to_string();
    let sets: Vec<String> = table.fields.iter().map(|f| format!("{} = NULL", f.name)).collect();
    tx.execute(&format!("INSERT OR IGNORE INTO {} (id) VALUES (?1)", table.name), [&rid])?;
    tx.execute(&format!("UPDATE {} SET deleted = 1, {} WHERE id = ?1", table.name, sets.join(", ")), [&rid])?;
    tx.execute("DELETE FROM change_log WHERE record_id = ?1 AND json_extract(fields, '$._purged') IS NULL", [&rid])?;
    tx.execute("DELETE FROM conflict WHERE record_id = ?1", [&rid])?;
    super::held::forget_record(tx, &rid)?;
    tx.execute("DELETE FROM sync_flag WHERE (device_id, seq) NOT IN (SELECT device_id, seq FROM change_log)", [])?;
    tx.execute("INSERT OR IGNORE INTO purged(record_id, tbl) VALUES (?1, ?2)", params![rid, table.name])?;
    Ok(())
}

/// Whether the change this store logged under `change`'s device and number is `change`,
/// as far as both show it: relayed copies are cut to what each recipient's role may see,
/// so two honest copies may carry different fields, but never different values of one.
fn is_same_as_logged(tx: &rusqlite::Transaction<'_>, change: &Change) -> Result<bool> {
    let logged: Option<(i64, String, String, String)> = tx
        .prepare_cached("SELECT hlc, tbl, record_id, fields FROM change_log WHERE device_id = ?1 AND seq = ?2")?
        .query_row(params![change.device_id.to_string(), change.seq], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((hlc, tbl, record_id, fields)) = logged else { return Ok(true) };
    Ok(hlc as u64 == change.hlc
        && tbl == change.table
        && record_id == change.record_id.to_string()
        && crate::store::decode_fields(&fields)?
            .iter()
            .all(|(name, f)| change.fields.get(name).is_none_or(|g| g.value == f.value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(h: u64, d: u128, base: Option<(u64, u128)>, v: &str) -> FieldOp {
        FieldOp {
            key: (h, Uuid::from_u128(d)),
            base: base.map(|(h, d)| (h, Uuid::from_u128(d))),
            value: Value::String(v.into()),
            text: format!("\"{v}\""),
        }
    }

    #[test]
    fn concurrent_different_values_conflict_and_a_later_edit_that_saw_both_closes_it() {
        let a = op(10, 1, None, "9:00");
        let b = op(20, 2, Some((5, 9)), "10:00");
        let (w, l) = decide(&[a, b]).unwrap();
        assert_eq!((w, l), (1, vec![0]));
        let a = op(10, 1, None, "9:00");
        let b = op(20, 2, Some((5, 9)), "10:00");
        let r = op(30, 1, Some((20, 2)), "10:00");
        assert_eq!(decide(&[a, b, r]).unwrap(), (2, vec![]));
    }

    #[test]
    fn sequential_edits_and_equal_values_do_not_conflict() {
        let a = op(10, 1, None, "x");
        let b = op(20, 2, Some((10, 1)), "y");
        assert_eq!(decide(&[a, b]).unwrap(), (1, vec![]));
        let a = op(10, 1, None, "x");
        let b = op(20, 2, None, "x");
        assert_eq!(decide(&[a, b]).unwrap(), (1, vec![]));
    }
}
