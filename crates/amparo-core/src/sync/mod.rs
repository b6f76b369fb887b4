//! Sync by signed, encrypted bundle files (docs/design/sync.md).
//!
//! - `keys`: this device's age identity and Ed25519 signing key, kept in the store.
//! - `roster`: the team, member cards, coordinator authority over the roster.
//! - `bundle`: the file format (sign, then encrypt); docs/bundle-format.md.
//! - `redact`: what each role may receive; `authority`: what each role may change.
//! - `export` / `import`: making and applying bundles; `merge`: per-field LWW,
//!   tombstones, purges and conflicts.
//! - `conflicts`, `purge`, `backup`, `state` (the canonical hash), `sync_folder` (mailbox
//!   mode) with `outbox` (removing this device's own files once nobody needs them).
//! - `activity`: what the last import and export did, for the home screen.
//! - `held`: changes dated too far ahead, kept until the clock catches up; `validate`:
//!   checks of a bundle's ranges and of the records it would leave.

pub mod activity;
pub use crate::access::authority;
pub mod backup;
pub mod bundle;
pub mod conflicts;
pub mod export;
pub mod held;
pub mod import;
pub use crate::store::device_keys as keys;
pub mod merge;
mod outbox;
pub mod purge;
pub mod redact;
pub mod roster;
pub mod state;
pub mod summary;
pub mod validate;
pub mod vector;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

pub use export::{export_to_dir, Written};
pub use import::{import_bytes, import_file, Summary};
pub use roster::{Card, Team};
pub use state::canonical_hash;

use crate::error::{BundleRefusal, Error, Result};
use crate::store::Store;

/// One file of a folder sync.
#[derive(Debug)]
pub struct FolderImport {
    pub path: PathBuf,
    pub outcome: Result<Summary>,
}

#[derive(Debug)]
pub struct FolderReport {
    pub imported: Vec<FolderImport>,
    pub written: Vec<Written>,
    /// This device's earlier files removed: superseded by a newer one or acknowledged.
    pub pruned: Vec<PathBuf>,
}

/// What `import_dir` did with a directory's bundles.
#[derive(Debug)]
pub struct DirImport {
    /// The files meant for this device, each imported or refused.
    pub imported: Vec<FolderImport>,
    /// Bundles meant for other members, and this device's own, left alone: a shared folder
    /// holds them and that is not an error.
    pub skipped: usize,
}

/// Import every bundle (`*.age`) in `dir` meant for this device, in name order. Bundles
/// encrypted to other members and bundles this device wrote are skipped and counted.
pub fn import_dir(store: &mut Store, dir: &Path, now: DateTime<Utc>) -> Result<DirImport> {
    let own_prefix = roster::team(store.conn())?
        .map(|team| format!("amparo-{}-{}-", team.short_id(), roster::short(store.device_id())));
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("reading {}", dir.display()), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "age"))
        .collect();
    names.sort();
    let mut report = DirImport { imported: Vec::new(), skipped: 0 };
    for path in names {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if own_prefix.as_deref().is_some_and(|own| name.starts_with(own)) {
            report.skipped += 1;
            continue;
        }
        let outcome = import_file(store, &path, now);
        if matches!(&outcome, Err(Error::Bundle { kind: BundleRefusal::OtherRecipient, .. })) {
            report.skipped += 1;
        } else {
            report.imported.push(FolderImport { path, outcome });
        }
    }
    Ok(report)
}

/// Mailbox mode for a shared or Syncthing folder: import every bundle in `dir` meant for
/// this device (what was seen before changes nothing), then write fresh bundles for every
/// member, and remove this device's earlier files that nobody needs any more (see
/// `outbox`). Bundles made by this device and files for other devices are skipped quietly;
/// files made by others are never removed.
pub fn sync_folder(store: &mut Store, dir: &Path, now: DateTime<Utc>) -> Result<FolderReport> {
    let team = roster::require_team(store.conn())?;
    let own_prefix = format!("amparo-{}-{}-", team.short_id(), roster::short(store.device_id()));
    let team_prefix = format!("amparo-{}-", team.short_id());
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("reading {}", dir.display()), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.starts_with(&team_prefix) && n.ends_with(".age") && !n.starts_with(&own_prefix)
        })
        .collect();
    names.sort();
    let mut imported = Vec::new();
    // A bundle from a member this device does not know yet may sit beside the coordinator's
    // bundle that adds them to the roster (a synced folder delivers files in any order, and
    // names sort by device id): such files are tried again, in the same pass, as long as
    // another import succeeded since they were tried.
    let mut unknown_signer = Vec::new();
    loop {
        let mut progress = false;
        for path in names {
            let outcome = import_file(store, &path, now);
            match &outcome {
                Err(Error::Bundle { kind: BundleRefusal::OtherRecipient, .. }) => {}
                Err(Error::Bundle { kind: BundleRefusal::NotOnRoster, .. }) => {
                    unknown_signer.push(FolderImport { path, outcome })
                }
                Ok(_) => {
                    progress = true;
                    imported.push(FolderImport { path, outcome });
                }
                Err(_) => imported.push(FolderImport { path, outcome }),
            }
        }
        if !progress || unknown_signer.is_empty() {
            break;
        }
        names = unknown_signer.drain(..).map(|f| f.path).collect();
    }
    imported.append(&mut unknown_signer);
    let written = export::export_each(store, &[], false, dir, now, |s, made| outbox::record(s.conn(), dir, made))?;
    let fresh: std::collections::HashSet<String> =
        written.iter().filter_map(|w| w.path.file_name().and_then(|n| n.to_str()).map(String::from)).collect();
    let pruned = outbox::prune(store.conn(), dir, &fresh)?;
    Ok(FolderReport { imported, written, pruned })
}
