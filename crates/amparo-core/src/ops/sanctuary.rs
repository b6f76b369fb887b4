//! Sanctuary: its sites and guests, and the rota: shifts with who is on, and setting who is.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use crate::domain::{Person, SanctuaryGuest, SanctuarySite, Shift, ShiftAssignment, Volunteer};
use crate::error::Result;
use crate::rules;
use crate::store::records::query;
use crate::store::Store;

/// Sanctuary sites by name (letter case and accents aside).
pub fn sites(store: &Store) -> Result<Vec<SanctuarySite>> {
    let mut list = store.list::<SanctuarySite>()?;
    super::by_name(&mut list, |s| &s.name, |s| s.id);
    Ok(list)
}

/// A guest in sanctuary, with the first name of the person and the site's name.
#[derive(Debug, Clone)]
pub struct GuestStay {
    pub guest: SanctuaryGuest,
    /// Empty when the person is not on this store.
    pub first_name: String,
    /// Empty when the site is not on this store.
    pub site_name: String,
}

/// Every guest, by the day they came.
pub fn guests(store: &Store) -> Result<Vec<GuestStay>> {
    let list: Vec<SanctuaryGuest> = query(store.conn(), "ORDER BY since, id", [])?;
    list.into_iter()
        .map(|guest| {
            Ok(GuestStay {
                first_name: store
                    .find::<Person>(guest.person_id)?
                    .map(|p| p.first_name().to_string())
                    .unwrap_or_default(),
                site_name: store.find::<SanctuarySite>(guest.site_id)?.map(|s| s.name).unwrap_or_default(),
                guest,
            })
        })
        .collect()
}

#[derive(Debug, Clone)]
pub struct ShiftCoverage {
    pub shift: Shift,
    /// Who is on it, in the order they were put on.
    pub volunteers: Vec<Volunteer>,
    /// The site's code (empty when the site is not on this store) and time zone (UTC then).
    pub site_code: String,
    pub zone: Tz,
}

impl ShiftCoverage {
    pub fn short_by(&self) -> i64 {
        (self.shift.min_people - self.volunteers.len() as i64).max(0)
    }

    /// Fewer people than the shift needs.
    pub fn understaffed(&self) -> bool {
        self.shift.understaffed_with(self.volunteers.len())
    }

    /// The start and end on the site's clock.
    pub fn local_start(&self) -> NaiveDateTime {
        self.shift.starts_utc.with_timezone(&self.zone).naive_local()
    }

    pub fn local_end(&self) -> NaiveDateTime {
        self.shift.ends_utc.with_timezone(&self.zone).naive_local()
    }
}

/// Shifts overlapping `[from, to)`, optionally of one site, in time order.
pub fn shifts(store: &Store, site: Option<Uuid>, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<ShiftCoverage>> {
    let utc = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    let shifts: Vec<Shift> = query(store.conn(), crate::query::SHIFTS_IN_RANGE, [utc(from), utc(to)])?;
    let volunteers: HashMap<Uuid, Volunteer> = store.list::<Volunteer>()?.into_iter().map(|v| (v.id, v)).collect();
    let mut sites: HashMap<Uuid, Option<SanctuarySite>> = HashMap::new();
    let mut out = Vec::new();
    for s in shifts.into_iter().filter(|s| site.is_none_or(|id| s.site_id == id)) {
        let at = match sites.entry(s.site_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(store.find::<SanctuarySite>(s.site_id)?),
        }
        .as_ref();
        let on: Vec<ShiftAssignment> = rules::assignments_of(store.conn(), s.id)?;
        out.push(ShiftCoverage {
            volunteers: on.iter().filter_map(|a| volunteers.get(&a.volunteer_id).cloned()).collect(),
            site_code: at.map(|x| x.code.clone()).unwrap_or_default(),
            zone: at.map_or(Tz::UTC, |x| x.time_zone),
            shift: s,
        });
    }
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

/// Swaps still open (offered, or taken and waiting for approval), oldest offer first.
pub fn open_swaps(store: &Store) -> Result<Vec<crate::domain::SwapRequest>> {
    crate::store::records::query(store.conn(), "AND status IN ('offered', 'taken') ORDER BY offered_at, id", [])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;

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
}
