//! The use cases both front ends call (the app's commands and the `amparo` CLI): what a
//! screen or a command asks of the core beyond one rule or one query. Every change goes
//! through `rules` inside one `Writer` transaction, so the app enforces exactly what the
//! CLI enforces. Time comes in as an argument. One file per area.

pub mod bond;
pub mod court;
pub mod family;
pub mod housing;
pub mod incident;
pub mod notes;
pub mod records;
pub mod sanctuary;
pub mod search;
pub mod stores;
pub mod tasks;
pub mod team;
pub mod zone;

/// Sort records by a name as people read it (letter case and accents aside), then by id.
fn by_name<R>(list: &mut [R], name: impl Fn(&R) -> &str, id: impl Fn(&R) -> uuid::Uuid) {
    list.sort_by_cached_key(|r| (crate::language::fold(name(r)), id(r)));
}

#[cfg(test)]
pub(crate) mod testing {
    //! Stores and records the use-case tests share.
    use std::path::Path;

    use chrono::{DateTime, NaiveDate, Utc};

    pub use super::records::upsert;
    pub use crate::domain::*;
    pub use crate::store::{KdfParams, Owner, Store};
    pub use chrono::{Duration, TimeZone};
    pub use uuid::Uuid;

    pub fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
    }

    pub fn store(dir: &Path) -> Store {
        let owner = Owner { name: "Test".into(), device_label: "test".into() };
        Store::init(&dir.join("s"), "pass phrase here", KdfParams::MINIMUM, &owner, now()).unwrap()
    }

    pub fn court(s: &mut Store, min: i64, max: Option<i64>) -> (Uuid, Uuid) {
        let h = Household::new("Fam");
        upsert(s, now(), now().date_naive(), &h).unwrap();
        let at = PlaceTime::new(
            NaiveDate::from_ymd_opt(2026, 11, 26).unwrap().and_hms_opt(9, 30, 0).unwrap(),
            chrono_tz::America::Chicago,
        )
        .unwrap();
        let mut c = CourtDate::new(h.id, CourtKind::MasterCalendar, at, "Court");
        c.min_accompaniers = min;
        c.max_accompaniers = max;
        upsert(s, now(), now().date_naive(), &c).unwrap();
        (h.id, c.id)
    }

    pub fn volunteer(s: &mut Store, name: &str) -> Uuid {
        let v = Volunteer::new(name);
        upsert(s, now(), now().date_naive(), &v).unwrap()
    }
}
