//! Atomicity (docs/design/sync.md, property 3): an import killed at a random point (SIGKILL, a child
//! process) leaves the store as it was; it opens, passes SQLite's integrity check, and
//! the retried import gives exactly the uninterrupted result.

#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::replicas::*;
use amparo_core::domain::{Household, Person, Role};
use amparo_core::{sync, Store};
use rand::Rng;

const KILLS: usize = 12;

fn copy_store(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn clear(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
}

fn import_cli(store: &Path, file: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(["--store", store.to_str().unwrap(), "sync", "import", file.to_str().unwrap()])
        .env("AMPARO_PASSPHRASE", PASS)
        .env("AMPARO_NOW", "2026-11-23T12:00:00Z")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn hash_of(dir: &Path) -> String {
    let s = Store::open(dir, PASS).expect("the store opens after a crash");
    s.integrity_check().expect("integrity check passes after a crash");
    sync::canonical_hash(&s).unwrap()
}

#[test]
fn an_import_killed_at_random_points_applies_whole_or_not_at_all() {
    let mut t = team(&[Role::Coordinator]);
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            for i in 0..600 {
                let mut h = Household::new(format!("Familia {i}"));
                h.needs = Some("groceries and a ride".into());
                h.phone = Some(format!("555-{i:04}"));
                w.create(&h)?;
                w.create(&Person::new(h.id, format!("Persona {i}")))?;
            }
            Ok(())
        })
        .unwrap();
    let m = t[1].store.member_id();
    let bundle = t[0].bundle_for(m, false);
    let expected_from_sender = t[0].hash();
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("bundle.age");
    std::fs::write(&file, &bundle).unwrap();

    // The member's store, closed, as the pristine "before" state.
    let member = t.pop().unwrap();
    let store_dir = member.dir.path().join("store");
    drop(member.store);
    let pristine = work.path().join("pristine");
    copy_store(&store_dir, &pristine);
    let before = hash_of(&pristine);

    // The uninterrupted import, for reference and to time it.
    let reference = work.path().join("reference");
    copy_store(&pristine, &reference);
    let started = Instant::now();
    let status = import_cli(&reference, &file).wait().unwrap();
    let full_time = started.elapsed();
    assert!(status.success());
    let expected = hash_of(&reference);
    assert_ne!(expected, before);
    assert_eq!(expected, expected_from_sender);
    eprintln!("uninterrupted import (process start to exit): {full_time:?}");

    let mut rng = rand::thread_rng();
    let mut interrupted = 0;
    for _ in 0..KILLS {
        let mut child = import_cli(&store_dir, &file);
        let wait = rng.gen_range(0..full_time.as_millis().max(2) as u64 * 11 / 10);
        std::thread::sleep(Duration::from_millis(wait));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let h = hash_of(&store_dir);
        if status.signal() == Some(9) {
            interrupted += 1;
        }
        assert!(h == before || h == expected, "a killed import left a half-applied store");
        if h == expected {
            // It finished (or committed just before the kill): start over from "before".
            clear(&store_dir);
            copy_store(&pristine, &store_dir);
        }
    }
    assert!(interrupted > 0, "no kill landed while the import ran; the test proved nothing");
    // The retried import gives the uninterrupted result.
    let status = import_cli(&store_dir, &file).wait().unwrap();
    assert!(status.success());
    assert_eq!(hash_of(&store_dir), expected);
}
