//! The questions users ask in one glance: the agenda, free beds, search and the audit
//! trail. Read-only; every answer is a serde-serialisable struct with stable field names.

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::clock::Hlc;
use crate::domain::{
    CourtDate, CourtKind, Household, HousingSite, Placement, Record, SanctuarySite, Shift, Task, Volunteer,
};
use crate::error::{Error, Result};
use crate::rules;
use crate::schema;
use crate::store::records;

/// Timestamps are stored as RFC 3339 text in UTC; bounds are written the same way.
fn utc_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

fn name_of<R: Record>(conn: &Connection, id: Option<Uuid>, field: &str) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    Ok(conn
        .query_row(&format!("SELECT {field} FROM {} WHERE id = ?1", R::TABLE.name), [id.to_string()], |r| r.get(0))
        .optional()?
        .flatten())
}

// ---------------------------------------------------------------- agenda

/// The conditions the agenda selects with (after `deleted = 0`). Public so that a test
/// can check their query plans use an index at network scale.
pub const COURTS_IN_RANGE: &str =
    "AND starts_utc >= ?1 AND starts_utc < ?2 AND status = 'scheduled' ORDER BY starts_utc, id";
/// Shifts overlapping `[?1, ?2)`; found from their end (index `shift_end`), so past shifts are not scanned.
/// (The unary `+` keeps SQLite from walking `shift_start` over every past shift.)
pub const SHIFTS_IN_RANGE: &str = "AND ends_utc > ?1 AND +starts_utc < ?2 ORDER BY starts_utc, id";
pub const PLACEMENTS_ENDING: &str =
    "AND expected_end >= ?1 AND expected_end <= ?2 AND actual_end IS NULL ORDER BY expected_end, id";
pub const TASKS_DUE: &str = "AND status = 'open' AND due_date IS NOT NULL AND due_date <= ?1 ORDER BY due_date, id";

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agenda {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub days: u32,
    pub court_dates: Vec<AgendaCourtDate>,
    pub shifts_understaffed: Vec<AgendaShift>,
    pub placements_ending: Vec<AgendaPlacement>,
    pub tasks: Vec<AgendaTask>,
    /// Gaps (too few people, a required skill missing), double bookings and short rests
    /// among sanctuary shifts in the range: `schedule::rota_issue_lines`.
    pub rota_issues: Vec<crate::schedule::RotaIssueLine>,
}

/// A volunteer by id and name.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "PersonRef"))]
pub struct Person {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaCourtDate {
    pub id: Uuid,
    pub household_id: Uuid,
    pub household: String,
    pub kind: CourtKind,
    /// Wall time at the place, "YYYY-MM-DD HH:MM".
    pub local_time: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub time_zone: Tz,
    pub starts_utc: DateTime<Utc>,
    pub time_tbc: bool,
    pub confirmed: bool,
    pub place: String,
    pub room: Option<String>,
    pub accompaniers: Vec<Person>,
    pub assigned: i64,
    pub min_wanted: i64,
    pub max_wanted: Option<i64>,
    pub understaffed: bool,
    /// Accompaniers who may not be able to go: booked elsewhere at the time, untrained,
    /// or inactive (`court::accompanier_problems`).
    pub accompanier_flags: Vec<AccompanierFlag>,
}

pub use crate::court::AccompanierFlag;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaShift {
    pub id: Uuid,
    pub site_id: Uuid,
    pub site_code: String,
    pub label: String,
    pub local_start: String,
    pub local_end: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub time_zone: Tz,
    pub starts_utc: DateTime<Utc>,
    pub ends_utc: DateTime<Utc>,
    pub assigned: i64,
    pub min_people: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaPlacement {
    pub id: Uuid,
    pub household_id: Uuid,
    pub household: String,
    pub site_id: Uuid,
    pub site: String,
    pub start_date: NaiveDate,
    pub expected_end: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgendaTask {
    pub id: Uuid,
    pub title: String,
    pub household_id: Option<Uuid>,
    pub household: Option<String>,
    pub due_date: NaiveDate,
    pub assignee: Option<String>,
    pub overdue: bool,
}

/// What is happening from `now` for `days` days, as seen by someone whose clock is
/// `viewer` from UTC (the one agenda both front ends show: Home and `amparo agenda`):
/// court dates (with accompaniers assigned against the minimum wanted), sanctuary shifts
/// short of people, placements whose expected end falls in the range, and open tasks due
/// in it or overdue. Calendar dates are the viewer's (in the evening in Chicago it is
/// already tomorrow in UTC, and a task due today is not overdue yet), and court dates
/// earlier today still show (a hearing that began an hour ago is still going on, and its
/// outcome is still to be reported).
pub fn agenda(conn: &Connection, now: DateTime<Utc>, viewer: FixedOffset, days: u32) -> Result<Agenda> {
    let today = now.with_timezone(&viewer).date_naive();
    let day_start = today
        .and_time(NaiveTime::MIN)
        .and_local_timezone(viewer)
        .single()
        .map_or(now, |t| t.with_timezone(&Utc))
        .min(now);
    agenda_window(conn, now, day_start, today, days)
}

/// The offset from UTC of this computer's clock at `now`: the viewer of [`agenda`].
pub fn local_offset(now: DateTime<Utc>) -> FixedOffset {
    *now.with_timezone(&chrono::Local).offset()
}

fn agenda_window(
    conn: &Connection,
    now: DateTime<Utc>,
    courts_from: DateTime<Utc>,
    today: NaiveDate,
    days: u32,
) -> Result<Agenda> {
    let span = Duration::days(days as i64);
    let (Some(to), Some(last_day)) = (now.checked_add_signed(span), today.checked_add_signed(span)) else {
        return Err(Error::bad("days", crate::error::Invalid::BeyondCalendar));
    };
    let mut households: HashMap<Uuid, String> = HashMap::new();
    let mut household_name = |id: Uuid| -> Result<String> {
        if let Some(n) = households.get(&id) {
            return Ok(n.clone());
        }
        let n = name_of::<Household>(conn, Some(id), "display_name")?.unwrap_or_default();
        households.insert(id, n.clone());
        Ok(n)
    };

    let mut court_dates = Vec::new();
    let courts: Vec<CourtDate> = records::query(conn, COURTS_IN_RANGE, [utc_text(courts_from), utc_text(to)])?;
    let mut accompanier_stmt = conn.prepare_cached(
        "SELECT v.id, v.name FROM court_accompanier a JOIN volunteer v ON v.id = a.volunteer_id
         WHERE a.court_date_id = ?1 AND a.deleted = 0 ORDER BY v.name",
    )?;
    for c in courts {
        let accompaniers: Vec<Person> = accompanier_stmt
            .query_map([c.id.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|(id, name)| Person { id: id.parse().unwrap_or_else(|_| Uuid::nil()), name: name.unwrap_or_default() })
            .collect();
        let assigned = accompaniers.len() as i64;
        let understaffed = c.understaffed_with(accompaniers.len());
        let mut accompanier_flags = Vec::new();
        for a in &accompaniers {
            let Some(v) = records::find::<Volunteer>(conn, a.id)? else { continue };
            for problem in crate::court::accompanier_problems(conn, &c, &v)? {
                accompanier_flags.push(AccompanierFlag { volunteer_id: v.id, name: a.name.clone(), problem });
            }
        }
        court_dates.push(AgendaCourtDate {
            id: c.id,
            household_id: c.household_id,
            household: household_name(c.household_id)?,
            kind: c.kind,
            local_time: c.local_start.format("%Y-%m-%d %H:%M").to_string(),
            time_zone: c.time_zone,
            starts_utc: c.starts_utc,
            time_tbc: c.time_tbc,
            confirmed: c.confirmed,
            place: c.place,
            room: c.room,
            accompaniers,
            assigned,
            min_wanted: c.min_accompaniers,
            max_wanted: c.max_accompaniers,
            understaffed,
            accompanier_flags,
        });
    }

    let mut shifts_understaffed = Vec::new();
    let shifts: Vec<Shift> = records::query(conn, SHIFTS_IN_RANGE, [utc_text(now), utc_text(to)])?;
    let mut count_stmt =
        conn.prepare_cached("SELECT count(*) FROM shift_assignment WHERE shift_id = ?1 AND deleted = 0")?;
    let mut sites: HashMap<Uuid, Option<SanctuarySite>> = HashMap::new();
    for s in shifts {
        let assigned: i64 = count_stmt.query_row([s.id.to_string()], |r| r.get(0))?;
        if !s.understaffed_with(assigned as usize) {
            continue;
        }
        let site = match sites.entry(s.site_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(records::find::<SanctuarySite>(conn, s.site_id)?),
        }
        .as_ref();
        let zone = site.map_or(Tz::UTC, |x| x.time_zone);
        shifts_understaffed.push(AgendaShift {
            id: s.id,
            site_id: s.site_id,
            site_code: site.map(|x| x.code.clone()).unwrap_or_default(),
            label: s.label,
            local_start: s.starts_utc.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string(),
            local_end: s.ends_utc.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string(),
            time_zone: zone,
            starts_utc: s.starts_utc,
            ends_utc: s.ends_utc,
            assigned,
            min_people: s.min_people,
        });
    }

    let mut placements_ending = Vec::new();
    let ending: Vec<Placement> = records::query(conn, PLACEMENTS_ENDING, [today.to_string(), last_day.to_string()])?;
    for p in ending {
        placements_ending.push(AgendaPlacement {
            id: p.id,
            household_id: p.household_id,
            household: household_name(p.household_id)?,
            site_id: p.site_id,
            site: name_of::<HousingSite>(conn, Some(p.site_id), "name")?.unwrap_or_default(),
            start_date: p.start_date,
            expected_end: p.expected_end.unwrap_or(today),
        });
    }

    let mut tasks = Vec::new();
    let due: Vec<Task> = records::query(conn, TASKS_DUE, [last_day.to_string()])?;
    for t in due {
        let Some(due_date) = t.due_date else { continue };
        tasks.push(AgendaTask {
            id: t.id,
            household: match t.household_id {
                Some(h) => Some(household_name(h)?),
                None => None,
            },
            household_id: t.household_id,
            title: t.title,
            due_date,
            assignee: name_of::<Volunteer>(conn, t.assignee_id, "name")?,
            overdue: due_date < today,
        });
    }

    let rota_issues = crate::schedule::rota_issue_lines(conn, None, now, to)?;
    Ok(Agenda { from: now, to, days, court_dates, shifts_understaffed, placements_ending, tasks, rota_issues })
}

// ---------------------------------------------------------------- a volunteer's assignments

/// What deleting a volunteer takes them off: the court dates they are assigned to
/// accompany at and the sanctuary shifts they are on, in all and still to come (starting
/// at or after `now`). Assignments to deleted dates or shifts are not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VolunteerAssignments {
    pub court_dates: usize,
    pub upcoming_court_dates: usize,
    pub shifts: usize,
    pub upcoming_shifts: usize,
}

/// The assignments of one volunteer, for the question asked before deleting them.
/// Fails with `not_found` when the volunteer does not exist (or was deleted).
pub fn volunteer_assignments(conn: &Connection, volunteer: Uuid, now: DateTime<Utc>) -> Result<VolunteerAssignments> {
    if records::find::<Volunteer>(conn, volunteer)?.is_none() {
        return Err(Error::NotFound { kind: Volunteer::NOUN, id: volunteer.to_string() });
    }
    let count = |sql: &str| -> Result<(usize, usize)> {
        let (all, upcoming): (i64, i64) =
            conn.query_row(sql, [volunteer.to_string(), utc_text(now)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((all as usize, upcoming as usize))
    };
    let (court_dates, upcoming_court_dates) = count(
        "SELECT count(*), coalesce(sum(c.starts_utc >= ?2), 0) FROM court_accompanier a
         JOIN court_date c ON c.id = a.court_date_id
         WHERE a.volunteer_id = ?1 AND a.deleted = 0 AND c.deleted = 0",
    )?;
    let (shifts, upcoming_shifts) = count(
        "SELECT count(*), coalesce(sum(s.starts_utc >= ?2), 0) FROM shift_assignment a
         JOIN shift s ON s.id = a.shift_id
         WHERE a.volunteer_id = ?1 AND a.deleted = 0 AND s.deleted = 0",
    )?;
    Ok(VolunteerAssignments { court_dates, upcoming_court_dates, shifts, upcoming_shifts })
}

// ---------------------------------------------------------------- free beds

#[derive(Debug, Clone, Serialize)]
pub struct FreeSite {
    pub id: Uuid,
    pub name: String,
    pub capacity: i64,
    /// Beds free on the fullest night of the range.
    pub free_beds: i64,
    pub accepts_children: bool,
    pub accepts_pets: bool,
    pub accessible: bool,
    pub languages: Vec<String>,
}

/// Housing sites with at least `size` beds free on every night of `[from, to]`; with
/// `children`, only sites that accept children. Roomiest first.
pub fn free_sites(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    size: i64,
    children: bool,
) -> Result<Vec<FreeSite>> {
    if to < from {
        return Err(Error::bad("dates", crate::error::Invalid::RangeEndBeforeStart));
    }
    if size < 1 {
        return Err(Error::bad("size", crate::error::Invalid::HouseholdSize));
    }
    let placements: Vec<Placement> = records::query(
        conn,
        "AND start_date <= ?1 AND COALESCE(actual_end, expected_end, '9999-12-31') >= ?2",
        [to.to_string(), from.to_string()],
    )?;
    let mut by_site: HashMap<Uuid, Vec<Placement>> = HashMap::new();
    for p in placements {
        by_site.entry(p.site_id).or_default().push(p);
    }
    let mut out = Vec::new();
    for site in records::query::<HousingSite>(conn, "ORDER BY name, id", [])? {
        if children && !site.accepts_children {
            continue;
        }
        let (used, _) = rules::peak_beds(by_site.get(&site.id).map_or(&[][..], |v| v), from, Some(to));
        let free = site.capacity - used;
        if free >= size {
            out.push(FreeSite {
                id: site.id,
                name: site.name,
                capacity: site.capacity,
                free_beds: free,
                accepts_children: site.accepts_children,
                accepts_pets: site.accepts_pets,
                accessible: site.accessible,
                languages: site.languages,
            });
        }
    }
    out.sort_by(|a, b| b.free_beds.cmp(&a.free_beds).then_with(|| a.name.cmp(&b.name)));
    Ok(out)
}

// ---------------------------------------------------------------- search

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub table: String,
    pub id: Uuid,
    pub label: String,
}

/// Turn what a person typed into a safe FTS5 query: every word becomes a quoted prefix
/// term, and all must match. Operators, quotes and column filters in the input are text.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The A-number a search names, in any written form ("208123456", "A-208-123-456",
/// "A# 208 123 456", an eight-digit one), when the whole text is one.
fn a_number_in(text: &str) -> Option<crate::domain::ANumber> {
    let cleaned: String = text.trim().chars().filter(|c| !matches!(c, '#' | ':')).collect();
    crate::domain::ANumber::parse(&cleaned).ok()
}

/// Full-text search over names, notes and places; accents and case do not matter and
/// words match by prefix ("jos gar" finds "José García"). A search that is an A-number in
/// any written form finds the person who has it (the column is inside the encrypted
/// database, like the full-text index; a role that is not sent A-numbers finds nothing).
pub fn search(conn: &Connection, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
    if let Some(a) = a_number_in(text) {
        let mut stmt =
            conn.prepare_cached("SELECT id FROM person WHERE deleted = 0 AND a_number = ?1 ORDER BY id LIMIT ?2")?;
        let ids: Vec<String> =
            stmt.query_map((a.digits(), limit as i64), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for id in ids {
            let Ok(id) = id.parse::<Uuid>() else { continue };
            let label = label_of(conn, "person", id)?.unwrap_or_else(|| "person".into());
            out.push(SearchHit { table: "person".into(), id, label });
        }
        if !out.is_empty() {
            return Ok(out);
        }
    }
    let Some(q) = fts_query(text) else { return Ok(vec![]) };
    let mut stmt = conn
        .prepare_cached("SELECT tbl, record_id FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT ?2")?;
    let rows: Vec<(String, String)> =
        stmt.query_map((q, limit as i64), |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (table, id) in rows {
        let Ok(id) = id.parse::<Uuid>() else { continue };
        let label = label_of(conn, &table, id)?.unwrap_or_else(|| table.clone());
        out.push(SearchHit { table, id, label });
    }
    Ok(out)
}

fn one(conn: &Connection, sql: &str, id: Uuid) -> Result<Option<String>> {
    Ok(conn.query_row(sql, [id.to_string()], |r| r.get::<_, Option<String>>(0)).optional()?.flatten())
}

/// A short human label for a record, as lists and search results show it.
pub fn label_of(conn: &Connection, table: &str, id: Uuid) -> Result<Option<String>> {
    let sql = match table {
        "household" => "SELECT display_name FROM household WHERE id = ?1",
        "person" => "SELECT name FROM person WHERE id = ?1",
        "volunteer" => "SELECT name FROM volunteer WHERE id = ?1",
        "member" => "SELECT name FROM member WHERE id = ?1",
        "congregation" => "SELECT name FROM congregation WHERE id = ?1",
        "housing_site" => "SELECT name FROM housing_site WHERE id = ?1",
        "sanctuary_site" => "SELECT name FROM sanctuary_site WHERE id = ?1",
        "task" => "SELECT title FROM task WHERE id = ?1",
        "device" => "SELECT label FROM device WHERE id = ?1",
        "court_date" => {
            "SELECT replace(kind, '_', ' ') || ', ' || replace(substr(local_start, 1, 16), 'T', ' ') || ' ' || time_zone || ', ' || place
             FROM court_date WHERE id = ?1"
        }
        "shift" => {
            // Local time and zone at the site, as every list shows a shift.
            let Some(shift) = records::find::<Shift>(conn, id)? else { return Ok(None) };
            let zone = records::find::<SanctuarySite>(conn, shift.site_id)?.map_or(Tz::UTC, |x| x.time_zone);
            let local = shift.starts_utc.with_timezone(&zone).format("%Y-%m-%d %H:%M");
            return Ok(Some(format!("{}, {local} {zone}", shift.label)));
        }
        "placement" => {
            "SELECT h.display_name || ' at ' || s.name FROM placement p
             LEFT JOIN household h ON h.id = p.household_id LEFT JOIN housing_site s ON s.id = p.site_id WHERE p.id = ?1"
        }
        "note" => "SELECT CASE WHEN length(body) > 60 THEN substr(body, 1, 57) || '...' ELSE body END FROM note WHERE id = ?1",
        "court_accompanier" | "shift_assignment" | "sanctuary_guest" => {
            return Ok(Some(table.replace('_', " ")));
        }
        _ => return Ok(None),
    };
    one(conn, sql, id)
}

// ---------------------------------------------------------------- ids

/// Find the record a full id or unique id prefix names, in any table, live or deleted
/// (history is wanted for deleted records too). Returns the table and the id.
pub fn resolve_any(conn: &Connection, text: &str) -> Result<(&'static schema::Table, Uuid)> {
    let text = text.trim().to_ascii_lowercase();
    if text.len() < 4 || !text.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(Error::invalid("id", format!("{text:?} is not an id; copy it from a list command")));
    }
    let mut found: Vec<(&'static schema::Table, Uuid)> = Vec::new();
    for table in schema::TABLES {
        let mut stmt =
            conn.prepare_cached(&format!("SELECT id FROM {} WHERE id >= ?1 AND id < ?1 || '~' LIMIT 2", table.name))?;
        for id in stmt.query_map([&text], |r| r.get::<_, String>(0))? {
            if let Ok(id) = id?.parse() {
                found.push((table, id));
            }
        }
        if found.len() > 1 {
            break;
        }
    }
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::NotFound { kind: "record", id: text }),
        _ => Err(Error::invalid("id", format!("{text:?} matches more than one record; give more of the id"))),
    }
}

// ---------------------------------------------------------------- history

#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// When the change was made (the wall-clock part of its hybrid logical clock).
    pub at: DateTime<Utc>,
    pub hlc: u64,
    pub author_id: Option<Uuid>,
    pub author: Option<String>,
    pub device_id: Uuid,
    pub device: Option<String>,
    pub table: String,
    /// The field, or "_deleted" for a deletion (`new` true) or a restore (`new` false).
    pub field: String,
    /// The value before this change (`null` when the field was first set).
    pub old: Value,
    pub new: Value,
}

/// The audit trail of one record from the change log, oldest first. "Old" is the value
/// of the previous operation on the same field in `(hlc, device)` order.
///
/// For a court date or a shift, the people assigned and unassigned (records of their
/// own, `court_accompanier` and `shift_assignment`) are part of its story: they appear
/// as field `accompanier` or `shift_volunteer`, with the volunteer's name as the value.
pub fn history(conn: &Connection, record_id: Uuid) -> Result<Vec<HistoryEntry>> {
    let mut out = record_ops(conn, record_id)?;
    for (table, parent, field) in
        [("court_accompanier", "court_date_id", "accompanier"), ("shift_assignment", "shift_id", "shift_volunteer")]
    {
        // Deleted assignments count too, so this reads past the partial index; history
        // is asked for one record at a time.
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT a.id, COALESCE(v.name, a.volunteer_id) FROM {table} a LEFT JOIN volunteer v ON v.id = a.volunteer_id
             WHERE a.{parent} = ?1"
        ))?;
        let assignments: Vec<(String, Option<String>)> = stmt
            .query_map([record_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, volunteer) in assignments {
            let Ok(id) = id.parse::<Uuid>() else { continue };
            let who = volunteer.map_or(Value::Null, Value::String);
            for mut e in record_ops(conn, id)? {
                let (old, new) = match e.field.as_str() {
                    "volunteer_id" => (Value::Null, who.clone()),
                    schema::DELETED if e.new == Value::Bool(true) => (who.clone(), Value::Null),
                    // Restored in a conflict review: assigned again.
                    schema::DELETED => (Value::Null, who.clone()),
                    _ => continue,
                };
                e.field = field.to_string();
                e.old = old;
                e.new = new;
                out.push(e);
            }
        }
    }
    out.sort_by_key(|e| (e.hlc, e.device_id));
    Ok(out)
}

fn record_ops(conn: &Connection, record_id: Uuid) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.hlc, o.author, o.device_id, o.tbl, o.field, o.value, m.name, d.label
         FROM oplog o LEFT JOIN member m ON m.id = o.author LEFT JOIN device d ON d.id = o.device_id
         WHERE o.record_id = ?1 ORDER BY o.hlc, o.device_id",
    )?;
    let rows = stmt.query_map([record_id.to_string()], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })?;
    let mut last: HashMap<String, Value> = HashMap::new();
    let mut out = Vec::new();
    for row in rows {
        let (hlc, author, device, table, field, value, author_name, device_label) = row?;
        let new: Value = value.as_deref().map_or(Value::Null, |v| serde_json::from_str(v).unwrap_or(Value::Null));
        let old = last.insert(field.clone(), new.clone()).unwrap_or(Value::Null);
        if old.is_null() && new.is_null() {
            // A field left empty when the record was created: nothing to show.
            continue;
        }
        let hlc = hlc as u64;
        out.push(HistoryEntry {
            at: Hlc(hlc).wall(),
            hlc,
            author_id: author.and_then(|a| a.parse().ok()),
            author: author_name,
            device_id: device.parse().unwrap_or_else(|_| Uuid::nil()),
            device: device_label,
            table,
            field,
            old,
            new,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_becomes_quoted_prefix_terms() {
        assert_eq!(fts_query("José  García").as_deref(), Some("\"José\"* \"García\"*"));
        assert_eq!(fts_query("a\" OR body:* NEAR(x").as_deref(), Some("\"a\"* \"OR\"* \"body\"* \"NEAR\"* \"x\"*"));
        assert_eq!(fts_query(" -*\"() "), None);
    }
}
