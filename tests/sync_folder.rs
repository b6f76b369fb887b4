//! Mailbox folder mode keeps the folder small: a device removes its own earlier bundles
//! once a newer one supersedes them or their recipient has acknowledged them, and never
//! removes a file someone else wrote.

mod sync_support;

use std::path::{Path, PathBuf};

use amparo::domain::{Household, Role};
use amparo::sync;
use sync_support::*;

fn files(dir: &Path, device_prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().contains(device_prefix))
        .collect();
    v.sort();
    v
}

fn prefix(r: &Replica) -> String {
    format!("-{}-", sync::roster::short(r.store.device_id()))
}

fn folder(r: &mut Replica, dir: &Path) -> sync::FolderReport {
    let now = r.tick();
    let report = sync::sync_folder(&mut r.store, dir, now).unwrap();
    for i in &report.imported {
        assert!(i.outcome.is_ok(), "{:?}", i.outcome);
    }
    report
}

#[test]
fn own_bundles_are_removed_once_superseded_or_acknowledged_and_others_files_never() {
    let mut t = team(&[Role::Coordinator]);
    let shared = tempfile::tempdir().unwrap();
    let dir = shared.path();
    let (pa, pb) = (prefix(&t[0]), prefix(&t[1]));
    assert_ne!(pa, pb);

    // A writes a bundle for B; then, before B looks, a newer one that holds all of it.
    let now = t[0].tick();
    t[0].store.create(now, &Household::new("Familia Uno")).unwrap();
    let r1 = folder(&mut t[0], dir);
    assert_eq!(r1.written.len(), 1);
    let first = r1.written[0].path.clone();
    assert!(first.file_name().unwrap().to_str().unwrap().contains(&pa), "{first:?} {pa}");
    let now = t[0].tick();
    t[0].store.create(now, &Household::new("Familia Dos")).unwrap();
    let r2 = folder(&mut t[0], dir);
    assert_eq!(r2.pruned, vec![first.clone()], "the superseded bundle is removed");
    assert!(!first.exists());
    let second = r2.written[0].path.clone();
    assert_eq!(files(dir, &pa), vec![second.clone()]);

    // B imports the newer bundle alone and gets everything; its reply acknowledges it.
    let rb = folder(&mut t[1], dir);
    assert_eq!(rb.imported.len(), 1);
    assert_eq!(t[1].store.list::<Household>().unwrap().len(), 2);
    let from_b = files(dir, &pb);
    assert_eq!(from_b.len(), 1);

    // A reads B's acknowledgement: its acknowledged bundle goes; B's file stays.
    let ra = folder(&mut t[0], dir);
    assert!(ra.pruned.contains(&second), "{:?}", ra.pruned);
    assert!(!second.exists());
    assert!(from_b.iter().all(|f| f.exists()), "A never removes B's files");
    assert_eq!(t[0].hash(), t[1].hash());

    // Going back and forth, the folder stays small and both stay in step.
    for i in 0..4 {
        let now = t[i % 2].tick();
        t[i % 2].store.create(now, &Household::new(format!("Familia {i}"))).unwrap();
        folder(&mut t[0], dir);
        folder(&mut t[1], dir);
    }
    folder(&mut t[0], dir);
    assert_eq!(t[0].hash(), t[1].hash());
    assert!(files(dir, &pa).len() <= 2 && files(dir, &pb).len() <= 2, "{:?}", std::fs::read_dir(dir).unwrap().count());
}

#[test]
fn a_file_not_yet_imported_by_its_recipient_stays_until_a_newer_one_holds_it() {
    let mut t = team(&[Role::Coordinator, Role::Coordinator]);
    let shared = tempfile::tempdir().unwrap();
    let dir = shared.path();
    let pa = prefix(&t[0]);
    let now = t[0].tick();
    t[0].store.create(now, &Household::new("Familia Uno")).unwrap();
    let r1 = folder(&mut t[0], dir);
    assert_eq!(r1.written.len(), 2, "one bundle for each of the two others");
    // Nobody has answered: the new bundles hold all the old ones did, so only they stay.
    let r2 = folder(&mut t[0], dir);
    assert_eq!(r2.pruned.len(), 2);
    assert_eq!(files(dir, &pa).len(), 2);
    for w in &r2.written {
        assert!(w.path.exists());
    }
    // C answers; B has not: A keeps a bundle for B, and B still gets the family from it.
    folder(&mut t[2], dir);
    folder(&mut t[0], dir);
    folder(&mut t[1], dir);
    assert_eq!(t[1].store.list::<Household>().unwrap().len(), 1, "B still got the family");
    assert_eq!(t[1].store.list::<Household>().unwrap()[0].display_name, "Familia Uno");
}
