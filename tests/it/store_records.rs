//! Records through the store and the rules: every kind round-trips, court dates land on
//! the right instant across DST, and the rules across records hold.

use crate::support::store::{now, store};
use amparo_core::domain::*;
use amparo_core::store::records;
use amparo_core::{query, rules, ErrorCode};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use uuid::Uuid;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}
fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn round_trip<R: Record + PartialEq + std::fmt::Debug>(st: &mut amparo_core::Store, r: &R) {
    st.create(now(), r).unwrap();
    let back: R = st.get(r.id()).unwrap();
    assert_eq!(&back, r, "{} did not round-trip", R::NOUN);
    assert!(st.list::<R>().unwrap().contains(r));
}

#[test]
fn every_record_kind_round_trips_with_every_field_set_and_with_fields_empty() {
    let (_dir, mut st) = store();
    let id = Uuid::now_v7;
    let congregation = Congregation {
        id: id(),
        name: "St. Martin".into(),
        city: Some("Chicago".into()),
        contact: Some("office".into()),
    };
    round_trip(&mut st, &congregation);
    round_trip(&mut st, &Congregation { id: id(), name: "Beth Shalom".into(), city: None, contact: None });
    let member =
        Member { id: id(), name: Some("Luis".into()), role: Some(Role::Accompanier), volunteer_id: Some(id()) };
    round_trip(&mut st, &member);
    round_trip(&mut st, &Member { id: id(), name: None, role: None, volunteer_id: None });
    round_trip(
        &mut st,
        &Device {
            id: id(),
            member_id: Some(member.id),
            label: Some("phone".into()),
            sign_key: Some("ed25519:abc".into()),
            age_recipient: Some("age1xyz".into()),
            revoked_at: Some(utc("2026-11-20T10:11:12.345Z")),
        },
    );
    let mut v = Volunteer::new("Ruth Okafor");
    v.congregation_id = Some(congregation.id);
    v.phone = Some("555-0101".into());
    v.preferred_contact = Some("Signal".into());
    v.languages = vec!["en".into(), "es".into()];
    v.trainings = vec![TrainingRecord { training: Training::CourtAccompaniment, completed_on: Some(d("2026-01-10")) }];
    v.background_check_expires = Some(d("2027-06-30"));
    v.roles = vec![Role::Coordinator, Role::Driver];
    v.availability =
        Availability { weekly: vec!["MO 18:00-23:00".into()], blackout: vec![d("2026-12-24")], blackout_rules: vec![] };
    v.max_shifts_per_week = Some(3);
    v.min_rest_hours = Some(10);
    v.active = false;
    round_trip(&mut st, &v);
    round_trip(&mut st, &Volunteer::new("Luis Herrera"));

    let mut h = Household::new("Familia García");
    h.languages = vec!["es".into()];
    h.phone = Some("555-0102".into());
    h.voicemail_ok = Some(false);
    h.alternate_contact = Some("cousin".into());
    h.address = Some("1 Example St".into());
    h.lead_congregation_id = Some(congregation.id);
    h.lead_volunteer_id = Some(v.id);
    h.intake_date = Some(d("2026-10-01"));
    h.status = HouseholdStatus::InSanctuary;
    h.consent = Some("yes".into());
    h.needs = Some("coats".into());
    h.tags = vec!["urgent".into()];
    h.closed_at = Some(d("2026-11-01"));
    round_trip(&mut st, &h);
    round_trip(&mut st, &Household::new("Familia Ruiz"));

    let mut p = Person::new(h.id, "José García");
    p.preferred_name = Some("Pepe".into());
    p.relationship = Some("father".into());
    p.birth_date = Some(d("1980-02-29"));
    p.country = Some("Honduras".into());
    p.languages = vec!["es".into()];
    p.a_number = Some(ANumberOrNone::parse("12345678").unwrap());
    p.attorney_name = Some("Lic. Méndez".into());
    p.attorney_org = Some("Clinic".into());
    p.attorney_phone = Some("555-0103".into());
    p.case_status = Some("asylum filed".into());
    p.detention_facility = Some("Example Center".into());
    p.detained_since = Some(d("2026-11-01"));
    p.bond_amount = Some("$5,000".into());
    p.bond_status = Some("posted".into());
    p.ankle_monitor = Some(true);
    p.deadlines = vec![Deadline { what: "file I-589".into(), due: d("2027-01-15") }];
    round_trip(&mut st, &p);
    round_trip(&mut st, &Person::new(h.id, "Ana"));

    let at = PlaceTime::new(dt("2026-12-01 09:00"), parse_time_zone("America/Chicago").unwrap()).unwrap();
    let mut c = CourtDate::new(h.id, CourtKind::HighRiskIceCheckIn, at, "Example ICE Office");
    c.person_id = Some(p.id);
    // "To be confirmed" and "confirmed" exclude each other (CourtDate::validate).
    c.confirmed = true;
    c.address = Some("101 Example Rd".into());
    c.room = Some("2".into());
    c.judge = Some("Judge Example".into());
    c.attorney_attending = Some("yes".into());
    c.interpreter = Some("Spanish".into());
    c.transport_needed = true;
    c.min_accompaniers = 1;
    c.max_accompaniers = Some(4);
    c.leader_id = Some(v.id);
    c.accompanier_notes = Some("meet at 8".into());
    c.internal_notes = Some("internal".into());
    c.status = CourtStatus::Completed;
    c.outcome = Some("reset".into());
    c.detained = Some(false);
    c.next_court_date_id = Some(id());
    c.previous_court_date_id = Some(id());
    round_trip(&mut st, &c);
    round_trip(&mut st, &CourtDate::new(h.id, CourtKind::Other, at, "Court"));
    round_trip(&mut st, &CourtAccompanier { id: id(), court_date_id: c.id, volunteer_id: v.id });

    let mut s = HousingSite::new("Casa Esperanza", 6);
    s.kind = SiteKind::Transitional;
    s.address = Some("2 Example St".into());
    s.languages = vec!["es".into()];
    s.accepts_children = false;
    s.accepts_pets = true;
    s.accessible = true;
    s.contact = Some("office".into());
    s.host_volunteer_id = Some(v.id);
    s.verified_on = Some(d("2026-05-05"));
    s.verification = Some("home visit".into());
    round_trip(&mut st, &s);
    round_trip(&mut st, &HousingSite::new("Reed home", 0));
    round_trip(
        &mut st,
        &Placement {
            id: id(),
            household_id: h.id,
            site_id: s.id,
            beds: 2,
            start_date: d("2026-11-01"),
            expected_end: Some(d("2026-12-01")),
            actual_end: Some(d("2026-11-20")),
            support_lead_id: Some(v.id),
            checkin_schedule: Some("weekly".into()),
            notes: Some("quiet".into()),
        },
    );
    let ss = SanctuarySite {
        id: id(),
        name: "Oak Hill".into(),
        code: "OAK".into(),
        address: Some("7 Example St".into()),
        time_zone: parse_time_zone("America/New_York").unwrap(),
        congregation_id: Some(congregation.id),
        host_volunteer_id: Some(v.id),
    };
    round_trip(&mut st, &ss);
    round_trip(
        &mut st,
        &SanctuaryGuest {
            id: id(),
            person_id: p.id,
            site_id: ss.id,
            since: d("2026-01-01"),
            until: Some(d("2026-12-31")),
        },
    );
    round_trip(
        &mut st,
        &SanctuaryGuest { id: id(), person_id: p.id, site_id: ss.id, since: d("2026-01-01"), until: None },
    );
    let shift = Shift {
        id: id(),
        site_id: ss.id,
        label: "overnight".into(),
        starts_utc: utc("2026-11-24T02:00:00Z"),
        ends_utc: utc("2026-11-24T14:00:00Z"),
        min_people: 2,
        max_people: Some(3),
        required_skills: vec!["es".into()],
        handoff_notes: Some("keys under the mat".into()),
    };
    round_trip(&mut st, &shift);
    round_trip(
        &mut st,
        &ShiftAssignment {
            id: id(),
            shift_id: shift.id,
            volunteer_id: v.id,
            confirmed: true,
            manual: false,
            claimed_at: Some(utc("2026-11-20T08:00:00.5Z")),
        },
    );
    let mut t = Task::new("Groceries");
    t.household_id = Some(h.id);
    t.due_date = Some(d("2026-11-25"));
    t.assignee_id = Some(v.id);
    t.status = TaskStatus::Cancelled;
    t.kind = Some("groceries".into());
    round_trip(&mut st, &t);
    round_trip(&mut st, &Task::new("Call"));
    round_trip(
        &mut st,
        &Note {
            id: id(),
            record_table: "household".into(),
            record_id: h.id,
            body: "hola".into(),
            visibility: Visibility::Volunteers,
            created_at: now(),
        },
    );

    // Saving an unchanged record changes no field; changing one changes exactly one.
    assert_eq!(st.save(now(), &p).unwrap(), 0);
    p.bond_status = Some("refunded".into());
    assert_eq!(st.save(now(), &p).unwrap(), 1);
    assert_eq!(st.get::<Person>(p.id).unwrap(), p);
}

#[test]
fn court_dates_land_on_the_right_instant_on_both_sides_of_the_2026_dst_changes() {
    let (_dir, mut st) = store();
    let h = Household::new("Familia Ortiz");
    st.create(now(), &h).unwrap();
    let cases = [
        // America/Chicago: CDT starts 8 March 2026 at 02:00, ends 1 November 2026 at 02:00.
        ("America/Chicago", "2026-03-07 09:00", "2026-03-07T15:00:00Z"),
        ("America/Chicago", "2026-03-08 01:59", "2026-03-08T07:59:00Z"),
        ("America/Chicago", "2026-03-08 03:00", "2026-03-08T08:00:00Z"),
        ("America/Chicago", "2026-03-09 09:00", "2026-03-09T14:00:00Z"),
        ("America/Chicago", "2026-10-31 09:00", "2026-10-31T14:00:00Z"),
        // 01:30 happens twice on 1 November; the first (still daylight time) is taken.
        ("America/Chicago", "2026-11-01 01:30", "2026-11-01T06:30:00Z"),
        ("America/Chicago", "2026-11-02 09:00", "2026-11-02T15:00:00Z"),
        // America/New_York: same dates, one hour east.
        ("America/New_York", "2026-03-07 09:00", "2026-03-07T14:00:00Z"),
        ("America/New_York", "2026-03-08 03:30", "2026-03-08T07:30:00Z"),
        ("America/New_York", "2026-03-09 09:00", "2026-03-09T13:00:00Z"),
        ("America/New_York", "2026-10-31 09:00", "2026-10-31T13:00:00Z"),
        ("America/New_York", "2026-11-01 01:30", "2026-11-01T05:30:00Z"),
        ("America/New_York", "2026-11-02 09:00", "2026-11-02T14:00:00Z"),
    ];
    for (zone, local, expected) in cases {
        let at = PlaceTime::new(dt(local), parse_time_zone(zone).unwrap()).unwrap();
        let c = CourtDate::new(h.id, CourtKind::MasterCalendar, at, "Court");
        st.write(now(), |w| rules::add_court_date(w, &c)).unwrap();
        let back: CourtDate = st.get(c.id).unwrap();
        assert_eq!(back.starts_utc, utc(expected), "{local} in {zone}");
        assert_eq!(back.at().utc(), utc(expected), "{local} in {zone}");
    }
    for (zone, gap) in [("America/Chicago", "2026-03-08 02:30"), ("America/New_York", "2026-03-08 02:00")] {
        let err = PlaceTime::new(dt(gap), parse_time_zone(zone).unwrap()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Invalid);
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
    // Moving a date keeps the stored instant in step; a forged instant is refused.
    let mut c: CourtDate = records::query(st.conn(), "ORDER BY id LIMIT 1", []).unwrap().remove(0);
    c.set_at(PlaceTime::new(dt("2026-07-04 10:00"), parse_time_zone("America/New_York").unwrap()).unwrap());
    st.save(now(), &c).unwrap();
    assert_eq!(st.get::<CourtDate>(c.id).unwrap().starts_utc, utc("2026-07-04T14:00:00Z"));
    c.starts_utc += Duration::hours(1);
    assert!(st.save(now(), &c).is_err());
}

fn placement(h: Uuid, s: Uuid, beds: i64, start: &str, end: Option<&str>) -> Placement {
    Placement {
        id: Uuid::now_v7(),
        household_id: h,
        site_id: s,
        beds,
        start_date: d(start),
        expected_end: end.map(d),
        actual_end: None,
        support_lead_id: None,
        checkin_schedule: None,
        notes: None,
    }
}

#[test]
fn capacity_counts_concurrent_beds_and_a_refusal_leaves_no_trace() {
    let (_dir, mut st) = store();
    let fams: Vec<Household> = (0..4).map(|i| Household::new(format!("F{i}"))).collect();
    for f in &fams {
        st.create(now(), f).unwrap();
    }
    let site = HousingSite::new("Casa", 4);
    st.create(now(), &site).unwrap();
    let add = |st: &mut amparo_core::Store, p: &Placement| st.write(now(), |w| rules::add_placement(w, p));
    // 2 + 2 back to back, then 2 open-ended from later: never more than 4 on one night.
    add(&mut st, &placement(fams[0].id, site.id, 2, "2026-12-01", Some("2026-12-10"))).unwrap();
    add(&mut st, &placement(fams[1].id, site.id, 2, "2026-12-01", Some("2026-12-05"))).unwrap();
    add(&mut st, &placement(fams[2].id, site.id, 2, "2026-12-06", None)).unwrap();
    let ops_before: i64 = st.conn().query_row("SELECT count(*) FROM oplog", [], |r| r.get(0)).unwrap();
    let err = add(&mut st, &placement(fams[3].id, site.id, 1, "2026-12-10", Some("2026-12-12"))).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Refused);
    assert!(err.to_string().contains("Casa has 4 beds and 4 are taken on 2026-12-10"), "{err}");
    let ops_after: i64 = st.conn().query_row("SELECT count(*) FROM oplog", [], |r| r.get(0)).unwrap();
    assert_eq!(ops_before, ops_after, "a refused placement left operations in the log");
    assert_eq!(st.list::<Placement>().unwrap().len(), 3);
    // After the first stay's last night it fits.
    add(&mut st, &placement(fams[3].id, site.id, 2, "2026-12-11", Some("2026-12-12"))).unwrap();
    // The free-bed query agrees with the rule.
    let free = query::free_sites(st.conn(), d("2026-12-06"), d("2026-12-09"), 1, false).unwrap();
    assert!(free.is_empty(), "{free:?}");
    let free = query::free_sites(st.conn(), d("2026-11-01"), d("2026-11-30"), 4, false).unwrap();
    assert_eq!(free.len(), 1);
    assert_eq!(free[0].free_beds, 4);
}

#[test]
fn persons_court_dates_and_notes_need_their_family_and_deleting_a_family_takes_its_records() {
    let (_dir, mut st) = store();
    let ghost = Uuid::now_v7();
    let err = st.write(now(), |w| rules::add_person(w, &Person::new(ghost, "Ana"))).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let at = PlaceTime::new(dt("2026-12-01 09:00"), chrono_tz::America::Chicago).unwrap();
    let err = st
        .write(now(), |w| rules::add_court_date(w, &CourtDate::new(ghost, CourtKind::Other, at, "Court")))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);

    let h = Household::new("Familia Ortiz");
    let p = Person::new(h.id, "Ana Ortiz");
    let mut c = CourtDate::new(h.id, CourtKind::MasterCalendar, at, "Court");
    c.person_id = Some(p.id);
    let v = Volunteer::new("Ruth");
    st.write(now(), |w| {
        rules::add_household(w, &h)?;
        rules::add_person(w, &p)?;
        rules::add_volunteer(w, &v)?;
        rules::add_court_date(w, &c)?;
        rules::assign_accompanier(w, c.id, v.id)?;
        let mut t = Task::new("ride");
        t.household_id = Some(h.id);
        rules::add_task(w, &t)?;
        rules::add_note(
            w,
            &Note {
                id: Uuid::now_v7(),
                record_table: "court_date".into(),
                record_id: c.id,
                body: "x".into(),
                visibility: Visibility::Internal,
                created_at: now(),
            },
        )
    })
    .unwrap();
    // A person of another family cannot be the subject of this family's court date.
    let other = Household::new("Familia Ruiz");
    st.create(now(), &other).unwrap();
    let mut c2 = CourtDate::new(other.id, CourtKind::Other, at, "Court");
    c2.person_id = Some(p.id);
    assert!(st.write(now(), |w| rules::add_court_date(w, &c2)).is_err());

    let n = st.write(now(), |w| rules::delete_household(w, h.id)).unwrap();
    assert_eq!(n, 6, "family, person, court date, assignment, task, note");
    assert!(st.list::<Person>().unwrap().is_empty());
    assert!(st.list::<CourtDate>().unwrap().is_empty());
    assert!(st.list::<CourtAccompanier>().unwrap().is_empty());
    assert!(st.list::<Note>().unwrap().is_empty());
    assert_eq!(st.list::<Volunteer>().unwrap().len(), 1);
    assert!(query::agenda(st.conn(), now(), chrono::FixedOffset::east_opt(0).unwrap(), 30)
        .unwrap()
        .court_dates
        .is_empty());
}

#[test]
fn a_volunteers_assignments_are_counted_before_deleting_them_and_what_they_led_stays_editable() {
    let (_dir, mut st) = store();
    let tz = chrono_tz::America::Chicago;
    let ruth = Volunteer::new("Ruth");
    let other = Volunteer::new("Otra");
    let mut h = Household::new("Familia Ortiz");
    h.lead_volunteer_id = Some(ruth.id);
    let court =
        |day: &str| CourtDate::new(h.id, CourtKind::MasterCalendar, PlaceTime::new(dt(day), tz).unwrap(), "Court");
    let past = court("2026-11-20 09:00");
    let mut coming = court("2026-12-01 09:00");
    coming.leader_id = Some(ruth.id);
    let gone = court("2026-12-02 09:00");
    let site = SanctuarySite {
        id: Uuid::now_v7(),
        name: "Oak".into(),
        code: "OAK".into(),
        address: None,
        time_zone: tz,
        congregation_id: None,
        host_volunteer_id: Some(ruth.id),
    };
    let shift = |start: &str, end: &str| Shift {
        id: Uuid::now_v7(),
        site_id: site.id,
        label: "day".into(),
        starts_utc: utc(start),
        ends_utc: utc(end),
        min_people: 1,
        max_people: None,
        required_skills: vec![],
        handoff_notes: None,
    };
    let (s_past, s_coming, s_later) = (
        shift("2026-11-22T14:00:00Z", "2026-11-22T20:00:00Z"),
        shift("2026-11-24T14:00:00Z", "2026-11-24T20:00:00Z"),
        shift("2026-11-25T14:00:00Z", "2026-11-25T20:00:00Z"),
    );
    let mut task = Task::new("ride");
    task.household_id = Some(h.id);
    task.assignee_id = Some(ruth.id);
    st.write(now(), |w| {
        rules::add_volunteer(w, &ruth)?;
        rules::add_volunteer(w, &other)?;
        rules::add_household(w, &h)?;
        for c in [&past, &coming, &gone] {
            rules::add_court_date(w, c)?;
            rules::assign_accompanier(w, c.id, ruth.id)?;
        }
        rules::assign_accompanier(w, coming.id, other.id)?;
        rules::add_sanctuary_site(w, &site)?;
        for s in [&s_past, &s_coming, &s_later] {
            rules::add_shift(w, s)?;
        }
        rules::assign_shift(w, s_past.id, ruth.id)?;
        rules::assign_shift(w, s_coming.id, ruth.id)?;
        rules::assign_shift(w, s_later.id, other.id)?;
        rules::add_task(w, &task)?;
        // A date deleted without its assignments (as a merge can leave it) is not counted.
        w.remove::<CourtDate>(gone.id)
    })
    .unwrap();

    let counts = query::volunteer_assignments(st.conn(), ruth.id, now()).unwrap();
    assert_eq!(
        counts,
        query::VolunteerAssignments { court_dates: 2, upcoming_court_dates: 1, shifts: 2, upcoming_shifts: 1 }
    );
    let theirs = query::volunteer_assignments(st.conn(), other.id, now()).unwrap();
    assert_eq!((theirs.court_dates, theirs.upcoming_court_dates, theirs.shifts, theirs.upcoming_shifts), (1, 1, 1, 1));
    let nobody = query::volunteer_assignments(st.conn(), Uuid::now_v7(), now()).unwrap_err();
    assert_eq!(nobody.code(), ErrorCode::NotFound);

    st.write(now(), |w| rules::delete_volunteer(w, ruth.id)).unwrap();
    assert_eq!(query::volunteer_assignments(st.conn(), ruth.id, now()).unwrap_err().code(), ErrorCode::NotFound);
    let agenda = query::agenda(st.conn(), now(), chrono::FixedOffset::east_opt(0).unwrap(), 14).unwrap();
    let names: Vec<&str> = agenda.court_dates[0].accompaniers.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Otra"], "the court date keeps the other accompanier only");
    // What Ruth led or hosted stays, without her, and can still be saved.
    let h: Household = st.get(h.id).unwrap();
    let coming: CourtDate = st.get(coming.id).unwrap();
    let task: Task = st.get(task.id).unwrap();
    let site: SanctuarySite = st.get(site.id).unwrap();
    assert_eq!(
        (h.lead_volunteer_id, coming.leader_id, task.assignee_id, site.host_volunteer_id),
        (None, None, None, None)
    );
    st.write(now(), |w| {
        rules::save_household(w, &h)?;
        rules::save_court_date(w, &coming)?;
        rules::save_task(w, &task)
    })
    .unwrap();
}

#[test]
fn a_detention_outcome_marks_the_family_and_the_next_date_is_linked() {
    let (_dir, mut st) = store();
    let h = Household::new("Familia Ortiz");
    st.create(now(), &h).unwrap();
    let tz = chrono_tz::America::Chicago;
    let c = CourtDate::new(h.id, CourtKind::BondHearing, PlaceTime::new(dt("2026-11-20 09:00"), tz).unwrap(), "Court");
    st.create(now(), &c).unwrap();
    let next = rules::NextDate {
        at: PlaceTime::new(dt("2026-11-10 09:00"), tz).unwrap(),
        place: "Court".into(),
        room: None,
        kind: None,
    };
    let bad = rules::Outcome { text: "bond denied".into(), detained: true, next: Some(next.clone()) };
    assert!(st.write(now(), |w| rules::report_outcome(w, c.id, &bad)).is_err(), "a next date before this one");
    let next = rules::NextDate { at: PlaceTime::new(dt("2027-01-05 13:00"), tz).unwrap(), ..next };
    let outcome = rules::Outcome { text: "bond denied".into(), detained: true, next: Some(next) };
    let n = st.write(now(), |w| rules::report_outcome(w, c.id, &outcome)).unwrap().unwrap();
    let a: CourtDate = st.get(c.id).unwrap();
    let b: CourtDate = st.get(n).unwrap();
    assert_eq!((a.status, a.detained, a.next_court_date_id), (CourtStatus::Completed, Some(true), Some(n)));
    assert_eq!(
        (b.kind, b.previous_court_date_id, b.starts_utc),
        (CourtKind::BondHearing, Some(c.id), utc("2027-01-05T19:00:00Z"))
    );
    assert_eq!(st.get::<Household>(h.id).unwrap().status, HouseholdStatus::Detained);
    // A second next date is refused rather than silently replacing the link.
    assert!(st.write(now(), |w| rules::report_outcome(w, c.id, &outcome)).is_err());
    // Deleting the next date unlinks it from the first.
    st.write(now(), |w| rules::delete_court_date(w, n)).unwrap();
    assert_eq!(st.get::<CourtDate>(c.id).unwrap().next_court_date_id, None);
}

#[test]
fn shift_assignments_refuse_doubles_overfilling_and_overlaps() {
    let (_dir, mut st) = store();
    let site = SanctuarySite {
        id: Uuid::now_v7(),
        name: "Oak".into(),
        code: "OAK".into(),
        address: None,
        time_zone: chrono_tz::America::Chicago,
        congregation_id: None,
        host_volunteer_id: None,
    };
    st.create(now(), &site).unwrap();
    let shift = |start: &str, end: &str| Shift {
        id: Uuid::now_v7(),
        site_id: site.id,
        label: "day".into(),
        starts_utc: utc(start),
        ends_utc: utc(end),
        min_people: 2,
        max_people: Some(2),
        required_skills: vec![],
        handoff_notes: None,
    };
    let a = shift("2026-11-24T14:00:00Z", "2026-11-24T20:00:00Z");
    let b = shift("2026-11-24T18:00:00Z", "2026-11-25T02:00:00Z");
    let c = shift("2026-11-24T20:00:00Z", "2026-11-25T02:00:00Z");
    let vs: Vec<Volunteer> = (0..3).map(|i| Volunteer::new(format!("V{i}"))).collect();
    st.write(now(), |w| {
        for s in [&a, &b, &c] {
            rules::add_shift(w, s)?;
        }
        for v in &vs {
            rules::add_volunteer(w, v)?;
        }
        rules::assign_shift(w, a.id, vs[0].id)?;
        rules::assign_shift(w, a.id, vs[1].id)?;
        rules::assign_shift(w, c.id, vs[0].id).map(|_| ())
    })
    .unwrap();
    let refuse = |st: &mut amparo_core::Store, s: Uuid, v: Uuid| {
        st.write(now(), |w| rules::assign_shift(w, s, v)).unwrap_err().to_string()
    };
    assert!(refuse(&mut st, a.id, vs[0].id).contains("already on this shift"));
    assert!(refuse(&mut st, a.id, vs[2].id).contains("maximum of 2"));
    assert!(refuse(&mut st, b.id, vs[1].id).contains("already on the day shift"));
    let agenda = query::agenda(st.conn(), now(), chrono::FixedOffset::east_opt(0).unwrap(), 7).unwrap();
    let short: Vec<Uuid> = agenda.shifts_understaffed.iter().map(|s| s.id).collect();
    assert_eq!(short, [b.id, c.id]);
    assert_eq!(agenda.shifts_understaffed[0].local_start, "2026-11-24 12:00");
}

#[test]
fn history_gives_old_and_new_values_in_order_with_author_and_device() {
    let (_dir, mut st) = store();
    let mut h = Household::new("Familia Ortiz");
    st.create(now(), &h).unwrap();
    for (i, phone) in ["555-0001", "555-0002", "555-0003"].iter().enumerate() {
        h.phone = Some(phone.to_string());
        st.save(now() + Duration::minutes(i as i64 + 1), &h).unwrap();
    }
    let hist = query::history(st.conn(), h.id).unwrap();
    let phone: Vec<(String, String)> = hist
        .iter()
        .filter(|e| e.field == "phone")
        .map(|e| (e.old.as_str().unwrap_or("").to_string(), e.new.as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(
        phone,
        [
            ("".into(), "555-0001".into()),
            ("555-0001".into(), "555-0002".into()),
            ("555-0002".into(), "555-0003".into())
        ]
    );
    let last = hist.iter().rfind(|e| e.field == "phone").unwrap();
    assert_eq!(last.author.as_deref(), Some("Ana Coordinator"));
    assert_eq!(last.device.as_deref(), Some("office laptop"));
    assert_eq!(last.at, utc("2026-11-23T15:03:00Z"));
    // Oldest first; the fields one edit set share its time.
    assert!(hist.windows(2).all(|w| w[0].hlc <= w[1].hlc));
    assert!(hist.iter().filter(|e| e.field == "phone").collect::<Vec<_>>().windows(2).all(|w| w[0].hlc < w[1].hlc));
}

#[test]
fn search_ignores_case_and_accents_and_matches_prefixes() {
    let (_dir, mut st) = store();
    let h = Household::new("Familia Núñez");
    st.create(now(), &h).unwrap();
    let p = Person::new(h.id, "José Ángel Núñez");
    st.create(now(), &p).unwrap();
    for q in ["jose", "JOSÉ", "angel nun", "Ángel"] {
        let hits = query::search(st.conn(), q, 10).unwrap();
        assert_eq!(hits.iter().map(|x| x.id).collect::<Vec<_>>(), [p.id], "{q}");
    }
    assert_eq!(query::search(st.conn(), "nunez", 10).unwrap().len(), 2);
    assert!(query::search(st.conn(), "\"", 10).unwrap().is_empty());
    assert!(query::search(st.conn(), "núñez NOT", 10).unwrap().is_empty());
}

#[test]
fn languages_written_as_names_read_and_migrate_to_one_code() {
    let (_dir, mut st) = store();
    let mut v = Volunteer::new("Luis Herrera");
    v.languages = vec!["Spanish".into(), "inglés".into(), "Garifuna".into()];
    st.create(now(), &v).unwrap();
    assert_eq!(st.get::<Volunteer>(v.id).unwrap().languages, vec!["es", "en", "Garifuna"], "normalised when written");
    // A row as an older version (or an old bundle) left it: names, not codes.
    st.conn()
        .execute("UPDATE volunteer SET languages = '[\"Spanish\",\"K''iche''\"]' WHERE id = ?1", [v.id.to_string()])
        .unwrap();
    assert_eq!(st.get::<Volunteer>(v.id).unwrap().languages, vec!["es", "quc"], "normalised when read");
    st.conn()
        .execute_batch(include_str!("../../crates/amparo-core/src/store/migrations/0008_language_codes.sql"))
        .unwrap();
    let raw: String =
        st.conn().query_row("SELECT languages FROM volunteer WHERE id = ?1", [v.id.to_string()], |r| r.get(0)).unwrap();
    assert_eq!(raw, "[\"es\",\"quc\"]", "the migration rewrites the stored names");
}

/// Issue 13, finding 5: reading degrades, never fails. A court date stored bad (as an older
/// version let an import do) is left out of lists, the agenda and the other court date
/// still read, `sync::validate::damaged` names it by kind and field, and it can be deleted.
#[test]
fn a_record_stored_bad_is_left_out_of_lists_named_as_damaged_and_can_be_deleted() {
    let (_dir, mut st) = store();
    let h = Household::new("Familia Rojas");
    let at = PlaceTime::new(dt("2026-12-03 09:00"), "America/Chicago".parse().unwrap()).unwrap();
    let good = CourtDate::new(h.id, CourtKind::MasterCalendar, at, "Chicago Immigration Court");
    let bad = CourtDate::new(h.id, CourtKind::MasterCalendar, at, "Chicago Immigration Court");
    st.write(now(), |w| {
        rules::add_household(w, &h)?;
        rules::add_court_date(w, &good)?;
        rules::add_court_date(w, &bad)
    })
    .unwrap();
    st.conn().execute("UPDATE court_date SET kind = 'tea_party' WHERE id = ?1", [bad.id.to_string()]).unwrap();
    assert_eq!(st.list::<CourtDate>().unwrap().iter().map(|c| c.id).collect::<Vec<_>>(), vec![good.id]);
    let agenda =
        query::agenda(st.conn(), now(), chrono::FixedOffset::east_opt(0).unwrap(), 30).expect("the agenda still reads");
    let _ = agenda;
    let damaged = amparo_core::sync::validate::damaged(st.conn()).unwrap();
    assert_eq!(damaged.len(), 1);
    assert_eq!((damaged[0].id, damaged[0].noun, damaged[0].field), (bad.id, "court date", Some("kind")));
    st.remove::<CourtDate>(now(), bad.id).unwrap();
    assert!(amparo_core::sync::validate::damaged(st.conn()).unwrap().is_empty());
}

/// The app asks for damaged records on every screen; the memo reads them again only after
/// a change, this process's or another's (the CLI on the same store while the app is open).
#[test]
fn the_damaged_records_memo_sees_every_change_of_the_store() {
    use amparo_core::sync::validate::DamagedMemo;
    let (dir, mut st) = store();
    let h = Household::new("Familia Rojas");
    let at = PlaceTime::new(dt("2026-12-03 09:00"), "America/Chicago".parse().unwrap()).unwrap();
    let court = CourtDate::new(h.id, CourtKind::MasterCalendar, at, "Chicago Immigration Court");
    st.write(now(), |w| {
        rules::add_household(w, &h)?;
        rules::add_court_date(w, &court)
    })
    .unwrap();
    let mut memo = DamagedMemo::default();
    assert!(memo.damaged(st.conn()).unwrap().is_empty());
    // Another process damages it.
    let other = amparo_core::Store::open(&dir.path().join("s"), "a pass phrase").unwrap();
    other.conn().execute("UPDATE court_date SET kind = 'tea_party' WHERE id = ?1", [court.id.to_string()]).unwrap();
    drop(other);
    assert_eq!(memo.damaged(st.conn()).unwrap().iter().map(|d| d.id).collect::<Vec<_>>(), vec![court.id]);
    assert_eq!(memo.damaged(st.conn()).unwrap().len(), 1, "asked again, unchanged");
    // This process deletes it.
    st.remove::<CourtDate>(now(), court.id).unwrap();
    assert!(memo.damaged(st.conn()).unwrap().is_empty());
}

/// A court date and a person deleted on their own while the family stays are listed on the
/// family for a coordinator to bring back, most recent first; brought back, the court date
/// is whole again and off the list. A member of a limited role is offered nothing.
#[test]
fn a_familys_records_deleted_by_mistake_are_listed_for_a_coordinator_and_come_back() {
    use crate::support::replicas::{court, founder_adds_family, founder_delivers, team};
    use amparo_core::domain::{CourtDate, Person, Role};
    use amparo_core::rules;
    let mut t = team(&[Role::Accompanier]);
    let (h, cd) = founder_adds_family(&mut t, "Familia Quiñónez Ávila", court);
    let p = Person::new(h.id, "Inés Quiñónez");
    let now = t[0].tick();
    t[0].store.create(now, &p).unwrap();
    let now = t[0].tick();
    t[0].store.write(now, |w| rules::delete_court_date(w, cd.id)).unwrap();
    let now = t[0].tick();
    t[0].store.write(now, |w| rules::delete_person(w, p.id)).unwrap();
    let listed = rules::deleted_of_family(&t[0].store, h.id).unwrap();
    let kinds: Vec<(&str, &str)> = listed.iter().map(|r| (r.kind.as_str(), r.label.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            ("person", "Inés Quiñónez"),
            ("court_date", "Chicago Immigration Court · 2026-12-03 09:00 America/Chicago")
        ]
    );
    founder_delivers(&mut t, &[1]);
    assert!(rules::deleted_of_family(&t[1].store, h.id).unwrap().is_empty(), "an accompanier brings nothing back");
    let now = t[0].tick();
    t[0].store.write(now, |w| rules::undelete(w, &amparo_core::schema::COURT_DATE, cd.id)).unwrap();
    let back: CourtDate = t[0].store.get(cd.id).unwrap();
    assert_eq!((back.place.as_str(), back.household_id), ("Chicago Immigration Court", h.id));
    let left: Vec<_> = rules::deleted_of_family(&t[0].store, h.id).unwrap().into_iter().map(|r| r.kind).collect();
    assert_eq!(left, vec!["person"]);
}
