//! Sanctuary rotations through the public API: templates, generation across DST,
//! auto-fill (plan, then apply), gaps and double bookings, swaps, the door rota and the
//! volunteer's calendar file.

use amparo_core::domain::{
    Availability, RotationTemplate, SanctuarySite, Shift, ShiftAssignment, ShiftSpec, Training, TrainingRecord,
    Volunteer,
};
use amparo_core::schedule::{self, IcsOptions, Lang, RotaIssue};
use amparo_core::{rules, Error, KdfParams, Owner, Store};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, EventLike};
use uuid::Uuid;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 20, 15, 0, 0).unwrap()
}

fn new_store(dir: &std::path::Path) -> Store {
    let owner = Owner { name: "Ana Coordinadora".into(), device_label: "office".into() };
    Store::init(dir, "a long passphrase", KdfParams::MINIMUM, &owner, now()).unwrap()
}

fn chicago() -> Tz {
    "America/Chicago".parse().unwrap()
}

fn t(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap()
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn site(store: &mut Store) -> SanctuarySite {
    let s = SanctuarySite {
        id: Uuid::now_v7(),
        name: "Iglesia San José".into(),
        code: "SJ-1".into(),
        address: Some("100 Main St".into()),
        time_zone: chicago(),
        congregation_id: None,
        host_volunteer_id: None,
    };
    store.create(now(), &s).unwrap();
    s
}

fn three_shift_template(site: Uuid) -> RotationTemplate {
    let mut day = ShiftSpec::new("day", t(8), t(14));
    day.required_skills = vec!["spanish".into()];
    RotationTemplate::new(
        site,
        "standard",
        vec![day, ShiftSpec::new("evening", t(14), t(20)), ShiftSpec::new("overnight", t(20), t(8))],
    )
}

fn volunteer(store: &mut Store, name: &str, spanish: bool) -> Volunteer {
    let mut v = Volunteer::new(name);
    if spanish {
        v.languages = vec!["Spanish".into()];
    }
    v.trainings = vec![TrainingRecord { training: Training::SanctuaryShift, completed_on: Some(d(1, 10)) }];
    store.create(now(), &v).unwrap();
    v
}

fn range(zone: Tz, from: NaiveDate, to: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        schedule::resolve_local(zone, from.and_time(NaiveTime::MIN)),
        schedule::resolve_local(zone, (to + Duration::days(1)).and_time(NaiveTime::MIN)),
    )
}

fn count<R: amparo_core::domain::Record>(store: &Store) -> usize {
    store.list::<R>().unwrap().len()
}

#[test]
fn generation_over_the_fall_back_weekend_keeps_local_hours_and_runs_twice_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store);
    let tpl = three_shift_template(s.id);
    store.create(now(), &tpl).unwrap();
    // Clocks fall back in Chicago on Sunday 2026-11-01.
    let g = store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(10, 30), d(11, 2))).unwrap();
    assert_eq!(g.created.len(), 12);
    let again = store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(10, 30), d(11, 2))).unwrap();
    assert_eq!((again.created.len(), again.existing), (0, 12));
    let mut shifts: Vec<Shift> = store.list().unwrap();
    shifts.sort_by_key(|s| s.starts_utc);
    for pair in shifts.windows(2) {
        assert_eq!(pair[0].ends_utc, pair[1].starts_utc, "no gap or overlap in round-the-clock cover");
    }
    let night = shifts
        .iter()
        .find(|x| x.label == "overnight" && x.starts_utc.with_timezone(&chicago()).date_naive() == d(10, 31))
        .unwrap();
    assert_eq!(night.ends_utc - night.starts_utc, Duration::hours(13));
    for x in &shifts {
        let local = x.starts_utc.with_timezone(&chicago()).time();
        assert!([t(8), t(14), t(20)].contains(&local), "{} starts at {local}", x.label);
        assert_eq!(x.min_people, 2);
    }
    assert!(shifts.iter().filter(|x| x.label == "day").all(|x| x.required_skills == vec!["es".to_string()]));
}

#[test]
fn autofill_shows_a_plan_writes_nothing_until_applied_and_keeps_manual_assignments() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store);
    let tpl = three_shift_template(s.id);
    store.create(now(), &tpl).unwrap();
    store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(11, 2), d(11, 8))).unwrap();
    let mut people = Vec::new();
    for (i, name) in
        ["Ana López", "Beto Ruiz", "Carla Díaz", "Dan Smith", "Eve Jones", "Fran Moe", "Gus Lee", "Hana Kim"]
            .iter()
            .enumerate()
    {
        people.push(volunteer(&mut store, name, i < 3));
    }
    // Dan only evenings on weekdays; Eve never on Wednesday 2026-11-04; Fran at most 2 a week.
    people[3].availability =
        Availability { weekly: vec!["MO,TU,WE,TH,FR 14:00-20:00".into()], ..Availability::default() };
    people[4].availability.blackout = vec![d(11, 4)];
    people[5].max_shifts_per_week = Some(2);
    people[6].min_rest_hours = Some(12);
    for p in &people[3..7] {
        store.save(now(), p).unwrap();
    }
    // A coordinator put Hana on Monday's day shift by hand, although she speaks no Spanish.
    let monday_day = store
        .list::<Shift>()
        .unwrap()
        .into_iter()
        .find(|x| x.label == "day" && x.starts_utc.with_timezone(&chicago()).date_naive() == d(11, 2))
        .unwrap();
    let manual = store.write(now(), |w| rules::assign_shift(w, monday_day.id, people[7].id)).unwrap();

    let (from, to) = range(chicago(), d(11, 2), d(11, 8));
    let before = count::<ShiftAssignment>(&store);
    let plan = schedule::plan_autofill(store.conn(), Some(s.id), from, to).unwrap();
    assert_eq!(count::<ShiftAssignment>(&store), before, "a plan writes nothing");
    assert_eq!(plan.positions, 21 * 2);
    assert_eq!(plan.coverage, plan.positions, "eight people can cover a week of three double shifts: {:?}", plan.gaps);
    assert!(plan.proven_optimal);
    assert!(plan.gaps.is_empty());
    assert!(!plan.assignments.iter().any(|a| a.shift_id == monday_day.id && a.volunteer_id == people[7].id));

    let n = store.write(now(), |w| schedule::apply_autofill(w, &plan)).unwrap();
    assert_eq!(n, plan.assignments.len());
    let all: Vec<ShiftAssignment> = store.list().unwrap();
    assert!(all.iter().any(|a| a.id == manual && a.manual), "the manual assignment is still there");
    assert!(all.iter().filter(|a| a.id != manual).all(|a| !a.manual));

    // Every rule holds in what was written.
    let shifts: std::collections::HashMap<Uuid, Shift> =
        store.list::<Shift>().unwrap().into_iter().map(|x| (x.id, x)).collect();
    let on = |v: &Volunteer| -> Vec<&Shift> {
        all.iter().filter(|a| a.volunteer_id == v.id).map(|a| &shifts[&a.shift_id]).collect()
    };
    for x in on(&people[3]) {
        let local = x.starts_utc.with_timezone(&chicago());
        assert_eq!(x.label, "evening");
        assert!(local.date_naive() < d(11, 7), "Dan is not free on the weekend");
    }
    assert!(on(&people[4]).iter().all(|x| x.starts_utc.with_timezone(&chicago()).date_naive() != d(11, 4)
        && x.ends_utc.with_timezone(&chicago()).date_naive() != d(11, 4)
        || x.ends_utc.with_timezone(&chicago()).time() == NaiveTime::MIN));
    assert!(on(&people[5]).len() <= 2);
    let mut gus = on(&people[6]);
    gus.sort_by_key(|x| x.starts_utc);
    for pair in gus.windows(2) {
        assert!(pair[1].starts_utc - pair[0].ends_utc >= Duration::hours(12), "Gus wants 12 hours of rest");
    }
    for day in shifts.values().filter(|x| x.label == "day") {
        let staff: Vec<Uuid> = all.iter().filter(|a| a.shift_id == day.id).map(|a| a.volunteer_id).collect();
        assert!(staff.iter().any(|v| people[..3].iter().any(|p| p.id == *v)), "every day shift has a Spanish speaker");
    }
    // Spread: apart from Fran (capped at 2), loads differ by at most one.
    let loads: Vec<usize> = people.iter().map(|p| on(p).len()).collect();
    assert_eq!(loads[5], 2);
    let others: Vec<usize> = loads.iter().enumerate().filter(|(i, _)| *i != 5).map(|(_, l)| *l).collect();
    assert!(others.iter().max().unwrap() - others.iter().min().unwrap() <= 1, "{loads:?}");
    assert!(schedule::rota_issues(store.conn(), Some(s.id), from, to)
        .unwrap()
        .iter()
        .all(|i| !matches!(i, RotaIssue::DoubleBooked { .. })));
}

#[test]
fn a_stale_plan_is_refused_and_gaps_and_double_bookings_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store);
    let tpl = three_shift_template(s.id);
    store.create(now(), &tpl).unwrap();
    store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(11, 2), d(11, 2))).unwrap();
    let ana = volunteer(&mut store, "Ana López", false);
    let beto = volunteer(&mut store, "Beto Ruiz", false);
    let (from, to) = range(chicago(), d(11, 2), d(11, 2));
    let plan = schedule::plan_autofill(store.conn(), None, from, to).unwrap();
    assert_eq!(plan.positions, 6);
    // Two people can fill each shift but the day shift needs a Spanish speaker.
    assert!(plan.coverage < plan.positions);
    let gap = plan.gaps.iter().find(|g| g.shift_label == "day").unwrap();
    assert_eq!(gap.missing_skills, vec!["es".to_string()], "the template's \"spanish\" is the language code");

    // Someone assigns Beto by hand meanwhile: the old plan is refused, nothing written.
    let evening = store.list::<Shift>().unwrap().into_iter().find(|x| x.label == "evening").unwrap();
    store.write(now(), |w| rules::assign_shift(w, evening.id, beto.id)).unwrap();
    let before = count::<ShiftAssignment>(&store);
    let err = store.write(now(), |w| schedule::apply_autofill(w, &plan)).unwrap_err();
    assert!(matches!(err, Error::Refused(_)), "{err}");
    assert_eq!(count::<ShiftAssignment>(&store), before);

    // A double booking that arrived by sync (written straight to the table) is reported.
    let overnight = store.list::<Shift>().unwrap().into_iter().find(|x| x.label == "overnight").unwrap();
    let mut clash = overnight.clone();
    clash.id = Uuid::now_v7();
    clash.label = "extra".into();
    clash.starts_utc = overnight.starts_utc + Duration::hours(1);
    store.create(now(), &clash).unwrap();
    for shift in [overnight.id, clash.id] {
        store
            .create(
                now(),
                &ShiftAssignment {
                    id: Uuid::now_v7(),
                    shift_id: shift,
                    volunteer_id: ana.id,
                    confirmed: true,
                    manual: true,
                    claimed_at: None,
                },
            )
            .unwrap();
    }
    let issues = schedule::rota_issues(store.conn(), Some(s.id), from, to + Duration::days(1)).unwrap();
    assert!(
        issues.iter().any(|i| matches!(i, RotaIssue::DoubleBooked { volunteer_id, .. } if *volunteer_id == ana.id)),
        "{issues:?}"
    );
    assert!(issues.iter().any(|i| matches!(i, RotaIssue::Gap { label, missing_skills, .. } if label == "day" && missing_skills == &vec!["es".to_string()])));
}

/// The standard template's shifts of 2026-11-02, with Ana (Spanish) on the day shift
/// (assignment `a`), Beto (Spanish) and Carla (no Spanish) free.
struct SwapScene {
    _dir: tempfile::TempDir,
    store: Store,
    day: Shift,
    evening: Shift,
    ana: Volunteer,
    beto: Volunteer,
    carla: Volunteer,
    a: ShiftAssignment,
}

fn swap_scene() -> SwapScene {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store);
    let tpl = three_shift_template(s.id);
    store.create(now(), &tpl).unwrap();
    store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(11, 2), d(11, 2))).unwrap();
    let ana = volunteer(&mut store, "Ana López", true);
    let beto = volunteer(&mut store, "Beto Ruiz", true);
    let carla = volunteer(&mut store, "Carla Díaz", false);
    let shifts: Vec<Shift> = store.list().unwrap();
    let day = shifts.iter().find(|x| x.label == "day").unwrap().clone();
    let evening = shifts.iter().find(|x| x.label == "evening").unwrap().clone();
    store.write(now(), |w| rules::assign_shift(w, day.id, ana.id)).unwrap();
    let a = rules::assignments_of(store.conn(), day.id).unwrap()[0].clone();
    SwapScene { _dir: dir, store, day, evening, ana, beto, carla, a }
}

#[test]
fn swaps_move_a_shift_only_when_approved_and_never_double_book() {
    let SwapScene { _dir, mut store, day, evening, ana, beto, carla, a } = swap_scene();

    let offer = store.write(now(), |w| schedule::offer_swap(w, a.id, now())).unwrap();
    assert!(store.write(now(), |w| schedule::offer_swap(w, a.id, now())).is_err(), "one open offer per shift");
    // Carla speaks no Spanish: the rules do not approve it at once.
    let taken = store.write(now(), |w| schedule::take_swap(w, offer.id, carla.id, true, now())).unwrap();
    assert!(!taken.approved);
    assert!(
        taken.problems.iter().any(|p| p.to_string() == "the shift would have nobody with Spanish"),
        "{:?}",
        taken.problems
    );
    assert_eq!(
        rules::assignments_of(store.conn(), day.id).unwrap()[0].volunteer_id,
        ana.id,
        "nothing moves before approval"
    );
    // A coordinator deciding later sees the same problems.
    assert_eq!(schedule::swap_problems(store.conn(), offer.id).unwrap(), taken.problems);
    let declined = store.write(now(), |w| schedule::decline_swap(w, offer.id, Uuid::now_v7(), now())).unwrap();
    assert_eq!(declined.status.as_str(), "declined");

    // Beto takes it and the rule set approves at once.
    let offer = store.write(now(), |w| schedule::offer_swap(w, a.id, now())).unwrap();
    let taken = store.write(now(), |w| schedule::take_swap(w, offer.id, beto.id, true, now())).unwrap();
    assert!(taken.approved, "{:?}", taken.problems);
    let on_day: Vec<Uuid> =
        rules::assignments_of(store.conn(), day.id).unwrap().iter().map(|a| a.volunteer_id).collect();
    assert_eq!(on_day, vec![beto.id]);

    // A swap that would double-book is refused at approval.
    let mut overlapping = evening.clone();
    overlapping.id = Uuid::now_v7();
    overlapping.starts_utc = day.starts_utc;
    store.create(now(), &overlapping).unwrap();
    store.write(now(), |w| rules::assign_shift(w, overlapping.id, carla.id)).unwrap();
    let b = rules::assignments_of(store.conn(), day.id).unwrap()[0].clone();
    let offer = store.write(now(), |w| schedule::offer_swap(w, b.id, now())).unwrap();
    let taken = store.write(now(), |w| schedule::take_swap(w, offer.id, carla.id, false, now())).unwrap();
    assert!(taken.problems.contains(&amparo_core::SwapProblem::DoubleBooked));
    let err = store.write(now(), |w| schedule::approve_swap(w, offer.id, Uuid::now_v7(), now())).unwrap_err();
    assert!(err.to_string().contains("double-book"), "{err}");
    assert_eq!(rules::assignments_of(store.conn(), day.id).unwrap()[0].volunteer_id, beto.id);
}

#[test]
fn the_door_rota_is_escaped_bilingual_loud_about_gaps_and_never_shows_handoff_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store);
    let tpl = three_shift_template(s.id);
    store.create(now(), &tpl).unwrap();
    store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(11, 2), d(11, 8))).unwrap();
    let evil = volunteer(&mut store, "<script>alert(1)</script> Smith", false);
    let shifts: Vec<Shift> = store.list().unwrap();
    let evening = shifts.iter().find(|x| x.label == "evening").unwrap();
    store.write(now(), |w| rules::assign_shift(w, evening.id, evil.id)).unwrap();
    store.write(now(), |w| schedule::set_handoff_note(w, evening.id, "door code <b>changed</b> & \"lock\"")).unwrap();

    let en = schedule::door_rota_html(store.conn(), s.id, d(11, 4), Lang::En).unwrap();
    assert!(!en.contains("<script>alert"), "record text must be escaped");
    assert!(en.contains("&lt;script&gt;alert(1)&lt;/script&gt; S."));
    assert!(!en.contains("door code") && !en.contains("Handoff"), "handoff notes stay off the sheet at the door");
    assert!(en.contains("@media print"));
    assert!(
        en.contains("SJ-1") && !en.contains("Iglesia San José") && !en.contains("Main St"),
        "the rota names the site by code only"
    );
    assert!(en.contains("UNCOVERED") && en.contains("NEEDS 1") && en.contains("NEEDS SOMEONE WITH Spanish"));
    assert!(en.contains("Monday") && en.contains("2:00 PM–8:00 PM"), "English is US style, as in the app");
    assert!(en.contains("Nov 4") && !en.contains("04/11"));
    let es = schedule::door_rota_html(store.conn(), s.id, d(11, 4), Lang::Es).unwrap();
    assert!(
        es.contains("lang=\"es\"")
            && es.contains("Miércoles")
            && es.contains("SIN CUBRIR")
            && es.contains("FALTA ALGUIEN CON español")
    );
    assert!(
        es.contains("FALTA 1") && !es.contains("FALTAN 1") && !es.contains("door code"),
        "Spanish agrees in number"
    );
    assert!(es.contains("Turnos de puerta"));
    assert!(es.contains("14:00–20:00") && es.contains("04/11"), "Spanish keeps day/month and 24 hours");
}

#[test]
fn a_volunteers_calendar_holds_only_their_shifts_as_shift_at_code_and_parses_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store);
    let tpl = three_shift_template(s.id);
    store.create(now(), &tpl).unwrap();
    store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(11, 2), d(11, 3))).unwrap();
    let ana = volunteer(&mut store, "Ana López", true);
    let beto = volunteer(&mut store, "Beto Ruiz", true);
    let mut shifts: Vec<Shift> = store.list().unwrap();
    shifts.sort_by_key(|x| x.starts_utc);
    store
        .write(now(), |w| {
            rules::assign_shift(w, shifts[0].id, ana.id)?;
            rules::assign_shift(w, shifts[2].id, ana.id)?;
            rules::assign_shift(w, shifts[1].id, beto.id)
        })
        .unwrap();
    let (from, to) = range(chicago(), d(11, 1), d(11, 30));
    let text = schedule::volunteer_ics(store.conn(), ana.id, from, to, &IcsOptions::default(), now()).unwrap();
    let cal: Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), 2);
    for (e, shift) in events.iter().zip([&shifts[0], &shifts[2]]) {
        assert_eq!(e.get_summary(), Some("Shift at SJ-1"));
        assert!(e.get_description().is_none() && e.get_location().is_none());
        let start = match e.get_start() {
            Some(icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(t))) => t,
            other => panic!("start {other:?}"),
        };
        assert_eq!(start, shift.starts_utc);
    }
    for secret in ["Iglesia", "Main St", "Ana", "Beto"] {
        assert!(!text.contains(secret), "{secret} leaked into the calendar");
    }
    let labelled =
        schedule::volunteer_ics(store.conn(), ana.id, from, to, &IcsOptions { include_shift_label: true }, now())
            .unwrap();
    assert!(labelled.contains("Shift at SJ-1 (day)"));
}

#[test]
fn the_agenda_reports_gaps_missing_skills_and_double_bookings_in_its_range_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store);
    let tpl = three_shift_template(s.id);
    store.create(now(), &tpl).unwrap();
    // Oct 22 is inside the 14 days from now; Nov 20 is not.
    store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(10, 22), d(10, 22))).unwrap();
    store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(11, 20), d(11, 20))).unwrap();
    let ana = volunteer(&mut store, "Ana López", false);
    let beto = volunteer(&mut store, "Beto Ruiz", false);
    let shifts: Vec<Shift> = store.list().unwrap();
    let on = |label: &str, day: u32| {
        shifts.iter().find(|x| x.label == label && x.starts_utc.with_timezone(&chicago()).day() == day).unwrap().clone()
    };
    let day = on("day", 22);
    for v in [ana.id, beto.id] {
        store.write(now(), |w| rules::assign_shift(w, day.id, v)).unwrap();
    }
    // A clash that arrived by sync: Ana on an overlapping extra shift.
    let mut clash = day.clone();
    clash.id = Uuid::now_v7();
    clash.label = "extra".into();
    clash.starts_utc = day.starts_utc + Duration::hours(2);
    clash.min_people = 1;
    store.create(now(), &clash).unwrap();
    store
        .create(
            now(),
            &ShiftAssignment {
                id: Uuid::now_v7(),
                shift_id: clash.id,
                volunteer_id: ana.id,
                confirmed: true,
                manual: true,
                claimed_at: None,
            },
        )
        .unwrap();

    let agenda =
        amparo_core::query::agenda(store.conn(), now(), chrono::FixedOffset::east_opt(0).unwrap(), 14).unwrap();
    let issues = &agenda.rota_issues;
    use schedule::RotaIssueKind as K;
    let skill_gap =
        issues.iter().find(|i| i.kind == K::Gap && i.shift_id == day.id).expect("the day shift lacks Spanish");
    assert_eq!(skill_gap.missing_skills, vec!["es".to_string()]);
    assert_eq!((skill_gap.assigned, skill_gap.min_people), (2, 2));
    assert_eq!(skill_gap.site_code, "SJ-1");
    assert_eq!(skill_gap.local_start, "2026-10-22 08:00");
    let double = issues.iter().find(|i| i.kind == K::DoubleBooked).expect("the double booking");
    assert_eq!(double.volunteer.as_deref(), Some("Ana López"));
    assert_eq!((double.shift_id, double.other_shift_id), (clash.id, Some(day.id)));
    assert!(double.describe().starts_with("DOUBLE BOOKED [SJ-1] extra 2026-10-22 10:00"), "{}", double.describe());
    assert!(issues.iter().any(|i| i.kind == K::Gap && i.label == "evening" && i.assigned == 0));
    // Nothing from November, beyond the range.
    assert!(issues.iter().all(|i| i.local_start.starts_with("2026-10-2")), "{issues:?}");
    // The JSON the CLI prints names the kind in words.
    let json = serde_json::to_value(&agenda).unwrap();
    assert!(json["rota_issues"].as_array().unwrap().iter().any(|i| i["kind"] == "double_booked"));
}

/// The app's end-to-end story in the core: a swap moves a manual assignment, then
/// auto-fill uses every volunteer's spare shifts up to their weekly maximum.
#[test]
fn after_an_approved_swap_autofill_fills_up_to_each_weekly_maximum() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store);
    let tpl = three_shift_template(s.id);
    store.create(now(), &tpl).unwrap();
    store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(11, 23), d(12, 6))).unwrap();
    let mut vs = Vec::new();
    for (n, sp) in [("A a", true), ("B b", false), ("C c", false)] {
        let mut v = Volunteer::new(n);
        if sp {
            v.languages = vec!["Spanish".into()];
        }
        v.roles = vec![amparo_core::domain::Role::Accompanier, amparo_core::domain::Role::ShiftVolunteer];
        v.max_shifts_per_week = Some(2);
        store.create(now(), &v).unwrap();
        vs.push(v);
    }
    let shifts: Vec<Shift> = store.list().unwrap();
    let mon_day = shifts.iter().filter(|x| x.label == "day").min_by_key(|x| x.starts_utc).unwrap();
    for v in [&vs[0], &vs[2]] {
        store.write(now(), |w| rules::assign_shift(w, mon_day.id, v.id)).unwrap();
    }
    let a = rules::assignments_of(store.conn(), mon_day.id)
        .unwrap()
        .into_iter()
        .find(|a| a.volunteer_id == vs[0].id)
        .unwrap();
    let offer = store.write(now(), |w| schedule::offer_swap(w, a.id, now())).unwrap();
    store.write(now(), |w| schedule::take_swap(w, offer.id, vs[1].id, false, now())).unwrap();
    store.write(now(), |w| schedule::approve_swap(w, offer.id, Uuid::now_v7(), now())).unwrap();
    let (from, to) = range(chicago(), d(11, 23), d(11, 29));
    let plan = schedule::plan_autofill(store.conn(), Some(s.id), from, to).unwrap();
    // Monday day: B and C held, A adds the Spanish place; then A, B and C have one spare
    // shift each (two a week) besides: 2 + 3 places.
    assert_eq!((plan.coverage, plan.bound, plan.positions), (5, 5, 42));
    assert!(plan.proven_optimal);
    let per = |v: &Volunteer| plan.assignments.iter().filter(|a| a.volunteer_id == v.id).count();
    assert_eq!((per(&vs[0]), per(&vs[1]), per(&vs[2])), (2, 1, 1));
    let day = plan.assignments.iter().find(|a| a.shift_id == mon_day.id).unwrap();
    assert_eq!((day.volunteer_id, day.covers_skill.as_deref()), (vs[0].id, Some("es")));
    let before = store.list::<ShiftAssignment>().unwrap().len();
    assert_eq!(store.write(now(), |w| schedule::apply_autofill(w, &plan)).unwrap(), 4);
    assert_eq!(store.list::<ShiftAssignment>().unwrap().len(), before + 4);
    let on_day: Vec<Uuid> =
        rules::assignments_of(store.conn(), mon_day.id).unwrap().iter().map(|a| a.volunteer_id).collect();
    assert!(on_day.contains(&vs[1].id) && on_day.contains(&vs[2].id), "manual assignments kept");
}

#[test]
fn a_volunteer_with_unreadable_availability_is_refused_with_the_entry_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let mut v = Volunteer::new("Eva Marín");
    v.availability.weekly = vec!["MO 18:00-23:00".into(), "Tuesday evenings".into()];
    let err = store.create(now(), &v).unwrap_err().to_string();
    assert!(err.contains("Tuesday evenings") && err.contains("MO,WE 18:00-23:00"), "{err}");
    v.availability.weekly = vec!["MO 18:00-23:00".into()];
    v.availability.blackout_rules = vec!["FREQ=SOMETIMES".into()];
    let err = store.create(now(), &v).unwrap_err().to_string();
    assert!(err.contains("blackout rule") && err.contains("FREQ=SOMETIMES"), "{err}");
    assert_eq!(count::<Volunteer>(&store), 0);
    v.availability.blackout_rules = vec!["FREQ=MONTHLY;BYDAY=1SU".into()];
    store.create(now(), &v).unwrap();
    assert_eq!(count::<Volunteer>(&store), 1);
}

#[test]
fn a_withdrawn_offer_leaves_the_shift_with_its_volunteer_and_can_be_made_again() {
    let SwapScene { _dir, mut store, day, ana, beto, carla, a, .. } = swap_scene();
    let me = store.member_id();
    let on_day = |store: &Store| -> Vec<Uuid> {
        rules::assignments_of(store.conn(), day.id).unwrap().iter().map(|a| a.volunteer_id).collect()
    };

    // An offer nobody took.
    let offer = store.write(now(), |w| schedule::offer_swap(w, a.id, now())).unwrap();
    let gone = store.write(now(), |w| schedule::withdraw_swap(w, offer.id, me, now())).unwrap();
    assert_eq!(gone.status.as_str(), "withdrawn");
    assert_eq!((gone.decided_by, gone.decided_at), (Some(me), Some(now())));
    assert_eq!(
        store.get::<amparo_core::domain::SwapRequest>(offer.id).unwrap().status.as_str(),
        "withdrawn",
        "the change is stored"
    );
    assert_eq!(on_day(&store), vec![ana.id]);
    // Withdrawn is final: it cannot be taken, approved or withdrawn again.
    let err = store.write(now(), |w| schedule::take_swap(w, offer.id, beto.id, true, now())).unwrap_err();
    assert!(matches!(err, Error::Refused(_)), "{err}");
    let err = store.write(now(), |w| schedule::withdraw_swap(w, offer.id, me, now())).unwrap_err();
    assert!(err.to_string().contains("already withdrawn"), "{err}");

    // An offer taken but waiting for a coordinator (Carla lacks Spanish) can still be withdrawn.
    let offer = store.write(now(), |w| schedule::offer_swap(w, a.id, now())).unwrap();
    let taken = store.write(now(), |w| schedule::take_swap(w, offer.id, carla.id, true, now())).unwrap();
    assert!(!taken.approved);
    store.write(now(), |w| schedule::withdraw_swap(w, offer.id, me, now())).unwrap();
    let err = store.write(now(), |w| schedule::approve_swap(w, offer.id, me, now())).unwrap_err();
    assert!(err.to_string().contains("withdrawn"), "{err}");
    assert_eq!(on_day(&store), vec![ana.id], "nothing moved");

    // An approved swap is done: withdrawing it is refused and the shift stays with the taker.
    let offer = store.write(now(), |w| schedule::offer_swap(w, a.id, now())).unwrap();
    assert!(store.write(now(), |w| schedule::take_swap(w, offer.id, beto.id, true, now())).unwrap().approved);
    let err = store.write(now(), |w| schedule::withdraw_swap(w, offer.id, me, now())).unwrap_err();
    assert!(err.to_string().contains("already approved"), "{err}");
    assert_eq!(on_day(&store), vec![beto.id]);
    // Unknown ids are "not found", not a panic.
    let err = store.write(now(), |w| schedule::withdraw_swap(w, Uuid::now_v7(), me, now())).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
}

#[test]
fn a_template_is_edited_then_retired_and_its_generated_shifts_stay() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store);
    let mut tpl = three_shift_template(s.id);
    store.write(now(), |w| schedule::save_template(w, &tpl)).unwrap();
    // Editing: the same id saved again changes the template, and generation follows it.
    tpl.name = "winter".into();
    tpl.shifts.truncate(1);
    tpl.shifts[0].min_people = 3;
    store.write(now(), |w| schedule::save_template(w, &tpl)).unwrap();
    let stored: Vec<RotationTemplate> = store.list().unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!((stored[0].name.as_str(), stored[0].shifts.len()), ("winter", 1));
    let g = store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(11, 2), d(11, 3))).unwrap();
    assert_eq!(g.created.len(), 2);
    assert!(store.list::<Shift>().unwrap().iter().all(|x| x.label == "day" && x.min_people == 3));
    let ana = volunteer(&mut store, "Ana López", true);
    store.write(now(), |w| rules::assign_shift(w, g.created[0], ana.id)).unwrap();

    store.write(now(), |w| schedule::delete_template(w, tpl.id)).unwrap();
    assert_eq!(count::<RotationTemplate>(&store), 0);
    assert_eq!(count::<Shift>(&store), 2, "generated shifts stay");
    assert_eq!(rules::assignments_of(store.conn(), g.created[0]).unwrap().len(), 1, "with their people");
    // The delete is a tombstone in the change log, so it reaches the team.
    let tombstones: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM rotation_template WHERE id = ?1 AND deleted = 1", [tpl.id.to_string()], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(tombstones, 1);
    let err = store.write(now(), |w| schedule::generate_shifts(w, tpl.id, d(11, 4), d(11, 4))).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    let err = store.write(now(), |w| schedule::delete_template(w, tpl.id)).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    // Saving a retired template's id again is refused rather than resurrecting it silently.
    let err = store.write(now(), |w| schedule::save_template(w, &tpl)).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
}

#[test]
fn a_skill_written_spanish_is_met_by_a_volunteer_who_speaks_es() {
    let SwapScene { _dir, mut store, day, .. } = swap_scene();
    // The template says "spanish"; Dora was entered with the code, as `--language es` does.
    let mut dora = Volunteer::new("Dora Paz");
    dora.languages = vec!["es".into()];
    store.create(now(), &dora).unwrap();
    let stored: Volunteer = store.get(dora.id).unwrap();
    assert_eq!(stored.languages, vec!["es"]);
    let ana: Vec<Volunteer> = store.list().unwrap();
    assert!(
        ana.iter().filter(|v| v.name != "Carla Díaz").all(|v| v.languages == vec!["es"]),
        "\"Spanish\" is stored as es"
    );
    assert_eq!(
        store.get::<Shift>(day.id).unwrap().required_skills,
        vec!["es"],
        "the skill refers to the same vocabulary"
    );
    let (from, to) = range(chicago(), d(11, 2), d(11, 3));
    let gaps = |store: &Store| -> Vec<Vec<String>> {
        schedule::rota_issues(store.conn(), None, from, to)
            .unwrap()
            .into_iter()
            .filter_map(|i| match i {
                RotaIssue::Gap { shift_id, missing_skills, .. } if shift_id == day.id => Some(missing_skills),
                _ => None,
            })
            .collect()
    };
    // Ana (Spanish) is on the day shift already; take her off and put Dora (es) on.
    let ana = store.list::<Volunteer>().unwrap().into_iter().find(|v| v.name == "Ana López").unwrap();
    store.write(now(), |w| rules::unassign_shift(w, day.id, ana.id)).unwrap();
    assert_eq!(gaps(&store), vec![vec!["es".to_string()]]);
    store.write(now(), |w| rules::assign_shift(w, day.id, dora.id)).unwrap();
    assert!(
        gaps(&store).iter().all(|m| m.is_empty()),
        "an es speaker covers a shift that needs spanish: {:?}",
        gaps(&store)
    );
}

#[test]
fn a_blackout_is_warned_on_manual_assignment_and_flagged_in_rota_issues_as_is_an_inactive_volunteer() {
    let SwapScene { _dir, mut store, day, evening, beto, carla, .. } = swap_scene();
    let mut beto = store.get::<Volunteer>(beto.id).unwrap();
    beto.availability.blackout = vec![d(11, 2)];
    store.write(now(), |w| rules::save_volunteer(w, &beto)).unwrap();
    let flags = schedule::warnings_before_assigning(store.conn(), evening.id, &[beto.id, carla.id]).unwrap();
    let warnings: Vec<_> = flags.iter().map(|f| f.warning.clone()).collect();
    assert_eq!(warnings, vec![schedule::ShiftWarning::Blackout { date: d(11, 2) }], "only Beto blacked it out");
    assert_eq!((flags[0].volunteer_id, flags[0].name.as_str()), (beto.id, "Beto Ruiz"));
    assert_eq!(warnings[0].describe(), "2026-11-02 is one of their blackout dates");
    store.write(now(), |w| rules::assign_shift(w, evening.id, beto.id)).unwrap();
    // Once he is on it, choosing him again asks nothing more.
    assert!(schedule::warnings_before_assigning(store.conn(), evening.id, &[beto.id]).unwrap().is_empty());
    let (from, to) = range(chicago(), d(11, 2), d(11, 3));
    let lines = schedule::rota_issue_lines(store.conn(), None, from, to).unwrap();
    let blackout = lines.iter().find(|l| l.kind == schedule::RotaIssueKind::Blackout).expect("a blackout flagged");
    assert_eq!((blackout.shift_id, blackout.volunteer.as_deref()), (evening.id, Some("Beto Ruiz")));
    assert!(
        blackout.describe().starts_with("BLACKOUT [SJ-1] evening 2026-11-02 14:00 America/Chicago"),
        "{}",
        blackout.describe()
    );

    store.write(now(), |w| rules::assign_shift(w, day.id, carla.id)).unwrap();
    let mut carla = store.get::<Volunteer>(carla.id).unwrap();
    carla.active = false;
    store.write(now(), |w| rules::save_volunteer(w, &carla)).unwrap();
    let lines = schedule::rota_issue_lines(store.conn(), None, from, to).unwrap();
    let inactive =
        lines.iter().find(|l| l.kind == schedule::RotaIssueKind::Inactive).expect("an inactive volunteer flagged");
    assert_eq!((inactive.shift_id, inactive.volunteer.as_deref()), (day.id, Some("Carla Díaz")));
}

#[test]
fn someone_already_on_a_shift_cannot_take_it_in_a_swap() {
    let SwapScene { _dir, mut store, day, ana, beto, .. } = swap_scene();
    store.write(now(), |w| rules::assign_shift(w, day.id, beto.id)).unwrap();
    let a =
        rules::assignments_of(store.conn(), day.id).unwrap().into_iter().find(|a| a.volunteer_id == ana.id).unwrap();
    let offer = store.write(now(), |w| schedule::offer_swap(w, a.id, now())).unwrap();
    let err = store.write(now(), |w| schedule::take_swap(w, offer.id, beto.id, true, now())).unwrap_err();
    assert!(err.to_string().contains("already on this shift"), "{err}");
    let req: amparo_core::domain::SwapRequest = store.get(offer.id).unwrap();
    assert_eq!(
        (req.to_volunteer_id, req.status),
        (None, amparo_core::domain::SwapStatus::Offered),
        "the offer stays open"
    );
}

#[test]
fn a_template_shift_in_the_spring_forward_gap_is_reported_when_generating() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store);
    let early = ShiftSpec::new("early", NaiveTime::from_hms_opt(2, 30, 0).unwrap(), t(8));
    let tpl = RotationTemplate::new(s.id, "night", vec![early]);
    store.create(now(), &tpl).unwrap();
    // 2027-03-14: Chicago's clocks jump from 02:00 to 03:00.
    let march = |day| NaiveDate::from_ymd_opt(2027, 3, day).unwrap();
    let g = store.write(now(), |w| schedule::generate_shifts(w, tpl.id, march(13), march(15))).unwrap();
    assert_eq!(g.created.len(), 3);
    assert_eq!(
        g.moved,
        vec![schedule::MovedShift {
            date: march(14),
            label: "early".into(),
            written: "02:30-08:00".into(),
            local: "03:00-08:00".into()
        }]
    );
}
