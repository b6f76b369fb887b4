//! Opening and creating stores: the first screen's choices.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::store::{key::KEY_FILE, KdfParams, Owner, Store, DB_FILE};

/// Whether `dir` holds a store (its key file and database).
pub fn store_exists(dir: &Path) -> bool {
    dir.join(KEY_FILE).is_file() && dir.join(DB_FILE).is_file()
}

/// Create a store owned by `name` on this computer.
pub fn create_store(dir: &Path, name: &str, passphrase: &str, now: DateTime<Utc>) -> Result<Store> {
    if name.trim().is_empty() {
        return Err(Error::bad("name", crate::error::Invalid::NameMissing));
    }
    let owner = Owner { name: name.trim().to_string(), device_label: "desktop".into() };
    Store::init(dir, passphrase, KdfParams::default(), &owner, now)
}

/// Open the demo store, creating and filling it the first time.
pub fn open_or_create_demo(dir: &Path, passphrase: &str, now: DateTime<Utc>) -> Result<Store> {
    if store_exists(dir) {
        return Store::open(dir, passphrase);
    }
    let owner = Owner { name: "Demo coordinator".into(), device_label: "demo".into() };
    let mut store = Store::init(dir, passphrase, KdfParams::MINIMUM, &owner, now)?;
    crate::demo::load(&mut store, now)?;
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;

    #[test]
    fn the_demo_store_is_created_once_then_opened() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("demo");
        assert!(!store_exists(&d));
        drop(open_or_create_demo(&d, "amparo demo store", now()).unwrap());
        assert!(store_exists(&d));
        let again = open_or_create_demo(&d, "amparo demo store", now()).unwrap();
        assert!(!again.list::<Household>().unwrap().is_empty());
    }
}
