//! Scheduling benchmark: auto-fill a year of three shifts a day at one sanctuary site,
//! through the store (`schedule::plan_autofill`), for 150 volunteers with realistic
//! availability, blackouts, weekly maximums, rest rules and skills; and a tight team of
//! 40 where gaps remain. Reports time, coverage and the max-flow bound, and the solver's
//! time as a ratio of the bound's (Dinic max flow on the same instance, same run).
//!
//! `cargo bench --bench autofill` runs the full size; under `cargo test --benches`
//! (no `--bench` argument) it runs a month as a smoke test.

use std::time::Instant;

use amparo_core::domain::{
    Availability, RotationTemplate, SanctuarySite, ShiftSpec, Training, TrainingRecord, Volunteer,
};
use amparo_core::schedule;
use amparo_core::{KdfParams, Owner, Store};
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn volunteer(rng: &mut StdRng, i: usize, from: NaiveDate, days: i64) -> Volunteer {
    let mut v = Volunteer::new(format!("Volunteer {i}"));
    if rng.gen_bool(0.35) {
        v.languages.push("spanish".into());
    }
    if rng.gen_bool(0.15) {
        v.trainings.push(TrainingRecord { training: Training::RapidResponse, completed_on: Some(from) });
    }
    let mut weekly = Vec::new();
    if rng.gen_bool(0.15) {
        weekly.push("DAILY 00:00-24:00".to_string());
    } else {
        for _ in 0..rng.gen_range(2..6) {
            let day = DAYS[rng.gen_range(0..7)];
            weekly.push(match rng.gen_range(0..4) {
                0 => format!("{day} 08:00-14:00"),
                1 => format!("{day} 14:00-20:00"),
                2 => format!("{day} 20:00-08:00"),
                _ => format!("{day} 08:00-20:00"),
            });
        }
    }
    let blackout = (0..rng.gen_range(0..8)).map(|_| from + Duration::days(rng.gen_range(0..days))).collect();
    v.availability = Availability { weekly, blackout, blackout_rules: vec![] };
    v.max_shifts_per_week = Some(match rng.gen_range(0..20) {
        0..=13 => 1,
        14..=18 => 2,
        _ => 3,
    });
    v.min_rest_hours = Some(if rng.gen_bool(0.5) { 8 } else { 12 });
    v
}

fn scenario(label: &str, people: usize, days: i64, out: &mut Vec<String>) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let owner = Owner { name: "Bench".into(), device_label: "bench".into() };
    let mut store = Store::init(tmp.path(), "bench passphrase", KdfParams::MINIMUM, &owner, now).unwrap();
    let zone: chrono_tz::Tz = "America/Chicago".parse().unwrap();
    let site = SanctuarySite {
        id: Uuid::now_v7(),
        name: "Bench site".into(),
        code: "B-1".into(),
        address: None,
        time_zone: zone,
        congregation_id: None,
        host_volunteer_id: None,
    };
    store.create(now, &site).unwrap();
    let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let mut day = ShiftSpec::new("day", t(8), t(14));
    day.required_skills = vec!["spanish".into()];
    let mut night = ShiftSpec::new("overnight", t(20), t(8));
    night.required_skills = vec!["rapid_response".into()];
    let tpl = RotationTemplate::new(site.id, "standard", vec![day, ShiftSpec::new("evening", t(14), t(20)), night]);
    store.create(now, &tpl).unwrap();
    let from = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let to = from + Duration::days(days - 1);
    let g = store.write(now, |w| schedule::generate_shifts(w, tpl.id, from, to)).unwrap();
    let mut rng = StdRng::seed_from_u64(2027);
    store
        .write(now, |w| {
            for i in 0..people {
                w.create(&volunteer(&mut rng, i, from, days))?;
            }
            Ok(())
        })
        .unwrap();
    let start = schedule::resolve_local(zone, from.and_time(NaiveTime::MIN));
    let end = schedule::resolve_local(zone, (to + Duration::days(1)).and_time(NaiveTime::MIN));

    let t0 = Instant::now();
    let plan = schedule::plan_autofill(store.conn(), Some(site.id), start, end).unwrap();
    let plan_time = t0.elapsed();
    let problem = schedule::autofill_problem(store.conn(), Some(site.id), start, end).unwrap();
    let t1 = Instant::now();
    let sol = schedule::solver::solve(&problem);
    let solve_time = t1.elapsed();
    let t2 = Instant::now();
    let bound = schedule::solver::relaxation_bound(&problem);
    let bound_time = t2.elapsed();
    assert_eq!(sol.coverage, plan.coverage);
    assert_eq!(bound, plan.bound);
    let t3 = Instant::now();
    let n = store.write(now, |w| schedule::apply_autofill(w, &plan)).unwrap();
    let apply_time = t3.elapsed();

    out.push(format!(
        "| {label} | {} | {people} | {} | {} ({:.1}%) | {} | {} | {:.2} s | {:.2} s | {:.2} s ({:.1}× the bound's {:.2} s) | {:.2} s |",
        g.created.len(),
        plan.positions,
        plan.coverage,
        100.0 * plan.coverage as f64 / plan.positions.max(1) as f64,
        plan.bound,
        if plan.proven_optimal { "yes" } else { "no" },
        plan_time.as_secs_f64(),
        plan_time.as_secs_f64() - solve_time.as_secs_f64().min(plan_time.as_secs_f64()),
        solve_time.as_secs_f64(),
        solve_time.as_secs_f64() / bound_time.as_secs_f64().max(1e-9),
        bound_time.as_secs_f64(),
        apply_time.as_secs_f64(),
    ));
    let _ = n;
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let days = if full { 365 } else { 28 };
    let mut rows = Vec::new();
    scenario("150 volunteers", if full { 150 } else { 30 }, days, &mut rows);
    scenario("tight team", if full { 40 } else { 10 }, days, &mut rows);
    println!(
        "## Scheduling benchmark ({})\n",
        if full { "a year, three shifts a day" } else { "smoke size: four weeks" }
    );
    println!("| scenario | shifts | volunteers | positions | covered | bound | proven optimal | plan (total) | plan minus solver (load, availability) | solver | apply (write) |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
}
