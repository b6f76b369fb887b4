//! Housing through the public API: matching a family to sites with room for the whole
//! stay, best first; reminders for placements ending and missed check-ins.

use amparo_core::domain::{Household, HousingSite, Note, Person, Placement, Visibility};
use amparo_core::housing::{self, HousingNeed, HousingReminder};
use amparo_core::{rules, KdfParams, Owner, Store};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn new_store(dir: &std::path::Path) -> Store {
    let owner = Owner { name: "Ana Coordinadora".into(), device_label: "office".into() };
    Store::init(dir, "a long passphrase", KdfParams::MINIMUM, &owner, now()).unwrap()
}

fn site(store: &mut Store, name: &str, beds: i64, langs: &[&str], children: bool) -> HousingSite {
    let mut s = HousingSite::new(name, beds);
    s.languages = langs.iter().map(|l| l.to_string()).collect();
    s.accepts_children = children;
    store.write(now(), |w| rules::add_housing_site(w, &s)).unwrap();
    s
}

fn family_of(store: &mut Store, name: &str, people: &[(&str, Option<NaiveDate>)], langs: &[&str]) -> Household {
    let mut h = Household::new(name);
    h.languages = langs.iter().map(|l| l.to_string()).collect();
    store.write(now(), |w| rules::add_household(w, &h)).unwrap();
    for (n, born) in people {
        let mut p = Person::new(h.id, *n);
        p.birth_date = *born;
        store.write(now(), |w| rules::add_person(w, &p)).unwrap();
    }
    h
}

fn place(store: &mut Store, h: &Household, s: &HousingSite, beds: i64, from: NaiveDate, to: NaiveDate) -> Placement {
    let p = Placement {
        id: Uuid::now_v7(),
        household_id: h.id,
        site_id: s.id,
        beds,
        start_date: from,
        expected_end: Some(to),
        actual_end: None,
        support_lead_id: None,
        checkin_schedule: Some("weekly".into()),
        notes: None,
    };
    store.write(now(), |w| rules::add_placement(w, &p)).unwrap();
    p
}

#[test]
fn a_family_of_five_with_children_gets_sites_with_room_every_night_best_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let five = family_of(
        &mut store,
        "Familia Morales",
        &[
            ("Marta", None),
            ("Jorge", None),
            ("Luz", NaiveDate::from_ymd_opt(2018, 1, 1)),
            ("Eva", None),
            ("Tino", None),
        ],
        &["spanish"],
    );
    let big_english = site(&mut store, "Big House", 8, &["english"], true);
    let fits_spanish = site(&mut store, "Casa Esperanza", 6, &["Spanish"], true);
    let no_children = site(&mut store, "Adults Only Flat", 10, &["spanish"], false);
    let busy_in_the_middle = site(&mut store, "Parish Apartment", 6, &["spanish"], true);
    let other = family_of(&mut store, "Familia Ortiz", &[("A", None), ("B", None)], &[]);
    // Two beds taken for three nights in the middle of the stay: only 4 free then.
    place(&mut store, &other, &busy_in_the_middle, 2, d(12, 10), d(12, 12));

    let need = HousingNeed::for_household(store.conn(), five.id, d(12, 1)).unwrap();
    // "spanish", "Spanish" and "es" are one language.
    assert_eq!(
        need,
        HousingNeed { beds: 5, children: true, languages: vec!["es".into()], pets: false, accessible: false }
    );
    let matches = housing::match_sites(store.conn(), &need, d(12, 1), d(12, 31), Some(five.id)).unwrap();
    let names: Vec<&str> = matches.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["Casa Esperanza", "Big House"],
        "Spanish-speaking first; no room mid-stay and no children excluded"
    );
    assert_eq!(matches[0].free_beds, 6);
    assert_eq!(matches[0].shared_languages, vec!["es".to_string()]);
    let _ = (big_english, fits_spanish, no_children);

    // Outside the busy nights the parish apartment fits.
    let early = housing::match_sites(store.conn(), &need, d(12, 1), d(12, 9), Some(five.id)).unwrap();
    assert!(early.iter().any(|m| m.name == "Parish Apartment"));
}

#[test]
fn placements_ending_within_fourteen_days_and_missed_checkins_are_reminded() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store, "Casa Esperanza", 10, &[], true);
    let a = family_of(&mut store, "Familia A", &[("A", None)], &[]);
    let b = family_of(&mut store, "Familia B", &[("B", None)], &[]);
    let c = family_of(&mut store, "Familia C", &[("C", None)], &[]);
    let ending = place(&mut store, &a, &s, 1, d(10, 1), d(12, 5));
    let later = place(&mut store, &b, &s, 1, d(11, 1), d(12, 31));
    let visited = place(&mut store, &c, &s, 1, d(11, 1), d(12, 31));
    // C had a check-in note on 2026-11-20; A and B had none since they arrived.
    let note = Note {
        id: Uuid::now_v7(),
        record_table: "placement".into(),
        record_id: visited.id,
        body: "All well".into(),
        visibility: Visibility::Internal,
        created_at: Utc.with_ymd_and_hms(2026, 11, 20, 18, 0, 0).unwrap(),
    };
    store.write(now(), |w| rules::add_note(w, &note)).unwrap();

    let today = d(11, 23);
    let r = housing::housing_reminders(store.conn(), today, chrono_tz::UTC).unwrap();
    assert!(r.iter().any(
        |x| matches!(x, HousingReminder::EndingSoon { placement_id, days_left: 12, .. } if *placement_id == ending.id)
    ));
    assert!(!r
        .iter()
        .any(|x| matches!(x, HousingReminder::EndingSoon { placement_id, .. } if *placement_id == later.id)));
    let missed: Vec<Uuid> = r
        .iter()
        .filter_map(|x| match x {
            HousingReminder::MissedCheckIn { placement_id, .. } => Some(*placement_id),
            _ => None,
        })
        .collect();
    assert!(missed.contains(&ending.id) && missed.contains(&later.id));
    assert!(!missed.contains(&visited.id), "checked in three days ago, weekly schedule");
    assert_eq!(housing::checkin_interval("every 2 weeks"), Some(14));
    assert_eq!(housing::checkin_interval("cada 3 días"), Some(3));
    assert_eq!(housing::checkin_interval(""), None);
}

#[test]
fn recording_a_check_in_on_a_placement_clears_its_missed_check_in_and_a_future_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let s = site(&mut store, "Casa Esperanza", 10, &[], true);
    let a = family_of(&mut store, "Familia Alvarado", &[("A", None)], &[]);
    let p = place(&mut store, &a, &s, 1, d(11, 1), d(12, 31));
    let chicago: chrono_tz::Tz = "America/Chicago".parse().unwrap();
    let missed = |store: &Store| {
        housing::housing_reminders(store.conn(), d(11, 23), chicago)
            .unwrap()
            .iter()
            .any(|x| matches!(x, HousingReminder::MissedCheckIn { placement_id, .. } if *placement_id == p.id))
    };
    assert!(missed(&store), "weekly schedule, nobody checked in since 11-01");
    assert_eq!(housing::last_check_in(store.conn(), p.id, chicago).unwrap(), None);

    // Recorded today (11-23) for a visit made on 11-20: it counts on 11-20, not today.
    store
        .write(now(), |w| {
            amparo_core::rules::record_check_in(w, p.id, d(11, 20), " Ana Ruiz ", "all well", now(), chicago)
        })
        .unwrap();
    assert!(!missed(&store), "checked in three days ago");
    assert_eq!(housing::last_check_in(store.conn(), p.id, chicago).unwrap(), Some(d(11, 20)));
    let due = housing::housing_reminders(store.conn(), d(11, 28), chicago).unwrap();
    assert!(due.iter().any(|x| matches!(x, HousingReminder::MissedCheckIn { was_due, .. } if *was_due == d(11, 27))));
    let notes = store.list::<Note>().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].record_table.as_str(), notes[0].body.as_str()), ("placement", "Ana Ruiz — all well"));

    let future = store
        .write(now(), |w| amparo_core::rules::record_check_in(w, p.id, d(11, 24), "Ana", "", now(), chicago))
        .unwrap_err();
    assert!(matches!(future.refusal(), Some(amparo_core::refusal::Refusal::CheckInInFuture { .. })), "{future}");
    let nobody = store
        .write(now(), |w| amparo_core::rules::record_check_in(w, p.id, d(11, 23), "  ", "", now(), chicago))
        .unwrap_err();
    assert!(nobody.to_string().contains("empty"), "{nobody}");
    assert_eq!(store.list::<Note>().unwrap().len(), 1, "nothing written when refused");
}

#[test]
fn a_family_with_a_fourteen_year_old_is_not_placed_where_children_are_not_accepted_unless_overridden() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let h = family_of(
        &mut store,
        "Familia Ortiz",
        &[("Rosa Ortiz", NaiveDate::from_ymd_opt(1985, 1, 1)), ("Leo Ortiz", NaiveDate::from_ymd_opt(2012, 3, 2))],
        &[],
    );
    let adults = site(&mut store, "Adults Only Flat", 10, &[], false);
    let p = Placement {
        id: Uuid::now_v7(),
        household_id: h.id,
        site_id: adults.id,
        beds: 2,
        start_date: d(12, 1),
        expected_end: Some(d(12, 20)),
        actual_end: None,
        support_lead_id: None,
        checkin_schedule: None,
        notes: None,
    };
    let err = store.write(now(), |w| rules::add_placement(w, &p)).unwrap_err();
    assert_eq!(err.to_string(), "Adults Only Flat does not accept children and this family has children; choose another site, or place them anyway if the host agreed (--allow-children)");
    assert!(store.list::<Placement>().unwrap().is_empty());
    let allow = rules::Overrides { children_at_site: true, ..Default::default() };
    store.write(now(), |w| rules::add_placement_with(w, &p, allow)).unwrap();
    assert_eq!(store.list::<Placement>().unwrap().len(), 1);
    // Moving the dates of the stay there does not ask again.
    let mut moved = p.clone();
    moved.expected_end = Some(d(12, 22));
    store.write(now(), |w| rules::save_placement(w, &moved)).unwrap();
}

#[test]
fn an_a_number_in_another_family_and_all_zeros_are_refused() {
    use amparo_core::domain::ANumberOrNone;
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let a = family_of(&mut store, "Familia Ramírez", &[], &[]);
    let b = family_of(&mut store, "Familia Torres", &[], &[]);
    let mut jose = Person::new(a.id, "José Ramírez");
    jose.a_number = Some(ANumberOrNone::parse("A-208-123-456").unwrap());
    store.write(now(), |w| rules::add_person(w, &jose)).unwrap();
    let mut other = Person::new(b.id, "Luis Torres");
    other.a_number = Some(ANumberOrNone::parse("208123456").unwrap());
    let err = store.write(now(), |w| rules::add_person(w, &other)).unwrap_err();
    assert!(err.to_string().contains("already recorded for a person in another family"), "{err}");
    assert!(!err.to_string().contains("208"), "the message never repeats the A-number: {err}");
    // Saving José again (same family, same number) is fine.
    jose.preferred_name = Some("Pepe".into());
    store.write(now(), |w| rules::save_person(w, &jose)).unwrap();
    let allow = rules::Overrides { duplicate_a_number: true, ..Default::default() };
    store.write(now(), |w| rules::add_person_with(w, &other, allow)).unwrap();

    let mut zeros = Person::new(b.id, "Ana Torres");
    zeros.a_number = Some(ANumberOrNone::parse("000000000").unwrap());
    let err = store.write(now(), |w| rules::add_person(w, &zeros)).unwrap_err();
    assert!(err.to_string().contains("000000000 is not a real A-number"), "{err}");
}

#[test]
fn deleting_a_placement_in_the_cli_takes_its_check_in_notes_with_it() {
    use crate::support::cli::{added_id, Env};
    let env = Env::new();
    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Peña"]));
    env.ok(&["person", "add", "--family", &family, "--name", "Iñés Peña"]);
    let site = added_id(&env.ok(&["site", "add", "--name", "Casa Betania", "--capacity", "4"]));
    let placement = added_id(&env.ok(&[
        "placement",
        "add",
        "--family",
        &family,
        "--site",
        &site,
        "--start",
        "2026-11-20",
        "--end",
        "2026-11-30",
    ]));
    env.ok(&["note", "add", "--on", &placement, "--text", "Visita del martes: todo bien con Iñés"]);
    let out = env.ok(&["placement", "delete", &placement]);
    assert!(out.contains("deleted the placement and 1 record(s) that belonged to it"), "{out}");
    assert!(env.ok(&["search", "martes"]).contains("nothing found"), "the check-in note went with its placement");
}
