//! `amparo runsheet`, `reminders`, `checklist`: the court day — who meets whom where,
//! what needs attention, the team's checklists.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};

use amparo_core::domain::Household;
use amparo_core::{court, housing, Store};

use super::*;

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

pub(super) fn runsheet(s: &mut Store, now: DateTime<Utc>, a: RunsheetArgs) -> anyhow::Result<()> {
    let viewer = zone(a.tz.as_deref())?;
    let day = match a.date {
        Some(d) => parse_date("--date", &d)?,
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
                println!("  {}{} {}", if p.leader { "* " } else { "  " }, p.name, p.phone.as_deref().unwrap_or(""));
            }
            let short = e.wanted - e.accompaniers.len() as i64;
            if short > 0 {
                println!("  NEEDS {short} MORE ACCOMPANIER(S)");
            }
        }
    }
    if let Some(p) = a.out {
        write_file(&p, &court::run_sheet_html(day, &entries))?;
        eprintln!("wrote the run sheet to {}; it holds names and phone numbers, handle it with care", p.display());
    }
    Ok(())
}

pub(super) fn reminders(s: &mut Store, now: DateTime<Utc>, a: RemindersArgs) -> anyhow::Result<()> {
    let viewer = zone(a.tz.as_deref())?;
    let court_items = court::reminders(s, now, viewer)?;
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
                "NO OUTCOME: this check-in has passed; report what happened (was the person detained?)".to_string()
            }
            court::ReminderKind::Deadline { what, due, overdue } => {
                format!("{}deadline {due}: {what}", if *overdue { "OVERDUE " } else { "" })
            }
            court::ReminderKind::DetentionReported { family_status } => format!(
                "DETAINED, reported at this hearing; the family's status is still {family_status} (amparo family edit {} --status detained)",
                r.household_id.map(|h| h.to_string()).unwrap_or_default()
            ),
        };
        let family = match r.household_id {
            Some(h) => s.find::<Household>(h)?.map(|h| h.display_name).unwrap_or_default(),
            None => String::new(),
        };
        let when = match r.court_date_id {
            Some(c) => s
                .find::<amparo_core::domain::CourtDate>(c)?
                .map(|c| if c.time_tbc { court::show_day_tbc(c.at()) } else { court::show_time(c.at(), viewer) })
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
    Ok(())
}

pub(super) fn checklist(s: &mut Store, now: DateTime<Utc>, cmd: ChecklistCmd) -> anyhow::Result<()> {
    match cmd {
        ChecklistCmd::Show { name, json } => {
            let items = court::checklist(s.conn(), &name)?;
            if json {
                return print_json(&serde_json::json!({ "name": name, "items": items }));
            }
            for (i, item) in items.iter().enumerate() {
                println!("{}. {item}", i + 1);
            }
        }
        ChecklistCmd::Set { name, items } => {
            let n = items.len();
            s.write(now, |w| court::set_checklist(w, &name, items))?;
            println!("checklist {name} saved with {n} items");
        }
    }
    Ok(())
}
