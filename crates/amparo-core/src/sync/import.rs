//! Importing a bundle: decrypt, check the signature against the roster before reading
//! anything else, check team and schema, then apply every operation in one transaction.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use uuid::Uuid;

use super::bundle::{self, Envelope, Header};
use super::held::HeldReason;
use super::keys;
use super::merge::{self, Tally, PURGED};
use super::roster;
use super::validate;
use super::vector;
use crate::error::{BundleRefusal, Error, Result};
use crate::schema::{self, DELETED};
use crate::store::{reindex, schema_version, Change, Store};

pub use super::summary::Summary;

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.bundle_already_imported {
            return write!(f, "already imported; nothing changed");
        }
        write!(
            f,
            "{} new, {} updated, {} unchanged, {} conflicts to review, {} already seen",
            self.new, self.updated, self.unchanged, self.conflicts, self.already_seen
        )?;
        if self.future_dated > 0 {
            write!(
                f,
                "; {} changes are dated more than an hour ahead of this computer's clock and were held, not applied (the sender's clock may be wrong; a coordinator sees them in `amparo sync conflicts`)",
                self.future_dated
            )?;
        }
        if self.waiting_for_record > 0 {
            write!(
                f,
                "; {} changes edit records this store has not received yet and wait for them (they apply, or are left out, when the records come)",
                self.waiting_for_record
            )?;
        }
        if self.behind > 0 {
            write!(
                f,
                "; the sender holds changes from {} devices that this store still lacks (a file may be missing): import the other files, or ask the sender for a full export (`amparo sync export --full`)",
                self.behind
            )?;
        }
        if self.left_out > 0 {
            write!(
                f,
                "; {} changes were left out because their author's role may not make them (from {}); ask a coordinator if they were needed",
                self.left_out,
                self.left_out_from.join(", ")
            )?;
        }
        if self.reused_numbers > 0 {
            write!(
                f,
                "; {} changes were not applied: they carry the numbers of different changes already received from {}'s device, so two laptops are signing as one (a copied store); revoke that device (`amparo member revoke`) and add each laptop again from its own card",
                self.reused_numbers,
                self.reused_by.join(", ")
            )?;
        }
        if self.purges_ignored > 0 {
            write!(
                f,
                "; {} records were not forgotten: the request to forget them was not made by a coordinator (if it should be, ask a coordinator to forget the family)",
                self.purges_ignored
            )?;
        }
        Ok(())
    }
}

pub fn import_file(store: &mut Store, path: &Path, now: DateTime<Utc>) -> Result<Summary> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    if meta.len() > bundle::MAX_PLAINTEXT + (1 << 20) {
        return Err(Error::refused(BundleRefusal::TooLarge, "the file is too large to be a bundle".into()));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    import_bytes(store, &bytes, now)
}

/// Import one bundle. On any error the store is unchanged.
pub fn import_bytes(store: &mut Store, bytes: &[u8], now: DateTime<Utc>) -> Result<Summary> {
    let read = read_bundle(store, bytes, now)?;
    release_held(store, now)?;
    apply(store, &read.header, read.changes, now)
}

/// Apply the held changes (see `held`) whose date this computer's clock has caught up
/// with, in their own transaction. One that would leave an invalid record, or a roster
/// change not made by a coordinator, stays held for a coordinator to review. Returns how
/// many applied.
pub fn release_held(store: &mut Store, now: DateTime<Utc>) -> Result<usize> {
    if !super::held::any_due(store.conn(), now)? {
        return Ok(0);
    }
    let outcome = store.write(now, |w| {
        let due = super::held::take_due(w.tx(), now)?;
        let mut tally = Tally::default();
        let mut links = Vec::new();
        for change in &due {
            let Some(table) = schema::table(&change.table) else { continue };
            validate::links_set(table, change, &mut links);
            if (table.name == "member" || table.name == "device")
                && !roster::is_roster_authority(w.tx(), change.device_id)?
            {
                return Err(Error::refused(
                    BundleRefusal::NotCoordinator,
                    "a held roster change was not made by a coordinator".into(),
                ));
            }
            merge::apply(w, table, change, &mut tally)?;
        }
        merge::flush(w.tx(), &mut tally)?;
        let own_role = roster::role_of_member(w.tx(), w.author())?;
        validate::records(w.tx(), &tally.changed, own_role)?;
        validate::links(w.tx(), &links, own_role)?;
        reindex_touched(w, &tally)?;
        Ok(due.len())
    });
    match outcome {
        Err(Error::Bundle { .. }) => Ok(0),
        other => other,
    }
}

fn reindex_touched(w: &crate::store::Writer<'_>, tally: &Tally) -> Result<()> {
    let mut done = HashSet::new();
    for (table, id) in &tally.touched {
        if done.insert(*id) {
            reindex(w.tx(), table, *id)?;
        }
    }
    Ok(())
}

/// A bundle decrypted, its signature checked against the roster, and each change checked
/// against the schema and the bundle's header: everything an import does before it writes.
pub struct ReadBundle {
    header: Header,
    changes: Vec<(&'static schema::Table, Change)>,
}

impl ReadBundle {
    /// How many changes the bundle holds.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Read and check a bundle without writing anything (the first half of [`import_bytes`]).
pub fn read_bundle(store: &mut Store, bytes: &[u8], now: DateTime<Utc>) -> Result<ReadBundle> {
    let team = roster::require_team(store.conn())?;
    let keys = keys::load(store, now)?;
    let plain = bundle::decrypt(bytes, &keys.age)?;
    drop(keys);
    let env = Envelope::parse(&plain)?;
    // Nothing of the header or payload is read before this check succeeds.
    let sign_key = roster::signer_key(store.conn(), env.signer)?;
    let header = env.verify(&sign_key)?;
    check_header(store, &team, &header)?;
    let changes = env.changes(&header)?;
    let sender_authority = roster::is_roster_authority(store.conn(), header.sender_device)?;
    validate::ranges(&header, sender_authority)?;
    let mut validated = Vec::with_capacity(changes.len());
    for change in changes {
        validated.push((validate(&header, sender_authority, &change)?, change));
    }
    validated.sort_by_key(|(_, c)| (c.hlc, c.device_id, c.seq));
    Ok(ReadBundle { header, changes: validated })
}

/// Enough cached statements for every (table, field) the merge touches.
const STATEMENT_CACHE: usize = 512;
/// rusqlite's own statement cache size, which the connection goes back to after a merge.
const DEFAULT_STATEMENT_CACHE: usize = 16;
/// Page cache for imports, on the store's connection while the merge runs; the
/// connection's own size comes back when the import ends. The benchmark gives its
/// raw-insert baselines the same cache.
pub const PAGE_CACHE_KIB: u32 = 64 * 1024;

fn check_header(store: &Store, team: &roster::Team, h: &Header) -> Result<()> {
    if h.format > bundle::FORMAT_VERSION || h.schema > schema_version() {
        return Err(Error::refused(
            BundleRefusal::NewerVersion,
            "this bundle was made by a newer Amparo; update Amparo to import this file".into(),
        ));
    }
    if h.team != team.id {
        return Err(Error::refused(
            BundleRefusal::OtherTeam,
            "this bundle belongs to another team; it was not imported".into(),
        ));
    }
    if !h.recipients.contains(&store.device_id()) {
        return Err(Error::refused(
            BundleRefusal::OtherRecipient,
            "this bundle is not addressed to this device; ask the sender to export one for you".into(),
        ));
    }
    Ok(())
}

fn refuse(what: &str) -> Error {
    Error::refused(
        BundleRefusal::InvalidChange,
        format!("the bundle contains an invalid change ({what}); it was not imported"),
    )
}

fn validate(h: &Header, sender_authority: bool, op: &Change) -> Result<&'static schema::Table> {
    let table = schema::table(&op.table).ok_or_else(|| refuse("unknown table"))?;
    if op.fields.is_empty() {
        return Err(refuse("a change of no field"));
    }
    // A purge carries nothing else.
    if op.fields.contains_key(PURGED) && op.fields.len() > 1 {
        return Err(refuse("bad tombstone"));
    }
    for (name, field) in &op.fields {
        if name == DELETED || name == PURGED {
            // A purge is final; `_deleted` is false when a person restored the record.
            let allowed = field.value == serde_json::Value::Bool(true)
                || (name == DELETED && field.value == serde_json::Value::Bool(false));
            if !allowed {
                return Err(refuse("bad tombstone"));
            }
        } else {
            let f = table.field(name).ok_or_else(|| refuse("unknown field"))?;
            crate::store::to_sql(f.kind, f.name, &field.value).map_err(|_| refuse("value of the wrong type"))?;
        }
        if field.base_hlc.is_some_and(|b| b > i64::MAX as u64)
            || field.base_hlc.is_some() != field.base_device.is_some()
        {
            return Err(refuse("bad timestamp"));
        }
    }
    if op.hlc > i64::MAX as u64 {
        return Err(refuse("bad timestamp"));
    }
    if !h.ranges.iter().any(|r| r.device == op.device_id && r.after < op.seq && op.seq <= r.upto) {
        return Err(refuse("a change outside the bundle's declared ranges"));
    }
    // Only a coordinator holds (and so relays) other devices' changes; anyone else may
    // only send their own.
    if !sender_authority && op.device_id != h.sender_device {
        return Err(Error::refused(
            BundleRefusal::NotCoordinator,
            "the bundle relays other devices' changes but was not made by a coordinator; it was not imported".into(),
        ));
    }
    Ok(table)
}

fn apply(
    store: &mut Store,
    header: &Header,
    ops: Vec<(&'static schema::Table, Change)>,
    now: DateTime<Utc>,
) -> Result<Summary> {
    let cache_size: i64 = store.conn().query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    // Every page SQLCipher reads back is decrypted and authenticated again; a merge walks
    // the log, the field versions and the tables at once, so keep more pages in memory.
    store.conn().execute_batch(&format!("PRAGMA cache_size = -{PAGE_CACHE_KIB}"))?;
    // Merging prepares a statement per table and field; a cache smaller than that set
    // re-prepares every statement on every change (measured: 15x slower).
    store.conn().set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    let merged = merge_bundle(store, header, ops, now);
    // The store outlives the import (the app keeps it open until it locks): hand back the
    // merge's caches, up to PAGE_CACHE_KIB of decrypted pages and STATEMENT_CACHE
    // statements, instead of holding them for the rest of the session.
    store.conn().set_prepared_statement_cache_capacity(DEFAULT_STATEMENT_CACHE);
    let restored = store.conn().execute_batch(&format!("PRAGMA cache_size = {cache_size}"));
    let summary = merged?;
    restored?;
    Ok(summary)
}

fn merge_bundle(
    store: &mut Store,
    header: &Header,
    ops: Vec<(&'static schema::Table, Change)>,
    now: DateTime<Utc>,
) -> Result<Summary> {
    store.write(now, |w| {
        let seen = w
            .tx()
            .query_row("SELECT 1 FROM sync_seen WHERE bundle_id = ?1", [header.bundle_id.to_string()], |_| Ok(()))
            .optional()?
            .is_some();
        if seen {
            return Ok(Summary { bundle_already_imported: true, already_seen: ops.len(), ..Summary::default() });
        }
        let mut tally = Tally::default();
        let mut roster_origins: HashSet<Uuid> = HashSet::new();
        let mut authors = Authors::default();
        let mut links = Vec::new();
        let mut held_now = HashSet::new();
        for (table, op) in &ops {
            match authors.judge(w, table, op, &mut tally)? {
                Verdict::Apply => {}
                Verdict::LeaveOut => continue,
                Verdict::WaitForRecord => {
                    if super::held::hold(w.tx(), op, w.now(), HeldReason::WaitsForRecord)? {
                        held_now.insert((op.device_id, op.seq));
                        tally.waiting_for_record += 1;
                    } else {
                        tally.already_seen += 1;
                    }
                    continue;
                }
            }
            validate::links_set(table, op, &mut links);
            let before = tally.already_seen;
            merge::apply(w, table, op, &mut tally)?;
            let fresh = tally.already_seen == before;
            if fresh && (table.name == "member" || table.name == "device") {
                roster_origins.insert(op.device_id);
            }
        }
        merge::flush(w.tx(), &mut tally)?;
        // Edits that waited for their record, now that it came: judged as a store that held
        // the record judged them.
        for op in super::held::take_arrived(w.tx())? {
            if held_now.contains(&(op.device_id, op.seq)) {
                tally.waiting_for_record -= 1;
            }
            let Some(table) = schema::table(&op.table) else { continue };
            if authors.judge(w, table, &op, &mut tally)? == Verdict::Apply {
                validate::links_set(table, &op, &mut links);
                merge::apply(w, table, &op, &mut tally)?;
            }
        }
        merge::flush(w.tx(), &mut tally)?;
        let mut recreated = std::mem::take(&mut tally.recreated);
        recreated.retain(|(t, _)| !schema::is_roster(t));
        recreated.sort_by_key(|(t, id)| (t.name, *id));
        recreated.dedup_by_key(|(t, id)| (t.name, *id));
        for (table, id) in recreated {
            authors.withdraw_late_creations(w, table, id, &mut tally)?;
        }
        // Every record as it stands after the merge must be one the app and the CLI
        // could have saved.
        let own_role = roster::role_of_member(w.tx(), w.author())?;
        validate::records(w.tx(), &tally.changed, own_role)?;
        validate::links(w.tx(), &links, own_role)?;
        // The roster is changed only by coordinators: judged on the roster as it stands
        // with this bundle applied, from the store's own roots of trust.
        for d in roster_origins {
            if !roster::is_roster_authority(w.tx(), d)? {
                return Err(Error::refused(
                    BundleRefusal::NotCoordinator,
                    "the bundle changes the team roster but was not made by a coordinator; it was not imported".into(),
                ));
            }
        }
        reindex_touched(w, &tally)?;
        let own = w.device_id();
        // Our own log is the truth about our own changes; a peer's range never moves it.
        for r in header.ranges.iter().filter(|r| r.device != own) {
            vector::advance(w.tx(), r.device, r.after, r.upto)?;
        }
        if let Some(&theirs) = header.vector.get(&header.sender_device) {
            vector::repair_from_sender(w.tx(), header.sender_device, theirs)?;
        }
        let behind = behind(w.tx(), header, own)?;
        super::activity::record_stall(w.tx(), header.sender_member, behind, now)?;
        vector::record_ack(w.tx(), own, header.sender_device, &header.vector)?;
        w.tx().execute(
            "INSERT INTO sync_seen(bundle_id, sender, imported_at) VALUES (?1, ?2, ?3)",
            (header.bundle_id.to_string(), header.sender_device.to_string(), now.to_rfc3339()),
        )?;
        let updated = tally.updated_records.iter().filter(|r| !tally.new_records.contains(r)).count();
        let summary = Summary {
            new: tally.new_records.len(),
            updated,
            unchanged: tally.unchanged,
            conflicts: tally.conflicts_opened,
            already_seen: tally.already_seen,
            future_dated: tally.future_dated,
            waiting_for_record: tally.waiting_for_record,
            behind,
            purges_ignored: tally.purges_ignored,
            left_out: authors.left_out,
            left_out_from: authors.names(w.tx())?,
            reused_numbers: tally.reused_numbers,
            reused_by: device_owners(w.tx(), &tally.reused_by)?,
            bundle_already_imported: false,
        };
        super::activity::record_import(w.tx(), header, &summary, &tally.changed, now)?;
        Ok(summary)
    })
}

/// Whether applying `op` would change its record as this store holds it.
fn changes_something(conn: &rusqlite::Connection, table: &'static schema::Table, op: &Change) -> Result<bool> {
    let Some(current) = crate::store::read_row(conn, table, op.record_id)? else { return Ok(true) };
    Ok(op.fields.iter().any(|(name, f)| {
        if name == schema::DELETED {
            return current.get("deleted") != Some(&f.value);
        }
        current.get(name) != Some(&f.value)
    }))
}

/// What an import does with one change, by its author's write authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Apply,
    /// Neither applied, logged nor relayed (counted in the summary when it would change
    /// something).
    LeaveOut,
    /// Its record is not here and decides (`held`, waiting for its record).
    WaitForRecord,
}

/// The write authority of each change's author, judged on the roster as of that change
/// (`authority::RoleHistory`; roster changes earlier in the bundle count).
#[derive(Default)]
struct Authors {
    roles: std::collections::HashMap<Uuid, super::authority::RoleHistory>,
    left_out: usize,
    from: Vec<Uuid>,
}

impl Authors {
    fn judge(
        &mut self,
        w: &mut crate::store::Writer<'_>,
        table: &'static schema::Table,
        op: &Change,
        tally: &mut Tally,
    ) -> Result<Verdict> {
        use super::authority::{self, Act, UnseenEdit};
        // A purge's authority is judged by the merge (it is counted apart).
        if op.fields.contains_key(PURGED) {
            return Ok(Verdict::Apply);
        }
        if let std::collections::hash_map::Entry::Vacant(e) = self.roles.entry(op.device_id) {
            merge::flush(w.tx(), tally)?;
            e.insert(authority::RoleHistory::load(w.tx(), op.device_id)?);
        }
        let history = &self.roles[&op.device_id];
        let judged_by = if schema::is_roster(table) { history.now() } else { history.at(op.hlc) };
        let allowed = match judged_by {
            Some((crate::domain::Role::Coordinator, _)) => true,
            // A device the roster does not (yet) give a role may change only the roster
            // itself, whose own rule (a coordinator's authority) is checked after the merge.
            None => schema::is_roster(table),
            Some((role, volunteer)) => {
                merge::flush(w.tx(), tally)?;
                let current = crate::store::read_row(w.tx(), table, op.record_id)?;
                let unseen_edit =
                    current.is_none() && !op.fields.contains_key(DELETED) && merge::waits_for_its_record(op);
                let act = if op.fields.contains_key(DELETED) {
                    Act::Delete
                } else if current.is_none() {
                    Act::Create
                } else {
                    Act::Edit
                };
                let before = current.clone();
                let mut record = current.unwrap_or_default();
                record.insert("id".into(), serde_json::Value::String(op.record_id.to_string()));
                for (name, f) in &op.fields {
                    if name != DELETED {
                        record.insert(name.clone(), f.value.clone());
                    }
                }
                if unseen_edit {
                    // An edit of a record this store has not received yet.
                    match authority::judge_unseen_edit(role, table, &mut op.fields.keys().map(String::as_str)) {
                        UnseenEdit::Allowed => true,
                        UnseenEdit::Refused => false,
                        UnseenEdit::NeedsTheRecord => {
                            // A record forgotten here never comes back: nothing to wait for.
                            if merge::is_purged(w.tx(), &op.record_id.to_string())? {
                                return Ok(Verdict::Apply);
                            }
                            return Ok(Verdict::WaitForRecord);
                        }
                    }
                } else {
                    authority::allows(
                        w.tx(),
                        role,
                        volunteer,
                        table,
                        act,
                        &mut op.fields.keys().map(String::as_str),
                        &record,
                        if act == Act::Edit { before.as_ref() } else { None },
                    )?
                }
            }
        };
        if schema::is_roster(table) {
            // The roster may have changed what the next changes' authors may do.
            self.roles.clear();
        }
        if !allowed
            && !{
                merge::flush(w.tx(), tally)?;
                changes_something(w.tx(), table, op)?
            }
        {
            // Not applied either way, but nothing to report: a member's store repeating
            // what the roster already says of them (their own member and device records).
            return Ok(Verdict::LeaveOut);
        }
        if !allowed {
            self.left_out += 1;
            if !self.from.contains(&op.device_id) {
                self.from.push(op.device_id);
            }
            w.tx().execute(
                "INSERT OR IGNORE INTO sync_left_out(device_id, seq, tbl, record_id) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![op.device_id.to_string(), op.seq, table.name, op.record_id.to_string()],
            )?;
        }
        Ok(if allowed { Verdict::Apply } else { Verdict::LeaveOut })
    }

    /// A record's first creation decides what its later "creations" are: a change that
    /// carries no base (its author saw no version of the fields it sets) made after the
    /// record was created on another device is an edit made without looking, and is judged
    /// as one. One its author's role may not make is taken back out of the log
    /// (`merge::withdraw`), as a store that held the record first left it out: a member who
    /// signs a whole "new" court date under an existing one's id changes nothing anywhere.
    fn withdraw_late_creations(
        &mut self,
        w: &mut crate::store::Writer<'_>,
        table: &'static schema::Table,
        id: Uuid,
        tally: &mut Tally,
    ) -> Result<()> {
        use super::authority::{self, Act};
        let rows: Vec<(String, i64, i64, String)> = w
            .tx()
            .prepare_cached(
                "SELECT device_id, seq, hlc, fields FROM change_log WHERE record_id = ?1 AND tbl = ?2 ORDER BY hlc, device_id, seq",
            )?
            .query_map(rusqlite::params![id.to_string(), table.name], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut first: Option<Uuid> = None;
        for (device, seq, hlc, fields) in rows {
            let Ok(device) = device.parse::<Uuid>() else { continue };
            let fields = crate::store::decode_fields(&fields)?;
            let baseless = fields.values().all(|f| f.base().is_none())
                && !fields.contains_key(DELETED)
                && !fields.contains_key(PURGED);
            if !baseless {
                continue;
            }
            let Some(creator) = first else {
                first = Some(device);
                continue;
            };
            if device == creator {
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = self.roles.entry(device) {
                e.insert(authority::RoleHistory::load(w.tx(), device)?);
            }
            let Some((role, volunteer)) = self.roles[&device].at(hlc as u64) else { continue };
            if role == crate::domain::Role::Coordinator {
                continue;
            }
            let Some(row) = crate::store::read_row(w.tx(), table, id)? else { continue };
            let allowed = authority::allows(
                w.tx(),
                role,
                volunteer,
                table,
                Act::Edit,
                &mut fields.keys().map(String::as_str),
                &row,
                Some(&row),
            )?;
            if !allowed {
                merge::withdraw(w.tx(), table, id, device, seq, tally)?;
                self.left_out += 1;
                if !self.from.contains(&device) {
                    self.from.push(device);
                }
                w.tx().execute(
                    "INSERT OR IGNORE INTO sync_left_out(device_id, seq, tbl, record_id) VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![device.to_string(), seq, table.name, id.to_string()],
                )?;
            }
        }
        Ok(())
    }

    /// The names of the members whose changes were left out.
    fn names(&self, conn: &rusqlite::Connection) -> Result<Vec<String>> {
        device_owners(conn, &self.from)
    }
}

/// The names of the members `devices` belong to, each once, in order (a device the roster
/// does not know by its short id).
fn device_owners(conn: &rusqlite::Connection, devices: &[Uuid]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for d in devices {
        let name: Option<String> = conn
            .query_row(
                "SELECT m.name FROM device d JOIN member m ON m.id = d.member_id WHERE d.id = ?1",
                [d.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let name = name.unwrap_or_else(|| format!("device {}", super::roster::short(*d)));
        if !out.contains(&name) {
            out.push(name);
        }
    }
    Ok(out)
}

/// How many origin devices the sender says it holds more of than this store now does,
/// among those it may relay (its own; any when it is a coordinator's device), leaving out
/// devices with a change held here for its date (the vector stops before those on purpose).
fn behind(conn: &rusqlite::Connection, header: &Header, own: Uuid) -> Result<usize> {
    let relays_all = roster::is_roster_authority(conn, header.sender_device)?;
    let mut n = 0;
    for (&device, &theirs) in &header.vector {
        if device == own || (!relays_all && device != header.sender_device) {
            continue;
        }
        if vector::held_of(conn, device)? < theirs && !super::held::holds_any(conn, device)? {
            n += 1;
        }
    }
    Ok(n)
}
