//! Rapid-response benchmark at a network's scale for a year: 50 zones, 400 responders and
//! dispatchers, 5,000 hotline calls (each with two responders sent and a timeline line).
//! Measures the desk's list (open calls, and every call), one call's page, and on-call
//! auto-fill of a month for all zones. Each is reported with a baseline run in the same
//! process: reading the incident rows with a raw SELECT, and the solver's max-flow bound
//! on the same on-call instance.
//!
//! `cargo bench --bench rapid_response` runs the full size; `cargo test --benches` runs a
//! tenth of it as a smoke test.

use std::time::Instant;

use amparo_core::domain::{
    Availability, Disposition, Incident, IncidentKind, IncidentStatus, OncallSlot, ResponderRole, ResponseZone,
    Training, TrainingRecord, Volunteer,
};
use amparo_core::ops::incident as desk;
use amparo_core::schedule::{oncall, solver};
use amparo_core::{incident, KdfParams, Owner, Store};
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

const STREETS: [&str; 8] = ["Pulaski", "Cermak", "Kedzie", "Ashland", "Western", "Lawrence", "Montrose", "Cicero"];

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (zones_n, people, calls) = if full { (50, 400, 5_000) } else { (5, 40, 500) };
    let tmp = tempfile::tempdir().expect("temp dir");
    let now = Utc.with_ymd_and_hms(2027, 12, 31, 12, 0, 0).unwrap();
    let owner = Owner { name: "Bench".into(), device_label: "bench".into() };
    let mut store = Store::init(tmp.path(), "bench passphrase", KdfParams::MINIMUM, &owner, now).unwrap();
    let tz: chrono_tz::Tz = "America/Chicago".parse().unwrap();
    let mut rng = StdRng::seed_from_u64(16);

    let t = Instant::now();
    let (zones, volunteers) = store
        .write(now, |w| {
            let mut zones = Vec::new();
            for z in 0..zones_n {
                let zone = ResponseZone::new(format!("Zona {z}"), tz);
                w.create(&zone)?;
                for day in 1..=7u8 {
                    for (start, end, lead) in [(6, 14, true), (14, 22, false)] {
                        w.create(&OncallSlot {
                            id: Uuid::now_v7(),
                            zone_id: zone.id,
                            weekday: day,
                            start_time: NaiveTime::from_hms_opt(start, 0, 0).unwrap(),
                            end_time: NaiveTime::from_hms_opt(end, 0, 0).unwrap(),
                            min_people: 1,
                            needs_dispatcher: true,
                            needs_zone_lead: lead,
                        })?;
                    }
                }
                zones.push(zone.id);
            }
            let mut volunteers = Vec::new();
            for i in 0..people {
                let mut v = Volunteer::new(format!("Respondedora {i} Núñez"));
                let mut trainings = vec![Training::RapidResponse];
                if i % 5 == 0 {
                    trainings.push(Training::Dispatch);
                }
                if i % 7 == 0 {
                    trainings.push(Training::ZoneLead);
                }
                v.trainings =
                    trainings.into_iter().map(|t| TrainingRecord { training: t, completed_on: None }).collect();
                v.availability = Availability {
                    weekly: vec![if i % 3 == 0 {
                        "DAILY 00:00-24:00".into()
                    } else {
                        "MO,WE,FR,SA 06:00-22:00".into()
                    }],
                    blackout: vec![],
                    blackout_rules: vec![],
                };
                v.max_shifts_per_week = Some(3);
                v.min_rest_hours = Some(8);
                w.create(&v)?;
                volunteers.push(v.id);
            }
            let year = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
            for c in 0..calls {
                let at = year + Duration::minutes(rng.gen_range(0..525_600));
                let street = STREETS[c % STREETS.len()];
                let mut i =
                    Incident::new(at, IncidentKind::Home, format!("{} {street} Ave & W {}th St", c * 7 % 9000, c % 90));
                i.zone_id = Some(zones[c % zones.len()]);
                i.caller_phone = Some(format!("(773) 555-01{:02}", c % 100));
                i.agents = Some(rng.gen_range(1..8));
                let id = incident::add_incident(w, &i)?;
                for k in 0..2 {
                    let v = volunteers[(c * 2 + k) % volunteers.len()];
                    let role = if k == 0 { ResponderRole::Verifier } else { ResponderRole::LegalObserver };
                    incident::dispatch(w, id, v, role, at + Duration::minutes(5))?;
                }
                incident::observe(
                    w,
                    id,
                    at + Duration::minutes(20),
                    "Dos camionetas sin placas frente a la casa",
                    None,
                    None,
                )?;
                // All but the last week's calls are closed.
                if at < now - Duration::days(7) {
                    incident::close(w, id, if c % 3 == 0 { Disposition::FalseAlarm } else { Disposition::Confirmed })?;
                }
            }
            Ok((zones, volunteers))
        })
        .unwrap();
    let load = t.elapsed();

    let raw = |open_only: bool| {
        let t = Instant::now();
        let sql = if open_only {
            "SELECT * FROM incident WHERE deleted = 0 AND status IS NOT 'closed'"
        } else {
            "SELECT * FROM incident WHERE deleted = 0"
        };
        let mut st = store.conn().prepare(sql).unwrap();
        let cols = st.column_count();
        let n = st
            .query_map([], |r| {
                let mut s = 0usize;
                for c in 0..cols {
                    s += matches!(r.get_ref(c)?, rusqlite::types::ValueRef::Null) as usize;
                }
                Ok(s)
            })
            .unwrap()
            .count();
        (t.elapsed(), n)
    };
    let best = |f: &dyn Fn() -> std::time::Duration| (0..5).map(|_| f()).min().unwrap();
    let open = best(&|| {
        let t = Instant::now();
        let rows = desk::desk(&store, false).unwrap();
        assert!(rows.iter().all(|r| r.incident.status != IncidentStatus::Closed));
        t.elapsed()
    });
    let all = best(&|| {
        let t = Instant::now();
        assert_eq!(desk::desk(&store, true).unwrap().len(), calls);
        t.elapsed()
    });
    let open_rows = desk::desk(&store, false).unwrap();
    let some =
        open_rows.first().map(|r| r.incident.id).unwrap_or_else(|| desk::desk(&store, true).unwrap()[0].incident.id);
    let page = best(&|| {
        let t = Instant::now();
        desk::page(&store, some).unwrap();
        t.elapsed()
    });
    let raw_open = best(&|| raw(true).0);
    let raw_all = best(&|| raw(false).0);

    // On-call: a month for every zone.
    let first = NaiveDate::from_ymd_opt(2028, 2, 1).unwrap();
    let t = Instant::now();
    let shifts: usize = store
        .write(now, |w| {
            let mut n = 0;
            for z in &zones {
                n += oncall::generate(w, *z, first, first + Duration::days(28))?;
            }
            Ok(n)
        })
        .unwrap();
    let generate = t.elapsed();
    let (from, to) =
        (Utc.with_ymd_and_hms(2028, 2, 1, 6, 0, 0).unwrap(), Utc.with_ymd_and_hms(2028, 3, 1, 6, 0, 0).unwrap());
    let t = Instant::now();
    let plan = oncall::plan(store.conn(), None, from, to).unwrap();
    let plan_time = t.elapsed();
    let (problem, _, _) = oncall::problem(store.conn(), None, from, to).unwrap();
    let t = Instant::now();
    let bound = solver::relaxation_bound(&problem);
    let bound_time = t.elapsed();
    assert_eq!(bound, plan.bound);
    let t = Instant::now();
    let written = store.write(now, |w| oncall::apply_plan(w, &plan)).unwrap();
    let apply = t.elapsed();

    println!("## Rapid-response benchmark ({})\n", if full { "a network's year" } else { "smoke size: a tenth" });
    println!(
        "{zones_n} zones, {} people, {calls} calls with {} dispatches and {calls} timeline lines, loaded through the write path in {:.1} s; {} calls open.\n",
        volunteers.len(),
        2 * calls,
        load.as_secs_f64(),
        open_rows.len()
    );
    println!("| question | time | baseline (raw SELECT of the same incident rows) | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| the desk: open calls | {:.1} ms | {:.1} ms | {:.1}× |",
        ms(open),
        ms(raw_open),
        ms(open) / ms(raw_open).max(1e-6)
    );
    println!(
        "| the desk: every call of the year | {:.1} ms | {:.1} ms | {:.1}× |",
        ms(all),
        ms(raw_all),
        ms(all) / ms(raw_all).max(1e-6)
    );
    println!("| one call's page | {:.1} ms | — | — |", ms(page));
    println!();
    println!("| on-call, a month of {zones_n} zones | shifts | positions | covered | bound | proven optimal | plan | bound alone | apply |");
    println!("|---|---|---|---|---|---|---|---|---|");
    println!(
        "| auto-fill | {shifts} | {} | {} ({:.1}%) | {} | {} | {:.2} s | {:.2} s ({:.1}× faster than the plan) | {:.2} s ({written} written) |",
        plan.positions,
        plan.coverage,
        100.0 * plan.coverage as f64 / plan.positions.max(1) as f64,
        plan.bound,
        if plan.proven_optimal { "yes" } else { "no" },
        plan_time.as_secs_f64(),
        bound_time.as_secs_f64(),
        plan_time.as_secs_f64() / bound_time.as_secs_f64().max(1e-9),
        apply.as_secs_f64(),
    );
    let _ = generate;
}
