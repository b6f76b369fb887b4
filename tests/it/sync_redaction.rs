//! Each recipient's bundle holds only what their role may see ("Who sees what" in
//! docs/design/domain.md). The files are decrypted here and searched as bytes: what is
//! redacted must not be in them at all.

use crate::support::replicas::*;
use amparo_core::domain::*;
use amparo_core::sync::{bundle, keys};
use chrono::{NaiveDate, Utc};
use uuid::Uuid;

const A_NUMBER: &str = "123456789";
const HOME_ADDRESS: &str = "1402 Calle Escondida";
const OTHER_SITE_ADDRESS: &str = "77 Otherhost Lane";
const OWN_SITE_ADDRESS: &str = "12 Harriet Court";
const ATTORNEY: &str = "Lucia Abogada";
const INTERNAL_COURT_NOTE: &str = "judge was hostile last time";
const INTERNAL_NOTE: &str = "family fears the uncle";

struct World {
    t: Vec<Replica>,
    household: Uuid,
}

fn world() -> World {
    // Coordinator, accompanier, host, driver, shift volunteer.
    let mut t = team(&[Role::Accompanier, Role::Host, Role::Driver, Role::ShiftVolunteer]);
    let c = &mut t[0];
    let mut host_v = Volunteer::new("Harriet Host");
    host_v.phone = Some("555-0101".into());
    let driver_v = Volunteer::new("Diego Driver");
    let other_v = Volunteer::new("Otto Otherhost");
    let mut h = Household::new("Familia Rojas");
    h.address = Some(HOME_ADDRESS.into());
    h.phone = Some("555-0199".into());
    h.needs = Some("crib for the baby".into());
    let mut p = Person::new(h.id, "Ana Rojas");
    p.a_number = Some(format!("A{A_NUMBER}").parse().unwrap());
    p.attorney_name = Some(ATTORNEY.into());
    p.country = Some("Honduras".into());
    let at = PlaceTime::new(
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap().and_hms_opt(9, 0, 0).unwrap(),
        "America/Chicago".parse().unwrap(),
    )
    .unwrap();
    let mut cd = CourtDate::new(h.id, CourtKind::MasterCalendar, at, "Chicago Immigration Court");
    cd.person_id = Some(p.id);
    cd.transport_needed = true;
    cd.internal_notes = Some(INTERNAL_COURT_NOTE.into());
    cd.accompanier_notes = Some("meet at the north door".into());
    cd.judge = Some("Judge Severo".into());
    let ride = CourtAccompanier { id: Uuid::now_v7(), court_date_id: cd.id, volunteer_id: driver_v.id };
    let mut own_site = HousingSite::new("Harriet's spare room", 3);
    own_site.address = Some(OWN_SITE_ADDRESS.into());
    own_site.host_volunteer_id = Some(host_v.id);
    let mut other_site = HousingSite::new("Otto's basement", 2);
    other_site.address = Some(OTHER_SITE_ADDRESS.into());
    other_site.host_volunteer_id = Some(other_v.id);
    let placement = Placement {
        id: Uuid::now_v7(),
        household_id: h.id,
        site_id: own_site.id,
        beds: 2,
        start_date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        expected_end: None,
        actual_end: None,
        support_lead_id: None,
        checkin_schedule: None,
        notes: Some("placement notes are legal".into()),
    };
    let note = Note {
        id: Uuid::now_v7(),
        record_table: "household".into(),
        record_id: h.id,
        body: INTERNAL_NOTE.into(),
        visibility: Visibility::Internal,
        created_at: Utc::now(),
    };
    let now = c.tick();
    c.store
        .write(now, |w| {
            for v in [&host_v, &driver_v, &other_v] {
                w.create(v)?;
            }
            w.create(&h)?;
            w.create(&p)?;
            w.create(&cd)?;
            w.create(&ride)?;
            w.create(&own_site)?;
            w.create(&other_site)?;
            w.create(&placement)?;
            w.create(&note)?;
            Ok(())
        })
        .unwrap();
    let (host_m, driver_m) = (t[2].store.member_id(), t[3].store.member_id());
    link_volunteer(&mut t[0], host_m, host_v.id);
    link_volunteer(&mut t[0], driver_m, driver_v.id);
    World { t, household: h.id }
}

/// The bundle for member `i`, decrypted with that member's own identity.
fn plaintext_for(w: &mut World, i: usize) -> (Vec<u8>, String) {
    let m = w.t[i].store.member_id();
    let bytes = w.t[0].bundle_for(m, false);
    let now = w.t[i].now;
    let k = keys::load(&mut w.t[i].store, now).unwrap();
    let id: age::x25519::Identity = k.age_identity_text().parse().unwrap();
    let plain = bundle::decrypt(&bytes, &id).unwrap();
    (bytes, String::from_utf8(plain).unwrap())
}

fn absent(text: &str, who: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(!text.contains(s), "{who}'s bundle contains {s:?}");
    }
}

#[test]
fn a_host_gets_their_site_placements_and_family_names_but_nothing_legal() {
    let mut w = world();
    let (bytes, text) = plaintext_for(&mut w, 2);
    assert!(text.contains(OWN_SITE_ADDRESS), "the host sees their own site");
    assert!(text.contains("Familia Rojas") && text.contains("crib for the baby"), "and who is placed there");
    absent(
        &text,
        "host",
        &[
            A_NUMBER,
            HOME_ADDRESS,
            OTHER_SITE_ADDRESS,
            ATTORNEY,
            INTERNAL_COURT_NOTE,
            INTERNAL_NOTE,
            "Chicago Immigration Court",
            "Honduras",
            "placement notes",
        ],
    );
    let s = w.t[2].import(&bytes).unwrap();
    assert!(s.new > 0);
    // The redacted record reads through the typed model (tests/it/sync_redacted_reads.rs).
    let hh = w.t[2].store.get::<Household>(w.household).unwrap();
    assert_eq!(hh.display_name, "Familia Rojas");
    assert_eq!(hh.address, None);
}

#[test]
fn a_driver_gets_the_time_place_first_name_and_phone_of_their_ride_only() {
    let mut w = world();
    let (bytes, text) = plaintext_for(&mut w, 3);
    assert!(
        text.contains("Chicago Immigration Court") && text.contains("\"Ana\"") && text.contains("555-0199"),
        "{text}"
    );
    absent(
        &text,
        "driver",
        &[
            A_NUMBER,
            "Rojas",
            HOME_ADDRESS,
            OTHER_SITE_ADDRESS,
            OWN_SITE_ADDRESS,
            ATTORNEY,
            INTERNAL_COURT_NOTE,
            INTERNAL_NOTE,
            "Judge Severo",
            "meet at the north door",
            "Honduras",
        ],
    );
    w.t[3].import(&bytes).unwrap();
}

#[test]
fn an_accompanier_gets_names_and_court_dates_without_a_numbers_addresses_or_internal_notes() {
    let mut w = world();
    let (bytes, text) = plaintext_for(&mut w, 1);
    assert!(
        text.contains("Ana Rojas")
            && text.contains("Chicago Immigration Court")
            && text.contains("meet at the north door")
    );
    absent(
        &text,
        "accompanier",
        &[
            A_NUMBER,
            HOME_ADDRESS,
            OTHER_SITE_ADDRESS,
            OWN_SITE_ADDRESS,
            ATTORNEY,
            INTERNAL_COURT_NOTE,
            INTERNAL_NOTE,
            "Judge Severo",
            "Honduras",
        ],
    );
    w.t[1].import(&bytes).unwrap();
}

#[test]
fn a_shift_volunteer_without_shifts_gets_no_family_data() {
    let mut w = world();
    let (_, text) = plaintext_for(&mut w, 4);
    absent(
        &text,
        "shift volunteer",
        &[
            A_NUMBER,
            "Rojas",
            HOME_ADDRESS,
            OTHER_SITE_ADDRESS,
            OWN_SITE_ADDRESS,
            ATTORNEY,
            INTERNAL_COURT_NOTE,
            INTERNAL_NOTE,
            "Chicago Immigration Court",
        ],
    );
}

/// A family forgotten on the coordinator's store: the host, who had its placement, is told
/// to forget the placement too; the accompanier, whose role receives no placement, is not
/// sent a marker of a placement she never had (nor the host one of the court date).
#[test]
fn a_forgotten_familys_markers_go_only_to_roles_that_receive_such_records() {
    let mut w = world();
    for i in 1..w.t.len() {
        let m = w.t[i].store.member_id();
        let b = w.t[0].bundle_for(m, false);
        w.t[i].import(&b).unwrap();
    }
    let now = w.t[0].tick();
    amparo_core::sync::purge::forget_family(&mut w.t[0].store, w.household, now).unwrap();
    let marker_of = |text: &str, table: &str| {
        text.lines().any(|l| l.contains(&format!("\"table\":\"{table}\"")) && l.contains("_purged"))
    };
    let (_, host) = plaintext_for(&mut w, 2);
    assert!(marker_of(&host, "placement"), "the host forgets the placement she had");
    assert!(!marker_of(&host, "court_date"), "a host receives no court date");
    let (_, accompanier) = plaintext_for(&mut w, 1);
    assert!(marker_of(&accompanier, "court_date"), "the accompanier forgets the court date");
    assert!(!marker_of(&accompanier, "placement"), "an accompanier receives no placement");
}

/// An edit the host may make (the check-in schedule of a placement at her site), made on a
/// store that does not hold the placement's notes nor the family's address, changes only
/// what she changed on the coordinator's store.
#[test]
fn a_hosts_check_in_schedule_leaves_what_she_cannot_see_as_the_coordinator_has_it() {
    let mut w = world();
    let (bytes, _) = plaintext_for(&mut w, 2);
    w.t[2].import(&bytes).unwrap();
    let mut placement = w.t[2].store.list::<Placement>().unwrap().pop().expect("the host holds her site's placement");
    assert_eq!(placement.notes, None, "not shared with a host");
    placement.checkin_schedule = Some("martes y viernes, 6 pm".into());
    let now = w.t[2].tick();
    w.t[2].store.save(now, &placement).unwrap();
    let coord = w.t[0].store.member_id();
    let b = w.t[2].bundle_for(coord, false);
    let summary = w.t[0].import(&b).unwrap();
    assert_eq!(summary.left_out, 0, "{summary:?}");
    let at_coord: Placement = w.t[0].store.get(placement.id).unwrap();
    assert_eq!(at_coord.checkin_schedule.as_deref(), Some("martes y viernes, 6 pm"));
    assert_eq!(at_coord.notes.as_deref(), Some("placement notes are legal"));
    assert_eq!((at_coord.beds, at_coord.household_id), (2, w.household));
    let family: Household = w.t[0].store.get(w.household).unwrap();
    assert_eq!(family.address.as_deref(), Some(HOME_ADDRESS));
    assert_eq!(family.needs.as_deref(), Some("crib for the baby"));
}
