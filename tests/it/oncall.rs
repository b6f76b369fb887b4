//! On-call coverage: the sanctuary rota's solver staffing a network's zones. A property
//! holds the plan to its proven bound and the trainings each position needs; the CLI
//! drives a week across the spring DST change.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use proptest::prelude::*;
use uuid::Uuid;

use amparo_core::domain::{OncallPosition, OncallShift, OncallSlot, ResponseZone, Training, TrainingRecord, Volunteer};
use amparo_core::schedule::oncall;

use crate::support::cli::{added_id, Env};
use crate::support::store::{now, store};

fn trainings() -> impl Strategy<Value = Vec<Training>> {
    prop::sample::subsequence(vec![Training::RapidResponse, Training::Dispatch, Training::ZoneLead], 0..=3)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/it/regressions/oncall.txt"
        )))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn on_call_auto_fill_stays_within_its_bound_and_puts_only_the_trained_in_each_position(
        slots in prop::collection::vec((1u8..=7, 0u32..24, 1i64..14, 0i64..3, any::<bool>(), any::<bool>()), 1..5),
        people in prop::collection::vec((trainings(), any::<bool>(), prop::option::of(1i64..4)), 1..9),
        closed_day in 0i64..14,
    ) {
        let (_dir, mut s) = store();
        let zone = ResponseZone::new("Zona Sur", chrono_tz::America::Chicago);
        let at = now();
        s.write(at, |w| {
            w.create(&zone)?;
            for (day, hour, hours, min, dispatcher, lead) in &slots {
                let start = NaiveTime::from_hms_opt(*hour, 0, 0).unwrap();
                w.create(&OncallSlot {
                    id: Uuid::now_v7(),
                    zone_id: zone.id,
                    weekday: *day,
                    start_time: start,
                    end_time: start + Duration::hours(*hours),
                    min_people: *min,
                    needs_dispatcher: *dispatcher,
                    needs_zone_lead: *lead,
                })?;
            }
            for (i, (ts, active, max)) in people.iter().enumerate() {
                let mut v = Volunteer::new(format!("Voluntaria {i} Núñez"));
                v.active = *active;
                v.max_shifts_per_week = *max;
                v.trainings = ts.iter().map(|t| TrainingRecord { training: *t, completed_on: None }).collect();
                w.create(&v)?;
            }
            Ok(())
        }).unwrap();
        let first = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        s.write(at, |w| oncall::generate(w, zone.id, first, first + Duration::days(27))).unwrap();
        s.write(at, |w| oncall::close_day(w, zone.id, first + Duration::days(closed_day), true)).unwrap();
        let (from, to) = (Utc.with_ymd_and_hms(2027, 2, 28, 0, 0, 0).unwrap(), Utc.with_ymd_and_hms(2027, 3, 30, 0, 0, 0).unwrap());
        let plan = oncall::plan(s.conn(), Some(zone.id), from, to).unwrap();
        prop_assert!(plan.coverage <= plan.bound && plan.bound <= plan.positions, "{:?}", (plan.coverage, plan.bound, plan.positions));
        let shifts: Vec<OncallShift> = s.list().unwrap();
        let volunteers: Vec<Volunteer> = s.list().unwrap();
        let mut seen = std::collections::HashSet::new();
        for a in &plan.assignments {
            let shift = shifts.iter().find(|x| x.id == a.shift_id).unwrap();
            prop_assert!(!shift.closed, "nobody is put on a closed day");
            let v = volunteers.iter().find(|v| v.id == a.volunteer_id).unwrap();
            prop_assert!(v.active && oncall::qualifies(v, a.position), "{} as {:?}", v.name, a.position);
            prop_assert!(seen.insert((a.shift_id, a.volunteer_id)), "once per shift");
        }
        s.write(at, |w| oncall::apply_plan(w, &plan)).unwrap();
        let again = oncall::plan(s.conn(), Some(zone.id), from, to).unwrap();
        prop_assert!(again.assignments.is_empty(), "a filled rota stays as it is: {:?}", again.assignments);
        prop_assert_eq!(again.coverage, plan.coverage);
        for o in oncall::on_call(s.conn(), from, to).unwrap() {
            let primaries = o.people.iter().filter(|(p, _)| *p == OncallPosition::PrimaryDispatcher).count();
            prop_assert!(primaries <= 1, "one primary dispatcher per shift");
        }
    }
}

#[test]
fn a_week_of_on_call_across_the_spring_change_from_the_cli() {
    let env = Env::new();
    let zone = added_id(&env.ok(&[
        "zone",
        "add",
        "--name",
        "Pilsen",
        "--tz",
        "America/Chicago",
        "--signal-group",
        "Pilsen RR",
    ]));
    // 02:30 on Sunday 14 March 2027 does not exist in Chicago: the shift starts at 03:00.
    env.ok(&[
        "oncall", "slot", "--zone", &zone, "--day", "domingo", "--start", "02:30", "--end", "08:00", "--min", "1",
    ]);
    env.ok(&[
        "oncall",
        "slot",
        "--zone",
        &zone,
        "--day",
        "friday",
        "--start",
        "18:00",
        "--end",
        "06:00",
        "--min",
        "2",
        "--zone-lead",
    ]);
    for (name, training) in [
        ("Marisol Ñáñez", "dispatch"),
        ("Óscar Peña", "dispatch"),
        ("Beto Ramírez", "rapid_response"),
        ("Lucía Cruz", "zone_lead"),
    ] {
        env.ok(&["volunteer", "add", "--name", name, "--training", training]);
    }
    let out = env.ok(&["oncall", "generate", "--zone", &zone, "--from", "2027-03-08", "--to", "2027-03-14"]);
    assert!(out.contains("made 2 on-call shift(s)"), "{out}");
    let plan = env.ok(&["oncall", "autofill", "--zone", &zone, "--from", "2027-03-08", "--to", "2027-03-14"]);
    assert!(plan.contains("nothing written"), "{plan}");
    assert!(plan.contains("Sun 2027-03-14 03:00"), "the skipped half hour: {plan}");
    let applied =
        env.ok(&["oncall", "autofill", "--zone", &zone, "--from", "2027-03-08", "--to", "2027-03-14", "--apply"]);
    assert!(applied.contains("applied:"), "{applied}");
    assert!(applied.contains("GAP Fri 2027-03-12 18:00 Pilsen needs 1 more"), "four people for five places: {applied}");
    let sheet = env.ok(&["oncall", "week", "--from", "2027-03-08", "--lang", "es"]);
    assert!(sheet.starts_with("Guardias, semana del 08/03/2027"), "{sheet}");
    assert!(sheet.contains("Pilsen (America/Chicago) — Signal: Pilsen RR"), "{sheet}");
    assert!(sheet.contains("14/03 03:00–08:00"), "{sheet}");
    assert!(sheet.contains("Lucía Cruz (líder de zona)"), "{sheet}");
    let now = env.cmd().env("AMPARO_NOW", "2027-03-13T02:00:00Z").args(["oncall", "now"]).output().unwrap();
    let now = String::from_utf8(now.stdout).unwrap();
    assert!(now.starts_with("Pilsen: ") && now.contains("Lucía Cruz (zone lead)"), "Friday night: {now}");
    let bad = env.fail(&["oncall", "slot", "--zone", &zone, "--day", "someday", "--start", "9", "--end", "10:00"]);
    assert!(bad.contains("not a weekday"), "{bad}");
    let closed = env.ok(&["oncall", "close-day", "--zone", &zone, "--on", "2027-03-12"]);
    assert!(closed.contains("closed 1 on-call shift(s)"), "{closed}");
    assert!(env.ok(&["oncall", "week", "--from", "2027-03-08"]).contains("Fri Mar 12 6:00 PM–6:00 AM: closed"));
}
