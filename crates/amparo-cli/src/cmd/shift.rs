//! `amparo shift`: sanctuary shifts and who covers them.

use anyhow::bail;
use clap::Subcommand;
use serde::Serialize;
use uuid::Uuid;

use amparo_core::domain::{PlaceTime, SanctuarySite, Shift, Volunteer};
use amparo_core::{query, rules};

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum ShiftCmd {
    /// Add a shift at a sanctuary site (times are the site's local time)
    Add {
        /// The sanctuary site (id)
        #[arg(long)]
        site: String,
        /// e.g. day, evening, overnight
        #[arg(long)]
        label: String,
        /// Start, "YYYY-MM-DD HH:MM" local time at the site
        #[arg(long)]
        start: String,
        /// End, "YYYY-MM-DD HH:MM" local time at the site
        #[arg(long)]
        end: String,
        /// Minimum people on the shift
        #[arg(long, default_value_t = 2)]
        min: i64,
        /// Maximum people on the shift
        #[arg(long)]
        max: Option<i64>,
        /// A skill the shift needs, e.g. spanish, rapid_response (repeat)
        #[arg(long = "skill", value_name = "SKILL")]
        skills: Vec<String>,
    },
    /// List shifts in the coming days with who is on them
    List {
        /// Only at this site (id)
        #[arg(long)]
        site: Option<String>,
        /// How many days ahead (1 to 3660)
        #[arg(long, default_value_t = 14, value_parser = clap::value_parser!(u32).range(1..=3660))]
        days: u32,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Put volunteers on a shift
    Assign {
        /// The shift (id)
        id: String,
        /// Volunteers (ids)
        #[arg(required = true)]
        volunteers: Vec<String>,
    },
    /// Take volunteers off a shift
    Unassign {
        /// The shift (id)
        id: String,
        /// Volunteers (ids)
        #[arg(required = true)]
        volunteers: Vec<String>,
    },
    /// Delete a shift and its assignments
    Delete(IdArg),
}

#[derive(Serialize)]
pub(super) struct ShiftView {
    shift: Shift,
    site_code: String,
    local_start: String,
    local_end: String,
    volunteers: Vec<query::Person>,
    understaffed: bool,
}

pub(super) fn shift(mut c: Ctx<'_>, cmd: ShiftCmd) -> anyhow::Result<()> {
    match cmd {
        ShiftCmd::Add { site, label, start, end, min, max, skills } => {
            let site = c.store.get::<SanctuarySite>(c.id::<SanctuarySite>(&site)?)?;
            let at = |flag: &str, t: &str| -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
                let (local, date_only) = parse_local(flag, t)?;
                if date_only {
                    bail!("give a time for {flag}, e.g. \"2026-12-01 08:00\"");
                }
                Ok(PlaceTime::new(local, site.time_zone)?.utc())
            };
            let s = Shift {
                id: Uuid::now_v7(),
                site_id: site.id,
                label: label.trim().to_string(),
                starts_utc: at("--start", &start)?,
                ends_utc: at("--end", &end)?,
                min_people: min,
                max_people: max,
                required_skills: skills,
                handoff_notes: None,
            };
            let id = c.write(|w| rules::add_shift(w, &s))?;
            println!("added shift {id}");
        }
        ShiftCmd::List { site, days, json } => {
            let now = c.session.now;
            let to = now + chrono::Duration::days(days as i64);
            let site = site.map(|s| c.id::<SanctuarySite>(&s)).transpose()?;
            let views: Vec<ShiftView> = amparo_core::ops::sanctuary::shifts(c.store, site, now, to)?
                .into_iter()
                .map(|s| ShiftView {
                    local_start: s.local_start().format("%Y-%m-%d %H:%M").to_string(),
                    local_end: s.local_end().format("%Y-%m-%d %H:%M").to_string(),
                    understaffed: s.understaffed(),
                    volunteers: s.volunteers.iter().map(|v| query::Person { id: v.id, name: v.name.clone() }).collect(),
                    site_code: s.site_code,
                    shift: s.shift,
                })
                .collect();
            if json.json {
                return print_json(&views);
            }
            if views.is_empty() {
                println!("no shifts in the next {days} days");
            }
            for v in &views {
                let names: Vec<&str> = v.volunteers.iter().map(|p| p.name.as_str()).collect();
                println!(
                    "{}  [{}] {}  {} to {}  {}/{}  {}{}",
                    v.shift.id,
                    v.site_code,
                    v.shift.label,
                    v.local_start,
                    v.local_end,
                    names.len(),
                    v.shift.min_people,
                    names.join(", "),
                    if v.understaffed { "  UNDER-STAFFED" } else { "" }
                );
            }
        }
        ShiftCmd::Assign { id, volunteers } => {
            let sid = c.id::<Shift>(&id)?;
            let vids = volunteers.iter().map(|v| c.id::<Volunteer>(v)).collect::<anyhow::Result<Vec<_>>>()?;
            let warnings = amparo_core::schedule::warnings_before_assigning(c.store.conn(), sid, &vids)?;
            c.write(|w| vids.iter().try_for_each(|v| rules::assign_shift(w, sid, *v).map(|_| ())))?;
            let n = rules::assignments_of(c.store.conn(), sid)?.len();
            println!("assigned; {n} on the shift");
            for f in warnings {
                println!("  warning: {} — {}", f.name, f.warning.describe());
            }
        }
        ShiftCmd::Unassign { id, volunteers } => {
            let sid = c.id::<Shift>(&id)?;
            let vids = volunteers.iter().map(|v| c.id::<Volunteer>(v)).collect::<anyhow::Result<Vec<_>>>()?;
            c.write(|w| vids.iter().try_for_each(|v| rules::unassign_shift(w, sid, *v)))?;
            let n = rules::assignments_of(c.store.conn(), sid)?.len();
            println!("unassigned; {n} on the shift");
        }
        ShiftCmd::Delete(a) => {
            let id = c.id::<Shift>(&a.id)?;
            let n = c.write(|w| rules::delete_shift(w, id))?;
            deleted(n, "shift");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- tasks and notes
