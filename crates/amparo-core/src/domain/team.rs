//! The team: roles, members and their devices, congregations, volunteers with their
//! trainings and availability. Field names are the column names of `schema`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::checks::required;
use super::*;
use crate::error::{Error, Invalid, Result};
use crate::schema;

word_enum!(
    /// A member's role in the team, which decides what their bundles contain.
    Role {
        Coordinator = "coordinator",
        Accompanier = "accompanier",
        Host = "host",
        ShiftVolunteer = "shift_volunteer",
        Driver = "driver",
        /// Takes the hotline's calls: incidents, their verification and dispatch, on-call coverage.
        Dispatcher = "dispatcher",
        /// Goes where dispatched: the incidents they are sent to, without the caller.
        Responder = "responder",
    }
);

word_enum!(Training {
    CourtAccompaniment = "court_accompaniment",
    SanctuaryShift = "sanctuary_shift",
    Driver = "driver",
    RapidResponse = "rapid_response",
    /// Taking the hotline's calls: qualifies for an on-call slot's dispatcher positions.
    Dispatch = "dispatch",
    LegalObserver = "legal_observer",
    ZoneLead = "zone_lead",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrainingRecord {
    pub training: Training,
    /// `None`: trained, date unknown (a sheet or the CLI gave none; never today's date).
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: Uuid,
    pub name: Option<String>,
    pub role: Option<Role>,
    pub volunteer_id: Option<Uuid>,
}

impl Record for Member {
    const TABLE: &'static schema::Table = &schema::MEMBER;
    const NOUN: &'static str = "member";
    fn id(&self) -> Uuid {
        self.id
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Device {
    pub id: Uuid,
    pub member_id: Option<Uuid>,
    pub label: Option<String>,
    pub sign_key: Option<String>,
    pub age_recipient: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Record for Device {
    const TABLE: &'static schema::Table = &schema::DEVICE;
    const NOUN: &'static str = "device";
    fn id(&self) -> Uuid {
        self.id
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Congregation {
    pub id: Uuid,
    pub name: String,
    pub city: Option<String>,
    pub contact: Option<String>,
}

impl Record for Congregation {
    const TABLE: &'static schema::Table = &schema::CONGREGATION;
    const NOUN: &'static str = "congregation";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("congregation name", &self.name)
    }
}

/// Weekly availability: which weekdays and hours a volunteer can take, plus blackout dates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Availability {
    /// iCalendar-style weekly windows, e.g. "MO 18:00-23:00".
    #[serde(default)]
    pub weekly: Vec<String>,
    #[serde(default)]
    pub blackout: Vec<NaiveDate>,
    /// Recurring blackouts as iCalendar RRULEs, e.g. "FREQ=MONTHLY;BYDAY=1SU".
    #[serde(default)]
    pub blackout_rules: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Volunteer {
    pub id: Uuid,
    pub name: String,
    pub congregation_id: Option<Uuid>,
    pub phone: Option<String>,
    pub preferred_contact: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub trainings: Vec<TrainingRecord>,
    pub background_check_expires: Option<NaiveDate>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub availability: Availability,
    pub max_shifts_per_week: Option<i64>,
    pub min_rest_hours: Option<i64>,
    pub active: bool,
}

impl Volunteer {
    pub fn new(name: impl Into<String>) -> Self {
        Volunteer {
            id: Uuid::now_v7(),
            name: name.into(),
            congregation_id: None,
            phone: None,
            preferred_contact: None,
            languages: vec![],
            trainings: vec![],
            background_check_expires: None,
            roles: vec![],
            availability: Availability::default(),
            max_shifts_per_week: None,
            min_rest_hours: None,
            active: true,
        }
    }

    pub fn has_training(&self, t: Training) -> bool {
        self.trainings.iter().any(|r| r.training == t)
    }
}

impl Record for Volunteer {
    const TABLE: &'static schema::Table = &schema::VOLUNTEER;
    const NOUN: &'static str = "volunteer";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("volunteer name", &self.name)?;
        if self.max_shifts_per_week.is_some_and(|n| n < 0) || self.min_rest_hours.is_some_and(|n| n < 0) {
            return Err(Error::bad("volunteer limits", Invalid::NegativeLimits));
        }
        availability::check(&self.availability)
    }
}
