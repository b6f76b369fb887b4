//! A volunteer's own shifts as an iCalendar file, carrying only what the coordinator
//! allows: by default the summary "Shift at <site code>" and the times, nothing else.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use rusqlite::Connection;
use uuid::Uuid;

use super::rotation::ts;
use crate::domain::{SanctuarySite, Shift, ShiftAssignment, Volunteer};
use crate::error::Result;
use crate::store::records::{find, get, query};

/// What the calendar file may carry beyond "Shift at <code>" and the times.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IcsOptions {
    /// Add the shift's name, e.g. "Shift at SJ-1 (overnight)".
    pub include_shift_label: bool,
}

/// The volunteer's shifts starting in `[from, to)` as an `.ics` text. `now` is the
/// DTSTAMP of every event.
pub fn volunteer_ics(
    conn: &Connection,
    volunteer_id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    opts: &IcsOptions,
    now: DateTime<Utc>,
) -> Result<String> {
    let _: Volunteer = get(conn, volunteer_id)?;
    let mine: Vec<ShiftAssignment> = query(conn, "AND volunteer_id = ?1 ORDER BY id", [volunteer_id.to_string()])?;
    let mut cal = Calendar::new();
    cal.name("Amparo shifts");
    let mut shifts: Vec<(Shift, Uuid)> = Vec::new();
    for a in mine {
        if let Some(s) = find::<Shift>(conn, a.shift_id)? {
            if ts(s.starts_utc) >= ts(from) && s.starts_utc < to {
                shifts.push((s, a.id));
            }
        }
    }
    shifts.sort_by_key(|(s, _)| s.starts_utc);
    for (s, assignment) in shifts {
        let code = find::<SanctuarySite>(conn, s.site_id)?.map(|x| x.code).unwrap_or_else(|| "?".into());
        let summary = if opts.include_shift_label {
            format!("Shift at {code} ({})", s.label)
        } else {
            format!("Shift at {code}")
        };
        let event = Event::new()
            .uid(&format!("{assignment}@amparo"))
            .timestamp(now)
            .summary(&summary)
            .starts(s.starts_utc)
            .ends(s.ends_utc)
            .done();
        cal.push(event);
    }
    Ok(cal.done().to_string())
}
