//! `amparo court`: court dates and appointments, sign-ups and outcomes.

use anyhow::{anyhow, bail};
use clap::{Args, Subcommand};
use serde::Serialize;

use amparo_core::domain::{
    parse_time_zone, CourtDate, CourtKind, CourtStatus, Household, Note, Person, PlaceTime, Volunteer,
};
use amparo_core::{ops, query, rules, Store};

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum CourtCmd {
    /// Add a court date or appointment
    Add {
        /// The family (id)
        #[arg(long)]
        family: String,
        #[command(flatten)]
        fields: CourtFields,
    },
    /// List court dates from today on (all with --all)
    List {
        /// Include past dates
        #[arg(long)]
        all: bool,
        /// Only this family's (id)
        #[arg(long)]
        family: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a court date with its accompaniers
    Show(ShowArgs),
    /// Change a court date (moving it keeps the place's time zone unless --tz is given)
    Edit {
        /// The court date's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: CourtFields,
        /// The time is known now: no longer "to be confirmed"
        #[arg(long, conflicts_with = "tbc")]
        no_tbc: bool,
        /// Mark as not confirmed
        #[arg(long, conflicts_with = "confirmed")]
        unconfirmed: bool,
        /// Cancel the date
        #[arg(long)]
        cancel: bool,
    },
    /// Delete a court date
    Delete(IdArg),
    /// Assign volunteers to accompany
    Assign {
        /// The court date (id)
        id: String,
        /// Volunteers (ids)
        #[arg(required = true)]
        volunteers: Vec<String>,
    },
    /// Take volunteers off a court date
    Unassign {
        /// The court date (id)
        id: String,
        /// Volunteers (ids)
        #[arg(required = true)]
        volunteers: Vec<String>,
    },
    /// Report what happened (after the date); a next date becomes a new court date. Run
    /// again to correct the outcome, or with --clear to undo it
    Outcome(OutcomeArgs),
}

#[derive(Debug, Args)]
pub struct CourtFields {
    /// The person the date is for (id)
    #[arg(long)]
    pub person: Option<String>,
    /// master_calendar, individual_hearing, bond_hearing, ice_check_in, high_risk_ice_check_in,
    /// isap_check_in, uscis_biometrics, uscis_interview, family_court, criminal_court, other
    #[arg(long)]
    pub kind: Option<CourtKind>,
    /// Local date and time at the place, "YYYY-MM-DD HH:MM" (a bare date: time to be confirmed)
    #[arg(long)]
    pub at: Option<String>,
    /// The place's IANA time zone, e.g. America/Chicago (when adding: default $AMPARO_TZ)
    #[arg(long)]
    pub tz: Option<String>,
    /// The time is still to be confirmed (clears "confirmed")
    #[arg(long, conflicts_with = "confirmed")]
    pub tbc: bool,
    /// The date and time are confirmed (clears "to be confirmed")
    #[arg(long)]
    pub confirmed: bool,
    /// Courthouse or office
    #[arg(long)]
    pub place: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub room: Option<String>,
    #[arg(long)]
    pub judge: Option<String>,
    /// Attorney attending
    #[arg(long)]
    pub attorney: Option<String>,
    /// Interpreter needed, e.g. "Spanish, in person"
    #[arg(long)]
    pub interpreter: Option<String>,
    /// Transport needed (yes/no)
    #[arg(long, value_parser = yes_no, value_name = "yes|no")]
    pub transport: Option<bool>,
    /// Minimum accompaniers wanted (default 2)
    #[arg(long)]
    pub min: Option<i64>,
    /// Maximum accompaniers allowed ("none" for no limit)
    #[arg(long)]
    pub max: Option<String>,
    /// Leader of the accompaniment (volunteer id)
    #[arg(long)]
    pub leader: Option<String>,
    /// Notes volunteers may see
    #[arg(long)]
    pub notes: Option<String>,
    /// Notes for coordinators only
    #[arg(long)]
    pub internal_notes: Option<String>,
}

impl CourtFields {
    fn apply(self, c: &Ctx<'_>, d: &mut CourtDate) -> anyhow::Result<()> {
        if let Some(p) = self.person {
            d.person_id = c.opt_id::<Person>(Some(&p))?;
        }
        if let Some(k) = self.kind {
            d.kind = k;
        }
        if self.at.is_some() || self.tz.is_some() {
            let zone = match &self.tz {
                Some(tz) => parse_time_zone(tz)?,
                None => d.time_zone,
            };
            let (local, tbc) = match &self.at {
                Some(at) => parse_local("--at", at)?,
                None => (d.local_start, d.time_tbc),
            };
            d.set_at(PlaceTime::new(local, zone)?);
            d.time_tbc = tbc;
        }
        // "To be confirmed" and "confirmed" exclude each other: setting one clears the other.
        if self.tbc {
            d.time_tbc = true;
            d.confirmed = false;
        }
        if self.confirmed {
            if self.at.as_deref().is_some_and(|at| parse_local("--at", at).is_ok_and(|(_, tbc)| tbc)) {
                bail!("a bare date means the time is still to be confirmed; give the time with --at \"YYYY-MM-DD HH:MM\" to confirm it");
            }
            d.confirmed = true;
            d.time_tbc = false;
        }
        if let Some(p) = self.place {
            d.place = p.trim().to_string();
        }
        set_text(&mut d.address, self.address);
        set_text(&mut d.room, self.room);
        set_text(&mut d.judge, self.judge);
        set_text(&mut d.attorney_attending, self.attorney);
        set_text(&mut d.interpreter, self.interpreter);
        if let Some(t) = self.transport {
            d.transport_needed = t;
        }
        if let Some(m) = self.min {
            d.min_accompaniers = m;
        }
        if let Some(m) = self.max {
            d.max_accompaniers = match m.trim() {
                "" | "none" => None,
                t => Some(t.parse().map_err(|_| anyhow!("invalid --max: give a number, or none"))?),
            };
        }
        if let Some(l) = self.leader {
            d.leader_id = c.opt_id::<Volunteer>(Some(&l))?;
        }
        set_text(&mut d.accompanier_notes, self.notes);
        set_text(&mut d.internal_notes, self.internal_notes);
        Ok(())
    }
}

#[derive(Debug, Args)]
pub struct OutcomeArgs {
    /// The court date (id)
    pub id: String,
    /// What happened, in a few words (again on a date with an outcome: replaces it)
    #[arg(long, required_unless_present = "clear")]
    pub text: Option<String>,
    /// The person was detained
    #[arg(long)]
    pub detained: bool,
    /// Undo an outcome recorded by mistake: the date is scheduled again
    #[arg(long, conflicts_with_all = ["text", "detained", "next_at"])]
    pub clear: bool,
    /// Next date, local time at its place: "YYYY-MM-DD HH:MM"
    #[arg(long)]
    pub next_at: Option<String>,
    /// Time zone of the next date's place (default: this date's)
    #[arg(long)]
    pub next_tz: Option<String>,
    /// Place of the next date (default: the same place)
    #[arg(long)]
    pub next_place: Option<String>,
    #[arg(long)]
    pub next_room: Option<String>,
    /// Kind of the next date (default: the same kind)
    #[arg(long)]
    pub next_kind: Option<CourtKind>,
}

#[derive(Serialize)]
pub(super) struct CourtView {
    court_date: CourtDate,
    household: String,
    person: Option<String>,
    accompaniers: Vec<query::Person>,
    leader: Option<String>,
    notes: Vec<Note>,
}

pub(super) fn court_view(store: &Store, d: CourtDate) -> anyhow::Result<CourtView> {
    let accompaniers = rules::accompaniers_of(store.conn(), d.id)?
        .into_iter()
        .map(|a| query::Person {
            id: a.volunteer_id,
            name: name_or_blank::<Volunteer>(store, Some(a.volunteer_id), "name"),
        })
        .collect();
    Ok(CourtView {
        household: name_or_blank::<Household>(store, Some(d.household_id), "display_name"),
        person: d.person_id.map(|p| name_or_blank::<Person>(store, Some(p), "name")),
        leader: d.leader_id.map(|l| name_or_blank::<Volunteer>(store, Some(l), "name")),
        notes: notes_on(store, d.id)?,
        accompaniers,
        court_date: d,
    })
}

pub(super) fn court_line(store: &Store, actor: amparo_core::store::Actor, d: &CourtDate) -> anyhow::Result<String> {
    let n = rules::accompaniers_of(store.conn(), d.id)?.len() as i64;
    let state = match (d.status, d.time_tbc, d.confirmed) {
        (CourtStatus::Scheduled, true, _) => "time TBC".to_string(),
        (CourtStatus::Scheduled, false, true) => "confirmed".to_string(),
        (CourtStatus::Scheduled, false, false) => "not confirmed".to_string(),
        (s, _, _) => s.to_string(),
    };
    let short = if d.understaffed_with(n as usize) { "  UNDER-STAFFED" } else { "" };
    Ok(format!(
        "{}  {} {}  {}  {}  {}  [{}]  accompaniers {}/{}{}",
        d.id,
        d.local_when(),
        d.time_zone,
        court_kind(actor, d.kind),
        name_or_blank::<Household>(store, Some(d.household_id), "display_name"),
        d.place,
        state,
        n,
        d.min_accompaniers,
        short
    ))
}

pub(super) fn court(mut c: Ctx<'_>, cmd: CourtCmd) -> anyhow::Result<()> {
    match cmd {
        CourtCmd::Add { family, fields } => {
            let hid = c.id::<Household>(&family)?;
            let Some(at) = fields.at.as_deref() else {
                bail!("give the local date and time with --at \"YYYY-MM-DD HH:MM\"")
            };
            // The environment's default applies to new dates only: an edit must never
            // move an existing date into another zone unasked.
            let tz = fields.tz.clone().or_else(|| std::env::var("AMPARO_TZ").ok().filter(|z| !z.trim().is_empty()));
            let Some(tz) = tz.as_deref() else {
                bail!("give the place's time zone with --tz, e.g. --tz America/Chicago (or set AMPARO_TZ)")
            };
            let zone = parse_time_zone(tz)?;
            let (local, tbc) = parse_local("--at", at)?;
            let at = PlaceTime::new(local, zone)?;
            let Some(place) = fields.place.clone() else { bail!("give the courthouse or office with --place") };
            let mut d = CourtDate::new(hid, fields.kind.unwrap_or(CourtKind::MasterCalendar), at, place);
            d.time_tbc = tbc;
            fields.apply(&c, &mut d)?;
            let id = c.write(|w| rules::add_court_date(w, &d))?;
            println!(
                "added court date {id} on {} ({})",
                amparo_core::court::show_time(d.at(), d.time_zone),
                d.time_zone
            );
        }
        CourtCmd::List { all, family, json } => {
            let now = c.session.now.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
            let hid = family.map(|f| c.id::<Household>(&f)).transpose()?.map(|h| h.to_string());
            let since = if all { String::new() } else { now };
            let from = (!all).then_some(c.session.now);
            let household = hid.as_deref().map(str::parse).transpose()?;
            let list: Vec<CourtDate> =
                ops::court::court_dates(c.store, from, None, household)?.into_iter().map(|s| s.court).collect();
            let damaged = damaged_court_dates(c.store, hid.as_deref(), &since)?;
            if json.json {
                let mut out = marked_all(c.store.actor()?, &list)?;
                if let Some(a) = out.as_array_mut() {
                    a.extend(
                        damaged.iter().map(|(d, _)| serde_json::json!({ "id": d.id, "damaged": { "field": d.field } })),
                    );
                }
                return print_json(&out);
            }
            if list.is_empty() && damaged.is_empty() {
                println!("no court dates");
            }
            let actor = c.store.actor()?;
            // Damaged dates in their place by time, so a person sees where one is missing.
            let mut damaged = damaged.into_iter().peekable();
            for d in &list {
                let at = amparo_core::schedule::rotation::ts_pub(d.starts_utc);
                while let Some((bad, _)) = damaged.next_if(|(_, when)| when.as_str() < at.as_str()) {
                    println!("{}", super::context::damaged_line(&bad));
                }
                println!("{}", court_line(c.store, actor, d)?);
            }
            for (bad, _) in damaged {
                println!("{}", super::context::damaged_line(&bad));
            }
        }
        CourtCmd::Show(a) => {
            let d = c.store.get::<CourtDate>(c.id::<CourtDate>(&a.id)?)?;
            let v = court_view(c.store, d)?;
            if a.json {
                let mut j = serde_json::to_value(&v)?;
                amparo_core::sync::redact::mark_not_held(
                    c.store.actor()?,
                    &amparo_core::schema::COURT_DATE,
                    &mut j["court_date"],
                );
                return print_json(&j);
            }
            let d = &v.court_date;
            println!("{}  ({})", court_kind(c.store.actor()?, d.kind), d.id);
            field("family", &v.household);
            opt_field("person", &v.person);
            field("when (local)", format!("{} {}", d.local_when(), d.time_zone));
            if !d.time_tbc {
                field("when (UTC)", d.starts_utc.format("%Y-%m-%d %H:%M"));
            }
            field("time to be confirmed", if d.time_tbc { "yes" } else { "no" });
            field("confirmed", if d.confirmed { "yes" } else { "no" });
            field("place", &d.place);
            opt_field("address", &d.address);
            opt_field("room", &d.room);
            opt_field("judge", &d.judge);
            opt_field("attorney attending", &d.attorney_attending);
            opt_field("interpreter", &d.interpreter);
            field("transport needed", if d.transport_needed { "yes" } else { "no" });
            let max = d.max_accompaniers.map_or("no maximum".into(), |m| format!("at most {m}"));
            let names: Vec<&str> = v.accompaniers.iter().map(|a| a.name.as_str()).collect();
            field(
                "accompaniers",
                format!(
                    "{} of {} wanted ({max}){}",
                    names.len(),
                    d.min_accompaniers,
                    if d.understaffed_with(names.len()) { "  UNDER-STAFFED" } else { "" }
                ),
            );
            if !names.is_empty() {
                field("", names.join(", "));
            }
            opt_field("leader", &v.leader);
            opt_field("notes for accompaniers", &d.accompanier_notes);
            opt_field("internal notes", &d.internal_notes);
            field("status", d.status);
            opt_field("outcome", &d.outcome);
            opt_field("detained", &d.detained.map(|b| if b { "yes" } else { "no" }));
            opt_field("previous date", &d.previous_court_date_id);
            opt_field("next date", &d.next_court_date_id);
            print_notes(&v.notes);
        }
        CourtCmd::Edit { id, fields, no_tbc, unconfirmed, cancel } => {
            let mut d = c.store.get::<CourtDate>(c.id::<CourtDate>(&id)?)?;
            fields.apply(&c, &mut d)?;
            if no_tbc {
                d.time_tbc = false;
            }
            if unconfirmed {
                d.confirmed = false;
            }
            if cancel {
                d.status = CourtStatus::Cancelled;
            }
            let n = c.write(|w| rules::save_court_date(w, &d))?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated court date {}", d.id) });
        }
        CourtCmd::Delete(a) => {
            let id = c.id::<CourtDate>(&a.id)?;
            let n = c.write(|w| rules::delete_court_date(w, id))?;
            deleted(n, "court date");
        }
        CourtCmd::Assign { id, volunteers } => {
            let cid = c.id::<CourtDate>(&id)?;
            let vids = volunteers.iter().map(|v| c.id::<Volunteer>(v)).collect::<anyhow::Result<Vec<_>>>()?;
            let warnings = amparo_core::court::warnings_before_assigning(c.store.conn(), cid, &vids)?;
            c.write(|w| vids.iter().try_for_each(|v| rules::assign_accompanier(w, cid, *v).map(|_| ())))?;
            let d = c.store.get::<CourtDate>(cid)?;
            let n = rules::accompaniers_of(c.store.conn(), cid)?.len();
            println!("assigned; {n} of {} wanted accompaniers", d.min_accompaniers);
            for f in warnings {
                println!("  warning: {} {}", f.name, f.problem.describe());
            }
        }
        CourtCmd::Unassign { id, volunteers } => {
            let cid = c.id::<CourtDate>(&id)?;
            let vids = volunteers.iter().map(|v| c.id::<Volunteer>(v)).collect::<anyhow::Result<Vec<_>>>()?;
            c.write(|w| vids.iter().try_for_each(|v| rules::unassign_accompanier(w, cid, *v)))?;
            let d = c.store.get::<CourtDate>(cid)?;
            let n = rules::accompaniers_of(c.store.conn(), cid)?.len();
            println!("unassigned; {n} of {} wanted accompaniers", d.min_accompaniers);
        }
        CourtCmd::Outcome(a) => {
            let cid = c.id::<CourtDate>(&a.id)?;
            if a.clear {
                c.write(|w| amparo_core::court::clear_outcome(w, cid))?;
                println!("outcome removed; the court date is scheduled again");
                return Ok(());
            }
            let d = c.store.get::<CourtDate>(cid)?;
            let had_outcome = d.outcome.is_some();
            let next = match a.next_at {
                None => None,
                Some(at) => {
                    let zone = match &a.next_tz {
                        Some(tz) => parse_time_zone(tz)?,
                        None => d.time_zone,
                    };
                    let (local, _) = parse_local("--next-at", &at)?;
                    Some(rules::NextDate {
                        at: PlaceTime::new(local, zone)?,
                        place: a.next_place.clone().unwrap_or_else(|| d.place.clone()),
                        room: a.next_room.clone(),
                        kind: a.next_kind,
                    })
                }
            };
            let outcome = rules::Outcome { text: a.text.unwrap_or_default(), detained: a.detained, next };
            let today = c.today();
            let done = c.write(|w| amparo_core::court::record_outcome(w, cid, &outcome, today))?;
            println!("{}", if had_outcome { "outcome updated" } else { "outcome recorded" });
            if let Some(n) = done.next_court_date_id {
                println!("added the next court date {n}");
            }
            if !done.tasks.is_empty() {
                println!("opened {} rapid-response tasks (see `amparo task list`)", done.tasks.len());
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- volunteer and congregation

/// The court dates of this list that cannot be read (an older Amparo stored them so),
/// with when they start as stored, in time order.
fn damaged_court_dates(
    store: &Store,
    household: Option<&str>,
    since: &str,
) -> anyhow::Result<Vec<(amparo_core::sync::validate::Damaged, String)>> {
    let mut out = Vec::new();
    for d in amparo_core::sync::validate::damaged(store.conn())?.into_iter().filter(|d| d.table == "court_date") {
        let (when, family): (Option<String>, Option<String>) = store.conn().query_row(
            "SELECT starts_utc, household_id FROM court_date WHERE id = ?1",
            [d.id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let when = when.unwrap_or_default();
        if household.is_some_and(|h| family.as_deref() != Some(h)) || when.as_str() < since {
            continue;
        }
        out.push((d, when));
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}
