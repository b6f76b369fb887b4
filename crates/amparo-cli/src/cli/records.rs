//! Record commands (family, person, court, volunteer, congregation, site, placement,
//! sanctuary, shift, task, note), agenda, search and history. Parsing and printing only:
//! the rules live in `amparo_core::rules`, the questions in `amparo_core::query`.

use anyhow::{anyhow, bail, Context};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use clap::{Args, Subcommand};
use serde::Serialize;
use uuid::Uuid;

use amparo_core::domain::{
    parse_time_zone, ANumber, Availability, Congregation, CourtDate, CourtKind, CourtStatus, Deadline, Household,
    HouseholdStatus, HousingSite, Note, Person, PlaceTime, Placement, Record, Role, SanctuaryGuest, SanctuarySite,
    Shift, SiteKind, Task, TaskStatus, Training, TrainingRecord, Visibility, Volunteer,
};
use amparo_core::store::records as rec;
use amparo_core::{query, rules, Store};

use super::Session;

/// `println!` that ends the process quietly when stdout is closed (`amparo ... | head`)
/// instead of panicking.
macro_rules! println {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

#[derive(Debug, Subcommand)]
pub enum RecordCommand {
    /// Families (households) and their members
    #[command(subcommand)]
    Family(FamilyCmd),
    /// Persons in a family
    #[command(subcommand)]
    Person(PersonCmd),
    /// Court dates and appointments (hearings, check-ins, interviews)
    #[command(subcommand)]
    Court(CourtCmd),
    /// Volunteers (team members who accompany, host, drive, take shifts)
    #[command(subcommand)]
    Volunteer(VolunteerCmd),
    /// Congregations of the network
    #[command(subcommand)]
    Congregation(CongregationCmd),
    /// Housing sites (host homes, congregation apartments, transitional housing)
    #[command(subcommand)]
    Site(SiteCmd),
    /// Placements of families at housing sites
    #[command(subcommand)]
    Placement(PlacementCmd),
    /// Physical sanctuary: sites and guests
    #[command(subcommand)]
    Sanctuary(SanctuaryCmd),
    /// Sanctuary shifts and who is on them
    #[command(subcommand)]
    Shift(ShiftCmd),
    /// Tasks and needs
    #[command(subcommand)]
    Task(TaskCmd),
    /// Notes on any record, internal or visible to volunteers
    #[command(subcommand)]
    Note(NoteCmd),
    /// What is coming up: court dates, short-staffed shifts, placements ending, tasks due
    Agenda(AgendaArgs),
    /// Search names, notes and places (accents and case do not matter)
    Search(SearchArgs),
    /// Who changed what and when on a record
    History(HistoryArgs),
    /// Bring back a deleted record (a family with what was deleted with it) from its
    /// history; the id is in `amparo history` or the deletion's message
    Undelete(IdArg),
}

pub fn run(session: &Session, cmd: RecordCommand) -> anyhow::Result<()> {
    run_inner(session, cmd).map_err(|e| damaged(session, e)).map_err(|e| match e.downcast_ref::<amparo_core::Error>() {
        Some(amparo_core::Error::NotFound { .. }) => {
            anyhow!("{e}; find the right id with `amparo search WORDS` or a list command")
        }
        _ => e,
    })
}

/// SQLite reports a page that does not decrypt or parse as "malformed"; say instead what
/// it means for the user and what to do.
fn damaged(session: &Session, e: anyhow::Error) -> anyhow::Error {
    if e.chain().any(amparo_core::error::is_damaged_page) {
        amparo_core::Error::Corrupt {
            path: session.store_dir.clone(),
            what: "part of the database does not decrypt or is malformed".into(),
        }
        .into()
    } else {
        e
    }
}

fn run_inner(session: &Session, cmd: RecordCommand) -> anyhow::Result<()> {
    let mut store = session.open()?;
    let c = Ctx { session, store: &mut store };
    match cmd {
        RecordCommand::Family(x) => family(c, x),
        RecordCommand::Person(x) => person(c, x),
        RecordCommand::Court(x) => court(c, x),
        RecordCommand::Volunteer(x) => volunteer(c, x),
        RecordCommand::Congregation(x) => congregation(c, x),
        RecordCommand::Site(x) => site(c, x),
        RecordCommand::Placement(x) => placement(c, x),
        RecordCommand::Sanctuary(x) => sanctuary(c, x),
        RecordCommand::Shift(x) => shift(c, x),
        RecordCommand::Task(x) => task(c, x),
        RecordCommand::Note(x) => note(c, x),
        RecordCommand::Agenda(x) => agenda(c, x),
        RecordCommand::Search(x) => search(c, x),
        RecordCommand::History(x) => history(c, x),
        RecordCommand::Undelete(a) => {
            let (table, id) = query::resolve_any(c.store.conn(), &a.id)?;
            let n = c.store.write(c.session.now, |w| rules::undelete(w, table, id))?;
            println!(
                "brought back the {} {} with {} record(s) deleted with it; the team gets it back at the next sync",
                table.name.replace('_', " "),
                id,
                n - 1
            );
            Ok(())
        }
    }
}

struct Ctx<'a> {
    session: &'a Session,
    store: &'a mut Store,
}

impl Ctx<'_> {
    fn id<R: Record>(&self, text: &str) -> anyhow::Result<Uuid> {
        Ok(self.store.resolve_id::<R>(text)?)
    }
    fn opt_id<R: Record>(&self, text: Option<&str>) -> anyhow::Result<Option<Uuid>> {
        match text.map(str::trim) {
            None => Ok(None),
            Some("") | Some("none") => Ok(None),
            Some(t) => Ok(Some(self.id::<R>(t)?)),
        }
    }
    fn write<T>(
        &mut self,
        f: impl FnOnce(&mut amparo_core::store::Writer<'_>) -> amparo_core::Result<T>,
    ) -> anyhow::Result<T> {
        Ok(self.store.write(self.session.now, f)?)
    }
    /// Today's date where the user is (the system's time zone, `TZ`).
    fn today(&self) -> NaiveDate {
        self.session.now.with_timezone(&chrono::Local).date_naive()
    }
}

// ---------------------------------------------------------------- parsing and printing

/// Years a person could mean; "+99999-01-01" parses but is a typo.
fn plausible(year: i32) -> bool {
    (1900..=2200).contains(&year)
}

fn parse_date(flag: &str, text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| plausible(d.year()))
        .ok_or_else(|| anyhow!("invalid date for {flag}: write it as YYYY-MM-DD, e.g. 2026-12-01"))
}

fn opt_date(flag: &str, text: Option<&str>) -> anyhow::Result<Option<Option<NaiveDate>>> {
    match text.map(str::trim) {
        None => Ok(None),
        Some("") | Some("none") => Ok(Some(None)),
        Some(t) => Ok(Some(Some(parse_date(flag, t)?))),
    }
}

/// "2026-12-01 09:00" (or with a T); a bare date means the time is still to be confirmed.
fn parse_local(flag: &str, text: &str) -> anyhow::Result<(NaiveDateTime, bool)> {
    let t = text.trim();
    for fmt in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, fmt) {
            if plausible(dt.year()) {
                return Ok((dt, false));
            }
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        if plausible(d.year()) {
            return Ok((d.and_time(NaiveTime::MIN), true));
        }
    }
    bail!("invalid date and time for {flag}: write it as \"YYYY-MM-DD HH:MM\" in the place's local time, e.g. \"2026-12-01 09:00\"")
}

fn yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "si" | "sí" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err("write yes or no".into()),
    }
}

/// Set an optional text field: empty or "none" clears it.
fn set_text(target: &mut Option<String>, value: Option<String>) {
    if let Some(v) = value {
        let v = v.trim().to_string();
        *target = if v.is_empty() || v == "none" { None } else { Some(v) };
    }
}

fn set_list(target: &mut Vec<String>, value: Vec<String>) {
    if !value.is_empty() {
        *target = value.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty() && s != "none").collect();
    }
}

fn parse_anumber(text: &str) -> anyhow::Result<Option<ANumber>> {
    if text.trim().eq_ignore_ascii_case("none") || text.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(ANumber::parse(text)?))
}

fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value).context("could not format the output as JSON")?);
    Ok(())
}

fn or_dash(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("-")
}

/// A record as JSON for `--json`, with the fields this store does not hold marked
/// `{"not_shared": true}` (never `null`, which reads as "none").
fn marked<R: Record>(actor: amparo_core::store::Actor, record: &R) -> anyhow::Result<serde_json::Value> {
    let mut v = serde_json::to_value(record)?;
    amparo_core::sync::redact::mark_not_held(actor, R::TABLE, &mut v);
    Ok(v)
}

fn marked_all<R: Record>(actor: amparo_core::store::Actor, records: &[R]) -> anyhow::Result<serde_json::Value> {
    Ok(serde_json::Value::Array(records.iter().map(|r| marked(actor, r)).collect::<anyhow::Result<_>>()?))
}

/// A field's text, or "not shared with your role" when this store does not hold it.
fn held<T: std::fmt::Display>(
    actor: amparo_core::store::Actor,
    table: &amparo_core::schema::Table,
    name: &str,
    value: T,
) -> String {
    if actor.holds(table, name) {
        value.to_string()
    } else {
        amparo_core::sync::redact::NOT_SHARED.to_string()
    }
}

/// A court date's kind as a person reads it ("bond hearing"), or "not shared with your
/// role" on a store that does not receive it (a driver's).
fn court_kind(store: &Store, kind: CourtKind) -> anyhow::Result<String> {
    Ok(held(store.actor()?, &amparo_core::schema::COURT_DATE, "kind", kind.as_str().replace('_', " ")))
}

fn field(label: &str, value: impl std::fmt::Display) {
    println!("  {label:<22} {value}");
}

fn opt_field<T: std::fmt::Display>(label: &str, value: &Option<T>) {
    if let Some(v) = value {
        field(label, v);
    }
}

fn list_field(label: &str, value: &[String]) {
    if !value.is_empty() {
        field(label, value.join(", "));
    }
}

fn name_or_blank<R: Record>(store: &Store, id: Option<Uuid>, field: &str) -> String {
    id.and_then(|id| {
        store
            .conn()
            // A deleted record (here or on another device) is not shown by name.
            .query_row(
                &format!("SELECT {field} FROM {} WHERE id = ?1 AND deleted = 0", R::TABLE.name),
                [id.to_string()],
                |r| r.get::<_, Option<String>>(0),
            )
            .ok()
            .flatten()
    })
    .unwrap_or_default()
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id (or a unique beginning of it)
    pub id: String,
    /// Print machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IdArg {
    /// The record's id (or a unique beginning of it)
    pub id: String,
}

#[derive(Debug, Args)]
pub struct DeleteArg {
    /// The record's id (or a unique beginning of it)
    pub id: String,
    /// Delete without asking (for scripts, after checking the id)
    #[arg(long)]
    pub yes: bool,
}

/// Ask before a deletion that reaches the whole team.
fn confirm_delete(what: &str, yes: bool) -> anyhow::Result<()> {
    if yes {
        return Ok(());
    }
    let question = format!("delete {what} for the whole team at the next sync? (a coordinator can bring it back with `amparo undelete ID`) [y/N] ");
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprint!("{question}");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if matches!(answer.trim().to_lowercase().as_str(), "y" | "yes" | "s" | "si" | "sí") {
            return Ok(());
        }
        anyhow::bail!("nothing was deleted");
    }
    anyhow::bail!("deleting {what} reaches the whole team; repeat with --yes to delete it (nothing was deleted)")
}

fn deleted(n: usize, noun: &str) {
    if n > 1 {
        println!("deleted the {noun} and {} record(s) that belonged to it", n - 1);
    } else {
        println!("deleted the {noun}");
    }
}

fn notes_on(store: &Store, id: Uuid) -> anyhow::Result<Vec<Note>> {
    Ok(rec::query::<Note>(store.conn(), "AND record_id = ?1 ORDER BY created_at, id", [id.to_string()])?)
}

fn print_notes(notes: &[Note]) {
    if !notes.is_empty() {
        println!("notes:");
        for n in notes {
            println!("  [{}] {} {}", n.visibility, n.created_at.format("%Y-%m-%d"), n.body);
        }
    }
}

// ---------------------------------------------------------------- family

#[derive(Debug, Subcommand)]
pub enum FamilyCmd {
    /// Add a family
    Add(FamilyFields),
    /// List families (closed ones only with --all)
    List {
        /// Include closed families
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a family with its members, court dates, placements, tasks and notes
    Show(ShowArgs),
    /// Change a family's details
    Edit {
        /// The family's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: FamilyFields,
        /// Close the case (status closed, closed today)
        #[arg(long)]
        close: bool,
    },
    /// Delete a family and everything that belongs to it, for the whole team (asks first;
    /// a coordinator can bring it back with `amparo undelete ID`)
    Delete(DeleteArg),
}

#[derive(Debug, Args)]
pub struct FamilyFields {
    /// How the family is called in lists, e.g. "García family"
    #[arg(long)]
    pub name: Option<String>,
    /// Language spoken, a code or a name: es, Spanish, español (repeat for several)
    #[arg(long = "language", value_name = "LANGUAGE")]
    pub languages: Vec<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// Whether it is safe to leave a voicemail (yes/no)
    #[arg(long, value_parser = yes_no, value_name = "yes|no")]
    pub voicemail_ok: Option<bool>,
    /// Someone else to call
    #[arg(long)]
    pub alternate_contact: Option<String>,
    /// Home address (sensitive)
    #[arg(long)]
    pub address: Option<String>,
    /// Lead congregation (id)
    #[arg(long)]
    pub congregation: Option<String>,
    /// Lead volunteer (id)
    #[arg(long)]
    pub lead: Option<String>,
    /// Intake date, YYYY-MM-DD
    #[arg(long)]
    pub intake: Option<String>,
    /// active, in_sanctuary, detained or closed
    #[arg(long)]
    pub status: Option<HouseholdStatus>,
    /// Consent given: to record data, and with whom to share
    #[arg(long)]
    pub consent: Option<String>,
    /// Needs, in a few words
    #[arg(long)]
    pub needs: Option<String>,
    /// Tag (repeat for several)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

impl FamilyFields {
    fn apply(self, c: &Ctx<'_>, h: &mut Household) -> anyhow::Result<()> {
        if let Some(n) = self.name {
            h.display_name = n.trim().to_string();
        }
        set_list(&mut h.languages, self.languages);
        set_text(&mut h.phone, self.phone);
        if self.voicemail_ok.is_some() {
            h.voicemail_ok = self.voicemail_ok;
        }
        set_text(&mut h.alternate_contact, self.alternate_contact);
        set_text(&mut h.address, self.address);
        if let Some(t) = self.congregation {
            h.lead_congregation_id = c.opt_id::<Congregation>(Some(&t))?;
        }
        if let Some(t) = self.lead {
            h.lead_volunteer_id = c.opt_id::<Volunteer>(Some(&t))?;
        }
        if let Some(d) = opt_date("--intake", self.intake.as_deref())? {
            h.intake_date = d;
        }
        if let Some(s) = self.status {
            h.status = s;
            if s == HouseholdStatus::Closed && h.closed_at.is_none() {
                h.closed_at = Some(c.today());
            } else if s != HouseholdStatus::Closed {
                h.closed_at = None;
            }
        }
        set_text(&mut h.consent, self.consent);
        set_text(&mut h.needs, self.needs);
        set_list(&mut h.tags, self.tags);
        Ok(())
    }
}

#[derive(Serialize)]
struct FamilyView {
    household: Household,
    persons: Vec<Person>,
    court_dates: Vec<CourtDate>,
    placements: Vec<Placement>,
    tasks: Vec<Task>,
    notes: Vec<Note>,
}

fn family(mut c: Ctx<'_>, cmd: FamilyCmd) -> anyhow::Result<()> {
    match cmd {
        FamilyCmd::Add(fields) => {
            let Some(name) = fields.name.clone() else {
                bail!("give the family a name with --name, e.g. --name \"García family\"")
            };
            let mut h = Household::new(name);
            h.intake_date = Some(c.today());
            fields.apply(&c, &mut h)?;
            let id = c.write(|w| rules::add_household(w, &h))?;
            println!("added family {id}");
        }
        FamilyCmd::List { all, json } => {
            let filter = if all {
                "ORDER BY display_name, id"
            } else {
                "AND (status IS NULL OR status <> 'closed') ORDER BY display_name, id"
            };
            let list = rec::query::<Household>(c.store.conn(), filter, [])?;
            let actor = c.store.actor()?;
            if json.json {
                return print_json(&marked_all(actor, &list)?);
            }
            if list.is_empty() {
                println!("no families yet; add one with `amparo family add --name ...`");
            }
            for h in &list {
                println!(
                    "{}  {}  [{}]  {}",
                    h.id,
                    h.display_name,
                    held(actor, &amparo_core::schema::HOUSEHOLD, "status", h.status),
                    h.languages.join(", ")
                );
            }
        }
        FamilyCmd::Show(a) => {
            let id = c.id::<Household>(&a.id)?;
            let conn = c.store.conn();
            let key = id.to_string();
            let view = FamilyView {
                household: c.store.get::<Household>(id)?,
                persons: rec::query(conn, "AND household_id = ?1 ORDER BY id", [&key])?,
                court_dates: rec::query(conn, "AND household_id = ?1 ORDER BY starts_utc, id", [&key])?,
                placements: rec::query(conn, "AND household_id = ?1 ORDER BY start_date, id", [&key])?,
                tasks: rec::query(conn, "AND household_id = ?1 ORDER BY due_date, id", [&key])?,
                notes: notes_on(c.store, id)?,
            };
            let actor = c.store.actor()?;
            if a.json {
                let mut v = serde_json::to_value(&view)?;
                amparo_core::sync::redact::mark_not_held(actor, &amparo_core::schema::HOUSEHOLD, &mut v["household"]);
                for (key, table) in [
                    ("persons", &amparo_core::schema::PERSON),
                    ("court_dates", &amparo_core::schema::COURT_DATE),
                    ("placements", &amparo_core::schema::PLACEMENT),
                    ("tasks", &amparo_core::schema::TASK),
                    ("notes", &amparo_core::schema::NOTE),
                ] {
                    if let Some(items) = v[key].as_array_mut() {
                        items.iter_mut().for_each(|r| amparo_core::sync::redact::mark_not_held(actor, table, r));
                    }
                }
                return print_json(&v);
            }
            let h = &view.household;
            let not_shared = |name: &str| !actor.holds(&amparo_core::schema::HOUSEHOLD, name);
            println!("{}  ({})", h.display_name, h.id);
            field("status", held(actor, &amparo_core::schema::HOUSEHOLD, "status", h.status));
            list_field("languages", &h.languages);
            opt_field("phone", &h.phone);
            opt_field("voicemail ok", &h.voicemail_ok.map(|b| if b { "yes" } else { "no" }));
            opt_field("alternate contact", &h.alternate_contact);
            for (label, name) in
                [("address", "address"), ("intake", "intake_date"), ("consent", "consent"), ("tags", "tags")]
            {
                if not_shared(name) {
                    field(label, amparo_core::sync::redact::NOT_SHARED);
                }
            }
            opt_field("address", &h.address);
            if h.lead_congregation_id.is_some() {
                field("congregation", name_or_blank::<Congregation>(c.store, h.lead_congregation_id, "name"));
            }
            if h.lead_volunteer_id.is_some() {
                field("lead volunteer", name_or_blank::<Volunteer>(c.store, h.lead_volunteer_id, "name"));
            }
            opt_field("intake", &h.intake_date);
            opt_field("consent", &h.consent);
            opt_field("needs", &h.needs);
            list_field("tags", &h.tags);
            opt_field("closed", &h.closed_at);
            if !view.persons.is_empty() {
                println!("members:");
                for p in &view.persons {
                    let a = match &p.a_number {
                        _ if !actor.holds(&amparo_core::schema::PERSON, "a_number") => {
                            format!("A-number {}", amparo_core::sync::redact::NOT_SHARED)
                        }
                        Some(a) => a.to_string(),
                        None => "no A-number".into(),
                    };
                    println!("  {}  {}  {}  {}", p.id, p.name, or_dash(&p.relationship), a);
                }
            }
            if !view.court_dates.is_empty() {
                println!("court dates:");
                for d in &view.court_dates {
                    println!(
                        "  {}  {} {}  {}  {}  [{}]",
                        d.id,
                        d.local_when(),
                        d.time_zone,
                        held(actor, &amparo_core::schema::COURT_DATE, "kind", d.kind),
                        d.place,
                        d.status
                    );
                }
            }
            if !view.placements.is_empty() {
                println!("placements:");
                for p in &view.placements {
                    let site = name_or_blank::<HousingSite>(c.store, Some(p.site_id), "name");
                    println!(
                        "  {}  {}  {} to {}",
                        p.id,
                        site,
                        p.start_date,
                        p.last_night().map_or("open".into(), |d| d.to_string())
                    );
                }
            }
            if !view.tasks.is_empty() {
                println!("tasks:");
                for t in &view.tasks {
                    println!(
                        "  {}  {}  due {}  [{}]",
                        t.id,
                        t.title,
                        t.due_date.map_or("-".into(), |d| d.to_string()),
                        t.status
                    );
                }
            }
            print_notes(&view.notes);
        }
        FamilyCmd::Edit { id, fields, close } => {
            let id = c.id::<Household>(&id)?;
            let mut h = c.store.get::<Household>(id)?;
            fields.apply(&c, &mut h)?;
            let today = c.today();
            let n = c.write(|w| {
                let n = rules::save_household(w, &h)?;
                if close {
                    rules::close_household(w, id, today)?;
                    return Ok(n + 1);
                }
                Ok(n)
            })?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated family {id}") });
        }
        FamilyCmd::Delete(a) => {
            let id = c.id::<Household>(&a.id)?;
            c.store.write(c.session.now, |w| w.check_delete(&amparo_core::schema::HOUSEHOLD, id))?;
            confirm_delete("this family, its persons, court dates, placements and tasks", a.yes)?;
            let n = c.write(|w| rules::delete_household(w, id))?;
            deleted(n, "family");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- person

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    /// Add a person to a family
    Add {
        /// The family (id)
        #[arg(long)]
        family: String,
        #[command(flatten)]
        fields: PersonFields,
    },
    /// List persons (of one family with --family)
    List {
        #[arg(long)]
        family: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a person
    Show(ShowArgs),
    /// Change a person's details
    Edit {
        /// The person's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: PersonFields,
    },
    /// Delete a person, for the whole team (asks first; a coordinator can bring them back
    /// with `amparo undelete ID`)
    Delete(DeleteArg),
}

#[derive(Debug, Args)]
pub struct PersonFields {
    /// Save even though the A-number is recorded for a person in another family
    #[arg(long)]
    pub allow_duplicate_a_number: bool,
    /// Full name
    #[arg(long)]
    pub name: Option<String>,
    /// The name the person likes to be called
    #[arg(long)]
    pub preferred: Option<String>,
    /// Relationship in the family, e.g. mother, son
    #[arg(long)]
    pub relationship: Option<String>,
    /// Date of birth, YYYY-MM-DD
    #[arg(long)]
    pub born: Option<String>,
    /// Country of origin
    #[arg(long)]
    pub country: Option<String>,
    /// Language spoken, a code or a name: es, Spanish, español (repeat for several)
    #[arg(long = "language", value_name = "LANGUAGE")]
    pub languages: Vec<String>,
    /// A-number: nine digits (eight get a leading 0), or "none"
    #[arg(long)]
    pub a_number: Option<String>,
    /// Attorney's name
    #[arg(long)]
    pub attorney: Option<String>,
    /// Attorney's organization
    #[arg(long)]
    pub attorney_org: Option<String>,
    #[arg(long)]
    pub attorney_phone: Option<String>,
    /// Case status, e.g. "asylum filed 2026-03-01", "final order"
    #[arg(long)]
    pub case_status: Option<String>,
    /// Detention facility (when detained)
    #[arg(long)]
    pub detention_facility: Option<String>,
    /// Detained since, YYYY-MM-DD
    #[arg(long)]
    pub detained_since: Option<String>,
    #[arg(long)]
    pub bond_amount: Option<String>,
    #[arg(long)]
    pub bond_status: Option<String>,
    /// Wears an ankle monitor (yes/no)
    #[arg(long, value_parser = yes_no, value_name = "yes|no")]
    pub ankle_monitor: Option<bool>,
    /// An important deadline as "YYYY-MM-DD what" (repeat for several)
    #[arg(long = "deadline", value_name = "DATE WHAT")]
    pub deadlines: Vec<String>,
}

impl PersonFields {
    fn apply(self, p: &mut Person) -> anyhow::Result<()> {
        if let Some(n) = self.name {
            p.name = n.trim().to_string();
        }
        set_text(&mut p.preferred_name, self.preferred);
        set_text(&mut p.relationship, self.relationship);
        if let Some(d) = opt_date("--born", self.born.as_deref())? {
            p.birth_date = d;
        }
        set_text(&mut p.country, self.country);
        set_list(&mut p.languages, self.languages);
        if let Some(a) = self.a_number {
            p.a_number = parse_anumber(&a)?;
        }
        set_text(&mut p.attorney_name, self.attorney);
        set_text(&mut p.attorney_org, self.attorney_org);
        set_text(&mut p.attorney_phone, self.attorney_phone);
        set_text(&mut p.case_status, self.case_status);
        set_text(&mut p.detention_facility, self.detention_facility);
        if let Some(d) = opt_date("--detained-since", self.detained_since.as_deref())? {
            p.detained_since = d;
        }
        set_text(&mut p.bond_amount, self.bond_amount);
        set_text(&mut p.bond_status, self.bond_status);
        if self.ankle_monitor.is_some() {
            p.ankle_monitor = self.ankle_monitor;
        }
        if !self.deadlines.is_empty() {
            p.deadlines = self
                .deadlines
                .iter()
                .filter(|d| d.trim() != "none")
                .map(|d| {
                    let (date, what) = d.trim().split_once(' ').unwrap_or((d.trim(), ""));
                    Ok(Deadline { due: parse_date("--deadline", date)?, what: what.trim().to_string() })
                })
                .collect::<anyhow::Result<_>>()?;
        }
        Ok(())
    }
}

fn person(mut c: Ctx<'_>, cmd: PersonCmd) -> anyhow::Result<()> {
    match cmd {
        PersonCmd::Add { family, fields } => {
            let hid = c.id::<Household>(&family)?;
            let Some(name) = fields.name.clone() else { bail!("give the person's name with --name") };
            let mut p = Person::new(hid, name);
            let allow = rules::Overrides { duplicate_a_number: fields.allow_duplicate_a_number, ..Default::default() };
            fields.apply(&mut p)?;
            let id = c.write(|w| rules::add_person_with(w, &p, allow))?;
            println!("added person {id}");
        }
        PersonCmd::List { family, json } => {
            let list: Vec<Person> = match family {
                Some(f) => {
                    let hid = c.id::<Household>(&f)?;
                    rec::query(c.store.conn(), "AND household_id = ?1 ORDER BY name, id", [hid.to_string()])?
                }
                None => rec::query(c.store.conn(), "ORDER BY name, id", [])?,
            };
            if json.json {
                return print_json(&list);
            }
            for p in &list {
                let fam = name_or_blank::<Household>(c.store, Some(p.household_id), "display_name");
                println!("{}  {}  {}  {}", p.id, p.name, or_dash(&p.relationship), fam);
            }
        }
        PersonCmd::Show(a) => {
            let p = c.store.get::<Person>(c.id::<Person>(&a.id)?)?;
            let actor = c.store.actor()?;
            if a.json {
                return print_json(&marked(actor, &p)?);
            }
            println!("{}  ({})", p.name, p.id);
            let withheld: Vec<&str> =
                ["birth_date", "country", "a_number", "attorney_name", "case_status", "detained_since", "deadlines"]
                    .into_iter()
                    .filter(|f| !actor.holds(&amparo_core::schema::PERSON, f))
                    .collect();
            if !withheld.is_empty() {
                field("A-number, attorney, case, detention, deadlines", amparo_core::sync::redact::NOT_SHARED);
            }
            field("family", name_or_blank::<Household>(c.store, Some(p.household_id), "display_name"));
            opt_field("preferred name", &p.preferred_name);
            opt_field("relationship", &p.relationship);
            opt_field("born", &p.birth_date);
            opt_field("country", &p.country);
            list_field("languages", &p.languages);
            if actor.holds(&amparo_core::schema::PERSON, "a_number") {
                field("A-number", p.a_number.as_ref().map_or("none".into(), |a| a.to_string()));
            }
            opt_field("attorney", &p.attorney_name);
            opt_field("attorney organization", &p.attorney_org);
            opt_field("attorney phone", &p.attorney_phone);
            opt_field("case status", &p.case_status);
            opt_field("detention facility", &p.detention_facility);
            opt_field("detained since", &p.detained_since);
            opt_field("bond", &p.bond_amount);
            opt_field("bond status", &p.bond_status);
            opt_field("ankle monitor", &p.ankle_monitor.map(|b| if b { "yes" } else { "no" }));
            for d in &p.deadlines {
                field("deadline", format!("{} {}", d.due, d.what));
            }
            print_notes(&notes_on(c.store, p.id)?);
        }
        PersonCmd::Edit { id, fields } => {
            let mut p = c.store.get::<Person>(c.id::<Person>(&id)?)?;
            let allow = rules::Overrides { duplicate_a_number: fields.allow_duplicate_a_number, ..Default::default() };
            fields.apply(&mut p)?;
            let n = c.write(|w| rules::save_person_with(w, &p, allow))?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated person {}", p.id) });
        }
        PersonCmd::Delete(a) => {
            let id = c.id::<Person>(&a.id)?;
            c.store.write(c.session.now, |w| w.check_delete(&amparo_core::schema::PERSON, id))?;
            confirm_delete("this person", a.yes)?;
            let n = c.write(|w| rules::delete_person(w, id))?;
            deleted(n, "person");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- court

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
struct CourtView {
    court_date: CourtDate,
    household: String,
    person: Option<String>,
    accompaniers: Vec<query::Person>,
    leader: Option<String>,
    notes: Vec<Note>,
}

fn court_view(store: &Store, d: CourtDate) -> anyhow::Result<CourtView> {
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

fn court_line(store: &Store, d: &CourtDate) -> anyhow::Result<String> {
    let n = rules::accompaniers_of(store.conn(), d.id)?.len() as i64;
    let state = match (d.status, d.time_tbc, d.confirmed) {
        (CourtStatus::Scheduled, true, _) => "time TBC".to_string(),
        (CourtStatus::Scheduled, false, true) => "confirmed".to_string(),
        (CourtStatus::Scheduled, false, false) => "not confirmed".to_string(),
        (s, _, _) => s.to_string(),
    };
    let short = if d.status == CourtStatus::Scheduled && n < d.min_accompaniers { "  UNDER-STAFFED" } else { "" };
    Ok(format!(
        "{}  {} {}  {}  {}  {}  [{}]  accompaniers {}/{}{}",
        d.id,
        d.local_when(),
        d.time_zone,
        court_kind(store, d.kind)?,
        name_or_blank::<Household>(store, Some(d.household_id), "display_name"),
        d.place,
        state,
        n,
        d.min_accompaniers,
        short
    ))
}

fn court(mut c: Ctx<'_>, cmd: CourtCmd) -> anyhow::Result<()> {
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
            let list: Vec<CourtDate> = match (family, all) {
                (Some(f), all) => {
                    let hid = c.id::<Household>(&f)?.to_string();
                    let since = if all { String::new() } else { now };
                    rec::query(
                        c.store.conn(),
                        "AND household_id = ?1 AND starts_utc >= ?2 ORDER BY starts_utc, id",
                        [hid, since],
                    )?
                }
                (None, true) => rec::query(c.store.conn(), "ORDER BY starts_utc, id", [])?,
                (None, false) => rec::query(c.store.conn(), "AND starts_utc >= ?1 ORDER BY starts_utc, id", [now])?,
            };
            if json.json {
                return print_json(&marked_all(c.store.actor()?, &list)?);
            }
            if list.is_empty() {
                println!("no court dates");
            }
            for d in &list {
                println!("{}", court_line(c.store, d)?);
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
            println!("{}  ({})", court_kind(c.store, d.kind)?, d.id);
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
                    if (names.len() as i64) < d.min_accompaniers && d.status == CourtStatus::Scheduled {
                        "  UNDER-STAFFED"
                    } else {
                        ""
                    }
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
            c.write(|w| vids.iter().try_for_each(|v| rules::assign_accompanier(w, cid, *v).map(|_| ())))?;
            let d = c.store.get::<CourtDate>(cid)?;
            let n = rules::accompaniers_of(c.store.conn(), cid)?.len();
            println!("assigned; {n} of {} wanted accompaniers", d.min_accompaniers);
            for v in &vids {
                for p in amparo_core::court::accompanier_warnings(c.store.conn(), cid, *v)? {
                    let name = name_or_blank::<Volunteer>(c.store, Some(*v), "name");
                    println!("  warning: {name} {}", p.describe());
                }
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

#[derive(Debug, Subcommand)]
pub enum VolunteerCmd {
    /// Add a volunteer
    Add(VolunteerFields),
    /// List volunteers (inactive ones with --all)
    List {
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a volunteer
    Show(ShowArgs),
    /// Change a volunteer's details. --language, --training, --role, --available and
    /// --blackout add to what is there; --no-… removes one, --clear-… removes all
    Edit {
        /// The volunteer's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: VolunteerFields,
        #[command(flatten)]
        remove: VolunteerRemovals,
        /// Active or not (yes/no)
        #[arg(long, value_parser = yes_no, value_name = "yes|no")]
        active: Option<bool>,
    },
    /// Delete a volunteer and their assignments
    Delete(IdArg),
}

#[derive(Debug, Args)]
pub struct VolunteerFields {
    #[arg(long)]
    pub name: Option<String>,
    /// Congregation (id)
    #[arg(long)]
    pub congregation: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// Preferred way to reach them, e.g. Signal, SMS, call
    #[arg(long)]
    pub contact: Option<String>,
    /// Language spoken, a code or a name: es, Spanish, español (repeat for several)
    #[arg(long = "language", value_name = "LANGUAGE")]
    pub languages: Vec<String>,
    /// Training as NAME[:YYYY-MM-DD]: court_accompaniment, sanctuary_shift, driver, rapid_response (repeat)
    #[arg(long = "training", value_name = "TRAINING[:DATE]")]
    pub trainings: Vec<String>,
    /// Role: coordinator, accompanier, host, shift_volunteer, driver (repeat)
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<Role>,
    /// Background check valid until, YYYY-MM-DD
    #[arg(long)]
    pub background_check_expires: Option<String>,
    /// Weekly availability window such as "MO 18:00-23:00" (repeat)
    #[arg(long = "available", value_name = "WINDOW")]
    pub available: Vec<String>,
    /// A date they cannot serve, YYYY-MM-DD (repeat)
    #[arg(long = "blackout", value_name = "DATE")]
    pub blackout: Vec<String>,
    #[arg(long)]
    pub max_shifts_per_week: Option<i64>,
    #[arg(long)]
    pub min_rest_hours: Option<i64>,
}

/// What `volunteer edit` takes away; applied before the additions of the same command.
#[derive(Debug, Args)]
pub struct VolunteerRemovals {
    /// Remove a language (repeat)
    #[arg(long = "no-language", value_name = "LANGUAGE")]
    pub no_languages: Vec<String>,
    /// Remove a training (repeat)
    #[arg(long = "no-training", value_name = "TRAINING")]
    pub no_trainings: Vec<Training>,
    /// Remove a role (repeat)
    #[arg(long = "no-role", value_name = "ROLE")]
    pub no_roles: Vec<Role>,
    /// Remove an availability window, written as listed by `volunteer show` (repeat)
    #[arg(long = "no-available", value_name = "WINDOW")]
    pub no_available: Vec<String>,
    /// Remove a blackout date (repeat)
    #[arg(long = "no-blackout", value_name = "DATE")]
    pub no_blackout: Vec<String>,
    /// Remove every language
    #[arg(long)]
    pub clear_languages: bool,
    /// Remove every training
    #[arg(long)]
    pub clear_trainings: bool,
    /// Remove every role
    #[arg(long)]
    pub clear_roles: bool,
    /// Remove every availability window (available any time)
    #[arg(long)]
    pub clear_available: bool,
    /// Remove every blackout date
    #[arg(long)]
    pub clear_blackout: bool,
}

impl VolunteerRemovals {
    fn apply(self, v: &mut Volunteer) -> anyhow::Result<()> {
        use amparo_core::domain::language;
        if self.clear_languages {
            v.languages.clear();
        }
        v.languages.retain(|l| !self.no_languages.iter().any(|x| language::same(x, l)));
        if self.clear_trainings {
            v.trainings.clear();
        }
        v.trainings.retain(|t| !self.no_trainings.contains(&t.training));
        if self.clear_roles {
            v.roles.clear();
        }
        v.roles.retain(|r| !self.no_roles.contains(r));
        if self.clear_available {
            v.availability.weekly.clear();
        }
        v.availability.weekly.retain(|w| !self.no_available.iter().any(|x| x.trim().eq_ignore_ascii_case(w.trim())));
        if self.clear_blackout {
            v.availability.blackout.clear();
        }
        let gone =
            self.no_blackout.iter().map(|d| parse_date("--no-blackout", d)).collect::<anyhow::Result<Vec<_>>>()?;
        v.availability.blackout.retain(|d| !gone.contains(d));
        Ok(())
    }
}

impl VolunteerFields {
    /// Set the fields given. Lists (languages, trainings, roles, availability, blackout
    /// dates) are added to what the volunteer has, never replaced: a training given
    /// again takes the new date.
    fn apply(self, c: &Ctx<'_>, v: &mut Volunteer) -> anyhow::Result<()> {
        if let Some(n) = self.name {
            v.name = n.trim().to_string();
        }
        if let Some(t) = self.congregation {
            v.congregation_id = c.opt_id::<Congregation>(Some(&t))?;
        }
        set_text(&mut v.phone, self.phone);
        set_text(&mut v.preferred_contact, self.contact);
        for l in &self.languages {
            if !l.trim().is_empty() && !v.languages.iter().any(|x| amparo_core::domain::language::same(x, l)) {
                v.languages.push(amparo_core::domain::language::normalize(l));
            }
        }
        for t in &self.trainings {
            let (name, date) = t.split_once(':').unwrap_or((t, ""));
            let training: Training = name.parse()?;
            // A training given without a date is "date unknown", never today.
            let completed_on = if date.trim().is_empty() { None } else { Some(parse_date("--training", date)?) };
            match v.trainings.iter_mut().find(|r| r.training == training) {
                Some(r) if !date.trim().is_empty() => r.completed_on = completed_on,
                Some(_) => {}
                None => v.trainings.push(TrainingRecord { training, completed_on }),
            }
        }
        for r in self.roles {
            if !v.roles.contains(&r) {
                v.roles.push(r);
            }
        }
        if let Some(d) = opt_date("--background-check-expires", self.background_check_expires.as_deref())? {
            v.background_check_expires = d;
        }
        for w in self.available {
            if !v.availability.weekly.iter().any(|x| x.trim().eq_ignore_ascii_case(w.trim())) {
                v.availability.weekly.push(w);
            }
        }
        for d in &self.blackout {
            let d = parse_date("--blackout", d)?;
            if !v.availability.blackout.contains(&d) {
                v.availability.blackout.push(d);
            }
        }
        if self.max_shifts_per_week.is_some() {
            v.max_shifts_per_week = self.max_shifts_per_week;
        }
        if self.min_rest_hours.is_some() {
            v.min_rest_hours = self.min_rest_hours;
        }
        Ok(())
    }
}

fn volunteer(mut c: Ctx<'_>, cmd: VolunteerCmd) -> anyhow::Result<()> {
    match cmd {
        VolunteerCmd::Add(fields) => {
            let Some(name) = fields.name.clone() else { bail!("give the volunteer's name with --name") };
            let mut v = Volunteer::new(name);
            v.availability = Availability::default();
            fields.apply(&c, &mut v)?;
            let id = c.write(|w| rules::add_volunteer(w, &v))?;
            println!("added volunteer {id}");
        }
        VolunteerCmd::List { all, json } => {
            let filter = if all { "ORDER BY name, id" } else { "AND active = 1 ORDER BY name, id" };
            let list = rec::query::<Volunteer>(c.store.conn(), filter, [])?;
            if json.json {
                return print_json(&list);
            }
            for v in &list {
                let roles: Vec<&str> = v.roles.iter().map(|r| r.as_str()).collect();
                println!("{}  {}  {}  {}", v.id, v.name, v.languages.join(", "), roles.join(", "));
            }
        }
        VolunteerCmd::Show(a) => {
            let v = c.store.get::<Volunteer>(c.id::<Volunteer>(&a.id)?)?;
            if a.json {
                return print_json(&v);
            }
            println!("{}  ({})", v.name, v.id);
            if v.congregation_id.is_some() {
                field("congregation", name_or_blank::<Congregation>(c.store, v.congregation_id, "name"));
            }
            opt_field("phone", &v.phone);
            opt_field("preferred contact", &v.preferred_contact);
            list_field("languages", &v.languages);
            for t in &v.trainings {
                field(
                    "training",
                    format!(
                        "{} ({})",
                        t.training,
                        t.completed_on.map(|d| d.to_string()).unwrap_or_else(|| "date unknown".into())
                    ),
                );
            }
            let roles: Vec<String> = v.roles.iter().map(|r| r.to_string()).collect();
            list_field("roles", &roles);
            opt_field("background check until", &v.background_check_expires);
            list_field("available", &v.availability.weekly);
            let blackout: Vec<String> = v.availability.blackout.iter().map(|d| d.to_string()).collect();
            list_field("blackout dates", &blackout);
            opt_field("max shifts per week", &v.max_shifts_per_week);
            opt_field("min rest hours", &v.min_rest_hours);
            field("active", if v.active { "yes" } else { "no" });
        }
        VolunteerCmd::Edit { id, fields, remove, active } => {
            let mut v = c.store.get::<Volunteer>(c.id::<Volunteer>(&id)?)?;
            remove.apply(&mut v)?;
            fields.apply(&c, &mut v)?;
            if let Some(a) = active {
                v.active = a;
            }
            let n = c.write(|w| rules::save_volunteer(w, &v))?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated volunteer {}", v.id) });
            if !v.active {
                let on = amparo_core::query::volunteer_assignments(c.store.conn(), v.id, c.session.now)?;
                if on.upcoming_court_dates + on.upcoming_shifts > 0 {
                    println!(
                        "warning: they are inactive and still on {} court date(s) and {} sanctuary shift(s) to come; the agenda and `rota issues` flag them until someone covers them",
                        on.upcoming_court_dates, on.upcoming_shifts
                    );
                }
            }
        }
        VolunteerCmd::Delete(a) => {
            let id = c.id::<Volunteer>(&a.id)?;
            let on = amparo_core::query::volunteer_assignments(c.store.conn(), id, c.session.now)?;
            let n = c.write(|w| rules::delete_volunteer(w, id))?;
            deleted(n, "volunteer");
            if on.court_dates + on.shifts > 0 {
                println!(
                    "taken off {} court date(s) ({} still to come) and {} sanctuary shift(s) ({} still to come); check who covers them",
                    on.court_dates, on.upcoming_court_dates, on.shifts, on.upcoming_shifts
                );
            }
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum CongregationCmd {
    /// Add a congregation
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        city: Option<String>,
        /// Who to contact there
        #[arg(long)]
        contact: Option<String>,
    },
    /// List congregations
    List(JsonFlag),
    /// Delete a congregation; families, volunteers and sanctuary sites stop naming it
    Delete {
        /// The congregation's id (or a unique beginning of it)
        id: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
    },
}

fn congregation(mut c: Ctx<'_>, cmd: CongregationCmd) -> anyhow::Result<()> {
    match cmd {
        CongregationCmd::Add { name, city, contact } => {
            let g = Congregation { id: Uuid::now_v7(), name: name.trim().to_string(), city, contact };
            let id = c.write(|w| w.create(&g))?;
            println!("added congregation {id}");
        }
        CongregationCmd::List(json) => {
            let list = rec::query::<Congregation>(c.store.conn(), "ORDER BY name, id", [])?;
            if json.json {
                return print_json(&list);
            }
            for g in &list {
                println!("{}  {}  {}", g.id, g.name, or_dash(&g.city));
            }
        }
        CongregationCmd::Delete { id, yes } => {
            let id = c.id::<Congregation>(&id)?;
            if !yes {
                let n = rules::congregation_links(c.store.conn(), id)?;
                bail!(
                    "deleting this congregation takes it off {} family(ies), {} volunteer(s) and {} sanctuary site(s); repeat with --yes to delete it",
                    n.households, n.volunteers, n.sanctuary_sites
                );
            }
            let n = c.write(|w| rules::delete_congregation(w, id))?;
            deleted(1, "congregation");
            if n.households + n.volunteers + n.sanctuary_sites > 0 {
                println!(
                    "taken off {} family(ies), {} volunteer(s) and {} sanctuary site(s)",
                    n.households, n.volunteers, n.sanctuary_sites
                );
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- housing

#[derive(Debug, Subcommand)]
pub enum SiteCmd {
    /// Add a housing site
    Add(SiteFields),
    /// List housing sites
    List(JsonFlag),
    /// Show a housing site and its placements
    Show(ShowArgs),
    /// Change a housing site
    Edit {
        /// The site's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: SiteFields,
    },
    /// Delete a housing site (only without placements)
    Delete(IdArg),
    /// Sites with enough free beds on every night of a date range
    Free {
        /// First night, YYYY-MM-DD
        #[arg(long)]
        from: String,
        /// Last night, YYYY-MM-DD
        #[arg(long)]
        to: String,
        /// Beds needed
        #[arg(long, default_value_t = 1)]
        size: i64,
        /// Only sites that accept children
        #[arg(long)]
        children: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Debug, Args)]
pub struct SiteFields {
    #[arg(long)]
    pub name: Option<String>,
    /// host_home, congregation_property or transitional
    #[arg(long)]
    pub kind: Option<SiteKind>,
    /// Address (sensitive)
    #[arg(long)]
    pub address: Option<String>,
    /// Number of beds
    #[arg(long)]
    pub capacity: Option<i64>,
    /// Language spoken by the hosts (repeat)
    #[arg(long = "language", value_name = "LANGUAGE")]
    pub languages: Vec<String>,
    /// Accepts children (yes/no)
    #[arg(long, value_parser = yes_no, value_name = "yes|no")]
    pub children: Option<bool>,
    /// Accepts pets (yes/no)
    #[arg(long, value_parser = yes_no, value_name = "yes|no")]
    pub pets: Option<bool>,
    /// Accessible (yes/no)
    #[arg(long, value_parser = yes_no, value_name = "yes|no")]
    pub accessible: Option<bool>,
    #[arg(long)]
    pub contact: Option<String>,
    /// Host (volunteer id)
    #[arg(long)]
    pub host: Option<String>,
    /// Verified on, YYYY-MM-DD
    #[arg(long)]
    pub verified_on: Option<String>,
    /// How it was verified, e.g. "background check and home visit"
    #[arg(long)]
    pub verification: Option<String>,
}

impl SiteFields {
    fn apply(self, c: &Ctx<'_>, s: &mut HousingSite) -> anyhow::Result<()> {
        if let Some(n) = self.name {
            s.name = n.trim().to_string();
        }
        if let Some(k) = self.kind {
            s.kind = k;
        }
        set_text(&mut s.address, self.address);
        if let Some(cap) = self.capacity {
            s.capacity = cap;
        }
        set_list(&mut s.languages, self.languages);
        if let Some(b) = self.children {
            s.accepts_children = b;
        }
        if let Some(b) = self.pets {
            s.accepts_pets = b;
        }
        if let Some(b) = self.accessible {
            s.accessible = b;
        }
        set_text(&mut s.contact, self.contact);
        if let Some(h) = self.host {
            s.host_volunteer_id = c.opt_id::<Volunteer>(Some(&h))?;
        }
        if let Some(d) = opt_date("--verified-on", self.verified_on.as_deref())? {
            s.verified_on = d;
        }
        set_text(&mut s.verification, self.verification);
        Ok(())
    }
}

#[derive(Serialize)]
struct SiteView {
    site: HousingSite,
    placements: Vec<Placement>,
}

fn site(mut c: Ctx<'_>, cmd: SiteCmd) -> anyhow::Result<()> {
    match cmd {
        SiteCmd::Add(fields) => {
            let Some(name) = fields.name.clone() else { bail!("give the site a name with --name") };
            let Some(cap) = fields.capacity else { bail!("give the number of beds with --capacity") };
            let mut s = HousingSite::new(name, cap);
            fields.apply(&c, &mut s)?;
            let id = c.write(|w| rules::add_housing_site(w, &s))?;
            println!("added housing site {id}");
        }
        SiteCmd::List(json) => {
            let list = rec::query::<HousingSite>(c.store.conn(), "ORDER BY name, id", [])?;
            if json.json {
                return print_json(&list);
            }
            for s in &list {
                println!(
                    "{}  {}  {}  {} beds{}",
                    s.id,
                    s.name,
                    s.kind,
                    s.capacity,
                    if s.accepts_children { "" } else { "  no children" }
                );
            }
        }
        SiteCmd::Show(a) => {
            let s = c.store.get::<HousingSite>(c.id::<HousingSite>(&a.id)?)?;
            let placements = rec::query::<Placement>(
                c.store.conn(),
                "AND site_id = ?1 ORDER BY start_date, id",
                [s.id.to_string()],
            )?;
            let v = SiteView { site: s, placements };
            if a.json {
                return print_json(&v);
            }
            let s = &v.site;
            println!("{}  ({})", s.name, s.id);
            field("kind", s.kind);
            field("beds", s.capacity);
            opt_field("address", &s.address);
            list_field("languages", &s.languages);
            let yn = |b: bool| if b { "yes" } else { "no" };
            field("children", yn(s.accepts_children));
            field("pets", yn(s.accepts_pets));
            field("accessible", yn(s.accessible));
            opt_field("contact", &s.contact);
            if s.host_volunteer_id.is_some() {
                field("host", name_or_blank::<Volunteer>(c.store, s.host_volunteer_id, "name"));
            }
            opt_field("verified on", &s.verified_on);
            opt_field("verification", &s.verification);
            if !v.placements.is_empty() {
                println!("placements:");
                for p in &v.placements {
                    let fam = name_or_blank::<Household>(c.store, Some(p.household_id), "display_name");
                    println!(
                        "  {}  {}  {} bed(s)  {} to {}",
                        p.id,
                        fam,
                        p.beds,
                        p.start_date,
                        p.last_night().map_or("open".into(), |d| d.to_string())
                    );
                }
            }
        }
        SiteCmd::Edit { id, fields } => {
            let mut s = c.store.get::<HousingSite>(c.id::<HousingSite>(&id)?)?;
            fields.apply(&c, &mut s)?;
            let today = c.today();
            let n = c.write(|w| rules::save_housing_site(w, &s, today))?;
            println!(
                "{}",
                if n == 0 { "nothing changed".to_string() } else { format!("updated housing site {}", s.id) }
            );
        }
        SiteCmd::Delete(a) => {
            let id = c.id::<HousingSite>(&a.id)?;
            c.write(|w| rules::delete_housing_site(w, id))?;
            deleted(1, "housing site");
        }
        SiteCmd::Free { from, to, size, children, json } => {
            let (from, to) = (parse_date("--from", &from)?, parse_date("--to", &to)?);
            let list = query::free_sites(c.store.conn(), from, to, size, children)?;
            if json.json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("no site has {size} free bed(s) on every night from {from} to {to}");
            }
            for s in &list {
                println!(
                    "{}  {}  {} of {} beds free{}",
                    s.id,
                    s.name,
                    s.free_beds,
                    s.capacity,
                    if s.accepts_children { "" } else { "  no children" }
                );
            }
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum PlacementCmd {
    /// Place a family at a housing site
    Add {
        /// The family (id)
        #[arg(long)]
        family: String,
        /// The housing site (id)
        #[arg(long)]
        site: String,
        #[command(flatten)]
        fields: PlacementFields,
    },
    /// List current and upcoming placements (all with --all)
    List {
        #[arg(long)]
        all: bool,
        /// Only at this site (id)
        #[arg(long)]
        site: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a placement
    Show(ShowArgs),
    /// Change a placement
    Edit {
        /// The placement's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: PlacementFields,
        /// Actual last night, YYYY-MM-DD ("none" to clear)
        #[arg(long)]
        actual_end: Option<String>,
    },
    /// End a placement: its actual last night
    End {
        /// The placement (id)
        id: String,
        /// Last night, YYYY-MM-DD (default: today)
        #[arg(long)]
        on: Option<String>,
    },
    /// Delete a placement
    Delete(IdArg),
}

#[derive(Debug, Args)]
pub struct PlacementFields {
    /// Place a family with children at a site that accepts none (the host agreed)
    #[arg(long)]
    pub allow_children: bool,
    /// Beds the family takes (default: the number of persons in the family)
    #[arg(long)]
    pub beds: Option<i64>,
    /// First night, YYYY-MM-DD
    #[arg(long)]
    pub start: Option<String>,
    /// Expected last night, YYYY-MM-DD ("none": open-ended)
    #[arg(long)]
    pub end: Option<String>,
    /// Support-team lead (volunteer id)
    #[arg(long)]
    pub lead: Option<String>,
    /// Check-in schedule, e.g. "weekly, Tuesdays"
    #[arg(long)]
    pub checkin: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

impl PlacementFields {
    fn apply(self, c: &Ctx<'_>, p: &mut Placement) -> anyhow::Result<()> {
        if let Some(b) = self.beds {
            p.beds = b;
        }
        if let Some(s) = self.start {
            p.start_date = parse_date("--start", &s)?;
        }
        if let Some(e) = opt_date("--end", self.end.as_deref())? {
            p.expected_end = e;
        }
        if let Some(l) = self.lead {
            p.support_lead_id = c.opt_id::<Volunteer>(Some(&l))?;
        }
        set_text(&mut p.checkin_schedule, self.checkin);
        set_text(&mut p.notes, self.notes);
        Ok(())
    }
}

fn placement_line(store: &Store, p: &Placement) -> String {
    format!(
        "{}  {}  at {}  {} bed(s)  {} to {}{}",
        p.id,
        name_or_blank::<Household>(store, Some(p.household_id), "display_name"),
        name_or_blank::<HousingSite>(store, Some(p.site_id), "name"),
        p.beds,
        p.start_date,
        p.last_night().map_or("open".into(), |d| d.to_string()),
        if p.actual_end.is_some() { " (ended)" } else { "" }
    )
}

fn placement(mut c: Ctx<'_>, cmd: PlacementCmd) -> anyhow::Result<()> {
    match cmd {
        PlacementCmd::Add { family, site, fields } => {
            let hid = c.id::<Household>(&family)?;
            let sid = c.id::<HousingSite>(&site)?;
            let Some(start) = fields.start.as_deref() else { bail!("give the first night with --start YYYY-MM-DD") };
            let persons: i64 = c.store.conn().query_row(
                "SELECT count(*) FROM person WHERE household_id = ?1 AND deleted = 0",
                [hid.to_string()],
                |r| r.get(0),
            )?;
            let mut p = Placement {
                id: Uuid::now_v7(),
                household_id: hid,
                site_id: sid,
                beds: persons.max(1),
                start_date: parse_date("--start", start)?,
                expected_end: None,
                actual_end: None,
                support_lead_id: None,
                checkin_schedule: None,
                notes: None,
            };
            let allow = rules::Overrides { children_at_site: fields.allow_children, ..Default::default() };
            fields.apply(&c, &mut p)?;
            let id = c.write(|w| rules::add_placement_with(w, &p, allow))?;
            println!("added placement {id} ({} bed(s))", p.beds);
        }
        PlacementCmd::List { all, site, json } => {
            let today = c.today().to_string();
            let current = "AND COALESCE(actual_end, expected_end, '9999-12-31') >= ?2";
            let list: Vec<Placement> = match site {
                Some(s) => {
                    let sid = c.id::<HousingSite>(&s)?.to_string();
                    let since = if all { String::new() } else { today };
                    rec::query(
                        c.store.conn(),
                        &format!("AND site_id = ?1 {current} ORDER BY start_date, id"),
                        [sid, since],
                    )?
                }
                None => {
                    let since = if all { String::new() } else { today };
                    rec::query(
                        c.store.conn(),
                        &format!("AND ?1 = ?1 {current} ORDER BY start_date, id"),
                        [String::new(), since],
                    )?
                }
            };
            if json.json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("no placements");
            }
            for p in &list {
                println!("{}", placement_line(c.store, p));
            }
        }
        PlacementCmd::Show(a) => {
            let p = c.store.get::<Placement>(c.id::<Placement>(&a.id)?)?;
            if a.json {
                return print_json(&p);
            }
            println!("{}", placement_line(c.store, &p));
            if p.support_lead_id.is_some() {
                field("support lead", name_or_blank::<Volunteer>(c.store, p.support_lead_id, "name"));
            }
            opt_field("expected end", &p.expected_end);
            opt_field("actual end", &p.actual_end);
            opt_field("check-ins", &p.checkin_schedule);
            opt_field("notes", &p.notes);
            print_notes(&notes_on(c.store, p.id)?);
        }
        PlacementCmd::Edit { id, fields, actual_end } => {
            let mut p = c.store.get::<Placement>(c.id::<Placement>(&id)?)?;
            let allow = rules::Overrides { children_at_site: fields.allow_children, ..Default::default() };
            fields.apply(&c, &mut p)?;
            if let Some(e) = opt_date("--actual-end", actual_end.as_deref())? {
                p.actual_end = e;
            }
            let n = c.write(|w| rules::save_placement_with(w, &p, allow))?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated placement {}", p.id) });
        }
        PlacementCmd::End { id, on } => {
            let mut p = c.store.get::<Placement>(c.id::<Placement>(&id)?)?;
            p.actual_end = Some(match on {
                Some(d) => parse_date("--on", &d)?,
                None => c.today(),
            });
            c.write(|w| rules::save_placement(w, &p))?;
            println!("placement {} ends after the night of {}", p.id, p.actual_end.unwrap_or_default());
        }
        PlacementCmd::Delete(a) => {
            let id = c.id::<Placement>(&a.id)?;
            c.write(|w| w.remove::<Placement>(id))?;
            deleted(1, "placement");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- sanctuary and shifts

#[derive(Debug, Subcommand)]
pub enum SanctuaryCmd {
    /// Sanctuary sites (religious property where a guest lives)
    #[command(subcommand)]
    Site(SanctuarySiteCmd),
    /// Guests in sanctuary
    #[command(subcommand)]
    Guest(GuestCmd),
}

#[derive(Debug, Subcommand)]
pub enum SanctuarySiteCmd {
    /// Add a sanctuary site
    Add {
        #[arg(long)]
        name: String,
        /// A short code used where the name must not appear (door rota, calendars)
        #[arg(long)]
        code: String,
        /// The site's IANA time zone, e.g. America/Chicago
        #[arg(long, env = "AMPARO_TZ")]
        tz: String,
        /// Address (sensitive)
        #[arg(long)]
        address: Option<String>,
        /// Host congregation (id)
        #[arg(long)]
        congregation: Option<String>,
        /// Host contact (volunteer id)
        #[arg(long)]
        host: Option<String>,
    },
    /// List sanctuary sites
    List(JsonFlag),
}

#[derive(Debug, Subcommand)]
pub enum GuestCmd {
    /// Record that a person is in sanctuary at a site
    Add {
        /// The person (id)
        #[arg(long)]
        person: String,
        /// The sanctuary site (id)
        #[arg(long)]
        site: String,
        /// Since, YYYY-MM-DD (default: today)
        #[arg(long)]
        since: Option<String>,
        /// Until, YYYY-MM-DD
        #[arg(long)]
        until: Option<String>,
    },
    /// List guests
    List(JsonFlag),
}

#[derive(Serialize)]
struct GuestView {
    guest: SanctuaryGuest,
    first_name: String,
    site: String,
}

fn sanctuary(mut c: Ctx<'_>, cmd: SanctuaryCmd) -> anyhow::Result<()> {
    match cmd {
        SanctuaryCmd::Site(SanctuarySiteCmd::Add { name, code, tz, address, congregation, host }) => {
            let s = SanctuarySite {
                id: Uuid::now_v7(),
                name: name.trim().to_string(),
                code: code.trim().to_string(),
                address,
                time_zone: parse_time_zone(&tz)?,
                congregation_id: c.opt_id::<Congregation>(congregation.as_deref())?,
                host_volunteer_id: c.opt_id::<Volunteer>(host.as_deref())?,
            };
            let id = c.write(|w| rules::add_sanctuary_site(w, &s))?;
            println!("added sanctuary site {id}");
        }
        SanctuaryCmd::Site(SanctuarySiteCmd::List(json)) => {
            let list = rec::query::<SanctuarySite>(c.store.conn(), "ORDER BY name, id", [])?;
            if json.json {
                return print_json(&list);
            }
            for s in &list {
                println!("{}  {}  [{}]  {}", s.id, s.name, s.code, s.time_zone);
            }
        }
        SanctuaryCmd::Guest(GuestCmd::Add { person, site, since, until }) => {
            let g = SanctuaryGuest {
                id: Uuid::now_v7(),
                person_id: c.id::<Person>(&person)?,
                site_id: c.id::<SanctuarySite>(&site)?,
                since: match since {
                    Some(d) => parse_date("--since", &d)?,
                    None => c.today(),
                },
                until: opt_date("--until", until.as_deref())?.flatten(),
            };
            let id = c.write(|w| rules::add_sanctuary_guest(w, &g))?;
            println!("added sanctuary guest {id}");
        }
        SanctuaryCmd::Guest(GuestCmd::List(json)) => {
            let list = rec::query::<SanctuaryGuest>(c.store.conn(), "ORDER BY since, id", [])?;
            let views: Vec<GuestView> = list
                .into_iter()
                .map(|g| {
                    let first_name = c
                        .store
                        .find::<Person>(g.person_id)
                        .ok()
                        .flatten()
                        .map(|p| p.first_name().to_string())
                        .unwrap_or_default();
                    GuestView {
                        site: name_or_blank::<SanctuarySite>(c.store, Some(g.site_id), "name"),
                        first_name,
                        guest: g,
                    }
                })
                .collect();
            if json.json {
                return print_json(&views);
            }
            for v in &views {
                println!("{}  {}  at {}  since {}", v.guest.id, v.first_name, v.site, v.guest.since);
            }
        }
    }
    Ok(())
}

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
struct ShiftView {
    shift: Shift,
    site_code: String,
    local_start: String,
    local_end: String,
    volunteers: Vec<query::Person>,
    understaffed: bool,
}

fn shift(mut c: Ctx<'_>, cmd: ShiftCmd) -> anyhow::Result<()> {
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
            let fmt = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
            let site = site.map(|s| c.id::<SanctuarySite>(&s)).transpose()?;
            let shifts: Vec<Shift> = rec::query::<Shift>(c.store.conn(), query::SHIFTS_IN_RANGE, [fmt(now), fmt(to)])?
                .into_iter()
                .filter(|s| site.is_none_or(|id| s.site_id == id))
                .collect();
            let mut views = Vec::new();
            for s in shifts {
                let site = c.store.find::<SanctuarySite>(s.site_id)?;
                let zone = site.as_ref().map_or(chrono_tz::Tz::UTC, |x| x.time_zone);
                let volunteers: Vec<query::Person> = rules::assignments_of(c.store.conn(), s.id)?
                    .into_iter()
                    .map(|a| query::Person {
                        id: a.volunteer_id,
                        name: name_or_blank::<Volunteer>(c.store, Some(a.volunteer_id), "name"),
                    })
                    .collect();
                views.push(ShiftView {
                    site_code: site.map(|x| x.code).unwrap_or_default(),
                    local_start: s.starts_utc.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string(),
                    local_end: s.ends_utc.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string(),
                    understaffed: (volunteers.len() as i64) < s.min_people,
                    volunteers,
                    shift: s,
                });
            }
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
            c.write(|w| vids.iter().try_for_each(|v| rules::assign_shift(w, sid, *v).map(|_| ())))?;
            let n = rules::assignments_of(c.store.conn(), sid)?.len();
            println!("assigned; {n} on the shift");
            for v in &vids {
                for warning in amparo_core::schedule::shift_warnings(c.store.conn(), sid, *v)? {
                    println!(
                        "  warning: {} — {}",
                        name_or_blank::<Volunteer>(c.store, Some(*v), "name"),
                        warning.describe()
                    );
                }
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

#[derive(Debug, Subcommand)]
pub enum TaskCmd {
    /// Add a task or need
    Add(TaskFields),
    /// List open tasks (all with --all)
    List {
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a task
    Show(ShowArgs),
    /// Change a task
    Edit {
        /// The task's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: TaskFields,
        /// open, done or cancelled
        #[arg(long)]
        status: Option<TaskStatus>,
    },
    /// Mark a task done
    Done(IdArg),
    /// Delete a task
    Delete(IdArg),
}

#[derive(Debug, Args)]
pub struct TaskFields {
    /// What needs doing
    #[arg(long)]
    pub title: Option<String>,
    /// For which family (id)
    #[arg(long)]
    pub family: Option<String>,
    /// Due date, YYYY-MM-DD
    #[arg(long)]
    pub due: Option<String>,
    /// Who does it (volunteer id)
    #[arg(long)]
    pub assignee: Option<String>,
    /// e.g. ride, groceries, legal fund, school
    #[arg(long)]
    pub kind: Option<String>,
}

impl TaskFields {
    fn apply(self, c: &Ctx<'_>, t: &mut Task) -> anyhow::Result<()> {
        if let Some(x) = self.title {
            t.title = x.trim().to_string();
        }
        if let Some(f) = self.family {
            t.household_id = c.opt_id::<Household>(Some(&f))?;
        }
        if let Some(d) = opt_date("--due", self.due.as_deref())? {
            t.due_date = d;
        }
        if let Some(a) = self.assignee {
            t.assignee_id = c.opt_id::<Volunteer>(Some(&a))?;
        }
        set_text(&mut t.kind, self.kind);
        Ok(())
    }
}

fn task_line(store: &Store, t: &Task) -> String {
    format!(
        "{}  {}  due {}  {}  {}  [{}]",
        t.id,
        t.title,
        t.due_date.map_or("-".into(), |d| d.to_string()),
        name_or_blank::<Household>(store, t.household_id, "display_name"),
        name_or_blank::<Volunteer>(store, t.assignee_id, "name"),
        t.status
    )
}

fn task(mut c: Ctx<'_>, cmd: TaskCmd) -> anyhow::Result<()> {
    match cmd {
        TaskCmd::Add(fields) => {
            let Some(title) = fields.title.clone() else { bail!("say what needs doing with --title") };
            let mut t = Task::new(title);
            fields.apply(&c, &mut t)?;
            let id = c.write(|w| rules::add_task(w, &t))?;
            println!("added task {id}");
        }
        TaskCmd::List { all, json } => {
            let filter = if all {
                "ORDER BY due_date IS NULL, due_date, id"
            } else {
                "AND status = 'open' ORDER BY due_date IS NULL, due_date, id"
            };
            let list = rec::query::<Task>(c.store.conn(), filter, [])?;
            if json.json {
                return print_json(&list);
            }
            for t in &list {
                println!("{}", task_line(c.store, t));
            }
        }
        TaskCmd::Show(a) => {
            let t = c.store.get::<Task>(c.id::<Task>(&a.id)?)?;
            if a.json {
                return print_json(&t);
            }
            println!("{}", task_line(c.store, &t));
            opt_field("kind", &t.kind);
            print_notes(&notes_on(c.store, t.id)?);
        }
        TaskCmd::Edit { id, fields, status } => {
            let mut t = c.store.get::<Task>(c.id::<Task>(&id)?)?;
            fields.apply(&c, &mut t)?;
            if let Some(s) = status {
                t.status = s;
            }
            let n = c.write(|w| rules::save_task(w, &t))?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated task {}", t.id) });
        }
        TaskCmd::Done(a) => {
            let mut t = c.store.get::<Task>(c.id::<Task>(&a.id)?)?;
            t.status = TaskStatus::Done;
            c.write(|w| rules::save_task(w, &t))?;
            println!("task {} done", t.id);
        }
        TaskCmd::Delete(a) => {
            let id = c.id::<Task>(&a.id)?;
            c.write(|w| w.remove::<Task>(id))?;
            deleted(1, "task");
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum NoteCmd {
    /// Add a note to a record
    Add {
        /// The record (id of a family, person, court date, placement, ...)
        #[arg(long)]
        on: String,
        /// internal (coordinators only) or volunteers (shown to volunteers who work with it)
        #[arg(long, default_value = "internal")]
        visibility: Visibility,
        /// The note
        #[arg(long)]
        text: String,
    },
    /// List the notes on a record
    List {
        /// The record (id)
        #[arg(long)]
        on: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete a note
    Delete(IdArg),
}

fn note(mut c: Ctx<'_>, cmd: NoteCmd) -> anyhow::Result<()> {
    match cmd {
        NoteCmd::Add { on, visibility, text } => {
            let (table, record_id) = query::resolve_any(c.store.conn(), &on)?;
            let n = Note {
                id: Uuid::now_v7(),
                record_table: table.name.to_string(),
                record_id,
                body: text.trim().to_string(),
                visibility,
                created_at: c.session.now,
            };
            let id = c.write(|w| rules::add_note(w, &n))?;
            println!("added {visibility} note {id}");
        }
        NoteCmd::List { on, json } => {
            let (_, record_id) = query::resolve_any(c.store.conn(), &on)?;
            let notes = notes_on(c.store, record_id)?;
            if json.json {
                return print_json(&notes);
            }
            for n in &notes {
                println!("{}  [{}] {}  {}", n.id, n.visibility, n.created_at.format("%Y-%m-%d"), n.body);
            }
        }
        NoteCmd::Delete(a) => {
            let id = c.id::<Note>(&a.id)?;
            c.write(|w| w.remove::<Note>(id))?;
            deleted(1, "note");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- agenda, search, history

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// How many days ahead (1 to 3660)
    #[arg(long, default_value_t = 14, value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub days: u32,
    /// Print machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

fn agenda(c: Ctx<'_>, a: AgendaArgs) -> anyhow::Result<()> {
    let offset = *c.session.now.with_timezone(&chrono::Local).offset();
    let ag = query::agenda_local(c.store.conn(), c.session.now, offset, a.days)?;
    if a.json {
        let actor = c.store.actor()?;
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
            court_kind(c.store, d.kind)?,
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

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for (prefixes are enough)
    #[arg(required = true)]
    pub text: Vec<String>,
    /// At most this many results
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Print machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

fn search(c: Ctx<'_>, a: SearchArgs) -> anyhow::Result<()> {
    let hits = query::search(c.store.conn(), &a.text.join(" "), a.limit)?;
    if a.json {
        return print_json(&hits);
    }
    if hits.is_empty() {
        println!("nothing found");
    }
    for h in &hits {
        println!("{}  {:<16} {}", h.id, h.table.replace('_', " "), h.label);
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The record's id (or a unique beginning of it), in any table
    pub id: String,
    /// Print machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

fn history(c: Ctx<'_>, a: HistoryArgs) -> anyhow::Result<()> {
    let (table, id) = query::resolve_any(c.store.conn(), &a.id)?;
    let entries = query::history(c.store.conn(), id)?;
    if a.json {
        return print_json(&entries);
    }
    println!("history of {} {id}", table.name.replace('_', " "));
    let show = |v: &serde_json::Value| match v {
        serde_json::Value::Null => "(empty)".to_string(),
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    for e in &entries {
        let who = e.author.as_deref().unwrap_or("unknown");
        let device = e.device.as_deref().unwrap_or("unknown device");
        if e.field == amparo_core::schema::DELETED {
            let what = if e.new == serde_json::Value::Bool(false) { "restored" } else { "deleted" };
            println!("{}  {who} on {device}: {what}", e.at.format("%Y-%m-%d %H:%M:%S UTC"));
        } else {
            println!(
                "{}  {who} on {device}: {}: {} -> {}",
                e.at.format("%Y-%m-%d %H:%M:%S UTC"),
                e.field,
                show(&e.old),
                show(&e.new)
            );
        }
    }
    Ok(())
}
