//! Sanctuary rotations and rapid-response on-call coverage (`oncall`, on the same solver): templates and shift generation, availability, the auto-fill
//! solver, gaps and double bookings, swaps, handoff notes, the printed door rota and
//! calendar files. Time always comes in as an argument.

mod autofill;
pub use crate::domain::availability;
mod gaps;
mod ics;
pub mod oncall;
mod report;
mod rota;
pub mod rotation;
pub mod solver;
mod swap;

pub use autofill::{apply_autofill, autofill_problem, plan_autofill, AutofillPlan, PlannedAssignment, PlannedGap};
pub use gaps::{gap_reasons, GapReason};
pub use ics::{volunteer_ics, IcsOptions};
pub use report::{
    rota_issue_lines, rota_issues, warnings_before_assigning, RotaIssue, RotaIssueKind, RotaIssueLine, ShiftFlag,
    ShiftWarning,
};
pub use rota::{door_rota, door_rota_html, escape_html, short_name, DoorRota, DoorRotaRow, DoorRotaShift, Lang};
pub use rotation::{
    delete_template, generate_shifts, plan_shifts, resolve_local, save_template, Generated, MovedShift, ShiftDraft,
};
pub use swap::{
    approve_swap, decline_swap, offer_shift, offer_swap, set_handoff_note, swap_problems, take_swap, withdraw_swap,
    SwapOutcome,
};

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use crate::domain::Volunteer;

/// What a volunteer brings to a shift's required skills: their languages and trainings,
/// in the stored form of `domain::normalize_skill` ("es", "rapid_response").
pub fn volunteer_skills(v: &Volunteer) -> Vec<String> {
    let mut out: Vec<String> = v.languages.iter().map(|l| crate::domain::normalize_skill(l)).collect();
    out.extend(v.trainings.iter().map(|t| t.training.as_str().to_string()));
    out
}

/// Whether a volunteer has a required skill written in any form: `spanish` is matched
/// by an `es` speaker.
pub fn has_skill(v: &Volunteer, skill: &str) -> bool {
    let wanted = crate::domain::normalize_skill(skill);
    volunteer_skills(v).iter().any(|s| s.eq_ignore_ascii_case(&wanted))
}

/// The ISO week (year * 100 + week) of an instant at a site, which max-per-week counts in.
pub fn week_key(t: DateTime<Utc>, zone: Tz) -> i64 {
    let w = t.with_timezone(&zone).iso_week();
    w.year() as i64 * 100 + w.week() as i64
}
