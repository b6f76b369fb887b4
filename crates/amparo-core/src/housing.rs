//! Housing: which sites can take a family for a whole stay, and reminders for
//! placements ending soon and check-ins that were missed.
//!

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::{Household, HousingSite, Note, Person, Placement};
use crate::error::{Error, Result};
use crate::store::records::{get, query};

/// What a family needs from a site.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HousingNeed {
    pub beds: i64,
    pub children: bool,
    /// Languages the family speaks; a site speaking any of them ranks higher.
    pub languages: Vec<String>,
    pub pets: bool,
    pub accessible: bool,
}

const CHILD_WORDS: &[&str] =
    &["child", "son", "daughter", "hijo", "hija", "niño", "niña", "nino", "nina", "baby", "bebé", "bebe"];

impl HousingNeed {
    /// The needs of a household as recorded: one bed per person, children by age on
    /// `on` (under 18) or relationship, accessibility and pets from its needs text.
    pub fn for_household(conn: &Connection, household_id: Uuid, on: NaiveDate) -> Result<HousingNeed> {
        let h: Household = get(conn, household_id)?;
        let people: Vec<Person> = query(conn, "AND household_id = ?1", [household_id.to_string()])?;
        let children = people.iter().any(|p| {
            let by_age = p.birth_date.is_some_and(|b| on.years_since(b).is_some_and(|y| y < 18));
            let by_relation = p.relationship.as_deref().is_some_and(|r| {
                let r = r.to_lowercase();
                CHILD_WORDS.iter().any(|w| r.contains(w))
            });
            by_age || by_relation
        });
        let needs = h.needs.clone().unwrap_or_default().to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| needs.contains(w));
        Ok(HousingNeed {
            beds: people.len().max(1) as i64,
            children,
            languages: h.languages.iter().map(|l| l.trim().to_lowercase()).collect(),
            pets: has(&["pet", "dog", "cat", "mascota", "perro", "gato"]),
            accessible: has(&["accessib", "wheelchair", "silla de ruedas", "accesib", "mobility"]),
        })
    }
}

/// The fewest free beds at `site` over the nights `from..=to`, not counting placements
/// of `except` (the family itself, when moving). Counted with `crate::domain::peak_beds`, the
/// same count that refuses an over-capacity placement, so a match always fits.
pub fn free_beds(
    site: &HousingSite,
    placements: &[Placement],
    from: NaiveDate,
    to: NaiveDate,
    except: Option<Uuid>,
) -> i64 {
    let here: Vec<Placement> =
        placements.iter().filter(|p| p.site_id == site.id && Some(p.household_id) != except).cloned().collect();
    site.capacity - crate::domain::peak_beds(&here, from, Some(to)).0
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SiteMatch {
    pub site_id: Uuid,
    pub name: String,
    pub capacity: i64,
    /// Fewest free beds on any night of the stay.
    pub free_beds: i64,
    pub shared_languages: Vec<String>,
    pub verified: bool,
    pub score: i64,
}

/// Sites with enough free beds for every night of `from..=to` and that accept what the
/// family needs (children, pets, accessibility), best first: a shared language, then a
/// verified site, then the closest fit (fewest beds left empty).
pub fn match_sites(
    conn: &Connection,
    need: &HousingNeed,
    from: NaiveDate,
    to: NaiveDate,
    except: Option<Uuid>,
) -> Result<Vec<SiteMatch>> {
    if to < from {
        return Err(Error::bad("dates", crate::error::Invalid::LastNightBeforeFirst));
    }
    if (to - from).num_days() > 3 * 366 {
        return Err(Error::bad("dates", crate::error::Invalid::AtMostThreeYears));
    }
    let sites: Vec<HousingSite> = query(conn, "ORDER BY id", [])?;
    let placements: Vec<Placement> = query(conn, "", [])?;
    let mut out = Vec::new();
    for s in sites {
        if (need.children && !s.accepts_children)
            || (need.pets && !s.accepts_pets)
            || (need.accessible && !s.accessible)
        {
            continue;
        }
        let free = free_beds(&s, &placements, from, to, except);
        if free < need.beds {
            continue;
        }
        let shared: Vec<String> = need
            .languages
            .iter()
            .filter(|l| s.languages.iter().any(|x| x.trim().eq_ignore_ascii_case(l)))
            .cloned()
            .collect();
        let verified = s.verified_on.is_some();
        let score = shared.len() as i64 * 1000 + if verified { 100 } else { 0 } - (free - need.beds).min(99);
        out.push(SiteMatch {
            site_id: s.id,
            name: s.name,
            capacity: s.capacity,
            free_beds: free,
            shared_languages: shared,
            verified,
            score,
        });
    }
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.name.cmp(&b.name)));
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HousingReminder {
    EndingSoon {
        placement_id: Uuid,
        household_id: Uuid,
        site_id: Uuid,
        last_night: NaiveDate,
        days_left: i64,
    },
    MissedCheckIn {
        placement_id: Uuid,
        household_id: Uuid,
        site_id: Uuid,
        last_check_in: NaiveDate,
        was_due: NaiveDate,
    },
}

/// Days between check-ins for a schedule written as "daily", "weekly", "biweekly",
/// "monthly" or "every N days" (English or Spanish); `None` when there is none.
pub fn checkin_interval(schedule: &str) -> Option<i64> {
    let s = schedule.trim().to_lowercase();
    if s.is_empty() {
        return None;
    }
    let n = s.split(|c: char| !c.is_ascii_digit()).find(|t| !t.is_empty()).and_then(|t| t.parse::<i64>().ok());
    if s.contains("biweekly") || s.contains("fortnight") || s.contains("quincenal") {
        Some(14)
    } else if s.contains("week") || s.contains("seman") {
        Some(7 * n.unwrap_or(1))
    } else if s.contains("month") || s.contains("mes") || s.contains("mensual") {
        Some(30 * n.unwrap_or(1))
    } else if s.contains("day") || s.contains("dia") || s.contains("día") || s.contains("diari") {
        Some(n.unwrap_or(1))
    } else {
        None
    }
}

/// Placements whose last night is within 14 days of `today`, and current placements
/// whose check-in is overdue. A check-in is a note on the placement; the day it was
/// written counts in `viewer`'s zone.
pub fn housing_reminders(conn: &Connection, today: NaiveDate, viewer: Tz) -> Result<Vec<HousingReminder>> {
    let placements: Vec<Placement> = query(conn, "ORDER BY start_date, id", [])?;
    let notes: Vec<Note> = query(conn, "AND record_table = 'placement'", [])?;
    let mut out = Vec::new();
    for p in placements {
        if p.actual_end.is_some_and(|e| e < today) || p.start_date > today {
            continue;
        }
        if p.actual_end.is_none() {
            if let Some(end) = p.expected_end {
                let days = (end - today).num_days();
                if (0..=14).contains(&days) {
                    out.push(HousingReminder::EndingSoon {
                        placement_id: p.id,
                        household_id: p.household_id,
                        site_id: p.site_id,
                        last_night: end,
                        days_left: days,
                    });
                }
            }
        }
        if let Some(every) = p.checkin_schedule.as_deref().and_then(checkin_interval) {
            let last = notes
                .iter()
                .filter(|n| n.record_id == p.id)
                .map(|n| day_of(n.created_at, viewer))
                .max()
                .unwrap_or(p.start_date)
                .max(p.start_date);
            let due = last + Duration::days(every);
            if today > due {
                out.push(HousingReminder::MissedCheckIn {
                    placement_id: p.id,
                    household_id: p.household_id,
                    site_id: p.site_id,
                    last_check_in: last,
                    was_due: due,
                });
            }
        }
    }
    Ok(out)
}

/// The day of a placement's last check-in (in `viewer`'s zone), if one was recorded.
pub fn last_check_in(conn: &Connection, placement_id: Uuid, viewer: Tz) -> Result<Option<NaiveDate>> {
    let notes: Vec<Note> =
        query(conn, "AND record_table = 'placement' AND record_id = ?1", [placement_id.to_string()])?;
    Ok(notes.iter().map(|n| day_of(n.created_at, viewer)).max())
}

pub(crate) fn day_of(t: DateTime<Utc>, zone: Tz) -> NaiveDate {
    t.with_timezone(&zone).date_naive()
}
