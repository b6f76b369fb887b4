//! Checks a record kind makes of its own fields.

use chrono::NaiveDate;

use crate::error::{Error, Invalid, Result};

pub(super) fn required(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        Err(Error::bad(field, Invalid::Empty))
    } else {
        Ok(())
    }
}

/// A date that must not come before another one of the same record (closing before the
/// intake, detention before birth): the record would be telling two stories.
pub(super) fn not_before(
    field: &'static str,
    date: Option<NaiveDate>,
    other: &str,
    other_date: Option<NaiveDate>,
) -> Result<()> {
    match (date, other_date) {
        (Some(d), Some(o)) if d < o => Err(Error::bad(
            field,
            Invalid::DateBefore { date: d.to_string(), other: other.to_string(), other_date: o.to_string() },
        )),
        _ => Ok(()),
    }
}
