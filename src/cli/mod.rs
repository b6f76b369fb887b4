//! The `amparo` command line: argument parsing and printing. Rules live in the core.

mod records;
mod session;
mod settings;
mod sync;
mod workflows;

use clap::{Parser, Subcommand};

pub use session::Session;

#[derive(Debug, Parser)]
#[command(name = "amparo", version, about = "Encrypted, offline case manager for sanctuary and accompaniment teams")]
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
    Init(session::InitArgs),
    /// Change the store's passphrase (the data is not re-encrypted)
    Passwd,
    /// Create a store filled with fictional demo data
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
