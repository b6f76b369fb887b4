//! On-call coverage of a rapid-response network: weekly slots per zone, the shifts made
//! from them (closed on a date, or added for extra coverage), and who is on call in which
//! position. Field names are the column names of `schema`.

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::*;
use crate::error::{Error, Invalid, Result};
use crate::schema;

word_enum!(
    /// What someone on call does: the slot's primary and backup dispatcher, its zone lead,
    /// or a responder.
    OncallPosition {
        PrimaryDispatcher = "primary_dispatcher",
        BackupDispatcher = "backup_dispatcher",
        ZoneLead = "zone_lead",
        Responder = "responder",
    }
);

/// A weekly slot of a zone's coverage: a weekday (1 Monday … 7 Sunday) and local hours;
/// an end at or before the start runs past midnight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OncallSlot {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub zone_id: Uuid,
    pub weekday: u8,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub start_time: NaiveTime,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub end_time: NaiveTime,
    /// People on call besides the dispatchers.
    pub min_people: i64,
    /// A primary and a backup dispatcher.
    pub needs_dispatcher: bool,
    pub needs_zone_lead: bool,
}

impl Record for OncallSlot {
    const TABLE: &'static schema::Table = &schema::ONCALL_SLOT;
    const NOUN: &'static str = "on-call slot";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        if !(1..=7).contains(&self.weekday) {
            return Err(Error::invalid("weekday", "a weekday is 1 (Monday) to 7 (Sunday), or its name"));
        }
        if self.min_people < 0 {
            return Err(Error::bad("minimum", Invalid::NegativeMinimum));
        }
        Ok(())
    }
}

/// One stretch of on-call coverage in a zone, made from a slot or added by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OncallShift {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub zone_id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub slot_id: Option<Uuid>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub starts_utc: DateTime<Utc>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub ends_utc: DateTime<Utc>,
    pub min_people: i64,
    pub needs_dispatcher: bool,
    pub needs_zone_lead: bool,
    /// Closed on this date (a holiday, the network's decision): nobody is needed.
    #[serde(default)]
    pub closed: bool,
}

impl OncallShift {
    /// The positions to fill, as the solver's required skills: the dispatchers' and the
    /// zone lead's, each needing its training.
    pub fn skills(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.needs_dispatcher {
            out.extend([Training::Dispatch.as_str().to_string(), Training::Dispatch.as_str().to_string()]);
        }
        if self.needs_zone_lead {
            out.push(Training::ZoneLead.as_str().to_string());
        }
        out
    }

    /// Everyone the shift needs: the minimum plus its named positions.
    pub fn people_needed(&self) -> usize {
        if self.closed {
            return 0;
        }
        self.min_people.max(0) as usize + self.skills().len()
    }
}

impl Record for OncallShift {
    const TABLE: &'static schema::Table = &schema::ONCALL_SHIFT;
    const NOUN: &'static str = "on-call shift";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        if self.ends_utc <= self.starts_utc {
            return Err(Error::bad("on-call shift", Invalid::ShiftEndsBeforeStart));
        }
        if self.min_people < 0 {
            return Err(Error::bad("minimum", Invalid::NegativeMinimum));
        }
        Ok(())
    }
}

/// Someone on call for a shift, in a position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OncallAssignment {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub shift_id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub volunteer_id: Uuid,
    pub position: OncallPosition,
}

impl Record for OncallAssignment {
    const TABLE: &'static schema::Table = &schema::ONCALL_ASSIGNMENT;
    const NOUN: &'static str = "on-call assignment";
    fn id(&self) -> Uuid {
        self.id
    }
}
