//! The pickers' candidates for a court date's accompaniers and a shift's volunteers: who is
//! trained, free by their hours, and booked elsewhere then.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;
use uuid::Uuid;

use amparo_core::court::{self};
use amparo_core::domain as d;

use crate::error::ApiResult;
use crate::state::AppState;

type S<'a> = State<'a, AppState>;

/// One volunteer as a picker offers them for a court date or a shift: whether they are
/// trained for it, free by their own availability, and booked elsewhere at that time.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CandidateView {
    pub volunteer_id: Uuid,
    /// Trained for this kind of work (court accompaniment, sanctuary shift).
    pub trained: bool,
    /// Inside their weekly hours and not on a blacked-out day; `None` when their
    /// availability cannot be read.
    pub available: Option<bool>,
    /// Whether they gave weekly hours at all (none means "any time").
    pub hours_given: bool,
    /// Court dates and shifts they are already on at that time.
    pub clashes: Vec<court::AccompanierProblem>,
}

fn available(v: &d::Volunteer, zone: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> Option<bool> {
    use amparo_core::schedule::availability::Expanded;
    Expanded::new(&v.availability, zone, start - Duration::days(1), end + Duration::days(1))
        .ok()
        .map(|e| e.allows(start, end))
}

/// Every active volunteer, with what the accompanier picker shows beside their name.
#[tauri::command]
pub fn accompanier_candidates(state: S<'_>, court_date_id: Uuid) -> ApiResult<Vec<CandidateView>> {
    state.with_store(|s| accompanier_candidates_in(s, court_date_id))
}

fn accompanier_candidates_in(s: &amparo_core::Store, court_date_id: Uuid) -> amparo_core::Result<Vec<CandidateView>> {
    {
        let c: d::CourtDate = s.get(court_date_id)?;
        let start = c.starts_utc;
        let end = start + Duration::hours(court::COURT_BLOCK_HOURS);
        let mut out = Vec::new();
        for v in s.list::<d::Volunteer>()?.into_iter().filter(|v| v.active) {
            let clashes = court::accompanier_problems(s.conn(), &c, &v)?
                .into_iter()
                .filter(|p| {
                    matches!(
                        p,
                        court::AccompanierProblem::OtherCourtDate { .. } | court::AccompanierProblem::OnShift { .. }
                    )
                })
                .collect();
            out.push(CandidateView {
                volunteer_id: v.id,
                trained: v.has_training(d::Training::CourtAccompaniment),
                available: available(&v, c.time_zone, start, end),
                hours_given: !v.availability.weekly.is_empty(),
                clashes,
            });
        }
        Ok(out)
    }
}

/// Every active volunteer, with what the shift picker shows beside their name.
#[tauri::command]
pub fn shift_candidates(state: S<'_>, shift_id: Uuid) -> ApiResult<Vec<CandidateView>> {
    state.with_store(|s| shift_candidates_in(s, shift_id))
}

fn shift_candidates_in(s: &amparo_core::Store, shift_id: Uuid) -> amparo_core::Result<Vec<CandidateView>> {
    {
        let shift: d::Shift = s.get(shift_id)?;
        let sites = s.list::<d::SanctuarySite>()?;
        let zone_of = |site: Uuid| sites.iter().find(|x| x.id == site).map_or(Tz::UTC, |x| x.time_zone);
        let zone = zone_of(shift.site_id);
        let (start, end) = (shift.starts_utc, shift.ends_utc);
        let shifts = s.list::<d::Shift>()?;
        let assignments = s.list::<d::ShiftAssignment>()?;
        let courts = s.list::<d::CourtDate>()?;
        let accompaniers = s.list::<d::CourtAccompanier>()?;
        let local = |t: DateTime<Utc>, z: Tz| t.with_timezone(&z).format("%Y-%m-%d %H:%M").to_string();
        let mut out = Vec::new();
        for v in s.list::<d::Volunteer>()?.into_iter().filter(|v| v.active) {
            let mut clashes = Vec::new();
            for a in assignments.iter().filter(|a| a.volunteer_id == v.id && a.shift_id != shift.id) {
                let Some(o) = shifts.iter().find(|x| x.id == a.shift_id) else { continue };
                if o.starts_utc < end && start < o.ends_utc {
                    let z = zone_of(o.site_id);
                    clashes.push(court::AccompanierProblem::OnShift {
                        shift_id: o.id,
                        label: o.label.clone(),
                        local_start: local(o.starts_utc, z),
                        local_end: local(o.ends_utc, z),
                        time_zone: z.to_string(),
                    });
                }
            }
            for a in accompaniers.iter().filter(|a| a.volunteer_id == v.id) {
                let Some(c) = courts.iter().find(|x| x.id == a.court_date_id) else { continue };
                let c_end = c.starts_utc + Duration::hours(court::COURT_BLOCK_HOURS);
                if c.status == d::CourtStatus::Scheduled && c.starts_utc < end && start < c_end {
                    clashes.push(court::AccompanierProblem::OtherCourtDate {
                        court_date_id: c.id,
                        local_time: c.local_start.format("%Y-%m-%d %H:%M").to_string(),
                        time_zone: c.time_zone.to_string(),
                    });
                }
            }
            out.push(CandidateView {
                volunteer_id: v.id,
                trained: v.has_training(d::Training::SanctuaryShift),
                available: available(&v, zone, start, end),
                hours_given: !v.availability.weekly.is_empty(),
                clashes,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::testing::store;
    use chrono::NaiveDate;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn pickers_say_who_is_trained_free_by_their_hours_and_booked_elsewhere_then() {
        let (_dir, mut s) = store();
        let chicago = chrono_tz::America::Chicago;
        let at =
            d::PlaceTime::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(9, 0, 0).unwrap(), chicago)
                .unwrap();
        let h = d::Household::new("Familia Quetzal");
        let c = d::CourtDate::new(h.id, d::CourtKind::MasterCalendar, at, "Chicago Immigration Court");
        let site = d::SanctuarySite {
            id: Uuid::now_v7(),
            name: "Iglesia".into(),
            code: "SJ-1".into(),
            address: None,
            time_zone: chicago,
            congregation_id: None,
            host_volunteer_id: None,
        };
        // 08:00-14:00 in Chicago that Tuesday.
        let shift = d::Shift {
            id: Uuid::now_v7(),
            site_id: site.id,
            label: "morning".into(),
            starts_utc: t("2026-12-01T14:00:00Z"),
            ends_utc: t("2026-12-01T20:00:00Z"),
            min_people: 1,
            max_people: None,
            required_skills: vec![],
            handoff_notes: None,
        };
        let mut ana = d::Volunteer::new("Ana");
        ana.availability.weekly = vec!["SA 08:00-12:00".into()];
        let luis = d::Volunteer::new("Luis");
        s.write(t("2026-11-01T00:00:00Z"), |w| {
            amparo_core::rules::add_household(w, &h)?;
            amparo_core::rules::add_court_date(w, &c)?;
            amparo_core::rules::add_sanctuary_site(w, &site)?;
            amparo_core::rules::add_shift(w, &shift)?;
            amparo_core::rules::add_volunteer(w, &ana)?;
            amparo_core::rules::add_volunteer(w, &luis)?;
            amparo_core::rules::assign_shift(w, shift.id, ana.id)
        })
        .unwrap();

        let court = accompanier_candidates_in(&s, c.id).unwrap();
        let a = court.iter().find(|x| x.volunteer_id == ana.id).unwrap();
        assert_eq!((a.trained, a.available, a.hours_given), (false, Some(false), true));
        assert!(matches!(&a.clashes[..], [court::AccompanierProblem::OnShift { label, .. }] if label == "morning"));
        let l = court.iter().find(|x| x.volunteer_id == luis.id).unwrap();
        assert_eq!((l.available, l.hours_given, l.clashes.len()), (Some(true), false, 0));

        let shift_side = shift_candidates_in(&s, shift.id).unwrap();
        let a = shift_side.iter().find(|x| x.volunteer_id == ana.id).unwrap();
        assert!(a.clashes.is_empty(), "her own shift is no clash: {:?}", a.clashes);
        let l = shift_side.iter().find(|x| x.volunteer_id == luis.id).unwrap();
        assert!(l.clashes.is_empty());
    }
}
