//! From a detention to release: where a person is held, the bond fund's ledger, money put
//! on their commissary and phone accounts, and the conditions of release. Field names are
//! the column names of `schema`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::checks::{not_before, required};
use super::*;
use crate::error::{Error, Result};
use crate::schema;

word_enum!(
    /// Where a bond stands, from posting to its return to the fund.
    BondStatus {
        Posted = "posted",
        Active = "active",
        Breached = "breached",
        BeingReturned = "being_returned",
        Returned = "returned",
    }
);

word_enum!(DepositKind { Commissary = "commissary", Phone = "phone" });

word_enum!(
    /// What release comes with.
    ReleaseCondition {
        AnkleMonitor = "ankle_monitor",
        Isap = "isap",
        CheckIns = "check_ins",
        Other = "other",
    }
);

/// A move from one facility to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Transfer {
    pub facility: String,
    pub on: NaiveDate,
}

/// A person held by ICE: what the detainee locator and a visit need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Detention {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub person_id: Uuid,
    /// The call that reported it, when one did.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub incident_id: Option<Uuid>,
    pub detained_on: Option<NaiveDate>,
    pub facility: String,
    pub facility_phone: Option<String>,
    pub ero_office: Option<String>,
    /// Detainee or booking number.
    pub booking_number: Option<String>,
    #[serde(default)]
    pub transfers: Vec<Transfer>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub last_locator_check: Option<DateTime<Utc>>,
    pub released_on: Option<NaiveDate>,
    #[serde(default)]
    pub release_conditions: Vec<ReleaseCondition>,
}

impl Detention {
    pub fn new(person_id: Uuid, facility: impl Into<String>) -> Self {
        Detention {
            id: Uuid::now_v7(),
            person_id,
            incident_id: None,
            detained_on: None,
            facility: facility.into(),
            facility_phone: None,
            ero_office: None,
            booking_number: None,
            transfers: vec![],
            last_locator_check: None,
            released_on: None,
            release_conditions: vec![],
        }
    }

    /// Where the person is held now: the last transfer's facility, else the first.
    pub fn current_facility(&self) -> &str {
        self.transfers.iter().max_by_key(|t| t.on).map(|t| t.facility.as_str()).unwrap_or(&self.facility)
    }
}

impl Record for Detention {
    const TABLE: &'static schema::Table = &schema::DETENTION;
    const NOUN: &'static str = "detention";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("facility", &self.facility)?;
        not_before("release date", self.released_on, "the detention date", self.detained_on)
    }
}

/// A bond the fund posted (or helped post) for a detained person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bond {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub detention_id: Uuid,
    /// In cents.
    pub amount_cents: i64,
    /// Who signed as obligor.
    pub obligor: Option<String>,
    /// The fund's part of the amount, in cents.
    pub fund_share_cents: i64,
    pub status: BondStatus,
    pub posted_on: Option<NaiveDate>,
    /// What came back to the fund, in cents, and when.
    pub refund_cents: Option<i64>,
    pub refund_on: Option<NaiveDate>,
}

impl Record for Bond {
    const TABLE: &'static schema::Table = &schema::BOND;
    const NOUN: &'static str = "bond";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        if self.amount_cents <= 0 {
            return Err(Error::invalid("bond amount", "a bond amount is more than 0, e.g. 5000 or $7,500.00"));
        }
        if self.fund_share_cents < 0 || self.fund_share_cents > self.amount_cents {
            return Err(Error::invalid("fund share", "the fund's share is between 0 and the bond amount"));
        }
        if self.refund_cents.is_some_and(|r| r < 0 || r > self.amount_cents) {
            return Err(Error::invalid("refund", "a refund is between 0 and the bond amount"));
        }
        Ok(())
    }
}

/// Money put on a detained person's commissary or phone account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deposit {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub detention_id: Uuid,
    pub kind: DepositKind,
    pub vendor: Option<String>,
    pub amount_cents: i64,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub by_volunteer_id: Option<Uuid>,
    pub made_on: NaiveDate,
}

impl Record for Deposit {
    const TABLE: &'static schema::Table = &schema::DEPOSIT;
    const NOUN: &'static str = "deposit";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        if self.amount_cents <= 0 {
            return Err(Error::invalid("deposit amount", "an amount is more than 0, e.g. 25 or $25.00"));
        }
        Ok(())
    }
}
