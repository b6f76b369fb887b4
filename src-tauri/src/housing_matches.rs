//! Housing matches for a family: the sites with room, and why others do not fit.

use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;
use uuid::Uuid;

use amparo_core::housing::{self, HousingNeed, SiteMatch};

use crate::error::ApiResult;
use crate::state::AppState;

type S<'a> = State<'a, AppState>;

#[derive(Debug, Clone, Serialize, TS)]
pub struct HousingMatches {
    pub need: HousingNeed,
    pub matches: Vec<SiteMatch>,
}

/// Sites that can take the household for every night `first_night..=last_night`, best
/// first, for its needs as recorded.
#[tauri::command]
pub fn housing_matches(
    state: S<'_>,
    household_id: Uuid,
    first_night: NaiveDate,
    last_night: NaiveDate,
) -> ApiResult<HousingMatches> {
    state.with_store_api(|s| {
        let need = housing::HousingNeed::for_household(s.conn(), household_id, first_night)?;
        let matches = housing::match_sites(s.conn(), &need, first_night, last_night, Some(household_id))?;
        Ok(HousingMatches { need, matches })
    })
}
