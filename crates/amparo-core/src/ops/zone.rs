//! The time zone a new court date or sanctuary site starts in.

use crate::domain::{CourtDate, SanctuarySite};
use crate::error::Result;
use crate::store::Store;

/// The time zone a new court date or sanctuary site starts in, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DefaultZone {
    pub zone: String,
    /// `true`: the zone of the court date or sanctuary site entered last (by anyone on the
    /// team); `false`: this computer's zone, the store having neither yet.
    pub from_team: bool,
}

/// The zone a new court date or sanctuary site starts in: the team's last used (the zone of
/// the court date or site entered most recently; ids are time-ordered), else `computer`.
pub fn default_zone(store: &Store, computer: chrono_tz::Tz) -> Result<DefaultZone> {
    let conn = store.conn();
    let court: Option<CourtDate> = crate::store::records::query(conn, "ORDER BY id DESC LIMIT 1", [])?.pop();
    let site: Option<SanctuarySite> = crate::store::records::query(conn, "ORDER BY id DESC LIMIT 1", [])?.pop();
    let last = match (court, site) {
        (Some(c), Some(s)) if s.id > c.id => Some(s.time_zone),
        (Some(c), _) => Some(c.time_zone),
        (None, Some(s)) => Some(s.time_zone),
        (None, None) => None,
    };
    Ok(match last {
        Some(z) => DefaultZone { zone: z.name().to_string(), from_team: true },
        None => DefaultZone { zone: computer.name().to_string(), from_team: false },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;

    #[test]
    fn a_new_record_starts_in_the_teams_last_used_zone_else_the_computers() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let ny = chrono_tz::America::New_York;
        let computer = default_zone(&s, ny).unwrap();
        assert_eq!(computer, DefaultZone { zone: "America/New_York".into(), from_team: false });
        court(&mut s, 1, None);
        assert_eq!(default_zone(&s, ny).unwrap(), DefaultZone { zone: "America/Chicago".into(), from_team: true });
        let site = SanctuarySite {
            id: Uuid::now_v7(),
            name: "Church".into(),
            code: "C1".into(),
            address: None,
            time_zone: chrono_tz::America::Denver,
            congregation_id: None,
            host_volunteer_id: None,
        };
        upsert(&mut s, now(), now().date_naive(), &site).unwrap();
        assert_eq!(default_zone(&s, ny).unwrap().zone, "America/Denver", "the site was entered after the court date");
    }
}
