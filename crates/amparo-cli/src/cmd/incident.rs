//! `amparo incident` and `amparo zone`: the rapid-response hotline desk from a terminal.

use anyhow::bail;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use clap::{Args, Subcommand, ValueEnum};

use amparo_core::domain::{
    Activity, Dispatch, Disposition, Household, Incident, IncidentKind, IncidentStatus, Person, ResponderRole,
    ResponseZone, VerifiedBy, Volunteer, Warrant,
};
use amparo_core::incident::{self, Step};
use amparo_core::ops::incident as desk;
use amparo_core::schedule::Lang;
use amparo_core::schema;

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum IncidentCmd {
    /// Take a call: record what the caller saw (the SALUTE report)
    #[command(
        after_help = "Times (--seen) are local to the zone given with --zone, else to this computer (TZ). Reports close in time and place are named as maybe the same event, with the command that merges them."
    )]
    Add(IncidentFields),
    /// The desk: open incidents, newest first (closed ones too with --all)
    List {
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// One incident: the report, verifications, timeline and responders
    Show(ShowArgs),
    /// Complete or correct the report, change its status, record the follow-up
    Edit {
        /// The incident's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: IncidentFields,
        /// new, verifying, dispatched or closed
        #[arg(long)]
        status: Option<IncidentStatus>,
        #[command(flatten)]
        follow_up: FollowUp,
    },
    /// Say you are handling a call (so another dispatcher does not), or let it go
    Take {
        id: String,
        /// The dispatcher (volunteer id); default: this store's own volunteer record
        #[arg(long)]
        by: Option<String>,
        /// Nobody is handling it now
        #[arg(long, conflicts_with = "by")]
        release: bool,
    },
    /// Record a verifier's check: on scene, by photo or a second source
    Verify {
        id: String,
        #[arg(long)]
        how: VerifiedBy,
        /// The verifier (volunteer id); default: this store's own volunteer record
        #[arg(long)]
        by: Option<String>,
        /// The check found nothing (the report stays unverified)
        #[arg(long)]
        not_confirmed: bool,
        /// When, "YYYY-MM-DD HH:MM" local (default: now)
        #[arg(long)]
        at: Option<String>,
    },
    /// Send a responder (responders go in pairs: send two)
    Dispatch {
        id: String,
        /// The responder (volunteer id)
        volunteer: String,
        /// verifier, legal_observer or zone_lead
        #[arg(long)]
        role: ResponderRole,
        #[arg(long)]
        at: Option<String>,
    },
    /// Mark a responder's step: acknowledged, on-scene or left
    Step {
        /// The dispatch's id (shown by `amparo incident show`)
        dispatch: String,
        step: StepArg,
        #[arg(long)]
        at: Option<String>,
    },
    /// Add a line to the timeline: what was seen or said
    Observe {
        id: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        witness: Option<String>,
        /// Who saw it (volunteer id); default: this store's own volunteer record
        #[arg(long)]
        by: Option<String>,
        #[arg(long)]
        at: Option<String>,
    },
    /// Close an incident with what it turned out to be
    Close {
        id: String,
        /// confirmed, false_alarm or unverified
        #[arg(long)]
        disposition: Disposition,
    },
    /// Open a closed incident again
    Reopen(IdArg),
    /// Fold a second report of one event into the first
    Merge {
        /// The report to keep
        keep: String,
        /// The report folded into it and deleted
        other: String,
    },
    /// The text to paste into the zone's Signal group: kind, place, time, size, what to bring
    #[command(
        after_help = "The text is printed as plain text: it holds the kind of action, the place, the time seen, how many agents and vehicles, what the vests say and the zone; never the caller, a name or an A-number. A note saying so goes to standard error."
    )]
    SignalText {
        id: String,
        /// en or es
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Forget the callers (phone, language, affected, safe) of incidents older than the retention period
    ForgetCallers {
        /// Days after which a caller is forgotten
        #[arg(long, default_value_t = 30)]
        older_than_days: u32,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StepArg {
    Acknowledged,
    OnScene,
    Left,
}

#[derive(Debug, Subcommand)]
pub enum ZoneCmd {
    /// Add a zone of the network
    Add {
        #[arg(long)]
        name: String,
        /// IANA time zone, e.g. America/Chicago
        #[arg(long)]
        tz: String,
        /// The name of the zone's Signal group
        #[arg(long)]
        signal_group: Option<String>,
    },
    /// List the zones
    List(JsonFlag),
}

#[derive(Debug, Args)]
pub struct IncidentFields {
    /// Address or cross streets
    #[arg(long)]
    pub location: Option<String>,
    /// home, workplace, vehicle_stop, checkpoint, courthouse, check_in_arrest, sweep or other
    #[arg(long)]
    pub kind: Option<IncidentKind>,
    /// The zone (id or a unique beginning of it)
    #[arg(long)]
    pub zone: Option<String>,
    #[arg(long)]
    pub caller_phone: Option<String>,
    /// The caller's language, e.g. es, mam, K'iche'
    #[arg(long)]
    pub caller_language: Option<String>,
    /// Whether the caller is the person affected (yes/no)
    #[arg(long, value_parser = yes_no)]
    pub affected: Option<bool>,
    /// Whether the caller is safe now (yes/no)
    #[arg(long, value_parser = yes_no)]
    pub safe: Option<bool>,
    /// How many agents were seen
    #[arg(long)]
    pub agents: Option<i64>,
    /// How many vehicles
    #[arg(long)]
    pub vehicles: Option<i64>,
    /// There may be more unseen
    #[arg(long)]
    pub more_unseen: bool,
    /// watching, approaching, questioning, detaining, loading or checkpoint
    #[arg(long)]
    pub activity: Option<Activity>,
    #[arg(long)]
    pub landmark: Option<String>,
    /// Direction of travel
    #[arg(long)]
    pub direction: Option<String>,
    /// What the vests say (repeat): ICE, HSI, CBP, POLICE…
    #[arg(long = "uniform")]
    pub uniforms: Vec<String>,
    /// Whether vehicles and uniforms were marked (yes/no)
    #[arg(long, value_parser = yes_no)]
    pub marked: Option<bool>,
    /// When it was seen, "YYYY-MM-DD HH:MM" local
    #[arg(long)]
    pub seen: Option<String>,
    #[arg(long)]
    pub equipment: Option<String>,
    /// Agencies present (repeat)
    #[arg(long = "agency")]
    pub agencies: Vec<String>,
    /// How they were identified (vests, badges, they said so)
    #[arg(long)]
    pub identified_by: Option<String>,
    /// Vehicles and their plates
    #[arg(long)]
    pub plates: Option<String>,
    #[arg(long)]
    pub badges: Option<String>,
    /// none, administrative (I-200/I-205, signed by an officer), judicial (signed by a judge) or unknown
    #[arg(long)]
    pub warrant: Option<Warrant>,
    /// Who signed it, which court
    #[arg(long)]
    pub warrant_details: Option<String>,
    /// Whether entry was consented (yes/no)
    #[arg(long, value_parser = yes_no)]
    pub entry_consented: Option<bool>,
    /// One line of what happened
    #[arg(long)]
    pub summary: Option<String>,
    /// The dispatcher who took the call (volunteer id); default: this store's own volunteer record
    #[arg(long)]
    pub received_by: Option<String>,
}

#[derive(Debug, Args)]
pub struct FollowUp {
    /// The detained person's family (id)
    #[arg(long)]
    pub family: Option<String>,
    /// The detained person (id)
    #[arg(long)]
    pub person: Option<String>,
    /// Dependents left behind
    #[arg(long)]
    pub dependents: Option<String>,
    #[arg(long)]
    pub standby_guardian: Option<String>,
    /// The attorney the case was referred to
    #[arg(long)]
    pub attorney: Option<String>,
    /// When it was referred, YYYY-MM-DD
    #[arg(long)]
    pub referral_date: Option<String>,
    #[arg(long, value_parser = yes_no)]
    pub canvass_done: Option<bool>,
    /// Know-your-rights material left (yes/no)
    #[arg(long, value_parser = yes_no)]
    pub rights_material_left: Option<bool>,
}

/// The zone people here mean by a bare local time: `TZ` when it names one, else this
/// computer's, else UTC.
fn computer_zone() -> Tz {
    std::env::var("TZ")
        .ok()
        .and_then(|t| t.trim_start_matches(':').parse().ok())
        .or_else(|| iana_time_zone::get_timezone().ok().and_then(|n| n.parse().ok()))
        .unwrap_or(chrono_tz::UTC)
}

fn zone_of(c: &Ctx<'_>, i: &Incident) -> anyhow::Result<Option<ResponseZone>> {
    Ok(match i.zone_id {
        Some(z) => c.store.find::<ResponseZone>(z)?,
        None => None,
    })
}

fn when(flag: &str, text: Option<&str>, tz: Tz, now: DateTime<Utc>) -> anyhow::Result<DateTime<Utc>> {
    match text {
        None => Ok(now),
        Some(t) => {
            let (local, _) = parse_local(flag, t)?;
            Ok(amparo_core::clock::resolve_local(tz, local))
        }
    }
}

fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z").to_string()
}

/// This store's own volunteer record, for "me" defaults.
fn me(c: &Ctx<'_>) -> anyhow::Result<Option<uuid::Uuid>> {
    Ok(match c.store.actor()? {
        amparo_core::store::Actor::Member { volunteer, .. } => volunteer,
        amparo_core::store::Actor::Alone => None,
    })
}

fn volunteer_or_me(c: &Ctx<'_>, text: Option<&str>) -> anyhow::Result<Option<uuid::Uuid>> {
    match text {
        Some(t) => Ok(Some(c.id::<Volunteer>(t)?)),
        None => me(c),
    }
}

impl IncidentFields {
    fn apply(self, c: &Ctx<'_>, i: &mut Incident) -> anyhow::Result<()> {
        if let Some(z) = self.zone.as_deref() {
            i.zone_id = c.opt_id::<ResponseZone>(Some(z))?;
        }
        let tz = zone_of(c, i)?.map(|z| z.time_zone).unwrap_or_else(computer_zone);
        if let Some(l) = self.location {
            i.location = l.trim().to_string();
        }
        if let Some(k) = self.kind {
            i.kind = k;
        }
        set_text(&mut i.caller_phone, self.caller_phone);
        if let Some(l) = self.caller_language {
            let l = l.trim();
            i.caller_language =
                if l.is_empty() || l == "none" { None } else { Some(amparo_core::language::normalize(l)) };
        }
        for (target, value) in [
            (&mut i.caller_affected, self.affected),
            (&mut i.caller_safe, self.safe),
            (&mut i.marked, self.marked),
            (&mut i.entry_consented, self.entry_consented),
        ] {
            if value.is_some() {
                *target = value;
            }
        }
        if self.agents.is_some() {
            i.agents = self.agents;
        }
        if self.vehicles.is_some() {
            i.vehicles = self.vehicles;
        }
        if self.more_unseen {
            i.more_unseen = true;
        }
        if self.activity.is_some() {
            i.activity = self.activity;
        }
        set_text(&mut i.landmark, self.landmark);
        set_text(&mut i.direction, self.direction);
        set_list(&mut i.uniforms, self.uniforms.iter().map(|u| u.trim().to_uppercase()).collect());
        if let Some(seen) = self.seen.as_deref() {
            i.observed_at = Some(when("--seen", Some(seen), tz, c.session.now)?);
        }
        set_text(&mut i.equipment, self.equipment);
        set_list(&mut i.agencies, self.agencies.iter().map(|u| u.trim().to_uppercase()).collect());
        set_text(&mut i.identified_by, self.identified_by);
        set_text(&mut i.plates, self.plates);
        set_text(&mut i.badge_numbers, self.badges);
        if self.warrant.is_some() {
            i.warrant = self.warrant;
        }
        set_text(&mut i.warrant_details, self.warrant_details);
        set_text(&mut i.summary, self.summary);
        if let Some(r) = self.received_by.as_deref() {
            i.received_by_id = c.opt_id::<Volunteer>(Some(r))?;
        }
        Ok(())
    }
}

impl FollowUp {
    fn apply(self, c: &Ctx<'_>, i: &mut Incident) -> anyhow::Result<()> {
        if let Some(f) = self.family.as_deref() {
            i.household_id = c.opt_id::<Household>(Some(f))?;
        }
        if let Some(p) = self.person.as_deref() {
            i.person_id = c.opt_id::<Person>(Some(p))?;
        }
        set_text(&mut i.dependents, self.dependents);
        set_text(&mut i.standby_guardian, self.standby_guardian);
        set_text(&mut i.referral_attorney, self.attorney);
        if let Some(d) = opt_date("--referral-date", self.referral_date.as_deref())? {
            i.referral_date = d;
        }
        if self.canvass_done.is_some() {
            i.canvass_done = self.canvass_done;
        }
        if self.rights_material_left.is_some() {
            i.rights_material_left = self.rights_material_left;
        }
        Ok(())
    }
}

fn word(w: &str) -> String {
    w.replace('_', " ")
}

fn desk_line(r: &desk::DeskRow, tz: Tz) -> String {
    let i = &r.incident;
    let mut line = format!(
        "{}  {}  {}  {}  [{} / {}]",
        i.id,
        local(i.received_at, tz),
        word(i.kind.as_str()),
        i.location,
        i.status,
        word(i.disposition.as_str())
    );
    if let Some(z) = &r.zone {
        line.push_str(&format!("  zone {z}"));
    }
    if r.responders > 0 {
        line.push_str(&format!("  {} sent", r.responders));
    }
    if let Some(h) = &r.handled_by {
        line.push_str(&format!("  handled by {h}"));
    }
    if !r.same_event.is_empty() {
        let ids: Vec<String> = r.same_event.iter().map(|u| u.to_string()).collect();
        line.push_str(&format!("  maybe the same event as {}", ids.join(", ")));
    }
    line
}

fn say_same_event(c: &Ctx<'_>, id: uuid::Uuid) -> anyhow::Result<()> {
    let rows = desk::desk(c.store, false)?;
    let Some(row) = rows.iter().find(|r| r.incident.id == id) else { return Ok(()) };
    for other in &row.same_event {
        if let Some(o) = rows.iter().find(|r| r.incident.id == *other) {
            println!(
                "maybe the same event as incident {} ({}, {}); merge them with `amparo incident merge {} {}`",
                o.incident.id,
                o.incident.location,
                local(o.incident.received_at, zone_tz(c, o.incident.id)?),
                o.incident.id,
                id
            );
        }
    }
    Ok(())
}

pub(super) fn incident(mut c: Ctx<'_>, cmd: IncidentCmd) -> anyhow::Result<()> {
    let now = c.session.now;
    match cmd {
        IncidentCmd::Add(fields) => {
            let Some(location) = fields.location.clone() else {
                bail!("say where with --location, an address or cross streets, e.g. --location \"W 26th St & S Pulaski Rd\"")
            };
            let mut i = Incident::new(now, fields.kind.unwrap_or(IncidentKind::Other), location);
            i.received_by_id = me(&c)?;
            fields.apply(&c, &mut i)?;
            let id = c.write(|w| incident::add_incident(w, &i))?;
            println!("added incident {id}");
            say_same_event(&c, id)?;
        }
        IncidentCmd::List { all, json } => {
            let rows = desk::desk(c.store, all)?;
            if json.json {
                // Each incident's fields, with the desk's columns beside them.
                let actor = c.store.actor()?;
                let mut out = Vec::new();
                for r in &rows {
                    let mut v = serde_json::to_value(&r.incident)?;
                    amparo_core::sync::redact::mark_not_held(actor, &schema::INCIDENT, &mut v);
                    v["zone"] = serde_json::json!(r.zone);
                    v["handled_by"] = serde_json::json!(r.handled_by);
                    v["responders"] = serde_json::json!(r.responders);
                    v["same_event"] = serde_json::json!(r.same_event);
                    out.push(v);
                }
                return print_json(&out);
            }
            if rows.is_empty() {
                println!("no open incidents; take a call with `amparo incident add --location ...`");
            }
            let tz = computer_zone();
            for r in &rows {
                println!("{}", desk_line(r, tz));
            }
        }
        IncidentCmd::Show(a) => {
            let id = c.id::<Incident>(&a.id)?;
            let page = desk::page(c.store, id)?;
            let actor = c.store.actor()?;
            if a.json {
                let mut v = serde_json::to_value(&page)?;
                amparo_core::sync::redact::mark_not_held(actor, &schema::INCIDENT, &mut v["row"]["incident"]);
                return print_json(&v);
            }
            let tz = page.zone.as_ref().map(|z| z.time_zone).unwrap_or_else(computer_zone);
            let i = &page.row.incident;
            println!("{}", desk_line(&page.row, tz));
            let shown = |name: &str, value: Option<String>| {
                if !actor.holds(&schema::INCIDENT, name) {
                    field(&word(name), amparo_core::sync::redact::NOT_SHARED);
                } else if let Some(v) = value {
                    field(&word(name), v);
                }
            };
            shown("received_by_id", page.received_by.clone());
            shown("caller_phone", i.caller_phone.clone());
            shown("caller_language", i.caller_language.as_deref().map(|l| amparo_core::language::display(l, false)));
            let yn = |b: Option<bool>| b.map(|b| if b { "yes".to_string() } else { "no".to_string() });
            shown("caller_affected", yn(i.caller_affected));
            shown("caller_safe", yn(i.caller_safe));
            if let Some(at) = i.caller_cleared_at {
                field("caller forgotten", local(at, tz));
            }
            let mut size = vec![];
            if let Some(a) = i.agents {
                size.push(format!("{a} agent(s)"));
            }
            if let Some(v) = i.vehicles {
                size.push(format!("{v} vehicle(s)"));
            }
            if i.more_unseen {
                size.push("maybe more unseen".into());
            }
            if !size.is_empty() {
                field("size", size.join(", "));
            }
            opt_field("activity", &i.activity.map(|a| word(a.as_str())));
            opt_field("landmark", &i.landmark);
            opt_field("direction", &i.direction);
            list_field("uniforms", &i.uniforms);
            opt_field("marked", &yn(i.marked));
            opt_field("seen", &i.observed_at.map(|t| local(t, tz)));
            opt_field("equipment", &i.equipment);
            list_field("agencies", &i.agencies);
            opt_field("identified by", &i.identified_by);
            opt_field("plates", &i.plates);
            opt_field("badges", &i.badge_numbers);
            opt_field("warrant", &i.warrant.map(|w| w.as_str().to_string()));
            opt_field("warrant details", &i.warrant_details);
            opt_field("entry consented", &yn(i.entry_consented));
            opt_field("summary", &i.summary);
            let family = match i.household_id {
                Some(h) => c.store.find::<Household>(h)?.map(|h| h.display_name),
                None => None,
            };
            shown("household_id", family);
            shown("dependents", i.dependents.clone());
            shown("standby_guardian", i.standby_guardian.clone());
            shown("referral_attorney", i.referral_attorney.clone());
            shown("referral_date", i.referral_date.map(|d| d.to_string()));
            opt_field("canvass done", &yn(i.canvass_done));
            opt_field("rights material left", &yn(i.rights_material_left));
            for v in &page.verifications {
                field(
                    "verified",
                    format!(
                        "{} {} by {}: {}",
                        local(v.verification.at, tz),
                        word(v.verification.how.as_str()),
                        v.name.as_deref().unwrap_or("someone"),
                        if v.verification.confirmed { "confirmed" } else { "not confirmed" }
                    ),
                );
            }
            for r in &page.responders {
                println!(
                    "sent: {}  {} ({})  {}",
                    r.dispatch.id,
                    r.name,
                    word(r.dispatch.role.as_str()),
                    steps(&r.dispatch, tz)
                );
            }
            if page.unpaired {
                println!("warning: one responder is sent alone; responders go in pairs, send a second one");
            }
            for o in &page.timeline {
                let witness = o.witness.as_deref().map(|w| format!(" (witness: {w})")).unwrap_or_default();
                println!("{}  {}{witness}", local(o.at, tz), o.text);
            }
        }
        IncidentCmd::Edit { id, fields, status, follow_up } => {
            let mut i: Incident = c.store.get(c.id::<Incident>(&id)?)?;
            fields.apply(&c, &mut i)?;
            follow_up.apply(&c, &mut i)?;
            if let Some(s) = status {
                i.status = s;
            }
            let n = c.write(|w| incident::save_incident(w, &i))?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated incident {}", i.id) });
        }
        IncidentCmd::Take { id, by, release } => {
            let id = c.id::<Incident>(&id)?;
            let who = if release { None } else { volunteer_or_me(&c, by.as_deref())? };
            if !release && who.is_none() {
                bail!("this store is not linked to a volunteer record; say who with --by VOLUNTEER");
            }
            c.write(|w| incident::handle(w, id, who))?;
            match who {
                Some(v) => println!("incident {id} is handled by {}", c.store.get::<Volunteer>(v)?.name),
                None => println!("nobody is handling incident {id} now"),
            }
        }
        IncidentCmd::Verify { id, how, by, not_confirmed, at } => {
            let id = c.id::<Incident>(&id)?;
            let tz = zone_tz(&c, id)?;
            let at = when("--at", at.as_deref(), tz, now)?;
            let by = volunteer_or_me(&c, by.as_deref())?;
            c.write(|w| incident::verify(w, id, by, how, at, !not_confirmed))?;
            let i: Incident = c.store.get(id)?;
            println!("recorded the check; incident {id} is {} / {}", i.status, word(i.disposition.as_str()));
        }
        IncidentCmd::Dispatch { id, volunteer, role, at } => {
            let id = c.id::<Incident>(&id)?;
            let v = c.id::<Volunteer>(&volunteer)?;
            let at = when("--at", at.as_deref(), zone_tz(&c, id)?, now)?;
            let d = c.write(|w| incident::dispatch(w, id, v, role, at))?;
            println!("dispatched {} as {} (dispatch {})", c.store.get::<Volunteer>(v)?.name, word(role.as_str()), d.id);
            if desk::page(c.store, id)?.unpaired {
                println!("responders go in pairs: send a second one");
            }
        }
        IncidentCmd::Step { dispatch, step, at } => {
            let d = c.id::<Dispatch>(&dispatch)?;
            let incident_id = c.store.get::<Dispatch>(d)?.incident_id;
            let at = when("--at", at.as_deref(), zone_tz(&c, incident_id)?, now)?;
            let step = match step {
                StepArg::Acknowledged => Step::Acknowledged,
                StepArg::OnScene => Step::OnScene,
                StepArg::Left => Step::Left,
            };
            let d = c.write(|w| incident::mark(w, d, step, at))?;
            println!("{}", steps(&d, zone_tz(&c, incident_id)?));
        }
        IncidentCmd::Observe { id, text, witness, by, at } => {
            let id = c.id::<Incident>(&id)?;
            let at = when("--at", at.as_deref(), zone_tz(&c, id)?, now)?;
            let by = volunteer_or_me(&c, by.as_deref())?;
            c.write(|w| incident::observe(w, id, at, &text, witness, by))?;
            println!("added to the timeline of incident {id}");
        }
        IncidentCmd::Close { id, disposition } => {
            let id = c.id::<Incident>(&id)?;
            c.write(|w| incident::close(w, id, disposition))?;
            println!("closed incident {id} as {}", word(disposition.as_str()));
        }
        IncidentCmd::Reopen(a) => {
            let id = c.id::<Incident>(&a.id)?;
            c.write(|w| incident::reopen(w, id))?;
            println!("incident {id} is {}", c.store.get::<Incident>(id)?.status);
        }
        IncidentCmd::Merge { keep, other } => {
            let (keep, other) = (c.id::<Incident>(&keep)?, c.id::<Incident>(&other)?);
            let n = c.write(|w| incident::merge(w, keep, other, now))?;
            println!("merged incident {other} into {keep} ({n} record(s) moved); {other} is deleted");
        }
        IncidentCmd::SignalText { id, lang } => {
            let lang: Lang = lang.parse()?;
            let i: Incident = c.store.get(c.id::<Incident>(&id)?)?;
            let zone = zone_of(&c, &i)?;
            eprintln!("plain text for Signal: it holds {}", incident::signal_text_contains(lang));
            println!("{}", incident::signal_text(&i, zone.as_ref(), computer_zone(), lang));
        }
        IncidentCmd::ForgetCallers { older_than_days } => {
            let n = c.write(|w| incident::forget_callers(w, now, i64::from(older_than_days)))?;
            println!("forgot the callers of {n} incident(s) received more than {older_than_days} day(s) ago");
        }
    }
    Ok(())
}

fn zone_tz(c: &Ctx<'_>, incident: uuid::Uuid) -> anyhow::Result<Tz> {
    let i: Incident = c.store.get(incident)?;
    Ok(zone_of(c, &i)?.map(|z| z.time_zone).unwrap_or_else(computer_zone))
}

fn steps(d: &Dispatch, tz: Tz) -> String {
    let mut out = vec![format!("notified {}", local(d.notified_at, tz))];
    for (label, t) in [("acknowledged", d.acknowledged_at), ("on scene", d.on_scene_at), ("left", d.left_at)] {
        if let Some(t) = t {
            out.push(format!("{label} {}", local(t, tz)));
        }
    }
    out.join(", ")
}

pub(super) fn zone_cmd(mut c: Ctx<'_>, cmd: ZoneCmd) -> anyhow::Result<()> {
    match cmd {
        ZoneCmd::Add { name, tz, signal_group } => {
            let mut z = ResponseZone::new(name.trim(), zone(Some(&tz))?);
            z.signal_group = signal_group.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            let id = c.write(|w| w.create(&z))?;
            println!("added zone {id}");
        }
        ZoneCmd::List(json) => {
            let mut zones = c.store.list::<ResponseZone>()?;
            zones.sort_by(|a, b| a.name.cmp(&b.name));
            if json.json {
                return print_json(&zones);
            }
            if zones.is_empty() {
                println!("no zones yet; add one with `amparo zone add --name ... --tz America/Chicago`");
            }
            for z in &zones {
                println!("{}  {}  {}  {}", z.id, z.name, z.time_zone, z.signal_group.as_deref().unwrap_or("-"));
            }
        }
    }
    Ok(())
}
