//! The write path as the rest of the system relies on it: every change logged, only
//! real changes logged, deletes as tombstones, a failed write leaving no trace.

use amparo_core::domain::{Household, Person};
use amparo_core::{Error, KdfParams, Owner, Store};
use chrono::{TimeZone, Utc};

fn new_store(dir: &std::path::Path) -> Store {
    let owner = Owner { name: "Ana Coordinadora".into(), device_label: "office".into() };
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    Store::init(dir, "a long passphrase", KdfParams::MINIMUM, &owner, now).unwrap()
}

fn oplog_len(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM oplog", [], |r| r.get(0)).unwrap()
}

#[test]
fn create_edit_delete_are_logged_with_each_changed_field_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let mut store = new_store(dir.path());
    let before = oplog_len(&store);

    let mut family = Household::new("Familia Ramírez");
    family.languages = vec!["es".into()];
    store.create(now, &family).unwrap();
    let after_create = oplog_len(&store);
    assert!(after_create > before);

    let changes =
        |s: &Store| -> i64 { s.conn().query_row("SELECT count(*) FROM change_log", [], |r| r.get(0)).unwrap() };
    let changes_after_create = changes(&store);
    family.phone = Some("555-0100".into());
    assert_eq!(store.save(now, &family).unwrap(), 1, "only the phone changed");
    assert_eq!(changes(&store), changes_after_create + 1, "one edit is one change");
    assert_eq!(oplog_len(&store), after_create + 1);
    assert_eq!(store.save(now, &family).unwrap(), 0, "saving unchanged data logs nothing");
    assert_eq!(oplog_len(&store), after_create + 1);

    store.remove::<Household>(now, family.id).unwrap();
    assert!(matches!(store.get::<Household>(family.id), Err(Error::NotFound { .. })));
    let tombstone: i64 = store
        .conn()
        .query_row("SELECT deleted FROM household WHERE id = ?1", [family.id.to_string()], |r| r.get(0))
        .unwrap();
    assert_eq!(tombstone, 1, "the row stays as a tombstone");
    assert!(matches!(store.remove::<Household>(now, family.id), Err(Error::NotFound { .. })));

    let logged = oplog_len(&store);
    drop(store);
    let store = Store::open(dir.path(), "a long passphrase").unwrap();
    assert_eq!(oplog_len(&store), logged);
    assert!(store.find::<Household>(family.id).unwrap().is_none());
}

#[test]
fn a_failing_write_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let mut store = new_store(dir.path());
    let before = oplog_len(&store);
    let family = Household::new("Familia Ortiz");
    let result = store.write(now, |w| {
        w.create(&family)?;
        w.create(&Person::new(family.id, "   "))?; // invalid: empty name
        Ok(())
    });
    assert!(matches!(result, Err(Error::Invalid { .. })));
    assert!(store.find::<Household>(family.id).unwrap().is_none());
    assert_eq!(oplog_len(&store), before);
    // The clock and sequence did not advance past what was committed.
    store.create(now, &family).unwrap();
    let seqs: Vec<i64> = store
        .conn()
        .prepare("SELECT seq FROM change_log ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1), "sequence numbers have no gaps: {seqs:?}");
}

#[test]
fn every_log_entry_carries_device_author_and_increasing_clock() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let mut store = new_store(dir.path());
    store.create(now, &Household::new("Familia Chen")).unwrap();
    let rows: Vec<(String, String, i64)> = store
        .conn()
        .prepare("SELECT device_id, author, hlc FROM change_log ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(rows.iter().all(|(d, a, _)| *d == store.device_id().to_string() && *a == store.member_id().to_string()));
    assert!(rows.windows(2).all(|w| w[1].2 > w[0].2), "HLC strictly increases");
}

#[test]
fn opening_never_creates_and_creating_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    assert!(matches!(Store::open(&missing, "x"), Err(Error::NoStore(_))));
    assert!(!missing.exists(), "a failed open must not create the store");
    let store = new_store(&dir.path().join("s"));
    drop(store);
    let owner = Owner { name: "B".into(), device_label: "b".into() };
    let again = Store::init(&dir.path().join("s"), "other", KdfParams::MINIMUM, &owner, Utc::now());
    assert!(matches!(again, Err(Error::StoreExists(_))));
    assert!(Store::open(&dir.path().join("s"), "a long passphrase").is_ok());
}
