//! Housing sites and placements of families in them. Field names are the column names of `schema`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::checks::required;
use super::*;
use crate::error::{Error, Invalid, Result};
use crate::schema;

word_enum!(SiteKind {
    HostHome = "host_home",
    CongregationProperty = "congregation_property",
    Transitional = "transitional",
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HousingSite {
    pub id: Uuid,
    pub name: String,
    pub kind: SiteKind,
    pub address: Option<String>,
    pub capacity: i64,
    #[serde(default)]
    pub languages: Vec<String>,
    pub accepts_children: bool,
    pub accepts_pets: bool,
    pub accessible: bool,
    pub contact: Option<String>,
    pub host_volunteer_id: Option<Uuid>,
    pub verified_on: Option<NaiveDate>,
    pub verification: Option<String>,
}

impl HousingSite {
    pub fn new(name: impl Into<String>, capacity: i64) -> Self {
        HousingSite {
            id: Uuid::now_v7(),
            name: name.into(),
            kind: SiteKind::HostHome,
            address: None,
            capacity,
            languages: vec![],
            accepts_children: true,
            accepts_pets: false,
            accessible: false,
            contact: None,
            host_volunteer_id: None,
            verified_on: None,
            verification: None,
        }
    }
}

impl Record for HousingSite {
    const TABLE: &'static schema::Table = &schema::HOUSING_SITE;
    const NOUN: &'static str = "housing site";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("site name", &self.name)?;
        if self.capacity < 0 {
            return Err(Error::bad("capacity", Invalid::NegativeCapacity));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Placement {
    pub id: Uuid,
    pub household_id: Uuid,
    pub site_id: Uuid,
    /// Beds the household takes.
    pub beds: i64,
    pub start_date: NaiveDate,
    /// Last night of the stay, as planned. Open-ended when `None`.
    pub expected_end: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub support_lead_id: Option<Uuid>,
    pub checkin_schedule: Option<String>,
    pub notes: Option<String>,
}

impl Placement {
    /// The last night the household occupies its beds, if known.
    pub fn last_night(&self) -> Option<NaiveDate> {
        self.actual_end.or(self.expected_end)
    }

    /// Whether the stay covers any night of `[from, to]` (inclusive).
    pub fn overlaps(&self, from: NaiveDate, to: Option<NaiveDate>) -> bool {
        let starts_before_their_end = to.is_none_or(|to| self.start_date <= to);
        let ends_after_their_start = self.last_night().is_none_or(|end| end >= from);
        starts_before_their_end && ends_after_their_start
    }
}

impl Record for Placement {
    const TABLE: &'static schema::Table = &schema::PLACEMENT;
    const NOUN: &'static str = "placement";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        if self.beds < 1 {
            return Err(Error::bad("beds", Invalid::NoBeds));
        }
        for (name, end) in [("expected end", self.expected_end), ("actual end", self.actual_end)] {
            if end.is_some_and(|e| e < self.start_date) {
                return Err(Error::bad(
                    "placement dates",
                    Invalid::PlacementEndBeforeStart { which: name.to_string() },
                ));
            }
        }
        Ok(())
    }
}

/// The most beds taken on any night of `[from, to]` (open-ended when `to` is `None`) by
/// `placements`, and the first night on which that peak is reached.
pub fn peak_beds(placements: &[Placement], from: NaiveDate, to: Option<NaiveDate>) -> (i64, NaiveDate) {
    let relevant: Vec<&Placement> = placements.iter().filter(|p| p.overlaps(from, to)).collect();
    // Occupancy only rises on a night someone arrives, so the peak is at `from` or at
    // the start of one of the overlapping stays.
    let mut nights: Vec<NaiveDate> = relevant.iter().map(|p| p.start_date.max(from)).collect();
    nights.push(from);
    nights.sort();
    nights.dedup();
    let mut best = (0, from);
    for night in nights {
        let used: i64 = relevant.iter().filter(|p| p.overlaps(night, Some(night))).map(|p| p.beds).sum();
        if used > best.0 {
            best = (used, night);
        }
    }
    best
}
