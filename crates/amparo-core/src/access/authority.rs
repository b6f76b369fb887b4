//! Who may change what (docs/design/domain.md, "Who may change what"): the write
//! authority of each role, beside the read scopes of [`super::fields`] and named in the
//! same registry (`schema`).
//!
//! One table, [`grants`], is consulted twice: on the author's own device, where
//! `store::Writer` refuses an edit outside the role before anything is written, and on the
//! receiving device, where an import leaves out a change whose author's role may not make
//! it (not applied, not logged, not relayed; the summary counts it). The receiver judges
//! the author's role on the roster as of that change ([`RoleHistory`]).
//!
//! A grant names a table, which of its fields may be set, whether records may be created
//! or deleted, and on which records ([`When`]). Coordinators may change everything.

use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::domain::Role;
use crate::error::Result;
use crate::schema::{self, Table, DELETED};

/// Which records of a table a grant covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Every record the role receives.
    Any,
    /// The record's field names the author's own volunteer record (an assignment of
    /// themselves, a task assigned to them, a swap they offered or took).
    Own(&'static str),
    /// A note visible to volunteers, on a record of the given tables.
    VolunteerNoteOn(&'static [&'static str]),
    /// A placement at a housing site they host, or a note on one.
    AtTheirHousingSite,
    /// A record of a sanctuary site they host (its shifts, their assignments, swaps,
    /// rotation patterns).
    AtTheirSanctuarySite,
    /// A shift the author is assigned to.
    TheirShift,
    /// The record's field names the author afterwards and named nobody (or them) before:
    /// claiming what is open to anyone (taking a swap offered to the team).
    Claims(&'static str),
    /// An incident the author is dispatched to, or a record part of one.
    DispatchedTo,
}

/// What one role may do with one table.
#[derive(Debug, Clone, Copy)]
pub struct Grant {
    pub table: &'static str,
    /// The fields it may set; `None` means every field.
    pub fields: Option<&'static [&'static str]>,
    pub create: bool,
    pub delete: bool,
    pub when: When,
    /// Values the grant allows a field to be given, when not any (a volunteer takes a
    /// swap, "taken"; only a host or a coordinator approves it). Checked on the record as
    /// it will stand, for each field the change sets (every field of a creation).
    pub values: &'static [(&'static str, &'static [&'static str])],
}

const fn edit(table: &'static str, fields: &'static [&'static str], when: When) -> Grant {
    Grant { table, fields: Some(fields), create: false, delete: false, when, values: &[] }
}
const fn all(table: &'static str, when: When) -> Grant {
    Grant { table, fields: None, create: true, delete: true, when, values: &[] }
}

/// A court date's time and place: a non-coordinator may change them when they learn the
/// hearing moved (the newest news of a hearing is usually true), and every such change
/// stays in force and is shown to a coordinator to review (`sync::conflicts`).
pub const COURT_TIME_AND_PLACE: &[&str] =
    &["local_start", "time_zone", "starts_utc", "time_tbc", "confirmed", "place", "address", "room"];

const ACCOMPANIER: &[Grant] = &[
    // Reporting what happened (the next date becomes a new court date), notes for
    // volunteers, and a moved time or place.
    edit(
        "court_date",
        &[
            "outcome",
            "detained",
            "status",
            "next_court_date_id",
            "accompanier_notes",
            "local_start",
            "time_zone",
            "starts_utc",
            "time_tbc",
            "confirmed",
            "place",
            "address",
            "room",
        ],
        When::Any,
    ),
    // Creating one (the next date an outcome names); no fields of an existing one beyond
    // those above. (`fields: None` would let this grant edit every field.)
    Grant { table: "court_date", fields: Some(&[]), create: true, delete: false, when: When::Any, values: &[] },
    // Signing themselves up or off.
    Grant {
        table: "court_accompanier",
        fields: None,
        create: true,
        delete: true,
        when: When::Own("volunteer_id"),
        values: &[],
    },
    Grant {
        table: "note",
        fields: Some(&["body"]),
        create: true,
        delete: true,
        when: When::VolunteerNoteOn(&["household", "person", "court_date", "task"]),
        values: &[],
    },
    // Their own tasks, and the team's checklist tasks they open (a "detained" report).
    edit("task", &["status"], When::Own("assignee_id")),
    Grant { table: "task", fields: Some(&[]), create: true, delete: false, when: When::Any, values: &[] },
];

const HOST: &[Grant] = &[
    edit("placement", &["checkin_schedule"], When::AtTheirHousingSite),
    Grant {
        table: "note",
        fields: Some(&["body"]),
        create: true,
        delete: true,
        when: When::AtTheirHousingSite,
        values: &[],
    },
    all("shift", When::AtTheirSanctuarySite),
    all("shift_assignment", When::AtTheirSanctuarySite),
    all("swap_request", When::AtTheirSanctuarySite),
    all("rotation_template", When::AtTheirSanctuarySite),
];

const SHIFT_VOLUNTEER: &[Grant] = &[
    // Taking a swap offered to anyone: it is then the host's or a coordinator's to approve.
    Grant {
        table: "swap_request",
        fields: Some(&["status", "to_volunteer_id", "taken_at"]),
        create: false,
        delete: false,
        when: When::Claims("to_volunteer_id"),
        values: &[("status", &["taken"])],
    },
    // Offering their own shift, and withdrawing the offer.
    Grant {
        table: "swap_request",
        fields: Some(&[]),
        create: true,
        delete: false,
        when: When::Own("from_volunteer_id"),
        values: &[("status", &["offered"]), ("to_volunteer_id", &[])],
    },
    Grant {
        table: "swap_request",
        fields: Some(&["status", "decided_at", "decided_by"]),
        create: false,
        delete: false,
        when: When::Own("from_volunteer_id"),
        values: &[("status", &["withdrawn"])],
    },
    edit("shift", &["handoff_notes"], When::TheirShift),
];

const DRIVER: &[Grant] = &[edit("task", &["status"], When::Own("assignee_id"))];

const DISPATCHER: &[Grant] = &[
    all("response_zone", When::Any),
    all("incident", When::Any),
    all("incident_verification", When::Any),
    all("incident_observation", When::Any),
    all("dispatch", When::Any),
    all("oncall_slot", When::Any),
    all("oncall_shift", When::Any),
    all("oncall_assignment", When::Any),
];

const RESPONDER: &[Grant] = &[
    // What they see on scene: how many agents, doing what, what the warrant says.
    edit(
        "incident",
        &[
            "status",
            "agents",
            "vehicles",
            "more_unseen",
            "activity",
            "uniforms",
            "marked",
            "equipment",
            "agencies",
            "identified_by",
            "plates",
            "badge_numbers",
            "warrant",
            "warrant_details",
            "entry_consented",
            "canvass_done",
            "rights_material_left",
        ],
        When::DispatchedTo,
    ),
    Grant {
        table: "incident_observation",
        fields: None,
        create: true,
        delete: false,
        when: When::DispatchedTo,
        values: &[],
    },
    Grant {
        table: "incident_verification",
        fields: None,
        create: true,
        delete: false,
        when: When::DispatchedTo,
        values: &[],
    },
    // Acknowledging, arriving, leaving.
    edit("dispatch", &["acknowledged_at", "on_scene_at", "left_at"], When::Own("volunteer_id")),
];

/// The grants of a role; `None` for a coordinator, who may change everything.
pub fn grants(role: Role) -> Option<&'static [Grant]> {
    match role {
        Role::Coordinator => None,
        Role::Accompanier => Some(ACCOMPANIER),
        Role::Host => Some(HOST),
        Role::ShiftVolunteer => Some(SHIFT_VOLUNTEER),
        Role::Driver => Some(DRIVER),
        Role::Dispatcher => Some(DISPATCHER),
        Role::Responder => Some(RESPONDER),
    }
}

/// What a change does to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Create,
    Edit,
    Delete,
}

/// Whether a member with `role` (and, when they are one, the volunteer record
/// `volunteer`) may make a change of `fields` to the record `id` of `table`. `record` is
/// the record as it will stand after the change (its fields by name); `before`, for an
/// edit, the record as it stands: a grant on some records must cover the record both
/// before and after, so nobody makes someone else's record theirs (an accompanier writing
/// herself into another volunteer's place at a hearing, a host moving another site's shift
/// to hers).
#[allow(clippy::too_many_arguments)]
pub fn allows(
    conn: &Connection,
    role: Role,
    volunteer: Option<Uuid>,
    table: &Table,
    act: Act,
    fields: &mut dyn Iterator<Item = &str>,
    record: &Map<String, Value>,
    before: Option<&Map<String, Value>>,
) -> Result<bool> {
    let Some(grants) = grants(role) else { return Ok(true) };
    if schema::is_roster(table) {
        return Ok(false);
    }
    let fields: Vec<&str> = fields.filter(|f| *f != DELETED).collect();
    // A creation sets only fields its author's role holds, as its own store writes it: a
    // "creation" of a record the receiver has not received yet cannot smuggle in a field
    // the role is never sent (a court date's internal notes or judge).
    if act == Act::Create && !fields.iter().all(|f| super::fields::holds(role, table, f)) {
        return Ok(false);
    }
    for g in grants.iter().filter(|g| g.table == table.name) {
        let act_ok = match act {
            Act::Create => g.create,
            Act::Delete => g.delete,
            Act::Edit => true,
        };
        // A creation sets whatever fields the record starts with.
        let fields_ok = act == Act::Create || g.fields.is_none_or(|allowed| fields.iter().all(|f| allowed.contains(f)));
        let values_ok = g.values.iter().all(|(field, allowed)| {
            let set = act == Act::Create || fields.contains(field);
            !set || value_allowed(record.get(*field), allowed)
        });
        let covered_before = match (before, g.when) {
            (None, _) => true,
            (Some(b), When::Claims(field)) => {
                let me = volunteer.map(|v| v.to_string());
                text(b, field).is_none() || text(b, field) == me.as_deref()
            }
            (Some(b), when) => covers(conn, when, volunteer, table, b)?,
        };
        if act_ok && fields_ok && values_ok && covered_before && covers(conn, g.when, volunteer, table, record)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether this store (its `actor`) may edit `fields` of `record`, a record of `table` as
/// it stands: the one answer the front ends ask before offering an edit, so that no role
/// is re-derived in them (the `Writer` refuses such a change anyway).
pub fn may_edit(
    conn: &Connection,
    actor: crate::access::Actor,
    table: &Table,
    fields: &[&str],
    record: &Map<String, Value>,
) -> Result<bool> {
    let Some(role) = actor.limited_role() else { return Ok(true) };
    let volunteer = match actor {
        crate::access::Actor::Member { volunteer, .. } => volunteer,
        crate::access::Actor::Alone => None,
    };
    allows(conn, role, volunteer, table, Act::Edit, &mut fields.iter().copied(), record, Some(record))
}

/// How an edit of a record this store has not received yet is judged (it cannot wait in
/// the log for the record unjudged, `merge::waits_for_its_record`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnseenEdit {
    /// Some grant lets the role edit these fields of every record of the table: the record
    /// would not change the answer.
    Allowed,
    /// Only a grant that depends on the record (their own ride, their own site) lets the
    /// role edit these fields: judged when the record arrives (`held`).
    NeedsTheRecord,
    /// No grant of the role covers these fields.
    Refused,
}

/// Judge an edit of `fields` of a record of `table` this store has not received yet, made
/// by a member with `role`. An honest member's edit must not be lost on the store that
/// happens to hear of it first, and a forged one must be left out there as it is where the
/// record is held.
pub fn judge_unseen_edit(role: Role, table: &Table, fields: &mut dyn Iterator<Item = &str>) -> UnseenEdit {
    let Some(grants) = grants(role) else { return UnseenEdit::Allowed };
    if schema::is_roster(table) {
        return UnseenEdit::Refused;
    }
    let fields: Vec<&str> = fields.filter(|f| *f != DELETED).collect();
    let mut covering = grants
        .iter()
        .filter(|g| g.table == table.name)
        .filter(|g| g.fields.is_none_or(|allowed| fields.iter().all(|f| allowed.contains(f))))
        .peekable();
    if covering.peek().is_none() {
        UnseenEdit::Refused
    } else if covering.any(|g| g.when == When::Any) {
        UnseenEdit::Allowed
    } else {
        UnseenEdit::NeedsTheRecord
    }
}

/// Whether `value` is one of `allowed`; an empty list allows only no value (null).
fn value_allowed(value: Option<&Value>, allowed: &[&str]) -> bool {
    match value {
        None | Some(Value::Null) => allowed.is_empty(),
        Some(Value::String(v)) => allowed.contains(&v.as_str()),
        Some(_) => false,
    }
}

fn text<'m>(record: &'m Map<String, Value>, field: &str) -> Option<&'m str> {
    record.get(field).and_then(Value::as_str)
}

fn one(conn: &Connection, sql: &str, param: &str) -> Result<Option<String>> {
    Ok(conn.query_row(sql, [param], |r| r.get::<_, Option<String>>(0)).optional()?.flatten())
}

fn covers(
    conn: &Connection,
    when: When,
    volunteer: Option<Uuid>,
    table: &Table,
    record: &Map<String, Value>,
) -> Result<bool> {
    let me = volunteer.map(|v| v.to_string());
    let me = me.as_deref();
    Ok(match when {
        When::Any => true,
        When::Own(field) | When::Claims(field) => me.is_some() && text(record, field) == me,
        When::VolunteerNoteOn(tables) => {
            text(record, "visibility") == Some("volunteers")
                && text(record, "record_table").is_some_and(|t| tables.contains(&t))
        }
        When::AtTheirHousingSite => {
            let placement = match table.name {
                "placement" => text(record, "id"),
                "note" if text(record, "record_table") == Some("placement") => text(record, "record_id"),
                _ => None,
            };
            let (Some(p), Some(me)) = (placement, me) else { return Ok(false) };
            one(
                conn,
                "SELECT s.host_volunteer_id FROM placement p JOIN housing_site s ON s.id = p.site_id WHERE p.id = ?1",
                p,
            )?
            .as_deref()
                == Some(me)
        }
        When::AtTheirSanctuarySite => {
            let Some(me) = me else { return Ok(false) };
            let site = match table.name {
                "shift" | "rotation_template" => text(record, "site_id").map(str::to_string),
                "shift_assignment" | "swap_request" => match text(record, "shift_id") {
                    Some(s) => one(conn, "SELECT site_id FROM shift WHERE id = ?1", s)?,
                    None => None,
                },
                _ => None,
            };
            match site {
                Some(site) => {
                    one(conn, "SELECT host_volunteer_id FROM sanctuary_site WHERE id = ?1", &site)?.as_deref()
                        == Some(me)
                }
                None => false,
            }
        }
        When::DispatchedTo => {
            let incident = match table.name {
                "incident" => text(record, "id"),
                _ => text(record, "incident_id"),
            };
            let (Some(incident), Some(me)) = (incident, me) else { return Ok(false) };
            conn.query_row(
                "SELECT 1 FROM dispatch WHERE incident_id = ?1 AND volunteer_id = ?2 AND deleted = 0",
                [incident, me],
                |_| Ok(()),
            )
            .optional()?
            .is_some()
        }
        When::TheirShift => {
            let (Some(shift), Some(me)) = (text(record, "id"), me) else { return Ok(false) };
            conn.query_row(
                "SELECT 1 FROM shift_assignment WHERE shift_id = ?1 AND volunteer_id = ?2 AND deleted = 0",
                [shift, me],
                |_| Ok(()),
            )
            .optional()?
            .is_some()
        }
    })
}

/// The role and volunteer record of the member a device belongs to, as the roster stands.
/// `None` when the device is not on the roster as a member with a role (a founder known
/// only as a trust anchor is the team's first coordinator).
pub fn role_of_device(conn: &Connection, device: Uuid) -> Result<Option<(Role, Option<Uuid>)>> {
    let row: Option<(Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT m.role, m.volunteer_id FROM device d JOIN member m ON m.id = d.member_id WHERE d.id = ?1 AND d.deleted = 0 AND m.deleted = 0",
            [device.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((Some(role), volunteer)) = row {
        if let Ok(role) = role.parse::<Role>() {
            return Ok(Some((role, volunteer.and_then(|v| v.parse().ok()))));
        }
    }
    let anchored = conn
        .query_row("SELECT 1 FROM trust_anchor WHERE device_id = ?1", [device.to_string()], |_| Ok(()))
        .optional()?
        .is_some();
    Ok(anchored.then_some((Role::Coordinator, None)))
}

/// What the roster's log says a device's member was over time, read once per device and
/// import: the role and volunteer record each change is judged by (`at`).
///
/// A change counts with the `role` and `volunteer_id` its author's member had when it was
/// stamped (for a change made before the member was added, the first ones they were
/// given). So a coordinator's offline edits still count after they step down, and a change
/// made before a promotion gains nothing from it. Revocation and removal are judged as the
/// roster stands now: a lost laptop's changes are not trusted whenever they were stamped.
pub struct RoleHistory {
    now: Option<(Role, Option<Uuid>)>,
    roles: Vec<(u64, Option<String>)>,
    volunteers: Vec<(u64, Option<String>)>,
}

impl RoleHistory {
    pub fn load(conn: &Connection, device: Uuid) -> Result<RoleHistory> {
        let now = role_of_device(conn, device)?;
        let member: Option<String> = conn
            .query_row("SELECT member_id FROM device WHERE id = ?1", [device.to_string()], |r| r.get(0))
            .optional()?
            .flatten();
        let (mut roles, mut volunteers) = (Vec::new(), Vec::new());
        if let (Some(member), Some(_)) = (member, now) {
            let mut stmt = conn.prepare(
                "SELECT field, hlc, value FROM oplog WHERE tbl = 'member' AND record_id = ?1 \
                 AND field IN ('role', 'volunteer_id') ORDER BY hlc, device_id",
            )?;
            let rows = stmt.query_map([member], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, Option<String>>(2)?))
            })?;
            for row in rows {
                let (field, hlc, json) = row?;
                let value = json.and_then(|j| serde_json::from_str::<Option<String>>(&j).ok().flatten());
                let into = if field == "role" { &mut roles } else { &mut volunteers };
                into.push((hlc as u64, value));
            }
        }
        Ok(RoleHistory { now, roles, volunteers })
    }

    /// The role and volunteer record as the roster stands now, which judges changes of the
    /// roster itself: trust is never granted by a role someone no longer has.
    pub fn now(&self) -> Option<(Role, Option<Uuid>)> {
        self.now
    }

    /// The role and volunteer record a change stamped `hlc` is judged by; `None` when the
    /// device has no role (not on the roster, revoked, or its member had none then).
    pub fn at(&self, hlc: u64) -> Option<(Role, Option<Uuid>)> {
        let (role_now, volunteer_now) = self.now?;
        let role = match value_at(&self.roles, hlc) {
            Some(role) => role?.parse::<Role>().ok()?,
            None => role_now,
        };
        let volunteer = match value_at(&self.volunteers, hlc) {
            Some(v) => v.and_then(|v| v.parse().ok()),
            None => volunteer_now,
        };
        Some((role, volunteer))
    }
}

/// The last value set at or before `hlc`, else the first one ever set; `None` when the log
/// never set the field.
fn value_at(log: &[(u64, Option<String>)], hlc: u64) -> Option<Option<&str>> {
    let upto = log.partition_point(|(at, _)| *at <= hlc);
    let (_, v) = if upto == 0 { log.first()? } else { &log[upto - 1] };
    Some(v.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grant_names_a_synced_table_and_its_fields() {
        for role in Role::ALL {
            for g in grants(*role).unwrap_or(&[]) {
                let t = schema::table(g.table).unwrap_or_else(|| panic!("{role:?}: unknown table {}", g.table));
                for f in g.fields.unwrap_or(&[]) {
                    assert!(t.field(f).is_some(), "{role:?}: {} has no field {f}", g.table);
                }
            }
        }
    }

    #[test]
    fn a_shift_volunteer_takes_offers_and_withdraws_swaps_but_never_approves_one() {
        let conn = Connection::open_in_memory().unwrap();
        let (me, other) = (Uuid::now_v7(), Uuid::now_v7());
        let table = schema::table("swap_request").unwrap();
        let swap = |from: Uuid, to: Option<Uuid>, status: &str| {
            let mut r = Map::new();
            r.insert("from_volunteer_id".into(), Value::String(from.to_string()));
            r.insert("to_volunteer_id".into(), to.map_or(Value::Null, |t| Value::String(t.to_string())));
            r.insert("status".into(), Value::String(status.into()));
            r
        };
        let may = |act, fields: &[&str], record: &Map<String, Value>| {
            allows(&conn, Role::ShiftVolunteer, Some(me), table, act, &mut fields.iter().copied(), record, None)
                .unwrap()
        };
        let taking = ["status", "to_volunteer_id", "taken_at"];
        assert!(may(Act::Edit, &taking, &swap(other, Some(me), "taken")));
        assert!(!may(Act::Edit, &taking, &swap(other, Some(me), "approved")), "approving is the host's");
        assert!(!may(Act::Edit, &["status"], &swap(other, Some(me), "approved")));
        assert!(may(Act::Create, &["status", "from_volunteer_id"], &swap(me, None, "offered")));
        assert!(!may(Act::Create, &["status"], &swap(me, None, "approved")), "an offer starts offered");
        assert!(!may(Act::Create, &["status"], &swap(me, Some(other), "offered")), "nor names its taker");
        assert!(!may(Act::Create, &["status"], &swap(other, None, "offered")), "only their own shift");
        assert!(may(Act::Edit, &["status", "decided_at", "decided_by"], &swap(me, None, "withdrawn")));
        assert!(!may(Act::Edit, &["status"], &swap(me, Some(other), "approved")));
        assert!(!may(Act::Edit, &["from_volunteer_id"], &swap(me, None, "offered")));
    }

    #[test]
    fn nobody_makes_someone_elses_record_theirs() {
        let conn = Connection::open_in_memory().unwrap();
        let (me, other) = (Uuid::now_v7(), Uuid::now_v7());
        let row = |pairs: &[(&str, Option<Uuid>)], status: Option<&str>| {
            let mut r = Map::new();
            for (k, v) in pairs {
                r.insert((*k).into(), v.map_or(Value::Null, |v| Value::String(v.to_string())));
            }
            if let Some(st) = status {
                r.insert("status".into(), Value::String(st.into()));
            }
            r
        };
        let may = |role,
                   table: &str,
                   act,
                   fields: &[&str],
                   after: &Map<String, Value>,
                   before: Option<&Map<String, Value>>| {
            let t = schema::table(table).unwrap();
            allows(&conn, role, Some(me), t, act, &mut fields.iter().copied(), after, before).unwrap()
        };
        // An accompanier signs herself up, and off; she cannot take another's place.
        let mine = row(&[("volunteer_id", Some(me))], None);
        let theirs = row(&[("volunteer_id", Some(other))], None);
        assert!(may(Role::Accompanier, "court_accompanier", Act::Create, &["volunteer_id"], &mine, None));
        assert!(may(Role::Accompanier, "court_accompanier", Act::Delete, &[], &mine, None));
        assert!(!may(Role::Accompanier, "court_accompanier", Act::Edit, &["volunteer_id"], &mine, Some(&theirs)));
        assert!(!may(Role::Accompanier, "court_accompanier", Act::Delete, &[], &theirs, None));
        // A shift volunteer takes a swap offered to anyone, not one someone else took.
        let taking = ["status", "to_volunteer_id", "taken_at"];
        let offered = row(&[("from_volunteer_id", Some(other)), ("to_volunteer_id", None)], Some("offered"));
        let taken_by_me = row(&[("from_volunteer_id", Some(other)), ("to_volunteer_id", Some(me))], Some("taken"));
        let taken_by_other =
            row(&[("from_volunteer_id", Some(other)), ("to_volunteer_id", Some(Uuid::now_v7()))], Some("taken"));
        assert!(may(Role::ShiftVolunteer, "swap_request", Act::Edit, &taking, &taken_by_me, Some(&offered)));
        assert!(!may(Role::ShiftVolunteer, "swap_request", Act::Edit, &taking, &taken_by_me, Some(&taken_by_other)));
        // A driver marks his own ride done, not one he reassigns to himself.
        let ride = |who| row(&[("assignee_id", Some(who))], Some("done"));
        assert!(may(Role::Driver, "task", Act::Edit, &["status"], &ride(me), Some(&ride(me))));
        assert!(!may(Role::Driver, "task", Act::Edit, &["status"], &ride(me), Some(&ride(other))));
    }

    #[test]
    fn an_unseen_edit_waits_for_its_record_only_when_the_record_decides() {
        let judge = |role, table: &str, fields: &[&str]| {
            judge_unseen_edit(role, schema::table(table).unwrap(), &mut fields.iter().copied())
        };
        assert_eq!(judge(Role::Accompanier, "court_date", &["local_start", "time_zone"]), UnseenEdit::Allowed);
        assert_eq!(judge(Role::Driver, "task", &["status"]), UnseenEdit::NeedsTheRecord);
        assert_eq!(judge(Role::Host, "placement", &["checkin_schedule"]), UnseenEdit::NeedsTheRecord);
        assert_eq!(judge(Role::Driver, "task", &["title"]), UnseenEdit::Refused);
        assert_eq!(judge(Role::Accompanier, "household", &["status"]), UnseenEdit::Refused);
        assert_eq!(judge(Role::Accompanier, "member", &["role"]), UnseenEdit::Refused);
        assert_eq!(judge(Role::Coordinator, "household", &["status"]), UnseenEdit::Allowed);
    }

    #[test]
    fn only_coordinators_hold_legal_fields_of_a_person_or_a_familys_status() {
        for role in Role::ALL.iter().filter(|r| **r != Role::Coordinator) {
            let g = grants(*role).unwrap();
            assert!(
                !g.iter().any(|g| g.table == "person"
                    || g.table == "household"
                    || g.table == "member"
                    || g.table == "device"),
                "{role:?}"
            );
        }
    }
}
