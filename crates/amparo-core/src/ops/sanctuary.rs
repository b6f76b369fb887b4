//! The sanctuary rota: shifts with who is on, and setting who is.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::{Shift, ShiftAssignment, Volunteer};
use crate::error::Result;
use crate::rules;
use crate::store::Store;

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
