//! Sync commands: the team roster (cards, join, add, revoke), exporting bundles for chosen
//! members into a folder chosen in the dialog, importing files or a whole folder (mailbox
//! mode), and the conflict review. Adapters over `amparo_core::sync`; the views below are what
//! the Sync screen shows.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;
use uuid::Uuid;

use amparo_core::clock::Hlc;
use amparo_core::sync::{self as core_sync, conflicts, roster};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use crate::views::Role;

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
    /// Their volunteer record, through which a host, shift volunteer or driver receives
    /// their part; without it such a member receives nothing but the roster.
    pub volunteer_id: Option<Uuid>,
    pub needs_volunteer_link: bool,
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

pub use core_sync::Summary as ImportSummary;

fn status(s: &mut amparo_core::Store) -> ApiResult<SyncStatus> {
    let card = roster::own_card(s, Utc::now())?;
    let team = roster::team(s.conn())?;
    let members = roster::members(s.conn())?
        .into_iter()
        .map(|m| {
            Ok(MemberView {
                id: m.id,
                name: m.name,
                volunteer_id: roster::volunteer_of(s.conn(), m.id)?,
                needs_volunteer_link: m.role.is_some_and(roster::needs_volunteer_link),
                role: m.role,
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
        own_card: roster::own_card_text(s, Utc::now())?,
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
    state.with_store_api(|s| {
        roster::add_member(s, &roster::Card::parse(&card)?, role, Utc::now())?;
        status(s)
    })
}

/// Link a member to their volunteer record (or unlink with `None`): what a host, a shift
/// volunteer or a driver receives is found through it.
#[tauri::command]
pub fn link_member_volunteer(
    state: State<'_, AppState>,
    member: Uuid,
    volunteer: Option<Uuid>,
) -> ApiResult<SyncStatus> {
    state.with_store_api(|s| {
        roster::link_volunteer(s, member, volunteer, Utc::now())?;
        status(s)
    })
}

/// What a member's devices hold of this store's records, as their role cuts it (the
/// question asked after a laptop is lost; `amparo member received`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct MemberHoldings {
    /// Kind of record (table name) and how many, kinds they hold none of left out.
    pub records: Vec<HoldingCount>,
    /// When a bundle last went to them from this device (RFC 3339).
    pub last_bundle: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HoldingCount {
    pub kind: String,
    pub count: usize,
}

#[tauri::command]
pub fn member_received(state: State<'_, AppState>, member: Uuid) -> ApiResult<MemberHoldings> {
    state.with_store_api(|s| {
        let m = roster::find_member(s.conn(), &member.to_string())?;
        let r = core_sync::export::received_by(s, &m)?;
        Ok(MemberHoldings {
            records: r.records.into_iter().map(|(kind, count)| HoldingCount { kind, count }).collect(),
            last_bundle: r.last_bundle.map(|t| t.to_rfc3339()),
        })
    })
}

/// What a card says, shown before trusting it so the two people compare the fingerprint.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CardView {
    pub name: String,
    pub device_label: String,
    pub fingerprint: String,
    pub role: Option<Role>,
    pub team_name: Option<String>,
}

/// The largest file read as a member card (cards are a few hundred bytes).
const MAX_CARD_FILE: u64 = 16 * 1024;

#[tauri::command]
pub fn card_preview(card: String) -> ApiResult<CardView> {
    let c = roster::Card::parse(&card)?;
    Ok(CardView {
        fingerprint: c.fingerprint(),
        role: c.role,
        team_name: c.team.map(|t| t.name),
        name: c.name,
        device_label: c.device_label,
    })
}

/// The text of a card file chosen in the open dialog.
#[tauri::command]
pub fn read_card_file(path: String) -> ApiResult<String> {
    let path = PathBuf::from(path);
    let too_big = std::fs::metadata(&path).map(|m| m.len() > MAX_CARD_FILE).unwrap_or(false);
    if too_big {
        return Err(ApiError::new(ErrorCode::Invalid, "this file is too large to be a member card"));
    }
    let bytes = std::fs::read(&path).map_err(|e| amparo_core::Error::io(format!("reading {}", path.display()), e))?;
    String::from_utf8(bytes)
        .map_err(|_| ApiError::new(ErrorCode::Invalid, "this file is not a member card (it is not text)"))
}

/// Save this device's card (public keys only) where the save dialog chose.
#[tauri::command]
pub fn save_own_card(state: State<'_, AppState>, path: String) -> ApiResult<()> {
    let text = state.with_store(|s| roster::own_card_text(s, Utc::now()))?;
    amparo_core::store::write_private(std::path::Path::new(&path), text.as_bytes())?;
    Ok(())
}

#[tauri::command]
pub fn join_team(state: State<'_, AppState>, card: String) -> ApiResult<SyncStatus> {
    state.with_store_api(|s| {
        roster::join_team(s, &roster::Card::parse(&card)?, Utc::now())?;
        status(s)
    })
}

#[tauri::command]
pub fn revoke_member(state: State<'_, AppState>, member_id: Uuid) -> ApiResult<SyncStatus> {
    state.with_store_api(|s| {
        roster::revoke_member(s, member_id, Utc::now())?;
        status(s)
    })
}

#[tauri::command]
pub fn export_bundles(state: State<'_, AppState>, member_ids: Vec<Uuid>, dir: String) -> ApiResult<Vec<WrittenView>> {
    state.with_store(|s| core_sync::export_to_dir(s, &member_ids, false, &PathBuf::from(&dir), Utc::now()).map(written))
}

/// Home's "Last sync": what the last bundle received brought, and to whom bundles last went.
#[tauri::command]
pub fn last_sync(state: State<'_, AppState>) -> ApiResult<core_sync::activity::LastSync> {
    state.with_store(|s| core_sync::activity::last_sync(s.conn()))
}

fn written(w: Vec<core_sync::Written>) -> Vec<WrittenView> {
    w.into_iter()
        .map(|w| WrittenView {
            member_name: w.member_name,
            file_name: w.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            changes: w.ops,
        })
        .collect()
}

#[tauri::command]
pub fn import_bundle(state: State<'_, AppState>, path: String) -> ApiResult<ImportSummary> {
    state.with_store(|s| core_sync::import_file(s, &PathBuf::from(&path), Utc::now()))
}

/// One file of an import of several: what came in, or why it was refused (the store is
/// unchanged by a refused file; the others still import).
#[derive(Debug, Clone, Serialize, TS)]
pub struct FileOutcome {
    pub file_name: String,
    pub summary: Option<ImportSummary>,
    pub error: Option<ApiError>,
}

fn outcome(path: &Path, r: amparo_core::Result<core_sync::Summary>) -> FileOutcome {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match r {
        Ok(s) => FileOutcome { file_name, summary: Some(s), error: None },
        Err(e) => FileOutcome { file_name, summary: None, error: Some(e.into()) },
    }
}

#[tauri::command]
pub fn import_bundles(state: State<'_, AppState>, paths: Vec<String>) -> ApiResult<Vec<FileOutcome>> {
    state.with_store(|s| {
        let now = Utc::now();
        Ok(paths
            .iter()
            .map(PathBuf::from)
            .map(|p| {
                let r = core_sync::import_file(s, &p, now);
                outcome(&p, r)
            })
            .collect())
    })
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FolderSyncView {
    pub imported: Vec<FileOutcome>,
    pub written: Vec<WrittenView>,
}

/// Mailbox mode: import what the shared folder holds for this device, then write fresh
/// bundles for every member into it (like `amparo sync folder`).
#[tauri::command]
pub fn sync_folder(state: State<'_, AppState>, dir: String) -> ApiResult<FolderSyncView> {
    state.with_store(|s| {
        let r = core_sync::sync_folder(s, &PathBuf::from(&dir), Utc::now())?;
        Ok(FolderSyncView {
            imported: r.imported.into_iter().map(|f| outcome(&f.path, f.outcome)).collect(),
            written: written(r.written),
        })
    })
}

/// One value a conflicting field had, with who wrote it and when.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ConflictValue {
    /// The value as text (JSON for anything but a string; empty for none).
    pub value: String,
    pub at: String,
    pub member_name: Option<String>,
    pub device_label: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ConflictView {
    pub id: String,
    pub table: String,
    pub record_id: Uuid,
    pub record_label: Option<String>,
    /// The family the record belongs to.
    pub family: Option<String>,
    pub field: String,
    pub high_stakes: bool,
    /// A court date's time or place changed by someone who is not a coordinator: in force,
    /// shown for a coordinator to keep or undo.
    pub review: bool,
    /// The value in force now first.
    pub values: Vec<ConflictValue>,
}

fn conflict_views(store: &amparo_core::Store) -> amparo_core::Result<Vec<ConflictView>> {
    let conn = store.conn();
    let label = |table: &str, id: Uuid| amparo_core::query::label_of(conn, table, id);
    conflicts::to_decide(store)?
        .into_iter()
        .map(|c| {
            let values = c
                .versions
                .iter()
                .map(|v| {
                    Ok(ConflictValue {
                        value: match &v.value {
                            serde_json::Value::String(s) => s.clone(),
                            serde_json::Value::Null => String::new(),
                            other => other.to_string(),
                        },
                        at: Hlc(v.hlc).wall().to_rfc3339(),
                        member_name: v.author_name.clone(),
                        device_label: label("device", v.device)?,
                    })
                })
                .collect::<amparo_core::Result<_>>()?;
            Ok(ConflictView {
                record_label: c.record_label,
                family: c.family,
                id: c.id,
                table: c.table,
                record_id: c.record_id,
                field: c.field,
                high_stakes: c.high_stakes,
                review: c.review,
                values,
            })
        })
        .collect()
}

#[tauri::command]
pub fn conflicts(state: State<'_, AppState>) -> ApiResult<Vec<ConflictView>> {
    state.with_store(|s| conflict_views(s))
}

/// Keep the `keep`-th listed value (1 = in force now); the decision is a synced change.
/// Changes held because they are dated ahead of this computer's clock, for a coordinator to
/// wait for or set aside (`amparo sync conflicts` / `discard-held`). Edits waiting for their
/// record settle themselves and are not listed.
#[tauri::command]
pub fn held_changes(state: State<'_, AppState>) -> ApiResult<Vec<core_sync::held::Held>> {
    state.with_store_api(|s| Ok(core_sync::held::ahead_of_clock(s.conn())?))
}

/// Set a held change aside for good on this store.
#[tauri::command]
pub fn discard_held(state: State<'_, AppState>, id: String) -> ApiResult<Vec<core_sync::held::Held>> {
    state.with_store_api(|s| {
        core_sync::held::discard(s, &id, Utc::now())?;
        Ok(core_sync::held::ahead_of_clock(s.conn())?)
    })
}

#[tauri::command]
pub fn resolve_conflict(state: State<'_, AppState>, id: String, keep: usize) -> ApiResult<Vec<ConflictView>> {
    state.with_store(|s| {
        conflicts::resolve(s, &id, conflicts::Keep::Listed(keep), Utc::now())?;
        conflict_views(s)
    })
}
