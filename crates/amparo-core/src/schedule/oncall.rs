//! On-call coverage, the second rota on the one engine: shifts are made from a zone's weekly
//! slots, closed on a date or added for extra coverage, and filled by the sanctuary
//! rota's solver (`schedule::solver`) with its proven bound and gap reasons. A slot's
//! primary and backup dispatcher and its zone lead are the solver's skill positions, each
//! needing its training; everyone else on call needs rapid-response, dispatch or zone-lead training.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use super::gaps::{gap_reasons, GapReason};
use super::rotation::ts;
use super::solver::{self, PShift, Problem};
use super::{week_key, Lang};
use crate::domain::{OncallAssignment, OncallPosition, OncallShift, OncallSlot, ResponseZone, Training, Volunteer};
use crate::error::{Error, Invalid, Result};
use crate::refusal::Refusal;
use crate::store::records::query;
use crate::store::Writer;

fn zones(conn: &Connection) -> Result<HashMap<Uuid, ResponseZone>> {
    Ok(query::<ResponseZone>(conn, "", [])?.into_iter().map(|z| (z.id, z)).collect())
}

/// Make the shifts of `zone`'s slots for the days `from..=to` (local to the zone), skipping
/// those already made. A start in the hour the clocks skip moves to the end of the gap.
/// Returns how many were made.
pub fn generate(w: &mut Writer<'_>, zone: Uuid, from: NaiveDate, to: NaiveDate) -> Result<usize> {
    if to < from {
        return Err(Error::bad("dates", Invalid::RangeEndBeforeStart));
    }
    if (to - from).num_days() > 366 {
        return Err(Error::bad("dates", Invalid::AtMostTwoYears));
    }
    let z: ResponseZone = w.find(zone)?.ok_or_else(|| Error::NotFound { kind: "zone", id: zone.to_string() })?;
    let slots: Vec<OncallSlot> =
        query(w.tx(), "AND zone_id = ?1 ORDER BY weekday, start_time, id", [zone.to_string()])?;
    let existing: Vec<OncallShift> = query(w.tx(), "AND zone_id = ?1", [zone.to_string()])?;
    let mut made = 0;
    let mut day = from;
    while day <= to {
        for s in slots.iter().filter(|s| u32::from(s.weekday) == day.weekday().number_from_monday()) {
            let start = crate::clock::resolve_local(z.time_zone, day.and_time(s.start_time));
            let end_day = if s.end_time <= s.start_time { day + Duration::days(1) } else { day };
            let end = crate::clock::resolve_local(z.time_zone, end_day.and_time(s.end_time));
            if existing.iter().any(|e| e.slot_id == Some(s.id) && e.starts_utc == start) {
                continue;
            }
            w.create(&OncallShift {
                id: Uuid::now_v7(),
                zone_id: zone,
                slot_id: Some(s.id),
                starts_utc: start,
                ends_utc: end,
                min_people: s.min_people,
                needs_dispatcher: s.needs_dispatcher,
                needs_zone_lead: s.needs_zone_lead,
                closed: false,
            })?;
            made += 1;
        }
        day += Duration::days(1);
    }
    Ok(made)
}

/// Close (or open again) `zone`'s coverage on `day` (local to the zone): its shifts
/// starting that day need nobody. Returns how many shifts changed.
pub fn close_day(w: &mut Writer<'_>, zone: Uuid, day: NaiveDate, closed: bool) -> Result<usize> {
    let z: ResponseZone = w.find(zone)?.ok_or_else(|| Error::NotFound { kind: "zone", id: zone.to_string() })?;
    let from = crate::clock::resolve_local(z.time_zone, day.and_hms_opt(0, 0, 0).expect("midnight"));
    let to =
        crate::clock::resolve_local(z.time_zone, (day + Duration::days(1)).and_hms_opt(0, 0, 0).expect("midnight"));
    let mut n = 0;
    for mut s in query::<OncallShift>(
        w.tx(),
        "AND zone_id = ?1 AND starts_utc >= ?2 AND starts_utc < ?3",
        (zone.to_string(), ts(from), ts(to)),
    )? {
        if s.closed != closed {
            s.closed = closed;
            w.save(&s)?;
            n += 1;
        }
    }
    Ok(n)
}

/// Put `volunteer` on call for a shift by hand, in a position their training allows.
pub fn assign(w: &mut Writer<'_>, shift: Uuid, volunteer: Uuid, position: OncallPosition) -> Result<OncallAssignment> {
    let s: OncallShift =
        w.find(shift)?.ok_or_else(|| Error::NotFound { kind: "on-call shift", id: shift.to_string() })?;
    let v: Volunteer =
        w.find(volunteer)?.ok_or_else(|| Error::NotFound { kind: "volunteer", id: volunteer.to_string() })?;
    if !v.active {
        return Err(Refusal::VolunteerInactive.into());
    }
    if !qualifies(&v, position) {
        return Err(Error::invalid(
            "position",
            format!(
                "{} lacks the training for {}; record it on the volunteer first",
                v.name,
                position.as_str().replace('_', " ")
            ),
        ));
    }
    let on: Vec<OncallAssignment> = query(w.tx(), "AND shift_id = ?1", [s.id.to_string()])?;
    if on.iter().any(|a| a.volunteer_id == volunteer) {
        return Err(Refusal::AlreadyOnShift.into());
    }
    let a = OncallAssignment { id: Uuid::now_v7(), shift_id: shift, volunteer_id: volunteer, position };
    w.create(&a)?;
    Ok(a)
}

/// Whether a volunteer's trainings allow a position: dispatch for the dispatchers, zone
/// lead for the lead, any of the three (rapid response, dispatch, zone lead) for anyone on call.
pub fn qualifies(v: &Volunteer, position: OncallPosition) -> bool {
    let has = |t: Training| v.trainings.iter().any(|r| r.training == t);
    match position {
        OncallPosition::PrimaryDispatcher | OncallPosition::BackupDispatcher => has(Training::Dispatch),
        OncallPosition::ZoneLead => has(Training::ZoneLead),
        OncallPosition::Responder => has(Training::RapidResponse) || has(Training::Dispatch) || has(Training::ZoneLead),
    }
}

/// An on-call assignment auto-fill proposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedOncall {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub shift_id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub starts_utc: DateTime<Utc>,
    pub zone: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub volunteer_id: Uuid,
    pub volunteer_name: String,
    pub position: OncallPosition,
}

/// A shift auto-fill leaves short, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OncallGap {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub shift_id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub starts_utc: DateTime<Utc>,
    pub zone: String,
    pub missing: usize,
    /// Positions nobody fills: "dispatch", "zone_lead".
    pub missing_positions: Vec<String>,
    pub reason: GapReason,
}

/// What on-call auto-fill would do; nothing is written until [`apply_plan`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OncallPlan {
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub zone_id: Option<Uuid>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: DateTime<Utc>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: DateTime<Utc>,
    pub assignments: Vec<PlannedOncall>,
    pub coverage: usize,
    pub positions: usize,
    /// No plan can fill more than this.
    pub bound: usize,
    pub proven_optimal: bool,
    pub gaps: Vec<OncallGap>,
}

/// The solver's problem for the open on-call shifts starting in `[from, to)`, with the
/// shifts and volunteers its indices name.
pub fn problem(
    conn: &Connection,
    zone: Option<Uuid>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(Problem, Vec<OncallShift>, Vec<Volunteer>)> {
    if to <= from {
        return Err(Error::bad("dates", Invalid::EndNotAfterStart));
    }
    let zones = zones(conn)?;
    let zone_of = |s: &OncallShift| zones.get(&s.zone_id).map(|z| z.time_zone).unwrap_or(chrono_tz::UTC);
    let shifts: Vec<OncallShift> = query::<OncallShift>(
        conn,
        "AND starts_utc >= ?1 AND starts_utc < ?2 ORDER BY starts_utc, id",
        (ts(from), ts(to)),
    )?
    .into_iter()
    .filter(|s| !s.closed && zone.is_none_or(|z| s.zone_id == z))
    .collect();
    let volunteers: Vec<Volunteer> = query::<Volunteer>(conn, "AND active = 1 ORDER BY id", [])?
        .into_iter()
        .filter(|v| qualifies(v, OncallPosition::Responder))
        .collect();
    let vindex: HashMap<Uuid, usize> = volunteers.iter().enumerate().map(|(i, v)| (v.id, i)).collect();
    let sindex: HashMap<Uuid, usize> = shifts.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let margin = Duration::days(8);
    let around: HashMap<Uuid, OncallShift> =
        query::<OncallShift>(conn, "AND starts_utc >= ?1 AND starts_utc < ?2", (ts(from - margin), ts(to + margin)))?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
    let mut p = Problem {
        shifts: Vec::with_capacity(shifts.len()),
        volunteers: volunteers.iter().map(super::autofill::solver_volunteer).collect(),
    };
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); shifts.len()];
    for a in query::<OncallAssignment>(conn, "", [])? {
        let Some(&v) = vindex.get(&a.volunteer_id) else { continue };
        if let Some(&s) = sindex.get(&a.shift_id) {
            held[s].push(v);
        } else if let Some(sh) = around.get(&a.shift_id) {
            p.volunteers[v].other.push((
                sh.starts_utc.timestamp(),
                sh.ends_utc.timestamp(),
                week_key(sh.starts_utc, zone_of(sh)),
            ));
        }
    }
    let label = |v: &Volunteer| v.id.to_string();
    let mut available = super::autofill::Availabilities::new(&volunteers, from, to, &label);
    for (i, s) in shifts.iter().enumerate() {
        let tz = zone_of(s);
        let eligible = available.eligible(tz, s.starts_utc, s.ends_utc)?;
        p.shifts.push(PShift {
            start: s.starts_utc.timestamp(),
            end: s.ends_utc.timestamp(),
            week: week_key(s.starts_utc, tz),
            min_people: s.people_needed(),
            skills: s.skills(),
            eligible,
            held: std::mem::take(&mut held[i]),
        });
    }
    Ok((p, shifts, volunteers))
}

/// Plan on-call auto-fill for `[from, to)`, in one zone or all.
pub fn plan(conn: &Connection, zone: Option<Uuid>, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<OncallPlan> {
    let (p, shifts, volunteers) = problem(conn, zone, from, to)?;
    let names = zones(conn)?;
    let zone_name = |s: &OncallShift| names.get(&s.zone_id).map(|z| z.name.clone()).unwrap_or_default();
    let sol = solver::solve(&p);
    // The positions each shift's held assignments already fill, so new dispatchers are
    // primary or backup as what is left.
    let held_positions: HashMap<Uuid, Vec<OncallPosition>> = {
        let mut m: HashMap<Uuid, Vec<OncallPosition>> = HashMap::new();
        for a in query::<OncallAssignment>(conn, "", [])? {
            m.entry(a.shift_id).or_default().push(a.position);
        }
        m
    };
    let mut taken: HashMap<usize, Vec<OncallPosition>> = HashMap::new();
    let mut assignments = Vec::new();
    for a in &sol.new {
        let s = &shifts[a.shift];
        let used = taken.entry(a.shift).or_insert_with(|| held_positions.get(&s.id).cloned().unwrap_or_default());
        let position = match a.skill.map(|k| p.shifts[a.shift].skills[k].as_str()) {
            Some(k) if k == Training::Dispatch.as_str() => {
                if used.contains(&OncallPosition::PrimaryDispatcher) {
                    OncallPosition::BackupDispatcher
                } else {
                    OncallPosition::PrimaryDispatcher
                }
            }
            Some(k) if k == Training::ZoneLead.as_str() => OncallPosition::ZoneLead,
            _ => OncallPosition::Responder,
        };
        used.push(position);
        assignments.push(PlannedOncall {
            shift_id: s.id,
            starts_utc: s.starts_utc,
            zone: zone_name(s),
            volunteer_id: volunteers[a.volunteer].id,
            volunteer_name: volunteers[a.volunteer].name.clone(),
            position,
        });
    }
    let reasons = gap_reasons(&p, &sol);
    let gaps = sol
        .missing
        .iter()
        .enumerate()
        .filter(|(_, (n, k))| *n > 0 || !k.is_empty())
        .map(|(i, (n, k))| OncallGap {
            shift_id: shifts[i].id,
            starts_utc: shifts[i].starts_utc,
            zone: zone_name(&shifts[i]),
            missing: *n,
            missing_positions: k.clone(),
            reason: reasons[i].unwrap_or(GapReason::NotFound),
        })
        .collect();
    Ok(OncallPlan {
        zone_id: zone,
        from,
        to,
        assignments,
        coverage: sol.coverage,
        positions: sol.positions,
        bound: sol.bound,
        proven_optimal: sol.proven_optimal(),
        gaps,
    })
}

/// Write a plan shown earlier; refused when the rota changed since. Returns how many.
pub fn apply_plan(w: &mut Writer<'_>, plan: &OncallPlan) -> Result<usize> {
    let again = self::plan(w.tx(), plan.zone_id, plan.from, plan.to)?;
    if again.assignments != plan.assignments {
        return Err(Refusal::PlanOutdated.into());
    }
    for a in &plan.assignments {
        w.create(&OncallAssignment {
            id: Uuid::now_v7(),
            shift_id: a.shift_id,
            volunteer_id: a.volunteer_id,
            position: a.position,
        })?;
    }
    Ok(plan.assignments.len())
}

/// Who is on call in one zone's shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OnCall {
    pub zone: String,
    pub signal_group: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub shift_id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub starts_utc: DateTime<Utc>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub ends_utc: DateTime<Utc>,
    pub closed: bool,
    /// (position, name), dispatchers first.
    pub people: Vec<(OncallPosition, String)>,
    /// People still needed.
    pub short_by: usize,
}

/// The on-call shifts overlapping `[from, to)`, by start then zone: "who is on call now"
/// is `from = to = now`.
pub fn on_call(conn: &Connection, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<OnCall>> {
    let zones = zones(conn)?;
    let names: HashMap<Uuid, String> = query::<Volunteer>(conn, "", [])?.into_iter().map(|v| (v.id, v.name)).collect();
    let shifts: Vec<OncallShift> =
        query(conn, "AND starts_utc <= ?1 AND ends_utc > ?2 ORDER BY starts_utc, id", (ts(to), ts(from)))?;
    let mut by_shift: HashMap<Uuid, Vec<OncallAssignment>> = HashMap::new();
    for a in query::<OncallAssignment>(conn, "", [])? {
        by_shift.entry(a.shift_id).or_default().push(a);
    }
    let mut out: Vec<OnCall> = shifts
        .into_iter()
        .map(|s| {
            let mut people: Vec<(OncallPosition, String)> = by_shift
                .remove(&s.id)
                .unwrap_or_default()
                .into_iter()
                .map(|a| (a.position, names.get(&a.volunteer_id).cloned().unwrap_or_default()))
                .collect();
            people.sort();
            let z = zones.get(&s.zone_id);
            OnCall {
                zone: z.map(|z| z.name.clone()).unwrap_or_default(),
                signal_group: z.and_then(|z| z.signal_group.clone()),
                shift_id: s.id,
                starts_utc: s.starts_utc,
                ends_utc: s.ends_utc,
                closed: s.closed,
                short_by: s.people_needed().saturating_sub(people.len()),
                people,
            }
        })
        .collect();
    out.sort_by(|a, b| a.starts_utc.cmp(&b.starts_utc).then(a.zone.cmp(&b.zone)));
    Ok(out)
}

fn position_words(p: OncallPosition, lang: Lang) -> &'static str {
    match (lang, p) {
        (Lang::En, OncallPosition::PrimaryDispatcher) => "dispatcher",
        (Lang::En, OncallPosition::BackupDispatcher) => "backup dispatcher",
        (Lang::En, OncallPosition::ZoneLead) => "zone lead",
        (Lang::En, OncallPosition::Responder) => "responder",
        (Lang::Es, OncallPosition::PrimaryDispatcher) => "despacho",
        (Lang::Es, OncallPosition::BackupDispatcher) => "despacho de respaldo",
        (Lang::Es, OncallPosition::ZoneLead) => "líder de zona",
        (Lang::Es, OncallPosition::Responder) => "respuesta",
    }
}

/// The weekly on-call sheet to print or paste: for the seven days from `week_start`, each
/// zone's shifts in its own time with who is on call. It names volunteers and zones only.
pub fn weekly_sheet(conn: &Connection, week_start: NaiveDate, lang: Lang) -> Result<String> {
    let zones = zones(conn)?;
    let from = crate::clock::resolve_local(chrono_tz::UTC, week_start.and_hms_opt(0, 0, 0).expect("midnight"))
        - Duration::hours(14);
    let to = from + Duration::days(7) + Duration::hours(28);
    let en = lang == Lang::En;
    let mut lines = vec![if en {
        format!("On call, week of {}", week_start.format("%B %-d, %Y"))
    } else {
        format!("Guardias, semana del {}", week_start.format("%d/%m/%Y"))
    }];
    let mut rows = on_call(conn, from, to)?;
    rows.retain(|r| {
        let tz = zones.values().find(|z| z.name == r.zone).map(|z| z.time_zone).unwrap_or(chrono_tz::UTC);
        let day = r.starts_utc.with_timezone(&tz).date_naive();
        day >= week_start && day < week_start + Duration::days(7)
    });
    let mut zone_names: Vec<&String> = rows.iter().map(|r| &r.zone).collect();
    zone_names.sort();
    zone_names.dedup();
    for zone in zone_names {
        let z = zones.values().find(|z| &z.name == zone);
        let tz = z.map(|z| z.time_zone).unwrap_or(chrono_tz::UTC);
        let group = z.and_then(|z| z.signal_group.as_deref()).map(|g| format!(" — Signal: {g}")).unwrap_or_default();
        lines.push(String::new());
        lines.push(format!("{zone} ({tz}){group}"));
        for r in rows.iter().filter(|r| &r.zone == zone) {
            let (s, e) = (r.starts_utc.with_timezone(&tz), r.ends_utc.with_timezone(&tz));
            let when = if en {
                format!("{} {}–{}", s.format("%a %b %-d"), s.format("%-I:%M %p"), e.format("%-I:%M %p"))
            } else {
                format!("{} {}–{}", s.format("%d/%m"), s.format("%H:%M"), e.format("%H:%M"))
            };
            let who = if r.closed {
                (if en { "closed" } else { "cerrado" }).to_string()
            } else {
                let mut who: Vec<String> =
                    r.people.iter().map(|(p, n)| format!("{n} ({})", position_words(*p, lang))).collect();
                if r.short_by > 0 {
                    who.push(if en { format!("NEEDS {}", r.short_by) } else { format!("FALTAN {}", r.short_by) });
                }
                who.join(", ")
            };
            lines.push(format!("  {when}: {who}"));
        }
    }
    Ok(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TrainingRecord;
    use crate::ops::testing::*;
    use chrono::NaiveTime;

    fn trained(s: &mut Store, name: &str, trainings: &[Training]) -> Uuid {
        let mut v = Volunteer::new(name);
        v.trainings = trainings.iter().map(|t| TrainingRecord { training: *t, completed_on: None }).collect();
        upsert(s, now(), now().date_naive(), &v).unwrap()
    }

    fn zone_with_evening_slot(s: &mut Store) -> Uuid {
        let z = ResponseZone::new("Little Village", chrono_tz::America::Chicago);
        let slot = OncallSlot {
            id: Uuid::now_v7(),
            zone_id: z.id,
            weekday: 7,
            start_time: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            end_time: NaiveTime::from_hms_opt(6, 0, 0).unwrap(),
            min_people: 2,
            needs_dispatcher: true,
            needs_zone_lead: false,
        };
        s.write(now(), |w| {
            w.create(&z)?;
            w.create(&slot)
        })
        .unwrap();
        z.id
    }

    #[test]
    fn a_sunday_evening_slot_fills_with_a_primary_and_backup_dispatcher_and_two_responders() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let z = zone_with_evening_slot(&mut s);
        let d1 = trained(&mut s, "Marisol Ñáñez", &[Training::Dispatch]);
        let d2 = trained(&mut s, "Óscar Peña", &[Training::Dispatch]);
        trained(&mut s, "Beto Ramírez", &[Training::RapidResponse]);
        trained(&mut s, "Carla Quintero", &[Training::RapidResponse]);
        trained(&mut s, "Untrained Ursula", &[]);
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let made = s.write(now(), |w| generate(w, z, day, day + Duration::days(6))).unwrap();
        assert_eq!(made, 1, "one Sunday in the week");
        let again = s.write(now(), |w| generate(w, z, day, day + Duration::days(6))).unwrap();
        assert_eq!(again, 0, "made once");
        let from = Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap();
        let p = plan(s.conn(), None, from, from + Duration::days(7)).unwrap();
        assert_eq!((p.coverage, p.positions, p.proven_optimal), (4, 4, true), "{p:?}");
        let dispatchers: Vec<(Uuid, OncallPosition)> = p
            .assignments
            .iter()
            .filter(|a| a.position != OncallPosition::Responder)
            .map(|a| (a.volunteer_id, a.position))
            .collect();
        assert_eq!(dispatchers.len(), 2);
        assert!(dispatchers.iter().all(|(v, _)| [d1, d2].contains(v)));
        assert!(dispatchers.iter().any(|(_, p)| *p == OncallPosition::PrimaryDispatcher));
        assert!(dispatchers.iter().any(|(_, p)| *p == OncallPosition::BackupDispatcher));
        assert!(p.assignments.iter().all(|a| a.volunteer_name != "Untrained Ursula"));
        s.write(now(), |w| apply_plan(w, &p)).unwrap();
        // 18:00 Chicago on Sunday 29 November is 00:00 UTC on the 30th.
        let now_on = on_call(
            s.conn(),
            Utc.with_ymd_and_hms(2026, 11, 30, 3, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 30, 3, 0, 0).unwrap(),
        )
        .unwrap();
        assert_eq!(now_on.len(), 1);
        assert_eq!((now_on[0].people.len(), now_on[0].short_by), (4, 0));
        let sheet = weekly_sheet(s.conn(), day, Lang::Es).unwrap();
        assert!(sheet.contains("Little Village (America/Chicago)"), "{sheet}");
        assert!(sheet.contains("29/11 18:00–06:00"), "{sheet}");
        assert!(sheet.contains("Marisol Ñáñez (despacho") || sheet.contains("Óscar Peña (despacho"), "{sheet}");
    }

    #[test]
    fn a_closed_day_needs_nobody_and_a_missing_dispatcher_is_a_gap_with_its_reason() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let z = zone_with_evening_slot(&mut s);
        trained(&mut s, "Beto Ramírez", &[Training::RapidResponse]);
        trained(&mut s, "Carla Quintero", &[Training::RapidResponse]);
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        s.write(now(), |w| generate(w, z, day, day + Duration::days(13))).unwrap();
        let from = Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap();
        let p = plan(s.conn(), Some(z), from, from + Duration::days(14)).unwrap();
        assert_eq!(p.gaps.len(), 2);
        assert!(
            p.gaps.iter().all(|g| g.missing == 2 && g.missing_positions == ["dispatch", "dispatch"]),
            "{:?}",
            p.gaps
        );
        assert!(p.gaps.iter().all(|g| g.reason == GapReason::NobodyWithSkill), "{:?}", p.gaps);
        assert_eq!(s.write(now(), |w| close_day(w, z, day, true)).unwrap(), 1);
        let p = plan(s.conn(), Some(z), from, from + Duration::days(14)).unwrap();
        assert_eq!(p.gaps.len(), 1, "the closed Sunday needs nobody");
        let ursula = trained(&mut s, "Untrained Ursula", &[]);
        let shift = query::<OncallShift>(s.conn(), "ORDER BY starts_utc", []).unwrap().remove(1).id;
        let e = s.write(now(), |w| assign(w, shift, ursula, OncallPosition::PrimaryDispatcher)).unwrap_err();
        assert!(e.to_string().contains("lacks the training for primary dispatcher"), "{e}");
    }
}
