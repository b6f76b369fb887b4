//! Court dates with who is going: the list, one court date, setting its accompaniers and
//! recording its outcome.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::{CourtAccompanier, CourtDate, Household, PlaceTime, Record, Volunteer};
use crate::error::Result;
use crate::rules;
use crate::store::Store;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;

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
    fn accompaniers_beyond_the_maximum_are_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let (_, c) = court(&mut s, 1, Some(1));
        let (a, b) = (volunteer(&mut s, "A"), volunteer(&mut s, "B"));
        let err = set_accompaniers(&mut s, now(), c, &[a, b]).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Refused);
        assert!(court_date(&s, c).unwrap().accompaniers.is_empty());
    }
}
