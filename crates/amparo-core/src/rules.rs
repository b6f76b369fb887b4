//! Rules across records. Each runs inside a [`Writer`] transaction, so a refused change
//! leaves nothing behind, and every accepted one goes through the one write path.
//!
//! Refusals name the conflict (a site's name, dates) but never a family's name, an
//! A-number or a note: messages may end up in a terminal scroll-back or a bug report.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::OptionalExtension;
use serde_json::Value;
use uuid::Uuid;

use crate::domain::{
    CourtAccompanier, CourtDate, CourtKind, CourtStatus, Household, HouseholdStatus, HousingSite, Note, Person,
    PlaceTime, Placement, Record, SanctuaryGuest, SanctuarySite, Shift, ShiftAssignment, Task, Visibility, Volunteer,
};
use crate::error::{Error, Invalid, Refusal, Result};
use crate::refusal::count;
use crate::schema;
use crate::store::{records, Writer};

fn require<R: Record>(w: &Writer<'_>, id: Uuid) -> Result<R> {
    w.find::<R>(id)?.ok_or_else(|| Error::NotFound { kind: R::NOUN, id: id.to_string() })
}

/// That a live record of `R` is there, without reading it as `R`: a record stored in a
/// form that cannot be read (`sync::validate::damaged`) can still be deleted, so a person
/// can enter it again.
fn require_row<R: Record>(w: &Writer<'_>, id: Uuid) -> Result<()> {
    match crate::store::read_row(w.tx(), R::TABLE, id)? {
        Some(row) if row.get("deleted") != Some(&serde_json::Value::Bool(true)) => Ok(()),
        _ => Err(Error::NotFound { kind: R::NOUN, id: id.to_string() }),
    }
}

// ---------------------------------------------------------------- families and persons

pub fn add_household(w: &mut Writer<'_>, h: &Household) -> Result<Uuid> {
    check_household_links(w, h)?;
    w.create(h)
}

pub fn save_household(w: &mut Writer<'_>, h: &Household) -> Result<usize> {
    check_household_links(w, h)?;
    w.save(h)
}

fn check_household_links(w: &Writer<'_>, h: &Household) -> Result<()> {
    if let Some(c) = h.lead_congregation_id {
        require::<crate::domain::Congregation>(w, c)?;
    }
    if let Some(v) = h.lead_volunteer_id {
        require::<Volunteer>(w, v)?;
    }
    Ok(())
}

/// Mark a family closed on `on`. Its records stay (retention decides when they go).
pub fn close_household(w: &mut Writer<'_>, id: Uuid, on: NaiveDate) -> Result<()> {
    let mut h: Household = require(w, id)?;
    h.status = HouseholdStatus::Closed;
    h.closed_at = Some(on);
    w.save(&h)?;
    Ok(())
}

/// Delete a family and everything that belongs to it (what [`schema::LINKS`] makes part of
/// it: persons, court dates and their assignments, placements, tasks, notes). Returns how
/// many records were deleted.
pub fn delete_household(w: &mut Writer<'_>, id: Uuid) -> Result<usize> {
    require_row::<Household>(w, id)?;
    let n = delete_parts(w, &schema::HOUSEHOLD, id)?;
    w.remove::<Household>(id)?;
    Ok(n + 1)
}

/// Delete `table`'s record `id` with what is part of it (a placement's or a task's notes),
/// for kinds with no rule of their own. Returns how many records were deleted.
pub fn delete_with_parts(w: &mut Writer<'_>, table: &'static schema::Table, id: Uuid) -> Result<usize> {
    let n = delete_parts(w, table, id)?;
    w.delete(table, id)?;
    Ok(n + 1)
}

/// Delete the live records part of `table`'s record `id`, each the way it is deleted on
/// its own (a person's court dates stay with the family). Returns how many.
fn delete_parts(w: &mut Writer<'_>, table: &'static schema::Table, id: Uuid) -> Result<usize> {
    let mut n = 0;
    for (part, part_id) in crate::store::family::parts(w.tx(), table, id, crate::store::family::Rows::Live)? {
        n += match part.name {
            "person" => delete_person(w, part_id)?,
            "court_date" => delete_court_date(w, part_id)?,
            _ => delete_with_parts(w, part, part_id)?,
        };
    }
    Ok(n)
}

/// Bring back a deleted record from its history (a family deleted by mistake), with what
/// was deleted together with it: a family's persons, court dates, placements, tasks and
/// notes, or a person's sanctuary stay and notes, whose deletion the same device made in
/// the same moment (a deletion cascades in one transaction). Records deleted before on
/// their own stay deleted. A purged record cannot come back: its content is gone. Court
/// dates the deletion of a person unlinked from them are linked to the person again,
/// unless someone has linked them to another since. Returns how many records came back.
pub fn undelete(w: &mut Writer<'_>, table: &'static crate::schema::Table, id: Uuid) -> Result<usize> {
    let row = crate::store::read_row(w.tx(), table, id)?
        .ok_or_else(|| Error::NotFound { kind: table.name, id: id.to_string() })?;
    if row.get("deleted") != Some(&serde_json::Value::Bool(true)) {
        return Err(Error::invalid("record", "this record is not deleted"));
    }
    let deletion = w.field_version(table, id, crate::schema::DELETED)?;
    w.restore(table, id)?;
    let mut n = 1;
    let Some((hlc, device)) = deletion else { return Ok(n) };
    let moment = crate::clock::Hlc(hlc).wall_millis();
    let key = id.to_string();
    let parts = crate::store::family::parts(w.tx(), table, id, crate::store::family::Rows::Deleted)?;
    for (part, part_id) in parts {
        if deleted_with(w, part, part_id, device, moment)? {
            n += undelete(w, part, part_id)?;
        }
    }
    // After the family's court dates are back, so a person finds theirs.
    if table.name == "person" || table.name == "household" {
        let persons: Vec<Uuid> = if table.name == "person" {
            vec![id]
        } else {
            records::query::<Person>(w.tx(), "AND household_id = ?1", [&key])?.into_iter().map(|p| p.id).collect()
        };
        for p in persons {
            relink_court_dates(w, p, device, moment)?;
        }
    }
    Ok(n)
}

/// A family deleted (not purged), for a coordinator to bring back.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeletedFamily {
    pub id: Uuid,
    pub name: Option<String>,
    /// When it was deleted (the wall time of its deletion).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub deleted_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The families deleted and not purged, most recently deleted first; none for a role that
/// may not bring them back (only a coordinator, or a store alone, may).
pub fn deleted_families(store: &crate::Store) -> Result<Vec<DeletedFamily>> {
    if store.actor()?.limited_role().is_some() {
        return Ok(vec![]);
    }
    let conn = store.conn();
    let mut st = conn.prepare(
        "SELECT id, display_name FROM household WHERE deleted = 1 AND id NOT IN (SELECT record_id FROM purged)",
    )?;
    let rows = st
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (id, name) in rows {
        let Ok(id) = id.parse::<Uuid>() else { continue };
        let at = crate::store::record_versions(conn, &crate::schema::HOUSEHOLD, &id.to_string())?
            .get(crate::schema::DELETED)
            .map(|(hlc, _)| crate::clock::Hlc(*hlc).wall());
        out.push(DeletedFamily { id, name, deleted_at: at });
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.deleted_at));
    Ok(out)
}

/// A record of a family deleted on its own (a person, a court date, a placement or a task
/// removed by mistake while the family stays), for a coordinator to bring back.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeletedRecord {
    /// `person`, `court_date`, `placement` or `task`.
    pub kind: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    /// What a person knows it by: a person's name, a court date's place and local time,
    /// a placement's site, a task's title.
    pub label: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub deleted_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The kinds of a family's records brought back one by one ([`deleted_of_family`]).
pub const UNDELETABLE_IN_A_FAMILY: &[&str] = &["person", "court_date", "placement", "task"];

/// The records of the live family `household` that were deleted and not purged, most
/// recently deleted first; none for a role that may not bring them back.
pub fn deleted_of_family(store: &crate::Store, household: Uuid) -> Result<Vec<DeletedRecord>> {
    if store.actor()?.limited_role().is_some() {
        return Ok(vec![]);
    }
    let conn = store.conn();
    let key = household.to_string();
    // Each query names its record `r`.
    let queries: [(&'static crate::schema::Table, &str); 4] = [
        (&crate::schema::PERSON, "SELECT r.id, r.name FROM person r WHERE r.deleted = 1 AND r.household_id = ?1"),
        (
            &crate::schema::COURT_DATE,
            "SELECT r.id, r.place || ' · ' || replace(substr(r.local_start, 1, 16), 'T', ' ') || ' ' || r.time_zone \
             FROM court_date r WHERE r.deleted = 1 AND r.household_id = ?1",
        ),
        (
            &crate::schema::PLACEMENT,
            "SELECT r.id, COALESCE(s.name, '') || ' · ' || r.start_date FROM placement r \
             LEFT JOIN housing_site s ON s.id = r.site_id WHERE r.deleted = 1 AND r.household_id = ?1",
        ),
        (&crate::schema::TASK, "SELECT r.id, r.title FROM task r WHERE r.deleted = 1 AND r.household_id = ?1"),
    ];
    let mut out = Vec::new();
    for (table, sql) in queries {
        let rows = conn
            .prepare(&format!("{sql} AND r.id NOT IN (SELECT record_id FROM purged)"))?
            .query_map([&key], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (id, label) in rows {
            let Ok(id) = id.parse::<Uuid>() else { continue };
            let deleted_at = crate::store::record_versions(conn, table, &id.to_string())?
                .get(crate::schema::DELETED)
                .map(|(hlc, _)| crate::clock::Hlc(*hlc).wall());
            out.push(DeletedRecord { kind: table.name.into(), id, label: label.unwrap_or_default(), deleted_at });
        }
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.deleted_at));
    Ok(out)
}

/// Whether a record's deletion was made by `device` within a few seconds before `moment`
/// (the same cascading deletion).
/// Link a person brought back to the court dates their deletion unlinked: the change
/// that emptied `person_id` was the deleting device's, in the same moment, and the
/// person was named there before it.
fn relink_court_dates(w: &mut Writer<'_>, person: Uuid, device: Uuid, moment: i64) -> Result<()> {
    let unlinked: Vec<(String, i64)> = w
        .tx()
        .prepare(
            "SELECT o.record_id, o.hlc FROM oplog o JOIN court_date c ON c.id = o.record_id \
             WHERE o.tbl = 'court_date' AND o.field = 'person_id' AND o.device_id = ?1 \
             AND (o.value IS NULL OR o.value = 'null') AND c.person_id IS NULL AND c.deleted = 0",
        )?
        .query_map([device.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let named = serde_json::Value::String(person.to_string()).to_string();
    for (court, hlc) in unlinked {
        if !(moment - 5_000..=moment).contains(&crate::clock::Hlc(hlc as u64).wall_millis()) {
            continue;
        }
        let before: Option<Option<String>> = w
            .tx()
            .query_row(
                "SELECT value FROM oplog WHERE tbl = 'court_date' AND record_id = ?1 AND field = 'person_id' \
                 AND hlc < ?2 ORDER BY hlc DESC, device_id DESC LIMIT 1",
                rusqlite::params![court, hlc],
                |r| r.get(0),
            )
            .optional()?;
        if before.flatten().as_deref() == Some(named.as_str()) {
            if let Ok(court) = court.parse::<Uuid>() {
                w.update(&crate::schema::COURT_DATE, court, &[("person_id", person.to_string().into())])?;
            }
        }
    }
    Ok(())
}

fn deleted_with(
    w: &Writer<'_>,
    table: &'static crate::schema::Table,
    id: Uuid,
    device: Uuid,
    moment: i64,
) -> Result<bool> {
    Ok(w.field_version(table, id, crate::schema::DELETED)?
        .is_some_and(|(h, d)| d == device && (moment - 5_000..=moment).contains(&crate::clock::Hlc(h).wall_millis())))
}

/// Rules a coordinator may knowingly set aside for one change (the CLI's `--allow-…`
/// flags, the app's "save anyway").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Save a person whose A-number is already recorded in another family.
    pub duplicate_a_number: bool,
    /// Place a family with children at a site that accepts none.
    pub children_at_site: bool,
}

pub fn add_person(w: &mut Writer<'_>, p: &Person) -> Result<Uuid> {
    add_person_with(w, p, Overrides::default())
}

pub fn add_person_with(w: &mut Writer<'_>, p: &Person, allow: Overrides) -> Result<Uuid> {
    check_person(w, p, allow)?;
    w.create(p)
}

pub fn save_person(w: &mut Writer<'_>, p: &Person) -> Result<usize> {
    save_person_with(w, p, Overrides::default())
}

pub fn save_person_with(w: &mut Writer<'_>, p: &Person, allow: Overrides) -> Result<usize> {
    check_person(w, p, allow)?;
    w.save(p)
}

/// A person needs their family; an A-number names one person, so the same one in another
/// family is refused unless overridden (within a family it is the same person entered
/// twice, which the family page shows).
fn check_person(w: &Writer<'_>, p: &Person, allow: Overrides) -> Result<()> {
    require::<Household>(w, p.household_id)?;
    if let (Some(a), false) =
        (p.a_number.as_ref().and_then(crate::domain::ANumberOrNone::number), allow.duplicate_a_number)
    {
        let same = records::query::<Person>(
            w.tx(),
            "AND a_number = ?1 AND household_id <> ?2 AND id <> ?3 LIMIT 1",
            [a.digits().to_string(), p.household_id.to_string(), p.id.to_string()],
        )?;
        if !same.is_empty() {
            return Err(Refusal::ANumberInOtherFamily.into());
        }
    }
    Ok(())
}

/// Delete a person, their sanctuary stays and notes; court dates stay with the family
/// but no longer point at the person.
pub fn delete_person(w: &mut Writer<'_>, id: Uuid) -> Result<usize> {
    require_row::<Person>(w, id)?;
    let key = id.to_string();
    unlink::<CourtDate>(w, "person_id", &key, |c| c.person_id = None)?;
    let n = delete_parts(w, &schema::PERSON, id)?;
    w.remove::<Person>(id)?;
    Ok(n + 1)
}

// ---------------------------------------------------------------- volunteers

pub fn add_volunteer(w: &mut Writer<'_>, v: &Volunteer) -> Result<Uuid> {
    if let Some(c) = v.congregation_id {
        require::<crate::domain::Congregation>(w, c)?;
    }
    w.create(v)
}

pub fn save_volunteer(w: &mut Writer<'_>, v: &Volunteer) -> Result<usize> {
    if let Some(c) = v.congregation_id {
        require::<crate::domain::Congregation>(w, c)?;
    }
    w.save(v)
}

/// Stop every `R` whose `column` names `key` from naming it (the record stays).
fn unlink<R: Record>(w: &mut Writer<'_>, column: &str, key: &str, clear: impl Fn(&mut R)) -> Result<()> {
    for mut r in records::query::<R>(w.tx(), &format!("AND {column} = ?1"), [key])? {
        clear(&mut r);
        w.save(&r)?;
    }
    Ok(())
}

/// Delete a volunteer and their court and shift assignments. The families, court dates,
/// placements, sites and tasks that name them as lead, leader, host or assignee stay and
/// stop naming them (saving any of those requires the volunteer it names to exist).
pub fn delete_volunteer(w: &mut Writer<'_>, id: Uuid) -> Result<usize> {
    require::<Volunteer>(w, id)?;
    let key = id.to_string();
    let mut n = 1;
    for a in records::query::<CourtAccompanier>(w.tx(), "AND volunteer_id = ?1", [&key])? {
        w.remove::<CourtAccompanier>(a.id)?;
        n += 1;
    }
    for a in records::query::<ShiftAssignment>(w.tx(), "AND volunteer_id = ?1", [&key])? {
        w.remove::<ShiftAssignment>(a.id)?;
        n += 1;
    }
    unlink::<Household>(w, "lead_volunteer_id", &key, |h| h.lead_volunteer_id = None)?;
    unlink::<CourtDate>(w, "leader_id", &key, |c| c.leader_id = None)?;
    unlink::<Placement>(w, "support_lead_id", &key, |p| p.support_lead_id = None)?;
    unlink::<HousingSite>(w, "host_volunteer_id", &key, |s| s.host_volunteer_id = None)?;
    unlink::<SanctuarySite>(w, "host_volunteer_id", &key, |s| s.host_volunteer_id = None)?;
    unlink::<Task>(w, "assignee_id", &key, |t| t.assignee_id = None)?;
    w.remove::<Volunteer>(id)?;
    Ok(n)
}

// ---------------------------------------------------------------- congregations

/// The records that name a congregation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CongregationLinks {
    pub households: usize,
    pub volunteers: usize,
    pub sanctuary_sites: usize,
}

/// How many live families, volunteers and sanctuary sites name a congregation: what the
/// question before deleting it counts.
pub fn congregation_links(conn: &rusqlite::Connection, id: Uuid) -> Result<CongregationLinks> {
    let key = id.to_string();
    Ok(CongregationLinks {
        households: records::query::<Household>(conn, "AND lead_congregation_id = ?1", [&key])?.len(),
        volunteers: records::query::<Volunteer>(conn, "AND congregation_id = ?1", [&key])?.len(),
        sanctuary_sites: records::query::<SanctuarySite>(conn, "AND congregation_id = ?1", [&key])?.len(),
    })
}

/// Delete a congregation. The families, volunteers and sanctuary sites that name it stay
/// and stop naming it, so no page shows a congregation that is gone.
pub fn delete_congregation(w: &mut Writer<'_>, id: Uuid) -> Result<CongregationLinks> {
    require::<crate::domain::Congregation>(w, id)?;
    let links = congregation_links(w.tx(), id)?;
    let key = id.to_string();
    unlink::<Household>(w, "lead_congregation_id", &key, |h| h.lead_congregation_id = None)?;
    unlink::<Volunteer>(w, "congregation_id", &key, |v| v.congregation_id = None)?;
    unlink::<SanctuarySite>(w, "congregation_id", &key, |s| s.congregation_id = None)?;
    w.remove::<crate::domain::Congregation>(id)?;
    Ok(links)
}

// ---------------------------------------------------------------- court dates

fn check_court_links(w: &Writer<'_>, c: &CourtDate) -> Result<()> {
    require::<Household>(w, c.household_id)?;
    if let Some(pid) = c.person_id {
        let p: Person = require(w, pid)?;
        if p.household_id != c.household_id {
            return Err(Error::bad("person", Invalid::PersonInOtherFamily));
        }
    }
    if let Some(l) = c.leader_id {
        require::<Volunteer>(w, l)?;
    }
    Ok(())
}

pub fn add_court_date(w: &mut Writer<'_>, c: &CourtDate) -> Result<Uuid> {
    check_court_links(w, c)?;
    w.create(c)
}

pub fn save_court_date(w: &mut Writer<'_>, c: &CourtDate) -> Result<usize> {
    check_court_links(w, c)?;
    if let Some(max) = c.max_accompaniers {
        let n = accompaniers_of(w.tx(), c.id)?.len() as i64;
        if n > max {
            return Err(Refusal::CourtMaxBelowAssigned { assigned: count(n), max: count(max) }.into());
        }
    }
    w.save(c)
}

/// Delete a court date and its accompanier assignments; the dates before and after it
/// stop pointing at it.
pub fn delete_court_date(w: &mut Writer<'_>, id: Uuid) -> Result<usize> {
    let c: CourtDate = match w.find::<CourtDate>(id) {
        Ok(found) => found.ok_or_else(|| Error::NotFound { kind: CourtDate::NOUN, id: id.to_string() })?,
        // Stored by an older Amparo in a form that cannot be read: it can still go, with
        // its accompaniers and notes, so a person can enter it again.
        Err(e) => {
            let live = crate::store::read_row(w.tx(), &schema::COURT_DATE, id)?
                .is_some_and(|r| r.get("deleted") == Some(&Value::Bool(false)));
            if !live {
                return Err(e);
            }
            return delete_with_parts(w, &schema::COURT_DATE, id);
        }
    };
    let n = 1 + delete_parts(w, &schema::COURT_DATE, id)?;
    if let Some(prev) = c.previous_court_date_id.and_then(|p| w.find::<CourtDate>(p).transpose()) {
        let mut prev = prev?;
        prev.next_court_date_id = None;
        w.save(&prev)?;
    }
    if let Some(next) = c.next_court_date_id.and_then(|p| w.find::<CourtDate>(p).transpose()) {
        let mut next = next?;
        next.previous_court_date_id = None;
        w.save(&next)?;
    }
    w.remove::<CourtDate>(id)?;
    Ok(n)
}

pub fn accompaniers_of(conn: &rusqlite::Connection, court_date: Uuid) -> Result<Vec<CourtAccompanier>> {
    records::query(conn, "AND court_date_id = ?1 ORDER BY id", [court_date.to_string()])
}

/// Assign a volunteer to accompany at a court date. Refuses a second assignment of the
/// same person and more people than the date's maximum.
pub fn assign_accompanier(w: &mut Writer<'_>, court_date: Uuid, volunteer: Uuid) -> Result<Uuid> {
    let c: CourtDate = require(w, court_date)?;
    let v: Volunteer = require(w, volunteer)?;
    if !v.active {
        return Err(Refusal::VolunteerInactive.into());
    }
    if c.status != CourtStatus::Scheduled {
        return Err(Refusal::CourtDateNotScheduled { status: c.status.to_string() }.into());
    }
    let current = accompaniers_of(w.tx(), court_date)?;
    if current.iter().any(|a| a.volunteer_id == volunteer) {
        return Err(Refusal::AlreadyAccompanying.into());
    }
    if let Some(max) = c.max_accompaniers {
        if current.len() as i64 >= max {
            return Err(Refusal::CourtDateFull { max: count(max) }.into());
        }
    }
    let a = CourtAccompanier { id: Uuid::now_v7(), court_date_id: court_date, volunteer_id: volunteer };
    w.create(&a)
}

pub fn unassign_accompanier(w: &mut Writer<'_>, court_date: Uuid, volunteer: Uuid) -> Result<()> {
    require::<CourtDate>(w, court_date)?;
    let current = accompaniers_of(w.tx(), court_date)?;
    let a = current.iter().find(|a| a.volunteer_id == volunteer).ok_or(Refusal::NotAccompanying)?;
    w.remove::<CourtAccompanier>(a.id)
}

/// The next hearing or appointment announced at a court date.
#[derive(Debug, Clone)]
pub struct NextDate {
    pub at: PlaceTime,
    pub place: String,
    pub room: Option<String>,
    pub kind: Option<CourtKind>,
}

/// What happened at a court date, reported afterwards.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub text: String,
    pub detained: bool,
    pub next: Option<NextDate>,
}

/// Record the outcome: the date is completed, the outcome and detention are set, and a
/// next date becomes a new court date linked both ways. Returns the new date's id.
/// Refused before the date has started; on a completed date it edits the outcome.
pub fn report_outcome(w: &mut Writer<'_>, court_date: Uuid, outcome: &Outcome) -> Result<Option<Uuid>> {
    let mut c: CourtDate = require(w, court_date)?;
    if c.status == CourtStatus::Cancelled {
        return Err(Refusal::CourtDateCancelled.into());
    }
    if w.now() < c.starts_utc {
        return Err(Refusal::OutcomeBeforeEvent {
            at: c.local_start.format("%Y-%m-%d %H:%M").to_string(),
            time_zone: c.time_zone.to_string(),
        }
        .into());
    }
    if outcome.text.trim().is_empty() {
        return Err(Error::bad("outcome", Invalid::OutcomeText));
    }
    let mut next_id = None;
    if let Some(next) = &outcome.next {
        if next.at.utc() <= c.starts_utc {
            return Err(Error::bad("next date", Invalid::NextDateNotAfter));
        }
        if let Some(existing) = c.next_court_date_id.and_then(|id| w.find::<CourtDate>(id).ok().flatten()) {
            return Err(Refusal::NextDateExists {
                at: existing.local_start.format("%Y-%m-%d %H:%M").to_string(),
                time_zone: existing.time_zone.to_string(),
            }
            .into());
        }
        let mut n = CourtDate::new(c.household_id, next.kind.unwrap_or(c.kind), next.at, next.place.clone());
        n.person_id = c.person_id;
        n.room = next.room.clone();
        n.address = if next.place == c.place { c.address.clone() } else { None };
        n.min_accompaniers = c.min_accompaniers;
        n.max_accompaniers = c.max_accompaniers;
        n.interpreter = c.interpreter.clone();
        n.attorney_attending = c.attorney_attending.clone();
        n.confirmed = true;
        n.previous_court_date_id = Some(c.id);
        w.create(&n)?;
        c.next_court_date_id = Some(n.id);
        next_id = Some(n.id);
    }
    c.status = CourtStatus::Completed;
    w.save(&c)?;
    // What happened is written by whoever reports it, even an accompanier whose store
    // does not receive outcomes: these fields are exactly what they set.
    w.update(
        &crate::schema::COURT_DATE,
        c.id,
        &[("outcome", outcome.text.trim().into()), ("detained", outcome.detained.into())],
    )?;
    // A family's status is the coordinator's to change; the court date's "detained"
    // reaches them either way.
    if outcome.detained && w.actor().limited_role().is_none() {
        let mut h: Household = require(w, c.household_id)?;
        if h.status != HouseholdStatus::Closed {
            h.status = HouseholdStatus::Detained;
            w.save(&h)?;
        }
    }
    Ok(next_id)
}

// ---------------------------------------------------------------- housing

pub use crate::domain::peak_beds;

/// Record a check-in on a placement as one action: a note on the placement (what the
/// missed-check-in reminder counts), dated the day it happened and saying who went and how
/// it went. A check-in on an earlier day is dated noon of that day in `viewer`'s zone; one
/// on a later day than today is refused.
pub fn record_check_in(
    w: &mut Writer<'_>,
    placement_id: Uuid,
    on: NaiveDate,
    by: &str,
    how: &str,
    now: DateTime<Utc>,
    viewer: Tz,
) -> Result<Uuid> {
    let today = crate::housing::day_of(now, viewer);
    if on > today {
        return Err(Refusal::CheckInInFuture { on: on.to_string() }.into());
    }
    let (by, how) = (by.trim(), how.trim());
    if by.is_empty() {
        return Err(Error::bad("by", crate::error::Invalid::Empty));
    }
    let created_at = if on == today {
        now
    } else {
        viewer
            .from_local_datetime(&on.and_time(chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()))
            .earliest()
            .map_or(now, |t| t.with_timezone(&Utc))
    };
    let body = if how.is_empty() { by.to_string() } else { format!("{by} — {how}") };
    let note = Note {
        id: Uuid::now_v7(),
        record_table: "placement".into(),
        record_id: placement_id,
        body,
        visibility: Visibility::Internal,
        created_at,
    };
    add_note(w, &note)
}

fn check_placement(w: &Writer<'_>, p: &Placement, allow: Overrides) -> Result<()> {
    p.validate()?;
    require::<Household>(w, p.household_id)?;
    let site: HousingSite = require(w, p.site_id)?;
    if !site.accepts_children && !allow.children_at_site {
        let need = crate::housing::HousingNeed::for_household(w.tx(), p.household_id, p.start_date)?;
        if need.children {
            return Err(Refusal::SiteTakesNoChildren { site: site.name }.into());
        }
    }
    if let Some(lead) = p.support_lead_id {
        require::<Volunteer>(w, lead)?;
    }
    let own = records::query::<Placement>(
        w.tx(),
        "AND household_id = ?1 AND id <> ?2",
        [p.household_id.to_string(), p.id.to_string()],
    )?;
    if let Some(clash) = own.iter().find(|o| o.overlaps(p.start_date, p.last_night())) {
        let site = w.find::<HousingSite>(clash.site_id)?.map(|s| s.name);
        return Err(Refusal::FamilyAlreadyPlaced {
            site,
            from: clash.start_date.to_string(),
            to: clash.last_night().map(|d| d.to_string()),
        }
        .into());
    }
    let others = records::query::<Placement>(
        w.tx(),
        "AND site_id = ?1 AND id <> ?2",
        [p.site_id.to_string(), p.id.to_string()],
    )?;
    let (used, night) = peak_beds(&others, p.start_date, p.last_night());
    if used + p.beds > site.capacity {
        let free = (site.capacity - used).max(0);
        return Err(Refusal::SiteFull {
            site: site.name,
            capacity: count(site.capacity),
            used: count(used),
            night: night.to_string(),
            beds: count(p.beds),
            free: count(free),
        }
        .into());
    }
    Ok(())
}

/// Place a family at a housing site, refusing more beds than the site has on any night
/// of the stay and a second placement of the same family over the same nights.
pub fn add_placement(w: &mut Writer<'_>, p: &Placement) -> Result<Uuid> {
    add_placement_with(w, p, Overrides::default())
}

/// [`add_placement`], also refusing a family with children at a site that accepts none
/// unless `allow.children_at_site`.
pub fn add_placement_with(w: &mut Writer<'_>, p: &Placement, allow: Overrides) -> Result<Uuid> {
    check_placement(w, p, allow)?;
    w.create(p)
}

pub fn save_placement(w: &mut Writer<'_>, p: &Placement) -> Result<usize> {
    save_placement_with(w, p, Overrides::default())
}

/// Save changes to a placement. The children check applies when the stay moves to
/// another site; at the same site it was decided when the family was placed.
pub fn save_placement_with(w: &mut Writer<'_>, p: &Placement, allow: Overrides) -> Result<usize> {
    let same_site = w.find::<Placement>(p.id)?.is_some_and(|old| old.site_id == p.site_id);
    check_placement(w, p, Overrides { children_at_site: allow.children_at_site || same_site, ..allow })?;
    w.save(p)
}

pub fn add_housing_site(w: &mut Writer<'_>, s: &HousingSite) -> Result<Uuid> {
    if let Some(h) = s.host_volunteer_id {
        require::<Volunteer>(w, h)?;
    }
    w.create(s)
}

/// Save a site; lowering its capacity below what current and future placements need is refused.
pub fn save_housing_site(w: &mut Writer<'_>, s: &HousingSite, today: NaiveDate) -> Result<usize> {
    if let Some(h) = s.host_volunteer_id {
        require::<Volunteer>(w, h)?;
    }
    let placements = records::query::<Placement>(w.tx(), "AND site_id = ?1", [s.id.to_string()])?;
    let (used, night) = peak_beds(&placements, today, None);
    if used > s.capacity {
        return Err(Refusal::CapacityBelowUse {
            site: s.name.clone(),
            used: count(used),
            night: night.to_string(),
            capacity: count(s.capacity),
        }
        .into());
    }
    w.save(s)
}

/// Delete a housing site; refused while placements there are not deleted.
pub fn delete_housing_site(w: &mut Writer<'_>, id: Uuid) -> Result<()> {
    let site: HousingSite = require(w, id)?;
    let n = records::query::<Placement>(w.tx(), "AND site_id = ?1", [id.to_string()])?.len();
    if n > 0 {
        return Err(Refusal::SiteHasPlacements { site: site.name, count: count(n) }.into());
    }
    w.remove::<HousingSite>(id)
}

// ---------------------------------------------------------------- sanctuary and shifts

pub fn add_sanctuary_site(w: &mut Writer<'_>, s: &SanctuarySite) -> Result<Uuid> {
    if let Some(c) = s.congregation_id {
        require::<crate::domain::Congregation>(w, c)?;
    }
    if let Some(h) = s.host_volunteer_id {
        require::<Volunteer>(w, h)?;
    }
    w.create(s)
}

pub fn add_sanctuary_guest(w: &mut Writer<'_>, g: &SanctuaryGuest) -> Result<Uuid> {
    let person: Person = require(w, g.person_id)?;
    require::<SanctuarySite>(w, g.site_id)?;
    let id = w.create(g)?;
    if g.until.is_none() {
        let mut h: Household = require(w, person.household_id)?;
        if h.status == HouseholdStatus::Active {
            h.status = HouseholdStatus::InSanctuary;
            w.save(&h)?;
        }
    }
    Ok(id)
}

pub fn add_shift(w: &mut Writer<'_>, s: &Shift) -> Result<Uuid> {
    require::<SanctuarySite>(w, s.site_id)?;
    w.create(s)
}

pub fn assignments_of(conn: &rusqlite::Connection, shift: Uuid) -> Result<Vec<ShiftAssignment>> {
    records::query(conn, "AND shift_id = ?1 ORDER BY id", [shift.to_string()])
}

/// Put a volunteer on a shift by hand. Refuses the same person twice, more people than
/// the shift's maximum, and a volunteer already on an overlapping shift.
pub fn assign_shift(w: &mut Writer<'_>, shift: Uuid, volunteer: Uuid) -> Result<Uuid> {
    let s: Shift = require(w, shift)?;
    let v: Volunteer = require(w, volunteer)?;
    if !v.active {
        return Err(Refusal::VolunteerInactive.into());
    }
    let current = assignments_of(w.tx(), shift)?;
    if current.iter().any(|a| a.volunteer_id == volunteer) {
        return Err(Refusal::AlreadyOnShift.into());
    }
    if let Some(max) = s.max_people {
        if current.len() as i64 >= max {
            return Err(Refusal::ShiftFull { max: count(max) }.into());
        }
    }
    let theirs = records::query::<ShiftAssignment>(w.tx(), "AND volunteer_id = ?1", [volunteer.to_string()])?;
    for a in theirs {
        if let Some(other) = w.find::<Shift>(a.shift_id)? {
            if other.starts_utc < s.ends_utc && s.starts_utc < other.ends_utc {
                return Err(Refusal::OverlappingShift {
                    label: other.label,
                    from: other.starts_utc.format("%Y-%m-%d %H:%M").to_string(),
                    to: other.ends_utc.format("%Y-%m-%d %H:%M").to_string(),
                }
                .into());
            }
        }
    }
    let a = ShiftAssignment {
        id: Uuid::now_v7(),
        shift_id: shift,
        volunteer_id: volunteer,
        confirmed: true,
        manual: true,
        claimed_at: Some(w.now()),
    };
    w.create(&a)
}

pub fn unassign_shift(w: &mut Writer<'_>, shift: Uuid, volunteer: Uuid) -> Result<()> {
    require::<Shift>(w, shift)?;
    let a =
        assignments_of(w.tx(), shift)?.into_iter().find(|a| a.volunteer_id == volunteer).ok_or(Refusal::NotOnShift)?;
    w.remove::<ShiftAssignment>(a.id)
}

/// Delete a shift and its assignments.
pub fn delete_shift(w: &mut Writer<'_>, id: Uuid) -> Result<usize> {
    require::<Shift>(w, id)?;
    let mut n = 1;
    for a in assignments_of(w.tx(), id)? {
        w.remove::<ShiftAssignment>(a.id)?;
        n += 1;
    }
    w.remove::<Shift>(id)?;
    Ok(n)
}

// ---------------------------------------------------------------- tasks and notes

pub fn add_task(w: &mut Writer<'_>, t: &Task) -> Result<Uuid> {
    check_task(w, t, None)?;
    w.create(t)
}

pub fn save_task(w: &mut Writer<'_>, t: &Task) -> Result<usize> {
    let before = w.find::<Task>(t.id)?;
    check_task(w, t, before.as_ref())?;
    w.save(t)
}

/// The family and assignee a task names must exist — checked when they are set, not on
/// every save: a member's store may not hold the records an unchanged link points to (a
/// driver marking his ride done holds no volunteer records), and its author checked them.
fn check_task(w: &Writer<'_>, t: &Task, before: Option<&Task>) -> Result<()> {
    if let Some(h) = t.household_id.filter(|h| before.is_none_or(|b| b.household_id != Some(*h))) {
        require::<Household>(w, h)?;
    }
    if let Some(a) = t.assignee_id.filter(|a| before.is_none_or(|b| b.assignee_id != Some(*a))) {
        require::<Volunteer>(w, a)?;
    }
    Ok(())
}

/// Attach a note to a live record of the table it names.
pub fn add_note(w: &mut Writer<'_>, n: &Note) -> Result<Uuid> {
    let table = schema::table(&n.record_table)
        .ok_or_else(|| Error::invalid("note", format!("notes cannot be attached to {:?}", n.record_table)))?;
    let row = crate::store::read_row(w.tx(), table, n.record_id)?;
    if !row.is_some_and(|r| r.get("deleted") == Some(&Value::Bool(false))) {
        return Err(Error::NotFound { kind: "record", id: n.record_id.to_string() });
    }
    w.create(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn stay(beds: i64, start: &str, end: Option<&str>) -> Placement {
        Placement {
            id: Uuid::now_v7(),
            household_id: Uuid::now_v7(),
            site_id: Uuid::nil(),
            beds,
            start_date: d(start),
            expected_end: end.map(d),
            actual_end: None,
            support_lead_id: None,
            checkin_schedule: None,
            notes: None,
        }
    }

    #[test]
    fn peak_counts_concurrent_beds_not_the_sum_over_the_range() {
        // Two stays one after the other never share a night.
        let ps = [stay(3, "2026-12-01", Some("2026-12-05")), stay(3, "2026-12-06", Some("2026-12-10"))];
        assert_eq!(peak_beds(&ps, d("2026-12-01"), Some(d("2026-12-10"))).0, 3);
        // An open-ended stay counts on every later night.
        let ps = [stay(2, "2026-11-01", None), stay(3, "2026-12-20", Some("2026-12-22"))];
        assert_eq!(peak_beds(&ps, d("2026-12-01"), None), (5, d("2026-12-20")));
        assert_eq!(peak_beds(&ps, d("2026-12-01"), Some(d("2026-12-19"))), (2, d("2026-12-01")));
        // The last night is inclusive.
        let ps = [stay(4, "2026-12-01", Some("2026-12-05"))];
        assert_eq!(peak_beds(&ps, d("2026-12-05"), Some(d("2026-12-07"))).0, 4);
        assert_eq!(peak_beds(&ps, d("2026-12-06"), Some(d("2026-12-07"))).0, 0);
    }
}
