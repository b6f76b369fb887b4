//! The hotline desk's commands (issue 16): one-line adapters over `amparo_core::incident`
//! (the rules) and `amparo_core::ops::incident` (the desk and an incident's page). They
//! return the core's records and views, which derive their TypeScript under its `ts`
//! feature. The only logic of their own: "taking" a call names this store's volunteer
//! record when no dispatcher is chosen, and a responder's step crosses as a word.

use chrono::Utc;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;
use uuid::Uuid;

use amparo_core::domain::{
    Disposition, Incident, IncidentKind, IncidentObservation, IncidentVerification, ResponderRole, ResponseZone,
    VerifiedBy,
};
use amparo_core::incident as rules;
use amparo_core::ops::incident::{DeskRow, IncidentPage};
use amparo_core::schedule::Lang;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;

pub use amparo_core::domain::Dispatch;

type S<'a> = State<'a, AppState>;

/// A responder's step, as the web view names it (`amparo_core::incident::Step`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DispatchStep {
    Acknowledged,
    OnScene,
    Left,
}

impl From<DispatchStep> for rules::Step {
    fn from(s: DispatchStep) -> Self {
        match s {
            DispatchStep::Acknowledged => rules::Step::Acknowledged,
            DispatchStep::OnScene => rules::Step::OnScene,
            DispatchStep::Left => rules::Step::Left,
        }
    }
}

/// The text pasted into a zone's Signal group, with what it holds (said before copying:
/// it leaves the store in clear).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SignalText {
    pub text: String,
    pub contains: String,
}

/// Who takes a call: the dispatcher chosen, else the volunteer record this store is linked to.
fn taker(chosen: Option<Uuid>, actor: amparo_core::access::Actor) -> ApiResult<Uuid> {
    match (chosen, actor) {
        (Some(v), _) => Ok(v),
        (None, amparo_core::access::Actor::Member { volunteer: Some(v), .. }) => Ok(v),
        (None, _) => Err(ApiError::new(
            ErrorCode::Invalid,
            "this store is not linked to a volunteer record: choose the dispatcher who handles it",
        )),
    }
}

fn lang(code: &str) -> ApiResult<Lang> {
    Ok(code.parse::<Lang>()?)
}

#[tauri::command]
pub fn incident_desk(state: S<'_>, include_closed: bool) -> ApiResult<Vec<DeskRow>> {
    state.with_store(|s| amparo_core::ops::incident::desk(s, include_closed))
}

#[tauri::command]
pub fn incident_page(state: S<'_>, id: Uuid) -> ApiResult<IncidentPage> {
    state.with_store(|s| amparo_core::ops::incident::page(s, id))
}

/// A new call, received now, taken by this store's volunteer record when it has one.
#[tauri::command]
pub fn blank_incident(state: S<'_>) -> ApiResult<Incident> {
    state.with_store(|s| {
        let mut i = Incident::new(Utc::now(), IncidentKind::Other, "");
        if let amparo_core::access::Actor::Member { volunteer, .. } = s.actor()? {
            i.received_by_id = volunteer;
        }
        Ok(i)
    })
}

#[tauri::command]
pub fn add_incident(state: S<'_>, incident: Incident) -> ApiResult<Uuid> {
    state.with_store(|s| s.write(Utc::now(), |w| rules::add_incident(w, &incident)))
}

#[tauri::command]
pub fn save_incident(state: S<'_>, incident: Incident) -> ApiResult<usize> {
    state.with_store(|s| s.write(Utc::now(), |w| rules::save_incident(w, &incident)))
}

/// "Being handled by": the dispatcher chosen, or this store's volunteer record.
#[tauri::command]
pub fn take_incident(state: S<'_>, id: Uuid, dispatcher: Option<Uuid>) -> ApiResult<()> {
    state.with_store_api(|s| {
        let who = taker(dispatcher, s.actor()?)?;
        Ok(s.write(Utc::now(), |w| rules::handle(w, id, Some(who)))?)
    })
}

#[tauri::command]
pub fn let_go_incident(state: S<'_>, id: Uuid) -> ApiResult<()> {
    state.with_store(|s| s.write(Utc::now(), |w| rules::handle(w, id, None)))
}

#[tauri::command]
pub fn verify_incident(
    state: S<'_>,
    id: Uuid,
    volunteer: Option<Uuid>,
    how: VerifiedBy,
    confirmed: bool,
) -> ApiResult<IncidentVerification> {
    let now = Utc::now();
    state.with_store(|s| s.write(now, |w| rules::verify(w, id, volunteer, how, now, confirmed)))
}

#[tauri::command]
pub fn dispatch_responder(state: S<'_>, id: Uuid, volunteer: Uuid, role: ResponderRole) -> ApiResult<Dispatch> {
    let now = Utc::now();
    state.with_store(|s| s.write(now, |w| rules::dispatch(w, id, volunteer, role, now)))
}

#[tauri::command]
pub fn mark_dispatch_step(state: S<'_>, dispatch_id: Uuid, step: DispatchStep) -> ApiResult<Dispatch> {
    let now = Utc::now();
    state.with_store(|s| s.write(now, |w| rules::mark(w, dispatch_id, step.into(), now)))
}

#[tauri::command]
pub fn observe_incident(
    state: S<'_>,
    id: Uuid,
    text: String,
    witness: Option<String>,
    volunteer: Option<Uuid>,
) -> ApiResult<IncidentObservation> {
    let now = Utc::now();
    state.with_store(|s| s.write(now, |w| rules::observe(w, id, now, &text, witness, volunteer)))
}

#[tauri::command]
pub fn close_incident(state: S<'_>, id: Uuid, disposition: Disposition) -> ApiResult<()> {
    state.with_store(|s| s.write(Utc::now(), |w| rules::close(w, id, disposition)))
}

#[tauri::command]
pub fn reopen_incident(state: S<'_>, id: Uuid) -> ApiResult<()> {
    state.with_store(|s| s.write(Utc::now(), |w| rules::reopen(w, id)))
}

/// Fold the report `other` into `keep`; returns how many records moved.
#[tauri::command]
pub fn merge_incidents(state: S<'_>, keep: Uuid, other: Uuid) -> ApiResult<usize> {
    let now = Utc::now();
    state.with_store(|s| s.write(now, |w| rules::merge(w, keep, other, now)))
}

#[tauri::command]
pub fn response_zones(state: S<'_>) -> ApiResult<Vec<ResponseZone>> {
    state.with_store(|s| s.list::<ResponseZone>())
}

#[tauri::command]
pub fn add_response_zone(
    state: S<'_>,
    name: String,
    time_zone: String,
    signal_group: Option<String>,
) -> ApiResult<Uuid> {
    let mut zone = ResponseZone::new(name.trim(), amparo_core::domain::parse_time_zone(&time_zone)?);
    zone.signal_group = signal_group.map(|g| g.trim().to_string()).filter(|g| !g.is_empty());
    state.with_store(|s| s.write(Utc::now(), |w| w.create(&zone)))
}

/// The Signal text of an incident in `lang` ("en" or "es"), and what it contains.
#[tauri::command]
pub fn incident_signal_text(state: S<'_>, id: Uuid, lang: String) -> ApiResult<SignalText> {
    let lang = self::lang(&lang)?;
    state.with_store(|s| {
        let i: Incident = s.get(id)?;
        let zone = match i.zone_id {
            Some(z) => s.find::<ResponseZone>(z)?,
            None => None,
        };
        Ok(SignalText {
            text: rules::signal_text(&i, zone.as_ref(), crate::reminders::viewer_zone(), lang),
            contains: rules::signal_text_contains(lang).to_string(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use amparo_core::access::Actor;
    use amparo_core::domain::Role;

    #[test]
    fn a_call_is_taken_by_the_chosen_dispatcher_else_by_this_stores_volunteer() {
        let chosen = Uuid::now_v7();
        let mine = Uuid::now_v7();
        let linked = Actor::Member { role: Some(Role::Dispatcher), volunteer: Some(mine) };
        assert_eq!(taker(Some(chosen), linked).unwrap(), chosen);
        assert_eq!(taker(None, linked).unwrap(), mine);
        assert_eq!(taker(Some(chosen), Actor::Alone).unwrap(), chosen);
        let unlinked = Actor::Member { role: Some(Role::Dispatcher), volunteer: None };
        for actor in [Actor::Alone, unlinked] {
            assert_eq!(taker(None, actor).unwrap_err().code, ErrorCode::Invalid);
        }
    }

    #[test]
    fn a_step_crosses_as_a_word_and_means_the_cores_step() {
        let steps: Vec<DispatchStep> = serde_json::from_str(r#"["acknowledged","on_scene","left"]"#).unwrap();
        let core: Vec<rules::Step> = steps.into_iter().map(Into::into).collect();
        assert_eq!(core, [rules::Step::Acknowledged, rules::Step::OnScene, rules::Step::Left]);
    }

    #[test]
    fn the_signal_language_is_en_or_es() {
        assert_eq!(lang("es").unwrap(), Lang::Es);
        assert_eq!(lang("EN").unwrap(), Lang::En);
        assert!(lang("fr").is_err());
    }
}
