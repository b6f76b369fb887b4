//! `amparo rotation`, `autofill`, `rota`, `swap`, `handoff`, `ics`: the sanctuary rota —
//! templates, filling shifts, gaps and the door rota, swaps, handoff notes, a volunteer's
//! calendar file.

use std::path::PathBuf;

use anyhow::anyhow;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use clap::{Args, Subcommand};

use amparo_core::domain::{RotationTemplate, SanctuarySite, Shift, ShiftSpec, SwapRequest, Volunteer};
use amparo_core::schedule::{self, IcsOptions, Lang};
use amparo_core::Store;

use super::*;

#[derive(Debug, Subcommand)]
pub enum RotationCmd {
    /// Add a template: --shift "NAME HH:MM-HH:MM [min=2] [max=3] [skills=spanish,rapid_response]" per shift
    Add {
        /// The sanctuary site (id)
        #[arg(long)]
        site: String,
        #[arg(long)]
        name: String,
        #[arg(long = "shift", required = true)]
        shifts: Vec<String>,
    },
    /// List templates
    List {
        #[arg(long)]
        json: bool,
    },
    /// Create the template's shifts for local dates FROM..=TO at the site
    Generate {
        /// The template (id)
        template: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Retire a template; shifts already generated from it stay
    Delete {
        /// The template (id)
        template: String,
    },
}

#[derive(Debug, Args)]
pub struct AutofillArgs {
    /// Only this sanctuary site (id); dates are its local dates
    #[arg(long)]
    site: Option<String>,
    /// First local date
    #[arg(long)]
    from: String,
    /// Last local date (inclusive)
    #[arg(long)]
    to: String,
    /// Write the plan (otherwise it is only shown)
    #[arg(long)]
    apply: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum RotaCmd {
    /// Gaps (fewer people than needed, missing skills), double bookings and short rests
    Issues {
        #[arg(long)]
        site: Option<String>,
        /// First date (default: today)
        #[arg(long)]
        from: Option<String>,
        #[arg(long, default_value_t = 14)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
    /// The weekly door rota of a site as printable HTML
    Print {
        #[arg(long)]
        site: String,
        /// Any date of the week (default: today)
        #[arg(long)]
        week: Option<String>,
        /// en or es
        #[arg(long, default_value = "en")]
        lang: String,
        /// Write to this file (default: standard output)
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SwapCmd {
    /// A volunteer offers one of their shifts
    Offer {
        #[arg(long)]
        shift: String,
        #[arg(long)]
        volunteer: String,
    },
    /// Another volunteer takes an offered shift (--auto: approve at once when no rule breaks)
    Take {
        swap: String,
        #[arg(long)]
        volunteer: String,
        #[arg(long)]
        auto: bool,
    },
    Approve {
        swap: String,
    },
    Decline {
        swap: String,
    },
    /// The offering volunteer withdraws an offer not yet approved; the shift stays theirs
    Withdraw {
        swap: String,
    },
    /// Open swap requests
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct IcsArgs {
    #[arg(long)]
    volunteer: String,
    /// First date (default: today)
    #[arg(long)]
    from: Option<String>,
    #[arg(long, default_value_t = 90)]
    days: u32,
    /// Add the shift's name to each event (off by default)
    #[arg(long)]
    with_shift_name: bool,
    #[arg(long)]
    out: PathBuf,
}

pub(super) fn rotation(s: &mut Store, now: DateTime<Utc>, cmd: RotationCmd) -> anyhow::Result<()> {
    match cmd {
        RotationCmd::Add { site, name, shifts } => {
            let site = id::<SanctuarySite>(s, &site)?;
            let specs = shifts.iter().map(|x| parse_spec(x)).collect::<anyhow::Result<Vec<_>>>()?;
            let t = RotationTemplate::new(site, name, specs);
            s.write(now, |w| {
                w.get::<SanctuarySite>(site)?;
                w.create(&t)
            })?;
            println!("added rotation template {}", t.id);
        }
        RotationCmd::List { json } => {
            let list: Vec<RotationTemplate> = s.list()?;
            if json {
                return print_json(&list);
            }
            for t in list {
                let shifts: Vec<String> = t
                    .shifts
                    .iter()
                    .map(|x| {
                        format!(
                            "{} {}-{} min {}",
                            x.label,
                            x.start.format("%H:%M"),
                            x.end.format("%H:%M"),
                            x.min_people
                        )
                    })
                    .collect();
                println!("{}  {}  [{}]", t.id, t.name, shifts.join("; "));
            }
        }
        RotationCmd::Generate { template, from, to } => {
            let tid = id::<RotationTemplate>(s, &template)?;
            let (from, to) = (parse_date("--from", &from)?, parse_date("--to", &to)?);
            let g = s.write(now, |w| schedule::generate_shifts(w, tid, from, to))?;
            println!("created {} shifts ({} already existed)", g.created.len(), g.existing);
            for m in &g.moved {
                println!(
                    "  note: on {} the {} shift's written time {} does not exist (the clocks change); it was made {}",
                    m.date, m.label, m.written, m.local
                );
            }
        }
        RotationCmd::Delete { template } => {
            let tid = id::<RotationTemplate>(s, &template)?;
            s.write(now, |w| schedule::delete_template(w, tid))?;
            println!("deleted rotation template {tid}; shifts already generated stay");
        }
    }
    Ok(())
}

pub(super) fn autofill(s: &mut Store, now: DateTime<Utc>, a: AutofillArgs) -> anyhow::Result<()> {
    let site = a.site.as_deref().map(|x| id::<SanctuarySite>(s, x)).transpose()?;
    let z = match site {
        Some(id) => s.get::<SanctuarySite>(id)?.time_zone,
        None => chrono_tz::UTC,
    };
    let (from, to) = (parse_date("--from", &a.from)?, parse_date("--to", &a.to)?);
    let (from, to) = (local_start(z, from), local_start(z, to + chrono::Duration::days(1)));
    let plan = schedule::plan_autofill(s.conn(), site, from, to)?;
    if a.json {
        print_json(&plan)?;
    } else {
        println!("plan: {} new assignments", plan.assignments.len());
        for x in &plan.assignments {
            println!(
                "  {} {:<10} {}{}",
                x.starts_utc.with_timezone(&z).format("%a %Y-%m-%d %H:%M"),
                x.shift_label,
                x.volunteer_name,
                x.covers_skill.as_deref().map(|k| format!(" ({k})")).unwrap_or_default()
            );
        }
        println!(
            "coverage after the plan: {} of {} positions (no plan can fill more than {}){}",
            plan.coverage,
            plan.positions,
            plan.bound,
            if plan.proven_optimal { "" } else { "; not proven optimal" }
        );
        if !plan.gaps.is_empty() {
            println!("STILL UNCOVERED: {} shifts", plan.gaps.len());
            for g in &plan.gaps {
                let skills = if g.missing_skills.is_empty() {
                    String::new()
                } else {
                    let names: Vec<String> =
                        g.missing_skills.iter().map(|k| amparo_core::domain::language::display(k, false)).collect();
                    format!(", nobody with {}", names.join(", "))
                };
                println!(
                    "  GAP {} {:<10} needs {} more{skills}",
                    g.starts_utc.with_timezone(&z).format("%a %Y-%m-%d %H:%M"),
                    g.shift_label,
                    g.missing
                );
            }
        }
    }
    if a.apply {
        let n = s.write(now, |w| schedule::apply_autofill(w, &plan))?;
        if !a.json {
            println!("applied: {n} assignments created");
        }
    } else if !a.json {
        println!("nothing written; run again with --apply to make these assignments");
    }
    Ok(())
}

pub(super) fn rota(s: &mut Store, now: DateTime<Utc>, cmd: RotaCmd) -> anyhow::Result<()> {
    match cmd {
        RotaCmd::Issues { site, from, days, json } => {
            let site = site.as_deref().map(|x| id::<SanctuarySite>(s, x)).transpose()?;
            let z = match site {
                Some(id) => s.get::<SanctuarySite>(id)?.time_zone,
                None => chrono_tz::UTC,
            };
            let start = match from {
                Some(f) => local_start(z, parse_date("--from", &f)?),
                None => now,
            };
            let issues = schedule::rota_issues(s.conn(), site, start, start + chrono::Duration::days(days as i64))?;
            if json {
                return print_json(&issues);
            }
            if issues.is_empty() {
                println!("no gaps or double bookings");
            }
            // Each line in its own site's local time and zone, with or without --site.
            for line in schedule::rota_issue_lines(s.conn(), site, start, start + chrono::Duration::days(days as i64))?
            {
                println!("{}", line.describe());
            }
        }
        RotaCmd::Print { site, week, lang, out } => {
            let site = id::<SanctuarySite>(s, &site)?;
            let z = s.get::<SanctuarySite>(site)?.time_zone;
            let day = match week {
                Some(w) => parse_date("--week", &w)?,
                None => now.with_timezone(&z).date_naive(),
            };
            let lang: Lang = lang.parse()?;
            let html = schedule::door_rota_html(s.conn(), site, day, lang)?;
            match out {
                Some(p) => {
                    write_file(&p, &html)?;
                    eprintln!(
                        "wrote the door rota to {}; it names volunteers on duty, keep it inside the site",
                        p.display()
                    );
                }
                None => println!("{html}"),
            }
        }
    }
    Ok(())
}

pub(super) fn handoff(s: &mut Store, now: DateTime<Utc>, shift: String, note: String) -> anyhow::Result<()> {
    let sid = id::<Shift>(s, &shift)?;
    s.write(now, |w| schedule::set_handoff_note(w, sid, &note))?;
    println!("handoff note saved");
    Ok(())
}

pub(super) fn ics(s: &mut Store, now: DateTime<Utc>, a: IcsArgs) -> anyhow::Result<()> {
    let vid = id::<Volunteer>(s, &a.volunteer)?;
    let from = match a.from {
        Some(f) => local_start(chrono_tz::UTC, parse_date("--from", &f)?),
        None => now,
    };
    let opts = IcsOptions { include_shift_label: a.with_shift_name };
    let text = schedule::volunteer_ics(s.conn(), vid, from, from + chrono::Duration::days(a.days as i64), &opts, now)?;
    write_file(&a.out, &text)?;
    let n = text.matches("BEGIN:VEVENT").count();
    println!("wrote {n} shifts to {}", a.out.display());
    eprintln!("the file is not encrypted: it says when this volunteer is at which site (by code)");
    Ok(())
}

pub(super) fn swap(s: &mut Store, now: DateTime<Utc>, cmd: SwapCmd) -> anyhow::Result<()> {
    match cmd {
        SwapCmd::Offer { shift, volunteer } => {
            let (sid, vid) = (id::<Shift>(s, &shift)?, id::<Volunteer>(s, &volunteer)?);
            let r = s.write(now, |w| schedule::offer_shift(w, sid, vid, now))?;
            println!("added swap request {}", r.id);
        }
        SwapCmd::Take { swap, volunteer, auto } => {
            let (rid, vid) = (id::<SwapRequest>(s, &swap)?, id::<Volunteer>(s, &volunteer)?);
            let out = s.write(now, |w| schedule::take_swap(w, rid, vid, auto, now))?;
            if out.approved {
                println!("taken and approved by the rules: the shift is theirs");
            } else {
                println!("taken; waiting for a coordinator to approve");
                for p in out.problems {
                    println!("  note: {p}");
                }
            }
        }
        SwapCmd::Approve { swap } => {
            let rid = id::<SwapRequest>(s, &swap)?;
            let me = s.member_id();
            s.write(now, |w| schedule::approve_swap(w, rid, me, now))?;
            println!("approved: the shift moved to the volunteer who took it");
        }
        SwapCmd::Decline { swap } => {
            let rid = id::<SwapRequest>(s, &swap)?;
            let me = s.member_id();
            s.write(now, |w| schedule::decline_swap(w, rid, me, now))?;
            println!("declined");
        }
        SwapCmd::Withdraw { swap } => {
            let rid = id::<SwapRequest>(s, &swap)?;
            let me = s.member_id();
            s.write(now, |w| schedule::withdraw_swap(w, rid, me, now))?;
            println!("withdrawn: the shift stays with the volunteer who offered it");
        }
        SwapCmd::List { json } => {
            let open: Vec<SwapRequest> = amparo_core::ops::sanctuary::open_swaps(s)?;
            if json {
                return print_json(&open);
            }
            for r in open {
                let when = match s.find::<Shift>(r.shift_id)? {
                    Some(x) => {
                        let z = s.find::<SanctuarySite>(x.site_id)?.map_or(chrono_tz::UTC, |site| site.time_zone);
                        format!("{} {}", x.label, x.starts_utc.with_timezone(&z).format("%Y-%m-%d %H:%M %Z"))
                    }
                    None => String::new(),
                };
                let from = s.find::<Volunteer>(r.from_volunteer_id)?.map(|v| v.name).unwrap_or_default();
                let taken = match r.to_volunteer_id {
                    Some(t) => format!(", taken by {}", s.find::<Volunteer>(t)?.map(|v| v.name).unwrap_or_default()),
                    None => String::new(),
                };
                println!("{}  {}  {when} offered by {from}{taken}", r.id, r.status);
            }
        }
    }
    Ok(())
}

pub(super) fn parse_spec(text: &str) -> anyhow::Result<ShiftSpec> {
    let bad = || {
        anyhow!("--shift {text:?}: write it as \"NAME HH:MM-HH:MM [min=2] [max=3] [skills=spanish,rapid_response]\"")
    };
    let mut parts = text.split_whitespace();
    let name = parts.next().ok_or_else(bad)?;
    let times = parts.next().ok_or_else(bad)?;
    let (a, b) = times.split_once('-').ok_or_else(bad)?;
    let t = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| bad());
    let mut spec = ShiftSpec::new(name, t(a)?, t(b)?);
    for p in parts {
        let (k, v) = p.split_once('=').ok_or_else(bad)?;
        match k {
            "min" => spec.min_people = v.parse().map_err(|_| bad())?,
            "max" => spec.max_people = Some(v.parse().map_err(|_| bad())?),
            "skills" => {
                spec.required_skills = v.split(',').map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()).collect()
            }
            _ => return Err(bad()),
        }
    }
    Ok(spec)
}

pub(super) fn local_start(zone: Tz, d: NaiveDate) -> DateTime<Utc> {
    schedule::resolve_local(zone, d.and_time(NaiveTime::MIN))
}
