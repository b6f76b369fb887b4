//! A member who is not a coordinator holds redacted records: fields their role may not
//! receive are simply absent. Their store must still read every record kind it holds
//! through the typed API, the agenda and search, without error.

use crate::support::replicas::*;
use amparo_core::domain::*;
use amparo_core::{query, Store};
use chrono::{Duration, NaiveDate, NaiveTime};
use uuid::Uuid;

const OTHER_ROTA: &str = "Rota of another congregation";
const OTHER_SWAP_TIME: &str = "2026-12-24T07:00:00Z";
const OWN_SWAP_TIME: &str = "2026-11-30T07:00:00Z";
const CHECKLIST: &str = "Detained: call the attorney";

/// Coordinator, host, driver, shift volunteer, accompanier; a family placed at the host's
/// site, a court date the driver gives a ride to, a sanctuary site whose shift the
/// volunteer works, another sanctuary site, and the workflow records around them.
fn world() -> Vec<Replica> {
    let mut t = team(&[Role::Host, Role::Driver, Role::ShiftVolunteer, Role::Accompanier]);
    let c = &mut t[0];
    let mut host_v = Volunteer::new("Harriet Host");
    host_v.phone = Some("555-0101".into());
    let driver_v = Volunteer::new("Diego Driver");
    let shift_v = Volunteer::new("Sam Shift");
    let cong = Congregation { id: Uuid::now_v7(), name: "First Church".into(), city: None, contact: None };
    let mut h = Household::new("Familia Rojas");
    h.needs = Some("crib for the baby".into());
    h.status = HouseholdStatus::Active;
    let mut p = Person::new(h.id, "Ana Rojas");
    p.a_number = Some("A123456789".parse().unwrap());
    p.preferred_name = Some("Anita".into());
    let start = (c.now + Duration::days(2)).date_naive().and_hms_opt(9, 0, 0).unwrap();
    let mut cd = CourtDate::new(
        h.id,
        CourtKind::MasterCalendar,
        PlaceTime::new(start, "America/Chicago".parse().unwrap()).unwrap(),
        "Chicago Immigration Court",
    );
    cd.person_id = Some(p.id);
    cd.transport_needed = true;
    let ride = CourtAccompanier { id: Uuid::now_v7(), court_date_id: cd.id, volunteer_id: driver_v.id };
    let mut site = HousingSite::new("Harriet's spare room", 3);
    site.host_volunteer_id = Some(host_v.id);
    let placement = Placement {
        id: Uuid::now_v7(),
        household_id: h.id,
        site_id: site.id,
        beds: 2,
        start_date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        expected_end: None,
        actual_end: None,
        support_lead_id: None,
        checkin_schedule: None,
        notes: None,
    };
    let sanct = SanctuarySite {
        id: Uuid::now_v7(),
        name: "St. Brigid".into(),
        code: "SB".into(),
        address: Some("1 Church St".into()),
        time_zone: "America/Chicago".parse().unwrap(),
        congregation_id: Some(cong.id),
        host_volunteer_id: Some(host_v.id),
    };
    let guest = SanctuaryGuest {
        id: Uuid::now_v7(),
        person_id: p.id,
        site_id: sanct.id,
        since: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        until: None,
    };
    let shift = Shift {
        id: Uuid::now_v7(),
        site_id: sanct.id,
        label: "Morning".into(),
        starts_utc: c.now + Duration::days(1),
        ends_utc: c.now + Duration::days(1) + Duration::hours(6),
        min_people: 2,
        max_people: None,
        required_skills: vec![],
        handoff_notes: Some("quiet night".into()),
    };
    let assignment = ShiftAssignment {
        id: Uuid::now_v7(),
        shift_id: shift.id,
        volunteer_id: shift_v.id,
        confirmed: true,
        manual: true,
        claimed_at: None,
    };
    let mut task = Task::new("Pick up Ana's papers");
    task.household_id = Some(h.id);
    task.assignee_id = Some(driver_v.id);
    // A driver receives their rides, not the family's other tasks.
    task.kind = Some("ride".into());
    task.due_date = Some((c.now + Duration::days(1)).date_naive());
    let morning = || {
        vec![ShiftSpec::new(
            "Morning",
            NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
        )]
    };
    let rotation = RotationTemplate::new(sanct.id, "Weekdays", morning());
    let other_sanct = SanctuarySite {
        id: Uuid::now_v7(),
        name: "St. Other".into(),
        code: "SO".into(),
        address: None,
        host_volunteer_id: None,
        ..sanct.clone()
    };
    let other_rotation = RotationTemplate::new(other_sanct.id, OTHER_ROTA, morning());
    let other_shift = Shift { id: Uuid::now_v7(), site_id: other_sanct.id, handoff_notes: None, ..shift.clone() };
    let other_assignment =
        ShiftAssignment { id: Uuid::now_v7(), shift_id: other_shift.id, volunteer_id: host_v.id, ..assignment.clone() };
    let swap = |shift: &Shift, a: &ShiftAssignment, at: &str| SwapRequest {
        id: Uuid::now_v7(),
        shift_id: shift.id,
        assignment_id: a.id,
        from_volunteer_id: a.volunteer_id,
        to_volunteer_id: None,
        status: SwapStatus::Offered,
        offered_at: at.parse().unwrap(),
        taken_at: None,
        decided_at: None,
        decided_by: None,
    };
    let own_swap = swap(&shift, &assignment, OWN_SWAP_TIME);
    let other_swap = swap(&other_shift, &other_assignment, OTHER_SWAP_TIME);
    let checklist = ChecklistTemplate { id: Uuid::now_v7(), name: "detained".into(), items: vec![CHECKLIST.into()] };
    let now = c.tick();
    c.store
        .write(now, |w| {
            for v in [&host_v, &driver_v, &shift_v] {
                w.create(v)?;
            }
            w.create(&cong)?;
            w.create(&h)?;
            w.create(&p)?;
            w.create(&cd)?;
            w.create(&ride)?;
            w.create(&site)?;
            w.create(&placement)?;
            w.create(&sanct)?;
            w.create(&guest)?;
            w.create(&shift)?;
            w.create(&assignment)?;
            w.create(&task)?;
            w.create(&rotation)?;
            w.create(&other_sanct)?;
            w.create(&other_rotation)?;
            w.create(&other_shift)?;
            w.create(&other_assignment)?;
            w.create(&own_swap)?;
            w.create(&other_swap)?;
            w.create(&checklist)?;
            Ok(())
        })
        .unwrap();
    for (i, v) in [(1, host_v.id), (2, driver_v.id), (3, shift_v.id)] {
        let m = t[i].store.member_id();
        link_volunteer(&mut t[0], m, v);
    }
    for i in 1..t.len() {
        let m = t[i].store.member_id();
        let b = t[0].bundle_for(m, true);
        t[i].import(&b).unwrap();
    }
    t
}

/// Every record of a kind, listed and then read one by one; returns how many there are.
fn read_all<R: Record>(store: &Store) -> usize {
    let all = store.list::<R>().unwrap_or_else(|e| panic!("listing {}: {e}", R::NOUN));
    for r in &all {
        store.get::<R>(r.id()).unwrap_or_else(|e| panic!("reading {}: {e}", R::NOUN));
    }
    all.len()
}

/// How many records of each kind the store holds, all read through the typed API.
fn read_everything(store: &Store) -> Vec<(&'static str, usize)> {
    macro_rules! kinds {
        ($($k:ty),*) => { vec![$((<$k as Record>::NOUN, read_all::<$k>(store))),*] };
    }
    kinds!(
        Member,
        Device,
        Congregation,
        Household,
        Person,
        Volunteer,
        CourtDate,
        CourtAccompanier,
        HousingSite,
        Placement,
        SanctuarySite,
        SanctuaryGuest,
        Shift,
        ShiftAssignment,
        Task,
        Note,
        RotationTemplate,
        SwapRequest,
        ChecklistTemplate
    )
}

fn count<R: Record>(counts: &[(&str, usize)]) -> usize {
    counts.iter().find(|(n, _)| *n == R::NOUN).map(|c| c.1).unwrap()
}

fn agenda_and_search(r: &Replica, words: &[&str]) {
    query::agenda(r.store.conn(), r.now, chrono::FixedOffset::east_opt(0).unwrap(), 14)
        .unwrap_or_else(|e| panic!("{}'s agenda: {e}", r.name));
    for w in words {
        let hits = query::search(r.store.conn(), w, 20).unwrap_or_else(|e| panic!("{}'s search: {e}", r.name));
        assert!(!hits.is_empty(), "{} finds {w:?}", r.name);
    }
}

#[test]
fn a_host_reads_their_site_placements_and_families_through_the_typed_api() {
    let t = world();
    let host = &t[1];
    let counts = read_everything(&host.store);
    assert_eq!(count::<HousingSite>(&counts), 1);
    assert_eq!(count::<Placement>(&counts), 1);
    assert_eq!(count::<Household>(&counts), 1);
    assert_eq!(count::<Person>(&counts), 0);
    assert_eq!(count::<Shift>(&counts), 1);
    let h = &host.store.list::<Household>().unwrap()[0];
    assert_eq!((h.display_name.as_str(), h.needs.as_deref()), ("Familia Rojas", Some("crib for the baby")));
    agenda_and_search(host, &["Rojas", "Harriet"]);
}

#[test]
fn a_driver_reads_their_ride_the_first_name_and_their_task_through_the_typed_api() {
    let t = world();
    let driver = &t[2];
    let counts = read_everything(&driver.store);
    assert_eq!(count::<CourtDate>(&counts), 1);
    assert_eq!(count::<Person>(&counts), 1);
    assert_eq!(count::<Household>(&counts), 1);
    assert_eq!(count::<Task>(&counts), 1);
    let p = &driver.store.list::<Person>().unwrap()[0];
    assert_eq!(p.name, "Ana");
    assert!(p.a_number.is_none());
    let agenda = query::agenda(driver.store.conn(), driver.now, chrono::FixedOffset::east_opt(0).unwrap(), 14).unwrap();
    let text = format!("{agenda:?}");
    assert!(text.contains("Chicago Immigration Court"), "the ride is on the driver's agenda: {text}");
    agenda_and_search(driver, &["Ana", "Chicago"]);
}

#[test]
fn a_shift_volunteer_reads_the_rota_and_the_guests_first_name_through_the_typed_api() {
    let t = world();
    let sv = &t[3];
    let counts = read_everything(&sv.store);
    assert_eq!(count::<SanctuarySite>(&counts), 1);
    assert_eq!(count::<Shift>(&counts), 1);
    assert_eq!(count::<ShiftAssignment>(&counts), 1);
    assert_eq!(count::<SanctuaryGuest>(&counts), 1);
    assert_eq!(count::<Person>(&counts), 1);
    assert_eq!(count::<Household>(&counts), 0);
    let p = &sv.store.list::<Person>().unwrap()[0];
    assert_eq!((p.name.as_str(), p.preferred_name.as_deref()), ("Ana", Some("Anita")));
    let site = &sv.store.list::<SanctuarySite>().unwrap()[0];
    assert!(site.address.is_none(), "the site's address is not part of the rota");
    agenda_and_search(sv, &["Anita", "Brigid"]);
}

/// The bundle the coordinator makes for member `i`, decrypted with that member's identity.
fn plaintext_for(t: &mut [Replica], i: usize) -> String {
    let m = t[i].store.member_id();
    let bytes = t[0].bundle_for(m, true);
    let now = t[i].now;
    let k = amparo_core::sync::keys::load(&mut t[i].store, now).unwrap();
    let id: age::x25519::Identity = k.age_identity_text().parse().unwrap();
    String::from_utf8(amparo_core::sync::bundle::decrypt(&bytes, &id).unwrap()).unwrap()
}

#[test]
fn workflow_records_reach_only_the_roles_whose_work_they_are() {
    let mut t = world();
    let has = |text: &str, s: &str| text.contains(s);
    // Host: the rota pattern of their own site and the swaps of its shifts; no other site's.
    let host = plaintext_for(&mut t, 1);
    assert!(has(&host, "Weekdays") && has(&host, OWN_SWAP_TIME), "the host sees their site's rota and swaps");
    assert!(!has(&host, OTHER_ROTA) && !has(&host, OTHER_SWAP_TIME) && !has(&host, CHECKLIST));
    // Shift volunteer: the same for the site they work at.
    let sv = plaintext_for(&mut t, 3);
    assert!(has(&sv, "Weekdays") && has(&sv, OWN_SWAP_TIME), "the shift volunteer sees their site's rota and swaps");
    assert!(!has(&sv, OTHER_ROTA) && !has(&sv, OTHER_SWAP_TIME) && !has(&sv, CHECKLIST));
    // Driver: none of it.
    let driver = plaintext_for(&mut t, 2);
    assert!(
        !has(&driver, "Weekdays")
            && !has(&driver, OWN_SWAP_TIME)
            && !has(&driver, OTHER_ROTA)
            && !has(&driver, CHECKLIST)
    );
    assert!(!driver.contains("\"rotation_template\"") && !driver.contains("\"swap_request\""));
    // Accompanier: the team's checklists, not the sanctuary rotas.
    let acc = plaintext_for(&mut t, 4);
    assert!(has(&acc, CHECKLIST), "accompaniers open the team's checklists");
    assert!(!has(&acc, "Weekdays") && !has(&acc, OWN_SWAP_TIME) && !has(&acc, OTHER_ROTA));
    // Coordinator-made bundles carry every kind to the roles above; their stores read them.
    let counts = read_everything(&t[1].store);
    assert_eq!((count::<RotationTemplate>(&counts), count::<SwapRequest>(&counts)), (1, 1));
    let counts = read_everything(&t[3].store);
    assert_eq!((count::<RotationTemplate>(&counts), count::<SwapRequest>(&counts)), (1, 1));
    let counts = read_everything(&t[4].store);
    assert_eq!((count::<ChecklistTemplate>(&counts), count::<RotationTemplate>(&counts)), (1, 0));
}
