//! The record kinds. Field names are the column names of `schema`.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{availability, word_enum, ANumberOrNone, Record};
use crate::error::{Error, Invalid, Result};
use crate::schema;

fn required(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        Err(Error::bad(field, Invalid::Empty))
    } else {
        Ok(())
    }
}

/// A date that must not come before another one of the same record (closing before the
/// intake, detention before birth): the record would be telling two stories.
fn not_before(field: &'static str, date: Option<NaiveDate>, other: &str, other_date: Option<NaiveDate>) -> Result<()> {
    match (date, other_date) {
        (Some(d), Some(o)) if d < o => Err(Error::bad(
            field,
            Invalid::DateBefore { date: d.to_string(), other: other.to_string(), other_date: o.to_string() },
        )),
        _ => Ok(()),
    }
}

word_enum!(
    /// A member's role in the team, which decides what their bundles contain.
    Role {
        Coordinator = "coordinator",
        Accompanier = "accompanier",
        Host = "host",
        ShiftVolunteer = "shift_volunteer",
        Driver = "driver",
    }
);

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

word_enum!(SiteKind {
    HostHome = "host_home",
    CongregationProperty = "congregation_property",
    Transitional = "transitional",
});

word_enum!(TaskStatus { Open = "open", Done = "done", Cancelled = "cancelled" });

word_enum!(Visibility {
    /// Coordinators only.
    Internal = "internal",
    /// Shown to the volunteers who work with the record.
    Volunteers = "volunteers",
});

word_enum!(Training {
    CourtAccompaniment = "court_accompaniment",
    SanctuaryShift = "sanctuary_shift",
    Driver = "driver",
    RapidResponse = "rapid_response",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingRecord {
    pub training: Training,
    /// `None`: trained, date unknown (a sheet or the CLI gave none; never today's date).
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
}

/// A dated obligation such as a judge-imposed filing deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub what: String,
    pub due: NaiveDate,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// `None` while unknown; `HasNone` when the person has none.
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

/// Weekly availability: which weekdays and hours a volunteer can take, plus blackout dates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
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
pub struct CourtDate {
    pub id: Uuid,
    pub household_id: Uuid,
    pub person_id: Option<Uuid>,
    #[serde(default = "CourtKind::not_received")]
    pub kind: CourtKind,
    pub local_start: NaiveDateTime,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SanctuarySite {
    pub id: Uuid,
    pub name: String,
    /// A short code used where the name must not appear (calendar exports, door rota).
    pub code: String,
    pub address: Option<String>,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: Uuid,
    pub household_id: Option<Uuid>,
    /// Empty on a store whose role does not receive it (a driver's ride: see `kind`).
    #[serde(default)]
    pub title: String,
    pub due_date: Option<NaiveDate>,
    pub assignee_id: Option<Uuid>,
    pub status: TaskStatus,
    pub kind: Option<String>,
}

impl Task {
    pub fn new(title: impl Into<String>) -> Self {
        Task {
            id: Uuid::now_v7(),
            household_id: None,
            title: title.into(),
            due_date: None,
            assignee_id: None,
            status: TaskStatus::Open,
            kind: None,
        }
    }
}

impl Record for Task {
    const TABLE: &'static schema::Table = &schema::TASK;
    const NOUN: &'static str = "task";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("task title", &self.title)
    }
    fn validate_held(&self, holds: &dyn Fn(&str) -> bool) -> Result<()> {
        if holds("title") {
            self.validate()
        } else {
            Ok(())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: Uuid,
    pub record_table: String,
    pub record_id: Uuid,
    pub body: String,
    pub visibility: Visibility,
    pub created_at: DateTime<Utc>,
}

impl Record for Note {
    const TABLE: &'static schema::Table = &schema::NOTE;
    const NOUN: &'static str = "note";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("note", &self.body)?;
        if schema::table(&self.record_table).is_none() {
            return Err(Error::invalid("note", format!("notes cannot be attached to {:?}", self.record_table)));
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

#[cfg(test)]
mod order_tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_person_detained_before_birth_or_with_an_undescribed_deadline_is_invalid() {
        let mut p = Person::new(Uuid::now_v7(), "Rosa");
        p.birth_date = Some(day("1990-05-01"));
        p.detained_since = Some(day("1990-05-01"));
        assert!(p.validate().is_ok(), "the same day is allowed");
        p.detained_since = Some(day("1990-04-30"));
        let err = p.validate().unwrap_err().to_string();
        assert!(err.contains("1990-04-30 is before the date of birth (1990-05-01)"), "{err}");
        p.detained_since = None;
        p.deadlines.push(Deadline { what: " ".into(), due: day("2026-12-01") });
        assert!(p.validate().unwrap_err().to_string().contains("every deadline needs a description"));
    }

    #[test]
    fn a_family_closed_before_its_intake_is_invalid() {
        let mut h = Household::new("Familia Ortiz");
        h.intake_date = Some(day("2026-03-01"));
        h.closed_at = Some(day("2026-03-01"));
        assert!(h.validate().is_ok());
        h.closed_at = Some(day("2026-02-28"));
        assert!(h.validate().unwrap_err().to_string().contains("2026-02-28 is before the intake date (2026-03-01)"));
        h.intake_date = None;
        assert!(h.validate().is_ok(), "an unknown intake orders nothing");
    }
}
