//! `amparo oncall`: a rapid-response network's on-call coverage by zone and weekly slot,
//! filled by the same auto-fill as the sanctuary rota.

use anyhow::{anyhow, bail};
use chrono::{Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use clap::Subcommand;

use amparo_core::domain::{OncallPosition, OncallShift, OncallSlot, ResponseZone, Volunteer};
use amparo_core::schedule::{oncall, Lang};

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum OncallCmd {
    /// Add a weekly slot to a zone's coverage
    #[command(after_help = "An end at or before the start runs past midnight (18:00 to 06:00 is the night).")]
    Slot {
        /// The zone (id or a unique beginning of it)
        #[arg(long)]
        zone: String,
        /// monday … sunday (or lunes … domingo, or 1 … 7)
        #[arg(long)]
        day: String,
        /// Local start, HH:MM
        #[arg(long)]
        start: String,
        /// Local end, HH:MM
        #[arg(long)]
        end: String,
        /// People on call besides the dispatchers and the zone lead
        #[arg(long, default_value_t = 2)]
        min: i64,
        /// The slot has no primary and backup dispatcher
        #[arg(long)]
        no_dispatcher: bool,
        /// The slot needs a zone lead
        #[arg(long)]
        zone_lead: bool,
    },
    /// List the slots of every zone
    Slots(JsonFlag),
    /// Make the shifts of a zone's slots for a range of days
    Generate {
        #[arg(long)]
        zone: String,
        /// First day, YYYY-MM-DD
        #[arg(long)]
        from: String,
        /// Last day, YYYY-MM-DD
        #[arg(long)]
        to: String,
    },
    /// Close a zone's coverage on a date (nobody is needed), or open it again with --open
    CloseDay {
        #[arg(long)]
        zone: String,
        /// The date, YYYY-MM-DD
        #[arg(long)]
        on: String,
        #[arg(long)]
        open: bool,
    },
    /// Put someone on call for a shift by hand
    Assign {
        /// The on-call shift (id shown by `amparo oncall week`)
        shift: String,
        volunteer: String,
        /// primary_dispatcher, backup_dispatcher, zone_lead or responder
        #[arg(long, default_value = "responder")]
        position: OncallPosition,
    },
    /// Fill the on-call shifts of a range: shows the plan; --apply writes it
    Autofill {
        #[arg(long)]
        zone: Option<String>,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        apply: bool,
        #[arg(long)]
        json: bool,
    },
    /// Who is on call now, in every zone
    Now(JsonFlag),
    /// The week's on-call sheet to print or paste: zones and volunteers' names only
    Week {
        /// The week's first day, YYYY-MM-DD
        #[arg(long)]
        from: String,
        /// en or es
        #[arg(long, default_value = "en")]
        lang: String,
        /// Also list each shift's id (for `amparo oncall assign`)
        #[arg(long)]
        ids: bool,
    },
}

fn weekday(text: &str) -> anyhow::Result<u8> {
    let t = amparo_core::language::fold(text.trim());
    let days = [
        ["monday", "lunes", "mon", "1"],
        ["tuesday", "martes", "tue", "2"],
        ["wednesday", "miercoles", "wed", "3"],
        ["thursday", "jueves", "thu", "4"],
        ["friday", "viernes", "fri", "5"],
        ["saturday", "sabado", "sat", "6"],
        ["sunday", "domingo", "sun", "7"],
    ];
    days.iter()
        .position(|names| names.contains(&t.as_str()))
        .map(|i| i as u8 + 1)
        .ok_or_else(|| anyhow!("{text:?} is not a weekday: write monday … sunday, lunes … domingo, or 1 … 7"))
}

fn time(flag: &str, text: &str) -> anyhow::Result<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| anyhow!("invalid time for {flag}: write it as HH:MM, e.g. 18:00"))
}

fn zone_tz(c: &Ctx<'_>, zone: Option<uuid::Uuid>) -> anyhow::Result<Tz> {
    Ok(match zone {
        Some(z) => c.store.get::<ResponseZone>(z)?.time_zone,
        None => chrono_tz::UTC,
    })
}

fn position_word(p: OncallPosition) -> String {
    p.as_str().replace('_', " ")
}

pub(super) fn oncall_cmd(mut c: Ctx<'_>, cmd: OncallCmd) -> anyhow::Result<()> {
    let now = c.session.now;
    match cmd {
        OncallCmd::Slot { zone, day, start, end, min, no_dispatcher, zone_lead } => {
            let slot = OncallSlot {
                id: uuid::Uuid::now_v7(),
                zone_id: c.id::<ResponseZone>(&zone)?,
                weekday: weekday(&day)?,
                start_time: time("--start", &start)?,
                end_time: time("--end", &end)?,
                min_people: min,
                needs_dispatcher: !no_dispatcher,
                needs_zone_lead: zone_lead,
            };
            let id = c.write(|w| w.create(&slot))?;
            println!("added on-call slot {id}; make its shifts with `amparo oncall generate`");
        }
        OncallCmd::Slots(json) => {
            let mut slots = c.store.list::<OncallSlot>()?;
            slots.sort_by_key(|s| (s.zone_id, s.weekday, s.start_time));
            if json.json {
                return print_json(&slots);
            }
            if slots.is_empty() {
                println!("no on-call slots yet; add one with `amparo oncall slot --zone ... --day sunday --start 18:00 --end 06:00`");
            }
            let days = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
            for s in &slots {
                let zone = c.store.find::<ResponseZone>(s.zone_id)?.map(|z| z.name).unwrap_or_default();
                let mut needs = vec![format!("{} people", s.min_people)];
                if s.needs_dispatcher {
                    needs.push("primary and backup dispatcher".into());
                }
                if s.needs_zone_lead {
                    needs.push("zone lead".into());
                }
                println!(
                    "{}  {zone}  {} {}–{}  {}",
                    s.id,
                    days[usize::from(s.weekday.min(7))],
                    s.start_time.format("%H:%M"),
                    s.end_time.format("%H:%M"),
                    needs.join(", ")
                );
            }
        }
        OncallCmd::Generate { zone, from, to } => {
            let z = c.id::<ResponseZone>(&zone)?;
            let (from, to) = (parse_date("--from", &from)?, parse_date("--to", &to)?);
            let n = c.write(|w| oncall::generate(w, z, from, to))?;
            println!("made {n} on-call shift(s) from {from} to {to}");
        }
        OncallCmd::CloseDay { zone, on, open } => {
            let z = c.id::<ResponseZone>(&zone)?;
            let day = parse_date("--on", &on)?;
            let n = c.write(|w| oncall::close_day(w, z, day, !open))?;
            println!("{} {n} on-call shift(s) on {day}", if open { "opened" } else { "closed" });
        }
        OncallCmd::Assign { shift, volunteer, position } => {
            let s = c.id::<OncallShift>(&shift)?;
            let v = c.id::<Volunteer>(&volunteer)?;
            c.write(|w| oncall::assign(w, s, v, position))?;
            println!("{} is on call as {}", c.store.get::<Volunteer>(v)?.name, position_word(position));
        }
        OncallCmd::Autofill { zone, from, to, apply, json } => {
            let zone = c.opt_id::<ResponseZone>(zone.as_deref())?;
            let tz = zone_tz(&c, zone)?;
            let (from, to) = (parse_date("--from", &from)?, parse_date("--to", &to)?);
            if to < from {
                bail!("--to is before --from");
            }
            let start = |d: NaiveDate| amparo_core::clock::resolve_local(tz, d.and_hms_opt(0, 0, 0).expect("midnight"));
            let plan = oncall::plan(c.store.conn(), zone, start(from), start(to + Duration::days(1)))?;
            if json {
                print_json(&plan)?;
            } else {
                println!("plan: {} new on-call assignment(s)", plan.assignments.len());
                for a in &plan.assignments {
                    println!(
                        "  {} {}  {} ({})",
                        a.starts_utc.with_timezone(&tz).format("%a %Y-%m-%d %H:%M"),
                        a.zone,
                        a.volunteer_name,
                        position_word(a.position)
                    );
                }
                println!(
                    "coverage after the plan: {} of {} positions (no plan can fill more than {}){}",
                    plan.coverage,
                    plan.positions,
                    plan.bound,
                    if plan.proven_optimal { "" } else { "; not proven optimal" }
                );
                for g in &plan.gaps {
                    let positions = if g.missing_positions.is_empty() {
                        String::new()
                    } else {
                        format!(", nobody trained for {}", g.missing_positions.join(", ").replace('_', " "))
                    };
                    println!(
                        "  GAP {} {} needs {} more{positions} ({:?})",
                        g.starts_utc.with_timezone(&tz).format("%a %Y-%m-%d %H:%M"),
                        g.zone,
                        g.missing,
                        g.reason
                    );
                }
            }
            if apply {
                let n = c.write(|w| oncall::apply_plan(w, &plan))?;
                if !json {
                    println!("applied: {n} on-call assignment(s) created");
                }
            } else if !json {
                println!("nothing written; run again with --apply to make these assignments");
            }
        }
        OncallCmd::Now(json) => {
            let rows = oncall::on_call(c.store.conn(), now, now)?;
            if json.json {
                return print_json(&rows);
            }
            if rows.is_empty() {
                println!("nobody is on call now: no on-call shift covers this moment");
            }
            for r in &rows {
                let who: Vec<String> = r.people.iter().map(|(p, n)| format!("{n} ({})", position_word(*p))).collect();
                let short = if r.short_by > 0 { format!("  NEEDS {}", r.short_by) } else { String::new() };
                let state = if r.closed { "closed".to_string() } else { who.join(", ") };
                println!("{}: {state}{short}", r.zone);
            }
        }
        OncallCmd::Week { from, lang, ids } => {
            let lang: Lang = lang.parse()?;
            let day = parse_date("--from", &from)?;
            println!("{}", oncall::weekly_sheet(c.store.conn(), day, lang)?);
            if ids {
                let start =
                    amparo_core::clock::resolve_local(chrono_tz::UTC, day.and_hms_opt(0, 0, 0).expect("midnight"));
                for r in oncall::on_call(c.store.conn(), start - Duration::hours(14), start + Duration::days(7))? {
                    println!("{}  {} {}", r.shift_id, r.zone, r.starts_utc.format("%Y-%m-%d %H:%M UTC"));
                }
            }
        }
    }
    Ok(())
}
