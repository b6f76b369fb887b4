//! The encrypted store: a directory holding the SQLCipher database and its key file.

pub mod device_keys;
pub mod family;
pub mod key;
pub mod records;
mod repair;
mod write;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode as SqlErrorCode, OptionalExtension};
use rusqlite_migration::{Migrations, M};
use uuid::Uuid;

pub use key::KdfParams;
pub(crate) use write::{
    append_change, decode_fields, from_sql_value, high_stakes_versions, normalise, record_versions, reindex, to_sql,
};
pub use write::{read_row, Actor, Change, FieldChange, Version, Writer};

use crate::clock::Hlc;
use crate::error::{Error, Result};

pub const DB_FILE: &str = "amparo.db";

/// How long a write waits for another process's write to finish before `Error::Busy`.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Numbered migrations, applied in order, each in one transaction. Never edit a shipped
/// one: append a new file.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_foundation.sql"),
    include_str!("migrations/0002_sync.sql"),
    include_str!("migrations/0003_query_indexes.sql"),
    include_str!("migrations/0004_workflows.sql"),
    include_str!("migrations/0005_sync_upkeep.sql"),
    include_str!("migrations/0006_change_log.sql"),
    include_str!("migrations/0007_write_authority.sql"),
    include_str!("migrations/0008_language_codes.sql"),
    include_str!("migrations/0009_held_changes.sql"),
    include_str!("migrations/0010_reused_numbers.sql"),
    include_str!("migrations/0011_held_for_their_record.sql"),
    include_str!("migrations/0012_rapid_response.sql"),
    include_str!("migrations/0013_oncall.sql"),
    include_str!("migrations/0014_detention.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The number of the newest migration, which is also the schema version bundles carry.
pub fn schema_version() -> u32 {
    MIGRATIONS.len() as u32
}

/// An unlocked store. Dropping it closes the database; SQLCipher wipes its key copies.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
    device_id: Uuid,
    member_id: Uuid,
    /// The clock as this store last wrote it; `write` also reads the stored one, which
    /// another process may have moved on.
    clock: Hlc,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).field("device_id", &self.device_id).finish()
    }
}

/// Who this device belongs to, given at `init`.
#[derive(Debug, Clone)]
pub struct Owner {
    pub name: String,
    pub device_label: String,
}

impl Store {
    /// Create a new store in `dir` (created if missing, refused if a store is there).
    pub fn init(dir: &Path, passphrase: &str, params: KdfParams, owner: &Owner, now: DateTime<Utc>) -> Result<Store> {
        if dir.join(key::KEY_FILE).exists() || dir.join(DB_FILE).exists() {
            return Err(Error::StoreExists(dir.to_path_buf()));
        }
        key::check_passphrase("passphrase", passphrase)?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        restrict_permissions(dir, 0o700);
        let db_key = key::DbKey::generate();
        let conn = open_keyed(dir, &db_key)?;
        key::write(dir, &db_key, passphrase, params)?;
        drop(db_key);
        let mut store = Store::finish_open(conn, dir)?;
        store.bootstrap(owner, now)?;
        device_keys::ensure(&mut store, now)?;
        Ok(store)
    }

    /// Open an existing store. Never creates one.
    pub fn open(dir: &Path, passphrase: &str) -> Result<Store> {
        if !dir.join(key::KEY_FILE).is_file() || !dir.join(DB_FILE).is_file() {
            return Err(Error::NoStore(dir.to_path_buf()));
        }
        let db_key = key::read(dir, passphrase)?;
        let conn = open_keyed(dir, &db_key)?;
        drop(db_key);
        Store::finish_open(conn, dir)
    }

    /// Re-wrap the database key under a new passphrase. The database is not touched.
    pub fn change_passphrase(dir: &Path, old: &str, new: &str, params: KdfParams) -> Result<()> {
        key::check_passphrase("new passphrase", new)?;
        if !dir.join(key::KEY_FILE).is_file() {
            return Err(Error::NoStore(dir.to_path_buf()));
        }
        let db_key = key::read(dir, old)?;
        key::write(dir, &db_key, new, params)
    }

    fn finish_open(mut conn: Connection, dir: &Path) -> Result<Store> {
        migrations().to_latest(&mut conn)?;
        let meta = |k: &str| -> Result<Option<String>> {
            Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0)).optional()?)
        };
        let device_id = meta("device_id")?.and_then(|s| s.parse().ok()).unwrap_or_else(Uuid::nil);
        let member_id = meta("member_id")?.and_then(|s| s.parse().ok()).unwrap_or_else(Uuid::nil);
        let clock = Hlc(meta("hlc")?.and_then(|s| s.parse().ok()).unwrap_or(0));
        let mut store = Store { conn, dir: dir.to_path_buf(), device_id, member_id, clock };
        store.repair_court_times(Utc::now())?;
        Ok(store)
    }

    fn bootstrap(&mut self, owner: &Owner, now: DateTime<Utc>) -> Result<()> {
        let device_id = Uuid::now_v7();
        let member_id = Uuid::now_v7();
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('device_id', ?1), ('member_id', ?2), ('created_at', ?3)",
            (device_id.to_string(), member_id.to_string(), now.to_rfc3339()),
        )?;
        self.device_id = device_id;
        self.member_id = member_id;
        let name = owner.name.clone();
        let label = owner.device_label.clone();
        self.write(now, |w| {
            w.insert(&crate::schema::MEMBER, member_id, &[("name", name.into())])?;
            w.insert(
                &crate::schema::DEVICE,
                device_id,
                &[("member_id", member_id.to_string().into()), ("label", label.into())],
            )
        })
    }

    /// Become a new device of the same member, for a backup restored onto another machine:
    /// a new device id with a `device` record labelled `label`, the old device's secret keys
    /// removed (new ones are made by `sync::keys::ensure`), and the old device's changes kept
    /// as another origin's (this store still holds them and says so in its vector).
    /// Returns the old device id.
    pub(crate) fn become_new_device(&mut self, label: &str, now: DateTime<Utc>) -> Result<Uuid> {
        let old = self.device_id;
        let new = Uuid::now_v7();
        let member = self.member_id;
        self.device_id = new;
        let done = self.write(now, |w| {
            let tx = w.tx();
            tx.execute("UPDATE meta SET value = ?1 WHERE key = 'device_id'", [new.to_string()])?;
            tx.execute("DELETE FROM device_secret WHERE device_id = ?1", [old.to_string()])?;
            tx.execute(
                "INSERT INTO sync_vector(device_id, seq) SELECT ?1, MAX(seq) FROM change_log WHERE device_id = ?1 GROUP BY device_id
                 ON CONFLICT(device_id) DO UPDATE SET seq = max(seq, excluded.seq)",
                [old.to_string()],
            )?;
            w.insert(&crate::schema::DEVICE, new, &[("member_id", member.to_string().into()), ("label", label.into())])
        });
        if let Err(e) = done {
            self.device_id = old;
            return Err(e);
        }
        Ok(old)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn device_id(&self) -> Uuid {
        self.device_id
    }

    /// The team member who owns this device; the author of every local change.
    /// Who writes on this store: what they hold and may change (see `Actor`).
    pub fn actor(&self) -> Result<Actor> {
        Actor::of(&self.conn, self.member_id)
    }

    pub fn member_id(&self) -> Uuid {
        self.member_id
    }

    /// Whether this computer's clock looks wrong against what the store holds (see
    /// `clock::problem`): front ends say so before a person edits.
    pub fn clock_problem(&self, now: DateTime<Utc>) -> Result<Option<crate::clock::ClockProblem>> {
        let newest: Option<i64> = self.conn.query_row(
            "SELECT MAX(hlc) FROM change_log WHERE device_id != ?1",
            [self.device_id.to_string()],
            |r| r.get(0),
        )?;
        Ok(crate::clock::problem(now, self.clock, newest.map(|h| Hlc(h as u64))))
    }

    pub fn clock(&self) -> Hlc {
        self.clock
    }

    /// Read-only access for queries. Writes go through [`Store::write`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Run SQLite's own consistency check.
    pub fn integrity_check(&self) -> Result<()> {
        let verdict: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(Error::Corrupt { path: self.dir.clone(), what: "integrity check failed".into() })
        }
    }
}

fn open_keyed(dir: &Path, db_key: &key::DbKey) -> Result<Connection> {
    // Under heavy load SQLCipher has been seen to refuse a valid `PRAGMA key` once
    // ("PRAGMA key requires a key…") while setting up its crypto provider; a fresh
    // connection then succeeds. Nothing has been written at that point, so retrying is safe.
    let mut attempt = 0;
    loop {
        match open_keyed_once(dir, db_key) {
            Err(Error::Db(e)) if attempt < 3 && e.to_string().contains("PRAGMA key") => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(50 * attempt));
            }
            other => return other,
        }
    }
}

fn open_keyed_once(dir: &Path, db_key: &key::DbKey) -> Result<Connection> {
    let path = dir.join(DB_FILE);
    let corrupt = |what: &str| Error::Corrupt { path: dir.to_path_buf(), what: what.into() };
    let conn = Connection::open(&path).map_err(|e| match e.sqlite_error_code() {
        Some(SqlErrorCode::NotADatabase) => corrupt("database file"),
        _ => Error::Db(e),
    })?;
    // SQLCipher would otherwise print "hmac check failed" and similar to stderr.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    conn.execute_batch(&format!("PRAGMA key = \"{}\";", db_key.pragma_literal().as_str()))?;
    let cipher: Option<String> = conn.query_row("PRAGMA cipher_version", [], |r| r.get(0)).optional()?;
    if cipher.as_deref().is_none_or(str::is_empty) {
        return Err(Error::NoEncryption);
    }
    // The key was proven right by the key file's AEAD, so a failing first read means the
    // database itself is damaged, not that the passphrase is wrong.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).map_err(|e| {
        match e.sqlite_error_code() {
            Some(SqlErrorCode::NotADatabase) | Some(SqlErrorCode::DatabaseCorrupt) => {
                corrupt("the database does not decrypt or is truncated")
            }
            _ => Error::Db(e),
        }
    })?;
    // Another process (the app while the CLI runs, or the reverse) may hold the write lock:
    // wait for it rather than fail at once; past this, the error says to try again.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;",
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(SqlErrorCode::NotADatabase) | Some(SqlErrorCode::DatabaseCorrupt) => corrupt("database file"),
        _ => Error::Db(e),
    })?;
    restrict_permissions(&path, 0o600);
    Ok(conn)
}

/// Write `bytes` to `path`, replacing what is there, for every file Amparo writes outside the
/// database (bundles, backups, the key file, cards, identities, CSV/HTML/ICS exports):
/// - a crash leaves either the old file or the new one (a temporary file, then a rename);
/// - no link planted in the folder is followed: the temporary file gets an unpredictable name
///   and is created with `O_CREAT | O_EXCL` (which never follows a link), and the rename
///   replaces a link at `path` itself instead of writing through it;
/// - the file is readable by its owner only (0600 on Unix), whatever it holds.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".amparo-").suffix(".partial");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io(format!("creating a temporary file in {}", dir.display()), e))?;
    let ctx = |what: &str| format!("{what} a temporary file in {}", dir.display());
    tmp.write_all(bytes).map_err(|e| Error::io(ctx("writing"), e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(ctx("syncing"), e))?;
    tmp.persist(path).map_err(|e| Error::io(format!("replacing {}", path.display()), e.error))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn restrict_permissions(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn restrict_permissions(_: &Path, _: u32) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_version_matches_the_number_of_migrations() {
        assert!(migrations().validate().is_ok());
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let v: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, schema_version());
    }

    /// Migration 0006 turns a field-level log into one change per old operation, keeps
    /// every value and base, and the `oplog` view reads it back field by field.
    #[test]
    fn the_field_level_log_becomes_a_change_log_without_losing_anything() {
        let mut conn = Connection::open_in_memory().unwrap();
        Migrations::new(MIGRATIONS[..5].iter().map(|sql| M::up(sql)).collect()).to_latest(&mut conn).unwrap();
        conn.execute_batch(
            r#"INSERT INTO oplog VALUES ('00000000-0000-7000-8000-0000000000d1', 1, 100, 'household', 'r1', 'display_name', '"Familia Ruiz"', 'a1', NULL, NULL);
               INSERT INTO oplog VALUES ('00000000-0000-7000-8000-0000000000d1', 2, 101, 'household', 'r1', 'languages', '["es","en"]', 'a1', NULL, NULL);
               INSERT INTO oplog VALUES ('00000000-0000-7000-8000-0000000000d2', 7, 150, 'household', 'r1', 'display_name', '"Familia Ruíz"', 'a2', 100, '00000000-0000-7000-8000-0000000000d1');
               INSERT INTO oplog VALUES ('00000000-0000-7000-8000-0000000000d2', 8, 151, 'household', 'r1', 'phone', 'null', 'a2', NULL, NULL);
               INSERT INTO field_version VALUES ('household', 'r1', 'display_name', 150, '00000000-0000-7000-8000-0000000000d2');"#,
        )
        .unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let changes: Vec<(String, i64, String)> = conn
            .prepare("SELECT device_id, seq, fields FROM change_log ORDER BY device_id, seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<std::result::Result<_, _>>()
            .unwrap();
        assert_eq!(changes.len(), 4);
        let edit = write::decode_fields(&changes[2].2).unwrap();
        assert_eq!(edit["display_name"].value, serde_json::json!("Familia Ruíz"));
        assert_eq!(edit["display_name"].base_hlc, Some(100));
        assert_eq!(write::decode_fields(&changes[1].2).unwrap()["languages"].value, serde_json::json!(["es", "en"]));
        assert_eq!(write::decode_fields(&changes[3].2).unwrap()["phone"].value, serde_json::Value::Null);
        let versions = write::record_versions(&conn, &crate::schema::HOUSEHOLD, "r1").unwrap();
        assert_eq!(versions["display_name"], (150, Uuid::from_u128(0xd2 | (7 << 76) | (8 << 60))));
        let view: Vec<(String, Option<String>, Option<i64>)> = conn
            .prepare("SELECT field, value, base_hlc FROM oplog WHERE record_id = 'r1' ORDER BY hlc")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<std::result::Result<_, _>>()
            .unwrap();
        assert_eq!(view[0], ("display_name".into(), Some("\"Familia Ruiz\"".into()), None));
        assert_eq!(view[2], ("display_name".into(), Some("\"Familia Ruíz\"".into()), Some(100)));
        assert_eq!(view[3].1.as_deref(), Some("null"));
    }

    #[test]
    fn all_migrations_apply_to_an_empty_store_and_create_every_synced_table() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        for t in crate::schema::TABLES {
            let cols: Vec<String> = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{}')", t.name))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<std::result::Result<_, _>>()
                .unwrap();
            assert!(cols.contains(&"id".to_string()) && cols.contains(&"deleted".to_string()), "{}", t.name);
            for f in t.fields {
                assert!(cols.iter().any(|c| c == f.name), "column {}.{} missing", t.name, f.name);
            }
            assert_eq!(cols.len(), t.fields.len() + 2, "{} has columns the registry does not know", t.name);
        }
    }

    fn two_handles() -> (tempfile::TempDir, Store, Store) {
        let dir = tempfile::tempdir().unwrap();
        let owner = Owner { name: "A".into(), device_label: "laptop".into() };
        let a =
            Store::init(&dir.path().join("s"), "a long passphrase", KdfParams::MINIMUM, &owner, Utc::now()).unwrap();
        let b = Store::open(&dir.path().join("s"), "a long passphrase").unwrap();
        (dir, a, b)
    }

    fn add_family(w: &mut Writer<'_>) -> Result<Uuid> {
        let id = Uuid::now_v7();
        w.insert(&crate::schema::HOUSEHOLD, id, &[("display_name", "Familia".into())])?;
        Ok(id)
    }

    /// Issue 13, finding 6: two writers got "database is locked" at once, with no advice.
    #[test]
    fn a_write_waits_for_another_writer_then_says_another_amparo_is_writing() {
        let (_dir, mut a, mut b) = two_handles();
        b.conn.busy_timeout(std::time::Duration::from_millis(300)).unwrap();
        let held = a.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).unwrap();
        let started = std::time::Instant::now();
        let err = b.write(Utc::now(), add_family).unwrap_err();
        assert!(started.elapsed() >= std::time::Duration::from_millis(250), "it waited");
        assert!(matches!(err, Error::Busy) && err.code() == crate::ErrorCode::Busy, "{err}");
        assert_eq!(err.to_string(), "another Amparo is writing to this store; try again in a moment");
        drop(held);
        b.write(Utc::now(), add_family).unwrap();
    }

    /// Issue 13, finding 4: a local change whose sequence number was taken was dropped by
    /// `INSERT OR IGNORE` while its record was saved. Now the whole write fails.
    #[test]
    fn a_local_change_that_cannot_be_logged_fails_the_write() {
        let (_dir, mut a, _b) = two_handles();
        let device = a.device_id().to_string();
        let err = a
            .write(Utc::now(), |w| {
                // Another writer took the next number after this transaction read it.
                w.tx().execute(
                    "INSERT INTO change_log(device_id, seq, hlc, tbl, record_id, author, fields)
                     SELECT ?1, MAX(seq) + 1, 1, 'household', 'x', NULL, '{}' FROM change_log WHERE device_id = ?1",
                    [&device],
                )?;
                add_family(w)
            })
            .unwrap_err();
        assert!(err.to_string().contains("nothing was saved"), "{err}");
        let families: i64 = a.conn().query_row("SELECT count(*) FROM household", [], |r| r.get(0)).unwrap();
        assert_eq!(families, 0, "the record was not saved without its change");
    }

    /// Issue 13, finding 4: the sequence number was cached at open. A store opened before
    /// another handle wrote now numbers its next change after that one.
    #[test]
    fn a_store_opened_earlier_numbers_its_change_after_another_handles_write() {
        let (_dir, mut a, mut b) = two_handles();
        b.write(Utc::now(), add_family).unwrap();
        a.write(Utc::now(), add_family).unwrap();
        let (n, distinct): (i64, i64) = a
            .conn()
            .query_row("SELECT count(*), count(DISTINCT seq) FROM change_log WHERE tbl = 'household'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((n, distinct), (2, 2));
        let hlcs: Vec<i64> = a
            .conn()
            .prepare("SELECT hlc FROM change_log ORDER BY seq")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert!(hlcs.windows(2).all(|p| p[0] < p[1]), "the clock moves on across handles: {hlcs:?}");
    }
}
