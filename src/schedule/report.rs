//! Gaps and double bookings: what must be shown loudly.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use super::has_skill;
use super::rotation::ts;
use crate::domain::{Shift, ShiftAssignment, Volunteer};
use crate::error::Result;
use crate::store::records::query;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RotaIssue {
    /// Fewer people than the minimum, or a required skill nobody on the shift has.
    Gap {
        shift_id: Uuid,
        site_id: Uuid,
        label: String,
        starts_utc: DateTime<Utc>,
        ends_utc: DateTime<Utc>,
        assigned: usize,
        min_people: i64,
        missing_skills: Vec<String>,
    },
    /// One volunteer on two shifts that overlap.
    DoubleBooked { volunteer_id: Uuid, first_shift_id: Uuid, second_shift_id: Uuid, starts_utc: DateTime<Utc> },
    /// One volunteer with less rest between two shifts than they asked for.
    ShortRest { volunteer_id: Uuid, first_shift_id: Uuid, second_shift_id: Uuid, rest_minutes: i64, wanted_hours: i64 },
}

/// Every gap, double booking and short rest among shifts starting in `[from, to)`,
/// at one site or all, in time order.
pub fn rota_issues(conn: &Connection, site: Option<Uuid>, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<RotaIssue>> {
    let shifts: Vec<Shift> = query(conn, "AND starts_utc >= ?1 AND starts_utc < ?2 ORDER BY starts_utc, id", (ts(from), ts(to)))?;
    let shifts: Vec<Shift> = shifts.into_iter().filter(|s| site.is_none_or(|id| s.site_id == id)).collect();
    // Neighbours a day either side, so a clash at the edge of the range is seen.
    let wide: Vec<Shift> = query(
        conn,
        "AND starts_utc >= ?1 AND starts_utc < ?2 ORDER BY starts_utc, id",
        (ts(from - Duration::days(2)), ts(to + Duration::days(2))),
    )?;
    let by_id: HashMap<Uuid, &Shift> = wide.iter().map(|s| (s.id, s)).collect();
    let assignments: Vec<ShiftAssignment> = query(conn, "", [])?;
    let volunteers: HashMap<Uuid, Volunteer> = query::<Volunteer>(conn, "", [])?.into_iter().map(|v| (v.id, v)).collect();
    let mut on_shift: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    let mut of_volunteer: HashMap<Uuid, Vec<&Shift>> = HashMap::new();
    for a in &assignments {
        if let Some(s) = by_id.get(&a.shift_id) {
            let list = on_shift.entry(a.shift_id).or_default();
            if !list.contains(&a.volunteer_id) {
                list.push(a.volunteer_id);
                of_volunteer.entry(a.volunteer_id).or_default().push(s);
            }
        }
    }
    let mut issues = Vec::new();
    for s in &shifts {
        let people = on_shift.get(&s.id).cloned().unwrap_or_default();
        let missing_skills: Vec<String> = s
            .required_skills
            .iter()
            .filter(|k| !people.iter().any(|v| volunteers.get(v).is_some_and(|v| has_skill(v, k))))
            .cloned()
            .collect();
        if (people.len() as i64) < s.min_people || !missing_skills.is_empty() {
            issues.push(RotaIssue::Gap {
                shift_id: s.id,
                site_id: s.site_id,
                label: s.label.clone(),
                starts_utc: s.starts_utc,
                ends_utc: s.ends_utc,
                assigned: people.len(),
                min_people: s.min_people,
                missing_skills,
            });
        }
    }
    let wanted: std::collections::HashSet<Uuid> = shifts.iter().map(|s| s.id).collect();
    let in_range = |s: &Shift| wanted.contains(&s.id);
    let mut vols: Vec<_> = of_volunteer.into_iter().collect();
    vols.sort_by_key(|(v, _)| *v);
    for (v, mut list) in vols {
        list.sort_by_key(|s| (s.starts_utc, s.id));
        let rest = volunteers.get(&v).and_then(|v| v.min_rest_hours).unwrap_or(0);
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if !(in_range(a) || in_range(b)) {
                    continue;
                }
                if b.starts_utc < a.ends_utc {
                    issues.push(RotaIssue::DoubleBooked {
                        volunteer_id: v,
                        first_shift_id: a.id,
                        second_shift_id: b.id,
                        starts_utc: b.starts_utc,
                    });
                } else if b.starts_utc < a.ends_utc + Duration::hours(rest) {
                    issues.push(RotaIssue::ShortRest {
                        volunteer_id: v,
                        first_shift_id: a.id,
                        second_shift_id: b.id,
                        rest_minutes: (b.starts_utc - a.ends_utc).num_minutes(),
                        wanted_hours: rest,
                    });
                } else {
                    break;
                }
            }
        }
    }
    issues.sort_by_key(|i| match i {
        RotaIssue::Gap { starts_utc, .. } | RotaIssue::DoubleBooked { starts_utc, .. } => *starts_utc,
        RotaIssue::ShortRest { second_shift_id, .. } => by_id.get(second_shift_id).map(|s| s.starts_utc).unwrap_or(from),
    });
    Ok(issues)
}
