//! What the integration tests share: stores, CLI runs, teams of replicas, real Syncthing.
#![allow(dead_code)]

pub mod cli;
pub mod replicas;
pub mod store;
pub mod syncthing;

use std::path::PathBuf;

/// The repository's top folder, where `tests/fixtures` and `assets` live.
pub fn repo_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}
