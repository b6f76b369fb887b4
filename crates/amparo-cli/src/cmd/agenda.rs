//! `amparo agenda`: what is coming, and what is under-staffed.

use clap::Args;

use amparo_core::query;

use super::context::*;

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// How many days ahead (1 to 3660)
    #[arg(long, default_value_t = 14, value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub days: u32,
    /// Print machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

pub(super) fn agenda(c: Ctx<'_>, a: AgendaArgs) -> anyhow::Result<()> {
    let ag = query::agenda(c.store.conn(), c.session.now, query::local_offset(c.session.now), a.days)?;
    let actor = c.store.actor()?;
    if a.json {
        let mut j = serde_json::to_value(&ag)?;
        for d in j["court_dates"].as_array_mut().into_iter().flatten() {
            amparo_core::sync::redact::mark_not_held(actor, &amparo_core::schema::COURT_DATE, d);
        }
        return print_json(&j);
    }
    println!("Agenda {} to {} ({} days)", ag.from.format("%Y-%m-%d"), ag.to.format("%Y-%m-%d"), ag.days);
    println!();
    println!("Court dates");
    if ag.court_dates.is_empty() {
        println!("  none");
    }
    for d in &ag.court_dates {
        let state = if d.time_tbc {
            "time TBC"
        } else if d.confirmed {
            "confirmed"
        } else {
            "not confirmed"
        };
        let room = d.room.as_deref().map(|r| format!(", room {r}")).unwrap_or_default();
        println!(
            "  {} {}  {}  {}  {}{}  [{}]",
            d.local_time,
            d.time_zone,
            court_kind(actor, d.kind),
            d.household,
            d.place,
            room,
            state
        );
        let names: Vec<&str> = d.accompaniers.iter().map(|p| p.name.as_str()).collect();
        println!(
            "      accompaniers {} of {} wanted{}{}   id {}",
            d.assigned,
            d.min_wanted,
            if names.is_empty() { String::new() } else { format!(": {}", names.join(", ")) },
            if d.understaffed { "  UNDER-STAFFED" } else { "" },
            d.id
        );
        for f in &d.accompanier_flags {
            println!("      CHECK {}: {}", f.name, f.problem.describe());
        }
    }
    println!();
    println!("Sanctuary shifts short of people");
    if ag.shifts_understaffed.is_empty() {
        println!("  none");
    }
    for s in &ag.shifts_understaffed {
        println!(
            "  [{}] {}  {} to {} {}  {} of {} people   id {}",
            s.site_code, s.label, s.local_start, s.local_end, s.time_zone, s.assigned, s.min_people, s.id
        );
    }
    println!();
    println!("Rota problems (gaps, double bookings, short rests, blackouts, inactive volunteers)");
    if ag.rota_issues.is_empty() {
        println!("  none");
    }
    for i in &ag.rota_issues {
        println!("  {}   shift {}", i.describe(), i.shift_id);
    }
    println!();
    println!("Placements ending");
    if ag.placements_ending.is_empty() {
        println!("  none");
    }
    for p in &ag.placements_ending {
        println!("  {}  {}  at {}   id {}", p.expected_end, p.household, p.site, p.id);
    }
    println!();
    println!("Tasks due");
    if ag.tasks.is_empty() {
        println!("  none");
    }
    for t in &ag.tasks {
        println!(
            "  {}{}  {}  {}  {}   id {}",
            t.due_date,
            if t.overdue { " OVERDUE" } else { "" },
            t.title,
            t.household.as_deref().unwrap_or(""),
            t.assignee.as_deref().unwrap_or(""),
            t.id
        );
    }
    Ok(())
}
