//! Swap requests (offer, take, approve) and handoff notes.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::availability::Expanded;
use super::{has_skill, week_key};
use crate::domain::{SanctuarySite, Shift, ShiftAssignment, SwapRequest, SwapStatus, Volunteer};
use crate::error::{Error, Refusal, Result, SwapProblem};
use crate::store::records::{find, get, query};
use crate::store::Writer;
use rusqlite::Connection;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SwapOutcome {
    pub request: SwapRequest,
    /// Whether the rule set approved it at once (no coordinator needed).
    pub approved: bool,
    /// Why it was not approved at once: rules the change would break.
    pub problems: Vec<SwapProblem>,
}

fn live_assignments_on(conn: &Connection, shift_id: Uuid) -> Result<Vec<ShiftAssignment>> {
    query(conn, "AND shift_id = ?1", [shift_id.to_string()])
}

/// A volunteer offers a shift they are on (refused, coded, when they are not on it).
pub fn offer_shift(w: &mut Writer<'_>, shift_id: Uuid, volunteer_id: Uuid, now: DateTime<Utc>) -> Result<SwapRequest> {
    let mine = live_assignments_on(w.tx(), shift_id)?.into_iter().find(|a| a.volunteer_id == volunteer_id);
    let a = mine.ok_or(Refusal::NotOnShift)?;
    offer_swap(w, a.id, now)
}

/// A volunteer offers the shift of one of their assignments.
pub fn offer_swap(w: &mut Writer<'_>, assignment_id: Uuid, now: DateTime<Utc>) -> Result<SwapRequest> {
    let a: ShiftAssignment = w.get(assignment_id)?;
    let open: Vec<SwapRequest> =
        query(w.tx(), "AND assignment_id = ?1 AND status IN ('offered', 'taken')", [assignment_id.to_string()])?;
    if !open.is_empty() {
        return Err(Refusal::AlreadyOffered.into());
    }
    let req = SwapRequest {
        id: Uuid::now_v7(),
        shift_id: a.shift_id,
        assignment_id,
        from_volunteer_id: a.volunteer_id,
        to_volunteer_id: None,
        status: SwapStatus::Offered,
        offered_at: now,
        taken_at: None,
        decided_at: None,
        decided_by: None,
    };
    w.create(&req)?;
    Ok(req)
}

/// What would go wrong if `taker` replaced the offering volunteer on the shift.
fn problems_for(conn: &Connection, req: &SwapRequest, taker: &Volunteer) -> Result<Vec<SwapProblem>> {
    let shift: Shift = get(conn, req.shift_id)?;
    let site: SanctuarySite = get(conn, shift.site_id)?;
    let mut out = Vec::new();
    if !taker.active {
        out.push(SwapProblem::Inactive);
    }
    let avail = Expanded::new(&taker.availability, site.time_zone, shift.starts_utc, shift.ends_utc)?;
    if !avail.allows(shift.starts_utc, shift.ends_utc) {
        out.push(SwapProblem::NotAvailable);
    }
    let theirs: Vec<ShiftAssignment> = query(conn, "AND volunteer_id = ?1", [taker.id.to_string()])?;
    let rest = Duration::hours(taker.min_rest_hours.unwrap_or(0));
    let week = week_key(shift.starts_utc, site.time_zone);
    let mut same_week = 0;
    for a in &theirs {
        if a.shift_id == shift.id {
            out.push(SwapProblem::AlreadyOnShift);
            continue;
        }
        let Some(other) = find::<Shift>(conn, a.shift_id)? else { continue };
        if other.starts_utc < shift.ends_utc && shift.starts_utc < other.ends_utc {
            out.push(SwapProblem::DoubleBooked);
        } else if other.starts_utc < shift.ends_utc + rest && shift.starts_utc < other.ends_utc + rest {
            out.push(SwapProblem::Rest { hours: crate::refusal::count(rest.num_hours()) });
        }
        let zone = find::<SanctuarySite>(conn, other.site_id)?.map(|s| s.time_zone).unwrap_or(site.time_zone);
        if week_key(other.starts_utc, zone) == week {
            same_week += 1;
        }
    }
    if let Some(max) = taker.max_shifts_per_week {
        if same_week + 1 > max {
            out.push(SwapProblem::WeeklyMaximum { max: crate::refusal::count(max) });
        }
    }
    // Required skills after the swap.
    let staying: Vec<Volunteer> = live_assignments_on(conn, shift.id)?
        .into_iter()
        .filter(|a| a.id != req.assignment_id)
        .filter_map(|a| find::<Volunteer>(conn, a.volunteer_id).ok().flatten())
        .collect();
    for k in &shift.required_skills {
        let before = find::<Volunteer>(conn, req.from_volunteer_id)?.is_some_and(|v| has_skill(&v, k))
            || staying.iter().any(|v| has_skill(v, k));
        let after = has_skill(taker, k) || staying.iter().any(|v| has_skill(v, k));
        if before && !after {
            out.push(SwapProblem::SkillLost { skill: k.clone() });
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// What would go wrong if the volunteer who took a swap replaced the one who offered
/// it (empty for a swap nobody has taken), for a coordinator deciding on it.
pub fn swap_problems(conn: &Connection, swap_id: Uuid) -> Result<Vec<SwapProblem>> {
    let req: SwapRequest = get(conn, swap_id)?;
    match req.to_volunteer_id {
        Some(taker) => problems_for(conn, &req, &get(conn, taker)?),
        None => Ok(vec![]),
    }
}

/// Another volunteer takes an offered shift; someone already on that shift cannot. With `auto_approve`, the rule set approves
/// it at once when no rule would break; otherwise it waits for a coordinator.
pub fn take_swap(
    w: &mut Writer<'_>,
    swap_id: Uuid,
    taker_id: Uuid,
    auto_approve: bool,
    now: DateTime<Utc>,
) -> Result<SwapOutcome> {
    let mut req: SwapRequest = w.get(swap_id)?;
    if req.status != SwapStatus::Offered {
        return Err(Refusal::SwapNotOffered { status: req.status.to_string() }.into());
    }
    if taker_id == req.from_volunteer_id {
        return Err(Refusal::OwnOffer.into());
    }
    let taker: Volunteer = w.get(taker_id)?;
    if live_assignments_on(w.tx(), req.shift_id)?.iter().any(|a| a.volunteer_id == taker_id) {
        return Err(Refusal::AlreadyOnShift.into());
    }
    let problems = problems_for(w.tx(), &req, &taker)?;
    req.to_volunteer_id = Some(taker_id);
    req.status = SwapStatus::Taken;
    req.taken_at = Some(now);
    w.save(&req)?;
    if auto_approve && problems.is_empty() {
        let request = finish_swap(w, req, None, now)?;
        return Ok(SwapOutcome { request, approved: true, problems });
    }
    Ok(SwapOutcome { request: req, approved: false, problems })
}

/// A coordinator approves a taken swap: the assignment moves to the taker. Refused when
/// it would double-book them; other broken rules are the coordinator's call.
pub fn approve_swap(w: &mut Writer<'_>, swap_id: Uuid, approver: Uuid, now: DateTime<Utc>) -> Result<SwapRequest> {
    let req: SwapRequest = w.get(swap_id)?;
    if req.status != SwapStatus::Taken {
        return Err(Refusal::SwapNotTaken { status: req.status.to_string() }.into());
    }
    let taker: Volunteer =
        w.get(req.to_volunteer_id.ok_or_else(|| Error::Internal("taken swap without taker".into()))?)?;
    let problems = problems_for(w.tx(), &req, &taker)?;
    if let Some(p) = problems.into_iter().find(SwapProblem::blocks_approval) {
        return Err(Refusal::CannotApprove { problem: p }.into());
    }
    finish_swap(w, req, Some(approver), now)
}

fn finish_swap(
    w: &mut Writer<'_>,
    mut req: SwapRequest,
    approver: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<SwapRequest> {
    let taker = req.to_volunteer_id.ok_or_else(|| Error::Internal("taken swap without taker".into()))?;
    if w.find::<ShiftAssignment>(req.assignment_id)?.is_some() {
        w.remove::<ShiftAssignment>(req.assignment_id)?;
    }
    crate::rules::assign_shift(w, req.shift_id, taker)?;
    req.status = SwapStatus::Approved;
    req.decided_at = Some(now);
    req.decided_by = approver;
    w.save(&req)?;
    Ok(req)
}

pub fn decline_swap(w: &mut Writer<'_>, swap_id: Uuid, approver: Uuid, now: DateTime<Utc>) -> Result<SwapRequest> {
    close_open_swap(w, swap_id, SwapStatus::Declined, approver, now, |status| Refusal::SwapAlreadyDecided { status })
}

/// The offering volunteer withdraws their offer: an offered swap, or one taken but not
/// yet approved. Nothing moves: the shift stays theirs, and the shift may be offered again.
pub fn withdraw_swap(w: &mut Writer<'_>, swap_id: Uuid, by: Uuid, now: DateTime<Utc>) -> Result<SwapRequest> {
    close_open_swap(w, swap_id, SwapStatus::Withdrawn, by, now, |status| Refusal::SwapNotOpen { status })
}

/// End a swap that is still open (offered, or taken and not yet approved) without moving
/// the shift; `refused` words the refusal for one that is already decided.
fn close_open_swap(
    w: &mut Writer<'_>,
    swap_id: Uuid,
    to: SwapStatus,
    by: Uuid,
    now: DateTime<Utc>,
    refused: impl FnOnce(String) -> Refusal,
) -> Result<SwapRequest> {
    let mut req: SwapRequest = w.get(swap_id)?;
    if !matches!(req.status, SwapStatus::Offered | SwapStatus::Taken) {
        return Err(refused(req.status.to_string()).into());
    }
    req.status = to;
    req.decided_at = Some(now);
    req.decided_by = Some(by);
    w.save(&req)?;
    Ok(req)
}

/// Set the handoff note of a shift (what the next people on duty must know).
pub fn set_handoff_note(w: &mut Writer<'_>, shift_id: Uuid, note: &str) -> Result<()> {
    let mut shift: Shift = w.get(shift_id)?;
    let note = note.trim();
    shift.handoff_notes = (!note.is_empty()).then(|| note.to_string());
    w.save(&shift)?;
    Ok(())
}
