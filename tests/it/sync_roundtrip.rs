//! A coordinator's changes reach a member through a bundle; imports are idempotent;
//! the summary says what happened; edits flow back; deletes stay deleted.

use crate::support::replicas::*;
use amparo_core::domain::{CourtDate, Household, Person, Role};
use amparo_core::sync::{conflicts, purge};
use chrono::NaiveDate;

#[test]
fn a_family_reaches_a_coordinator_peer_and_reimport_changes_nothing() {
    let mut t = team(&[Role::Coordinator]);
    let h = Household::new("Familia Rojas");
    let now = t[0].tick();
    t[0].store.create(now, &h).unwrap();
    let mut p = Person::new(h.id, "Ana Rojas");
    p.a_number = Some("A123456789".parse().unwrap());
    let now = t[0].tick();
    t[0].store.create(now, &p).unwrap();

    let peer = t[1].store.member_id();
    let b = t[0].bundle_for(peer, false);
    let s = t[1].import(&b).unwrap();
    assert_eq!(s.new, 2, "{s}");
    assert_eq!(s.conflicts, 0);
    let got: Person = t[1].store.get(p.id).unwrap();
    assert_eq!(got.name, "Ana Rojas");
    assert_eq!(got.a_number, p.a_number, "a coordinator receives the A-number");
    assert_eq!(t[0].hash(), t[1].hash());

    let before = (t[1].hash(), t[1].oplog_len());
    let again = t[1].import(&b).unwrap();
    assert!(again.bundle_already_imported);
    assert_eq!((t[1].hash(), t[1].oplog_len()), before);

    // A fresh bundle with the same content (not acknowledged yet) is all "already seen".
    let b2 = t[0].bundle_for(peer, false);
    let s2 = t[1].import(&b2).unwrap();
    assert_eq!((s2.new, s2.updated), (0, 0), "{s2}");
    assert!(s2.already_seen > 0);
    assert_eq!((t[1].hash(), t[1].oplog_len()), before);
}

#[test]
fn acknowledgements_shrink_the_next_bundle_and_edits_flow_both_ways() {
    let mut t = team(&[Role::Coordinator]);
    let (c, m) = (t[0].store.member_id(), t[1].store.member_id());
    let h = Household::new("Familia Soto");
    let now = t[0].tick();
    t[0].store.create(now, &h).unwrap();
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();
    // Member answers (carrying its vector = acknowledgement) with an edit.
    let mut h2: Household = t[1].store.get(h.id).unwrap();
    h2.needs = Some("winter coats".into());
    let now = t[1].tick();
    t[1].store.save(now, &h2).unwrap();
    let back = t[1].bundle_for(c, false);
    let s = t[0].import(&back).unwrap();
    assert_eq!(s.updated, 1, "{s}");
    assert_eq!(t[0].store.get::<Household>(h.id).unwrap().needs.as_deref(), Some("winter coats"));
    // The coordinator now knows the member has everything: the next delta is empty.
    let (mm, now) = (t[0].member(m), t[0].now);
    let made = amparo_core::sync::export::make_for(&mut t[0].store, &mm, false, now).unwrap();
    assert_eq!(made.ops, 0);
    assert_eq!(t[0].hash(), t[1].hash());
}

#[test]
fn concurrent_court_time_edits_open_one_high_stakes_conflict_on_both_sides_and_a_resolution_closes_it() {
    let mut t = team(&[Role::Coordinator]);
    let (c, m) = (t[0].store.member_id(), t[1].store.member_id());
    let h = Household::new("Familia Vega");
    let cd = court(h.id);
    let now = t[0].tick();
    t[0].store.create(now, &h).unwrap();
    let now = t[0].tick();
    t[0].store.create(now, &cd).unwrap();
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();

    let mut a: CourtDate = t[0].store.get(cd.id).unwrap();
    a.place = "Courtroom A, 525 W Van Buren".into();
    let now = t[0].tick();
    t[0].store.save(now, &a).unwrap();
    let mut bb: CourtDate = t[1].store.get(cd.id).unwrap();
    bb.place = "Broadview ICE office".into();
    let now = t[1].tick();
    t[1].store.save(now, &bb).unwrap();

    let to_m = t[0].bundle_for(m, false);
    let to_c = t[1].bundle_for(c, false);
    let s1 = t[1].import(&to_m).unwrap();
    let s0 = t[0].import(&to_c).unwrap();
    assert_eq!((s0.conflicts, s1.conflicts), (1, 1));
    assert_eq!(t[0].hash(), t[1].hash(), "both sides agree on the winner and the conflict");
    let list = conflicts::list(t[0].store.conn()).unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].high_stakes);
    assert_eq!(list[0].field, "place");
    let values: Vec<String> = list[0].versions.iter().map(|v| v.value.as_str().unwrap().to_string()).collect();
    assert!(
        values.contains(&"Courtroom A, 525 W Van Buren".to_string())
            && values.contains(&"Broadview ICE office".to_string())
    );
    assert_eq!(conflicts::list(t[1].store.conn()).unwrap(), list);

    // The member keeps the losing value; the decision travels and closes it everywhere.
    let keep = values.iter().position(|v| v == "Courtroom A, 525 W Van Buren").unwrap() + 1;
    let now = t[1].tick();
    conflicts::resolve(&mut t[1].store, &list[0].id, conflicts::Keep::Listed(keep), now).unwrap();
    assert!(conflicts::list(t[1].store.conn()).unwrap().is_empty());
    let back = t[1].bundle_for(c, false);
    t[0].import(&back).unwrap();
    assert!(conflicts::list(t[0].store.conn()).unwrap().is_empty());
    assert_eq!(t[0].store.get::<CourtDate>(cd.id).unwrap().place, "Courtroom A, 525 W Van Buren");
    assert_eq!(t[0].hash(), t[1].hash());
}

#[test]
fn a_delete_is_not_undone_by_a_late_edit_and_a_purge_removes_the_family_everywhere() {
    let mut t = team(&[Role::Coordinator]);
    let (c, m) = (t[0].store.member_id(), t[1].store.member_id());
    let h = Household::new("Familia Luna");
    let mut p = Person::new(h.id, "Rosa Luna");
    p.a_number = Some("A987654321".parse().unwrap());
    let now = t[0].tick();
    t[0].store.create(now, &h).unwrap();
    let now = t[0].tick();
    t[0].store.create(now, &p).unwrap();
    let b = t[1 - 1].bundle_for(m, false);
    t[1].import(&b).unwrap();

    // Member edits the person late; the coordinator deleted it meanwhile.
    let now = t[0].tick();
    t[0].store.remove::<Person>(now, p.id).unwrap();
    let mut p2: Person = t[1].store.get(p.id).unwrap();
    p2.preferred_name = Some("Rosi".into());
    let now = t[1].tick();
    t[1].store.save(now, &p2).unwrap();
    let late = t[1].bundle_for(c, false);
    t[0].import(&late).unwrap();
    assert!(t[0].store.find::<Person>(p.id).unwrap().is_none(), "the late edit does not resurrect");

    // Purge on the coordinator; the member's copy goes too.
    let now = t[0].tick();
    let n = purge::purge_household(&mut t[0].store, h.id, now).unwrap();
    assert_eq!(n, 2);
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();
    for r in [&t[0], &t[1]] {
        assert!(r.store.find::<Household>(h.id).unwrap().is_none());
        let left: i64 = r
            .store
            .conn()
            .query_row(
                "SELECT count(*) FROM oplog WHERE record_id IN (?1, ?2) AND field <> '_purged'",
                [h.id.to_string(), p.id.to_string()],
                |x| x.get(0),
            )
            .unwrap();
        assert_eq!(left, 0, "no history of the family is left");
        let a: Option<String> = r
            .store
            .conn()
            .query_row("SELECT a_number FROM person WHERE id = ?1", [p.id.to_string()], |x| x.get(0))
            .unwrap();
        assert_eq!(a, None);
    }
    assert_eq!(t[0].hash(), t[1].hash());
}

#[test]
fn an_edit_from_a_clock_far_in_the_future_is_held_not_applied_and_does_not_drag_our_clock() {
    let mut t = team(&[Role::Coordinator]);
    let m = t[1].store.member_id();
    // The coordinator's laptop thinks it is next year.
    t[0].now += chrono::Duration::days(300);
    let now = t[0].tick();
    let h = Household::new("Familia Futuro");
    t[0].store.create(now, &h).unwrap();
    let b = t[0].bundle_for(m, false);
    let s = t[1].import(&b).unwrap();
    assert!(s.future_dated > 0, "{s}");
    assert!(s.to_string().contains("were held, not applied"), "{s}");
    assert!(
        t[1].store.find::<Household>(h.id).unwrap().is_none(),
        "held until this clock reaches its date (issue 13, finding 3)"
    );
    assert_eq!(amparo_core::sync::held::list(t[1].store.conn()).unwrap().len(), 1);
    let clock = t[1].store.clock().wall();
    assert!(clock < t[1].now + chrono::Duration::days(1), "the local clock did not jump to the peer's");
}

#[test]
fn retention_purges_only_families_closed_long_enough_ago() {
    let mut t = team(&[Role::Coordinator]);
    let mut old = Household::new("Familia Cerrada");
    old.status = amparo_core::domain::HouseholdStatus::Closed;
    old.closed_at = Some(NaiveDate::from_ymd_opt(2025, 1, 10).unwrap());
    let mut recent = Household::new("Familia Reciente");
    recent.status = amparo_core::domain::HouseholdStatus::Closed;
    recent.closed_at = Some(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    let open = Household::new("Familia Activa");
    for h in [&old, &recent, &open] {
        let now = t[0].tick();
        t[0].store.create(now, h).unwrap();
    }
    let now = t[0].tick();
    assert_eq!(purge::purge_closed(&mut t[0].store, 365, now).unwrap(), 1);
    assert!(t[0].store.find::<Household>(old.id).unwrap().is_none());
    assert!(t[0].store.find::<Household>(recent.id).unwrap().is_some());
    assert!(t[0].store.find::<Household>(open.id).unwrap().is_some());
    let m = t[1].store.member_id();
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();
    assert!(t[1].store.find::<Household>(old.id).unwrap().is_none());
    let name: Option<String> = t[1]
        .store
        .conn()
        .query_row("SELECT display_name FROM household WHERE id = ?1", [old.id.to_string()], |r| r.get(0))
        .unwrap();
    assert_eq!(name, None, "only a tombstone of the purged family arrives");
    assert_eq!(t[0].hash(), t[1].hash());
}

/// "Forget this family" in the app: a coordinator's purge goes to the team; an
/// accompanier is refused and nothing changes; a store without a team may forget its own.
#[test]
fn only_a_coordinator_forgets_a_family_for_the_team() {
    let mut t = team(&[Role::Accompanier]);
    let h = Household::new("Familia Olvido");
    let now = t[0].tick();
    t[0].store.write(now, |w| w.create(&h)).unwrap();
    let m = t[1].store.member_id();
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();

    assert!(!purge::may_forget_families(&t[1].store).unwrap());
    let now = t[1].tick();
    let refused = purge::forget_family(&mut t[1].store, h.id, now).unwrap_err();
    assert_eq!(refused.to_string(), "only a coordinator can forget a family for the whole team");
    assert!(t[1].store.find::<Household>(h.id).unwrap().is_some(), "refused: nothing changed");

    assert!(purge::may_forget_families(&t[0].store).unwrap());
    let now = t[0].tick();
    assert_eq!(purge::forget_family(&mut t[0].store, h.id, now).unwrap(), 1);
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();
    assert!(t[1].store.find::<Household>(h.id).unwrap().is_none(), "the accompanier's copy is forgotten too");

    let mut solo = Replica::new("Solo");
    let h = Household::new("Familia Sola");
    let now = solo.tick();
    solo.store.write(now, |w| w.create(&h)).unwrap();
    assert!(purge::may_forget_families(&solo.store).unwrap());
    let now = solo.tick();
    assert_eq!(purge::forget_family(&mut solo.store, h.id, now).unwrap(), 1);
    assert!(solo.store.find::<Household>(h.id).unwrap().is_none());
}

/// A purge made on a member's store that is not a coordinator's (an older Amparo, or a
/// store that forgot a family before it joined the team) does not empty anyone else's
/// copy: the rest of the bundle imports, the purge is left out and the summary says so.
#[test]
fn a_purge_not_made_by_a_coordinator_is_left_out_and_said() {
    let mut t = team(&[Role::Accompanier]);
    let h = Household::new("Familia Guardada");
    let now = t[0].tick();
    t[0].store.write(now, |w| w.create(&h)).unwrap();
    let m = t[1].store.member_id();
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();

    // Past the rule the app and the CLI apply: the core's purge itself.
    let now = t[1].tick();
    purge::purge_household(&mut t[1].store, h.id, now).unwrap();
    // Something the accompanier's role may make: a note for volunteers on a family.
    let keeper = Household::new("Familia Nueva");
    let now = t[0].tick();
    t[0].store.write(now, |w| w.create(&keeper)).unwrap();
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();
    let other = amparo_core::domain::Note {
        id: uuid::Uuid::now_v7(),
        record_table: "household".into(),
        record_id: keeper.id,
        body: "bring the hearing notice".into(),
        visibility: amparo_core::domain::Visibility::Volunteers,
        created_at: now,
    };
    let now = t[1].tick();
    t[1].store.write(now, |w| w.create(&other)).unwrap();

    let coord = t[0].store.member_id();
    let b = t[1].bundle_for(coord, false);
    let s = t[0].import(&b).unwrap();
    assert_eq!((s.new, s.purges_ignored), (1, 1), "{s}");
    assert!(
        s.to_string()
            .contains("1 records were not forgotten: the request to forget them was not made by a coordinator"),
        "{s}"
    );
    let kept = t[0].store.find::<Household>(h.id).unwrap().expect("the coordinator's copy is kept");
    assert_eq!(kept.display_name, "Familia Guardada");
    assert!(
        t[0].store.find::<amparo_core::domain::Note>(other.id).unwrap().is_some(),
        "the rest of the bundle imported"
    );
    let purged: i64 = t[0].store.conn().query_row("SELECT count(*) FROM purged", [], |r| r.get(0)).unwrap();
    assert_eq!(purged, 0);
    // Not kept to be relayed: the coordinator's log holds no purge to pass on.
    let logged: i64 =
        t[0].store.conn().query_row("SELECT count(*) FROM oplog WHERE field = '_purged'", [], |r| r.get(0)).unwrap();
    assert_eq!(logged, 0);

    // Once the coordinator's next bundle has acknowledged it, the accompanier's bundles
    // no longer carry it.
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();
    let b = t[1].bundle_for(coord, false);
    assert_eq!(t[0].import(&b).unwrap().purges_ignored, 0);
}

/// The page cache of the store's connection, in bytes (SQLite's own count).
fn page_cache_bytes(store: &amparo_core::Store) -> i64 {
    let (mut now, mut high) = (0, 0);
    // SAFETY: the handle is the open connection's, used on this thread only for a status read.
    let rc = unsafe {
        rusqlite::ffi::sqlite3_db_status(
            store.conn().handle(),
            rusqlite::ffi::SQLITE_DBSTATUS_CACHE_USED,
            &mut now,
            &mut high,
            0,
        )
    };
    assert_eq!(rc, rusqlite::ffi::SQLITE_OK);
    now as i64
}

/// The app keeps its store open all session: an import's large page cache (decrypted
/// pages, up to `PAGE_CACHE_KIB`) must not stay behind on the connection once it is done.
#[test]
fn an_import_gives_back_its_page_cache_when_it_is_done() {
    let mut t = team(&[Role::Coordinator]);
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            for i in 0..3000 {
                let h = Household::new(format!("Familia Número {i} de la prueba de memoria"));
                w.create(&h)?;
                w.create(&Person::new(h.id, format!("Persona {i} con un nombre bastante largo")))?;
            }
            Ok(())
        })
        .unwrap();
    let peer = t[1].store.member_id();
    let b = t[0].bundle_for(peer, false);
    // SQLite's page caches share one budget in this process (the sum of the open
    // connections' sizes): the member's connection is left alone, as in the app.
    drop(t.remove(0));
    let member = &mut t[0];
    let size = |s: &amparo_core::Store| s.conn().query_row("PRAGMA cache_size", [], |r| r.get::<_, i64>(0)).unwrap();
    // A connection's own size, as opening the store sets it.
    let own = size(&amparo_core::Store::open(&member.dir.path().join("store"), PASS).unwrap());
    let s = member.import(&b).unwrap();
    assert_eq!(s.new, 6000, "{s}");
    assert_eq!(size(&member.store), own, "the connection's own cache size is back");
    let pages: i64 = member.store.conn().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    let held = page_cache_bytes(&member.store);
    assert!(pages * 4096 > 6 * 1024 * 1024, "the store ({pages} pages) is larger than the default cache");
    assert!(held <= 3 * 1024 * 1024, "{held} bytes of pages still cached after the import");
}

/// "Has no A-number" is an answer a coordinator recorded, not a blank: it reaches another
/// coordinator as such, apart from the cousin whose number is still to be found out, and a
/// later number from the other laptop replaces it.
#[test]
fn has_no_a_number_reaches_another_coordinator_as_an_answer_not_a_blank() {
    use amparo_core::domain::ANumberOrNone;
    let mut t = team(&[Role::Coordinator]);
    let h = Household::new("Familia Ramírez Peña");
    let mut sofia = Person::new(h.id, "Sofía Ramírez");
    sofia.a_number = Some(ANumberOrNone::HasNone);
    let tomas = Person::new(h.id, "Tomás Ramírez");
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            amparo_core::rules::add_household(w, &h)?;
            amparo_core::rules::add_person(w, &sofia)?;
            amparo_core::rules::add_person(w, &tomas)
        })
        .unwrap();
    let peer = t[1].store.member_id();
    let b = t[0].bundle_for(peer, false);
    t[1].import(&b).unwrap();
    assert_eq!(t[1].store.get::<Person>(sofia.id).unwrap().a_number, Some(ANumberOrNone::HasNone));
    assert_eq!(t[1].store.get::<Person>(tomas.id).unwrap().a_number, None);
    // The second coordinator learns Tomás's number; it comes back as a number.
    let mut found: Person = t[1].store.get(tomas.id).unwrap();
    found.a_number = Some(ANumberOrNone::parse("A-208-123-456").unwrap());
    let now = t[1].tick();
    t[1].store.write(now, |w| amparo_core::rules::save_person(w, &found)).unwrap();
    let founder = t[0].store.member_id();
    let back = t[1].bundle_for(founder, false);
    t[0].import(&back).unwrap();
    let got = t[0].store.get::<Person>(tomas.id).unwrap().a_number;
    assert_eq!(got.as_ref().and_then(ANumberOrNone::number).map(|a| a.digits()), Some("208123456"));
    assert_eq!(t[0].hash(), t[1].hash());
}
