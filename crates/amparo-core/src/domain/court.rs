//! Court dates and ICE check-ins at a place and local time, and who accompanies them. Field names are the column names of `schema`.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::checks::required;
use super::*;
use crate::error::{Error, Invalid, Result};
use crate::schema;

word_enum!(CourtKind {
    MasterCalendar = "master_calendar",
    IndividualHearing = "individual_hearing",
    BondHearing = "bond_hearing",
    IceCheckIn = "ice_check_in",
    HighRiskIceCheckIn = "high_risk_ice_check_in",
    IsapCheckIn = "isap_check_in",
    UscisBiometrics = "uscis_biometrics",
    UscisInterview = "uscis_interview",
    FamilyCourt = "family_court",
    CriminalCourt = "criminal_court",
    Other = "other",
});

impl CourtKind {
    /// The kind of a court date on a store whose role does not receive it (a driver's).
    fn not_received() -> Self {
        CourtKind::Other
    }
}

word_enum!(CourtStatus { Scheduled = "scheduled", Completed = "completed", Cancelled = "cancelled" });

/// A moment at a place: local wall time plus the place's IANA time zone. A court date
/// cannot exist without one, so its instant is always known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceTime {
    pub local: NaiveDateTime,
    pub zone: Tz,
}

impl PlaceTime {
    /// Resolve local time in `zone`. A time skipped by a DST change is refused; a repeated
    /// one (fall back) is taken as the first occurrence.
    pub fn new(local: NaiveDateTime, zone: Tz) -> Result<Self> {
        match zone.from_local_datetime(&local) {
            LocalResult::Single(_) | LocalResult::Ambiguous(_, _) => Ok(PlaceTime { local, zone }),
            LocalResult::None => {
                Err(Error::bad("time", Invalid::SkippedTime { local: local.to_string(), zone: zone.to_string() }))
            }
        }
    }

    pub fn utc(&self) -> DateTime<Utc> {
        match self.zone.from_local_datetime(&self.local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            // Unreachable for values built by `new`; a safe answer rather than a panic.
            LocalResult::None => Utc.from_utc_datetime(&self.local),
        }
    }
}

pub fn parse_time_zone(name: &str) -> Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| Error::bad("time zone", Invalid::TimeZone { name: name.to_string() }))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CourtDate {
    pub id: Uuid,
    pub household_id: Uuid,
    pub person_id: Option<Uuid>,
    #[serde(default = "CourtKind::not_received")]
    pub kind: CourtKind,
    pub local_start: NaiveDateTime,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub time_zone: Tz,
    /// Derived from `local_start` and `time_zone` on every save; kept for ordering.
    pub starts_utc: DateTime<Utc>,
    pub time_tbc: bool,
    pub confirmed: bool,
    pub place: String,
    pub address: Option<String>,
    pub room: Option<String>,
    pub judge: Option<String>,
    pub attorney_attending: Option<String>,
    pub interpreter: Option<String>,
    pub transport_needed: bool,
    pub min_accompaniers: i64,
    pub max_accompaniers: Option<i64>,
    pub leader_id: Option<Uuid>,
    pub accompanier_notes: Option<String>,
    pub internal_notes: Option<String>,
    pub status: CourtStatus,
    pub outcome: Option<String>,
    pub detained: Option<bool>,
    pub next_court_date_id: Option<Uuid>,
    pub previous_court_date_id: Option<Uuid>,
}

impl CourtDate {
    /// Fewer accompaniers than wanted for a date still scheduled: the one definition of an
    /// under-staffed court date (agenda, reminders, lists, the app).
    pub fn understaffed_with(&self, assigned: usize) -> bool {
        self.status == CourtStatus::Scheduled && (assigned as i64) < self.min_accompaniers
    }

    /// The wall time at the place as text, "2026-12-06 13:00", or "2026-12-06 time to be
    /// confirmed" when it is: the clock stored for such a date is a placeholder and is never
    /// shown.
    pub fn local_when(&self) -> String {
        if self.time_tbc {
            format!("{} time to be confirmed", self.local_start.format("%Y-%m-%d"))
        } else {
            self.local_start.format("%Y-%m-%d %H:%M").to_string()
        }
    }

    pub fn new(household_id: Uuid, kind: CourtKind, at: PlaceTime, place: impl Into<String>) -> Self {
        CourtDate {
            id: Uuid::now_v7(),
            household_id,
            person_id: None,
            kind,
            local_start: at.local,
            time_zone: at.zone,
            starts_utc: at.utc(),
            time_tbc: false,
            confirmed: false,
            place: place.into(),
            address: None,
            room: None,
            judge: None,
            attorney_attending: None,
            interpreter: None,
            transport_needed: false,
            min_accompaniers: 2,
            max_accompaniers: None,
            leader_id: None,
            accompanier_notes: None,
            internal_notes: None,
            status: CourtStatus::Scheduled,
            outcome: None,
            detained: None,
            next_court_date_id: None,
            previous_court_date_id: None,
        }
    }

    pub fn at(&self) -> PlaceTime {
        PlaceTime { local: self.local_start, zone: self.time_zone }
    }

    /// Move the date, keeping `starts_utc` in step.
    pub fn set_at(&mut self, at: PlaceTime) {
        self.local_start = at.local;
        self.time_zone = at.zone;
        self.starts_utc = at.utc();
    }
}

impl Record for CourtDate {
    const TABLE: &'static schema::Table = &schema::COURT_DATE;
    const NOUN: &'static str = "court date";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("place", &self.place)?;
        if self.time_tbc && self.confirmed {
            return Err(Error::bad("confirmed", Invalid::TbcAndConfirmed));
        }
        let at = PlaceTime::new(self.local_start, self.time_zone)?;
        if at.utc() != self.starts_utc {
            return Err(Error::invalid("time", "the stored instant does not match the local time and zone"));
        }
        if self.min_accompaniers < 0 {
            return Err(Error::bad("accompaniers", Invalid::NegativeMinimum));
        }
        if let Some(max) = self.max_accompaniers {
            if max < self.min_accompaniers {
                return Err(Error::bad("accompaniers", Invalid::MaxBelowMin { max, min: self.min_accompaniers }));
            }
        }
        Ok(())
    }
}

/// A volunteer assigned to accompany at a court date. A record of its own, so two
/// coordinators assigning different people at once both keep their assignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourtAccompanier {
    pub id: Uuid,
    pub court_date_id: Uuid,
    pub volunteer_id: Uuid,
}

impl Record for CourtAccompanier {
    const TABLE: &'static schema::Table = &schema::COURT_ACCOMPANIER;
    const NOUN: &'static str = "accompanier assignment";
    fn id(&self) -> Uuid {
        self.id
    }
}
