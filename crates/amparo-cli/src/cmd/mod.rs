//! The `amparo` command line: argument parsing and printing, one file per noun
//! (`family.rs`, `court.rs`, …). Rules and questions live in the core.

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

mod agenda;
mod bond;
mod congregation;
mod context;
mod court;
mod court_day;
mod family;
mod history;
mod housing;
mod incident;
mod note;
mod oncall;
mod person;
mod placement;
mod rota;
mod sanctuary;
mod search;
mod session;
mod settings;
mod shift;
mod site;
mod spreadsheet;
mod sync;
mod task;
mod volunteer;

use agenda::*;
use bond::*;
use congregation::*;
use context::*;
use court::*;
use family::*;
use history::*;
use incident::*;
use note::*;
use oncall::*;
use person::*;
use placement::*;
use sanctuary::*;
use search::*;
use shift::*;
use site::*;
use task::*;
use volunteer::*;

use clap::{Parser, Subcommand};

pub use session::Session;

#[derive(Debug, Parser)]
#[command(
    name = "amparo",
    version,
    about = "Encrypted, offline case manager for sanctuary and accompaniment teams",
    after_help = "Every command that opens the store asks for its passphrase; scripts set AMPARO_PASSPHRASE instead (nothing is asked on a terminal then). Commands that need another passphrase or a confirmation say so in their --help."
)]
pub struct Cli {
    /// Store directory (default: the platform's data directory)
    #[arg(long, global = true, env = "AMPARO_STORE", value_name = "DIR")]
    pub store: Option<std::path::PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum Command {
    /// Create a new encrypted store
    #[command(
        after_help = "Asks for the new passphrase twice. Without a terminal (scripts), set AMPARO_PASSPHRASE to it."
    )]
    Init(session::InitArgs),
    /// Change the store's passphrase (the data is not re-encrypted)
    #[command(
        after_help = "Asks for the current passphrase, then the new one twice. Without a terminal (scripts), set AMPARO_PASSPHRASE to the current passphrase and AMPARO_NEW_PASSPHRASE to the new one."
    )]
    Passwd,
    /// Create a store filled with fictional demo data
    #[command(
        after_help = "Asks for the new store's passphrase twice. Without a terminal (scripts), set AMPARO_PASSPHRASE to it."
    )]
    Demo(session::DemoArgs),
    #[command(flatten)]
    Records(context::RecordCommand),
    #[command(flatten)]
    Sync(sync::SyncCommand),
    /// Rotation templates of sanctuary sites, and generating shifts from them
    #[command(subcommand)]
    Rotation(rota::RotationCmd),
    /// Fill open sanctuary shifts automatically (shows the plan; --apply writes it)
    Autofill(rota::AutofillArgs),
    /// Coverage gaps, double bookings and the printable door rota
    #[command(subcommand)]
    Rota(rota::RotaCmd),
    /// Offer a shift to others, take an offered shift, approve, decline or withdraw a swap
    #[command(subcommand)]
    Swap(rota::SwapCmd),
    /// Set the handoff note of a shift
    Handoff {
        /// The shift (id)
        shift: String,
        /// What the next people on duty must know (empty clears it)
        #[arg(long)]
        note: String,
    },
    /// Write a volunteer's own shifts as a calendar (.ics) file
    Ics(rota::IcsArgs),
    /// The court-day run sheet: who meets whom, where, when (printable HTML with --out)
    Runsheet(court_day::RunsheetArgs),
    /// What needs attention: under-staffed court dates, times to confirm, deadlines,
    /// placements ending, missed check-ins
    Reminders(court_day::RemindersArgs),
    /// The team's checklists (e.g. "detained", opened as tasks after a detention)
    #[command(subcommand)]
    Checklist(court_day::ChecklistCmd),
    /// Housing: sites with room for a family
    #[command(subcommand)]
    Housing(housing::HousingCmd),
    /// Import volunteers, households or court dates from a CSV file (preview; --apply imports)
    Import(spreadsheet::ImportArgs),
    /// Export volunteers, households or court dates to a CSV file (asks for --yes)
    Export(spreadsheet::ExportArgs),
    /// Settings kept in the encrypted store: retention of closed cases
    #[command(subcommand)]
    Settings(settings::SettingsCmd),
}

/// The error and its causes on one line, each said once: a cause whose text the message
/// already contains (the core's messages often include their source) is not repeated.
pub fn error_text(e: &anyhow::Error) -> String {
    let mut text = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !cause.is_empty() && !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let session = Session::new(cli.store)?;
    match cli.command {
        Command::Init(args) => session::init(&session, args),
        Command::Passwd => session::passwd(&session),
        Command::Demo(args) => session::demo(&session, args),
        Command::Records(cmd) => context::run(&session, cmd),
        Command::Sync(cmd) => sync::run(&session, cmd),
        Command::Rotation(cmd) => on_store(&session, |s, now| rota::rotation(s, now, cmd)),
        Command::Autofill(a) => on_store(&session, |s, now| rota::autofill(s, now, a)),
        Command::Rota(cmd) => on_store(&session, |s, now| rota::rota(s, now, cmd)),
        Command::Swap(cmd) => on_store(&session, |s, now| rota::swap(s, now, cmd)),
        Command::Handoff { shift, note } => on_store(&session, |s, now| rota::handoff(s, now, shift, note)),
        Command::Ics(a) => on_store(&session, |s, now| rota::ics(s, now, a)),
        Command::Runsheet(a) => on_store(&session, |s, now| court_day::runsheet(s, now, a)),
        Command::Reminders(a) => on_store(&session, |s, now| court_day::reminders(s, now, a)),
        Command::Checklist(cmd) => on_store(&session, |s, now| court_day::checklist(s, now, cmd)),
        Command::Housing(cmd) => on_store(&session, |s, now| housing::housing(s, now, cmd)),
        Command::Import(a) => on_store(&session, |s, now| spreadsheet::import(s, now, a)),
        Command::Export(a) => on_store(&session, |s, now| spreadsheet::export(s, now, a)),
        Command::Settings(cmd) => settings::run(&session, cmd),
    }
}

/// Run a command on the open store at the session's time.
fn on_store(
    session: &Session,
    run: impl FnOnce(&mut amparo_core::Store, chrono::DateTime<chrono::Utc>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut store = session.open()?;
    run(&mut store, session.now)
}
