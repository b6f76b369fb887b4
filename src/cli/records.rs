//! Record commands (family, person, court, volunteer, site, placement, sanctuary, shift,
//! task, note), agenda, search and history.

use clap::Subcommand;

use super::Session;

#[derive(Debug, Subcommand)]
pub enum RecordCommand {}

pub fn run(_session: &Session, cmd: RecordCommand) -> anyhow::Result<()> {
    match cmd {}
}
