//! `amparo settings`: settings kept inside the encrypted store (retention of closed cases).

use anyhow::bail;
use clap::Subcommand;

use amparo_core::settings;

use super::Session;

#[derive(Debug, Subcommand)]
pub enum SettingsCmd {
    /// Show the settings kept in the store
    Show {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// How many days to keep a closed family before the retention purge removes it
    /// (like `amparo purge --closed-older-than DAYS`), or `off`
    Retention {
        /// A number of days (0 to 3650), or `off`
        #[arg(value_name = "DAYS|off")]
        days: String,
    },
    /// Purge every family closed longer ago than the retention setting
    ApplyRetention {
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
    },
}

fn describe(days: Option<i64>) -> String {
    match days {
        Some(d) => format!("retention: closed families are purged {d} days after closing"),
        None => "retention: off (closed families are kept until purged by hand)".to_string(),
    }
}

pub fn run(session: &Session, cmd: SettingsCmd) -> anyhow::Result<()> {
    match cmd {
        SettingsCmd::Show { json } => {
            let store = session.open()?;
            let days = settings::retention_days(store.conn())?;
            if json {
                let text = serde_json::to_string_pretty(&serde_json::json!({ "retention_days": days }))?;
                println!("{text}");
                return Ok(());
            }
            println!("{}", describe(days));
        }
        SettingsCmd::Retention { days } => {
            let days = match days.trim() {
                "off" => None,
                n => match n.parse::<i64>() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        bail!("give a number of days (0 to {}) or `off`, not {n:?}", settings::MAX_RETENTION_DAYS)
                    }
                },
            };
            let store = session.open()?;
            settings::set_retention_days(&store, days)?;
            println!("{}", describe(days));
        }
        SettingsCmd::ApplyRetention { yes } => {
            let mut store = session.open()?;
            super::session::confirm(
                yes,
                "purge every family closed longer ago than the retention setting, from every device it syncs to? This cannot be undone.",
                "the retention purge removes closed families from every device it syncs to and cannot be undone; repeat with --yes",
            )?;
            let n = settings::apply_retention(&mut store, session.now)?;
            println!("purged {n} closed families");
        }
    }
    Ok(())
}
