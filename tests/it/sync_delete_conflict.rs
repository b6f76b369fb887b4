//! A record deleted on one device while a high-stakes field of it was edited on another
//! (a court date deleted while its time was moved) must not silently lose the edit: every
//! replica opens the same conflict for review; confirming the deletion, or restoring the
//! record with the edit, closes it everywhere.

use crate::support::replicas::*;
use amparo_core::domain::*;
use amparo_core::sync::conflicts::{self, Keep};
use chrono::NaiveDate;
use uuid::Uuid;

fn at(hour: u32) -> PlaceTime {
    PlaceTime::new(
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap().and_hms_opt(hour, 0, 0).unwrap(),
        "America/Chicago".parse().unwrap(),
    )
    .unwrap()
}

/// Everyone sends to everyone, twice over.
fn settle(t: &mut [Replica]) {
    for _ in 0..2 {
        for from in 0..t.len() {
            for to in 0..t.len() {
                if from != to {
                    let m = t[to].store.member_id();
                    let b = t[from].bundle_for(m, false);
                    t[to].import(&b).unwrap();
                }
            }
        }
    }
}

fn hearing_at_nine(h: Uuid) -> CourtDate {
    CourtDate::new(h, CourtKind::IndividualHearing, at(9), "Chicago Immigration Court")
}

/// Two coordinators holding the same court date.
fn two_with_a_court_date() -> (Vec<Replica>, Uuid) {
    let mut t = team(&[Role::Coordinator]);
    let (_, cd) = founder_adds_family(&mut t, "Familia Rojas", hearing_at_nine);
    settle(&mut t);
    (t, cd.id)
}

fn move_to(r: &mut Replica, id: Uuid, hour: u32) {
    let mut cd = r.store.get::<CourtDate>(id).unwrap();
    cd.set_at(at(hour));
    let now = r.tick();
    r.store.save(now, &cd).unwrap();
}

fn delete(r: &mut Replica, id: Uuid) {
    let now = r.tick();
    r.store.remove::<CourtDate>(now, id).unwrap();
}

/// A court date deleted on the first laptop while the second moved it to 11:00, and
/// everyone has everything.
fn deleted_while_moved() -> (Vec<Replica>, Uuid) {
    let (mut t, id) = two_with_a_court_date();
    move_to(&mut t[1], id, 11);
    delete(&mut t[0], id);
    settle(&mut t);
    (t, id)
}

#[test]
fn a_deletion_concurrent_with_a_time_change_opens_the_same_conflict_everywhere() {
    let (mut t, id) = two_with_a_court_date();
    // Both orders of the clocks: the edit made before and after the deletion's time.
    move_to(&mut t[1], id, 11);
    delete(&mut t[0], id);
    settle(&mut t);
    let c = conflicts::list(t[0].store.conn()).unwrap();
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].table.as_str(), c[0].field.as_str(), c[0].high_stakes), ("court_date", "_deleted", true));
    assert_eq!(c[0].versions.len(), 2, "the deletion, and the edit that moved the time: {c:?}");
    assert_eq!(c[0].versions[0].value, serde_json::Value::Bool(true));
    assert!(
        c[0].versions[1].value.get("local_start").is_some_and(|s| s.as_str().unwrap().starts_with("2026-12-03T11:00")),
        "{c:?}"
    );
    assert_eq!(conflicts::list(t[1].store.conn()).unwrap(), c);
    assert_eq!(t[0].hash(), t[1].hash());
    assert!(t[1].store.find::<CourtDate>(id).unwrap().is_none(), "the record stays deleted");

    // Confirming the deletion closes the conflict everywhere.
    let now = t[1].tick();
    conflicts::resolve(&mut t[1].store, &c[0].id, Keep::Listed(1), now).unwrap();
    assert!(conflicts::list(t[1].store.conn()).unwrap().is_empty());
    settle(&mut t);
    assert!(conflicts::list(t[0].store.conn()).unwrap().is_empty());
    assert_eq!(t[0].hash(), t[1].hash());
    assert!(t[0].store.find::<CourtDate>(id).unwrap().is_none());
}

#[test]
fn keeping_the_edit_restores_the_court_date_everywhere_with_its_new_time() {
    let (mut t, id) = deleted_while_moved();
    let c = conflicts::list(t[0].store.conn()).unwrap();
    assert_eq!(c.len(), 1, "{c:?}");
    // The person on the deleting laptop reviews it and keeps the rescheduled hearing.
    let now = t[0].tick();
    conflicts::resolve(&mut t[0].store, &c[0].id, Keep::Listed(2), now).unwrap();
    assert!(conflicts::list(t[0].store.conn()).unwrap().is_empty());
    let back = t[0].store.find::<CourtDate>(id).unwrap().expect("the court date is back");
    assert_eq!(back.at(), at(11), "with the time it was moved to");
    settle(&mut t);
    assert!(conflicts::list(t[1].store.conn()).unwrap().is_empty());
    assert_eq!(t[1].store.find::<CourtDate>(id).unwrap().map(|c| c.at()), Some(at(11)));
    assert_eq!(t[0].hash(), t[1].hash());
    // It is an ordinary record again: it can be deleted, without any conflict.
    delete(&mut t[1], id);
    settle(&mut t);
    assert!(t[0].store.find::<CourtDate>(id).unwrap().is_none());
    assert!(conflicts::list(t[0].store.conn()).unwrap().is_empty());
    assert_eq!(t[0].hash(), t[1].hash());
}

#[test]
fn a_late_copy_of_the_deletion_does_not_undo_a_restore() {
    let (mut t, id) = two_with_a_court_date();
    move_to(&mut t[1], id, 11);
    delete(&mut t[0], id);
    // The deletion reaches the rescheduling laptop in a bundle that will arrive twice.
    let m1 = t[1].store.member_id();
    let old = t[0].bundle_for(m1, false);
    t[1].import(&old).unwrap();
    let c = conflicts::list(t[1].store.conn()).unwrap();
    assert_eq!(c.len(), 1);
    let now = t[1].tick();
    conflicts::resolve(&mut t[1].store, &c[0].id, Keep::Listed(2), now).unwrap();
    t[1].import(&old).unwrap();
    assert!(t[1].store.find::<CourtDate>(id).unwrap().is_some(), "a replayed deletion changes nothing");
    settle(&mut t);
    assert!(t[0].store.find::<CourtDate>(id).unwrap().is_some());
    assert!(conflicts::list(t[0].store.conn()).unwrap().is_empty());
    assert_eq!(t[0].hash(), t[1].hash());
}

#[test]
fn a_restore_concurrent_with_a_second_deletion_leaves_the_same_review_everywhere() {
    let mut t = team(&[Role::Coordinator, Role::Coordinator]);
    let (_, cd) = founder_adds_family(&mut t, "Familia Rojas", hearing_at_nine);
    settle(&mut t);
    move_to(&mut t[1], cd.id, 11);
    delete(&mut t[0], cd.id);
    settle(&mut t);
    let c = conflicts::list(t[0].store.conn()).unwrap();
    // One laptop restores the record while the other, not having seen that, confirms the
    // deletion: both decisions reach everyone and everyone ends in the same state.
    let now = t[1].tick();
    conflicts::resolve(&mut t[1].store, &c[0].id, Keep::Listed(2), now).unwrap();
    let now = t[2].tick();
    conflicts::resolve(&mut t[2].store, &c[0].id, Keep::Listed(1), now).unwrap();
    settle(&mut t);
    let after = conflicts::list(t[0].store.conn()).unwrap();
    for r in &t[1..] {
        assert_eq!(conflicts::list(r.store.conn()).unwrap(), after);
        assert_eq!(r.hash(), t[0].hash());
    }
    // Whichever decision came last in clock order is in force; if it is the restore, the
    // deletion it did not see is left for review; a confirmed deletion saw everything.
    let live = t[0].store.find::<CourtDate>(cd.id).unwrap().is_some();
    assert_eq!(after.len(), usize::from(live), "{after:?}");
    if let Some(c) = after.first() {
        assert_eq!(c.field, "_deleted");
        assert_eq!(c.versions[0].value, serde_json::Value::Bool(false));
        assert_eq!(c.versions[1].value, serde_json::Value::Bool(true));
    }
}

#[test]
fn an_edit_made_after_the_deletion_s_clock_also_conflicts() {
    let (mut t, id) = two_with_a_court_date();
    delete(&mut t[0], id);
    t[1].now += chrono::Duration::minutes(5);
    move_to(&mut t[1], id, 14);
    settle(&mut t);
    let c = conflicts::list(t[1].store.conn()).unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].field, "_deleted");
    assert_eq!(conflicts::list(t[0].store.conn()).unwrap(), c);
}

#[test]
fn a_deletion_that_saw_the_edit_or_an_edit_of_a_low_stakes_field_opens_nothing() {
    let (mut t, id) = two_with_a_court_date();
    move_to(&mut t[1], id, 11);
    settle(&mut t);
    delete(&mut t[0], id);
    settle(&mut t);
    assert!(conflicts::list(t[0].store.conn()).unwrap().is_empty());
    assert!(conflicts::list(t[1].store.conn()).unwrap().is_empty());

    // A note for accompaniers is not high stakes: deleting over it is an ordinary deletion.
    let (mut t, id) = two_with_a_court_date();
    let mut cd = t[1].store.get::<CourtDate>(id).unwrap();
    cd.accompanier_notes = Some("north door".into());
    let now = t[1].tick();
    t[1].store.save(now, &cd).unwrap();
    delete(&mut t[0], id);
    settle(&mut t);
    assert!(conflicts::list(t[0].store.conn()).unwrap().is_empty());
    assert_eq!(t[0].hash(), t[1].hash());
}

#[test]
fn the_command_line_lists_a_deletion_conflict_in_words_and_restores_on_request() {
    let (t, id) = deleted_while_moved();
    let store = t[0].dir.path().join("store");
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("amparo")
            .unwrap()
            .arg("--store")
            .arg(&store)
            .args(args)
            .env("AMPARO_PASSPHRASE", PASS)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let listed = run(&["conflicts", "list"]);
    assert!(listed.contains("1: deleted") && listed.contains("edit not seen by the deletion"), "{listed}");
    assert!(listed.contains("keep any other line to restore it"), "{listed}");
    let cid = conflicts::list(t[0].store.conn()).unwrap()[0].id.clone();
    run(&["conflicts", "resolve", &cid, "--keep", "2"]);
    assert!(t[0].store.find::<CourtDate>(id).unwrap().is_some(), "restored");
    assert!(run(&["conflicts", "list"]).contains("no conflicts"));
    let history = run(&["history", &id.to_string()]);
    assert!(history.contains(": deleted") && history.contains(": restored"), "{history}");
}
