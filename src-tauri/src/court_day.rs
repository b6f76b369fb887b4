//! The court-day run sheet, with both clocks where the viewer's differs from the place's,
//! and the team's "detained" checklist.

use chrono::{NaiveDate, Offset, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;
use uuid::Uuid;

use amparo_core::court::{self};
use amparo_core::domain as d;

use crate::error::ApiResult;
use crate::reminders::viewer_zone;
use crate::state::AppState;

type S<'a> = State<'a, AppState>;

// ------------------------------------------------------------------ court day

/// A time at the place and, when the viewer's clock differs, the viewer's.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TwoClocks {
    /// "HH:MM" at the place.
    pub local: String,
    pub zone: String,
    /// The zone's abbreviation then, e.g. "CST".
    pub zone_abbr: String,
    /// "HH:MM" on the viewer's clock when its offset differs from the place's.
    pub viewer: Option<String>,
    pub viewer_abbr: Option<String>,
    /// The viewer's date, when it is not the place's.
    pub viewer_date: Option<NaiveDate>,
}

pub fn two_clocks(at: d::PlaceTime, viewer: Tz) -> TwoClocks {
    let there = at.utc().with_timezone(&at.zone);
    let here = at.utc().with_timezone(&viewer);
    let differs = there.offset().fix() != here.offset().fix();
    TwoClocks {
        local: there.format("%H:%M").to_string(),
        zone: at.zone.name().to_string(),
        zone_abbr: there.format("%Z").to_string(),
        viewer: differs.then(|| here.format("%H:%M").to_string()),
        viewer_abbr: differs.then(|| here.format("%Z").to_string()),
        viewer_date: (differs && here.date_naive() != there.date_naive()).then(|| here.date_naive()),
    }
}

/// A run sheet entry (`court::run_sheet`, the one `amparo runsheet` prints) with what the
/// screen needs beside it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RunSheetRow {
    #[serde(flatten)]
    pub entry: court::RunSheetEntry,
    /// The family to open.
    pub household_id: Uuid,
    /// The time at the place and on the viewer's clock, apart (`entry.time` says both in one text).
    pub clocks: TwoClocks,
    /// What this store does not hold of the court date (`views::court_not_shared`).
    pub not_shared: Vec<String>,
}

/// Every scheduled appointment on `day` (at its place), in time order.
#[tauri::command]
pub fn run_sheet(state: S<'_>, day: NaiveDate) -> ApiResult<Vec<RunSheetRow>> {
    let viewer = viewer_zone();
    state.with_store_api(|s| {
        let not_shared = crate::views::court_not_shared(s.actor()?);
        court::run_sheet(s.conn(), day, viewer)?
            .into_iter()
            .map(|entry| {
                let c: d::CourtDate = s.get(entry.court_date_id)?;
                Ok(RunSheetRow {
                    household_id: c.household_id,
                    clocks: two_clocks(c.at(), viewer),
                    entry,
                    not_shared: not_shared.clone(),
                })
            })
            .collect()
    })
}

/// The team's rapid-response checklist (opened as tasks when someone is detained).
#[tauri::command]
pub fn detained_checklist(state: S<'_>) -> ApiResult<Vec<String>> {
    state.with_store(|s| court::checklist(s.conn(), court::DETAINED_CHECKLIST))
}

#[tauri::command]
pub fn save_detained_checklist(state: S<'_>, items: Vec<String>) -> ApiResult<Vec<String>> {
    state.with_store(|s| {
        s.write(Utc::now(), |w| court::set_checklist(w, court::DETAINED_CHECKLIST, items))?;
        court::checklist(s.conn(), court::DETAINED_CHECKLIST)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_viewers_time_is_shown_beside_the_places_only_when_they_differ() {
        let at = d::PlaceTime::new(
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(23, 30, 0).unwrap(),
            chrono_tz::America::Chicago,
        )
        .unwrap();
        let same = two_clocks(at, chrono_tz::America::Chicago);
        assert_eq!((same.local.as_str(), same.zone_abbr.as_str(), same.viewer.clone()), ("23:30", "CST", None));
        let east = two_clocks(at, chrono_tz::America::New_York);
        assert_eq!(east.viewer.as_deref(), Some("00:30"));
        assert_eq!(east.viewer_abbr.as_deref(), Some("EST"));
        assert_eq!(east.viewer_date, NaiveDate::from_ymd_opt(2026, 12, 2));
        let west = two_clocks(at, chrono_tz::America::Los_Angeles);
        assert_eq!((west.viewer.as_deref(), west.viewer_date), (Some("21:30"), None));
    }
}
