//! Making bundles: for one member, what they are not known to hold, cut to what their
//! role may see, signed by this device and encrypted to that member's devices.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::bundle::{self, Header, Range};
use super::keys::{self, DeviceKeys};
use super::redact::Scope;
use super::roster::{self, RosterMember};
use super::vector;
use crate::domain::Role;
use crate::error::{Error, Result};
use crate::schema;
use crate::store::{decode_fields, schema_version, Change, Store};

/// One bundle made for one member.
#[derive(Debug, Clone)]
pub struct Made {
    pub member: Uuid,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub ops: usize,
    /// This device's running number of the bundle (also in the file name).
    pub seq: i64,
    /// The devices it is encrypted to.
    pub devices: Vec<Uuid>,
    /// Per origin device, the last sequence number it carries.
    pub upto: Vec<(Uuid, i64)>,
}

#[derive(Debug, Clone)]
pub struct Written {
    pub member: Uuid,
    pub member_name: String,
    pub path: PathBuf,
    pub ops: usize,
}

pub(crate) fn read_changes(
    conn: &Connection,
    origin: Uuid,
    after: i64,
    upto: i64,
    mut each: impl FnMut(Change) -> Result<()>,
) -> Result<()> {
    let mut st = conn.prepare_cached(
        "SELECT seq, hlc, tbl, record_id, author, fields FROM change_log WHERE device_id = ?1 AND seq > ?2 AND seq <= ?3 ORDER BY seq",
    )?;
    let mut rows = st.query(params![origin.to_string(), after, upto])?;
    while let Some(r) = rows.next()? {
        let change = Change {
            device_id: origin,
            seq: r.get(0)?,
            hlc: r.get::<_, i64>(1)? as u64,
            table: r.get(2)?,
            record_id: r
                .get::<_, String>(3)?
                .parse()
                .map_err(|_| Error::Internal("stored record id is not a uuid".into()))?,
            author: r.get::<_, Option<String>>(4)?.and_then(|a| a.parse().ok()),
            fields: decode_fields(&r.get::<_, String>(5)?)?,
        };
        each(change)?;
    }
    Ok(())
}

fn next_bundle_seq(conn: &Connection) -> Result<i64> {
    let n: i64 = conn
        .query_row("SELECT value FROM meta WHERE key = 'sync.bundle_seq'", [], |r| r.get::<_, String>(0))
        .optional()?
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
        + 1;
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('sync.bundle_seq', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [n.to_string()],
    )?;
    Ok(n)
}

/// Build the bundle for one member. `full` ignores what they are known to hold.
pub fn make_for(store: &mut Store, member: &RosterMember, full: bool, now: DateTime<Utc>) -> Result<Made> {
    let keys = keys::load(store, now)?;
    make_with(store, &keys, member, full, now)
}

pub(crate) fn make_with(
    store: &Store,
    keys: &DeviceKeys,
    member: &RosterMember,
    full: bool,
    now: DateTime<Utc>,
) -> Result<Made> {
    let conn = store.conn();
    let team = roster::require_team(conn)?;
    let role = member.role.ok_or_else(|| Error::Refused(crate::error::Refusal::MemberWithoutRole))?;
    let devices: Vec<_> =
        member.devices.iter().filter(|d| d.revoked_at.is_none() && d.id != store.device_id()).collect();
    let mut recipients = Vec::new();
    for d in &devices {
        if let Some(k) = &d.keys {
            recipients.push((d.id, keys::decode_recipient(&k.age_recipient)?));
        }
    }
    if recipients.is_empty() {
        return Err(crate::error::Refusal::MemberWithoutDevice.into());
    }
    let device_ids: Vec<Uuid> = recipients.iter().map(|r| r.0).collect();
    let volunteer: Option<Uuid> = conn
        .query_row("SELECT volunteer_id FROM member WHERE id = ?1", [member.id.to_string()], |r| {
            r.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten()
        .and_then(|s| s.parse().ok());
    let scope = Scope::for_member(conn, role, volunteer)?.of_member(member.id);
    let sender_is_coordinator = roster::role_of_member(conn, store.member_id())? == Some(Role::Coordinator);
    let own = store.device_id();
    let vv = vector::local(conn, own)?;
    let full = full || scope.snapshot_only();
    let mut ranges = Vec::new();
    let mut ops = Vec::new();
    for (&origin, &upto) in &vv {
        // Only a coordinator holds others' operations unredacted, so only it relays them.
        if origin != own && !sender_is_coordinator {
            continue;
        }
        let after = if full {
            0
        } else if device_ids.contains(&origin) {
            upto
        } else {
            vector::known_by_all(conn, &device_ids, origin)?.min(upto)
        };
        if after >= upto {
            continue;
        }
        read_changes(conn, origin, after, upto, |change| {
            let Some(table) = schema::table(&change.table) else { return Ok(()) };
            if !sender_is_coordinator && (table.name == "member" || table.name == "device") {
                return Ok(());
            }
            if let Some(change) = scope.admit(table, change) {
                ops.push(change);
            }
            Ok(())
        })?;
        ranges.push(Range { device: origin, after, upto });
    }
    let header = Header {
        format: bundle::FORMAT_VERSION,
        schema: schema_version(),
        team: team.id,
        bundle_id: Uuid::now_v7(),
        sender_device: own,
        sender_member: store.member_id(),
        recipients: device_ids,
        created_hlc: store.clock().0.max(crate::clock::Hlc::from_wall(now).0),
        full,
        ranges,
        vector: vv,
        op_count: 0,
        payload_sha256: String::new(),
    };
    let upto: Vec<(Uuid, i64)> = header.ranges.iter().map(|r| (r.device, r.upto)).collect();
    let devices = header.recipients.clone();
    let plain = bundle::sign(keys, header, &ops)?;
    let rcpts: Vec<age::x25519::Recipient> = recipients.into_iter().map(|r| r.1).collect();
    let bytes = bundle::encrypt(&plain, &rcpts)?;
    let seq = next_bundle_seq(conn)?;
    let file_name = format!("amparo-{}-{}-{:06}.age", team.short_id(), roster::short(own), seq);
    Ok(Made { member: member.id, file_name, bytes, ops: ops.len(), seq, devices, upto })
}

/// What a member's devices hold of this store's records, as their role cuts it (the
/// question asked after a laptop is lost): per kind of record, how many; and when a
/// bundle last went to them from this device.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Received {
    pub member: Uuid,
    pub role: Option<Role>,
    pub volunteer: Option<Uuid>,
    /// Kind of record (table name) and how many of them.
    pub records: Vec<(String, usize)>,
    pub last_bundle: Option<DateTime<Utc>>,
}

pub fn received_by(store: &Store, member: &RosterMember) -> Result<Received> {
    let conn = store.conn();
    let volunteer = roster::volunteer_of(conn, member.id)?;
    let last_bundle = super::activity::last_sent_to(conn, member.id)?;
    let Some(role) = member.role else {
        return Ok(Received { member: member.id, role: None, volunteer, records: vec![], last_bundle });
    };
    let scope = Scope::for_member(conn, role, volunteer)?.of_member(member.id);
    let mut records = Vec::new();
    for table in schema::TABLES {
        if schema::is_roster(table) {
            continue;
        }
        let mut st = conn.prepare(&format!("SELECT id FROM {} WHERE deleted = 0", table.name))?;
        let ids = st.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        let n = ids.iter().filter_map(|id| id.parse::<Uuid>().ok()).filter(|id| scope.may_see(table, *id)).count();
        if n > 0 {
            records.push((table.name.to_string(), n));
        }
    }
    Ok(Received { member: member.id, role: Some(role), volunteer, records, last_bundle })
}

/// Export bundles for the given members (all other members when `to` is empty) into `dir`.
pub fn export_to_dir(
    store: &mut Store,
    to: &[Uuid],
    full: bool,
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<Vec<Written>> {
    export_each(store, to, full, dir, now, |_, _| Ok(()))
}

/// [`export_to_dir`], calling `wrote` after each file is in place.
pub(crate) fn export_each(
    store: &mut Store,
    to: &[Uuid],
    full: bool,
    dir: &Path,
    now: DateTime<Utc>,
    mut wrote: impl FnMut(&Store, &Made) -> Result<()>,
) -> Result<Vec<Written>> {
    roster::require_team(store.conn())?;
    let keys = keys::load(store, now)?;
    let members = roster::members(store.conn())?;
    let chosen: Vec<&RosterMember> = if to.is_empty() {
        members
            .iter()
            .filter(|m| {
                m.id != store.member_id()
                    && m.role.is_some()
                    && m.devices.iter().any(|d| d.revoked_at.is_none() && d.keys.is_some())
            })
            .collect()
    } else {
        to.iter()
            .map(|id| {
                members
                    .iter()
                    .find(|m| m.id == *id)
                    .ok_or_else(|| Error::NotFound { kind: "member", id: id.to_string() })
            })
            .collect::<Result<_>>()?
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    let mut out = Vec::new();
    for m in chosen {
        let made = make_with(store, &keys, m, full, now)?;
        let path = dir.join(&made.file_name);
        crate::store::write_private(&path, &made.bytes)?;
        wrote(store, &made)?;
        out.push(Written { member: m.id, member_name: m.name.clone(), path, ops: made.ops });
    }
    let sent: Vec<Uuid> = out.iter().map(|w| w.member).collect();
    super::activity::record_export(store.conn(), &sent, now)?;
    Ok(out)
}
