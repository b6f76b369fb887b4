//! The record commands: one-line adapters from the web view to `amparo`'s functions.
//! Each reads the open store from the state (or fails with `locked`) and returns the
//! core's answer, with what a screen shows beside it (`views`).

use chrono::{Duration, Local, NaiveDate, NaiveTime, TimeZone, Utc};
use tauri::State;
use uuid::Uuid;

use amparo_core::domain as d;
use amparo_core::ops;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use crate::views::*;

type S<'a> = State<'a, AppState>;

fn time(text: &str) -> ApiResult<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| ApiError::new(ErrorCode::Invalid, format!("{text:?} is not a time such as 09:30")))
}

fn zone(name: &str) -> ApiResult<chrono_tz::Tz> {
    Ok(d::parse_time_zone(name)?)
}

fn court_views(store: &amparo_core::Store, list: &[ops::court::CourtStaffing]) -> ApiResult<Vec<CourtView>> {
    let not_shared = court_not_shared(store.actor()?);
    list.iter().map(|c| CourtView::new(c, &not_shared)).collect()
}

fn shift_view(c: ops::sanctuary::ShiftCoverage) -> ShiftView {
    ShiftView {
        local_start: c.local_start(),
        local_end: c.local_end(),
        volunteers: c.volunteers.iter().map(|v| PersonRef { id: v.id, name: v.name.clone() }).collect(),
        short_by: c.short_by(),
        shift: c.shift,
    }
}

fn placement_views(store: &amparo_core::Store, list: Vec<d::Placement>) -> ApiResult<Vec<PlacementView>> {
    list.into_iter()
        .map(|p| {
            Ok(PlacementView {
                household_name: store.find::<d::Household>(p.household_id)?.map(|h| h.display_name).unwrap_or_default(),
                site_name: store.find::<d::HousingSite>(p.site_id)?.map(|s| s.name).unwrap_or_default(),
                last_check_in: amparo_core::housing::last_check_in(
                    store.conn(),
                    p.id,
                    crate::reminders::viewer_zone(),
                )?,
                placement: p.clone(),
            })
        })
        .collect()
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

// ------------------------------------------------------------------ home and search

#[tauri::command]
pub fn agenda(state: S<'_>) -> ApiResult<HomeAgenda> {
    state.with_store(|s| home_agenda(s, Utc::now()))
}

/// Home's agenda: the one `amparo agenda` prints, in this computer's zone.
fn home_agenda(s: &amparo_core::Store, now: chrono::DateTime<Utc>) -> amparo_core::Result<HomeAgenda> {
    let agenda = amparo_core::query::agenda(s.conn(), now, amparo_core::query::local_offset(now), 14)?;
    Ok(HomeAgenda { agenda, court_not_shared: court_not_shared(s.actor()?) })
}

#[tauri::command]
pub fn search(state: S<'_>, text: String) -> ApiResult<Vec<SearchHit>> {
    state.with_store_api(|s| {
        Ok(ops::search::search(s, &text, 30)?
            .into_iter()
            .map(|h| SearchHit { kind: h.kind, id: h.id, label: h.label, household_id: h.household_id })
            .collect())
    })
}

// ------------------------------------------------------------------ families

/// Every family, closed ones too (the screen filters by status), by name.
#[tauri::command]
pub fn households(state: S<'_>) -> ApiResult<Vec<Household>> {
    state.with_store(|s| ops::family::families(s, true))
}

/// Families deleted (not purged) that a coordinator may bring back.
#[tauri::command]
pub fn deleted_families(state: S<'_>) -> ApiResult<Vec<amparo_core::rules::DeletedFamily>> {
    state.with_store(|s| amparo_core::rules::deleted_families(s))
}

/// Bring back a deleted family with what was deleted with it; returns how many records came back.
#[tauri::command]
pub fn undelete_family(state: S<'_>, id: Uuid) -> ApiResult<usize> {
    state.with_store(|s| s.write(Utc::now(), |w| amparo_core::rules::undelete(w, &amparo_core::schema::HOUSEHOLD, id)))
}

/// Records that cannot be read as their kind (`sync::validate::damaged`): shown in their
/// place and on Home, so nothing is left out of a list without a word.
#[tauri::command]
pub fn damaged_records(state: S<'_>) -> ApiResult<Vec<amparo_core::sync::validate::Damaged>> {
    // Screens ask on every visit; the whole store is read only after it changed.
    state.with_store(|s| state.damaged.lock().unwrap_or_else(|p| p.into_inner()).damaged(s.conn()))
}

/// Delete a record that cannot be read, to enter it again.
#[tauri::command]
pub fn delete_damaged(state: S<'_>, table: String, id: Uuid) -> ApiResult<()> {
    state.with_store(|s| s.write(Utc::now(), |w| amparo_core::sync::validate::delete_damaged(w, &table, id)))
}

/// A family's records deleted on their own (`rules::deleted_of_family`), for a coordinator
/// to bring back.
#[tauri::command]
pub fn deleted_of_family(state: S<'_>, id: Uuid) -> ApiResult<Vec<amparo_core::rules::DeletedRecord>> {
    state.with_store(|s| amparo_core::rules::deleted_of_family(s, id))
}

/// Bring back one of a family's records deleted by mistake (`rules::undelete`: with the
/// notes deleted with it). Returns how many records came back.
#[tauri::command]
pub fn undelete_record(state: S<'_>, kind: String, id: Uuid) -> ApiResult<usize> {
    let table = amparo_core::rules::UNDELETABLE_IN_A_FAMILY
        .contains(&kind.as_str())
        .then(|| amparo_core::schema::table(&kind))
        .flatten()
        .ok_or_else(|| {
            amparo_core::Error::invalid(
                "record",
                "only a family's person, court date, placement or task is brought back here",
            )
        })?;
    state.with_store(|s| s.write(Utc::now(), |w| amparo_core::rules::undelete(w, table, id)))
}

#[tauri::command]
pub fn blank_household() -> ApiResult<Household> {
    Ok(d::Household::new(""))
}

#[tauri::command]
pub fn save_household(state: S<'_>, household: Household) -> ApiResult<Uuid> {
    state.with_store(|s| ops::records::upsert(s, Utc::now(), today(), &household))
}

#[tauri::command]
pub fn family(state: S<'_>, id: Uuid) -> ApiResult<FamilyDetail> {
    state.with_store_api(|s| family_detail(s, id))
}

/// The family page `amparo family show` prints (`ops::family::family_page`), with what the
/// screen shows beside it: names, history, what this store's role is not sent.
fn family_detail(s: &amparo_core::Store, id: Uuid) -> ApiResult<FamilyDetail> {
    let page = ops::family::family_page(s, id)?;
    let history = amparo_core::query::history(s.conn(), id)?;
    let lead_volunteer = match page.household.lead_volunteer_id {
        Some(v) => s.find::<d::Volunteer>(v)?.map(|v| PersonRef { id: v.id, name: v.name }),
        None => None,
    };
    Ok(FamilyDetail {
        lead_volunteer,
        court_dates: court_views(s, &page.court_dates)?,
        placements: placement_views(s, page.placements)?,
        household: page.household,
        persons: page.persons,
        tasks: page.tasks,
        notes: page.notes,
        history_names: history_names(s, &history)?,
        history: history.iter().map(HistoryEntry::from).collect(),
        household_not_shared: amparo_core::sync::redact::not_held(s.actor()?, &amparo_core::schema::HOUSEHOLD),
        person_not_shared: amparo_core::sync::redact::not_held(s.actor()?, &amparo_core::schema::PERSON),
    })
}

/// The names behind the ids in a family's history (its lead volunteer and congregation,
/// then and now), so the history reads "Ana → Luis", not two ids.
fn history_names(s: &amparo_core::Store, history: &[amparo_core::query::HistoryEntry]) -> ApiResult<Vec<PersonRef>> {
    let mut ids: Vec<(Uuid, &str)> = Vec::new();
    for e in history {
        for v in [&e.old, &e.new] {
            if let Some(id) = v.as_str().and_then(|t| t.parse::<Uuid>().ok()) {
                if !ids.iter().any(|(i, _)| *i == id) {
                    ids.push((id, e.field.as_str()));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (id, field) in ids {
        let name = match field {
            "lead_volunteer_id" => s.find::<d::Volunteer>(id)?.map(|v| v.name),
            "lead_congregation_id" => s.find::<d::Congregation>(id)?.map(|c| c.name),
            _ => None,
        };
        if let Some(name) = name {
            out.push(PersonRef { id, name });
        }
    }
    Ok(out)
}

#[tauri::command]
pub fn blank_person(household_id: Uuid) -> ApiResult<Person> {
    Ok(d::Person::new(household_id, ""))
}

/// Save a person; `anyway` saves an A-number already recorded in another family
/// (`rules::Overrides::duplicate_a_number`), after the user saw that refusal.
#[tauri::command]
pub fn save_person(state: S<'_>, person: Person, anyway: Option<bool>) -> ApiResult<Uuid> {
    let p = person;
    let allow = amparo_core::rules::Overrides { duplicate_a_number: anyway.unwrap_or(false), ..Default::default() };
    state.with_store(|s| {
        s.write(Utc::now(), |w| {
            if w.find::<d::Person>(p.id)?.is_some() {
                amparo_core::rules::save_person_with(w, &p, allow)?;
            } else {
                amparo_core::rules::add_person_with(w, &p, allow)?;
            }
            Ok(p.id)
        })
    })
}

/// Delete a person entered by mistake or twice, with their sanctuary stays and the notes
/// on them; the family's court dates stay and stop naming the person. Returns how many
/// records went.
#[tauri::command]
pub fn delete_person(state: S<'_>, id: Uuid) -> ApiResult<usize> {
    state.with_store(|s| s.write(Utc::now(), |w| amparo_core::rules::delete_person(w, id)))
}

#[tauri::command]
pub fn add_note(state: S<'_>, household_id: Uuid, body: String, visibility: Visibility) -> ApiResult<Uuid> {
    let now = Utc::now();
    let note = d::Note {
        id: Uuid::now_v7(),
        record_table: "household".into(),
        record_id: household_id,
        body,
        visibility,
        created_at: now,
    };
    state.with_store(|s| s.write(now, |w| amparo_core::rules::add_note(w, &note)))
}

#[tauri::command]
pub fn add_task(
    state: S<'_>,
    household_id: Option<Uuid>,
    title: String,
    due_date: Option<NaiveDate>,
) -> ApiResult<Uuid> {
    let mut task = d::Task::new(title);
    task.household_id = household_id;
    task.due_date = due_date;
    state.with_store(|s| s.write(Utc::now(), |w| amparo_core::rules::add_task(w, &task)))
}

#[tauri::command]
pub fn set_task_status(state: S<'_>, id: Uuid, status: TaskStatus) -> ApiResult<()> {
    state.with_store(|s| {
        let mut t: d::Task = s.get(id)?;
        t.status = status;
        s.write(Utc::now(), |w| amparo_core::rules::save_task(w, &t)).map(|_| ())
    })
}

// ------------------------------------------------------------------ court dates

#[tauri::command]
pub fn court_dates(state: S<'_>) -> ApiResult<Vec<CourtView>> {
    state.with_store_api(|s| court_views(s, &ops::court::court_dates(s, None, None, None)?))
}

#[tauri::command]
pub fn court_date(state: S<'_>, id: Uuid) -> ApiResult<CourtView> {
    state.with_store_api(|s| {
        let actor = s.actor()?;
        let staffing = ops::court::court_date(s, id)?;
        let mut view = CourtView::new(&staffing, &court_not_shared(actor))?;
        view.may_report_outcome = amparo_core::court::may_report_outcome(s.conn(), actor, &staffing.court)?;
        Ok(view)
    })
}

#[tauri::command]
pub fn save_court_date(state: S<'_>, input: CourtDateInput) -> ApiResult<Uuid> {
    let at = d::PlaceTime::new(input.date.and_time(time(&input.time)?), zone(&input.time_zone)?)?;
    let kind = input.kind;
    state.with_store(|s| {
        let mut c = match input.id {
            Some(id) => s.get::<d::CourtDate>(id)?,
            None => d::CourtDate::new(input.household_id, kind, at, input.place.clone()),
        };
        c.set_at(at);
        c.kind = kind;
        c.household_id = input.household_id;
        c.person_id = input.person_id;
        c.time_tbc = input.time_tbc;
        c.confirmed = input.confirmed;
        c.place = input.place.clone();
        c.address = input.address.clone();
        c.room = input.room.clone();
        c.judge = input.judge.clone();
        c.attorney_attending = input.attorney_attending.clone();
        c.interpreter = input.interpreter.clone();
        c.transport_needed = input.transport_needed;
        c.min_accompaniers = input.min_accompaniers;
        c.max_accompaniers = input.max_accompaniers;
        c.accompanier_notes = input.accompanier_notes.clone();
        c.internal_notes = input.internal_notes.clone();
        ops::records::upsert(s, Utc::now(), today(), &c)
    })
}

/// Delete a court date entered by mistake, with the accompaniers assigned to it and the
/// notes on it; the links from the dates before and after it are cleared. A tombstone,
/// synced like any change: a device that edited the date without seeing the deletion
/// gets it back for review. Returns how many records went.
#[tauri::command]
pub fn delete_court_date(state: S<'_>, id: Uuid) -> ApiResult<usize> {
    state.with_store(|s| s.write(Utc::now(), |w| amparo_core::rules::delete_court_date(w, id)))
}

#[tauri::command]
pub fn set_accompaniers(state: S<'_>, court_date_id: Uuid, volunteer_ids: Vec<Uuid>) -> ApiResult<()> {
    state.with_store(|s| ops::court::set_accompaniers(s, Utc::now(), court_date_id, &volunteer_ids))
}

/// Why each of `volunteer_ids` not yet going to the court date may not be able to
/// (`court::warnings_before_assigning`: another court date or a shift at the time, no training,
/// a blackout), asked before assigning so that the coordinator can assign anyway.
#[tauri::command]
pub fn accompanier_warnings(
    state: S<'_>,
    court_date_id: Uuid,
    volunteer_ids: Vec<Uuid>,
) -> ApiResult<Vec<amparo_core::query::AccompanierFlag>> {
    state.with_store(|s| amparo_core::court::warnings_before_assigning(s.conn(), court_date_id, &volunteer_ids))
}

/// Undo an outcome recorded by mistake (`court::clear_outcome`): the date is scheduled again.
#[tauri::command]
pub fn clear_outcome(state: S<'_>, court_date_id: Uuid) -> ApiResult<()> {
    state.with_store(|s| s.write(Utc::now(), |w| amparo_core::court::clear_outcome(w, court_date_id)))
}

#[tauri::command]
pub fn record_outcome(state: S<'_>, input: OutcomeInput) -> ApiResult<OutcomeDone> {
    let next_time = input.next_time.as_deref().map(time).transpose()?;
    state
        .with_store(|s| {
            let court: d::CourtDate = s.get(input.court_date_id)?;
            let next = match (input.next_date, next_time) {
                (Some(day), Some(t)) => Some(d::PlaceTime::new(day.and_time(t), court.time_zone)?),
                (Some(day), None) => Some(d::PlaceTime::new(day.and_time(court.local_start.time()), court.time_zone)?),
                _ => None,
            };
            ops::court::record_outcome(
                s,
                Utc::now(),
                today(),
                input.court_date_id,
                &input.outcome,
                input.detained,
                next,
            )
        })
        .map(|r| OutcomeDone { next_court_date_id: r.next_court_date_id, tasks_opened: r.tasks.len() })
}

// ------------------------------------------------------------------ team

/// Every volunteer, inactive ones too (the Team screen reactivates them; pickers filter), by name.
#[tauri::command]
pub fn volunteers(state: S<'_>) -> ApiResult<Vec<Volunteer>> {
    state.with_store(|s| ops::team::volunteers(s, true))
}

#[tauri::command]
pub fn blank_volunteer() -> ApiResult<Volunteer> {
    Ok(d::Volunteer::new(""))
}

#[tauri::command]
pub fn save_volunteer(state: S<'_>, volunteer: Volunteer) -> ApiResult<Uuid> {
    let v = volunteer;
    state.with_store(|s| ops::records::upsert(s, Utc::now(), today(), &v))
}

/// How many court dates and shifts a volunteer is on, in all and still to come: what
/// the question before deleting them says they will lose.
#[tauri::command]
pub fn volunteer_assignments(state: S<'_>, id: Uuid) -> ApiResult<amparo_core::query::VolunteerAssignments> {
    state.with_store(|s| amparo_core::query::volunteer_assignments(s.conn(), id, Utc::now()))
}

/// Delete a volunteer entered by mistake, with their court and shift assignments (the
/// dates and shifts stay). Returns how many records went.
#[tauri::command]
pub fn delete_volunteer(state: S<'_>, id: Uuid) -> ApiResult<usize> {
    state.with_store(|s| s.write(Utc::now(), |w| amparo_core::rules::delete_volunteer(w, id)))
}

// ------------------------------------------------------------------ housing

#[tauri::command]
pub fn housing(state: S<'_>) -> ApiResult<(Vec<SiteView>, Vec<PlacementView>)> {
    state.with_store_api(|s| {
        let sites = ops::housing::sites_on(s, today())?
            .iter()
            .map(|u| Ok(SiteView { site: u.site.clone(), beds_used: u.beds_used, free_beds: u.free_beds() }))
            .collect::<ApiResult<_>>()?;
        Ok((sites, placement_views(s, ops::housing::placements(s, None)?)?))
    })
}

#[tauri::command]
pub fn blank_housing_site() -> ApiResult<HousingSite> {
    Ok(d::HousingSite::new("", 1))
}

#[tauri::command]
pub fn save_housing_site(state: S<'_>, site: HousingSite) -> ApiResult<Uuid> {
    state.with_store(|s| ops::records::upsert(s, Utc::now(), today(), &site))
}

/// Save a placement; `anyway` places a family with children at a site that accepts none
/// (`rules::Overrides::children_at_site`), after the user saw that refusal.
#[tauri::command]
pub fn save_placement(state: S<'_>, placement: Placement, anyway: Option<bool>) -> ApiResult<Uuid> {
    let p = placement;
    let allow = amparo_core::rules::Overrides { children_at_site: anyway.unwrap_or(false), ..Default::default() };
    state.with_store(|s| {
        s.write(Utc::now(), |w| {
            if w.find::<d::Placement>(p.id)?.is_some() {
                amparo_core::rules::save_placement_with(w, &p, allow)?;
            } else {
                amparo_core::rules::add_placement_with(w, &p, allow)?;
            }
            Ok(p.id)
        })
    })
}

/// The time zone a new court date or sanctuary site starts in, and whether it is the team's.
#[tauri::command]
pub fn default_time_zone(state: S<'_>) -> ApiResult<ops::zone::DefaultZone> {
    state.with_store(|s| ops::zone::default_zone(s, crate::reminders::viewer_zone()))
}

/// Record a check-in on a placement: the day it happened, who went, how it went.
#[tauri::command]
pub fn record_check_in(state: S<'_>, placement_id: Uuid, on: NaiveDate, by: String, how: String) -> ApiResult<Uuid> {
    state.with_store(|s| {
        s.write(Utc::now(), |w| {
            amparo_core::rules::record_check_in(
                w,
                placement_id,
                on,
                &by,
                &how,
                Utc::now(),
                crate::reminders::viewer_zone(),
            )
        })
    })
}

// ------------------------------------------------------------------ sanctuary

#[tauri::command]
pub fn sanctuary_sites(state: S<'_>) -> ApiResult<Vec<SanctuarySite>> {
    state.with_store(|s| ops::sanctuary::sites(s))
}

#[tauri::command]
pub fn save_sanctuary_site(state: S<'_>, site: SanctuarySite) -> ApiResult<Uuid> {
    state.with_store(|s| ops::records::upsert(s, Utc::now(), today(), &site))
}

/// The week from `monday` (a date at the site) for one site.
#[tauri::command]
pub fn rota(state: S<'_>, site_id: Uuid, monday: NaiveDate) -> ApiResult<Vec<ShiftView>> {
    state.with_store_api(|s| {
        let site: d::SanctuarySite = s.get(site_id)?;
        let from = site
            .time_zone
            .from_local_datetime(&monday.and_time(NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&Utc));
        let from =
            from.ok_or_else(|| ApiError::new(ErrorCode::Invalid, "that week does not start at midnight there"))?;
        Ok(ops::sanctuary::shifts(s, Some(site_id), from, from + Duration::days(7))?
            .into_iter()
            .map(shift_view)
            .collect())
    })
}

/// Why each of `volunteer_ids` not yet on the shift may not come (a blackout date),
/// asked before assigning so that the coordinator can assign anyway, as the CLI warns.
#[tauri::command]
pub fn shift_warnings(
    state: S<'_>,
    shift_id: Uuid,
    volunteer_ids: Vec<Uuid>,
) -> ApiResult<Vec<amparo_core::schedule::ShiftFlag>> {
    state.with_store(|s| amparo_core::schedule::warnings_before_assigning(s.conn(), shift_id, &volunteer_ids))
}

#[tauri::command]
pub fn set_shift_volunteers(state: S<'_>, shift_id: Uuid, volunteer_ids: Vec<Uuid>) -> ApiResult<()> {
    state.with_store(|s| ops::sanctuary::set_shift_volunteers(s, Utc::now(), shift_id, &volunteer_ids))
}

#[tauri::command]
pub fn save_handoff(state: S<'_>, shift_id: Uuid, notes: String) -> ApiResult<()> {
    state.with_store(|s| {
        let mut shift: d::Shift = s.get(shift_id)?;
        shift.handoff_notes = Some(notes).filter(|n| !n.trim().is_empty());
        ops::records::upsert(s, Utc::now(), today(), &shift).map(|_| ())
    })
}

// ------------------------------------------------------------------ retention

/// Whether "Forget this family" is offered: on a team, to coordinators only.
#[tauri::command]
pub fn may_forget_families(state: S<'_>) -> ApiResult<bool> {
    state.with_store(|s| amparo_core::sync::purge::may_forget_families(s))
}

/// Forget a family: purge it and everything that belongs to it, here and on every device
/// the purge syncs to, leaving only tombstones. Returns how many records.
#[tauri::command]
pub fn forget_family(state: S<'_>, id: Uuid) -> ApiResult<usize> {
    state.with_store(|s| amparo_core::sync::purge::forget_family(s, id, Utc::now()))
}

/// Purge every family closed at least `days` days ago (the purge reaches every replica).
#[tauri::command]
pub fn purge_closed(state: S<'_>, days: i64) -> ApiResult<usize> {
    state.with_store(|s| amparo_core::sync::purge::purge_closed(s, days, Utc::now()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use amparo_core::domain::{CourtDate, CourtKind, Household, PlaceTime};

    /// Home showed the agenda from this instant on (UTC), so a hearing that began an hour
    /// ago had left it while `amparo agenda` still listed it with its outcome to report.
    #[test]
    fn home_keeps_a_hearing_that_began_an_hour_ago_as_the_cli_does() {
        let at = |s: &str| s.parse::<chrono::DateTime<Utc>>().unwrap();
        let now = at("2026-12-02T12:00:00Z");
        let dir = tempfile::tempdir().unwrap();
        let owner = amparo_core::Owner { name: "T".into(), device_label: "t".into() };
        let mut s = amparo_core::Store::init(
            &dir.path().join("s"),
            "a long pass phrase",
            amparo_core::KdfParams::MINIMUM,
            &owner,
            at("2026-11-01T00:00:00Z"),
        )
        .unwrap();
        let h = Household::new("Familia Quiñónez");
        let began = PlaceTime::new(
            chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap().and_hms_opt(11, 0, 0).unwrap(),
            chrono_tz::UTC,
        )
        .unwrap();
        let c = CourtDate::new(h.id, CourtKind::MasterCalendar, began, "Example Court");
        s.write(at("2026-11-02T00:00:00Z"), |w| {
            w.create(&h)?;
            w.create(&c)
        })
        .unwrap();
        let home = home_agenda(&s, now).unwrap().agenda;
        assert_eq!(home.court_dates.iter().map(|c| c.id).collect::<Vec<_>>(), vec![c.id]);
        let cli = amparo_core::query::agenda(s.conn(), now, amparo_core::query::local_offset(now), 14).unwrap();
        assert_eq!(cli.court_dates.len(), home.court_dates.len());
    }

    fn t(s: &str) -> chrono::DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_familys_history_names_its_lead_volunteers_and_leaves_out_one_deleted_since() {
        let dir = tempfile::tempdir().unwrap();
        let owner = amparo_core::Owner { name: "T".into(), device_label: "t".into() };
        let mut s = amparo_core::Store::init(
            &dir.path().join("s"),
            "a long pass phrase",
            amparo_core::KdfParams::MINIMUM,
            &owner,
            t("2026-11-01T00:00:00Z"),
        )
        .unwrap();
        let ana = d::Volunteer::new("Ana Belén");
        let luis = d::Volunteer::new("Luis");
        let mut h = d::Household::new("Familia Quetzal");
        h.lead_volunteer_id = Some(ana.id);
        s.write(t("2026-11-01T00:00:00Z"), |w| {
            amparo_core::rules::add_volunteer(w, &ana)?;
            amparo_core::rules::add_volunteer(w, &luis)?;
            amparo_core::rules::add_household(w, &h)
        })
        .unwrap();
        h.lead_volunteer_id = Some(luis.id);
        s.save(t("2026-11-02T00:00:00Z"), &h).unwrap();
        s.write(t("2026-11-03T00:00:00Z"), |w| amparo_core::rules::delete_volunteer(w, ana.id)).unwrap();

        let history = amparo_core::query::history(s.conn(), h.id).unwrap();
        let names = history_names(&s, &history).unwrap();
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!((names[0].id, names[0].name.as_str()), (luis.id, "Luis"));
    }

    /// The family screen reads the page `amparo family show` prints: its placements by first
    /// night and its tasks by due date, an undated one last (the screen showed both in the
    /// order they were entered), and Families lists every family by name, closed ones too.
    #[test]
    fn the_family_screen_lists_placements_by_first_night_and_tasks_by_due_date() {
        let dir = tempfile::tempdir().unwrap();
        let owner = amparo_core::Owner { name: "T".into(), device_label: "t".into() };
        let now = t("2026-11-01T00:00:00Z");
        let mut s = amparo_core::Store::init(
            &dir.path().join("s"),
            "a long pass phrase",
            amparo_core::KdfParams::MINIMUM,
            &owner,
            now,
        )
        .unwrap();
        let today = now.date_naive();
        let h = d::Household::new("Familia Quetzal");
        let mut closed = d::Household::new("Familia Árbol");
        closed.status = d::HouseholdStatus::Closed;
        let site = d::HousingSite::new("Casa", 6);
        let placement = |start_date: NaiveDate| d::Placement {
            id: Uuid::now_v7(),
            household_id: h.id,
            site_id: site.id,
            beds: 1,
            start_date,
            expected_end: Some(start_date + Duration::days(2)),
            actual_end: None,
            support_lead_id: None,
            checkin_schedule: None,
            notes: None,
        };
        let (later, sooner) = (placement(today + Duration::days(9)), placement(today));
        let task = |title: &str, due: Option<i64>| {
            let mut task = d::Task::new(title);
            task.household_id = Some(h.id);
            task.due_date = due.map(|n| today + Duration::days(n));
            task
        };
        s.write(now, |w| {
            amparo_core::rules::add_household(w, &h)?;
            amparo_core::rules::add_household(w, &closed)?;
            amparo_core::rules::add_housing_site(w, &site)?;
            amparo_core::rules::add_placement(w, &later)?;
            amparo_core::rules::add_placement(w, &sooner)?;
            for t in [task("undated", None), task("later", Some(5)), task("sooner", Some(1))] {
                amparo_core::rules::add_task(w, &t)?;
            }
            Ok(())
        })
        .unwrap();
        let detail = family_detail(&s, h.id).unwrap();
        let firsts: Vec<Uuid> = detail.placements.iter().map(|p| p.placement.id).collect();
        assert_eq!(firsts, [sooner.id, later.id]);
        let titles: Vec<&str> = detail.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["sooner", "later", "undated"]);
        let families: Vec<String> =
            ops::family::families(&s, true).unwrap().into_iter().map(|h| h.display_name).collect();
        assert_eq!(families, ["Familia Árbol", "Familia Quetzal"]);
    }
}
