//! A fresh store for library-level tests, at the cheapest key-derivation cost a key file
//! may carry.
#![allow(dead_code)]

use amparo_core::{KdfParams, Owner, Store};
use chrono::{DateTime, Utc};
use tempfile::TempDir;

pub fn now() -> DateTime<Utc> {
    "2026-11-23T15:00:00Z".parse().unwrap()
}

pub fn store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let owner = Owner { name: "Ana Coordinator".into(), device_label: "office laptop".into() };
    let store = Store::init(&dir.path().join("s"), "a pass phrase", KdfParams::MINIMUM, &owner, now()).unwrap();
    (dir, store)
}
