//! Families (households) and the people in them, with their legal deadlines. Field names are the column names of `schema`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::checks::{not_before, required};
use super::*;
use crate::error::{Error, Invalid, Result};
use crate::schema;

word_enum!(HouseholdStatus {
    Active = "active",
    InSanctuary = "in_sanctuary",
    Detained = "detained",
    Closed = "closed",
});

impl HouseholdStatus {
    /// The status of a family on a store whose role does not receive it.
    fn active() -> Self {
        HouseholdStatus::Active
    }
}

/// A dated obligation such as a judge-imposed filing deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deadline {
    pub what: String,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Household {
    pub id: Uuid,
    /// Empty on a driver's store: drivers receive a family's phone, not its name.
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub languages: Vec<String>,
    pub phone: Option<String>,
    pub voicemail_ok: Option<bool>,
    pub alternate_contact: Option<String>,
    pub address: Option<String>,
    pub lead_congregation_id: Option<Uuid>,
    pub lead_volunteer_id: Option<Uuid>,
    pub intake_date: Option<NaiveDate>,
    /// Legal information, not sent to hosts and drivers; their stores hold only families
    /// placed with them or given a ride, and read the status as active.
    #[serde(default = "HouseholdStatus::active")]
    pub status: HouseholdStatus,
    pub consent: Option<String>,
    pub needs: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub closed_at: Option<NaiveDate>,
}

impl Household {
    pub fn new(display_name: impl Into<String>) -> Self {
        Household {
            id: Uuid::now_v7(),
            display_name: display_name.into(),
            languages: vec![],
            phone: None,
            voicemail_ok: None,
            alternate_contact: None,
            address: None,
            lead_congregation_id: None,
            lead_volunteer_id: None,
            intake_date: None,
            status: HouseholdStatus::Active,
            consent: None,
            needs: None,
            tags: vec![],
            closed_at: None,
        }
    }
}

impl Record for Household {
    const TABLE: &'static schema::Table = &schema::HOUSEHOLD;
    const NOUN: &'static str = "family";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("family name", &self.display_name)?;
        not_before("closing date", self.closed_at, "the intake date", self.intake_date)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    pub id: Uuid,
    pub household_id: Uuid,
    pub name: String,
    pub preferred_name: Option<String>,
    pub relationship: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub country: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    /// Nine digits, or "none" when the person has none (`HasNone`); `None` (null) while unknown.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub a_number: Option<ANumberOrNone>,
    pub attorney_name: Option<String>,
    pub attorney_org: Option<String>,
    pub attorney_phone: Option<String>,
    pub case_status: Option<String>,
    pub detention_facility: Option<String>,
    pub detained_since: Option<NaiveDate>,
    pub bond_amount: Option<String>,
    pub bond_status: Option<String>,
    pub ankle_monitor: Option<bool>,
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
}

impl Person {
    pub fn new(household_id: Uuid, name: impl Into<String>) -> Self {
        Person {
            id: Uuid::now_v7(),
            household_id,
            name: name.into(),
            preferred_name: None,
            relationship: None,
            birth_date: None,
            country: None,
            languages: vec![],
            a_number: None,
            attorney_name: None,
            attorney_org: None,
            attorney_phone: None,
            case_status: None,
            detention_facility: None,
            detained_since: None,
            bond_amount: None,
            bond_status: None,
            ankle_monitor: None,
            deadlines: vec![],
        }
    }

    /// The name volunteers use: the preferred name, else the first word of the name.
    pub fn first_name(&self) -> &str {
        self.preferred_name
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| self.name.split_whitespace().next().unwrap_or(""))
    }
}

impl Record for Person {
    const TABLE: &'static schema::Table = &schema::PERSON;
    const NOUN: &'static str = "person";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("person name", &self.name)?;
        if self.a_number.as_ref().and_then(ANumberOrNone::number).is_some_and(|a| a.digits().chars().all(|c| c == '0'))
        {
            return Err(Error::bad("A-number", Invalid::ANumberPlaceholder));
        }
        not_before("detained since", self.detained_since, "the date of birth", self.birth_date)?;
        if self.deadlines.iter().any(|d| d.what.trim().is_empty()) {
            return Err(Error::bad("deadline", Invalid::DeadlineWhat));
        }
        Ok(())
    }
}
