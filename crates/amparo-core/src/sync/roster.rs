//! The team and its roster: member cards, `team create` / `team join`, adding and revoking
//! members, and the rule that only coordinators change the roster.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;
use uuid::Uuid;

use super::keys::{self, PublicKeys};
use crate::domain::Role;
use crate::error::{BundleRefusal, Error, Invalid, Refusal, Result};
use crate::schema;
use crate::store::Store;

/// Version 2 cards are signed by the device they describe: the signature covers every line,
/// so the fingerprint (of that device's keys) vouches for the team, founder and role lines too.
const CARD_MAGIC: &str = "AMPARO MEMBER CARD 2";
/// Cards made before version 2 covered only the keys with their fingerprint.
const OLD_CARD_MAGIC: &str = "AMPARO MEMBER CARD 1";
/// The context string of a card's signature (never the same bytes as a bundle's).
const CARD_CONTEXT: &[u8] = b"amparo-member-card-v2\0";
/// The lines a version 2 card may hold; any other line is refused, since it would not be
/// covered by anything the two people compare.
const CARD_KEYS: &[&str] = &[
    "member",
    "name",
    "device",
    "label",
    "sign-key",
    "age-recipient",
    "role",
    "team",
    "team-name",
    "founder-device",
    "founder-sign-key",
    "fingerprint",
    "signature",
];

/// The team this store belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub id: Uuid,
    pub name: String,
    /// The device that created the team: a root of trust for every member.
    pub founder_device: Uuid,
    pub founder_sign_key: String,
}

impl Team {
    /// Eight hex digits of the team id, used in bundle file names: the last ones, which
    /// are random (a UUIDv7 starts with its creation time, shared by ids made together).
    pub fn short_id(&self) -> String {
        short(self.id)
    }
}

/// The last eight hex digits of an id (its random part).
pub fn short(id: Uuid) -> String {
    let s = id.simple().to_string();
    s[s.len() - 8..].to_string()
}

fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )?;
    Ok(())
}

pub fn team(conn: &Connection) -> Result<Option<Team>> {
    let Some(id) = meta(conn, "team_id")?.and_then(|s| s.parse().ok()) else { return Ok(None) };
    Ok(Some(Team {
        id,
        name: meta(conn, "team_name")?.unwrap_or_default(),
        founder_device: meta(conn, "team_founder")?.and_then(|s| s.parse().ok()).unwrap_or_else(Uuid::nil),
        founder_sign_key: meta(conn, "team_founder_key")?.unwrap_or_default(),
    }))
}

pub(crate) fn require_team(conn: &Connection) -> Result<Team> {
    team(conn)?.ok_or_else(|| Error::Refused(Refusal::NoTeam))
}

/// A member card: what one person hands another, in person, to be added to a team or
/// to trust a coordinator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub member_id: Uuid,
    pub name: String,
    pub device_id: Uuid,
    pub device_label: String,
    pub keys: PublicKeys,
    pub role: Option<Role>,
    pub team: Option<Team>,
}

impl Card {
    pub fn fingerprint(&self) -> String {
        self.keys.fingerprint(self.device_id)
    }

    /// The card's lines up to and including the fingerprint: exactly what its signature
    /// covers. Values are written as `parse` reads them back (one line, trimmed).
    fn body(&self) -> String {
        let clean = |s: &str| s.replace(['\n', '\r'], " ").trim().to_string();
        let mut out = format!(
            "{CARD_MAGIC}\nmember: {}\nname: {}\ndevice: {}\nlabel: {}\nsign-key: {}\nage-recipient: {}\n",
            self.member_id,
            clean(&self.name),
            self.device_id,
            clean(&self.device_label),
            self.keys.sign_key,
            self.keys.age_recipient
        );
        if let Some(role) = self.role {
            out.push_str(&format!("role: {role}\n"));
        }
        if let Some(t) = &self.team {
            out.push_str(&format!(
                "team: {}\nteam-name: {}\nfounder-device: {}\nfounder-sign-key: {}\n",
                t.id,
                clean(&t.name),
                t.founder_device,
                t.founder_sign_key
            ));
        }
        out.push_str(&format!("fingerprint: {}\n", self.fingerprint()));
        out
    }

    /// The card as text, signed with the keys of the device it describes.
    fn signed_text(&self, keys: &keys::DeviceKeys) -> String {
        let body = self.body();
        let signature = keys.sign(&[CARD_CONTEXT, body.as_bytes()].concat());
        format!("{body}signature: {}\n", keys::encode_signature(&signature))
    }

    pub fn parse(text: &str) -> Result<Card> {
        let bad = |m: &str| Error::bad("member card", Invalid::MemberCard { detail: m.to_string() });
        if text.len() > 16 * 1024 {
            return Err(bad("too long to be a member card"));
        }
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        match lines.next() {
            Some(CARD_MAGIC) => {}
            Some(OLD_CARD_MAGIC) => return Err(Error::bad("member card", Invalid::CardTooOld)),
            _ => return Err(bad("this is not an Amparo member card (it should start with \"AMPARO MEMBER CARD 2\")")),
        }
        let mut get = std::collections::HashMap::new();
        for l in lines {
            let (k, v) = l.split_once(':').ok_or_else(|| bad("a line has no \"key: value\" form"))?;
            let k = k.trim();
            if !CARD_KEYS.contains(&k) {
                return Err(bad(&format!(
                    "the card has a line \"{k}:\" that Amparo does not know; ask for a new card"
                )));
            }
            if get.insert(k.to_string(), v.trim().to_string()).is_some() {
                return Err(bad(&format!("the line \"{k}:\" appears twice; ask for a new card")));
            }
        }
        let req = |k: &str| get.get(k).cloned().ok_or_else(|| bad(&format!("the line \"{k}:\" is missing")));
        let uuid = |k: &str| -> Result<Uuid> { req(k)?.parse().map_err(|_| bad(&format!("\"{k}\" is not an id"))) };
        let keys = PublicKeys { sign_key: req("sign-key")?, age_recipient: req("age-recipient")? };
        keys::decode_sign_key(&keys.sign_key)?;
        keys::decode_recipient(&keys.age_recipient)?;
        let team = match get.get("team") {
            Some(_) => {
                let founder_sign_key = req("founder-sign-key")?;
                keys::decode_sign_key(&founder_sign_key)?;
                Some(Team {
                    id: uuid("team")?,
                    name: req("team-name")?,
                    founder_device: uuid("founder-device")?,
                    founder_sign_key,
                })
            }
            None => None,
        };
        let role = match get.get("role") {
            Some(r) => Some(r.parse()?),
            None => None,
        };
        let card = Card {
            member_id: uuid("member")?,
            name: req("name")?,
            device_id: uuid("device")?,
            device_label: get.get("label").cloned().unwrap_or_default(),
            keys,
            role,
            team,
        };
        if req("fingerprint")? != card.fingerprint() {
            return Err(bad("the fingerprint does not match the keys; the card was mistyped or altered"));
        }
        // The fingerprint vouches for the keys; the signature by those keys vouches for
        // every other line (team, founder, role, names).
        let signature = keys::decode_signature(&req("signature")?)
            .ok_or_else(|| Error::bad("member card", Invalid::CardAltered))?;
        let signer = keys::decode_sign_key(&card.keys.sign_key)?;
        if !keys::verify(&signer, &[CARD_CONTEXT, card.body().as_bytes()].concat(), &signature) {
            return Err(Error::bad("member card", Invalid::CardAltered));
        }
        Ok(card)
    }
}

/// This device's card as text to hand over: every line signed by this device's key.
pub fn own_card_text(store: &mut Store, now: DateTime<Utc>) -> Result<String> {
    let card = own_card(store, now)?;
    let keys = keys::load(store, now)?;
    Ok(card.signed_text(&keys))
}

/// This device's card.
pub fn own_card(store: &mut Store, now: DateTime<Utc>) -> Result<Card> {
    let keys = keys::load(store, now)?;
    let conn = store.conn();
    let name: Option<String> = conn
        .query_row("SELECT name FROM member WHERE id = ?1", [store.member_id().to_string()], |r| r.get(0))
        .optional()?
        .flatten();
    let label: Option<String> = conn
        .query_row("SELECT label FROM device WHERE id = ?1", [store.device_id().to_string()], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(Card {
        member_id: store.member_id(),
        name: name.unwrap_or_default(),
        device_id: store.device_id(),
        device_label: label.unwrap_or_default(),
        keys: keys.public(),
        role: role_of_member(conn, store.member_id())?,
        team: team(conn)?,
    })
}

pub fn role_of_member(conn: &Connection, member: Uuid) -> Result<Option<Role>> {
    let role: Option<String> = conn
        .query_row("SELECT role FROM member WHERE id = ?1 AND deleted = 0", [member.to_string()], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(role.and_then(|r| r.parse().ok()))
}

pub(crate) fn require_coordinator(store: &Store) -> Result<()> {
    if role_of_member(store.conn(), store.member_id())? != Some(Role::Coordinator) {
        return Err(Refusal::NotCoordinator.into());
    }
    Ok(())
}

/// Create a new team with this device as its first coordinator.
pub fn create_team(store: &mut Store, name: &str, now: DateTime<Utc>) -> Result<Team> {
    if name.trim().is_empty() {
        return Err(Error::bad("team name", Invalid::Empty));
    }
    if team(store.conn())?.is_some() {
        return Err(Refusal::AlreadyInTeam.into());
    }
    let keys = keys::load(store, now)?;
    let t = Team {
        id: Uuid::now_v7(),
        name: name.trim().to_string(),
        founder_device: store.device_id(),
        founder_sign_key: keys.public().sign_key,
    };
    let member = store.member_id();
    let t2 = t.clone();
    store.write(now, |w| {
        set_team(w.tx(), &t2)?;
        w.update(&schema::MEMBER, member, &[("role", Role::Coordinator.as_str().into())])?;
        Ok(())
    })?;
    Ok(t)
}

fn set_team(conn: &Connection, t: &Team) -> Result<()> {
    set_meta(conn, "team_id", &t.id.to_string())?;
    set_meta(conn, "team_name", &t.name)?;
    set_meta(conn, "team_founder", &t.founder_device.to_string())?;
    set_meta(conn, "team_founder_key", &t.founder_sign_key)?;
    conn.execute(
        "INSERT OR REPLACE INTO trust_anchor(device_id, sign_key) VALUES (?1, ?2)",
        (t.founder_device.to_string(), &t.founder_sign_key),
    )?;
    Ok(())
}

/// Trust a coordinator's card and join its team. The caller shows the fingerprint so the
/// two people can compare it.
pub fn join_team(store: &mut Store, card: &Card, now: DateTime<Utc>) -> Result<Team> {
    let t = card.team.clone().ok_or_else(|| Error::bad("member card", Invalid::CardWithoutTeam))?;
    if card.role != Some(Role::Coordinator) {
        return Err(Refusal::NotCoordinatorCard.into());
    }
    if let Some(existing) = team(store.conn())? {
        if existing.id != t.id {
            return Err(Refusal::InAnotherTeam.into());
        }
    }
    keys::ensure(store, now)?;
    let card = card.clone();
    store.write(now, |w| {
        set_team(w.tx(), &t)?;
        w.tx().execute(
            "INSERT OR REPLACE INTO trust_anchor(device_id, sign_key) VALUES (?1, ?2)",
            (card.device_id.to_string(), &card.keys.sign_key),
        )?;
        Ok(())
    })?;
    Ok(t)
}

/// Add a member (or another device of a member) from their card, with a role.
pub fn add_member(store: &mut Store, card: &Card, role: Role, now: DateTime<Utc>) -> Result<()> {
    let t = require_team(store.conn())?;
    require_coordinator(store)?;
    if card.team.as_ref().is_some_and(|ct| ct.id != t.id) {
        return Err(Refusal::CardOfOtherTeam.into());
    }
    let card = card.clone();
    store.write(now, |w| {
        let name: Value = card.name.clone().into();
        let member_fields: Vec<(&str, Value)> = vec![("name", name), ("role", role.as_str().into())];
        if w.tx()
            .query_row("SELECT 1 FROM member WHERE id = ?1", [card.member_id.to_string()], |_| Ok(()))
            .optional()?
            .is_some()
        {
            w.tx()
                .execute("UPDATE member SET deleted = 0 WHERE id = ?1 AND deleted = 1", [card.member_id.to_string()])?;
            w.update(&schema::MEMBER, card.member_id, &member_fields)?;
        } else {
            w.insert(&schema::MEMBER, card.member_id, &member_fields)?;
        }
        let device_fields: Vec<(&str, Value)> = vec![
            ("member_id", card.member_id.to_string().into()),
            ("label", card.device_label.clone().into()),
            ("sign_key", card.keys.sign_key.clone().into()),
            ("age_recipient", card.keys.age_recipient.clone().into()),
        ];
        match w
            .tx()
            .query_row("SELECT revoked_at FROM device WHERE id = ?1", [card.device_id.to_string()], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
        {
            Some(Some(_)) => return Err(Refusal::DeviceRevoked.into()),
            Some(None) => {
                w.update(&schema::DEVICE, card.device_id, &device_fields)?;
            }
            None => w.insert(&schema::DEVICE, card.device_id, &device_fields)?,
        }
        Ok(())
    })
}

/// Whether a member of `role` receives nothing of the team's work until they are linked
/// to their volunteer record: their part (a host's sites, a driver's rides, a shift
/// volunteer's rota) is found through it.
pub fn needs_volunteer_link(role: Role) -> bool {
    matches!(role, Role::Host | Role::ShiftVolunteer | Role::Driver | Role::Responder)
}

/// Link a member to their volunteer record (or unlink with `None`), which decides what
/// their role receives and which records are their own (coordinators only).
pub fn link_volunteer(store: &mut Store, member: Uuid, volunteer: Option<Uuid>, now: DateTime<Utc>) -> Result<()> {
    require_team(store.conn())?;
    require_coordinator(store)?;
    if let Some(v) = volunteer {
        let live = store
            .conn()
            .query_row("SELECT 1 FROM volunteer WHERE id = ?1 AND deleted = 0", [v.to_string()], |_| Ok(()))
            .optional()?
            .is_some();
        if !live {
            return Err(Error::NotFound { kind: "volunteer", id: v.to_string() });
        }
    }
    store.write(now, |w| {
        w.update(&schema::MEMBER, member, &[("volunteer_id", volunteer.map(|v| v.to_string()).into())])?;
        Ok(())
    })
}

/// Give a member another role (coordinators only). Changes their devices made before
/// it are still judged, wherever they arrive, by the role they had when they made them.
/// The last coordinator cannot step down: the team would have nobody to run it.
pub fn set_role(store: &mut Store, member: Uuid, role: Role, now: DateTime<Utc>) -> Result<()> {
    require_team(store.conn())?;
    require_coordinator(store)?;
    let current = role_of_member(store.conn(), member)?.ok_or(Error::NotFound { kind: "member", id: short(member) })?;
    if current == Role::Coordinator && role != Role::Coordinator {
        let coordinators = members(store.conn())?
            .iter()
            .filter(|m| m.role == Some(Role::Coordinator) && !m.devices.iter().all(|d| d.revoked_at.is_some()))
            .count();
        if coordinators <= 1 {
            return Err(Refusal::LastCoordinator.into());
        }
    }
    store.write(now, |w| {
        w.update(&schema::MEMBER, member, &[("role", role.as_str().into())])?;
        Ok(())
    })
}

/// The volunteer record a member is linked to.
pub fn volunteer_of(conn: &Connection, member: Uuid) -> Result<Option<Uuid>> {
    let v: Option<String> = conn
        .query_row("SELECT volunteer_id FROM member WHERE id = ?1", [member.to_string()], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(v.and_then(|v| v.parse().ok()))
}

/// Revoke every device of a member: no new bundle is encrypted to them, and bundles they
/// sign are refused. Data already shared with them cannot be recalled.
pub fn revoke_member(store: &mut Store, member: Uuid, now: DateTime<Utc>) -> Result<usize> {
    require_team(store.conn())?;
    require_coordinator(store)?;
    if member == store.member_id() {
        return Err(Refusal::RevokeSelf.into());
    }
    let devices = devices_of(store.conn(), member)?;
    let at = now.to_rfc3339();
    store.write(now, |w| {
        let mut n = 0;
        for d in &devices {
            if d.revoked_at.is_none() {
                w.update(&schema::DEVICE, d.id, &[("revoked_at", at.clone().into())])?;
                n += 1;
            }
        }
        Ok(n)
    })
}

#[derive(Debug, Clone)]
pub struct RosterDevice {
    pub id: Uuid,
    pub member_id: Uuid,
    pub label: String,
    pub keys: Option<PublicKeys>,
    pub revoked_at: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RosterMember {
    pub id: Uuid,
    pub name: String,
    pub role: Option<Role>,
    pub devices: Vec<RosterDevice>,
}

pub fn devices_of(conn: &Connection, member: Uuid) -> Result<Vec<RosterDevice>> {
    let mut stmt = conn.prepare(
        "SELECT id, label, sign_key, age_recipient, revoked_at FROM device WHERE member_id = ?1 AND deleted = 0 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([member.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, label, sk, ar, rev)| {
            Some(RosterDevice {
                id: id.parse().ok()?,
                member_id: member,
                label: label.unwrap_or_default(),
                keys: match (sk, ar) {
                    (Some(sign_key), Some(age_recipient)) => Some(PublicKeys { sign_key, age_recipient }),
                    _ => None,
                },
                revoked_at: rev,
            })
        })
        .collect())
}

pub fn members(conn: &Connection) -> Result<Vec<RosterMember>> {
    let mut stmt = conn.prepare("SELECT id, name, role FROM member WHERE deleted = 0 ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (id, name, role) in rows {
        let Ok(id) = id.parse::<Uuid>() else { continue };
        out.push(RosterMember {
            id,
            name: name.unwrap_or_default(),
            role: role.and_then(|r| r.parse().ok()),
            devices: devices_of(conn, id)?,
        });
    }
    Ok(out)
}

/// Find a member by id, id prefix or exact name (case-insensitive).
pub fn find_member(conn: &Connection, text: &str) -> Result<RosterMember> {
    let all = members(conn)?;
    let t = text.trim().to_lowercase();
    let hits: Vec<&RosterMember> = all
        .iter()
        .filter(|m| {
            m.id.to_string() == t || (t.len() >= 4 && m.id.to_string().starts_with(&t)) || m.name.to_lowercase() == t
        })
        .collect();
    match hits.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::NotFound { kind: "member", id: text.to_string() }),
        _ => Err(Error::invalid("member", "more than one member matches; use the id from `amparo member list`")),
    }
}

/// The signing key of a device this store trusts to sign bundles: on the roster and not
/// revoked, or trusted directly. Returns `Err` with a message a person can act on.
pub(crate) fn signer_key(conn: &Connection, device: Uuid) -> Result<String> {
    let row: Option<(Option<String>, Option<String>, i64)> = conn
        .query_row("SELECT sign_key, revoked_at, deleted FROM device WHERE id = ?1", [device.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    if let Some((_, Some(_), _)) = &row {
        return Err(Error::refused(
            BundleRefusal::Revoked,
            "this bundle was signed by a device that has been revoked; it was not imported".into(),
        ));
    }
    if let Some((Some(k), None, 0)) = row {
        return Ok(k);
    }
    let anchor: Option<String> = conn
        .query_row("SELECT sign_key FROM trust_anchor WHERE device_id = ?1", [device.to_string()], |r| r.get(0))
        .optional()?;
    anchor.ok_or_else(|| {
        Error::refused(
            BundleRefusal::NotOnRoster,
            "this bundle was signed by a device that is not on the team roster; it was not imported".into(),
        )
    })
}

/// Whether `device` may change the roster: it is trusted directly, or it belongs to a
/// member whose coordinator role (and whose link to the device) was set by a device that
/// may change the roster. Cycles do not count.
pub(crate) fn is_roster_authority(conn: &Connection, device: Uuid) -> Result<bool> {
    authority(conn, device, &mut HashSet::new())
}

fn authority(conn: &Connection, device: Uuid, visiting: &mut HashSet<Uuid>) -> Result<bool> {
    let revoked: Option<Option<String>> =
        conn.query_row("SELECT revoked_at FROM device WHERE id = ?1", [device.to_string()], |r| r.get(0)).optional()?;
    if matches!(revoked, Some(Some(_))) {
        return Ok(false);
    }
    let anchored = conn
        .query_row("SELECT 1 FROM trust_anchor WHERE device_id = ?1", [device.to_string()], |_| Ok(()))
        .optional()?
        .is_some();
    if anchored {
        return Ok(true);
    }
    if !visiting.insert(device) || visiting.len() > 16 {
        return Ok(false);
    }
    let out = authority_via_roster(conn, device, visiting);
    visiting.remove(&device);
    out
}

fn authority_via_roster(conn: &Connection, device: Uuid, visiting: &mut HashSet<Uuid>) -> Result<bool> {
    let member: Option<String> = conn
        .query_row("SELECT member_id FROM device WHERE id = ?1 AND deleted = 0", [device.to_string()], |r| r.get(0))
        .optional()?
        .flatten();
    let Some(member) = member else { return Ok(false) };
    let role: Option<String> = conn
        .query_row("SELECT role FROM member WHERE id = ?1 AND deleted = 0", [&member], |r| r.get(0))
        .optional()?
        .flatten();
    if role.as_deref() != Some(Role::Coordinator.as_str()) {
        return Ok(false);
    }
    let set_by = |tbl: &str, rec: &str, field: &str, value: &str| -> Result<Vec<Uuid>> {
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT device_id FROM oplog WHERE record_id = ?1 AND field = ?2 AND tbl = ?3 AND value = ?4",
        )?;
        let v = stmt
            .query_map((rec, field, tbl, Value::String(value.to_string()).to_string()), |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(v.into_iter().filter_map(|s| s.parse().ok()).collect())
    };
    let mut link_ok = false;
    for d in set_by("device", &device.to_string(), "member_id", &member)? {
        if authority(conn, d, visiting)? {
            link_ok = true;
            break;
        }
    }
    if !link_ok {
        return Ok(false);
    }
    for d in set_by("member", &member, "role", Role::Coordinator.as_str())? {
        if authority(conn, d, visiting)? {
            return Ok(true);
        }
    }
    Ok(false)
}
