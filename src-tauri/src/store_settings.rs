//! Settings kept inside the encrypted store: the retention of closed cases. Adapters over
//! `amparo_core::settings`.

use chrono::Utc;
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

/// Days a closed family is kept before the retention purge; `None` when off.
#[tauri::command]
pub fn retention(state: State<'_, AppState>) -> ApiResult<Option<i64>> {
    state.with_store(|s| amparo_core::settings::retention_days(s.conn()))
}

#[tauri::command]
pub fn set_retention(state: State<'_, AppState>, days: Option<i64>) -> ApiResult<Option<i64>> {
    state.with_store(|s| {
        amparo_core::settings::set_retention_days(s, days)?;
        amparo_core::settings::retention_days(s.conn())
    })
}

/// Purge every family closed longer ago than the retention setting; how many.
#[tauri::command]
pub fn apply_retention(state: State<'_, AppState>) -> ApiResult<usize> {
    state.with_store(|s| amparo_core::settings::apply_retention(s, Utc::now()))
}
