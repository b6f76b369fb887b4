//! Court accompaniment through the public API: reminders at 7 days, 2 days and the
//! morning before; TBC dates; deadlines; the run sheet; outcome → rapid-response tasks.

use amparo_core::court::{self, ReminderKind, Stage};
use amparo_core::domain::{
    CourtDate, CourtKind, Deadline, Household, HouseholdStatus, Person, PlaceTime, Task, Volunteer,
};
use amparo_core::{rules, Error, KdfParams, Owner, Store};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn new_store(dir: &std::path::Path) -> Store {
    let owner = Owner { name: "Ana Coordinadora".into(), device_label: "office".into() };
    Store::init(dir, "a long passphrase", KdfParams::MINIMUM, &owner, at("2026-11-01T12:00:00Z")).unwrap()
}

fn chicago() -> Tz {
    "America/Chicago".parse().unwrap()
}

fn hearing(store: &mut Store, family: &Household, local: &str) -> CourtDate {
    let local = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
    let c = CourtDate::new(
        family.id,
        CourtKind::MasterCalendar,
        PlaceTime::new(local, chicago()).unwrap(),
        "Chicago Immigration Court",
    );
    store.write(at("2026-11-01T12:00:00Z"), |w| rules::add_court_date(w, &c)).unwrap();
    c
}

fn family(store: &mut Store, name: &str) -> Household {
    let h = Household::new(name);
    store.write(at("2026-11-01T12:00:00Z"), |w| rules::add_household(w, &h)).unwrap();
    h
}

fn understaffed_stage(store: &Store, now: &str, court: &CourtDate) -> Option<Stage> {
    court::reminders(store, at(now), chicago()).unwrap().into_iter().find_map(|r| match r.kind {
        ReminderKind::UnderStaffed { stage, .. } if r.court_date_id == Some(court.id) => Some(stage),
        _ => None,
    })
}

#[test]
fn an_understaffed_hearing_is_flagged_at_seven_days_two_days_and_the_morning_before_until_staffed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let f = family(&mut store, "Familia García");
    // Tuesday 2026-12-01 09:00 in Chicago = 15:00 UTC.
    let c = hearing(&mut store, &f, "2026-12-01 09:00");
    assert_eq!(understaffed_stage(&store, "2026-11-24T14:59:00Z", &c), None, "more than 7 days ahead");
    assert_eq!(understaffed_stage(&store, "2026-11-24T15:00:00Z", &c), Some(Stage::SevenDays));
    assert_eq!(understaffed_stage(&store, "2026-11-29T15:00:00Z", &c), Some(Stage::TwoDays));
    // 07:00 Chicago on Monday = 13:00 UTC.
    assert_eq!(understaffed_stage(&store, "2026-11-30T12:59:00Z", &c), Some(Stage::TwoDays));
    assert_eq!(understaffed_stage(&store, "2026-11-30T13:00:00Z", &c), Some(Stage::MorningBefore));
    assert_eq!(understaffed_stage(&store, "2026-12-01T15:00:00Z", &c), None, "over once it starts");

    let ana = Volunteer::new("Ana López");
    let beto = Volunteer::new("Beto Ruiz");
    store.create(at("2026-11-01T12:00:00Z"), &ana).unwrap();
    store.create(at("2026-11-01T12:00:00Z"), &beto).unwrap();
    store.write(at("2026-11-01T12:00:00Z"), |w| rules::assign_accompanier(w, c.id, ana.id)).unwrap();
    let r = court::reminders(&store, at("2026-11-29T15:00:00Z"), chicago()).unwrap();
    assert!(matches!(r[0].kind, ReminderKind::UnderStaffed { assigned: 1, wanted: 2, .. }));
    store.write(at("2026-11-01T12:00:00Z"), |w| rules::assign_accompanier(w, c.id, beto.id)).unwrap();
    assert_eq!(understaffed_stage(&store, "2026-11-30T13:00:00Z", &c), None, "two accompaniers: no flag");
}

#[test]
fn tbc_dates_within_fourteen_days_and_deadlines_are_flagged_and_locked_text_says_only_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let f = family(&mut store, "Familia Pérez");
    let mut c = hearing(&mut store, &f, "2026-11-20 09:00");
    c.time_tbc = true;
    c.min_accompaniers = 0;
    store.save(at("2026-11-01T12:00:00Z"), &c).unwrap();
    let mut far = hearing(&mut store, &f, "2026-12-20 09:00");
    far.time_tbc = true;
    store.save(at("2026-11-01T12:00:00Z"), &far).unwrap();
    let mut p = Person::new(f.id, "Rosa Pérez");
    p.deadlines = vec![
        Deadline { what: "Asylum application (I-589) due".into(), due: NaiveDate::from_ymd_opt(2026, 11, 12).unwrap() },
        Deadline { what: "Far away".into(), due: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap() },
    ];
    store.write(at("2026-11-01T12:00:00Z"), |w| rules::add_person(w, &p)).unwrap();

    let r = court::reminders(&store, at("2026-11-08T12:00:00Z"), chicago()).unwrap();
    assert!(r.iter().any(|x| x.kind == ReminderKind::TimeToBeConfirmed && x.court_date_id == Some(c.id)));
    assert!(!r.iter().any(|x| x.court_date_id == Some(far.id)), "beyond 14 days");
    let deadlines: Vec<_> = r.iter().filter(|x| matches!(x.kind, ReminderKind::Deadline { .. })).collect();
    assert_eq!(deadlines.len(), 1);
    assert!(
        matches!(&deadlines[0].kind, ReminderKind::Deadline { overdue: false, what, .. } if what.contains("I-589"))
    );
    let later = court::reminders(&store, at("2026-11-13T12:00:00Z"), chicago()).unwrap();
    assert!(later.iter().any(|x| matches!(x.kind, ReminderKind::Deadline { overdue: true, .. })));

    let locked = court::attention_summary(r.len());
    assert_eq!(locked, format!("Amparo: {} items need attention", r.len()));
    assert_eq!(court::attention_summary(1), "Amparo: 1 item needs attention");
}

#[test]
fn times_show_the_place_zone_and_the_viewers_time_when_different() {
    let pt =
        PlaceTime::new(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(9, 0, 0).unwrap(), chicago())
            .unwrap();
    assert_eq!(court::show_time(pt, chicago()), "Tue 2026-12-01 09:00 CST");
    let ny: Tz = "America/New_York".parse().unwrap();
    assert_eq!(court::show_time(pt, ny), "Tue 2026-12-01 09:00 CST (10:00 EST your time)");
}

#[test]
fn a_hearing_whose_time_is_to_be_confirmed_shows_no_clock_on_the_run_sheet_or_its_print() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let f = family(&mut store, "Familia Alvarado");
    // The time field keeps a placeholder (13:00) that must not reach any page.
    let mut c = hearing(&mut store, &f, "2026-12-06 13:00");
    c.time_tbc = true;
    store.save(at("2026-11-01T12:00:00Z"), &c).unwrap();
    assert_eq!(c.local_when(), "2026-12-06 time to be confirmed");

    let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let ny: Tz = "America/New_York".parse().unwrap();
    let sheet = court::run_sheet(store.conn(), day, ny).unwrap();
    assert_eq!(sheet[0].time, "Sun 2026-12-06, time to be confirmed (America/Chicago)");
    let html = court::run_sheet_html(day, &sheet);
    assert!(html.contains("time to be confirmed"));
    for clock in ["13:00", "14:00", "1:00", "CST"] {
        assert!(!html.contains(clock), "the placeholder time {clock} is printed");
    }
}

#[test]
fn the_run_sheet_lists_the_days_appointments_with_accompaniers_and_escapes_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let f = family(&mut store, "Familia <b>Ruiz</b>");
    let mut c = hearing(&mut store, &f, "2026-12-01 09:00");
    c.room = Some("5B".into());
    c.interpreter = Some("Spanish, in person".into());
    c.transport_needed = true;
    c.accompanier_notes = Some("<img src=x onerror=alert(1)> meet at the east door".into());
    c.internal_notes = Some("SECRET legal strategy".into());
    c.judge = Some("Judge Secret".into());
    store.save(at("2026-11-01T12:00:00Z"), &c).unwrap();
    let _other_day = hearing(&mut store, &f, "2026-12-02 09:00");
    let mut ana = Volunteer::new("Ana López");
    ana.phone = Some("555-0101".into());
    store.create(at("2026-11-01T12:00:00Z"), &ana).unwrap();
    store.write(at("2026-11-01T12:00:00Z"), |w| rules::assign_accompanier(w, c.id, ana.id)).unwrap();

    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let sheet = court::run_sheet(store.conn(), day, chicago()).unwrap();
    assert_eq!(sheet.len(), 1);
    assert_eq!(sheet[0].accompaniers[0].phone.as_deref(), Some("555-0101"));
    let html = court::run_sheet_html(day, &sheet);
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; meet at the east door"));
    assert!(html.contains("Familia &lt;b&gt;Ruiz&lt;/b&gt;") && !html.contains("<b>Ruiz"));
    assert!(html.contains("Ana López — 555-0101") && html.contains("Room") && html.contains("5B"));
    assert!(html.contains("1 more accompanier(s) needed"));
    assert!(!html.contains("SECRET") && !html.contains("Judge Secret"), "no legal details on the run sheet");
    assert!(html.contains("@media print"));
}

#[test]
fn a_detention_opens_the_teams_edited_checklist_as_tasks_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let f = family(&mut store, "Familia Torres");
    let p = Person::new(f.id, "Luis Torres");
    store.write(at("2026-11-01T12:00:00Z"), |w| rules::add_person(w, &p)).unwrap();
    let mut c = hearing(&mut store, &f, "2026-11-10 09:00");
    c.person_id = Some(p.id);
    store.save(at("2026-11-01T12:00:00Z"), &c).unwrap();
    assert_eq!(court::checklist(store.conn(), court::DETAINED_CHECKLIST).unwrap(), court::default_detained_checklist());
    let items = vec![
        "Call attorney Ms. Vega".to_string(),
        "Tell the school".to_string(),
        "Find the facility on the ICE locator".to_string(),
    ];
    store
        .write(at("2026-11-01T12:00:00Z"), |w| court::set_checklist(w, court::DETAINED_CHECKLIST, items.clone()))
        .unwrap();

    let next =
        PlaceTime::new(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap().and_hms_opt(13, 0, 0).unwrap(), chicago()).unwrap();
    let outcome = rules::Outcome {
        text: "Detained after the hearing".into(),
        detained: true,
        next: Some(rules::NextDate {
            at: next,
            place: "Broadview".into(),
            room: None,
            kind: Some(CourtKind::BondHearing),
        }),
    };
    // Reported the next morning: the detention dates from the hearing, not from the typing.
    let today = NaiveDate::from_ymd_opt(2026, 11, 11).unwrap();
    let hearing_day = NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
    let early =
        store.write(at("2026-11-10T14:59:00Z"), |w| court::record_outcome(w, c.id, &outcome, today)).unwrap_err();
    assert!(early.to_string().contains("has not happened yet"), "{early}");
    let done = store.write(at("2026-11-11T14:00:00Z"), |w| court::record_outcome(w, c.id, &outcome, today)).unwrap();
    let tasks: Vec<Task> = store.list().unwrap();
    let titles: Vec<&str> = tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, items.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(tasks.iter().all(|t| t.household_id == Some(f.id)
        && t.due_date == Some(today)
        && t.kind.as_deref() == Some("rapid_response")));
    assert_eq!(done.tasks.len(), 3);
    let next_id = done.next_court_date_id.unwrap();
    let n: CourtDate = store.get(next_id).unwrap();
    assert_eq!(n.previous_court_date_id, Some(c.id));
    assert_eq!(n.kind, CourtKind::BondHearing);
    assert_eq!(store.get::<Household>(f.id).unwrap().status, HouseholdStatus::Detained);
    assert_eq!(store.get::<Person>(p.id).unwrap().detained_since, Some(hearing_day));

    // Recording again edits the outcome; the checklist is not opened twice, and a second
    // next date is still refused.
    let again =
        store.write(at("2026-11-11T15:00:00Z"), |w| court::record_outcome(w, c.id, &outcome, today)).unwrap_err();
    assert!(matches!(again, Error::Refused(_)), "a second next date: {again}");
    let corrected = rules::Outcome { text: "Detained; bond hearing set".into(), detained: true, next: None };
    store.write(at("2026-11-11T15:00:00Z"), |w| court::record_outcome(w, c.id, &corrected, today)).unwrap();
    assert_eq!(store.get::<CourtDate>(c.id).unwrap().outcome.as_deref(), Some("Detained; bond hearing set"));
    assert_eq!(store.list::<Task>().unwrap().len(), 3, "no duplicate tasks");

    // Not detained: no tasks.
    let c2 = hearing(&mut store, &f, "2026-11-12 09:00");
    let calm = rules::Outcome { text: "Continued".into(), detained: false, next: None };
    let done = store.write(at("2026-11-12T18:00:00Z"), |w| court::record_outcome(w, c2.id, &calm, today)).unwrap();
    assert!(done.tasks.is_empty());
    assert_eq!(store.list::<Task>().unwrap().len(), 3);
    // Undo: scheduled again, and the agenda shows it as a date to report on.
    store.write(at("2026-11-12T18:30:00Z"), |w| court::clear_outcome(w, c2.id)).unwrap();
    let c2: CourtDate = store.get(c2.id).unwrap();
    assert_eq!(
        (c2.status, c2.outcome.as_deref(), c2.detained),
        (amparo_core::domain::CourtStatus::Scheduled, None, None)
    );
}

#[test]
fn a_past_ice_or_isap_check_in_without_an_outcome_is_reminded() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let f = family(&mut store, "Familia Mendoza");
    let mut ice = hearing(&mut store, &f, "2026-11-05 09:00");
    ice.kind = CourtKind::IceCheckIn;
    ice.min_accompaniers = 0;
    store.save(at("2026-11-01T12:00:00Z"), &ice).unwrap();
    let mut court_hearing = hearing(&mut store, &f, "2026-11-05 10:00");
    court_hearing.min_accompaniers = 0;
    store.save(at("2026-11-01T12:00:00Z"), &court_hearing).unwrap();
    let missing = |store: &Store, now: &str| -> Vec<uuid::Uuid> {
        court::reminders(store, at(now), chicago())
            .unwrap()
            .into_iter()
            .filter(|r| r.kind == ReminderKind::OutcomeMissing)
            .filter_map(|r| r.court_date_id)
            .collect()
    };
    assert!(missing(&store, "2026-11-05T14:00:00Z").is_empty(), "not before the check-in");
    assert_eq!(missing(&store, "2026-11-06T12:00:00Z"), vec![ice.id], "a check-in, not the hearing");
    let o = rules::Outcome { text: "Checked in; next in 3 months".into(), detained: false, next: None };
    store
        .write(at("2026-11-06T12:00:00Z"), |w| {
            court::record_outcome(w, ice.id, &o, NaiveDate::from_ymd_opt(2026, 11, 6).unwrap())
        })
        .unwrap();
    assert!(missing(&store, "2026-11-07T12:00:00Z").is_empty(), "reported: no reminder");
}

#[test]
fn an_accompanier_in_two_places_or_untrained_or_inactive_is_flagged_in_the_agenda() {
    use amparo_core::domain::{SanctuarySite, Shift, Training, TrainingRecord};
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let f = family(&mut store, "Familia García");
    let g = family(&mut store, "Familia López");
    let first = hearing(&mut store, &f, "2026-11-03 09:00");
    let mut second = hearing(&mut store, &g, "2026-11-03 09:00");
    second.place = "Broadview ICE office".into();
    store.save(at("2026-11-01T12:00:00Z"), &second).unwrap();
    let mut ana = Volunteer::new("Ana López");
    ana.trainings = vec![TrainingRecord {
        training: Training::CourtAccompaniment,
        completed_on: Some(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()),
    }];
    let beto = Volunteer::new("Beto Ruiz");
    store.create(at("2026-11-01T12:00:00Z"), &ana).unwrap();
    store.create(at("2026-11-01T12:00:00Z"), &beto).unwrap();
    let now = at("2026-11-01T12:00:00Z");
    assert!(
        court::warnings_before_assigning(store.conn(), first.id, &[ana.id]).unwrap().is_empty(),
        "trained and free"
    );
    store.write(now, |w| rules::assign_accompanier(w, first.id, ana.id)).unwrap();
    let flags = court::warnings_before_assigning(store.conn(), second.id, &[ana.id]).unwrap();
    let w: Vec<_> = flags.iter().map(|f| f.problem.clone()).collect();
    assert!(
        matches!(&w[..], [court::AccompanierProblem::OtherCourtDate { court_date_id, local_time, .. }] if *court_date_id == first.id && local_time == "2026-11-03 09:00"),
        "{w:?}"
    );
    assert_eq!(flags[0].name, "Ana López");
    store.write(now, |w| rules::assign_accompanier(w, second.id, ana.id)).unwrap();
    // Once she is going, choosing her again asks nothing more.
    assert!(court::warnings_before_assigning(store.conn(), second.id, &[ana.id]).unwrap().is_empty());
    // Beto is untrained and on a 07:00–15:00 sanctuary shift that morning.
    let site = SanctuarySite {
        id: uuid::Uuid::now_v7(),
        name: "San José".into(),
        code: "SJ-1".into(),
        address: None,
        time_zone: chicago(),
        congregation_id: None,
        host_volunteer_id: None,
    };
    store.write(now, |w| rules::add_sanctuary_site(w, &site)).unwrap();
    let shift = Shift {
        id: uuid::Uuid::now_v7(),
        site_id: site.id,
        label: "day".into(),
        starts_utc: at("2026-11-03T13:00:00Z"),
        ends_utc: at("2026-11-03T21:00:00Z"),
        min_people: 1,
        max_people: None,
        required_skills: vec![],
        handoff_notes: None,
    };
    store.write(now, |w| rules::add_shift(w, &shift)).unwrap();
    store.write(now, |w| rules::assign_shift(w, shift.id, beto.id)).unwrap();
    store.write(now, |w| rules::assign_accompanier(w, first.id, beto.id)).unwrap();
    let agenda = amparo_core::query::agenda(store.conn(), now, chrono::FixedOffset::east_opt(0).unwrap(), 14).unwrap();
    let flags: Vec<(String, String)> = agenda
        .court_dates
        .iter()
        .find(|c| c.id == first.id)
        .unwrap()
        .accompanier_flags
        .iter()
        .map(|f| (f.name.clone(), f.problem.describe()))
        .collect();
    assert!(
        flags.contains(&(
            "Ana López".into(),
            "also accompanying at another court date at 2026-11-03 09:00 (America/Chicago)".into()
        )),
        "{flags:?}"
    );
    assert!(flags.contains(&("Beto Ruiz".into(), "has no court accompaniment training on record".into())), "{flags:?}");
    assert!(
        flags.contains(&(
            "Beto Ruiz".into(),
            "on the day sanctuary shift 2026-11-03 07:00 to 2026-11-03 15:00 (America/Chicago)".into()
        )),
        "{flags:?}"
    );
    // Made inactive, Ana stays on both dates, flagged.
    let mut ana = store.get::<Volunteer>(ana.id).unwrap();
    ana.active = false;
    store.write(now, |w| rules::save_volunteer(w, &ana)).unwrap();
    let agenda = amparo_core::query::agenda(store.conn(), now, chrono::FixedOffset::east_opt(0).unwrap(), 14).unwrap();
    let second_flags = &agenda.court_dates.iter().find(|c| c.id == second.id).unwrap().accompanier_flags;
    assert!(second_flags.iter().any(|f| f.problem == court::AccompanierProblem::Inactive), "{second_flags:?}");
    // A volunteer who blacked out the court's local date is warned of before assigning.
    let mut cata = Volunteer::new("Cata Pérez");
    cata.availability.blackout = vec![NaiveDate::from_ymd_opt(2026, 11, 3).unwrap()];
    store.create(now, &cata).unwrap();
    let w: Vec<_> = court::warnings_before_assigning(store.conn(), first.id, &[cata.id])
        .unwrap()
        .into_iter()
        .map(|f| f.problem)
        .collect();
    assert!(w.contains(&court::AccompanierProblem::BlackedOut { date: "2026-11-03".into() }), "{w:?}");
    assert!(w.iter().any(|p| p.describe() == "blacked out 2026-11-03"), "{w:?}");
}

#[test]
fn only_a_role_that_may_write_the_outcome_is_offered_the_report() {
    use amparo_core::domain::Role;
    use amparo_core::store::Actor;
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let f = family(&mut store, "Familia García");
    let c = hearing(&mut store, &f, "2026-11-03 09:00");
    let member = |role| Actor::Member { role: Some(role), volunteer: None };
    let may = |actor| court::may_report_outcome(store.conn(), actor, &c).unwrap();
    assert!(may(Actor::Alone));
    assert!(may(member(Role::Coordinator)));
    assert!(may(member(Role::Accompanier)));
    assert!(!may(member(Role::Driver)));
    assert!(!may(member(Role::ShiftVolunteer)));
}
