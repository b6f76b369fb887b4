//! Physical sanctuary: sites, guests, shifts and who is on them, rotation templates and
//! swap requests. Field names are the column names of `schema`.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::checks::required;
use super::*;
use crate::error::{Error, Invalid, Result};
use crate::schema;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SanctuarySite {
    pub id: Uuid,
    pub name: String,
    /// A short code used where the name must not appear (calendar exports, door rota).
    pub code: String,
    pub address: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub time_zone: Tz,
    pub congregation_id: Option<Uuid>,
    pub host_volunteer_id: Option<Uuid>,
}

impl Record for SanctuarySite {
    const TABLE: &'static schema::Table = &schema::SANCTUARY_SITE;
    const NOUN: &'static str = "sanctuary site";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("site name", &self.name)?;
        required("site code", &self.code)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SanctuaryGuest {
    pub id: Uuid,
    pub person_id: Uuid,
    pub site_id: Uuid,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Record for SanctuaryGuest {
    const TABLE: &'static schema::Table = &schema::SANCTUARY_GUEST;
    const NOUN: &'static str = "sanctuary guest";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        if self.until.is_some_and(|u| u < self.since) {
            return Err(Error::bad("sanctuary dates", Invalid::EndBeforeStart));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Shift {
    pub id: Uuid,
    pub site_id: Uuid,
    pub label: String,
    pub starts_utc: DateTime<Utc>,
    pub ends_utc: DateTime<Utc>,
    pub min_people: i64,
    pub max_people: Option<i64>,
    #[serde(default)]
    pub required_skills: Vec<String>,
    pub handoff_notes: Option<String>,
}

impl Shift {
    /// Fewer people than the shift needs: the one definition of an under-staffed shift.
    pub fn understaffed_with(&self, assigned: usize) -> bool {
        (assigned as i64) < self.min_people
    }
}

impl Record for Shift {
    const TABLE: &'static schema::Table = &schema::SHIFT;
    const NOUN: &'static str = "shift";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        if self.ends_utc <= self.starts_utc {
            return Err(Error::bad("shift times", Invalid::ShiftEndsBeforeStart));
        }
        if self.min_people < 0 || self.max_people.is_some_and(|m| m < self.min_people) {
            return Err(Error::bad("shift staffing", Invalid::ShiftMaxBelowMin));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShiftAssignment {
    pub id: Uuid,
    pub shift_id: Uuid,
    pub volunteer_id: Uuid,
    pub confirmed: bool,
    /// Set by a person, as opposed to the auto-fill; auto-fill never overrides it.
    pub manual: bool,
    pub claimed_at: Option<DateTime<Utc>>,
}

impl Record for ShiftAssignment {
    const TABLE: &'static schema::Table = &schema::SHIFT_ASSIGNMENT;
    const NOUN: &'static str = "shift assignment";
    fn id(&self) -> Uuid {
        self.id
    }
}

/// One named shift of a day in a rotation template, in the site's local wall time.
/// When `end` is not after `start` the shift runs past midnight into the next day
/// (e.g. 20:00–08:00 overnight).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftSpec {
    pub label: String,
    pub start: NaiveTime,
    pub end: NaiveTime,
    #[serde(default = "default_min_people")]
    pub min_people: i64,
    #[serde(default)]
    pub max_people: Option<i64>,
    /// Each entry must be held by at least one person on the shift: a language
    /// ("spanish") or a training ("rapid_response").
    #[serde(default)]
    pub required_skills: Vec<String>,
}

fn default_min_people() -> i64 {
    2
}

impl ShiftSpec {
    pub fn new(label: impl Into<String>, start: NaiveTime, end: NaiveTime) -> Self {
        ShiftSpec { label: label.into(), start, end, min_people: 2, max_people: None, required_skills: vec![] }
    }

    pub fn overnight(&self) -> bool {
        self.end <= self.start
    }
}

/// The shifts of a day at one sanctuary site, from which shifts are generated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RotationTemplate {
    pub id: Uuid,
    pub site_id: Uuid,
    pub name: String,
    #[serde(default)]
    pub shifts: Vec<ShiftSpec>,
}

impl RotationTemplate {
    pub fn new(site_id: Uuid, name: impl Into<String>, shifts: Vec<ShiftSpec>) -> Self {
        RotationTemplate { id: Uuid::now_v7(), site_id, name: name.into(), shifts }
    }
}

impl Record for RotationTemplate {
    const TABLE: &'static schema::Table = &schema::ROTATION_TEMPLATE;
    const NOUN: &'static str = "rotation template";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::bad("template name", crate::error::Invalid::Empty));
        }
        if self.shifts.is_empty() {
            return Err(Error::bad("template", crate::error::Invalid::TemplateWithoutShifts));
        }
        for s in &self.shifts {
            if s.label.trim().is_empty() {
                return Err(Error::bad("shift name", crate::error::Invalid::ShiftWithoutName));
            }
            if s.start == s.end {
                return Err(Error::bad(
                    "shift times",
                    crate::error::Invalid::ShiftZeroLength { label: s.label.clone() },
                ));
            }
            if s.min_people < 0 || s.max_people.is_some_and(|m| m < s.min_people) {
                return Err(Error::bad(
                    "shift staffing",
                    crate::error::Invalid::TemplateShiftMaxBelowMin { label: s.label.clone() },
                ));
            }
        }
        Ok(())
    }
}

word_enum!(SwapStatus {
    /// The assigned volunteer offers the shift.
    Offered = "offered",
    /// Another volunteer has said they will take it; waiting for approval.
    Taken = "taken",
    Approved = "approved",
    Declined = "declined",
    Withdrawn = "withdrawn",
});

/// A volunteer offering one of their shifts to others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SwapRequest {
    pub id: Uuid,
    pub shift_id: Uuid,
    pub assignment_id: Uuid,
    pub from_volunteer_id: Uuid,
    pub to_volunteer_id: Option<Uuid>,
    pub status: SwapStatus,
    pub offered_at: DateTime<Utc>,
    pub taken_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The member who approved or declined; `None` when the rule set approved it.
    pub decided_by: Option<Uuid>,
}

impl Record for SwapRequest {
    const TABLE: &'static schema::Table = &schema::SWAP_REQUEST;
    const NOUN: &'static str = "swap request";
    fn id(&self) -> Uuid {
        self.id
    }
}
