//! Coded refusals and validation problems. Each variant is one sentence: `Display` gives
//! the CLI's English text; serialised as `{ code, params }` (snake_case code) the front
//! ends translate it with the parameters filled in. Parameters never carry record contents
//! beyond what the sentence shows (a site's name, a shift's label), and nothing logs them.

use serde::Serialize;

/// Why a rule of the domain refused a change (`Error::Refused`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "RuleRefusal"))]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum Refusal {
    // court dates and accompaniers
    #[error("{assigned} accompaniers are already assigned, more than the new maximum of {max}; unassign some first")]
    CourtMaxBelowAssigned { assigned: u32, max: u32 },
    #[error("that volunteer is marked inactive; reactivate them first")]
    VolunteerInactive,
    #[error("this court date is {status}; accompaniers can only be assigned to scheduled dates")]
    CourtDateNotScheduled { status: String },
    #[error("that volunteer is already assigned to this court date")]
    AlreadyAccompanying,
    // rapid response
    #[error("that responder is already dispatched to this incident")]
    AlreadyDispatched,
    #[error("this incident is closed; reopen it to change who is sent or what is recorded")]
    IncidentClosed,
    #[error("an incident cannot be merged into itself; choose the other report")]
    MergeIntoItself,
    #[error("this court date already has its maximum of {max} accompaniers; unassign someone or raise the maximum")]
    CourtDateFull { max: u32 },
    #[error("that volunteer is not assigned to this court date")]
    NotAccompanying,
    #[error("this court date was cancelled; it has no outcome to report")]
    CourtDateCancelled,
    #[error("this court date already has a next date ({at} {time_zone}); edit that one instead")]
    NextDateExists { at: String, time_zone: String },
    #[error("an outcome is already recorded for this court date; edit it instead")]
    OutcomeExists,
    #[error("this court date is on {at} ({time_zone}) and has not happened yet; record its outcome afterwards")]
    OutcomeBeforeEvent { at: String, time_zone: String },
    #[error("this court date has no outcome to undo")]
    NoOutcome,
    // families and persons
    #[error("this A-number is already recorded for a person in another family; check it, or save anyway if it is right (--allow-duplicate-a-number)")]
    ANumberInOtherFamily,
    // housing
    #[error("this family is already placed at {} from {from} to {}; end that placement first or choose other dates", site.as_deref().unwrap_or("another site"), to.as_deref().unwrap_or("open-ended"))]
    FamilyAlreadyPlaced {
        /// The site's name, or none when it is gone.
        site: Option<String>,
        from: String,
        /// The last night; none when the placement is open-ended.
        to: Option<String>,
    },
    #[error("{site} does not accept children and this family has children; choose another site, or place them anyway if the host agreed (--allow-children)")]
    SiteTakesNoChildren { site: String },
    #[error("{site} has {capacity} beds and {used} are taken on {night}; {beds} more do not fit (free: {free}); choose other dates or another site")]
    SiteFull { site: String, capacity: u32, used: u32, night: String, beds: u32, free: u32 },
    #[error("{site} needs {used} beds on {night} for its placements; move or end placements before lowering the capacity to {capacity}")]
    CapacityBelowUse { site: String, used: u32, night: String, capacity: u32 },
    #[error("{site} still has {count} placement(s); delete them first")]
    SiteHasPlacements { site: String, count: u32 },
    #[error("a check-in cannot be recorded for {on}, a day still to come; record it on the day it happened")]
    CheckInInFuture { on: String },
    // sanctuary shifts, auto-fill and swaps
    #[error("that volunteer is already on this shift")]
    AlreadyOnShift,
    #[error("this shift already has its maximum of {max} people")]
    ShiftFull { max: u32 },
    #[error("that volunteer is already on the {label} shift from {from} to {to} UTC")]
    OverlappingShift { label: String, from: String, to: String },
    #[error("that volunteer is not on this shift")]
    NotOnShift,
    #[error("the rota changed since this plan was made; make the plan again and check it")]
    PlanOutdated,
    #[error("this shift is already offered; wait for someone to take it or withdraw the offer")]
    AlreadyOffered,
    #[error("this swap is {status}, not offered; it cannot be taken")]
    SwapNotOffered { status: String },
    #[error("the volunteer who offered the shift cannot take it back this way; withdraw the offer")]
    OwnOffer,
    #[error("this swap is {status}; only a taken swap can be approved")]
    SwapNotTaken { status: String },
    #[error("cannot approve: {problem}")]
    CannotApprove { problem: SwapProblem },
    #[error("this swap is already {status}")]
    SwapAlreadyDecided { status: String },
    #[error("this swap is already {status}; only an open offer can be withdrawn")]
    SwapNotOpen { status: String },
    // team and sync
    #[error("this store is not part of a team yet; run `amparo team create NAME` or `amparo team join CARD`")]
    NoTeam,
    #[error("only a coordinator can change the team roster")]
    NotCoordinator,
    #[error("only a coordinator can forget a family for the whole team")]
    NotCoordinatorToForget,
    #[error(
        "your role ({role}) may not {act} this {record}; the team would leave the change out, so ask a coordinator"
    )]
    NotYourRole {
        role: String,
        /// The kind of record (its table), never its content.
        record: String,
        act: RoleAct,
    },
    #[error("this store already belongs to a team")]
    AlreadyInTeam,
    #[error("this card is not a coordinator's; join with a coordinator's card")]
    NotCoordinatorCard,
    #[error("this store already belongs to another team")]
    InAnotherTeam,
    #[error("this card belongs to another team")]
    CardOfOtherTeam,
    #[error("this device was revoked; a revoked device cannot be added again")]
    DeviceRevoked,
    #[error("you cannot revoke yourself; ask another coordinator")]
    RevokeSelf,
    #[error("this is the team's last coordinator; give another member the coordinator role first")]
    LastCoordinator,
    #[error("this member has no role yet; a coordinator gives one with `amparo member add`")]
    MemberWithoutRole,
    #[error("this member has no device that can receive bundles (all revoked or without keys)")]
    MemberWithoutDevice,
    #[error("the recipient has no device that can receive bundles")]
    RecipientWithoutDevice,
    #[error("the store at {path} was made by a newer Amparo; update Amparo to open it")]
    NewerStore { path: String },
    // spreadsheets and settings
    #[error("{rows} row(s) have errors, so nothing was imported; fix them and try again ({first})")]
    CsvRowErrors {
        rows: u32,
        /// The first row errors, in English, for the CLI; the app shows them per row.
        first: String,
    },
    #[error("retention is off; set a number of days first")]
    RetentionOff,
}

/// What a change outside one's role tried to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RoleAct {
    Create,
    Edit,
    Delete,
}

impl std::fmt::Display for RoleAct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RoleAct::Create => "create",
            RoleAct::Edit => "change",
            RoleAct::Delete => "delete",
        })
    }
}

/// What a coordinator would allow by approving a swap: a rule the change would break.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum SwapProblem {
    #[error("it would double-book the volunteer taking it")]
    DoubleBooked,
    #[error("the volunteer taking it is already on this shift")]
    AlreadyOnShift,
    #[error("the volunteer taking it is not active")]
    Inactive,
    #[error("the volunteer taking it is not available then")]
    NotAvailable,
    #[error("the volunteer taking it wants {hours} hours of rest between shifts")]
    Rest { hours: u32 },
    #[error("the volunteer taking it would go over their {max} shifts a week")]
    WeeklyMaximum { max: u32 },
    #[error("the shift would have nobody with {}", crate::language::display(.skill, false))]
    SkillLost { skill: String },
}

impl SwapProblem {
    /// Problems no approval can override: the volunteer cannot be in two places.
    pub fn blocks_approval(&self) -> bool {
        matches!(self, SwapProblem::DoubleBooked | SwapProblem::AlreadyOnShift)
    }
}

/// What is wrong with a value a person entered (`Error::Invalid`). `Other` keeps the text
/// of problems only the CLI can meet (ids, command words); the app shows a general line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum Invalid {
    #[error("it cannot be empty")]
    Empty,
    #[error("enter your name")]
    NameMissing,
    #[error("{date} is before {other} ({other_date}); correct one of the two dates")]
    DateBefore { date: String, other: String, other_date: String },
    #[error("every deadline needs a description of what is due")]
    DeadlineWhat,
    #[error("an A-number has nine digits (eight-digit ones get a leading 0), e.g. A-012-345-678; \"none\" when there is none")]
    ANumber,
    #[error("000000000 is not a real A-number; leave it empty when unknown, or write none")]
    ANumberPlaceholder,
    #[error("a time still to be confirmed cannot also be confirmed; choose one")]
    TbcAndConfirmed,
    #[error("that person belongs to another family")]
    PersonInOtherFamily,
    #[error("limits cannot be negative")]
    NegativeLimits,
    #[error("{local} does not exist in {zone} (the clocks jump forward then); check the time")]
    SkippedTime { local: String, zone: String },
    #[error("{name:?} is not an IANA time zone name, e.g. America/Chicago")]
    TimeZone { name: String },
    #[error("the minimum cannot be negative")]
    NegativeMinimum,
    #[error("the maximum ({max}) is below the minimum ({min})")]
    MaxBelowMin { max: i64, min: i64 },
    #[error("say in a few words what happened")]
    OutcomeText,
    #[error("the next date must be after this one")]
    NextDateNotAfter,
    #[error("the number of beds cannot be negative")]
    NegativeCapacity,
    #[error("a placement takes at least one bed")]
    NoBeds,
    #[error("the {which} is before the start")]
    PlacementEndBeforeStart {
        /// `expected end` or `actual end`.
        which: String,
    },
    #[error("a household needs at least one bed")]
    HouseholdSize,
    #[error("the end is before the start")]
    EndBeforeStart,
    #[error("the end is not after the start")]
    EndNotAfterStart,
    #[error("the end date is before the start date")]
    EndDateBeforeStart,
    #[error("the end of the range is before its start")]
    RangeEndBeforeStart,
    #[error("the last night is before the first")]
    LastNightBeforeFirst,
    #[error("generate at most two years of shifts at once")]
    AtMostTwoYears,
    #[error("match stays of at most three years")]
    AtMostThreeYears,
    #[error("choose between 1 and {max} days")]
    DaysBetween { max: u32 },
    #[error("the range reaches beyond the calendar; ask for fewer days")]
    BeyondCalendar,
    #[error("a shift must end after it starts")]
    ShiftEndsBeforeStart,
    #[error("the maximum must be at least the minimum")]
    ShiftMaxBelowMin,
    #[error("add at least one shift, e.g. day 08:00-14:00")]
    TemplateWithoutShifts,
    #[error("every shift of a template needs a name")]
    ShiftWithoutName,
    #[error("shift {label:?} starts and ends at the same time")]
    ShiftZeroLength { label: String },
    #[error("shift {label:?}: the maximum must be at least the minimum")]
    TemplateShiftMaxBelowMin { label: String },
    #[error("an item cannot be empty")]
    ChecklistItemEmpty,
    #[error("give a number from 0 to 10000")]
    CountOutOfRange,
    #[error("an incident is confirmed only once someone verifies it; mark it verifying or dispatched first")]
    ConfirmedWhileNew,
    #[error("the times of a dispatch go in order: notified, acknowledged, on scene, left")]
    StepsOutOfOrder,
    #[error("{what} {text:?} is not a time like 18:00")]
    AvailabilityTime {
        /// `start` or `end`.
        what: String,
        text: String,
    },
    #[error("{text:?} is not a window like \"MO,WE 18:00-23:00\", \"DAILY 08:00-20:00\" or \"RRULE:FREQ=MONTHLY;BYDAY=1SA 09:00-17:00\"")]
    AvailabilityWindow { text: String },
    #[error("{text:?}: {detail}")]
    AvailabilityRule {
        text: String,
        /// The rule parser's English reason, for the CLI.
        detail: String,
    },
    #[error("give a number of days from 0 to {max}, or turn it off")]
    RetentionDays { max: u32 },
    // Every passphrase (a store's, a backup's, an exported identity's) has the one
    // minimum `store::key::MIN_PASSPHRASE_CHARS`.
    #[error("use at least {min} characters (four or more words are easy to remember and hard to guess)")]
    PassphraseTooShort { min: u32 },
    #[error("{detail}")]
    MemberCard {
        /// What is wrong with the card, in English, for the CLI.
        detail: String,
    },
    #[error("this member card was made by an older Amparo, which did not protect its team and role lines; ask for a new card (`amparo member card`) and compare its fingerprint in person")]
    CardTooOld,
    #[error("this member card was changed after it was made (its lines do not match its signature); ask for a new card and compare its fingerprint in person")]
    CardAltered,
    #[error("this card names no team; ask a coordinator for their card (`amparo member card`)")]
    CardWithoutTeam,
    #[error("choose a number from 1 to {max}")]
    KeepNumber { max: u32 },
    #[error("the file is larger than {mb} MB; split it")]
    FileTooLarge { mb: u32 },
    #[error(
        "the file is UTF-16 text; save it from the spreadsheet as \"CSV UTF-8 (comma delimited)\" and import that"
    )]
    FileUtf16,
    #[error("this is not a CSV text file (it contains binary data)")]
    FileBinary,
    #[error("the file is not UTF-8 text (first bad byte on line {line}); it is probably Windows-1252 or Latin-1: save it from the spreadsheet as \"CSV UTF-8 (comma delimited)\" and import that")]
    FileNotUtf8 { line: u32 },
    #[error("the first line (the column names) could not be read: {detail}")]
    FileHeader { detail: String },
    #[error("the file has no column for {fields}; name a column with one of the accepted headers ({accepted}), or add --map \"SHEET HEADER=field\"")]
    MissingColumns {
        /// The missing fields, comma-separated.
        fields: String,
        /// Per missing field, the headers it accepts.
        accepted: String,
    },
    #[error("--map names {field:?}, which is not a column this import reads; use one of: {fields}")]
    MapField { field: String, fields: String },
    #[error("--map names the header {header:?}, which is not in the file's first line")]
    MapHeader { header: String },
    #[error("the file has no rows to import")]
    NoRows,
    #[error("{0}")]
    Other(String),
}

/// A count for a parameter: saturates instead of wrapping (counts never come near).
pub(crate) fn count(n: impl TryInto<u32>) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

/// What is wrong with one row of a CSV file being imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum CsvProblem {
    #[error("the row is not UTF-8 text")]
    RowNotUtf8,
    #[error("the row has {cells} cells but the header has {columns} columns; check for a missing or extra comma")]
    CellCount { cells: u32, columns: u32 },
    #[error("the row could not be read as CSV")]
    RowUnreadable,
    #[error("the name is empty")]
    NameEmpty,
    #[error("the family name is empty")]
    FamilyEmpty,
    #[error("the person's name is empty")]
    PersonNameEmpty,
    #[error("the date is empty")]
    DateEmpty,
    #[error("the kind is empty, e.g. master_calendar or ice_check_in")]
    KindEmpty,
    #[error("the place is empty")]
    PlaceEmpty,
    #[error("the value is not a date like 2026-12-01 or 12/01/2026")]
    NotADate,
    #[error("{text:?} is not a date like 2026-12-01 or 12/01/2026")]
    ListNotADate { text: String },
    #[error("the value is not yes or no")]
    NotYesNo,
    #[error("the value is not a whole number")]
    NotAWholeNumber,
    #[error("{value:?} is not one of: {words}")]
    NotOneOf {
        value: String,
        /// The accepted words, comma-separated (they are the same in every language).
        words: String,
    },
    #[error("write each training with the date completed, e.g. \"rapid_response 2025-03-01\"")]
    TrainingWithoutDate,
    #[error("the A-number has nine digits (eight-digit ones get a leading 0), or write none")]
    ANumber,
    #[error("a family with this name already exists in Amparo; add people to it in the app, or rename it in the file")]
    FamilyExists,
    #[error("no family with this name in Amparo; import families first")]
    NoSuchFamily,
    #[error("more than one family has this name; enter this date in the app")]
    FamilyAmbiguous,
    #[error("the time is not like 09:30 or 9:30 AM (leave it empty or write TBD when unknown)")]
    TimeFormat,
    #[error("the time zone is not an IANA name like America/Chicago")]
    TimeZone,
    #[error("no person with this name in the family")]
    NoSuchPerson,
    #[error("the row has no time zone; add a zone column (e.g. Central, Eastern, America/Chicago) or give --tz for rows without one")]
    ZoneMissing,
    #[error("this A-number belongs to a person of another family in Amparo; check the family or the A-number")]
    ANumberOtherFamily,
    #[error("volunteer {position} in this cell is not a volunteer in Amparo (or more than one has that name); import volunteers first or check the spelling")]
    NoSuchVolunteer { position: u32 },
    /// A value the record's own rules refuse (an availability window, a skipped time).
    #[error("{problem}")]
    Value { problem: Invalid },
}
