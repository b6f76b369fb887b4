//! What the desktop app asks of the core beyond `rules` and `query`: opening and creating
//! stores, saving a record whether new or not, setting the whole list of accompaniers or
//! shift volunteers at once, generating a week of shifts, and the lists its screens show
//! (court dates with who is going, shifts with who is on, sites with beds taken).
//! Every change goes through `rules` inside one `Writer` transaction, so the desktop app
//! enforces exactly what the CLI enforces. Time comes in as an argument.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::{
    CourtAccompanier, CourtDate, Household, HousingSite, Person, PlaceTime, Placement, Record, SanctuarySite, Shift,
    ShiftAssignment, Task, Volunteer,
};
use crate::error::{Error, Result};
use crate::rules;
use crate::store::Writer;
use crate::store::{key::KEY_FILE, KdfParams, Owner, Store, DB_FILE};

/// The time zone a new court date or sanctuary site starts in, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DefaultZone {
    pub zone: String,
    /// `true`: the zone of the court date or sanctuary site entered last (by anyone on the
    /// team); `false`: this computer's zone, the store having neither yet.
    pub from_team: bool,
}

/// The zone a new court date or sanctuary site starts in: the team's last used (the zone of
/// the court date or site entered most recently; ids are time-ordered), else `computer`.
pub fn default_zone(store: &Store, computer: chrono_tz::Tz) -> Result<DefaultZone> {
    let conn = store.conn();
    let court: Option<CourtDate> = crate::store::records::query(conn, "ORDER BY id DESC LIMIT 1", [])?.pop();
    let site: Option<SanctuarySite> = crate::store::records::query(conn, "ORDER BY id DESC LIMIT 1", [])?.pop();
    let last = match (court, site) {
        (Some(c), Some(s)) if s.id > c.id => Some(s.time_zone),
        (Some(c), _) => Some(c.time_zone),
        (None, Some(s)) => Some(s.time_zone),
        (None, None) => None,
    };
    Ok(match last {
        Some(z) => DefaultZone { zone: z.name().to_string(), from_team: true },
        None => DefaultZone { zone: computer.name().to_string(), from_team: false },
    })
}

/// Whether `dir` holds a store (its key file and database).
pub fn store_exists(dir: &Path) -> bool {
    dir.join(KEY_FILE).is_file() && dir.join(DB_FILE).is_file()
}

/// Create a store owned by `name` on this computer.
pub fn create_store(dir: &Path, name: &str, passphrase: &str, now: DateTime<Utc>) -> Result<Store> {
    if name.trim().is_empty() {
        return Err(Error::bad("name", crate::error::Invalid::NameMissing));
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

/// Save a record through the rules of its kind: added when new, saved over the stored
/// one otherwise. Kinds without a rule of their own are checked by their `validate`.
pub trait Upsert: Record {
    fn add(w: &mut Writer<'_>, r: &Self, today: NaiveDate) -> Result<()>;
    fn update(w: &mut Writer<'_>, r: &Self, today: NaiveDate) -> Result<()>;
}

macro_rules! upsert_via {
    ($t:ty, $add:expr, $save:expr) => {
        impl Upsert for $t {
            fn add(w: &mut Writer<'_>, r: &Self, _today: NaiveDate) -> Result<()> {
                #[allow(clippy::redundant_closure_call)]
                ($add)(w, r, _today).map(|_| ())
            }
            fn update(w: &mut Writer<'_>, r: &Self, _today: NaiveDate) -> Result<()> {
                #[allow(clippy::redundant_closure_call)]
                ($save)(w, r, _today).map(|_| ())
            }
        }
    };
}

upsert_via!(Household, |w, r, _| rules::add_household(w, r), |w, r, _| rules::save_household(w, r));
upsert_via!(Person, |w, r, _| rules::add_person(w, r), |w, r, _| rules::save_person(w, r));
upsert_via!(Volunteer, |w, r, _| rules::add_volunteer(w, r), |w: &mut Writer<'_>, r, _| w.save(r));
upsert_via!(CourtDate, |w, r, _| rules::add_court_date(w, r), |w, r, _| rules::save_court_date(w, r));
upsert_via!(HousingSite, |w, r, _| rules::add_housing_site(w, r), |w, r, today| rules::save_housing_site(w, r, today));
upsert_via!(Placement, |w, r, _| rules::add_placement(w, r), |w, r, _| rules::save_placement(w, r));
upsert_via!(Task, |w, r, _| rules::add_task(w, r), |w, r, _| rules::save_task(w, r));
upsert_via!(SanctuarySite, |w: &mut Writer<'_>, r, _| w.create(r), |w: &mut Writer<'_>, r, _| w.save(r));
upsert_via!(Shift, |w, r, _| rules::add_shift(w, r), |w: &mut Writer<'_>, r, _| w.save(r));

/// Create the record, or save it over the stored one with the same id, by its rules.
pub fn upsert<R: Upsert>(store: &mut Store, now: DateTime<Utc>, today: NaiveDate, record: &R) -> Result<Uuid> {
    store.write(now, |w| {
        if w.find::<R>(record.id())?.is_some() {
            R::update(w, record, today)?;
        } else {
            R::add(w, record, today)?;
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
        self.court.understaffed_with(self.accompaniers.len())
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
        .filter(|c| from.is_none_or(|f| c.starts_utc >= f) && to.is_none_or(|t| c.starts_utc < t))
        .filter(|c| household.is_none_or(|h| c.household_id == h))
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

/// Make exactly `volunteers` the accompaniers of a court date, in one transaction, through
/// `rules::{assign,unassign}_accompanier` (which refuse beyond the maximum, inactive
/// volunteers and dates no longer scheduled).
pub fn set_accompaniers(store: &mut Store, now: DateTime<Utc>, court_date_id: Uuid, volunteers: &[Uuid]) -> Result<()> {
    let wanted: Vec<Uuid> = {
        let mut seen = HashSet::new();
        volunteers.iter().copied().filter(|v| seen.insert(*v)).collect()
    };
    store.write(now, |w| {
        let current: Vec<Uuid> =
            rules::accompaniers_of(w.tx(), court_date_id)?.iter().map(|a| a.volunteer_id).collect();
        for v in current.iter().filter(|v| !wanted.contains(v)) {
            rules::unassign_accompanier(w, court_date_id, *v)?;
        }
        for v in wanted.iter().filter(|v| !current.contains(v)) {
            rules::assign_accompanier(w, court_date_id, *v)?;
        }
        Ok(())
    })
}

/// Report what happened at a court date through `court::record_outcome`: the date is
/// completed, a next date becomes a new court date at the same place (linked both ways),
/// and a detention opens the team's rapid-response checklist as tasks due `today`.
pub fn record_outcome(
    store: &mut Store,
    now: DateTime<Utc>,
    today: NaiveDate,
    court_date_id: Uuid,
    outcome: &str,
    detained: bool,
    next: Option<PlaceTime>,
) -> Result<crate::court::OutcomeResult> {
    store.write(now, |w| {
        let court: CourtDate = w.get(court_date_id)?;
        let next =
            next.map(|at| rules::NextDate { at, place: court.place.clone(), room: court.room.clone(), kind: None });
        let outcome = rules::Outcome { text: outcome.trim().to_string(), detained, next };
        crate::court::record_outcome(w, court_date_id, &outcome, today)
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
        .filter(|s| site.is_none_or(|id| s.site_id == id) && s.starts_utc < to && s.ends_utc > from)
        .map(|s| ShiftCoverage { volunteers: by_shift.remove(&s.id).unwrap_or_default(), shift: s })
        .collect();
    out.sort_by_key(|c| c.shift.starts_utc);
    Ok(out)
}

/// Make exactly `volunteers` the people on a shift, in one transaction, through
/// `rules::{assign,unassign}_shift` (which refuse beyond the maximum and double bookings).
pub fn set_shift_volunteers(store: &mut Store, now: DateTime<Utc>, shift_id: Uuid, volunteers: &[Uuid]) -> Result<()> {
    store.write(now, |w| {
        let current: Vec<Uuid> = rules::assignments_of(w.tx(), shift_id)?.iter().map(|a| a.volunteer_id).collect();
        for v in current.iter().filter(|v| !volunteers.contains(v)) {
            rules::unassign_shift(w, shift_id, *v)?;
        }
        for v in volunteers.iter().filter(|v| !current.contains(v)) {
            rules::assign_shift(w, shift_id, *v)?;
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
            let here: Vec<Placement> = placements.iter().filter(|p| p.site_id == site.id).cloned().collect();
            let (beds_used, _) = rules::peak_beds(&here, day, Some(day));
            SiteUse { site, beds_used }
        })
        .collect())
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

/// `query::search`, with the family each hit belongs to, so the app can open it.
pub fn search(store: &Store, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let mut hits = vec![];
    for h in crate::query::search(store.conn(), text, limit)? {
        let household_id = match h.table.as_str() {
            "household" => Some(h.id),
            "person" => store.find::<Person>(h.id)?.map(|p| p.household_id),
            "court_date" => store.find::<CourtDate>(h.id)?.map(|c| c.household_id),
            "task" => store.find::<Task>(h.id)?.and_then(|t| t.household_id),
            "note" => match store.find::<crate::domain::Note>(h.id)? {
                Some(n) => match n.record_table.as_str() {
                    "household" => Some(n.record_id),
                    "person" => store.find::<Person>(n.record_id)?.map(|p| p.household_id),
                    "court_date" => store.find::<CourtDate>(n.record_id)?.map(|c| c.household_id),
                    _ => None,
                },
                None => None,
            },
            _ => None,
        };
        hits.push(SearchHit { kind: h.table, id: h.id, label: h.label, household_id });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CourtKind, Household, HousingSite, Placement};
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
    }

    fn store(dir: &Path) -> Store {
        let owner = Owner { name: "Test".into(), device_label: "test".into() };
        Store::init(&dir.join("s"), "pass phrase here", KdfParams::MINIMUM, &owner, now()).unwrap()
    }

    fn court(s: &mut Store, min: i64, max: Option<i64>) -> (Uuid, Uuid) {
        let h = Household::new("Fam");
        upsert(s, now(), now().date_naive(), &h).unwrap();
        let at = PlaceTime::new(
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap().and_hms_opt(9, 30, 0).unwrap(),
            chrono_tz::America::Chicago,
        )
        .unwrap();
        let mut c = CourtDate::new(h.id, CourtKind::MasterCalendar, at, "Court");
        c.min_accompaniers = min;
        c.max_accompaniers = max;
        upsert(s, now(), now().date_naive(), &c).unwrap();
        (h.id, c.id)
    }

    fn volunteer(s: &mut Store, name: &str) -> Uuid {
        let v = Volunteer::new(name);
        upsert(s, now(), now().date_naive(), &v).unwrap()
    }

    #[test]
    fn a_court_date_is_understaffed_until_enough_accompaniers_are_set() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let (_, c) = court(&mut s, 2, None);
        let (a, b) = (volunteer(&mut s, "A"), volunteer(&mut s, "B"));
        assert!(court_date(&s, c).unwrap().understaffed());
        set_accompaniers(&mut s, now(), c, &[a]).unwrap();
        assert!(court_date(&s, c).unwrap().understaffed());
        set_accompaniers(&mut s, now(), c, &[a, b, a]).unwrap();
        let staffed = court_date(&s, c).unwrap();
        assert!(!staffed.understaffed());
        assert_eq!(staffed.accompaniers.len(), 2);
        set_accompaniers(&mut s, now(), c, &[b]).unwrap();
        let names: Vec<String> = court_date(&s, c).unwrap().accompaniers.into_iter().map(|v| v.name).collect();
        assert_eq!(names, vec!["B".to_string()]);
    }

    #[test]
    fn a_new_record_starts_in_the_teams_last_used_zone_else_the_computers() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let ny = chrono_tz::America::New_York;
        let computer = default_zone(&s, ny).unwrap();
        assert_eq!(computer, DefaultZone { zone: "America/New_York".into(), from_team: false });
        court(&mut s, 1, None);
        assert_eq!(default_zone(&s, ny).unwrap(), DefaultZone { zone: "America/Chicago".into(), from_team: true });
        let site = SanctuarySite {
            id: Uuid::now_v7(),
            name: "Church".into(),
            code: "C1".into(),
            address: None,
            time_zone: chrono_tz::America::Denver,
            congregation_id: None,
            host_volunteer_id: None,
        };
        upsert(&mut s, now(), now().date_naive(), &site).unwrap();
        assert_eq!(default_zone(&s, ny).unwrap().zone, "America/Denver", "the site was entered after the court date");
    }

    #[test]
    fn accompaniers_beyond_the_maximum_are_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let (_, c) = court(&mut s, 1, Some(1));
        let (a, b) = (volunteer(&mut s, "A"), volunteer(&mut s, "B"));
        let err = set_accompaniers(&mut s, now(), c, &[a, b]).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Refused);
        assert!(court_date(&s, c).unwrap().accompaniers.is_empty());
    }

    #[test]
    fn a_week_of_shifts_is_listed_with_its_coverage_and_staffed_through_the_rules() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let site = SanctuarySite {
            id: Uuid::now_v7(),
            name: "Church".into(),
            code: "C1".into(),
            address: None,
            time_zone: chrono_tz::America::Chicago,
            congregation_id: None,
            host_volunteer_id: None,
        };
        upsert(&mut s, now(), now().date_naive(), &site).unwrap();
        let from = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap();
        s.write(now(), |w| {
            for half_day in 0..14 {
                let starts_utc = from + Duration::hours(12 * half_day);
                rules::add_shift(
                    w,
                    &Shift {
                        id: Uuid::now_v7(),
                        site_id: site.id,
                        label: if half_day % 2 == 0 { "Day" } else { "Night" }.into(),
                        starts_utc,
                        ends_utc: starts_utc + Duration::hours(12),
                        min_people: 2,
                        max_people: None,
                        required_skills: vec![],
                        handoff_notes: None,
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
        let week = shifts(&s, Some(site.id), from, from + Duration::days(8)).unwrap();
        assert_eq!(week.len(), 14);
        assert!(week.iter().all(|c| c.short_by() == 2));
        assert_eq!(week[1].shift.ends_utc - week[1].shift.starts_utc, Duration::hours(12));
        let (a, b) = (volunteer(&mut s, "A"), volunteer(&mut s, "B"));
        set_shift_volunteers(&mut s, now(), week[0].shift.id, &[a, b]).unwrap();
        let week = shifts(&s, Some(site.id), from, from + Duration::days(8)).unwrap();
        assert_eq!(week[0].short_by(), 0);
        assert_eq!(week[1].short_by(), 2);
    }

    #[test]
    fn beds_taken_tonight_count_only_placements_covering_tonight() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let site = HousingSite::new("Casa", 4);
        upsert(&mut s, now(), today, &site).unwrap();
        let h = Household::new("Fam");
        upsert(&mut s, now(), today, &h).unwrap();
        let p = Placement {
            id: Uuid::now_v7(),
            household_id: h.id,
            site_id: site.id,
            beds: 3,
            start_date: today,
            expected_end: Some(today + Duration::days(10)),
            actual_end: None,
            support_lead_id: None,
            checkin_schedule: None,
            notes: None,
        };
        upsert(&mut s, now(), today, &p).unwrap();
        let uses = sites_on(&s, today).unwrap();
        assert_eq!((uses[0].beds_used, uses[0].free_beds()), (3, 1));
        assert_eq!(sites_on(&s, today + Duration::days(11)).unwrap()[0].beds_used, 0);
    }

    #[test]
    fn search_hits_know_their_family() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let (h, _) = court(&mut s, 2, None);
        let p = Person::new(h, "Rosalinda Quetzal");
        upsert(&mut s, now(), now().date_naive(), &p).unwrap();
        let hits = search(&s, "quetz", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].kind.as_str(), hits[0].household_id), ("person", Some(h)));
    }

    #[test]
    fn the_demo_store_is_created_once_then_opened() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("demo");
        assert!(!store_exists(&d));
        drop(open_or_create_demo(&d, "amparo demo store", now()).unwrap());
        assert!(store_exists(&d));
        let again = open_or_create_demo(&d, "amparo demo store", now()).unwrap();
        assert!(!again.list::<Household>().unwrap().is_empty());
    }
}
