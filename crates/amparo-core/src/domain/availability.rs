//! When a volunteer can take shifts: weekly windows and blackout dates, expanded through
//! iCalendar recurrence rules (the `rrule` crate) in the site's time zone.
//!
//! A weekly window is written `DAYS HH:MM-HH:MM`, where DAYS is a comma list of
//! MO TU WE TH FR SA SU or `DAILY`, or is a full rule: `RRULE:FREQ=MONTHLY;BYDAY=1SA 09:00-17:00`.
//! An end at or before the start runs past midnight (`FR 20:00-08:00`); `24:00` is
//! midnight at the end of the day. No windows at all means "any time".
//! Rules with INTERVAL > 1 count from Monday 2024-01-01.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::clock::resolve_local;
use crate::domain::Availability;
use crate::error::{Error, Invalid, Result};

/// One parsed window: a recurrence and the local times it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// The RRULE body, e.g. "FREQ=WEEKLY;BYDAY=MO,WE".
    pub rule: String,
    pub start: NaiveTime,
    /// Minutes from `start` to the end (1..=1440).
    pub minutes: i64,
}

fn anchor(from: NaiveDate) -> NaiveDate {
    let fixed = NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
    if from >= fixed {
        fixed
    } else {
        from - Duration::days(7)
    }
}

fn parse_hm(text: &str, what: &str) -> Result<(NaiveTime, bool)> {
    if text.trim() == "24:00" {
        return Ok((NaiveTime::MIN, true));
    }
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map(|t| (t, false)).map_err(|_| {
        Error::bad("availability", Invalid::AvailabilityTime { what: what.to_string(), text: text.to_string() })
    })
}

/// Parse one weekly window.
pub fn parse_window(text: &str) -> Result<Window> {
    let text = text.trim();
    let bad = || Error::bad("availability", Invalid::AvailabilityWindow { text: text.to_string() });
    let (days, times) = text.rsplit_once(char::is_whitespace).ok_or_else(bad)?;
    let (a, b) = times.split_once('-').ok_or_else(bad)?;
    let (start, _) = parse_hm(a, "start")?;
    // "until 23:59" is how people write "until midnight": it covers a shift ending at 24:00.
    let b = if b.trim() == "23:59" { "24:00" } else { b };
    let (end, end_is_midnight) = parse_hm(b, "end")?;
    let mut minutes = (end - start).num_minutes();
    if minutes <= 0 || end_is_midnight {
        minutes += 24 * 60;
    }
    let minutes = minutes.clamp(1, 24 * 60);
    let days = days.trim();
    let rule = if let Some(rule) = days.strip_prefix("RRULE:") {
        rule.trim().to_string()
    } else if days.eq_ignore_ascii_case("DAILY") {
        "FREQ=DAILY".to_string()
    } else {
        let mut list = Vec::new();
        for d in days.split(',') {
            let d = d.trim().to_ascii_uppercase();
            if !["MO", "TU", "WE", "TH", "FR", "SA", "SU"].contains(&d.as_str()) {
                return Err(bad());
            }
            list.push(d);
        }
        format!("FREQ=WEEKLY;BYDAY={}", list.join(","))
    };
    // Reject what the rrule crate would refuse now, rather than at planning time.
    let probe = NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
    let until = Utc.from_utc_datetime(&(probe + Duration::days(8)).and_time(NaiveTime::MIN));
    occurrences(&rule, start, chrono_tz::UTC, probe, probe.and_time(NaiveTime::MIN).and_utc(), until)
        .map_err(|detail| Error::bad("availability", Invalid::AvailabilityRule { text: text.to_string(), detail }))?;
    Ok(Window { rule, start, minutes })
}

/// Local start instants of `rule` at `start` o'clock from `anchor` until `until`.
fn occurrences(
    rule: &str,
    start: NaiveTime,
    zone: Tz,
    anchor: NaiveDate,
    after: DateTime<Utc>,
    until: DateTime<Utc>,
) -> std::result::Result<Vec<DateTime<Utc>>, String> {
    let parsed: rrule::RRule<rrule::Unvalidated> = rule.parse().map_err(|e: rrule::RRuleError| e.to_string())?;
    let rtz = rrule::Tz::Tz(zone);
    let dt_start = rtz.from_utc_datetime(&resolve_local(zone, anchor.and_time(start)).naive_utc());
    let set = parsed.build(dt_start).map_err(|e| e.to_string())?;
    let before = rtz.from_utc_datetime(&until.naive_utc());
    let result = set.after(rtz.from_utc_datetime(&after.naive_utc())).before(before).all(u16::MAX);
    if result.limited {
        return Err("the rule repeats too often; use at most a few occurrences a day".into());
    }
    Ok(result.dates.into_iter().map(|d| d.with_timezone(&Utc)).collect())
}

/// Refuse availability that cannot be read (a malformed window or blackout rule), with
/// the entry and an example in the message. Called when a volunteer is saved.
pub fn check(av: &Availability) -> Result<()> {
    let probe =
        Utc.from_utc_datetime(&NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date").and_time(NaiveTime::MIN));
    Expanded::new(av, chrono_tz::UTC, probe, probe + Duration::days(8)).map(|_| ())
}

/// A volunteer's availability expanded over a planning range, ready for quick checks.
#[derive(Debug, Clone)]
pub struct Expanded {
    /// Merged, sorted windows; `None` when the volunteer gave no windows (any time).
    windows: Option<Vec<(DateTime<Utc>, DateTime<Utc>)>>,
    blackout: BTreeSet<NaiveDate>,
    zone: Tz,
}

impl Expanded {
    /// Expand for shifts between `from` and `to` at a site in `zone`.
    pub fn new(av: &Availability, zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Expanded> {
        let first_day = from.with_timezone(&zone).date_naive() - Duration::days(2);
        let last = to + Duration::days(2);
        let windows = if av.weekly.is_empty() {
            None
        } else {
            let mut spans = Vec::new();
            for text in &av.weekly {
                let w = parse_window(text)?;
                let occ = occurrences(&w.rule, w.start, zone, anchor(first_day), from - Duration::days(3), last)
                    .map_err(|detail| {
                        Error::bad("availability", Invalid::AvailabilityRule { text: text.clone(), detail })
                    })?;
                for o in occ {
                    if o + Duration::days(2) < from {
                        continue;
                    }
                    // The end is a local wall time, so a window keeps its clock hours on DST days.
                    let local = o.with_timezone(&zone).naive_local();
                    let end = resolve_local(zone, local + Duration::minutes(w.minutes));
                    spans.push((o, end));
                }
            }
            spans.sort();
            let mut merged: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
            for (s, e) in spans {
                match merged.last_mut() {
                    Some(last) if s <= last.1 => last.1 = last.1.max(e),
                    _ => merged.push((s, e)),
                }
            }
            Some(merged)
        };
        let mut blackout: BTreeSet<NaiveDate> = av.blackout.iter().copied().collect();
        for rule in &av.blackout_rules {
            let occ = occurrences(
                rule.trim().trim_start_matches("RRULE:"),
                NaiveTime::MIN,
                zone,
                anchor(first_day),
                from - Duration::days(3),
                last,
            )
            .map_err(|detail| Error::bad("blackout rule", Invalid::AvailabilityRule { text: rule.clone(), detail }))?;
            blackout.extend(occ.into_iter().map(|o| o.with_timezone(&zone).date_naive()));
        }
        Ok(Expanded { windows, blackout, zone })
    }

    /// The first blacked-out local date a shift from `start` to `end` touches.
    pub fn blackout_on(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Option<NaiveDate> {
        let first = start.with_timezone(&self.zone).date_naive();
        let last = (end - Duration::seconds(1)).with_timezone(&self.zone).date_naive();
        self.blackout.range(first..=last.max(first)).next().copied()
    }

    /// Whether a shift from `start` to `end` lies inside the windows and touches no
    /// blacked-out local date.
    pub fn allows(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        if self.blackout_on(start, end).is_some() {
            return false;
        }
        match &self.windows {
            None => true,
            Some(ws) => {
                let i = ws.partition_point(|w| w.0 <= start);
                i > 0 && ws[i - 1].1 >= end
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_to_23_59_covers_a_shift_that_ends_at_midnight() {
        let zone = chicago();
        let av = Availability { weekly: vec!["MO 18:00-23:59".into()], ..Availability::default() };
        // Monday 2026-11-30, 18:00 to 24:00 Chicago time.
        let start = resolve_local(zone, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap().and_hms_opt(18, 0, 0).unwrap());
        let end = resolve_local(zone, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_time(NaiveTime::MIN));
        let e = Expanded::new(&av, zone, start - Duration::days(1), end + Duration::days(1)).unwrap();
        assert!(e.allows(start, end), "a window written to 23:59 takes the evening shift to midnight");
        assert!(!e.allows(start, end + Duration::minutes(30)), "but not beyond midnight");
    }

    fn chicago() -> Tz {
        "America/Chicago".parse().unwrap()
    }

    fn at(zone: Tz, y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        zone.with_ymd_and_hms(y, m, d, h, 0, 0).earliest().unwrap().with_timezone(&Utc)
    }

    fn expanded(weekly: &[&str], blackout: &[NaiveDate], rules: &[&str]) -> Expanded {
        let av = Availability {
            weekly: weekly.iter().map(|s| s.to_string()).collect(),
            blackout: blackout.to_vec(),
            blackout_rules: rules.iter().map(|s| s.to_string()).collect(),
        };
        let z = chicago();
        Expanded::new(&av, z, at(z, 2026, 10, 1, 0), at(z, 2026, 12, 31, 0)).unwrap()
    }

    #[test]
    fn weekly_windows_allow_only_their_days_and_hours_including_overnight() {
        let z = chicago();
        let e = expanded(&["MO,WE 18:00-23:00", "FR 20:00-08:00"], &[], &[]);
        // Monday 2026-11-02 evening: inside; Tuesday: not.
        assert!(e.allows(at(z, 2026, 11, 2, 18), at(z, 2026, 11, 2, 23)));
        assert!(!e.allows(at(z, 2026, 11, 3, 18), at(z, 2026, 11, 3, 23)));
        assert!(!e.allows(at(z, 2026, 11, 2, 17), at(z, 2026, 11, 2, 23)));
        // Friday overnight into Saturday morning.
        assert!(e.allows(at(z, 2026, 11, 6, 20), at(z, 2026, 11, 7, 8)));
        assert!(!e.allows(at(z, 2026, 11, 6, 20), at(z, 2026, 11, 7, 9)));
        // The first Friday after DST ends keeps its local hours.
        assert!(e.allows(at(z, 2026, 10, 30, 20), at(z, 2026, 10, 31, 8)));
    }

    #[test]
    fn blackout_dates_and_rules_block_any_shift_touching_the_day() {
        let z = chicago();
        let nov7 = NaiveDate::from_ymd_opt(2026, 11, 7).unwrap();
        let e = expanded(&[], &[nov7], &["FREQ=MONTHLY;BYDAY=1SU"]);
        assert!(e.allows(at(z, 2026, 11, 5, 8), at(z, 2026, 11, 5, 14)));
        // An overnight shift ending on the blacked-out Saturday.
        assert!(!e.allows(at(z, 2026, 11, 6, 20), at(z, 2026, 11, 7, 8)));
        // The first Sunday of December (Dec 6) by rule.
        assert!(!e.allows(at(z, 2026, 12, 6, 8), at(z, 2026, 12, 6, 14)));
        assert!(e.allows(at(z, 2026, 12, 13, 8), at(z, 2026, 12, 13, 14)));
    }

    #[test]
    fn malformed_windows_are_refused_with_an_example() {
        for bad in ["Mondays evenings", "XX 10:00-12:00", "MO 25:00-26:00", "RRULE:FREQ=SOMETIMES 10:00-12:00"] {
            let err = parse_window(bad).unwrap_err().to_string();
            assert!(err.contains("availability"), "{bad}: {err}");
        }
        assert_eq!(parse_window("daily 00:00-24:00").unwrap().minutes, 24 * 60);
    }
}
