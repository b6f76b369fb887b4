//! Rapid response: a hotline call becomes an incident (what was seen, in the SALUTE order),
//! verified by responders, who are dispatched in pairs; its timeline of observations; the
//! network's zones. Field names are the column names of `schema`.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::checks::required;
use super::*;
use crate::error::{Error, Invalid, Result};
use crate::schema;

word_enum!(
    /// What kind of enforcement action a caller reports.
    IncidentKind {
        Home = "home",
        Workplace = "workplace",
        VehicleStop = "vehicle_stop",
        Checkpoint = "checkpoint",
        Courthouse = "courthouse",
        CheckInArrest = "check_in_arrest",
        Sweep = "sweep",
        Other = "other",
    }
);

word_enum!(
    /// What the agents were doing when seen (the A of SALUTE).
    Activity {
        Watching = "watching",
        Approaching = "approaching",
        Questioning = "questioning",
        Detaining = "detaining",
        Loading = "loading",
        Checkpoint = "checkpoint",
    }
);

word_enum!(
    /// The warrant the agents showed, if any. An administrative warrant (I-200, I-205) is
    /// signed by an immigration officer and does not allow entry into a home; a judicial
    /// one is signed by a judge and names a court.
    Warrant {
        NoneShown = "none",
        Administrative = "administrative",
        Judicial = "judicial",
        Unknown = "unknown",
    }
);

word_enum!(
    /// Where the desk is with an incident. Apart from its disposition (what it turned out to be).
    IncidentStatus {
        New = "new",
        Verifying = "verifying",
        Dispatched = "dispatched",
        Closed = "closed",
    }
);

word_enum!(Disposition { Unverified = "unverified", Confirmed = "confirmed", FalseAlarm = "false_alarm" });

word_enum!(
    /// How a verifier checked a report.
    VerifiedBy {
        OnScene = "on_scene",
        Photo = "photo",
        SecondSource = "second_source",
    }
);

word_enum!(
    /// What a dispatched responder does on scene.
    ResponderRole {
        Verifier = "verifier",
        LegalObserver = "legal_observer",
        ZoneLead = "zone_lead",
    }
);

/// A rapid-response network's zone: where responders are sent and on call, with the Signal
/// group its responders read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResponseZone {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    pub name: String,
    pub signal_group: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub time_zone: Tz,
}

impl ResponseZone {
    pub fn new(name: impl Into<String>, time_zone: Tz) -> Self {
        ResponseZone { id: Uuid::now_v7(), name: name.into(), signal_group: None, time_zone }
    }
}

impl Record for ResponseZone {
    const TABLE: &'static schema::Table = &schema::RESPONSE_ZONE;
    const NOUN: &'static str = "zone";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("zone name", &self.name)
    }
}

/// A report taken by the hotline: who called (purged after a set time), what was seen, the
/// desk's status and disposition, and the follow-up when someone was detained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Incident {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub received_at: DateTime<Utc>,
    /// The dispatcher who took the call (a volunteer record).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub received_by_id: Option<Uuid>,
    pub caller_phone: Option<String>,
    /// A language code (`es`, `mam`…).
    pub caller_language: Option<String>,
    /// Whether the caller is the one affected, and whether they are safe now.
    pub caller_affected: Option<bool>,
    pub caller_safe: Option<bool>,
    /// When the caller's phone and language were forgotten (the retention period).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub caller_cleared_at: Option<DateTime<Utc>>,
    pub kind: IncidentKind,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub zone_id: Option<Uuid>,
    // SALUTE: size, activity, location, uniform, time, equipment.
    pub agents: Option<i64>,
    pub vehicles: Option<i64>,
    /// "Maybe more unseen."
    #[serde(default)]
    pub more_unseen: bool,
    pub activity: Option<Activity>,
    /// An address or cross streets; what a responder drives to.
    #[serde(default)]
    pub location: String,
    pub landmark: Option<String>,
    pub direction: Option<String>,
    /// What the vests or jackets say ("ICE", "HSI", "POLICE").
    #[serde(default)]
    pub uniforms: Vec<String>,
    /// Whether vehicles and uniforms were marked.
    pub marked: Option<bool>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub observed_at: Option<DateTime<Utc>>,
    pub equipment: Option<String>,
    /// Agencies present, and how they were identified.
    #[serde(default)]
    pub agencies: Vec<String>,
    pub identified_by: Option<String>,
    /// Vehicles and their plates.
    pub plates: Option<String>,
    pub badge_numbers: Option<String>,
    pub warrant: Option<Warrant>,
    /// What the warrant said: who signed it, which court.
    pub warrant_details: Option<String>,
    pub entry_consented: Option<bool>,
    pub status: IncidentStatus,
    pub disposition: Disposition,
    /// The dispatcher working the call now, shown to every dispatcher so two do not work one call.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub handled_by_id: Option<Uuid>,
    /// One line a dispatcher writes of what happened.
    pub summary: Option<String>,
    // Follow-up, when a person was detained.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub household_id: Option<Uuid>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub person_id: Option<Uuid>,
    /// Dependents left behind, and their standby guardian.
    pub dependents: Option<String>,
    pub standby_guardian: Option<String>,
    /// The attorney the case was referred to, and when.
    pub referral_attorney: Option<String>,
    pub referral_date: Option<chrono::NaiveDate>,
    pub canvass_done: Option<bool>,
    pub rights_material_left: Option<bool>,
}

impl Incident {
    pub fn new(received_at: DateTime<Utc>, kind: IncidentKind, location: impl Into<String>) -> Self {
        Incident {
            id: Uuid::now_v7(),
            received_at,
            received_by_id: None,
            caller_phone: None,
            caller_language: None,
            caller_affected: None,
            caller_safe: None,
            caller_cleared_at: None,
            kind,
            zone_id: None,
            agents: None,
            vehicles: None,
            more_unseen: false,
            activity: None,
            location: location.into(),
            landmark: None,
            direction: None,
            uniforms: vec![],
            marked: None,
            observed_at: None,
            equipment: None,
            agencies: vec![],
            identified_by: None,
            plates: None,
            badge_numbers: None,
            warrant: None,
            warrant_details: None,
            entry_consented: None,
            status: IncidentStatus::New,
            disposition: Disposition::Unverified,
            handled_by_id: None,
            summary: None,
            household_id: None,
            person_id: None,
            dependents: None,
            standby_guardian: None,
            referral_attorney: None,
            referral_date: None,
            canvass_done: None,
            rights_material_left: None,
        }
    }
}

impl Record for Incident {
    const TABLE: &'static schema::Table = &schema::INCIDENT;
    const NOUN: &'static str = "incident";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("incident location", &self.location)?;
        for (field, n) in [("agents", self.agents), ("vehicles", self.vehicles)] {
            if n.is_some_and(|n| !(0..=10_000).contains(&n)) {
                return Err(Error::bad(field, Invalid::CountOutOfRange));
            }
        }
        if self.disposition == Disposition::Confirmed && self.status == IncidentStatus::New {
            return Err(Error::bad("incident status", Invalid::ConfirmedWhileNew));
        }
        Ok(())
    }
    fn validate_held(&self, holds: &dyn Fn(&str) -> bool) -> Result<()> {
        if holds("caller_phone") {
            self.validate()
        } else {
            // A responder's store: the location is held, the rest is the desk's.
            required("incident location", &self.location)
        }
    }
}

/// A verifier's check of an incident: how and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncidentVerification {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub incident_id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub volunteer_id: Option<Uuid>,
    pub how: VerifiedBy,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    /// What the verifier saw: confirmed, or not there.
    pub confirmed: bool,
}

impl Record for IncidentVerification {
    const TABLE: &'static schema::Table = &schema::INCIDENT_VERIFICATION;
    const NOUN: &'static str = "verification";
    fn id(&self) -> Uuid {
        self.id
    }
}

/// One timestamped line of an incident's timeline: what was seen or said, and by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncidentObservation {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub incident_id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    pub text: String,
    /// A witness, when one is named.
    pub witness: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub volunteer_id: Option<Uuid>,
}

impl Record for IncidentObservation {
    const TABLE: &'static schema::Table = &schema::INCIDENT_OBSERVATION;
    const NOUN: &'static str = "observation";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("observation", &self.text)
    }
}

/// A responder sent to an incident, with the times of each step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dispatch {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub incident_id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub volunteer_id: Uuid,
    pub role: ResponderRole,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub notified_at: DateTime<Utc>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub acknowledged_at: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub on_scene_at: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub left_at: Option<DateTime<Utc>>,
}

impl Record for Dispatch {
    const TABLE: &'static schema::Table = &schema::DISPATCH;
    const NOUN: &'static str = "dispatch";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        let steps = [Some(self.notified_at), self.acknowledged_at, self.on_scene_at, self.left_at];
        let given: Vec<DateTime<Utc>> = steps.iter().flatten().copied().collect();
        if given.windows(2).any(|w| w[1] < w[0]) {
            return Err(Error::bad("dispatch times", Invalid::StepsOutOfOrder));
        }
        Ok(())
    }
}
