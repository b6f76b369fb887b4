//! The sanctuary rotation commands: rotation templates, auto-fill (plan, then apply),
//! rota issues, swaps, the door rota and a volunteer's calendar file. Each is a thin
//! adapter over `amparo_core::schedule`, returning its plans, issues and door rota as
//! they are; the views here add names and local times to swaps and templates.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;
use uuid::Uuid;

use amparo_core::domain as d;
use amparo_core::schedule;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use crate::views::PersonRef;

type S<'a> = State<'a, AppState>;

// ------------------------------------------------------------------ views

/// One named shift of a rotation template; times are "HH:MM" at the site, and an end at
/// or before the start runs past midnight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ShiftSpecInput {
    pub label: String,
    pub start: String,
    pub end: String,
    pub min_people: i64,
    pub max_people: Option<i64>,
    pub required_skills: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RotationTemplateInput {
    pub id: Uuid,
    pub site_id: Uuid,
    pub name: String,
    pub shifts: Vec<ShiftSpecInput>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct GeneratedView {
    pub created: usize,
    pub existing: usize,
    /// Shifts whose written time does not exist that day (DST) and was moved.
    pub moved: Vec<MovedShift>,
}

/// The core's plans, issues and door rota, which derive their TypeScript under its `ts` feature.
pub use amparo_core::schedule::{AutofillPlan, DoorRota, MovedShift, RotaIssueLine};

/// A swap request with the shift and the people named, and what the swap would break.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SwapView {
    pub id: Uuid,
    pub shift_id: Uuid,
    pub status: d::SwapStatus,
    pub shift_label: String,
    /// Wall time at the site, "YYYY-MM-DDTHH:MM:SS".
    pub local_start: chrono::NaiveDateTime,
    pub from_volunteer: PersonRef,
    pub to_volunteer: Option<PersonRef>,
    /// Everyone on the shift now, so nobody already there is offered as the one to take it.
    pub on_shift: Vec<Uuid>,
    pub problems: Vec<amparo_core::SwapProblem>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SwapOutcomeView {
    pub approved: bool,
    pub problems: Vec<amparo_core::SwapProblem>,
}

// ------------------------------------------------------------------ helpers

fn time(text: &str, what: &str) -> ApiResult<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text.trim(), "%H:%M:%S"))
        .map_err(|_| ApiError::new(ErrorCode::Invalid, format!("{what}: {text:?} is not a time such as 08:00")))
}

fn template_from(input: &RotationTemplateInput) -> ApiResult<d::RotationTemplate> {
    let shifts = input
        .shifts
        .iter()
        .map(|s| {
            let name = s.label.trim();
            Ok(d::ShiftSpec {
                label: name.to_string(),
                start: time(&s.start, &format!("shift {name:?} start"))?,
                end: time(&s.end, &format!("shift {name:?} end"))?,
                min_people: s.min_people,
                max_people: s.max_people,
                required_skills: s
                    .required_skills
                    .iter()
                    .map(|k| k.trim().to_lowercase())
                    .filter(|k| !k.is_empty())
                    .collect(),
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(d::RotationTemplate { id: input.id, site_id: input.site_id, name: input.name.trim().to_string(), shifts })
}

fn template_view(t: &d::RotationTemplate) -> RotationTemplateInput {
    RotationTemplateInput {
        id: t.id,
        site_id: t.site_id,
        name: t.name.clone(),
        shifts: t
            .shifts
            .iter()
            .map(|s| ShiftSpecInput {
                label: s.label.clone(),
                start: s.start.format("%H:%M").to_string(),
                end: s.end.format("%H:%M").to_string(),
                min_people: s.min_people,
                max_people: s.max_people,
                required_skills: s.required_skills.clone(),
            })
            .collect(),
    }
}

/// The instants of the week from `monday` (a date at the site).
fn week(store: &amparo_core::Store, site_id: Uuid, monday: NaiveDate) -> ApiResult<(DateTime<Utc>, DateTime<Utc>)> {
    let site: d::SanctuarySite = store.get(site_id)?;
    let at = |day: NaiveDate| schedule::resolve_local(site.time_zone, day.and_time(NaiveTime::MIN));
    Ok((at(monday), at(monday + Duration::days(7))))
}

fn person(store: &amparo_core::Store, id: Uuid) -> ApiResult<PersonRef> {
    let name = store.find::<d::Volunteer>(id)?.map(|v| v.name).unwrap_or_default();
    Ok(PersonRef { id, name })
}

// ------------------------------------------------------------------ templates

#[tauri::command]
pub fn rotation_templates(state: S<'_>, site_id: Uuid) -> ApiResult<Vec<RotationTemplateInput>> {
    state.with_store_api(|s| {
        let mut list: Vec<d::RotationTemplate> =
            s.list()?.into_iter().filter(|t: &d::RotationTemplate| t.site_id == site_id).collect();
        list.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(list.iter().map(template_view).collect())
    })
}

#[tauri::command]
pub fn save_rotation_template(state: S<'_>, template: RotationTemplateInput) -> ApiResult<Uuid> {
    let t = template_from(&template)?;
    state.with_store(|s| s.write(Utc::now(), |w| schedule::save_template(w, &t)))
}

/// Retire a template; shifts already generated from it stay.
#[tauri::command]
pub fn delete_rotation_template(state: S<'_>, template_id: Uuid) -> ApiResult<()> {
    state.with_store(|s| s.write(Utc::now(), |w| schedule::delete_template(w, template_id)))
}

#[tauri::command]
pub fn generate_from_template(
    state: S<'_>,
    template_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<GeneratedView> {
    state.with_store(|s| {
        let g = s.write(Utc::now(), |w| schedule::generate_shifts(w, template_id, from, to))?;
        Ok(GeneratedView { created: g.created.len(), existing: g.existing, moved: g.moved })
    })
}

// ------------------------------------------------------------------ auto-fill and issues

/// What auto-fill would do for the site's week from `monday`; nothing is written.
#[tauri::command]
pub fn plan_autofill(state: S<'_>, site_id: Uuid, monday: NaiveDate) -> ApiResult<AutofillPlan> {
    state.with_store_api(|s| {
        let (from, to) = week(s, site_id, monday)?;
        Ok(schedule::plan_autofill(s.conn(), Some(site_id), from, to)?)
    })
}

/// Write a plan shown before; refused when the rota changed since. Returns how many
/// assignments were made.
#[tauri::command]
pub fn apply_autofill(state: S<'_>, plan: AutofillPlan) -> ApiResult<usize> {
    state.with_store(|s| s.write(Utc::now(), |w| schedule::apply_autofill(w, &plan)))
}

#[tauri::command]
pub fn rota_issues(state: S<'_>, site_id: Uuid, monday: NaiveDate) -> ApiResult<Vec<RotaIssueLine>> {
    state.with_store_api(|s| {
        let (from, to) = week(s, site_id, monday)?;
        Ok(schedule::rota_issue_lines(s.conn(), Some(site_id), from, to)?)
    })
}

// ------------------------------------------------------------------ swaps

/// Open swaps (offered or taken) for shifts at the site that have not ended.
#[tauri::command]
pub fn swaps(state: S<'_>, site_id: Uuid) -> ApiResult<Vec<SwapView>> {
    state.with_store_api(|s| {
        let site: d::SanctuarySite = s.get(site_id)?;
        let now = Utc::now();
        let mut out = Vec::new();
        for r in s.list::<d::SwapRequest>()? {
            if !matches!(r.status, d::SwapStatus::Offered | d::SwapStatus::Taken) {
                continue;
            }
            let Some(shift) = s.find::<d::Shift>(r.shift_id)? else { continue };
            if shift.site_id != site_id || shift.ends_utc < now {
                continue;
            }
            out.push(SwapView {
                id: r.id,
                shift_id: r.shift_id,
                status: r.status,
                shift_label: shift.label.clone(),
                local_start: shift.starts_utc.with_timezone(&site.time_zone).naive_local(),
                from_volunteer: person(s, r.from_volunteer_id)?,
                to_volunteer: r.to_volunteer_id.map(|v| person(s, v)).transpose()?,
                on_shift: amparo_core::rules::assignments_of(s.conn(), r.shift_id)?
                    .iter()
                    .map(|a| a.volunteer_id)
                    .collect(),
                problems: schedule::swap_problems(s.conn(), r.id)?,
            });
        }
        out.sort_by_key(|v| v.local_start);
        Ok(out)
    })
}

/// The volunteer offers their place on the shift to others.
#[tauri::command]
pub fn offer_swap(state: S<'_>, shift_id: Uuid, volunteer_id: Uuid) -> ApiResult<Uuid> {
    state.with_store(|s| {
        let now = Utc::now();
        Ok(s.write(now, |w| schedule::offer_shift(w, shift_id, volunteer_id, now))?.id)
    })
}

/// Another volunteer takes an offered shift; with `auto_approve` the rule set approves
/// it at once when nothing would break, otherwise it waits for a coordinator.
#[tauri::command]
pub fn take_swap(state: S<'_>, swap_id: Uuid, volunteer_id: Uuid, auto_approve: bool) -> ApiResult<SwapOutcomeView> {
    state.with_store(|s| {
        let now = Utc::now();
        let out = s.write(now, |w| schedule::take_swap(w, swap_id, volunteer_id, auto_approve, now))?;
        Ok(SwapOutcomeView { approved: out.approved, problems: out.problems })
    })
}

#[tauri::command]
pub fn approve_swap(state: S<'_>, swap_id: Uuid) -> ApiResult<()> {
    state.with_store(|s| {
        let (now, me) = (Utc::now(), s.member_id());
        s.write(now, |w| schedule::approve_swap(w, swap_id, me, now)).map(|_| ())
    })
}

#[tauri::command]
pub fn decline_swap(state: S<'_>, swap_id: Uuid) -> ApiResult<()> {
    state.with_store(|s| {
        let (now, me) = (Utc::now(), s.member_id());
        s.write(now, |w| schedule::decline_swap(w, swap_id, me, now)).map(|_| ())
    })
}

/// The offering volunteer withdraws an offer not yet approved; the shift stays theirs.
#[tauri::command]
pub fn withdraw_swap(state: S<'_>, swap_id: Uuid) -> ApiResult<()> {
    state.with_store(|s| {
        let (now, me) = (Utc::now(), s.member_id());
        s.write(now, |w| schedule::withdraw_swap(w, swap_id, me, now)).map(|_| ())
    })
}

// ------------------------------------------------------------------ printing and calendars

/// The door rota of the week containing `day` (words are the UI's; the data is the core's).
#[tauri::command]
pub fn door_rota(state: S<'_>, site_id: Uuid, day: NaiveDate) -> ApiResult<DoorRota> {
    state.with_store(|s| schedule::door_rota(s.conn(), site_id, day))
}

/// Write the volunteer's own shifts from `from` for `days` days as an iCalendar file at
/// `path` (chosen in the save dialog). The events say "Shift at <site code>", plus the
/// shift's name only when `include_shift_label`. Returns how many shifts it holds.
#[tauri::command]
pub fn export_volunteer_ics(
    state: S<'_>,
    volunteer_id: Uuid,
    from: NaiveDate,
    days: u32,
    include_shift_label: bool,
    path: String,
) -> ApiResult<usize> {
    if days == 0 || days > 400 {
        return Err(ApiError::new(ErrorCode::Invalid, "choose between 1 and 400 days"));
    }
    let text = state.with_store(|s| {
        let start = from.and_time(NaiveTime::MIN).and_utc() - Duration::days(1);
        let opts = schedule::IcsOptions { include_shift_label };
        schedule::volunteer_ics(
            s.conn(),
            volunteer_id,
            start,
            start + Duration::days(days as i64 + 1),
            &opts,
            Utc::now(),
        )
    })?;
    write_ics(std::path::Path::new(&path), &text)?;
    Ok(text.matches("BEGIN:VEVENT").count())
}

fn write_ics(path: &std::path::Path, text: &str) -> ApiResult<()> {
    if path.as_os_str().is_empty() || path.is_dir() {
        return Err(ApiError::new(ErrorCode::Invalid, "choose a file to save the calendar in"));
    }
    Ok(amparo_core::store::write_private(path, text.as_bytes())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_round_trip_and_bad_times_are_named() {
        let input = RotationTemplateInput {
            id: Uuid::now_v7(),
            site_id: Uuid::now_v7(),
            name: " standard ".into(),
            shifts: vec![ShiftSpecInput {
                label: "overnight".into(),
                start: "20:00".into(),
                end: "08:00".into(),
                min_people: 2,
                max_people: Some(3),
                required_skills: vec![" Spanish ".into(), "".into()],
            }],
        };
        let t = template_from(&input).unwrap();
        assert!(t.shifts[0].overnight());
        assert_eq!(t.shifts[0].required_skills, vec!["spanish".to_string()]);
        assert_eq!(t.name, "standard");
        let back = template_view(&t);
        assert_eq!(back.shifts[0].start, "20:00");
        let mut bad = input.clone();
        bad.shifts[0].end = "25:00".into();
        let err = template_from(&bad).unwrap_err();
        assert!(err.message.contains("overnight") && err.message.contains("25:00"), "{}", err.message);
    }

    /// The plan the coordinator saw comes back as it was sent, to be applied.
    #[test]
    fn a_plan_sent_to_the_web_view_reads_back_as_the_same_plan() {
        let plan = AutofillPlan {
            site_id: Some(Uuid::now_v7()),
            from: Utc::now(),
            to: Utc::now() + Duration::days(7),
            assignments: vec![schedule::PlannedAssignment {
                shift_id: Uuid::now_v7(),
                site_id: Uuid::now_v7(),
                shift_label: "day".into(),
                starts_utc: Utc::now(),
                volunteer_id: Uuid::now_v7(),
                volunteer_name: "Ana".into(),
                covers_skill: Some("spanish".into()),
            }],
            coverage: 1,
            positions: 2,
            bound: 1,
            proven_optimal: true,
            gaps: vec![schedule::PlannedGap {
                shift_id: Uuid::now_v7(),
                site_id: Uuid::now_v7(),
                shift_label: "day".into(),
                starts_utc: Utc::now(),
                missing: 1,
                missing_skills: vec![],
                reason: schedule::GapReason::AllBusy,
            }],
            load: vec![(Uuid::now_v7(), "Ana".into(), 1)],
        };
        let sent = serde_json::to_string(&plan).unwrap();
        assert_eq!(serde_json::from_str::<AutofillPlan>(&sent).unwrap(), plan);
    }

    #[test]
    fn the_calendar_file_refuses_a_folder_and_writes_a_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(write_ics(dir.path(), "x").unwrap_err().code, ErrorCode::Invalid);
        let file = dir.path().join("shifts.ics");
        write_ics(&file, "BEGIN:VCALENDAR").unwrap();
        assert_eq!(std::fs::read_to_string(file).unwrap(), "BEGIN:VCALENDAR");
    }
}
