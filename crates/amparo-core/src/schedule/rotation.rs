//! Shifts generated from a rotation template for a range of dates, in the site's time zone.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

pub use crate::clock::resolve_local;
use crate::domain::{RotationTemplate, SanctuarySite, Shift, ShiftSpec};
use crate::error::{Error, Result};
use crate::store::records::query;
use crate::store::Writer;

/// One shift to be created: the instants of a template's shift on one local date.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftDraft {
    pub date: NaiveDate,
    pub label: String,
    pub starts_utc: DateTime<Utc>,
    pub ends_utc: DateTime<Utc>,
    pub min_people: i64,
    pub max_people: Option<i64>,
    pub required_skills: Vec<String>,
    /// The template's start or end time does not exist on this date (clocks spring
    /// forward through it), so the shift starts or ends when the gap ends.
    pub in_dst_gap: bool,
}

/// A generated shift whose written time fell in a DST gap and was moved: said when
/// generating, so nobody expects someone at the door at 02:30.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MovedShift {
    pub date: NaiveDate,
    pub label: String,
    /// The template's times, "HH:MM-HH:MM".
    pub written: String,
    /// The shift's local times as generated, "HH:MM-HH:MM".
    pub local: String,
}

fn in_gap(zone: Tz, local: NaiveDateTime) -> bool {
    matches!(zone.from_local_datetime(&local), LocalResult::None)
}

/// The shifts of `template` for every local date in `from..=to` in `zone`, in time order.
pub fn plan_shifts(specs: &[ShiftSpec], zone: Tz, from: NaiveDate, to: NaiveDate) -> Vec<ShiftDraft> {
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        for spec in specs {
            let end_day = if spec.overnight() { day.succ_opt().unwrap_or(day) } else { day };
            let starts_utc = resolve_local(zone, day.and_time(spec.start));
            let ends_utc = resolve_local(zone, end_day.and_time(spec.end));
            let in_dst_gap = in_gap(zone, day.and_time(spec.start)) || in_gap(zone, end_day.and_time(spec.end));
            if ends_utc <= starts_utc {
                continue; // only possible for a shift lying wholly inside a DST gap
            }
            out.push(ShiftDraft {
                date: day,
                label: spec.label.clone(),
                starts_utc,
                ends_utc,
                min_people: spec.min_people,
                max_people: spec.max_people,
                required_skills: spec.required_skills.clone(),
                in_dst_gap,
            });
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    out.sort_by_key(|d| (d.starts_utc, d.label.clone()));
    out
}

/// What `generate_shifts` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Generated {
    pub created: Vec<Uuid>,
    /// Shifts that already existed (same site, name and start) and were left alone.
    pub existing: usize,
    /// Created shifts whose written time does not exist that day (DST) and was moved.
    pub moved: Vec<MovedShift>,
}

/// Create the shifts of a template for `from..=to` (local dates at the site). Running it
/// twice creates nothing new: a shift with the same site, name and start is kept.
pub fn generate_shifts(w: &mut Writer<'_>, template_id: Uuid, from: NaiveDate, to: NaiveDate) -> Result<Generated> {
    if to < from {
        return Err(Error::bad("dates", crate::error::Invalid::EndDateBeforeStart));
    }
    if (to - from).num_days() > 800 {
        return Err(Error::bad("dates", crate::error::Invalid::AtMostTwoYears));
    }
    let template: RotationTemplate = w.get(template_id)?;
    let site: SanctuarySite = w.get(template.site_id)?;
    let zone = site.time_zone;
    let drafts = plan_shifts(&template.shifts, zone, from, to);
    let (Some(first), Some(last)) = (drafts.first(), drafts.last()) else {
        return Ok(Generated::default());
    };
    let existing: Vec<Shift> = query(
        w.tx(),
        "AND site_id = ?1 AND starts_utc >= ?2 AND starts_utc <= ?3",
        (site.id.to_string(), ts(first.starts_utc), ts(last.starts_utc)),
    )?;
    let mut out = Generated::default();
    for d in drafts {
        if existing.iter().any(|s| s.label == d.label && s.starts_utc == d.starts_utc) {
            out.existing += 1;
            continue;
        }
        if d.in_dst_gap {
            let written = template
                .shifts
                .iter()
                .find(|sp| sp.label == d.label)
                .map(|sp| format!("{}-{}", sp.start.format("%H:%M"), sp.end.format("%H:%M")))
                .unwrap_or_default();
            let local = format!(
                "{}-{}",
                d.starts_utc.with_timezone(&zone).format("%H:%M"),
                d.ends_utc.with_timezone(&zone).format("%H:%M")
            );
            out.moved.push(MovedShift { date: d.date, label: d.label.clone(), written, local });
        }
        let shift = Shift {
            id: Uuid::now_v7(),
            site_id: site.id,
            label: d.label,
            starts_utc: d.starts_utc,
            ends_utc: d.ends_utc,
            min_people: d.min_people,
            max_people: d.max_people,
            required_skills: d.required_skills,
            handoff_notes: None,
        };
        out.created.push(w.create(&shift)?);
    }
    Ok(out)
}

/// Add a rotation template or save changes to one; the site must exist. Shifts already
/// generated from it are left as they are.
pub fn save_template(w: &mut Writer<'_>, template: &RotationTemplate) -> Result<Uuid> {
    w.get::<SanctuarySite>(template.site_id)?;
    if w.find::<RotationTemplate>(template.id)?.is_some() {
        w.save(template)?;
    } else if retired(w, template.id)? {
        // Deleted here or on another device while someone was editing it.
        return Err(Error::NotFound {
            kind: <RotationTemplate as crate::domain::Record>::NOUN,
            id: template.id.to_string(),
        });
    } else {
        w.create(template)?;
    }
    Ok(template.id)
}

fn retired(w: &Writer<'_>, id: Uuid) -> Result<bool> {
    let n: i64 = w.tx().query_row(
        "SELECT COUNT(*) FROM rotation_template WHERE id = ?1 AND deleted = 1",
        [id.to_string()],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

/// Retire a rotation template: a tombstone delete through the change log, so the team's
/// other devices drop it too. Shifts already generated from it stay, with their people.
pub fn delete_template(w: &mut Writer<'_>, template_id: Uuid) -> Result<()> {
    w.get::<RotationTemplate>(template_id)?;
    w.remove::<RotationTemplate>(template_id)
}

/// An instant as the store writes it, for range conditions in queries.
pub fn ts_pub(t: DateTime<Utc>) -> String {
    ts(t)
}

/// How instants are written to the store (serde's form for `DateTime<Utc>`), so text
/// comparison in SQL orders them.
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveTime};
    use proptest::prelude::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn three_shifts() -> Vec<ShiftSpec> {
        vec![
            ShiftSpec::new("day", t(8, 0), t(14, 0)),
            ShiftSpec::new("evening", t(14, 0), t(20, 0)),
            ShiftSpec::new("overnight", t(20, 0), t(8, 0)),
        ]
    }

    #[test]
    fn overnight_shift_on_the_fall_back_night_lasts_thirteen_hours_and_spring_forward_eleven() {
        let zone: Tz = "America/Chicago".parse().unwrap();
        let fall = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(); // clocks fall back Nov 1
        let shifts = plan_shifts(&three_shifts(), zone, fall, fall);
        let night = shifts.iter().find(|s| s.label == "overnight").unwrap();
        assert_eq!(night.ends_utc - night.starts_utc, Duration::hours(13));
        let spring = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap(); // clocks spring forward Mar 8
        let shifts = plan_shifts(&three_shifts(), zone, spring, spring);
        let night = shifts.iter().find(|s| s.label == "overnight").unwrap();
        assert_eq!(night.ends_utc - night.starts_utc, Duration::hours(11));
        // The door still opens at 08:00 local on both mornings.
        assert_eq!(night.ends_utc.with_timezone(&zone).time(), t(8, 0));
    }

    #[test]
    fn a_shift_starting_inside_the_spring_forward_gap_starts_when_the_gap_ends() {
        let zone: Tz = "America/New_York".parse().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        let specs = vec![ShiftSpec::new("a", t(0, 0), t(2, 30)), ShiftSpec::new("b", t(2, 30), t(8, 0))];
        let shifts = plan_shifts(&specs, zone, day, day);
        assert_eq!(shifts.len(), 2);
        assert_eq!(shifts[0].ends_utc, shifts[1].starts_utc);
        assert_eq!(shifts[1].starts_utc.with_timezone(&zone).time(), t(3, 0));
        assert_eq!(shifts[0].ends_utc - shifts[0].starts_utc, Duration::hours(2));
    }

    const ZONES: &[&str] = &[
        "America/Chicago",
        "America/New_York",
        "America/Los_Angeles",
        "America/Phoenix",
        "Europe/London",
        "Australia/Lord_Howe",
        "America/Santiago",
        "Pacific/Chatham",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
        /// A template whose shifts chain around the clock covers every instant of the
        /// range exactly once, whatever DST does, and each shift starts at its local time
        /// unless that time does not exist that day.
        #[test]
        fn chained_templates_cover_time_without_gaps_or_overlaps_across_dst(
            zone_i in 0..ZONES.len(),
            start_day in 0i64..730,
            days in 1i64..40,
            first_h in 0u32..24,
            lens in proptest::collection::vec(1u32..12, 1..4),
        ) {
            let zone: Tz = ZONES[zone_i].parse().unwrap();
            // Split the day into consecutive shifts starting at first_h.
            let total: u32 = lens.iter().sum();
            prop_assume!(total < 24);
            let mut cuts = vec![first_h];
            let mut h = first_h;
            for l in &lens { h = (h + l) % 24; cuts.push(h); }
            cuts.push(first_h); // the last shift closes the loop
            let specs: Vec<ShiftSpec> = cuts.windows(2).enumerate()
                .map(|(i, w)| ShiftSpec::new(format!("s{i}"), t(w[0], 0), t(w[1], 0)))
                .collect();
            let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Duration::days(start_day);
            let to = from + Duration::days(days - 1);
            let shifts = plan_shifts(&specs, zone, from, to);
            // A shift lying wholly inside a skipped hour disappears; at most one per change.
            let n = specs.len() * days as usize;
            prop_assert!(shifts.len() <= n && shifts.len() + 2 >= n);
            for pair in shifts.windows(2) {
                prop_assert_eq!(pair[0].ends_utc, pair[1].starts_utc, "gap or overlap between {:?} and {:?}", pair[0], pair[1]);
            }
            for s in &shifts {
                prop_assert!(s.ends_utc > s.starts_utc);
                let local = s.starts_utc.with_timezone(&zone).naive_local();
                let spec = specs.iter().find(|p| p.label == s.label).unwrap();
                let wanted = s.date.and_time(spec.start);
                if zone.from_local_datetime(&wanted).earliest().is_some() {
                    prop_assert_eq!(local, wanted);
                } else {
                    prop_assert!(local > wanted && local - wanted <= Duration::hours(2));
                }
            }
        }
    }
}
