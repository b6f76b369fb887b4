//! Workflow commands: rotations, auto-fill, rota issues and printing, swaps, handoff
//! notes, calendar files, court reminders and run sheet, checklists, housing matching,
//! CSV import and export. Parsing and printing only; the rules live in the core.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use clap::{Args, Subcommand};
use serde::Serialize;
use uuid::Uuid;

use amparo_core::csvio::{self, CsvKind};
use amparo_core::domain::{
    parse_time_zone, Household, Record, RotationTemplate, SanctuarySite, Shift, ShiftAssignment, ShiftSpec,
    SwapRequest, Volunteer,
};
use amparo_core::schedule::{self, IcsOptions, Lang};
use amparo_core::store::records as rec;
use amparo_core::{court, housing, Store};

use super::Session;

macro_rules! println {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

#[derive(Debug, Subcommand)]
pub enum WorkflowCommand {
    /// Rotation templates of sanctuary sites, and generating shifts from them
    #[command(subcommand)]
    Rotation(RotationCmd),
    /// Fill open sanctuary shifts automatically (shows the plan; --apply writes it)
    Autofill(AutofillArgs),
    /// Coverage gaps, double bookings and the printable door rota
    #[command(subcommand)]
    Rota(RotaCmd),
    /// Offer a shift to others, take an offered shift, approve, decline or withdraw a swap
    #[command(subcommand)]
    Swap(SwapCmd),
    /// Set the handoff note of a shift
    Handoff {
        /// The shift (id)
        shift: String,
        /// What the next people on duty must know (empty clears it)
        #[arg(long)]
        note: String,
    },
    /// Write a volunteer's own shifts as a calendar (.ics) file
    Ics(IcsArgs),
    /// The court-day run sheet: who meets whom, where, when (printable HTML with --out)
    Runsheet(RunsheetArgs),
    /// What needs attention: under-staffed court dates, times to confirm, deadlines,
    /// placements ending, missed check-ins
    Reminders(RemindersArgs),
    /// The team's checklists (e.g. "detained", opened as tasks after a detention)
    #[command(subcommand)]
    Checklist(ChecklistCmd),
    /// Housing: sites with room for a family
    #[command(subcommand)]
    Housing(HousingCmd),
    /// Import volunteers, households or court dates from a CSV file (preview; --apply imports)
    Import(ImportArgs),
    /// Export volunteers, households or court dates to a CSV file (asks for --yes)
    Export(ExportArgs),
}

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

#[derive(Debug, Args)]
pub struct RunsheetArgs {
    /// The day (default: today)
    #[arg(long)]
    date: Option<String>,
    /// Write printable HTML to this file
    #[arg(long)]
    out: Option<PathBuf>,
    /// Your time zone, to show your local time beside the court's
    #[arg(long, env = "AMPARO_TZ")]
    tz: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct RemindersArgs {
    #[arg(long, env = "AMPARO_TZ")]
    tz: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ChecklistCmd {
    /// Show a checklist's items
    Show {
        #[arg(default_value = court::DETAINED_CHECKLIST)]
        name: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Replace a checklist's items
    Set {
        name: String,
        #[arg(long = "item", required = true)]
        items: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum HousingCmd {
    /// Sites with enough free beds for the whole stay, best first
    Match {
        /// The family (id)
        #[arg(long)]
        family: String,
        /// First night
        #[arg(long)]
        from: String,
        /// Last night
        #[arg(long)]
        to: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
#[command(after_long_help = csv_headers_help())]
pub struct ImportArgs {
    /// `csv KIND FILE` (or `KIND FILE`); KIND is volunteers, households or court-dates
    #[arg(value_name = "csv KIND FILE", num_args = 2..=3, required = true)]
    words: Vec<String>,
    /// Import (all new rows or none); without it only the preview is shown
    #[arg(long)]
    apply: bool,
    /// Time zone for court dates whose row names none (e.g. America/Chicago, Central, Eastern);
    /// without it such rows are refused
    #[arg(long, env = "AMPARO_TZ")]
    tz: Option<String>,
    /// Read a column as a field: --map "SHEET HEADER=field" (repeat)
    #[arg(long = "map", value_name = "SHEET HEADER=field")]
    map: Vec<String>,
    #[arg(long)]
    json: bool,
}

fn csv_headers_help() -> String {
    let mut out = String::from(
        "Accepted column headers (case and accents do not matter; \"Familia / Family\" matches either part):\n",
    );
    for (title, kind) in
        [("volunteers", CsvKind::Volunteers), ("households", CsvKind::Households), ("court-dates", CsvKind::CourtDates)]
    {
        out.push_str(&format!("\n{title}:\n"));
        for line in csvio::accepted_headers(kind).lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out.push_str("\nCourt dates take their zone from a zone column (IANA names or Eastern/Este, Central, Mountain/Montaña, Pacific/Pacífico, Alaska, Hawaii/Hawái, Arizona, Atlantic/Puerto Rico), else from --tz.\n");
    out
}

/// `[csv] KIND FILE` as the README writes it, or the older `KIND FILE`.
fn csv_words<'a>(command: &str, words: &'a [String]) -> anyhow::Result<(CsvKind, &'a str)> {
    let rest = match words {
        [first, rest @ ..] if first.eq_ignore_ascii_case("csv") => rest,
        all => all,
    };
    match rest {
        [kind, file] => Ok((kind.parse()?, file.as_str())),
        _ => bail!("write it as `amparo {command} csv KIND FILE`, KIND one of volunteers, households, court-dates"),
    }
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// `csv KIND` (or `KIND`); KIND is volunteers, households or court-dates
    #[arg(value_name = "csv KIND", num_args = 1..=2, required = true)]
    words: Vec<String>,
    #[arg(long)]
    out: PathBuf,
    /// Confirm you understand the file is not encrypted
    #[arg(long)]
    yes: bool,
}

fn print_preview(p: &csvio::ImportPreview) {
    println!("columns:");
    for m in &p.mapping {
        println!("  {:<24} → {}", m.column, m.field.unwrap_or("(not imported)"));
    }
    if !p.unused_columns.is_empty() {
        println!("not imported: {} (use --map \"SHEET HEADER=field\" to read one)", p.unused_columns.join(", "));
    }
    println!("rows:");
    for r in &p.row_details {
        let what = match r.action {
            csvio::RowAction::Create => "new",
            csvio::RowAction::AlreadyPresent => "already present, skipped",
            csvio::RowAction::Error => "ERROR",
        };
        let when = match (&r.date, &r.time, &r.zone) {
            (Some(d), Some(t), Some(z)) => format!("  {d} {t} {z}"),
            _ => String::new(),
        };
        println!("  row {:<4} {what:<9} {}{when}", r.row, r.label);
        if let Some(f) = &r.new_family {
            println!("           creates the family {f}");
        }
        if let Some(p) = &r.new_person {
            println!("           creates the person {p}");
        }
        if let Some(n) = &r.kept_as_note {
            println!("           kept as a note (not read): {}", n.replace('\n', "; "));
        }
        for w in &r.warnings {
            println!("           check: {w}");
        }
    }
    let creates: Vec<String> = p.creates.iter().map(|(k, n)| format!("{n} {k}(s)")).collect();
    println!(
        "{} rows; would create {}{}",
        p.rows,
        if creates.is_empty() { "nothing".into() } else { creates.join(", ") },
        if p.already_present > 0 {
            format!("; {} already present (skipped)", p.already_present)
        } else {
            String::new()
        }
    );
    for e in &p.errors {
        println!("  ERROR {e}");
    }
}

fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value).context("could not format the output as JSON")?);
    Ok(())
}

fn date(flag: &str, text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| anyhow!("invalid date for {flag}: write it as YYYY-MM-DD"))
}

fn zone(tz: Option<&str>) -> anyhow::Result<Tz> {
    Ok(match tz {
        Some(t) => parse_time_zone(t)?,
        None => chrono_tz::UTC,
    })
}

fn id<R: Record>(store: &Store, text: &str) -> anyhow::Result<Uuid> {
    Ok(store.resolve_id::<R>(text)?)
}

fn local_start(zone: Tz, d: NaiveDate) -> DateTime<Utc> {
    schedule::resolve_local(zone, d.and_time(NaiveTime::MIN))
}

fn write_file(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    Ok(amparo_core::store::write_private(path, text.as_bytes())?)
}

fn parse_spec(text: &str) -> anyhow::Result<ShiftSpec> {
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

pub fn run(session: &Session, cmd: WorkflowCommand) -> anyhow::Result<()> {
    let now = session.now;
    let mut store = session.open()?;
    let s = &mut store;
    match cmd {
        WorkflowCommand::Rotation(RotationCmd::Add { site, name, shifts }) => {
            let site = id::<SanctuarySite>(s, &site)?;
            let specs = shifts.iter().map(|x| parse_spec(x)).collect::<anyhow::Result<Vec<_>>>()?;
            let t = RotationTemplate::new(site, name, specs);
            s.write(now, |w| {
                w.get::<SanctuarySite>(site)?;
                w.create(&t)
            })?;
            println!("added rotation template {}", t.id);
        }
        WorkflowCommand::Rotation(RotationCmd::List { json }) => {
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
        WorkflowCommand::Rotation(RotationCmd::Generate { template, from, to }) => {
            let tid = id::<RotationTemplate>(s, &template)?;
            let (from, to) = (date("--from", &from)?, date("--to", &to)?);
            let g = s.write(now, |w| schedule::generate_shifts(w, tid, from, to))?;
            println!("created {} shifts ({} already existed)", g.created.len(), g.existing);
            for m in &g.moved {
                println!(
                    "  note: on {} the {} shift's written time {} does not exist (the clocks change); it was made {}",
                    m.date, m.label, m.written, m.local
                );
            }
        }
        WorkflowCommand::Rotation(RotationCmd::Delete { template }) => {
            let tid = id::<RotationTemplate>(s, &template)?;
            s.write(now, |w| schedule::delete_template(w, tid))?;
            println!("deleted rotation template {tid}; shifts already generated stay");
        }
        WorkflowCommand::Autofill(a) => {
            let site = a.site.as_deref().map(|x| id::<SanctuarySite>(s, x)).transpose()?;
            let z = match site {
                Some(id) => s.get::<SanctuarySite>(id)?.time_zone,
                None => chrono_tz::UTC,
            };
            let (from, to) = (date("--from", &a.from)?, date("--to", &a.to)?);
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
                            format!(", nobody with {}", g.missing_skills.join(", "))
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
        }
        WorkflowCommand::Rota(RotaCmd::Issues { site, from, days, json }) => {
            let site = site.as_deref().map(|x| id::<SanctuarySite>(s, x)).transpose()?;
            let z = match site {
                Some(id) => s.get::<SanctuarySite>(id)?.time_zone,
                None => chrono_tz::UTC,
            };
            let start = match from {
                Some(f) => local_start(z, date("--from", &f)?),
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
        WorkflowCommand::Rota(RotaCmd::Print { site, week, lang, out }) => {
            let site = id::<SanctuarySite>(s, &site)?;
            let z = s.get::<SanctuarySite>(site)?.time_zone;
            let day = match week {
                Some(w) => date("--week", &w)?,
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
        WorkflowCommand::Swap(cmd) => swap(s, now, cmd)?,
        WorkflowCommand::Handoff { shift, note } => {
            let sid = id::<Shift>(s, &shift)?;
            s.write(now, |w| schedule::set_handoff_note(w, sid, &note))?;
            println!("handoff note saved");
        }
        WorkflowCommand::Ics(a) => {
            let vid = id::<Volunteer>(s, &a.volunteer)?;
            let from = match a.from {
                Some(f) => local_start(chrono_tz::UTC, date("--from", &f)?),
                None => now,
            };
            let opts = IcsOptions { include_shift_label: a.with_shift_name };
            let text =
                schedule::volunteer_ics(s.conn(), vid, from, from + chrono::Duration::days(a.days as i64), &opts, now)?;
            write_file(&a.out, &text)?;
            let n = text.matches("BEGIN:VEVENT").count();
            println!("wrote {n} shifts to {}", a.out.display());
            eprintln!("the file is not encrypted: it says when this volunteer is at which site (by code)");
        }
        WorkflowCommand::Runsheet(a) => {
            let viewer = zone(a.tz.as_deref())?;
            let day = match a.date {
                Some(d) => date("--date", &d)?,
                None => now.with_timezone(&viewer).date_naive(),
            };
            let entries = court::run_sheet(s.conn(), day, viewer)?;
            if a.json {
                print_json(&entries)?;
            } else if a.out.is_none() {
                if entries.is_empty() {
                    println!("no appointments on {day}");
                }
                for e in &entries {
                    println!(
                        "{}  {}  {}{}",
                        e.time,
                        e.kind,
                        e.place,
                        e.room.as_deref().map(|r| format!(", room {r}")).unwrap_or_default()
                    );
                    println!("  for {}", e.person_first_name.clone().unwrap_or_else(|| e.family.clone()));
                    for p in &e.accompaniers {
                        println!(
                            "  {}{} {}",
                            if p.leader { "* " } else { "  " },
                            p.name,
                            p.phone.as_deref().unwrap_or("")
                        );
                    }
                    let short = e.wanted - e.accompaniers.len() as i64;
                    if short > 0 {
                        println!("  NEEDS {short} MORE ACCOMPANIER(S)");
                    }
                }
            }
            if let Some(p) = a.out {
                write_file(&p, &court::run_sheet_html(day, &entries))?;
                eprintln!(
                    "wrote the run sheet to {}; it holds names and phone numbers, handle it with care",
                    p.display()
                );
            }
        }
        WorkflowCommand::Reminders(a) => {
            let viewer = zone(a.tz.as_deref())?;
            let court_items = court::reminders(s.conn(), now, viewer)?;
            let housing_items = housing::housing_reminders(s.conn(), now.with_timezone(&viewer).date_naive(), viewer)?;
            if a.json {
                return print_json(&serde_json::json!({ "court": court_items, "housing": housing_items }));
            }
            println!("{}", court::attention_summary(court_items.len() + housing_items.len()));
            for r in &court_items {
                let what = match &r.kind {
                    court::ReminderKind::UnderStaffed { stage, assigned, wanted } => {
                        format!(
                            "UNDER-STAFFED ({}): {assigned} of {wanted} accompaniers",
                            match stage {
                                court::Stage::SevenDays => "within 7 days",
                                court::Stage::TwoDays => "within 2 days",
                                court::Stage::MorningBefore => "tomorrow",
                            }
                        )
                    }
                    court::ReminderKind::TimeToBeConfirmed => "time to be confirmed".to_string(),
                    court::ReminderKind::OutcomeMissing => {
                        "NO OUTCOME: this check-in has passed; report what happened (was the person detained?)"
                            .to_string()
                    }
                    court::ReminderKind::Deadline { what, due, overdue } => {
                        format!("{}deadline {due}: {what}", if *overdue { "OVERDUE " } else { "" })
                    }
                };
                let family = match r.household_id {
                    Some(h) => s.find::<Household>(h)?.map(|h| h.display_name).unwrap_or_default(),
                    None => String::new(),
                };
                let when = match r.court_date_id {
                    Some(c) => s
                        .find::<amparo_core::domain::CourtDate>(c)?
                        .map(
                            |c| if c.time_tbc { court::show_day_tbc(c.at()) } else { court::show_time(c.at(), viewer) },
                        )
                        .unwrap_or_default(),
                    None => String::new(),
                };
                println!("  {what} — {family} {when}");
            }
            for r in &housing_items {
                match r {
                    housing::HousingReminder::EndingSoon { household_id, last_night, days_left, .. } => {
                        let family = s.find::<Household>(*household_id)?.map(|h| h.display_name).unwrap_or_default();
                        println!("  placement ends in {days_left} days (last night {last_night}) — {family}");
                    }
                    housing::HousingReminder::MissedCheckIn { household_id, was_due, .. } => {
                        let family = s.find::<Household>(*household_id)?.map(|h| h.display_name).unwrap_or_default();
                        println!("  MISSED CHECK-IN (due {was_due}) — {family}");
                    }
                }
            }
        }
        WorkflowCommand::Checklist(ChecklistCmd::Show { name, json }) => {
            let items = court::checklist(s.conn(), &name)?;
            if json {
                return print_json(&serde_json::json!({ "name": name, "items": items }));
            }
            for (i, item) in items.iter().enumerate() {
                println!("{}. {item}", i + 1);
            }
        }
        WorkflowCommand::Checklist(ChecklistCmd::Set { name, items }) => {
            let n = items.len();
            s.write(now, |w| court::set_checklist(w, &name, items))?;
            println!("checklist {name} saved with {n} items");
        }
        WorkflowCommand::Housing(HousingCmd::Match { family, from, to, json }) => {
            let hid = id::<Household>(s, &family)?;
            let (from, to) = (date("--from", &from)?, date("--to", &to)?);
            let need = housing::HousingNeed::for_household(s.conn(), hid, from)?;
            let matches = housing::match_sites(s.conn(), &need, from, to, Some(hid))?;
            if json {
                return print_json(&serde_json::json!({ "need": need, "sites": matches }));
            }
            println!(
                "needs {} beds{}{}{}",
                need.beds,
                if need.children { ", accepts children" } else { "" },
                if need.pets { ", accepts pets" } else { "" },
                if need.accessible { ", accessible" } else { "" }
            );
            if matches.is_empty() {
                println!("no site has room for the whole stay");
            }
            for m in matches {
                println!(
                    "{}  {:<28} {} free of {}{}{}",
                    m.site_id,
                    m.name,
                    m.free_beds,
                    m.capacity,
                    if m.shared_languages.is_empty() {
                        String::new()
                    } else {
                        format!(", speaks {}", m.shared_languages.join(", "))
                    },
                    if m.verified { ", verified" } else { "" }
                );
            }
        }
        WorkflowCommand::Import(a) => {
            let (kind, file) = csv_words("import", &a.words)?;
            let bytes = std::fs::read(file).with_context(|| format!("could not read {file}"))?;
            let opts = csvio::ImportOptions {
                default_zone: a.tz.as_deref().map(csvio::parse_zone).transpose()?,
                map: a.map.iter().map(|m| csvio::parse_map(m)).collect::<amparo_core::Result<_>>()?,
            };
            let preview = csvio::preview_import(s.conn(), kind, &bytes, &opts)?;
            if a.json {
                print_json(&preview)?;
            } else {
                print_preview(&preview);
            }
            if !preview.ok() {
                let rows: std::collections::BTreeSet<u64> = preview.errors.iter().map(|e| e.row).collect();
                let rows: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
                bail!(
                    "{} problem(s) in the file (rows {}); nothing was imported",
                    preview.errors.len(),
                    rows.join(", ")
                );
            }
            if a.apply {
                let done = s.write(now, |w| csvio::apply_import(w, kind, &bytes, &opts))?;
                let creates: Vec<String> = done.creates.iter().map(|(k, n)| format!("{n} {k}(s)")).collect();
                println!(
                    "imported {}{}",
                    if creates.is_empty() { "nothing new".into() } else { creates.join(", ") },
                    if done.already_present > 0 {
                        format!("; skipped {} row(s) already present", done.already_present)
                    } else {
                        String::new()
                    }
                );
            } else if !a.json {
                println!("nothing imported yet; run again with --apply to import all rows");
            }
        }
        WorkflowCommand::Export(a) => {
            let kind: CsvKind = match a.words.as_slice() {
                [csv, kind] if csv.eq_ignore_ascii_case("csv") => kind.parse()?,
                [kind] => kind.parse()?,
                _ => bail!(
                    "write it as `amparo export csv KIND --out FILE`, KIND one of volunteers, households, court-dates"
                ),
            };
            if !a.yes {
                bail!(
                    "{}; nothing written: add --yes to confirm and write {}",
                    csvio::export_warning(kind),
                    a.out.display()
                );
            }
            eprintln!("warning: {}", csvio::export_warning(kind));
            let text = csvio::export_csv(s.conn(), kind)?;
            write_file(&a.out, &text)?;
            println!("wrote {} rows to {}", text.lines().count().saturating_sub(1), a.out.display());
        }
    }
    Ok(())
}

fn swap(s: &mut Store, now: DateTime<Utc>, cmd: SwapCmd) -> anyhow::Result<()> {
    match cmd {
        SwapCmd::Offer { shift, volunteer } => {
            let (sid, vid) = (id::<Shift>(s, &shift)?, id::<Volunteer>(s, &volunteer)?);
            let a = rec::query::<ShiftAssignment>(
                s.conn(),
                "AND shift_id = ?1 AND volunteer_id = ?2",
                [sid.to_string(), vid.to_string()],
            )?
            .into_iter()
            .next()
            .ok_or_else(|| anyhow!("that volunteer is not on this shift"))?;
            let r = s.write(now, |w| schedule::offer_swap(w, a.id, now))?;
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
            let open: Vec<SwapRequest> =
                rec::query(s.conn(), "AND status IN ('offered', 'taken') ORDER BY offered_at", [])?;
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
