//! Repairs of what older versions could leave behind, run when a store opens.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use rusqlite::OptionalExtension;
use uuid::Uuid;

use super::Store;
use crate::domain::PlaceTime;
use crate::error::Result;
use crate::schema::{COURT_DATE, COURT_TIME};

const REPAIRED: &str = "repair.court_times";

/// A court date's id, local time, zone and UTC time as stored.
type StoredTime = (String, Option<String>, Option<String>, Option<String>);

impl Store {
    /// Court dates whose UTC instant disagrees with their local time and zone (before a
    /// court time was one value, two concurrent edits resolved differently could leave
    /// a hearing at 14:00 local with a UTC time of 15:30 local). The local time is what
    /// people read and confirm with the court, so the UTC instant is derived from it
    /// again, as a logged change that reaches the team. Only a store that may change
    /// court dates for the team repairs (a coordinator's, or one alone); others receive
    /// the repair. Returns the repaired court dates.
    pub(crate) fn repair_court_times(&mut self, now: DateTime<Utc>) -> Result<Vec<Uuid>> {
        if self.actor()?.limited_role().is_some() {
            return Ok(vec![]);
        }
        let rows: Vec<StoredTime> = {
            let mut st =
                self.conn.prepare("SELECT id, local_start, time_zone, starts_utc FROM court_date WHERE deleted = 0")?;
            let v = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            v
        };
        let mut wrong = Vec::new();
        for (id, local, zone, utc) in rows {
            let (Some(local), Some(zone), Some(utc)) = (local, zone, utc) else { continue };
            let (Ok(local), Ok(zone), Ok(utc), Ok(id)) =
                (local.parse::<NaiveDateTime>(), zone.parse::<Tz>(), utc.parse::<DateTime<Utc>>(), id.parse::<Uuid>())
            else {
                continue;
            };
            let derived = PlaceTime { local, zone }.utc();
            if derived != utc {
                wrong.push((id, derived));
            }
        }
        if wrong.is_empty() {
            return Ok(vec![]);
        }
        self.write(now, |w| {
            for (id, derived) in &wrong {
                let value = serde_json::to_value(derived).map_err(|e| crate::Error::Internal(e.to_string()))?;
                w.put_all(&COURT_DATE, *id, &[(COURT_TIME[2], value)])?;
            }
            let ids: Vec<String> = wrong.iter().map(|(id, _)| id.to_string()).collect();
            w.tx().execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (REPAIRED, serde_json::to_string(&ids).unwrap_or_default()),
            )?;
            Ok(())
        })?;
        Ok(wrong.into_iter().map(|(id, _)| id).collect())
    }

    /// The court dates whose time the last open repaired, once (the report is cleared).
    pub fn take_repaired_court_times(&mut self) -> Result<Vec<Uuid>> {
        let text: Option<String> =
            self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [REPAIRED], |r| r.get(0)).optional()?;
        self.conn.execute("DELETE FROM meta WHERE key = ?1", [REPAIRED])?;
        let ids: Vec<String> = text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
        Ok(ids.iter().filter_map(|s| s.parse().ok()).collect())
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use crate::domain::{CourtDate, CourtKind, Household};
    use crate::{KdfParams, Owner, Store};

    #[test]
    fn a_court_date_whose_utc_time_disagrees_with_its_local_time_is_repaired_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut s = Store::init(
            &dir.path().join("s"),
            "pass phrase words",
            KdfParams::MINIMUM,
            &Owner { name: "Ada".into(), device_label: "l".into() },
            now,
        )
        .unwrap();
        let h = Household::new("Familia");
        let at = crate::domain::PlaceTime::new(
            chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap().and_hms_opt(14, 0, 0).unwrap(),
            "America/Chicago".parse().unwrap(),
        )
        .unwrap();
        let c = CourtDate::new(h.id, CourtKind::BondHearing, at, "Chicago Immigration Court");
        s.write(now, |w| {
            w.create(&h)?;
            w.create(&c)
        })
        .unwrap();
        // What an older version could leave: 15:30 local in UTC.
        s.conn()
            .execute("UPDATE court_date SET starts_utc = '2026-12-07T21:30:00Z' WHERE id = ?1", [c.id.to_string()])
            .unwrap();
        assert_eq!(s.repair_court_times(now).unwrap(), vec![c.id]);
        let fixed: CourtDate = s.get(c.id).unwrap();
        assert_eq!(fixed.starts_utc, chrono::Utc.with_ymd_and_hms(2026, 12, 7, 20, 0, 0).unwrap());
        assert_eq!(s.take_repaired_court_times().unwrap(), vec![c.id]);
        assert!(s.take_repaired_court_times().unwrap().is_empty(), "reported once");
        assert!(s.repair_court_times(now).unwrap().is_empty(), "nothing left to repair");
    }
}
