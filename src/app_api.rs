//! What the desktop app asks of the core beyond plain record access: opening and
//! creating stores, the home agenda, court staffing, the sanctuary rota, housing
//! occupancy and search. Rules and transactions live here so the Tauri commands stay
//! one-line adapters. Time comes in as an argument; nothing here reads a clock.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use uuid::Uuid;

use crate::domain::{
    CourtAccompanier, CourtDate, CourtStatus, Household, HousingSite, Person, Placement, PlaceTime, Record,
    SanctuarySite, Shift, ShiftAssignment, Task, TaskStatus, Volunteer,
};
use crate::error::{Error, Result};
use crate::store::{key::KEY_FILE, KdfParams, Owner, Store, DB_FILE};

/// Whether `dir` holds a store (its key file and database).
pub fn store_exists(dir: &Path) -> bool {
    dir.join(KEY_FILE).is_file() && dir.join(DB_FILE).is_file()
}

/// Create a store owned by `name` on this computer.
pub fn create_store(dir: &Path, name: &str, passphrase: &str, now: DateTime<Utc>) -> Result<Store> {
    if name.trim().is_empty() {
        return Err(Error::invalid("name", "enter your name"));
    }
    let owner = Owner { name: name.trim().to_string(), device_label: "desktop".into() };
    Store::init(dir, passphrase, KdfParams::default(), &owner, now)
}

/// Open the demo store, creating and filling it the first time.
pub fn open_or_create_demo(dir: &Path, passphrase: &str, now: DateTime<Utc>) -> Result<Store> {
    if store_exists(dir) {
        return Store::open(dir, passphrase);
    }
    let owner = Owner { name: "Demo coordinator".into(), device_label: "demo".into() };
    let mut store = Store::init(dir, passphrase, KdfParams::MINIMUM, &owner, now)?;
    crate::demo::load(&mut store, now)?;
    Ok(store)
}

/// Create the record, or save it over the existing one with the same id.
pub fn upsert<R: Record>(store: &mut Store, now: DateTime<Utc>, record: &R) -> Result<Uuid> {
    store.write(now, |w| {
        if w.find::<R>(record.id())?.is_some() {
            w.save(record)?;
        } else {
            w.create(record)?;
        }
        Ok(record.id())
    })
}

// ---------------------------------------------------------------- court dates

/// A court date with who is going, ready to show.
#[derive(Debug, Clone)]
pub struct CourtStaffing {
    pub court: CourtDate,
    pub household_name: String,
    pub accompaniers: Vec<Volunteer>,
}

impl CourtStaffing {
    /// Fewer accompaniers than wanted, for a date still to come.
    pub fn understaffed(&self) -> bool {
        self.court.status == CourtStatus::Scheduled && (self.accompaniers.len() as i64) < self.court.min_accompaniers
    }
}

fn names<R: Record>(store: &Store, name: impl Fn(&R) -> String) -> Result<HashMap<Uuid, String>> {
    Ok(store.list::<R>()?.iter().map(|r| (r.id(), name(r))).collect())
}

/// Court dates starting in `[from, to)` (either bound open), soonest first.
pub fn court_dates(
    store: &Store,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    household: Option<Uuid>,
) -> Result<Vec<CourtStaffing>> {
    let households = names::<Household>(store, |h| h.display_name.clone())?;
    let volunteers: HashMap<Uuid, Volunteer> = store.list::<Volunteer>()?.into_iter().map(|v| (v.id, v)).collect();
    let mut by_court: HashMap<Uuid, Vec<Volunteer>> = HashMap::new();
    for a in store.list::<CourtAccompanier>()? {
        if let Some(v) = volunteers.get(&a.volunteer_id) {
            by_court.entry(a.court_date_id).or_default().push(v.clone());
        }
    }
    let mut out: Vec<CourtStaffing> = store
        .list::<CourtDate>()?
        .into_iter()
        .filter(|c| from.map_or(true, |f| c.starts_utc >= f) && to.map_or(true, |t| c.starts_utc < t))
        .filter(|c| household.map_or(true, |h| c.household_id == h))
        .map(|c| CourtStaffing {
            household_name: households.get(&c.household_id).cloned().unwrap_or_default(),
            accompaniers: by_court.remove(&c.id).unwrap_or_default(),
            court: c,
        })
        .collect();
    out.sort_by_key(|s| s.court.starts_utc);
    Ok(out)
}

pub fn court_date(store: &Store, id: Uuid) -> Result<CourtStaffing> {
    let court: CourtDate = store.get(id)?;
    let household_name = store.find::<Household>(court.household_id)?.map(|h| h.display_name).unwrap_or_default();
    let assigned: HashSet<Uuid> = store
        .list::<CourtAccompanier>()?
        .into_iter()
        .filter(|a| a.court_date_id == id)
        .map(|a| a.volunteer_id)
        .collect();
    let accompaniers = store.list::<Volunteer>()?.into_iter().filter(|v| assigned.contains(&v.id)).collect();
    Ok(CourtStaffing { court, household_name, accompaniers })
}

/// Make exactly `volunteers` the accompaniers of a court date, in one transaction.
/// Refused beyond the date's maximum.
pub fn set_accompaniers(store: &mut Store, now: DateTime<Utc>, court_date_id: Uuid, volunteers: &[Uuid]) -> Result<()> {
    let wanted: Vec<Uuid> = {
        let mut seen = HashSet::new();
        volunteers.iter().copied().filter(|v| seen.insert(*v)).collect()
    };
    store.write(now, |w| {
        let court: CourtDate = w.get(court_date_id)?;
        if let Some(max) = court.max_accompaniers {
            if wanted.len() as i64 > max {
                return Err(Error::Refused(format!(
                    "this court date takes at most {max} accompaniers; {} were chosen",
                    wanted.len()
                )));
            }
        }
        for v in &wanted {
            w.get::<Volunteer>(*v)?;
        }
        let current: Vec<CourtAccompanier> = crate::store::records::query(
            w.tx(),
            "AND court_date_id = ?1",
            [court_date_id.to_string()],
        )?;
        for a in &current {
            if !wanted.contains(&a.volunteer_id) {
                w.remove::<CourtAccompanier>(a.id)?;
            }
        }
        for v in &wanted {
            if !current.iter().any(|a| a.volunteer_id == *v) {
                w.create(&CourtAccompanier { id: Uuid::now_v7(), court_date_id, volunteer_id: *v })?;
            }
        }
        Ok(())
    })
}

/// Report what happened at a court date; a next date becomes a new court date linked to
/// this one, with the same family, place and staffing wishes. Returns the new date's id.
pub fn record_outcome(
    store: &mut Store,
    now: DateTime<Utc>,
    court_date_id: Uuid,
    outcome: &str,
    detained: Option<bool>,
    next: Option<PlaceTime>,
) -> Result<Option<Uuid>> {
    store.write(now, |w| {
        let mut court: CourtDate = w.get(court_date_id)?;
        court.status = CourtStatus::Completed;
        court.outcome = Some(outcome.trim().to_string()).filter(|o| !o.is_empty());
        court.detained = detained;
        let mut next_id = None;
        if let Some(at) = next {
            let mut n = CourtDate::new(court.household_id, court.kind, at, court.place.clone());
            n.person_id = court.person_id;
            n.address = court.address.clone();
            n.room = court.room.clone();
            n.min_accompaniers = court.min_accompaniers;
            n.max_accompaniers = court.max_accompaniers;
            n.previous_court_date_id = Some(court.id);
            court.next_court_date_id = Some(n.id);
            w.create(&n)?;
            next_id = Some(n.id);
        }
        w.save(&court)?;
        Ok(next_id)
    })
}

// ---------------------------------------------------------------- sanctuary rota

#[derive(Debug, Clone)]
pub struct ShiftCoverage {
    pub shift: Shift,
    pub volunteers: Vec<Volunteer>,
}

impl ShiftCoverage {
    pub fn short_by(&self) -> i64 {
        (self.shift.min_people - self.volunteers.len() as i64).max(0)
    }
}

/// Shifts overlapping `[from, to)`, optionally of one site, in time order.
pub fn shifts(store: &Store, site: Option<Uuid>, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<ShiftCoverage>> {
    let volunteers: HashMap<Uuid, Volunteer> = store.list::<Volunteer>()?.into_iter().map(|v| (v.id, v)).collect();
    let mut by_shift: HashMap<Uuid, Vec<Volunteer>> = HashMap::new();
    for a in store.list::<ShiftAssignment>()? {
        if let Some(v) = volunteers.get(&a.volunteer_id) {
            by_shift.entry(a.shift_id).or_default().push(v.clone());
        }
    }
    let mut out: Vec<ShiftCoverage> = store
        .list::<Shift>()?
        .into_iter()
        .filter(|s| site.map_or(true, |id| s.site_id == id) && s.starts_utc < to && s.ends_utc > from)
        .map(|s| ShiftCoverage { volunteers: by_shift.remove(&s.id).unwrap_or_default(), shift: s })
        .collect();
    out.sort_by_key(|c| c.shift.starts_utc);
    Ok(out)
}

/// One line of a rotation template: label, local start and end ("20:00"–"08:00" runs
/// overnight) and the minimum number of people.
#[derive(Debug, Clone)]
pub struct ShiftTemplate {
    pub label: String,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub min_people: i64,
}

/// Create the template's shifts at a site for `days` days from `first_day`, in the
/// site's time zone. Shifts that already exist (same site and start) are skipped.
pub fn generate_shifts(
    store: &mut Store,
    now: DateTime<Utc>,
    site_id: Uuid,
    first_day: NaiveDate,
    days: u32,
    template: &[ShiftTemplate],
) -> Result<usize> {
    if days == 0 || days > 62 {
        return Err(Error::invalid("days", "choose between 1 and 62 days"));
    }
    let site: SanctuarySite = store.get(site_id)?;
    let existing: HashSet<DateTime<Utc>> =
        store.list::<Shift>()?.into_iter().filter(|s| s.site_id == site_id).map(|s| s.starts_utc).collect();
    store.write(now, |w| {
        let mut made = 0;
        for d in 0..days {
            let day = first_day + Duration::days(d as i64);
            for t in template {
                let start = PlaceTime::new(day.and_time(t.start), site.time_zone)?;
                let end_day = if t.end <= t.start { day + Duration::days(1) } else { day };
                let end = PlaceTime::new(end_day.and_time(t.end), site.time_zone)?;
                if existing.contains(&start.utc()) {
                    continue;
                }
                w.create(&Shift {
                    id: Uuid::now_v7(),
                    site_id,
                    label: t.label.clone(),
                    starts_utc: start.utc(),
                    ends_utc: end.utc(),
                    min_people: t.min_people,
                    max_people: None,
                    required_skills: vec![],
                    handoff_notes: None,
                })?;
                made += 1;
            }
        }
        Ok(made)
    })
}

/// Make exactly `volunteers` the people on a shift, in one transaction. Refused beyond
/// the shift's maximum, or when a volunteer is already on another shift at that time.
pub fn set_shift_volunteers(store: &mut Store, now: DateTime<Utc>, shift_id: Uuid, volunteers: &[Uuid]) -> Result<()> {
    let shifts: HashMap<Uuid, Shift> = store.list::<Shift>()?.into_iter().map(|s| (s.id, s)).collect();
    let assignments = store.list::<ShiftAssignment>()?;
    let shift = shifts.get(&shift_id).cloned().ok_or_else(|| Error::NotFound { kind: "shift", id: shift_id.to_string() })?;
    if let Some(max) = shift.max_people {
        if volunteers.len() as i64 > max {
            return Err(Error::Refused(format!("this shift takes at most {max} people")));
        }
    }
    for v in volunteers {
        let clash = assignments.iter().any(|a| {
            a.volunteer_id == *v
                && a.shift_id != shift_id
                && shifts.get(&a.shift_id).is_some_and(|o| o.starts_utc < shift.ends_utc && o.ends_utc > shift.starts_utc)
        });
        if clash {
            let name = store.find::<Volunteer>(*v)?.map(|v| v.name).unwrap_or_default();
            return Err(Error::Refused(format!("{name} is already on another shift at that time")));
        }
    }
    store.write(now, |w| {
        let current: Vec<&ShiftAssignment> = assignments.iter().filter(|a| a.shift_id == shift_id).collect();
        for a in &current {
            if !volunteers.contains(&a.volunteer_id) {
                w.remove::<ShiftAssignment>(a.id)?;
            }
        }
        for v in volunteers {
            w.get::<Volunteer>(*v)?;
            if !current.iter().any(|a| a.volunteer_id == *v) {
                w.create(&ShiftAssignment {
                    id: Uuid::now_v7(),
                    shift_id,
                    volunteer_id: *v,
                    confirmed: true,
                    manual: true,
                    claimed_at: Some(now),
                })?;
            }
        }
        Ok(())
    })
}

// ---------------------------------------------------------------- housing

#[derive(Debug, Clone)]
pub struct SiteUse {
    pub site: HousingSite,
    pub beds_used: i64,
}

impl SiteUse {
    pub fn free_beds(&self) -> i64 {
        (self.site.capacity - self.beds_used).max(0)
    }
}

/// Every housing site with the beds taken on the night of `day`.
pub fn sites_on(store: &Store, day: NaiveDate) -> Result<Vec<SiteUse>> {
    let placements = store.list::<Placement>()?;
    Ok(store
        .list::<HousingSite>()?
        .into_iter()
        .map(|site| {
            let beds_used = placements
                .iter()
                .filter(|p| p.site_id == site.id && p.overlaps(day, Some(day)))
                .map(|p| p.beds)
                .sum();
            SiteUse { site, beds_used }
        })
        .collect())
}

/// Save a placement, refusing one that would put a site over capacity on any night, or
/// that overlaps another placement of the same family.
pub fn save_placement(store: &mut Store, now: DateTime<Utc>, placement: &Placement) -> Result<Uuid> {
    placement.validate()?;
    let site: HousingSite = store.get(placement.site_id)?;
    store.get::<Household>(placement.household_id)?;
    let others: Vec<Placement> =
        store.list::<Placement>()?.into_iter().filter(|p| p.id != placement.id).collect();
    let end = placement.last_night();
    if others
        .iter()
        .any(|p| p.household_id == placement.household_id && p.overlaps(placement.start_date, end))
    {
        return Err(Error::Refused("this family already has a placement during those dates".into()));
    }
    // Occupancy only changes on start nights, so checking each start inside the stay is enough.
    let mut nights: Vec<NaiveDate> = vec![placement.start_date];
    nights.extend(others.iter().filter(|p| p.site_id == site.id).map(|p| p.start_date).filter(|d| {
        *d >= placement.start_date && end.map_or(true, |e| *d <= e)
    }));
    for night in nights {
        let used: i64 = others
            .iter()
            .filter(|p| p.site_id == site.id && p.overlaps(night, Some(night)))
            .map(|p| p.beds)
            .sum();
        if used + placement.beds > site.capacity {
            return Err(Error::Refused(format!(
                "{} has {} beds and {} are taken on {night}; this placement needs {}",
                site.name, site.capacity, used, placement.beds
            )));
        }
    }
    upsert(store, now, placement)
}

// ---------------------------------------------------------------- agenda

#[derive(Debug, Clone)]
pub struct EndingPlacement {
    pub placement: Placement,
    pub household_name: String,
    pub site_name: String,
}

#[derive(Debug, Clone)]
pub struct Agenda {
    pub court: Vec<CourtStaffing>,
    pub short_shifts: Vec<ShiftCoverage>,
    pub placements_ending: Vec<EndingPlacement>,
    pub open_tasks: Vec<Task>,
}

/// The home screen: the next `days` days from `now`. Placements ending within 30 days.
pub fn agenda(store: &Store, now: DateTime<Utc>, today: NaiveDate, days: i64) -> Result<Agenda> {
    let until = now + Duration::days(days);
    let court = court_dates(store, Some(now - Duration::hours(12)), Some(until), None)?
        .into_iter()
        .filter(|c| c.court.status == CourtStatus::Scheduled)
        .collect();
    let short_shifts = shifts(store, None, now, until)?.into_iter().filter(|s| s.short_by() > 0).collect();
    let households = names::<Household>(store, |h| h.display_name.clone())?;
    let sites = names::<HousingSite>(store, |s| s.name.clone())?;
    let horizon = today + Duration::days(30);
    let mut placements_ending: Vec<EndingPlacement> = store
        .list::<Placement>()?
        .into_iter()
        .filter(|p| p.actual_end.is_none() && p.expected_end.is_some_and(|e| e >= today && e <= horizon))
        .map(|p| EndingPlacement {
            household_name: households.get(&p.household_id).cloned().unwrap_or_default(),
            site_name: sites.get(&p.site_id).cloned().unwrap_or_default(),
            placement: p,
        })
        .collect();
    placements_ending.sort_by_key(|e| e.placement.expected_end);
    let mut open_tasks: Vec<Task> = store.list::<Task>()?.into_iter().filter(|t| t.status == TaskStatus::Open).collect();
    open_tasks.sort_by_key(|t| (t.due_date.is_none(), t.due_date));
    Ok(Agenda { court, short_shifts, placements_ending, open_tasks })
}

// ---------------------------------------------------------------- search

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The table of the record: "household", "person", "court_date", …
    pub kind: String,
    pub id: Uuid,
    pub label: String,
    /// The family the record belongs to, for opening it.
    pub household_id: Option<Uuid>,
}

/// Full-text search across families, people, places and notes (the index lives inside the
/// encrypted database). Each word must match the start of a word.
pub fn search(store: &Store, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.replace('"', "")))
        .collect();
    if terms.is_empty() {
        return Ok(vec![]);
    }
    let mut stmt = store.conn().prepare(
        "SELECT tbl, record_id FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT ?2",
    )?;
    let rows: Vec<(String, String)> = stmt
        .query_map((terms.join(" "), limit as i64), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut hits = vec![];
    for (kind, id) in rows {
        let Ok(id) = id.parse::<Uuid>() else { continue };
        let found = match kind.as_str() {
            "household" => store.find::<Household>(id)?.map(|h| (h.display_name, Some(h.id))),
            "person" => store.find::<Person>(id)?.map(|p| (p.name, Some(p.household_id))),
            "court_date" => store.find::<CourtDate>(id)?.map(|c| (c.place, Some(c.household_id))),
            "volunteer" => store.find::<Volunteer>(id)?.map(|v| (v.name, None)),
            "housing_site" => store.find::<HousingSite>(id)?.map(|s| (s.name, None)),
            "sanctuary_site" => store.find::<SanctuarySite>(id)?.map(|s| (s.name, None)),
            "task" => store.find::<Task>(id)?.map(|t| (t.title, t.household_id)),
            "note" => store.find::<crate::domain::Note>(id)?.map(|n| {
                let household = (n.record_table == "household").then_some(n.record_id);
                (n.body.chars().take(80).collect(), household)
            }),
            _ => None,
        };
        if let Some((label, household_id)) = found {
            hits.push(SearchHit { kind, id, label, household_id });
        }
    }
    Ok(hits)
}
