//! Sync commands: the team roster, exporting bundles for chosen members into a folder
//! chosen in the save dialog, importing a bundle file. One-line adapters over
//! `amparo::sync`; the views below are what the Sync screen shows.

use std::path::PathBuf;

use chrono::Utc;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;
use uuid::Uuid;

use amparo::sync::{self as core_sync, roster};

use crate::error::ApiResult;
use crate::state::AppState;
use crate::views::{convert, Role};

#[derive(Debug, Clone, Serialize, TS)]
pub struct DeviceView {
    pub id: Uuid,
    pub label: String,
    /// Twenty digits people compare in person before trusting a card.
    pub fingerprint: Option<String>,
    pub revoked: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MemberView {
    pub id: Uuid,
    pub name: String,
    pub role: Option<Role>,
    pub devices: Vec<DeviceView>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SyncStatus {
    pub team_name: Option<String>,
    /// This device's card, to give to the coordinator (public keys only).
    pub own_card: String,
    pub own_fingerprint: String,
    pub members: Vec<MemberView>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct WrittenView {
    pub member_name: String,
    pub file_name: String,
    pub changes: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportSummary {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub conflicts: usize,
    pub already_seen: usize,
    pub future_dated: usize,
    pub bundle_already_imported: bool,
}

fn status(s: &mut amparo::Store) -> ApiResult<SyncStatus> {
    let card = roster::own_card(s, Utc::now())?;
    let team = roster::team(s.conn())?;
    let members = roster::members(s.conn())?
        .into_iter()
        .map(|m| {
            Ok(MemberView {
                id: m.id,
                name: m.name,
                role: m.role.as_ref().map(convert).transpose()?,
                devices: m
                    .devices
                    .into_iter()
                    .map(|d| DeviceView {
                        fingerprint: d.keys.as_ref().map(|k| k.fingerprint(d.id)),
                        id: d.id,
                        label: d.label,
                        revoked: d.revoked_at.is_some(),
                    })
                    .collect(),
            })
        })
        .collect::<ApiResult<_>>()?;
    Ok(SyncStatus {
        team_name: team.map(|t| t.name),
        own_fingerprint: card.fingerprint(),
        own_card: card.to_text(),
        members,
    })
}

#[tauri::command]
pub fn sync_status(state: State<'_, AppState>) -> ApiResult<SyncStatus> {
    state.with_store_api(status)
}

#[tauri::command]
pub fn create_team(state: State<'_, AppState>, name: String) -> ApiResult<SyncStatus> {
    state.with_store_api(|s| {
        roster::create_team(s, &name, Utc::now())?;
        status(s)
    })
}

#[tauri::command]
pub fn add_member(state: State<'_, AppState>, card: String, role: Role) -> ApiResult<SyncStatus> {
    let role: amparo::domain::Role = convert(&role)?;
    state.with_store_api(|s| {
        roster::add_member(s, &roster::Card::parse(&card)?, role, Utc::now())?;
        status(s)
    })
}

#[tauri::command]
pub fn export_bundles(state: State<'_, AppState>, member_ids: Vec<Uuid>, dir: String) -> ApiResult<Vec<WrittenView>> {
    state.with_store_api(|s| {
        Ok(core_sync::export_to_dir(s, &member_ids, false, &PathBuf::from(&dir), Utc::now())?
            .into_iter()
            .map(|w| WrittenView {
                member_name: w.member_name,
                file_name: w.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                changes: w.ops,
            })
            .collect())
    })
}

#[tauri::command]
pub fn import_bundle(state: State<'_, AppState>, path: String) -> ApiResult<ImportSummary> {
    state.with_store_api(|s| {
        let r = core_sync::import_file(s, &PathBuf::from(&path), Utc::now())?;
        Ok(ImportSummary {
            new: r.new,
            updated: r.updated,
            unchanged: r.unchanged,
            conflicts: r.conflicts,
            already_seen: r.already_seen,
            future_dated: r.future_dated,
            bundle_already_imported: r.bundle_already_imported,
        })
    })
}
