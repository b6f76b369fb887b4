//! Auto-fill over the store: build the solver's problem from shifts, assignments and
//! volunteers; return a plan to show; apply it only when asked, in one transaction.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::availability::Expanded;
use super::gaps::{gap_reasons, GapReason};
use super::rotation::ts;
use super::solver::{self, PShift, PVolunteer, Problem};
use super::{volunteer_skills, week_key};
use crate::domain::{Role, SanctuarySite, Shift, ShiftAssignment, Volunteer};
use crate::error::{Error, Result};
use crate::store::records::query;
use crate::store::Writer;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedAssignment {
    pub shift_id: Uuid,
    pub site_id: Uuid,
    pub shift_label: String,
    pub starts_utc: DateTime<Utc>,
    pub volunteer_id: Uuid,
    pub volunteer_name: String,
    /// The required skill this person covers, if any.
    pub covers_skill: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedGap {
    pub shift_id: Uuid,
    pub site_id: Uuid,
    pub shift_label: String,
    pub starts_utc: DateTime<Utc>,
    /// People still needed to reach the minimum after the plan.
    pub missing: usize,
    pub missing_skills: Vec<String>,
    /// Why the place stays open, as far as the plan can tell.
    pub reason: GapReason,
}

/// What auto-fill would do; nothing is written until [`apply_autofill`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AutofillPlan {
    pub site_id: Option<Uuid>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub assignments: Vec<PlannedAssignment>,
    /// Filled positions (existing assignments included) after the plan.
    pub coverage: usize,
    pub positions: usize,
    /// No plan can fill more than this (see `schedule::solver` for what it covers).
    pub bound: usize,
    pub proven_optimal: bool,
    pub gaps: Vec<PlannedGap>,
    /// Shifts per volunteer in the range after the plan, most loaded first.
    pub load: Vec<(Uuid, String, usize)>,
}

/// Volunteers auto-fill considers: active ones who take sanctuary shifts (no roles
/// recorded counts as taking shifts).
fn shift_volunteers(conn: &Connection) -> Result<Vec<Volunteer>> {
    let all: Vec<Volunteer> = query(conn, "AND active = 1 ORDER BY id", [])?;
    Ok(all
        .into_iter()
        .filter(|v| {
            v.roles.is_empty() || v.roles.contains(&Role::ShiftVolunteer) || v.roles.contains(&Role::Coordinator)
        })
        .collect())
}

/// The solver's problem for shifts starting in `[from, to)` (for benchmarks and tools).
pub fn autofill_problem(
    conn: &Connection,
    site: Option<Uuid>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Problem> {
    Ok(build(conn, site, from, to)?.problem)
}

struct Built {
    problem: Problem,
    shifts: Vec<Shift>,
    volunteers: Vec<Volunteer>,
}

/// Plan auto-fill for shifts starting in `[from, to)`, at one site or all.
pub fn plan_autofill(
    conn: &Connection,
    site: Option<Uuid>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<AutofillPlan> {
    let Built { problem, shifts, volunteers } = build(conn, site, from, to)?;
    let sol = solver::solve(&problem);
    finish_plan(site, from, to, problem, shifts, volunteers, sol)
}

fn build(conn: &Connection, site: Option<Uuid>, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Built> {
    if to <= from {
        return Err(Error::bad("dates", crate::error::Invalid::EndNotAfterStart));
    }
    let sites: HashMap<Uuid, SanctuarySite> =
        query::<SanctuarySite>(conn, "", [])?.into_iter().map(|s| (s.id, s)).collect();
    let shifts: Vec<Shift> =
        query(conn, "AND starts_utc >= ?1 AND starts_utc < ?2 ORDER BY starts_utc, id", (ts(from), ts(to)))?;
    let shifts: Vec<Shift> = shifts.into_iter().filter(|s| site.is_none_or(|id| s.site_id == id)).collect();
    let zone_of = |s: &Shift| sites.get(&s.site_id).map(|x| x.time_zone).unwrap_or(chrono_tz::UTC);
    let volunteers = shift_volunteers(conn)?;
    let vindex: HashMap<Uuid, usize> = volunteers.iter().enumerate().map(|(i, v)| (v.id, i)).collect();

    // Every live assignment around the range: they fix the rules for the new ones.
    let margin = Duration::days(8);
    let around: Vec<Shift> =
        query(conn, "AND starts_utc >= ?1 AND starts_utc < ?2", (ts(from - margin), ts(to + margin)))?;
    let around: HashMap<Uuid, Shift> = around.into_iter().map(|s| (s.id, s)).collect();
    let assignments: Vec<ShiftAssignment> = query(conn, "", [])?;
    let sindex: HashMap<Uuid, usize> = shifts.iter().enumerate().map(|(i, s)| (s.id, i)).collect();

    let mut problem = Problem {
        shifts: Vec::with_capacity(shifts.len()),
        volunteers: volunteers.iter().map(solver_volunteer).collect(),
    };
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); shifts.len()];
    for a in &assignments {
        let Some(&v) = vindex.get(&a.volunteer_id) else { continue };
        if let Some(&s) = sindex.get(&a.shift_id) {
            held[s].push(v);
        } else if let Some(sh) = around.get(&a.shift_id) {
            problem.volunteers[v].other.push((
                sh.starts_utc.timestamp(),
                sh.ends_utc.timestamp(),
                week_key(sh.starts_utc, zone_of(sh)),
            ));
        }
    }
    let label = |v: &Volunteer| short(conn, v.id);
    let mut available = Availabilities::new(&volunteers, from, to, &label);
    for (i, s) in shifts.iter().enumerate() {
        let zone = zone_of(s);
        let eligible = available.eligible(zone, s.starts_utc, s.ends_utc)?;
        problem.shifts.push(PShift {
            start: s.starts_utc.timestamp(),
            end: s.ends_utc.timestamp(),
            week: week_key(s.starts_utc, zone),
            min_people: s.min_people.max(0) as usize,
            skills: s.required_skills.iter().map(|k| crate::domain::normalize_skill(k)).collect(),
            eligible,
            held: std::mem::take(&mut held[i]),
        });
    }
    Ok(Built { problem, shifts, volunteers })
}

/// A volunteer as the solver sees them: what they bring to required skills, their weekly
/// maximum and rest; both rotas (sanctuary shifts, on-call) build theirs here.
pub(crate) fn solver_volunteer(v: &Volunteer) -> PVolunteer {
    PVolunteer {
        skills: volunteer_skills(v),
        max_per_week: v.max_shifts_per_week.map(|n| n.clamp(0, u32::MAX as i64) as u32),
        rest: v.min_rest_hours.unwrap_or(0).max(0) * 3600,
        other: vec![],
    }
}

/// Volunteers' availability over a planning range, expanded once per volunteer and zone.
pub(crate) struct Availabilities<'a> {
    volunteers: &'a [Volunteer],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    label: &'a dyn Fn(&Volunteer) -> String,
    expanded: HashMap<(usize, Tz), Expanded>,
}

impl<'a> Availabilities<'a> {
    pub(crate) fn new(
        volunteers: &'a [Volunteer],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        label: &'a dyn Fn(&Volunteer) -> String,
    ) -> Self {
        Availabilities { volunteers, from, to, label, expanded: HashMap::new() }
    }

    /// The volunteers (indices) whose availability allows `[start, end)` in `zone`.
    pub(crate) fn eligible(&mut self, zone: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Vec<usize>> {
        let mut out = Vec::new();
        for (vi, v) in self.volunteers.iter().enumerate() {
            let e = match self.expanded.entry((vi, zone)) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(slot) => slot.insert(
                    Expanded::new(&v.availability, zone, self.from, self.to + Duration::days(2))
                        .map_err(|e| Error::invalid("availability", format!("volunteer {}: {e}", (self.label)(v))))?,
                ),
            };
            if e.allows(start, end) {
                out.push(vi);
            }
        }
        Ok(out)
    }
}

fn finish_plan(
    site: Option<Uuid>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    problem: Problem,
    shifts: Vec<Shift>,
    volunteers: Vec<Volunteer>,
    sol: solver::Solution,
) -> Result<AutofillPlan> {
    let planned: Vec<PlannedAssignment> = sol
        .new
        .iter()
        .map(|a| {
            let s = &shifts[a.shift];
            PlannedAssignment {
                shift_id: s.id,
                site_id: s.site_id,
                shift_label: s.label.clone(),
                starts_utc: s.starts_utc,
                volunteer_id: volunteers[a.volunteer].id,
                volunteer_name: volunteers[a.volunteer].name.clone(),
                covers_skill: a.skill.map(|k| problem.shifts[a.shift].skills[k].clone()),
            }
        })
        .collect();
    let reasons = gap_reasons(&problem, &sol);
    let gaps = sol
        .missing
        .iter()
        .enumerate()
        .filter(|(_, (n, k))| *n > 0 || !k.is_empty())
        .map(|(i, (n, k))| PlannedGap {
            shift_id: shifts[i].id,
            site_id: shifts[i].site_id,
            shift_label: shifts[i].label.clone(),
            starts_utc: shifts[i].starts_utc,
            missing: *n,
            missing_skills: k.clone(),
            reason: reasons[i].unwrap_or(GapReason::NotFound),
        })
        .collect();
    let mut load: HashMap<usize, usize> = HashMap::new();
    for s in &problem.shifts {
        for &v in &s.held {
            *load.entry(v).or_default() += 1;
        }
    }
    for a in &sol.new {
        *load.entry(a.volunteer).or_default() += 1;
    }
    let mut load: Vec<(Uuid, String, usize)> =
        load.into_iter().map(|(v, n)| (volunteers[v].id, volunteers[v].name.clone(), n)).collect();
    load.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    Ok(AutofillPlan {
        site_id: site,
        from,
        to,
        assignments: planned,
        coverage: sol.coverage,
        positions: sol.positions,
        bound: sol.bound,
        proven_optimal: sol.proven_optimal(),
        gaps,
        load,
    })
}

/// The volunteer's id as lists show it: long enough to name only them.
fn short(conn: &Connection, id: Uuid) -> String {
    crate::store::records::unique_prefixes_in(conn, "volunteer")
        .ok()
        .and_then(|mut p| p.remove(&id))
        .unwrap_or_else(|| id.to_string())
}

/// Write a plan shown earlier. Refused when the rota changed since it was made (the
/// plan is recomputed inside the transaction and must be the same). Returns how many
/// assignments were created; existing ones are never touched.
pub fn apply_autofill(w: &mut Writer<'_>, plan: &AutofillPlan) -> Result<usize> {
    let again = plan_autofill(w.tx(), plan.site_id, plan.from, plan.to)?;
    if again.assignments != plan.assignments {
        return Err(crate::error::Refusal::PlanOutdated.into());
    }
    for a in &plan.assignments {
        w.create(&ShiftAssignment {
            id: Uuid::now_v7(),
            shift_id: a.shift_id,
            volunteer_id: a.volunteer_id,
            confirmed: false,
            manual: false,
            claimed_at: None,
        })?;
    }
    Ok(plan.assignments.len())
}
