//! This device's own bundles in a mailbox folder (`amparo sync folder`): remembered when
//! written, removed once nobody can need them any more, so the folder does not grow
//! forever. Only files this device wrote and recorded are ever removed; others' files are
//! left alone (they are imported, never deleted, by this device).
//!
//! A file is no longer needed when, for every origin device whose changes it carries,
//! - its recipient's devices have all acknowledged holding those changes (the vectors
//!   their bundles carry), or
//! - a newer file of ours for the same devices, still in the folder, carries that origin
//!   at least as far (every bundle for a member holds all they are not known to have, so
//!   the newer one holds whatever the older one held that they might still lack).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};
use uuid::Uuid;

use super::export::Made;
use super::vector;
use crate::error::{Error, Result};

/// The folder as it is recorded (its absolute form when it can be found).
fn dir_key(dir: &Path) -> String {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()).to_string_lossy().into_owned()
}

/// Remember a bundle written into the mailbox folder `dir`.
pub(crate) fn record(conn: &Connection, dir: &Path, made: &Made) -> Result<()> {
    let devices: Vec<String> = made.devices.iter().map(|d| d.to_string()).collect();
    let upto: BTreeMap<String, i64> = made.upto.iter().map(|(d, u)| (d.to_string(), *u)).collect();
    conn.execute(
        "INSERT OR REPLACE INTO sync_outbox(dir, file_name, seq, member_id, devices, upto) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            dir_key(dir),
            made.file_name,
            made.seq,
            made.member.to_string(),
            serde_json::to_string(&devices).map_err(|e| Error::Internal(e.to_string()))?,
            serde_json::to_string(&upto).map_err(|e| Error::Internal(e.to_string()))?,
        ],
    )?;
    Ok(())
}

struct Sent {
    file_name: String,
    seq: i64,
    member: String,
    devices: Vec<Uuid>,
    upto: BTreeMap<Uuid, i64>,
}

/// Remove this device's recorded files in `dir` that nobody needs any more, except those
/// named in `fresh` (just written); returns the files removed.
pub(crate) fn prune(conn: &Connection, dir: &Path, fresh: &HashSet<String>) -> Result<Vec<PathBuf>> {
    let key = dir_key(dir);
    let mut st =
        conn.prepare("SELECT file_name, seq, member_id, devices, upto FROM sync_outbox WHERE dir = ?1 ORDER BY seq")?;
    let rows = st
        .query_map([&key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let forget =
        |name: &str| conn.execute("DELETE FROM sync_outbox WHERE dir = ?1 AND file_name = ?2", params![key, name]);
    let mut sent = Vec::new();
    for (file_name, seq, member, devices, upto) in rows {
        // A file someone else removed, or a name that is not one of ours: forget it.
        let ours = file_name.starts_with("amparo-") && file_name.ends_with(".age") && !file_name.contains(['/', '\\']);
        if !ours || !dir.join(&file_name).is_file() {
            forget(&file_name)?;
            continue;
        }
        let devices: Vec<String> = serde_json::from_str(&devices).unwrap_or_default();
        let upto: BTreeMap<String, i64> = serde_json::from_str(&upto).unwrap_or_default();
        sent.push(Sent {
            file_name,
            seq,
            member,
            devices: devices.iter().filter_map(|d| d.parse().ok()).collect(),
            upto: upto.into_iter().filter_map(|(d, u)| Some((d.parse().ok()?, u))).collect(),
        });
    }
    let mut removed = Vec::new();
    let mut gone: HashSet<usize> = HashSet::new();
    for (i, f) in sent.iter().enumerate() {
        let mut needed = false;
        for (&origin, &upto) in &f.upto {
            if vector::known_by_all(conn, &f.devices, origin)? >= upto {
                continue;
            }
            let superseded = sent.iter().enumerate().any(|(j, g)| {
                !gone.contains(&j)
                    && g.seq > f.seq
                    && g.member == f.member
                    && f.devices.iter().all(|d| g.devices.contains(d))
                    && g.upto.get(&origin).is_some_and(|&u| u >= upto)
            });
            if !superseded {
                needed = true;
                break;
            }
        }
        if needed || fresh.contains(&f.file_name) {
            continue;
        }
        let path = dir.join(&f.file_name);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(format!("removing {}", path.display()), e)),
        }
        forget(&f.file_name)?;
        gone.insert(i);
        removed.push(path);
    }
    Ok(removed)
}
