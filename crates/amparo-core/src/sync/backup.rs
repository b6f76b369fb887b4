//! Backups of the whole store, encrypted with a passphrase (age's scrypt mode). The
//! database inside stays encrypted by its own key too, so restoring needs both the backup
//! passphrase and the store passphrase.

use std::io::{Read, Write};
use std::path::Path;

use age::secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::error::{BundleRefusal, Error, Result};
use crate::store::{key::KEY_FILE, Store, DB_FILE};

const MAGIC: &str = "AMPARO BACKUP 1";

#[derive(Serialize, Deserialize)]
struct Entry {
    name: String,
    len: u64,
}

/// age's scrypt work factor (log2 N). `None` lets age choose (about one second).
#[derive(Debug, Clone, Copy, Default)]
pub struct BackupCost(pub Option<u8>);

pub fn backup(store: &Store, out: &Path, passphrase: &str, cost: BackupCost) -> Result<u64> {
    crate::store::key::check_passphrase("backup passphrase", passphrase)?;
    store.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let mut files = Vec::new();
    for name in [KEY_FILE, DB_FILE] {
        let p = store.dir().join(name);
        let bytes = std::fs::read(&p).map_err(|e| Error::io(format!("reading {}", p.display()), e))?;
        files.push((name.to_string(), bytes));
    }
    let entries: Vec<Entry> = files.iter().map(|(n, b)| Entry { name: n.clone(), len: b.len() as u64 }).collect();
    let mut plain =
        format!("{MAGIC}\n{}\n", serde_json::to_string(&entries).map_err(|e| Error::Internal(e.to_string()))?)
            .into_bytes();
    for (_, b) in &files {
        plain.extend_from_slice(b);
    }
    let mut r = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    if let Some(n) = cost.0 {
        r.set_work_factor(n);
    }
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
        .map_err(|_| Error::Internal("could not set up encryption".into()))?;
    let mut outb = Vec::with_capacity(plain.len() + 512);
    let mut w = enc.wrap_output(&mut outb).map_err(|e| Error::Internal(e.to_string()))?;
    w.write_all(&plain).map_err(|e| Error::Internal(e.to_string()))?;
    w.finish().map_err(|e| Error::Internal(e.to_string()))?;
    crate::store::write_private(out, &outb)?;
    Ok(outb.len() as u64)
}

/// What a restored store is to the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreAs {
    /// A new device of the same member (the default): a new device id and new keys, which a
    /// coordinator adds from its card. The old device can go on (or be revoked if lost).
    NewDevice,
    /// The very device the backup was made on, which is lost and must never be used again:
    /// two machines that sign and number changes as one device lose each other's changes.
    ReplacedDevice,
}

/// Restore a backup into `dir`, which must not hold a store, and open it with the store's
/// own passphrase. As a new device (see [`RestoreAs`]) it gets a new identity; when the
/// store passphrase is wrong nothing is left behind.
pub fn restore(
    file: &Path,
    dir: &Path,
    backup_passphrase: &str,
    store_passphrase: &str,
    as_: RestoreAs,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Store> {
    let existed = dir.exists();
    restore_files(file, dir, backup_passphrase)?;
    let opened = Store::open(dir, store_passphrase).and_then(|mut store| {
        if as_ == RestoreAs::NewDevice {
            let label: Option<String> = store
                .conn()
                .query_row("SELECT label FROM device WHERE id = ?1", [store.device_id().to_string()], |r| r.get(0))
                .ok()
                .flatten();
            let label = format!("{} (restored)", label.unwrap_or_else(|| "device".into()));
            store.become_new_device(&label, now)?;
            super::keys::ensure(&mut store, now)?;
        }
        Ok(store)
    });
    if opened.is_err() {
        for name in [KEY_FILE.to_string(), DB_FILE.to_string(), format!("{DB_FILE}-wal"), format!("{DB_FILE}-shm")] {
            let _ = std::fs::remove_file(dir.join(name));
        }
        if !existed {
            let _ = std::fs::remove_dir(dir);
        }
    }
    opened
}

fn restore_files(file: &Path, dir: &Path, passphrase: &str) -> Result<()> {
    if dir.join(KEY_FILE).exists() || dir.join(DB_FILE).exists() {
        return Err(Error::StoreExists(dir.to_path_buf()));
    }
    let bytes = std::fs::read(file).map_err(|e| Error::io(format!("reading {}", file.display()), e))?;
    let bad = || Error::refused(BundleRefusal::Other, "this is not an Amparo backup, or it is damaged".into());
    let dec = age::Decryptor::new_buffered(&bytes[..]).map_err(|_| bad())?;
    if !dec.is_scrypt() {
        return Err(Error::refused(
            BundleRefusal::Other,
            "this file is not a passphrase-protected backup (a sync bundle? use `amparo sync import`)".into(),
        ));
    }
    let id = age::scrypt::Identity::new(SecretString::from(passphrase.to_string()));
    let mut plain = Vec::new();
    dec.decrypt(std::iter::once(&id as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                Error::refused(BundleRefusal::Other, "wrong passphrase for this backup".into())
            }
            _ => bad(),
        })?
        .read_to_end(&mut plain)
        .map_err(|_| bad())?;
    let nl1 = plain.iter().position(|&b| b == b'\n').ok_or_else(bad)?;
    if &plain[..nl1] != MAGIC.as_bytes() {
        return Err(bad());
    }
    let rest = &plain[nl1 + 1..];
    let nl2 = rest.iter().position(|&b| b == b'\n').ok_or_else(bad)?;
    let entries: Vec<Entry> = serde_json::from_slice(&rest[..nl2]).map_err(|_| bad())?;
    let mut body = &rest[nl2 + 1..];
    let mut files = Vec::new();
    for e in entries {
        if (e.name != KEY_FILE && e.name != DB_FILE) || e.len as usize > body.len() {
            return Err(bad());
        }
        let (a, b) = body.split_at(e.len as usize);
        files.push((e.name, a.to_vec()));
        body = b;
    }
    if files.len() != 2 {
        return Err(bad());
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    for (name, b) in files {
        crate::store::write_private(&dir.join(name), &b)?;
    }
    Ok(())
}
