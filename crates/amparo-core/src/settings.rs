//! Settings kept inside the encrypted store (not in the app's plain preferences file):
//! the retention of closed cases, and which reminders were already shown as desktop
//! notifications. Local to this device; a purge it triggers reaches the team as an
//! ordinary synced change.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::store::Store;
use crate::sync::purge;

const RETENTION_KEY: &str = "retention_closed_days";

/// The longest retention accepted: ten years.
pub const MAX_RETENTION_DAYS: i64 = 3650;

/// How many days a closed family is kept before the retention purge removes it; `None`
/// when retention is off (closed families are kept until purged by hand).
pub fn retention_days(conn: &Connection) -> Result<Option<i64>> {
    let v: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [RETENTION_KEY], |r| r.get(0)).optional()?;
    Ok(v.and_then(|s| s.parse().ok()))
}

/// Set the retention (`None` turns it off). Days run from the day a family was closed.
pub fn set_retention_days(store: &Store, days: Option<i64>) -> Result<()> {
    match days {
        Some(d) if !(0..=MAX_RETENTION_DAYS).contains(&d) => Err(Error::bad(
            "retention",
            crate::error::Invalid::RetentionDays { max: crate::refusal::count(MAX_RETENTION_DAYS) },
        )),
        Some(d) => {
            store.conn().execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (RETENTION_KEY, d.to_string()),
            )?;
            Ok(())
        }
        None => {
            store.conn().execute("DELETE FROM meta WHERE key = ?1", [RETENTION_KEY])?;
            Ok(())
        }
    }
}

/// Apply the retention setting: purge every family closed at least the set number of
/// days ago (the same path as `amparo purge --closed-older-than`). Refused when retention
/// is off, so nothing is purged by accident.
pub fn apply_retention(store: &mut Store, now: DateTime<Utc>) -> Result<usize> {
    let days = retention_days(store.conn())?.ok_or(crate::error::Refusal::RetentionOff)?;
    purge::purge_closed(store, days, now)
}

const NOTIFIED_KEY: &str = "notified_reminders";

/// The keys of the reminders this device has already shown as desktop notifications, so
/// that a restart does not show them again. Kept in the encrypted store (keys are ids and
/// steps, never names); an unreadable value counts as nothing notified yet.
pub fn notified_reminders(conn: &Connection) -> Result<BTreeSet<String>> {
    let v: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [NOTIFIED_KEY], |r| r.get(0)).optional()?;
    Ok(v.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default())
}

/// Remember which reminders were notified, pruned to those still `live` (due now or
/// falling due soon): a reminder that is gone is forgotten, so the set stays small and a
/// reminder that comes back later is news again. Writes only when the set changed;
/// returns what is kept.
pub fn remember_notified_reminders<'a>(
    store: &Store,
    notified: impl IntoIterator<Item = &'a String>,
    live: &BTreeSet<String>,
) -> Result<BTreeSet<String>> {
    let keep: BTreeSet<String> = notified.into_iter().filter(|k| live.contains(*k)).cloned().collect();
    let conn = store.conn();
    if notified_reminders(conn)? != keep {
        let text = serde_json::to_string(&keep).map_err(|e| Error::Internal(format!("notified reminders: {e}")))?;
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (NOTIFIED_KEY, text),
        )?;
    }
    Ok(keep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Household;
    use crate::{KdfParams, Owner};
    use chrono::{Duration, TimeZone};

    fn store(dir: &std::path::Path) -> Store {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        Store::init(
            dir,
            "pass phrase words",
            KdfParams::MINIMUM,
            &Owner { name: "C".into(), device_label: "l".into() },
            now,
        )
        .unwrap()
    }

    #[test]
    fn notified_reminders_survive_reopening_and_are_pruned_to_those_still_live() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path());
        assert!(notified_reminders(s.conn()).unwrap().is_empty());
        let keys = |v: &[&str]| -> BTreeSet<String> { v.iter().map(|k| k.to_string()).collect() };
        let notified = keys(&["court:a|under:7d", "court:b|tbc", "placement:p|ending"]);
        let live = keys(&["court:a|under:7d", "court:a|under:2d", "placement:p|ending"]);
        let kept = remember_notified_reminders(&s, &notified, &live).unwrap();
        assert_eq!(kept, keys(&["court:a|under:7d", "placement:p|ending"]), "court b is no longer due: forgotten");
        drop(s);
        let s = Store::open(tmp.path(), "pass phrase words").unwrap();
        assert_eq!(notified_reminders(s.conn()).unwrap(), kept, "a restart remembers");
        // Nothing live any more: the set empties.
        assert!(remember_notified_reminders(&s, &kept, &BTreeSet::new()).unwrap().is_empty());
        assert!(notified_reminders(s.conn()).unwrap().is_empty());
        // A damaged value is read as "nothing notified", never an error or a panic.
        s.conn().execute("UPDATE meta SET value = 'not json' WHERE key = ?1", [NOTIFIED_KEY]).unwrap();
        assert!(notified_reminders(s.conn()).unwrap().is_empty());
    }

    #[test]
    fn retention_is_off_until_set_and_survives_reopening() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path());
        assert_eq!(retention_days(s.conn()).unwrap(), None);
        set_retention_days(&s, Some(400)).unwrap();
        assert_eq!(retention_days(s.conn()).unwrap(), Some(400));
        drop(s);
        let s = Store::open(tmp.path(), "pass phrase words").unwrap();
        assert_eq!(retention_days(s.conn()).unwrap(), Some(400));
        set_retention_days(&s, None).unwrap();
        assert_eq!(retention_days(s.conn()).unwrap(), None);
    }

    #[test]
    fn out_of_range_days_are_refused_and_nothing_changes() {
        let tmp = tempfile::tempdir().unwrap();
        let s = store(tmp.path());
        set_retention_days(&s, Some(30)).unwrap();
        for bad in [-1, MAX_RETENTION_DAYS + 1] {
            let e = set_retention_days(&s, Some(bad)).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::Invalid, "{e}");
        }
        assert_eq!(retention_days(s.conn()).unwrap(), Some(30));
    }

    #[test]
    fn applying_retention_purges_only_families_closed_long_enough() {
        let tmp = tempfile::tempdir().unwrap();
        let mut s = store(tmp.path());
        let now = Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap();
        assert_eq!(apply_retention(&mut s, now).unwrap_err().code(), crate::ErrorCode::Refused);
        for (name, closed_days_ago) in [("Old", Some(100)), ("Recent", Some(10)), ("Open", None)] {
            s.write(now, |w| {
                let id = crate::rules::add_household(w, &Household::new(name))?;
                if let Some(ago) = closed_days_ago {
                    crate::rules::close_household(w, id, (now - Duration::days(ago)).date_naive())?;
                }
                Ok(())
            })
            .unwrap();
        }
        set_retention_days(&s, Some(60)).unwrap();
        assert_eq!(apply_retention(&mut s, now).unwrap(), 1);
        let left: Vec<String> =
            s.conn().prepare("SELECT display_name FROM household WHERE id NOT IN (SELECT record_id FROM purged) ORDER BY display_name").unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        assert_eq!(left, ["Open", "Recent"]);
    }
}
