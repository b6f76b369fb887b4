//! Gaps and double bookings: what must be shown loudly.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use super::availability::Expanded;
use super::has_skill;
use super::rotation::ts;
use crate::domain::{SanctuarySite, Shift, ShiftAssignment, Volunteer};
use crate::error::Result;
use crate::store::records::{find, get, query};

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
    /// A volunteer on a shift that touches one of their blackout dates.
    Blackout { volunteer_id: Uuid, shift_id: Uuid, starts_utc: DateTime<Utc>, date: NaiveDate },
    /// A volunteer marked inactive still on a shift.
    Inactive { volunteer_id: Uuid, shift_id: Uuid, starts_utc: DateTime<Utc> },
}

/// Why a volunteer put on a shift by hand may not come: warned when assigning (the
/// assignment stands; the coordinator decides) and flagged in `rota_issues`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShiftWarning {
    /// The shift touches one of their blackout dates (local date at the site).
    Blackout {
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        date: NaiveDate,
    },
}

impl ShiftWarning {
    pub fn describe(&self) -> String {
        match self {
            ShiftWarning::Blackout { date } => format!("{date} is one of their blackout dates"),
        }
    }
}

fn blackout_of(v: &Volunteer, s: &Shift, zone: Tz) -> Option<NaiveDate> {
    if v.availability.blackout.is_empty() && v.availability.blackout_rules.is_empty() {
        return None;
    }
    Expanded::new(&v.availability, zone, s.starts_utc, s.ends_utc).ok()?.blackout_on(s.starts_utc, s.ends_utc)
}

/// A volunteer chosen for a shift who may not come, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShiftFlag {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub volunteer_id: Uuid,
    pub name: String,
    pub warning: ShiftWarning,
}

/// What to tell a person before they put the volunteers `chosen` on a shift by hand: the
/// warnings of each one not already on it, by name (both front ends ask this first).
pub fn warnings_before_assigning(conn: &Connection, shift_id: Uuid, chosen: &[Uuid]) -> Result<Vec<ShiftFlag>> {
    let s: Shift = get(conn, shift_id)?;
    let zone = find::<SanctuarySite>(conn, s.site_id)?.map_or(Tz::UTC, |x| x.time_zone);
    let on: Vec<Uuid> = crate::rules::assignments_of(conn, shift_id)?.iter().map(|a| a.volunteer_id).collect();
    let mut out = Vec::new();
    for &id in chosen.iter().filter(|v| !on.contains(v)) {
        let v: Volunteer = get(conn, id)?;
        if let Some(date) = blackout_of(&v, &s, zone) {
            out.push(ShiftFlag { volunteer_id: id, name: v.name.clone(), warning: ShiftWarning::Blackout { date } });
        }
    }
    Ok(out)
}

/// Every gap, double booking, short rest, blackout date worked and inactive volunteer
/// among shifts starting in `[from, to)`, at one site or all, in time order.
pub fn rota_issues(
    conn: &Connection,
    site: Option<Uuid>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<RotaIssue>> {
    let shifts: Vec<Shift> =
        query(conn, "AND starts_utc >= ?1 AND starts_utc < ?2 ORDER BY starts_utc, id", (ts(from), ts(to)))?;
    let shifts: Vec<Shift> = shifts.into_iter().filter(|s| site.is_none_or(|id| s.site_id == id)).collect();
    // Neighbours a day either side, so a clash at the edge of the range is seen.
    let wide: Vec<Shift> = query(
        conn,
        "AND starts_utc >= ?1 AND starts_utc < ?2 ORDER BY starts_utc, id",
        (ts(from - Duration::days(2)), ts(to + Duration::days(2))),
    )?;
    let by_id: HashMap<Uuid, &Shift> = wide.iter().map(|s| (s.id, s)).collect();
    let assignments: Vec<ShiftAssignment> = query(conn, "", [])?;
    let volunteers: HashMap<Uuid, Volunteer> =
        query::<Volunteer>(conn, "", [])?.into_iter().map(|v| (v.id, v)).collect();
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
    let mut zones: HashMap<Uuid, Tz> = HashMap::new();
    for s in &shifts {
        let zone = match zones.get(&s.site_id) {
            Some(z) => *z,
            None => {
                let z = find::<SanctuarySite>(conn, s.site_id)?.map_or(Tz::UTC, |x| x.time_zone);
                zones.insert(s.site_id, z);
                z
            }
        };
        for v in on_shift.get(&s.id).into_iter().flatten().filter_map(|v| volunteers.get(v)) {
            if !v.active {
                issues.push(RotaIssue::Inactive { volunteer_id: v.id, shift_id: s.id, starts_utc: s.starts_utc });
            } else if let Some(date) = blackout_of(v, s, zone) {
                issues.push(RotaIssue::Blackout { volunteer_id: v.id, shift_id: s.id, starts_utc: s.starts_utc, date });
            }
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
        RotaIssue::Gap { starts_utc, .. }
        | RotaIssue::DoubleBooked { starts_utc, .. }
        | RotaIssue::Blackout { starts_utc, .. }
        | RotaIssue::Inactive { starts_utc, .. } => *starts_utc,
        RotaIssue::ShortRest { second_shift_id, .. } => {
            by_id.get(second_shift_id).map(|s| s.starts_utc).unwrap_or(from)
        }
    });
    Ok(issues)
}

/// What a rota issue is, as the agenda and the app name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RotaIssueKind {
    Gap,
    DoubleBooked,
    ShortRest,
    Blackout,
    Inactive,
}

/// A rota issue ready to show: the shift by site code, name and local time, and for a
/// double booking or short rest the volunteer and the other shift. Never a guest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RotaIssueLine {
    pub kind: RotaIssueKind,
    pub site_id: Uuid,
    pub site_code: String,
    /// The shift short of people, or the later of the two clashing shifts.
    pub shift_id: Uuid,
    pub label: String,
    /// Wall time at the site, "YYYY-MM-DD HH:MM".
    pub local_start: String,
    pub local_end: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub time_zone: Tz,
    pub starts_utc: DateTime<Utc>,
    pub assigned: usize,
    pub min_people: i64,
    pub missing_skills: Vec<String>,
    pub volunteer_id: Option<Uuid>,
    pub volunteer: Option<String>,
    /// The earlier shift of a double booking or short rest.
    pub other_shift_id: Option<Uuid>,
    pub other_label: Option<String>,
    pub other_local_start: Option<String>,
    pub rest_minutes: Option<i64>,
    pub wanted_hours: Option<i64>,
    /// The blackout date a volunteer is working on.
    pub blackout_date: Option<NaiveDate>,
}

/// [`rota_issues`] with the names and local times a person reads.
pub fn rota_issue_lines(
    conn: &Connection,
    site: Option<Uuid>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<RotaIssueLine>> {
    let issues = rota_issues(conn, site, from, to)?;
    let mut shifts: HashMap<Uuid, Option<Shift>> = HashMap::new();
    let mut sites: HashMap<Uuid, Option<SanctuarySite>> = HashMap::new();
    let mut shift = |id: Uuid| -> Result<Option<Shift>> {
        if let Some(s) = shifts.get(&id) {
            return Ok(s.clone());
        }
        let s = find::<Shift>(conn, id)?;
        shifts.insert(id, s.clone());
        Ok(s)
    };
    let mut site_of = |id: Uuid| -> Result<Option<SanctuarySite>> {
        if let Some(s) = sites.get(&id) {
            return Ok(s.clone());
        }
        let s = find::<SanctuarySite>(conn, id)?;
        sites.insert(id, s.clone());
        Ok(s)
    };
    let local = |t: DateTime<Utc>, z: Tz| t.with_timezone(&z).format("%Y-%m-%d %H:%M").to_string();
    let mut out = Vec::with_capacity(issues.len());
    for issue in issues {
        let mut blackout_date = None;
        let (kind, shift_id, volunteer_id, other, rest_minutes, wanted_hours, missing_skills, assigned) = match issue {
            RotaIssue::Blackout { volunteer_id, shift_id, date, .. } => {
                blackout_date = Some(date);
                (RotaIssueKind::Blackout, shift_id, Some(volunteer_id), None, None, None, vec![], 0)
            }
            RotaIssue::Inactive { volunteer_id, shift_id, .. } => {
                (RotaIssueKind::Inactive, shift_id, Some(volunteer_id), None, None, None, vec![], 0)
            }
            RotaIssue::Gap { shift_id, assigned, missing_skills, .. } => {
                (RotaIssueKind::Gap, shift_id, None, None, None, None, missing_skills, assigned)
            }
            RotaIssue::DoubleBooked { volunteer_id, first_shift_id, second_shift_id, .. } => (
                RotaIssueKind::DoubleBooked,
                second_shift_id,
                Some(volunteer_id),
                Some(first_shift_id),
                None,
                None,
                vec![],
                0,
            ),
            RotaIssue::ShortRest { volunteer_id, first_shift_id, second_shift_id, rest_minutes, wanted_hours } => (
                RotaIssueKind::ShortRest,
                second_shift_id,
                Some(volunteer_id),
                Some(first_shift_id),
                Some(rest_minutes),
                Some(wanted_hours),
                vec![],
                0,
            ),
        };
        let Some(s) = shift(shift_id)? else { continue };
        let place = site_of(s.site_id)?;
        let zone = place.as_ref().map_or(Tz::UTC, |p| p.time_zone);
        let other = match other {
            Some(id) => shift(id)?,
            None => None,
        };
        let other_zone = match &other {
            Some(o) => site_of(o.site_id)?.map_or(Tz::UTC, |p| p.time_zone),
            None => zone,
        };
        let volunteer = match volunteer_id {
            Some(v) => find::<Volunteer>(conn, v)?.map(|v| v.name),
            None => None,
        };
        out.push(RotaIssueLine {
            kind,
            site_id: s.site_id,
            site_code: place.map(|p| p.code).unwrap_or_default(),
            shift_id,
            label: s.label.clone(),
            local_start: local(s.starts_utc, zone),
            local_end: local(s.ends_utc, zone),
            time_zone: zone,
            starts_utc: s.starts_utc,
            assigned,
            min_people: s.min_people,
            missing_skills,
            volunteer_id,
            volunteer,
            other_shift_id: other.as_ref().map(|o| o.id),
            other_label: other.as_ref().map(|o| o.label.clone()),
            other_local_start: other.as_ref().map(|o| local(o.starts_utc, other_zone)),
            rest_minutes,
            wanted_hours,
            blackout_date,
        });
    }
    Ok(out)
}

impl RotaIssueLine {
    /// One line of English for the CLI, loud on purpose.
    pub fn describe(&self) -> String {
        let when = format!("[{}] {} {} {}", self.site_code, self.label, self.local_start, self.time_zone);
        let who = self.volunteer.as_deref().unwrap_or("?");
        let other = format!(
            "{} {}",
            self.other_label.as_deref().unwrap_or("?"),
            self.other_local_start.as_deref().unwrap_or("")
        );
        match self.kind {
            RotaIssueKind::Gap => {
                let mut text = format!("GAP {when}: {} of {} people", self.assigned, self.min_people);
                if !self.missing_skills.is_empty() {
                    let names: Vec<String> =
                        self.missing_skills.iter().map(|k| crate::domain::language::display(k, false)).collect();
                    text.push_str(&format!(", nobody with {}", names.join(", ")));
                }
                text
            }
            RotaIssueKind::DoubleBooked => format!("DOUBLE BOOKED {when}: {who} is also on {other}"),
            RotaIssueKind::ShortRest => format!(
                "SHORT REST {when}: {who} has {} min after {other} (wants {} h)",
                self.rest_minutes.unwrap_or(0),
                self.wanted_hours.unwrap_or(0)
            ),
            RotaIssueKind::Blackout => format!(
                "BLACKOUT {when}: {who} is on it on a blackout date ({})",
                self.blackout_date.map(|d| d.to_string()).unwrap_or_default()
            ),
            RotaIssueKind::Inactive => format!("INACTIVE {when}: {who} is marked inactive and still on it"),
        }
    }
}
