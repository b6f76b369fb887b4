//! The `amparo` command line: argument parsing and printing. Rules live in the core.

mod records;
mod session;
mod settings;
mod sync;
mod workflows;

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
    Records(records::RecordCommand),
    #[command(flatten)]
    Sync(sync::SyncCommand),
    #[command(flatten)]
    Workflows(workflows::WorkflowCommand),
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
        Command::Records(cmd) => records::run(&session, cmd),
        Command::Sync(cmd) => sync::run(&session, cmd),
        Command::Workflows(cmd) => workflows::run(&session, cmd),
        Command::Settings(cmd) => settings::run(&session, cmd),
    }
}
