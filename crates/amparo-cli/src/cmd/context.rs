//! What every record command shares: the record commands themselves (one file per noun
//! beside this one), the open store they run on, reading flags and printing fields.
//! Parsing and printing only: the rules live in `amparo_core::rules`, the questions in
//! `amparo_core::query`.

use anyhow::{anyhow, bail, Context};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use clap::{Args, Subcommand};
use serde::Serialize;
use uuid::Uuid;

use amparo_core::domain::{parse_time_zone, ANumberOrNone, CourtKind, Note, Record};
use amparo_core::{query, rules, Store};

use super::Session;
use super::*;

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
    /// Rapid response: the hotline desk's incidents, their verification, dispatch and timeline
    #[command(subcommand)]
    Incident(IncidentCmd),
    /// Zones of a rapid-response network (where responders are sent, their Signal group)
    #[command(subcommand)]
    Zone(ZoneCmd),
    /// On-call coverage of a rapid-response network: weekly slots per zone, auto-fill, who is on call
    #[command(subcommand)]
    Oncall(OncallCmd),
    /// From detention to release: where a person is held, the bond fund's ledger, deposits, release
    #[command(subcommand)]
    Bond(BondCmd),
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
pub(super) fn damaged(session: &Session, e: anyhow::Error) -> anyhow::Error {
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

pub(super) fn run_inner(session: &Session, cmd: RecordCommand) -> anyhow::Result<()> {
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
        RecordCommand::Incident(x) => incident(c, x),
        RecordCommand::Zone(x) => zone_cmd(c, x),
        RecordCommand::Oncall(x) => oncall_cmd(c, x),
        RecordCommand::Bond(x) => bond_cmd(c, x),
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

pub(super) struct Ctx<'a> {
    pub(super) session: &'a Session,
    pub(super) store: &'a mut Store,
}

impl Ctx<'_> {
    pub(super) fn id<R: Record>(&self, text: &str) -> anyhow::Result<Uuid> {
        Ok(self.store.resolve_id::<R>(text)?)
    }
    pub(super) fn opt_id<R: Record>(&self, text: Option<&str>) -> anyhow::Result<Option<Uuid>> {
        match text.map(str::trim) {
            None => Ok(None),
            Some("") | Some("none") => Ok(None),
            Some(t) => Ok(Some(self.id::<R>(t)?)),
        }
    }
    pub(super) fn write<T>(
        &mut self,
        f: impl FnOnce(&mut amparo_core::store::Writer<'_>) -> amparo_core::Result<T>,
    ) -> anyhow::Result<T> {
        Ok(self.store.write(self.session.now, f)?)
    }
    /// Today's date where the user is (the system's time zone, `TZ`).
    pub(super) fn today(&self) -> NaiveDate {
        self.session.now.with_timezone(&chrono::Local).date_naive()
    }
}

// ---------------------------------------------------------------- parsing and printing

/// Years a person could mean; "+99999-01-01" parses but is a typo.
pub(super) fn plausible(year: i32) -> bool {
    (1900..=2200).contains(&year)
}

pub(super) fn parse_date(flag: &str, text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| plausible(d.year()))
        .ok_or_else(|| anyhow!("invalid date for {flag}: write it as YYYY-MM-DD, e.g. 2026-12-01"))
}

pub(super) fn opt_date(flag: &str, text: Option<&str>) -> anyhow::Result<Option<Option<NaiveDate>>> {
    match text.map(str::trim) {
        None => Ok(None),
        Some("") | Some("none") => Ok(Some(None)),
        Some(t) => Ok(Some(Some(parse_date(flag, t)?))),
    }
}

/// "2026-12-01 09:00" (or with a T); a bare date means the time is still to be confirmed.
pub(super) fn parse_local(flag: &str, text: &str) -> anyhow::Result<(NaiveDateTime, bool)> {
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

pub(super) fn yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "si" | "sí" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err("write yes or no".into()),
    }
}

/// Set an optional text field: empty or "none" clears it.
pub(super) fn set_text(target: &mut Option<String>, value: Option<String>) {
    if let Some(v) = value {
        let v = v.trim().to_string();
        *target = if v.is_empty() || v == "none" { None } else { Some(v) };
    }
}

pub(super) fn set_list(target: &mut Vec<String>, value: Vec<String>) {
    if !value.is_empty() {
        *target = value.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty() && s != "none").collect();
    }
}

/// Empty clears the field (not known yet); "none" records that the person has none.
pub(super) fn parse_anumber(text: &str) -> anyhow::Result<Option<ANumberOrNone>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(ANumberOrNone::parse(text)?))
}

pub(super) fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value).context("could not format the output as JSON")?);
    Ok(())
}

pub(super) fn or_dash(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("-")
}

/// A record as JSON for `--json`, with the fields this store does not hold marked
/// `{"not_shared": true}` (never `null`, which reads as "none").
pub(super) fn marked<R: Record>(actor: amparo_core::store::Actor, record: &R) -> anyhow::Result<serde_json::Value> {
    let mut v = serde_json::to_value(record)?;
    amparo_core::sync::redact::mark_not_held(actor, R::TABLE, &mut v);
    Ok(v)
}

pub(super) fn marked_all<R: Record>(
    actor: amparo_core::store::Actor,
    records: &[R],
) -> anyhow::Result<serde_json::Value> {
    Ok(serde_json::Value::Array(records.iter().map(|r| marked(actor, r)).collect::<anyhow::Result<_>>()?))
}

/// A field's text, or "not shared with your role" when this store does not hold it.
pub(super) fn held<T: std::fmt::Display>(
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
pub(super) fn court_kind(actor: amparo_core::store::Actor, kind: CourtKind) -> String {
    held(actor, &amparo_core::schema::COURT_DATE, "kind", kind.as_str().replace('_', " "))
}

pub(super) fn field(label: &str, value: impl std::fmt::Display) {
    println!("  {label:<22} {value}");
}

pub(super) fn opt_field<T: std::fmt::Display>(label: &str, value: &Option<T>) {
    if let Some(v) = value {
        field(label, v);
    }
}

pub(super) fn list_field(label: &str, value: &[String]) {
    if !value.is_empty() {
        field(label, value.join(", "));
    }
}

pub(super) fn name_or_blank<R: Record>(store: &Store, id: Option<Uuid>, field: &str) -> String {
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
pub(super) fn confirm_delete(what: &str, yes: bool) -> anyhow::Result<()> {
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

pub(super) fn deleted(n: usize, noun: &str) {
    if n > 1 {
        println!("deleted the {noun} and {} record(s) that belonged to it", n - 1);
    } else {
        println!("deleted the {noun}");
    }
}

pub(super) fn notes_on(store: &Store, id: Uuid) -> anyhow::Result<Vec<Note>> {
    Ok(amparo_core::ops::notes::notes_on(store, id)?)
}

pub(super) fn print_notes(notes: &[Note]) {
    if !notes.is_empty() {
        println!("notes:");
        for n in notes {
            println!("  [{}] {} {}", n.visibility, n.created_at.format("%Y-%m-%d"), n.body);
        }
    }
}

// ---------------------------------------------------------------- family

pub(super) fn zone(tz: Option<&str>) -> anyhow::Result<Tz> {
    Ok(match tz {
        Some(t) => parse_time_zone(t)?,
        None => chrono_tz::UTC,
    })
}

pub(super) fn id<R: Record>(store: &Store, text: &str) -> anyhow::Result<Uuid> {
    Ok(store.resolve_id::<R>(text)?)
}

pub(super) fn write_file(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    Ok(amparo_core::store::write_private(path, text.as_bytes())?)
}

/// What to say of a record that cannot be read, in the list it would be in and in `sync
/// status`: what it is, which field, and the way out.
pub(super) fn damaged_line(d: &amparo_core::sync::validate::Damaged) -> String {
    let field = d.field.map(|f| format!(", field {f}")).unwrap_or_default();
    let noun = match d.table {
        "household" => "family",
        "court_date" => "court",
        "housing_site" => "site",
        "sanctuary_site" => "sanctuary",
        other => other,
    };
    format!(
        "{}  DAMAGED: this {} could not be read{field}; delete it (amparo {noun} delete {}) and enter it again",
        d.id, d.noun, d.id
    )
}

/// The damaged records of `tables`, each as [`damaged_line`] says it.
pub(super) fn print_damaged(store: &amparo_core::Store, tables: &[&str]) -> anyhow::Result<()> {
    for d in amparo_core::sync::validate::damaged(store.conn())?.iter().filter(|d| tables.contains(&d.table)) {
        println!("{}", damaged_line(d));
    }
    Ok(())
}
