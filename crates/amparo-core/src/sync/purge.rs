//! Purge: remove a family's content from every replica ("forget this family", or the
//! retention period for closed cases), leaving only a minimal tombstone.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde_json::Value;
use uuid::Uuid;

use super::merge::{purge_record, PURGED};
use crate::error::{Error, Result};
use crate::schema;
use crate::store::Store;

/// Whether this device may forget a family for the team: a store of its own (no team)
/// always; on a team, only a coordinator, whose purge the whole team receives.
pub fn may_forget_families(store: &Store) -> Result<bool> {
    if super::roster::team(store.conn())?.is_none() {
        return Ok(true);
    }
    Ok(super::roster::role_of_member(store.conn(), store.member_id())? == Some(crate::domain::Role::Coordinator))
}

/// "Forget this family", as the app and `amparo purge FAMILY` offer it: [`purge_household`]
/// for those [`may_forget_families`] allows, refused for anyone else.
pub fn forget_family(store: &mut Store, household: Uuid, now: DateTime<Utc>) -> Result<usize> {
    if !may_forget_families(store)? {
        return Err(crate::Refusal::NotCoordinatorToForget.into());
    }
    purge_household(store, household, now)
}

/// Purge one household and everything that belongs to it. Returns how many records.
pub fn purge_household(store: &mut Store, household: Uuid, now: DateTime<Utc>) -> Result<usize> {
    let exists: bool = store
        .conn()
        .query_row(
            "SELECT 1 FROM household WHERE id = ?1 AND id NOT IN (SELECT record_id FROM purged)",
            [household.to_string()],
            |_| Ok(true),
        )
        .unwrap_or(false);
    if !exists {
        return Err(Error::NotFound { kind: "family", id: household.to_string() });
    }
    let records = crate::store::family::with_all_parts(store.conn(), &schema::HOUSEHOLD, household)?;
    store.write(now, |w| {
        for (table, id) in &records {
            w.log(
                table,
                *id,
                std::collections::BTreeMap::from([(
                    PURGED.to_string(),
                    crate::store::FieldChange::new(Value::Bool(true), None),
                )]),
            )?;
            purge_record(w.tx(), table, *id)?;
            crate::store::reindex(w.tx(), table, *id)?;
        }
        Ok(records.len())
    })
}

/// Purge every closed household closed at least `days` days ago. Returns how many families.
pub fn purge_closed(store: &mut Store, days: i64, now: DateTime<Utc>) -> Result<usize> {
    let hh = closed_older_than(store.conn(), days, now)?;
    for h in &hh {
        purge_household(store, *h, now)?;
    }
    Ok(hh.len())
}

/// The families `purge_closed` would remove: closed at least `days` days before `now`
/// and not purged yet (front ends count them to ask before purging).
pub fn closed_older_than(conn: &Connection, days: i64, now: DateTime<Utc>) -> Result<Vec<Uuid>> {
    let cutoff = (now - Duration::days(days.max(0))).date_naive().to_string();
    let mut st = conn.prepare(
        "SELECT id FROM household WHERE status = 'closed' AND closed_at IS NOT NULL AND closed_at <= ?1
         AND id NOT IN (SELECT record_id FROM purged)",
    )?;
    let hh = st
        .query_map([cutoff], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|s| s.parse().ok())
        .collect();
    Ok(hh)
}
