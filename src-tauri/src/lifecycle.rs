//! Commands that open, create and lock the store, and the app's preferences.

use std::path::PathBuf;

use chrono::Utc;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::prefs::Prefs;
use crate::state::AppState;

/// What the UI needs to know before and after unlocking.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    pub store_dir: String,
    pub store_exists: bool,
    pub unlocked: bool,
    pub demo: bool,
    pub prefs: Prefs,
    pub version: String,
}

/// The demo store's passphrase: it holds only fictional data, so it is no secret, but it
/// meets the one passphrase minimum every store has.
pub const DEMO_PASSPHRASE: &str = "amparo demo store";
/// What demo stores made before the minimum were created with.
const OLD_DEMO_PASSPHRASE: &str = "demo";

pub fn status(state: &AppState) -> AppStatus {
    let dir = state.store_dir();
    AppStatus {
        store_exists: amparo_core::ops::stores::store_exists(&dir),
        demo: state.is_demo(),
        store_dir: dir.display().to_string(),
        unlocked: state.is_unlocked(),
        prefs: state.prefs(),
        version: env!("CARGO_PKG_VERSION").to_string(),
    }
}

/// Whether this computer's clock looks wrong against what the open store has seen, so the
/// person sets it before they edit (their edits would lose to older ones, or be held back).
#[tauri::command]
pub fn clock_problem(state: State<'_, AppState>) -> ApiResult<Option<amparo_core::clock::ClockProblem>> {
    state.with_store(|s| s.clock_problem(Utc::now()))
}

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    status(&state)
}

#[tauri::command]
pub fn create_store(state: State<'_, AppState>, name: String, passphrase: Zeroizing<String>) -> ApiResult<AppStatus> {
    let store = amparo_core::ops::stores::create_store(&state.store_dir(), &name, &passphrase, Utc::now())?;
    state.opened(store);
    Ok(status(&state))
}

#[tauri::command]
pub fn unlock(state: State<'_, AppState>, passphrase: Zeroizing<String>) -> ApiResult<AppStatus> {
    let store = amparo_core::Store::open(&state.store_dir(), &passphrase)?;
    state.opened(store);
    Ok(status(&state))
}

#[tauri::command]
pub fn open_demo(state: State<'_, AppState>) -> ApiResult<AppStatus> {
    let dir = state.paths.demo_store_dir.clone();
    let store = match amparo_core::ops::stores::open_or_create_demo(&dir, DEMO_PASSPHRASE, Utc::now()) {
        Err(amparo_core::Error::WrongPassphrase(_)) => {
            amparo_core::ops::stores::open_or_create_demo(&dir, OLD_DEMO_PASSPHRASE, Utc::now())?
        }
        other => other?,
    };
    state.use_dir(Some(dir), true);
    state.opened(store);
    Ok(status(&state))
}

/// Point the app at another store folder (chosen in the open dialog); unlock comes next.
#[tauri::command]
pub fn use_store_dir(state: State<'_, AppState>, path: String) -> ApiResult<AppStatus> {
    let dir = PathBuf::from(path);
    if !amparo_core::ops::stores::store_exists(&dir) {
        return Err(ApiError::new(ErrorCode::NoStore, format!("no Amparo store at {}", dir.display())));
    }
    state.lock();
    state.use_dir(Some(dir.clone()), false);
    let mut prefs = state.prefs();
    prefs.store_dir = Some(dir.display().to_string());
    save(&state, prefs)?;
    Ok(status(&state))
}

/// Point the app at an empty folder for a new store (chosen in the open dialog); the
/// first-run screen creates it next. A folder that already holds a store is refused.
#[tauri::command]
pub fn new_store_dir(state: State<'_, AppState>, path: String) -> ApiResult<AppStatus> {
    let dir = PathBuf::from(path);
    if amparo_core::ops::stores::store_exists(&dir) {
        return Err(ApiError::new(ErrorCode::StoreExists, format!("a store already exists at {}", dir.display())));
    }
    state.lock();
    state.use_dir(Some(dir.clone()), false);
    let mut prefs = state.prefs();
    prefs.store_dir = Some(dir.display().to_string());
    save(&state, prefs)?;
    Ok(status(&state))
}

/// Write an encrypted backup of the open store to `path` (age, with its own passphrase,
/// which must meet the store's minimum): `amparo backup`. Returns its size in bytes.
#[tauri::command]
pub fn backup_store(state: State<'_, AppState>, path: String, passphrase: Zeroizing<String>) -> ApiResult<u64> {
    state.with_store(|s| {
        amparo_core::sync::backup::backup(
            s,
            &PathBuf::from(&path),
            &passphrase,
            amparo_core::sync::backup::BackupCost::default(),
        )
    })
}

/// Restore a backup into `dir`, an empty folder, as `amparo restore` does: a new device of
/// the same member unless `replaces_lost_device` (the laptop it was made on is lost and
/// will never be used again). The app then points at the restored store, unlocked.
#[tauri::command]
pub fn restore_store(
    state: State<'_, AppState>,
    file: String,
    dir: String,
    backup_passphrase: Zeroizing<String>,
    store_passphrase: Zeroizing<String>,
    replaces_lost_device: bool,
) -> ApiResult<AppStatus> {
    use amparo_core::sync::backup::{restore, RestoreAs};
    let dir = PathBuf::from(dir);
    let as_ = if replaces_lost_device { RestoreAs::ReplacedDevice } else { RestoreAs::NewDevice };
    let store = restore(&PathBuf::from(file), &dir, &backup_passphrase, &store_passphrase, as_, Utc::now())?;
    state.lock();
    state.use_dir(Some(dir.clone()), false);
    let mut prefs = state.prefs();
    prefs.store_dir = Some(dir.display().to_string());
    save(&state, prefs)?;
    state.opened(store);
    Ok(status(&state))
}

#[tauri::command]
pub fn change_passphrase(
    state: State<'_, AppState>,
    current: Zeroizing<String>,
    next: Zeroizing<String>,
) -> ApiResult<()> {
    state.touch();
    Ok(amparo_core::Store::change_passphrase(&state.store_dir(), &current, &next, amparo_core::KdfParams::default())?)
}

#[tauri::command]
pub fn lock(state: State<'_, AppState>) {
    state.lock();
}

#[tauri::command]
pub fn touch(state: State<'_, AppState>) {
    state.touch();
}

#[tauri::command]
pub fn save_prefs(state: State<'_, AppState>, prefs: Prefs) -> ApiResult<AppStatus> {
    save(&state, prefs)?;
    Ok(status(&state))
}

fn save(state: &AppState, prefs: Prefs) -> ApiResult<()> {
    prefs.save(&state.paths.prefs_file)?;
    *state.prefs.lock().unwrap_or_else(|p| p.into_inner()) = prefs;
    Ok(())
}
