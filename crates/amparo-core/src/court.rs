//! Court accompaniment: reminders, the court-day run sheet, and outcome reports that
//! open the next date and, after a detention, the team's rapid-response checklist.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::{
    ChecklistTemplate, CourtAccompanier, CourtDate, CourtKind, CourtStatus, Household, HouseholdStatus, Person,
    PlaceTime, Task, TaskStatus, Volunteer,
};
use crate::error::{Error, Result};
use crate::rules;
use crate::schedule::{escape_html, resolve_local};
use crate::store::records::{find, query};
use crate::store::Writer;

/// How close an under-staffed court date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    SevenDays,
    TwoDays,
    /// From 07:00 (at the court's place) on the day before.
    MorningBefore,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReminderKind {
    UnderStaffed {
        stage: Stage,
        assigned: usize,
        wanted: i64,
    },
    TimeToBeConfirmed,
    Deadline {
        what: String,
        due: NaiveDate,
        overdue: bool,
    },
    /// An ICE or ISAP check-in has passed (up to 30 days ago) with no outcome reported:
    /// was the person detained?
    OutcomeMissing,
    /// Someone reported the person detained at this court date (often an accompanier, who
    /// may not change a family's status) after the family's status was last set, and the
    /// family is not marked detained: a coordinator sets it (or decides otherwise, which
    /// also ends this reminder).
    DetentionReported {
        /// The family's status as it stands.
        family_status: HouseholdStatus,
    },
}

/// One agenda flag. Carries ids, not names, so a notification can be built to suit the
/// screen (a locked screen shows only [`attention_summary`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminder {
    #[serde(flatten)]
    pub kind: ReminderKind,
    pub court_date_id: Option<Uuid>,
    pub household_id: Option<Uuid>,
    pub person_id: Option<Uuid>,
    /// When the hearing starts, or the deadline's day at midnight UTC.
    pub at: DateTime<Utc>,
}

/// What a notification may say while the app is locked.
pub fn attention_summary(count: usize) -> String {
    match count {
        1 => "Amparo: 1 item needs attention".into(),
        n => format!("Amparo: {n} items need attention"),
    }
}

fn accompanier_counts(conn: &Connection) -> Result<HashMap<Uuid, usize>> {
    let mut counts = HashMap::new();
    for a in query::<CourtAccompanier>(conn, "", [])? {
        *counts.entry(a.court_date_id).or_default() += 1;
    }
    Ok(counts)
}

/// The stage an under-staffed hearing at `start` has reached at `now`, if any.
pub fn stage_at(at: PlaceTime, now: DateTime<Utc>) -> Option<Stage> {
    let start = at.utc();
    if now >= start {
        return None;
    }
    let day_before = at.local.date() - Duration::days(1);
    let morning_before =
        resolve_local(at.zone, day_before.and_time(NaiveTime::from_hms_opt(7, 0, 0).unwrap_or(NaiveTime::MIN)));
    if now >= morning_before {
        Some(Stage::MorningBefore)
    } else if now >= start - Duration::days(2) {
        Some(Stage::TwoDays)
    } else if now >= start - Duration::days(7) {
        Some(Stage::SevenDays)
    } else {
        None
    }
}

/// Every reminder due at `now` that this store can tell: under-staffed court dates (7
/// days, 2 days, the morning before; not on a store that is not sent who accompanies, which
/// would count none), dates whose time is to be confirmed within 14 days, ICE and ISAP
/// check-ins of the last 30 days still without an outcome, detentions reported that the
/// family's status does not show yet (where the status is held), and people's deadlines
/// within 14 days (or overdue by up to 30) of today in the viewer's zone.
pub fn reminders(store: &crate::Store, now: DateTime<Utc>, viewer: Tz) -> Result<Vec<Reminder>> {
    let actor = store.actor()?;
    let mut out = due_reminders(store.conn(), now, viewer)?;
    out.retain(|r| match r.kind {
        ReminderKind::UnderStaffed { .. } => actor.holds(&crate::schema::COURT_ACCOMPANIER, "volunteer_id"),
        ReminderKind::DetentionReported { .. } => actor.holds(&crate::schema::HOUSEHOLD, "status"),
        _ => true,
    });
    Ok(out)
}

/// Court dates reported with the person detained after their family's status was last set,
/// where the family is neither detained nor closed.
fn detentions_reported(conn: &Connection, out: &mut Vec<Reminder>) -> Result<()> {
    let reported: Vec<CourtDate> = query(conn, "AND detained = 1 ORDER BY starts_utc, id", [])?;
    for c in reported {
        let Some(h) = find::<Household>(conn, c.household_id)? else { continue };
        if matches!(h.status, HouseholdStatus::Detained | HouseholdStatus::Closed) {
            continue;
        }
        let report = crate::store::record_versions(conn, &crate::schema::COURT_DATE, &c.id.to_string())?
            .get("detained")
            .copied();
        let status =
            crate::store::record_versions(conn, &crate::schema::HOUSEHOLD, &h.id.to_string())?.get("status").copied();
        if report > status {
            out.push(Reminder {
                kind: ReminderKind::DetentionReported { family_status: h.status },
                court_date_id: Some(c.id),
                household_id: Some(h.id),
                person_id: c.person_id,
                at: c.starts_utc,
            });
        }
    }
    Ok(())
}

fn due_reminders(conn: &Connection, now: DateTime<Utc>, viewer: Tz) -> Result<Vec<Reminder>> {
    let counts = accompanier_counts(conn)?;
    let horizon = now + Duration::days(14);
    let upcoming: Vec<CourtDate> = query(
        conn,
        "AND status = 'scheduled' AND starts_utc >= ?1 AND starts_utc <= ?2 ORDER BY starts_utc, id",
        (crate::schedule::rotation::ts_pub(now), crate::schedule::rotation::ts_pub(horizon)),
    )?;
    let mut out = Vec::new();
    for c in upcoming {
        let base = |kind| Reminder {
            kind,
            court_date_id: Some(c.id),
            household_id: Some(c.household_id),
            person_id: c.person_id,
            at: c.starts_utc,
        };
        let assigned = counts.get(&c.id).copied().unwrap_or(0);
        if c.understaffed_with(assigned) {
            if let Some(stage) = stage_at(c.at(), now) {
                out.push(base(ReminderKind::UnderStaffed { stage, assigned, wanted: c.min_accompaniers }));
            }
        }
        if c.time_tbc {
            out.push(base(ReminderKind::TimeToBeConfirmed));
        }
    }
    let since = now - Duration::days(30);
    let passed: Vec<CourtDate> = query(
        conn,
        "AND status = 'scheduled' AND starts_utc >= ?1 AND starts_utc < ?2 AND kind IN ('ice_check_in', 'high_risk_ice_check_in', 'isap_check_in') ORDER BY starts_utc, id",
        (crate::schedule::rotation::ts_pub(since), crate::schedule::rotation::ts_pub(now)),
    )?;
    for c in passed.into_iter().filter(|c| c.outcome.is_none()) {
        out.push(Reminder {
            kind: ReminderKind::OutcomeMissing,
            court_date_id: Some(c.id),
            household_id: Some(c.household_id),
            person_id: c.person_id,
            at: c.starts_utc,
        });
    }
    detentions_reported(conn, &mut out)?;
    let today = now.with_timezone(&viewer).date_naive();
    for p in query::<Person>(conn, "AND deadlines IS NOT NULL AND deadlines != '[]' ORDER BY id", [])? {
        for d in &p.deadlines {
            let days = (d.due - today).num_days();
            if (-30..=14).contains(&days) {
                out.push(Reminder {
                    kind: ReminderKind::Deadline { what: d.what.clone(), due: d.due, overdue: days < 0 },
                    court_date_id: None,
                    household_id: Some(p.household_id),
                    person_id: Some(p.id),
                    at: Utc.from_utc_datetime(&d.due.and_time(NaiveTime::MIN)),
                });
            }
        }
    }
    out.sort_by_key(|r| r.at);
    Ok(out)
}

/// A hearing's time in its place's zone, with the viewer's local time beside it when
/// the two differ: "Tue 2026-12-01 09:00 CST (10:00 EST your time)".
/// A court date whose time is to be confirmed, as text: its day at the place and no clock
/// ("Sun 2026-12-06, time to be confirmed (America/Chicago)"): the stored time is a placeholder.
pub fn show_day_tbc(at: PlaceTime) -> String {
    let there = at.utc().with_timezone(&at.zone);
    format!("{}, time to be confirmed ({})", there.format("%a %Y-%m-%d"), at.zone.name())
}

pub fn show_time(at: PlaceTime, viewer: Tz) -> String {
    let there = at.utc().with_timezone(&at.zone);
    let mut s = there.format("%a %Y-%m-%d %H:%M %Z").to_string();
    let here = at.utc().with_timezone(&viewer);
    if there.offset().fix() != here.offset().fix() {
        let same_day = here.date_naive() == there.date_naive();
        let fmt = if same_day { "%H:%M %Z" } else { "%a %H:%M %Z" };
        let _ = write!(s, " ({} your time)", here.format(fmt));
    }
    s
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RunSheetPerson {
    pub name: String,
    pub phone: Option<String>,
    pub leader: bool,
}

/// One appointment on the run sheet: what accompaniers need, nothing legal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RunSheetEntry {
    pub court_date_id: Uuid,
    pub time: String,
    pub kind: CourtKind,
    pub time_tbc: bool,
    pub family: String,
    pub person_first_name: Option<String>,
    pub family_phone: Option<String>,
    pub place: String,
    pub address: Option<String>,
    pub room: Option<String>,
    pub interpreter: Option<String>,
    pub transport_needed: bool,
    pub accompaniers: Vec<RunSheetPerson>,
    pub wanted: i64,
    pub notes: Option<String>,
}

/// Every scheduled appointment whose local date (at its place) is `day`, in time order.
pub fn run_sheet(conn: &Connection, day: NaiveDate, viewer: Tz) -> Result<Vec<RunSheetEntry>> {
    let from = Utc.from_utc_datetime(&(day - Duration::days(1)).and_time(NaiveTime::MIN));
    let to = Utc.from_utc_datetime(&(day + Duration::days(2)).and_time(NaiveTime::MIN));
    let dates: Vec<CourtDate> = query(
        conn,
        "AND status = 'scheduled' AND starts_utc >= ?1 AND starts_utc < ?2 ORDER BY starts_utc, id",
        (crate::schedule::rotation::ts_pub(from), crate::schedule::rotation::ts_pub(to)),
    )?;
    let accompaniers: Vec<CourtAccompanier> = query(conn, "", [])?;
    let mut out = Vec::new();
    for c in dates.into_iter().filter(|c| c.local_start.date() == day) {
        let family = find::<Household>(conn, c.household_id)?;
        let person = match c.person_id {
            Some(id) => find::<Person>(conn, id)?,
            None => None,
        };
        let mut people = Vec::new();
        for a in accompaniers.iter().filter(|a| a.court_date_id == c.id) {
            if let Some(v) = find::<Volunteer>(conn, a.volunteer_id)? {
                people.push(RunSheetPerson { leader: c.leader_id == Some(v.id), name: v.name, phone: v.phone });
            }
        }
        if let Some(leader) = c
            .leader_id
            .filter(|l| !people.iter().any(|p| p.leader) && accompaniers.iter().all(|a| a.volunteer_id != *l))
        {
            if let Some(v) = find::<Volunteer>(conn, leader)? {
                people.insert(0, RunSheetPerson { leader: true, name: v.name, phone: v.phone });
            }
        }
        people.sort_by_key(|p| !p.leader);
        out.push(RunSheetEntry {
            court_date_id: c.id,
            time: if c.time_tbc { show_day_tbc(c.at()) } else { show_time(c.at(), viewer) },
            kind: c.kind,
            time_tbc: c.time_tbc,
            family: family.as_ref().map(|f| f.display_name.clone()).unwrap_or_default(),
            person_first_name: person.as_ref().map(|p| p.first_name().to_string()),
            family_phone: family.and_then(|f| f.phone),
            place: c.place,
            address: c.address,
            room: c.room,
            interpreter: c.interpreter,
            transport_needed: c.transport_needed,
            accompaniers: people,
            wanted: c.min_accompaniers,
            notes: c.accompanier_notes,
        });
    }
    Ok(out)
}

fn kind_words(k: CourtKind) -> &'static str {
    match k {
        CourtKind::MasterCalendar => "Master calendar hearing",
        CourtKind::IndividualHearing => "Individual hearing",
        CourtKind::BondHearing => "Bond hearing",
        CourtKind::IceCheckIn => "ICE check-in",
        CourtKind::HighRiskIceCheckIn => "ICE check-in (HIGH RISK)",
        CourtKind::IsapCheckIn => "ISAP check-in",
        CourtKind::UscisBiometrics => "USCIS biometrics",
        CourtKind::UscisInterview => "USCIS interview",
        CourtKind::FamilyCourt => "Family court",
        CourtKind::CriminalCourt => "Criminal court",
        CourtKind::Other => "Appointment",
    }
}

/// The run sheet as a printable HTML page; every text from records is escaped.
pub fn run_sheet_html(day: NaiveDate, entries: &[RunSheetEntry]) -> String {
    let e = |s: &str| escape_html(s);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
<title>Court day {day}</title>\n<style>\n\
body{{font-family:sans-serif;margin:1.5em}} .entry{{border:1px solid #000;padding:.6em;margin-bottom:1em;page-break-inside:avoid}}\n\
h2{{margin:.1em 0;font-size:14pt}} .short{{color:#900;font-weight:bold}} dt{{font-weight:bold;float:left;width:9em}} dd{{margin-left:9.5em}}\n\
@media print{{body{{margin:0}} @page{{margin:1.2cm}}}}\n</style>\n</head>\n<body>\n<h1>Court day {day}</h1>\n"
    );
    if entries.is_empty() {
        h.push_str("<p>No appointments on this day.</p>\n");
    }
    for x in entries {
        let _ = write!(h, "<section class=\"entry\">\n<h2>{} — {}</h2>\n<dl>\n", e(&x.time), kind_words(x.kind));
        if x.time_tbc {
            h.push_str("<p class=\"short\">Time to be confirmed</p>\n");
        }
        let who = match &x.person_first_name {
            Some(p) => format!("{} ({})", e(p), e(&x.family)),
            None => e(&x.family),
        };
        let _ = writeln!(h, "<dt>Who</dt><dd>{who}</dd>");
        if let Some(p) = &x.family_phone {
            let _ = writeln!(h, "<dt>Family phone</dt><dd>{}</dd>", e(p));
        }
        let _ = writeln!(h, "<dt>Place</dt><dd>{}</dd>", e(&x.place));
        if let Some(a) = &x.address {
            let _ = writeln!(h, "<dt>Address</dt><dd>{}</dd>", e(a));
        }
        if let Some(r) = &x.room {
            let _ = writeln!(h, "<dt>Room</dt><dd>{}</dd>", e(r));
        }
        if let Some(i) = &x.interpreter {
            let _ = writeln!(h, "<dt>Interpreter</dt><dd>{}</dd>", e(i));
        }
        let _ = writeln!(h, "<dt>Transport</dt><dd>{}</dd>", if x.transport_needed { "needed" } else { "not needed" });
        h.push_str("<dt>Accompaniers</dt><dd><ul>\n");
        for p in &x.accompaniers {
            let _ = writeln!(
                h,
                "<li>{}{}{}</li>",
                e(&p.name),
                p.phone.as_deref().map(|ph| format!(" — {}", e(ph))).unwrap_or_default(),
                if p.leader { " (leader)" } else { "" }
            );
        }
        h.push_str("</ul>");
        let short = x.wanted - x.accompaniers.len() as i64;
        if short > 0 {
            let _ = write!(h, "<p class=\"short\">{short} more accompanier(s) needed</p>");
        }
        h.push_str("</dd>\n");
        if let Some(n) = &x.notes {
            let _ = writeln!(h, "<dt>Notes</dt><dd>{}</dd>", e(n));
        }
        h.push_str("</dl>\n</section>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// The name of the checklist opened when someone is detained.
pub const DETAINED_CHECKLIST: &str = "detained";

/// Used until a team edits its own list.
pub fn default_detained_checklist() -> Vec<String> {
    [
        "Call the attorney",
        "Inform the family",
        "Locate the detention facility",
        "Prepare the bond request",
        "Arrange care for children and the household's immediate needs",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The team's items of checklist `name` (the default for "detained" when unset).
pub fn checklist(conn: &Connection, name: &str) -> Result<Vec<String>> {
    let found: Vec<ChecklistTemplate> = query(conn, "AND name = ?1 ORDER BY id", [name])?;
    match found.into_iter().last() {
        Some(t) => Ok(t.items),
        None if name == DETAINED_CHECKLIST => Ok(default_detained_checklist()),
        None => Err(Error::NotFound { kind: "checklist", id: name.to_string() }),
    }
}

/// Replace the items of checklist `name`, creating it if needed.
pub fn set_checklist(w: &mut Writer<'_>, name: &str, items: Vec<String>) -> Result<Uuid> {
    let items: Vec<String> = items.into_iter().map(|i| i.trim().to_string()).filter(|i| !i.is_empty()).collect();
    let found: Vec<ChecklistTemplate> = query(w.tx(), "AND name = ?1 ORDER BY id", [name])?;
    match found.into_iter().last() {
        Some(mut t) => {
            t.items = items;
            w.save(&t)?;
            Ok(t.id)
        }
        None => w.create(&ChecklistTemplate { id: Uuid::now_v7(), name: name.trim().to_string(), items }),
    }
}

/// What `record_outcome` did beyond `rules::report_outcome`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeResult {
    pub next_court_date_id: Option<Uuid>,
    /// Rapid-response tasks opened (empty unless detained).
    pub tasks: Vec<Uuid>,
}

/// Record what happened at a hearing through `rules::report_outcome` (completed, next
/// date created and linked, family marked detained) and, after a detention, note the
/// person's detention date — the day of the hearing, where it happened — and open the
/// team's rapid-response checklist as tasks due `today`. Refused before the hearing has
/// started. Recording again edits the outcome: the text and detention are replaced, and
/// the checklist opens only when the person was not reported detained before, so tasks
/// are never doubled.
pub fn record_outcome(
    w: &mut Writer<'_>,
    court_date_id: Uuid,
    outcome: &rules::Outcome,
    today: NaiveDate,
) -> Result<OutcomeResult> {
    let c: CourtDate = w.get(court_date_id)?;
    let was_detained = c.status == CourtStatus::Completed && c.detained == Some(true);
    let next_court_date_id = rules::report_outcome(w, court_date_id, outcome)?;
    let mut result = OutcomeResult { next_court_date_id, tasks: vec![] };
    if outcome.detained && !was_detained {
        // A person's detention is the coordinator's record to keep (legal fields).
        if let Some(pid) = c.person_id.filter(|_| w.actor().limited_role().is_none()) {
            if let Some(mut p) = w.find::<Person>(pid)? {
                if p.detained_since.is_none() {
                    p.detained_since = Some(c.local_start.date());
                    w.save(&p)?;
                }
            }
        }
        for item in checklist(w.tx(), DETAINED_CHECKLIST)? {
            let mut t = Task::new(item);
            t.household_id = Some(c.household_id);
            t.due_date = Some(today);
            t.status = TaskStatus::Open;
            t.kind = Some("rapid_response".into());
            result.tasks.push(rules::add_task(w, &t)?);
        }
    }
    Ok(result)
}

/// Whether an outcome may be reported for `c` at `now`: it is not cancelled and has
/// started. `rules::report_outcome` refuses otherwise (`CourtDateCancelled`,
/// `OutcomeBeforeEvent`); the front ends ask this to offer the report only then.
pub fn outcome_open(c: &CourtDate, now: DateTime<Utc>) -> bool {
    c.status != CourtStatus::Cancelled && now >= c.starts_utc
}

/// Whether this store's role may report (or correct, or undo) the outcome of `c`: the
/// outcome fields are in its write authority (`access::authority::may_edit`; a driver's
/// store may not).
pub fn may_report_outcome(conn: &Connection, actor: crate::store::Actor, c: &CourtDate) -> Result<bool> {
    let record = match serde_json::to_value(c) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    crate::access::authority::may_edit(
        conn,
        actor,
        &crate::schema::COURT_DATE,
        &["outcome", "detained", "status"],
        &record,
    )
}

/// Undo an outcome recorded by mistake: the date is scheduled again, without outcome or
/// detention. A next date it opened stays (delete it apart if it was wrong), and so do
/// the family's status and any checklist tasks, which a person closes.
pub fn clear_outcome(w: &mut Writer<'_>, court_date_id: Uuid) -> Result<()> {
    let mut c: CourtDate = w.get(court_date_id)?;
    if c.outcome.is_none() && c.status != CourtStatus::Completed {
        return Err(crate::error::Refusal::NoOutcome.into());
    }
    c.status = CourtStatus::Scheduled;
    c.outcome = None;
    c.detained = None;
    rules::save_court_date(w, &c)?;
    // Written whoever clears it, like the outcome itself (an accompanier's store does not
    // hold these fields, so saving the record leaves them out).
    w.update(
        &crate::schema::COURT_DATE,
        c.id,
        &[("outcome", serde_json::Value::Null), ("detained", serde_json::Value::Null)],
    )?;
    Ok(())
}

/// How long an appointment is taken to last when checking that an accompanier is not
/// expected in two places at once.
pub const COURT_BLOCK_HOURS: i64 = 3;

/// Why an accompanier assigned to a court date may not be able to go. Flagged in the
/// agenda and warned about when assigning; never a refusal (the coordinator decides).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AccompanierProblem {
    /// Also assigned to another court date starting within `COURT_BLOCK_HOURS`.
    OtherCourtDate {
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        court_date_id: Uuid,
        local_time: String,
        time_zone: String,
    },
    /// On a sanctuary shift during the appointment.
    OnShift {
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        shift_id: Uuid,
        label: String,
        local_start: String,
        local_end: String,
        time_zone: String,
    },
    /// No court-accompaniment training on record.
    Untrained,
    /// Marked inactive since being assigned.
    Inactive,
    /// The court date falls on a date the volunteer blacked out (local date at the court).
    BlackedOut { date: String },
}

impl AccompanierProblem {
    /// The CLI's English line.
    pub fn describe(&self) -> String {
        match self {
            AccompanierProblem::OtherCourtDate { local_time, time_zone, .. } => {
                format!("also accompanying at another court date at {local_time} ({time_zone})")
            }
            AccompanierProblem::OnShift { label, local_start, local_end, time_zone, .. } => {
                format!("on the {label} sanctuary shift {local_start} to {local_end} ({time_zone})")
            }
            AccompanierProblem::Untrained => "has no court accompaniment training on record".into(),
            AccompanierProblem::Inactive => "is marked inactive".into(),
            AccompanierProblem::BlackedOut { date } => format!("blacked out {date}"),
        }
    }
}

fn court_window(c: &CourtDate) -> (DateTime<Utc>, DateTime<Utc>) {
    (c.starts_utc, c.starts_utc + Duration::hours(COURT_BLOCK_HOURS))
}

/// A volunteer on (or chosen for) a court date who may not be able to go, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccompanierFlag {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub volunteer_id: Uuid,
    pub name: String,
    pub problem: AccompanierProblem,
}

/// What stands in the way of `volunteer` accompanying at `court`: another court date at
/// the same time, a sanctuary shift during it, no training, being inactive, or a blackout
/// on the court's local date (availability that cannot be read is not a blackout here: its
/// own form refuses it).
pub fn accompanier_problems(
    conn: &Connection,
    court: &CourtDate,
    volunteer: &Volunteer,
) -> Result<Vec<AccompanierProblem>> {
    let mut out = Vec::new();
    if !volunteer.active {
        out.push(AccompanierProblem::Inactive);
    }
    if !volunteer.has_training(crate::domain::Training::CourtAccompaniment) {
        out.push(AccompanierProblem::Untrained);
    }
    let (start, end) = court_window(court);
    if let Ok(e) = crate::schedule::availability::Expanded::new(&volunteer.availability, court.time_zone, start, end) {
        if let Some(day) = e.blackout_on(start, end) {
            out.push(AccompanierProblem::BlackedOut { date: day.to_string() });
        }
    }
    let key = volunteer.id.to_string();
    for a in query::<CourtAccompanier>(conn, "AND volunteer_id = ?1 ORDER BY id", [&key])? {
        if a.court_date_id == court.id {
            continue;
        }
        let Some(other) = find::<CourtDate>(conn, a.court_date_id)? else { continue };
        let (o_start, o_end) = court_window(&other);
        if other.status == CourtStatus::Scheduled && o_start < end && start < o_end {
            out.push(AccompanierProblem::OtherCourtDate {
                court_date_id: other.id,
                local_time: other.local_start.format("%Y-%m-%d %H:%M").to_string(),
                time_zone: other.time_zone.to_string(),
            });
        }
    }
    for a in query::<crate::domain::ShiftAssignment>(conn, "AND volunteer_id = ?1 ORDER BY id", [&key])? {
        let Some(s) = find::<crate::domain::Shift>(conn, a.shift_id)? else { continue };
        if s.starts_utc < end && start < s.ends_utc {
            let zone = find::<crate::domain::SanctuarySite>(conn, s.site_id)?.map_or(Tz::UTC, |x| x.time_zone);
            out.push(AccompanierProblem::OnShift {
                shift_id: s.id,
                label: s.label,
                local_start: s.starts_utc.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string(),
                local_end: s.ends_utc.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string(),
                time_zone: zone.to_string(),
            });
        }
    }
    Ok(out)
}

/// What to tell a person before they put the volunteers `chosen` on a court date: the
/// problems of each one not already going, by name (both front ends ask this first and
/// assign only when told to go ahead anyway).
pub fn warnings_before_assigning(
    conn: &Connection,
    court_date_id: Uuid,
    chosen: &[Uuid],
) -> Result<Vec<AccompanierFlag>> {
    let court: CourtDate = crate::store::records::get(conn, court_date_id)?;
    let going: Vec<Uuid> = crate::rules::accompaniers_of(conn, court_date_id)?.iter().map(|a| a.volunteer_id).collect();
    let mut out = Vec::new();
    for &id in chosen.iter().filter(|v| !going.contains(v)) {
        let v: Volunteer = crate::store::records::get(conn, id)?;
        for problem in accompanier_problems(conn, &court, &v)? {
            out.push(AccompanierFlag { volunteer_id: id, name: v.name.clone(), problem });
        }
    }
    Ok(out)
}
