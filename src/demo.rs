//! The demo data set: realistic, clearly fictional, in English and Spanish names.

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::store::Store;

/// Fill `store` with the demo data set; returns a short summary of what was created.
pub fn load(_store: &mut Store, _now: DateTime<Utc>) -> Result<String> {
    Ok(String::from("no records"))
}
