//! The shapes that cross to TypeScript. Records are the core's own (they derive their
//! TypeScript under the core's `ts` feature); views add what a screen shows next to a
//! record (names, counts).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::ApiResult;

/// The core's records, which derive their TypeScript under its `ts` feature.
pub use amparo_core::domain::{
    CourtDate, CourtKind, Household, HouseholdStatus, HousingSite, Note, Person, Placement, Role, SanctuarySite, Shift,
    Task, TaskStatus, Visibility, Volunteer,
};

// ------------------------------------------------------------------ views

/// A volunteer by id and name (TypeScript `PersonRef`).
pub use amparo_core::query::Person as PersonRef;

#[derive(Debug, Clone, Serialize, TS)]
pub struct CourtView {
    pub court: CourtDate,
    pub household_name: String,
    pub accompaniers: Vec<PersonRef>,
    pub understaffed: bool,
    /// What this store does not hold of the court date (see `court_not_shared`): shown as
    /// "not shared with your role", never as a value (a default kind, an empty name).
    pub not_shared: Vec<String>,
    /// Whether an outcome may be reported now (`court::outcome_open`: started, not
    /// cancelled); before, the app says when instead of offering the report.
    pub outcome_open: bool,
    /// Whether this store's role may report, correct or undo the outcome
    /// (`court::may_report_outcome`; not a driver's): the app offers no report otherwise.
    #[serde(default)]
    pub may_report_outcome: bool,
}

impl CourtView {
    pub fn new(s: &amparo_core::ops::court::CourtStaffing, not_shared: &[String]) -> ApiResult<Self> {
        Ok(CourtView {
            court: s.court.clone(),
            household_name: s.household_name.clone(),
            accompaniers: s.accompaniers.iter().map(|v| PersonRef { id: v.id, name: v.name.clone() }).collect(),
            understaffed: s.understaffed(),
            not_shared: not_shared.to_vec(),
            outcome_open: amparo_core::court::outcome_open(&s.court, chrono::Utc::now()),
            may_report_outcome: false,
        })
    }
}

/// The fields of a court date this store's role is not sent, by their names (`kind`,
/// `judge`, …), `household_name` when it is not sent the family's name and `accompaniers`
/// when it is not sent who accompanies (both on a driver's store): the one list every court view carries (`CourtView`, `HomeAgenda`,
/// `RunSheetRow`). Empty on a coordinator's store or one alone.
pub fn court_not_shared(actor: amparo_core::store::Actor) -> Vec<String> {
    let mut v = amparo_core::sync::redact::not_held(actor, &amparo_core::schema::COURT_DATE);
    if !actor.holds(&amparo_core::schema::HOUSEHOLD, "display_name") {
        v.push("household_name".to_string());
    }
    if !actor.holds(&amparo_core::schema::COURT_ACCOMPANIER, "volunteer_id") {
        v.push("accompaniers".to_string());
    }
    v
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ShiftView {
    pub shift: Shift,
    /// Wall time at the site, "YYYY-MM-DDTHH:MM:SS".
    pub local_start: NaiveDateTime,
    pub local_end: NaiveDateTime,
    pub volunteers: Vec<PersonRef>,
    pub short_by: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SiteView {
    pub site: HousingSite,
    pub beds_used: i64,
    pub free_beds: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PlacementView {
    pub placement: Placement,
    pub household_name: String,
    pub site_name: String,
    /// The day of the last check-in recorded on it, on this computer's calendar.
    pub last_check_in: Option<NaiveDate>,
}

/// Home's agenda: the core's (`query::Agenda`, the one `amparo agenda` prints), with what
/// this store does not hold of its court dates.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HomeAgenda {
    #[serde(flatten)]
    pub agenda: amparo_core::query::Agenda,
    /// What this store does not hold of each court date (`court_not_shared`): the same for
    /// every one.
    pub court_not_shared: Vec<String>,
}

/// Mirrors `amparo_core::query::HistoryEntry`: one change of the audit trail.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct HistoryEntry {
    // The core's `hlc` is left out: a u64 too large for a JavaScript number.
    pub at: DateTime<Utc>,
    pub author_id: Option<Uuid>,
    pub author: Option<String>,
    pub device_id: Uuid,
    pub device: Option<String>,
    pub table: String,
    pub field: String,
    #[ts(type = "unknown")]
    pub old: serde_json::Value,
    #[ts(type = "unknown")]
    pub new: serde_json::Value,
}

impl From<&amparo_core::query::HistoryEntry> for HistoryEntry {
    fn from(e: &amparo_core::query::HistoryEntry) -> Self {
        HistoryEntry {
            at: e.at,
            author_id: e.author_id,
            author: e.author.clone(),
            device_id: e.device_id,
            device: e.device.clone(),
            table: e.table.clone(),
            field: e.field.clone(),
            old: e.old.clone(),
            new: e.new.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FamilyDetail {
    pub household: Household,
    /// The family's lead volunteer by name (`household.lead_volunteer_id` is only an id).
    pub lead_volunteer: Option<PersonRef>,
    pub persons: Vec<Person>,
    pub court_dates: Vec<CourtView>,
    pub placements: Vec<PlacementView>,
    pub tasks: Vec<Task>,
    pub notes: Vec<Note>,
    /// The family record's audit trail, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Names for the ids the history holds (lead volunteer, lead congregation) that this
    /// device still has; an id missing here was deleted or is not on this device.
    pub history_names: Vec<PersonRef>,
    /// Fields of the family and of its persons that this device's role is not sent: shown
    /// as "not shared with your role", never as a value.
    pub household_not_shared: Vec<String>,
    pub person_not_shared: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchHit {
    pub kind: String,
    pub id: Uuid,
    pub label: String,
    pub household_id: Option<Uuid>,
}

/// What the court date form sends: the place's wall time and zone, not an instant.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CourtDateInput {
    pub id: Option<Uuid>,
    pub household_id: Uuid,
    pub person_id: Option<Uuid>,
    pub kind: CourtKind,
    /// "YYYY-MM-DD"
    pub date: NaiveDate,
    /// "HH:MM"
    pub time: String,
    pub time_zone: String,
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
    pub accompanier_notes: Option<String>,
    pub internal_notes: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutcomeInput {
    pub court_date_id: Uuid,
    pub outcome: String,
    pub detained: bool,
    /// The next date, when the judge set one ("YYYY-MM-DD" and "HH:MM", same zone).
    pub next_date: Option<NaiveDate>,
    pub next_time: Option<String>,
}

/// What recording an outcome did: the next date created, rapid-response tasks opened.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OutcomeDone {
    pub next_court_date_id: Option<Uuid>,
    pub tasks_opened: usize,
}

#[cfg(test)]
mod tests {
    use crate::error::ApiError;

    #[test]
    fn every_core_error_code_has_a_ui_code() {
        use crate::error::ErrorCode;
        let e = amparo_core::Error::WrongPassphrase("/x".into());
        assert_eq!(ApiError::from(e).code, ErrorCode::WrongPassphrase);
        let e = amparo_core::Error::Refused(amparo_core::Refusal::ShiftFull { max: 2 });
        let api = ApiError::from(e);
        assert_eq!(api.code, ErrorCode::Refused);
        let json = serde_json::to_value(&api).unwrap();
        assert_eq!(json["code"], "refused");
        assert_eq!(json["rule"], serde_json::json!({ "code": "shift_full", "params": { "max": 2 } }));
        assert_eq!(json["message"], "this shift already has its maximum of 2 people");
        let e = amparo_core::domain::ANumber::parse("12").unwrap_err();
        let json = serde_json::to_value(ApiError::from(e)).unwrap();
        assert_eq!(json["code"], "invalid");
        assert_eq!(json["invalid"], serde_json::json!({ "code": "a_number" }));
    }
}
