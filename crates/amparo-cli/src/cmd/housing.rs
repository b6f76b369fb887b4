//! `amparo housing match`: sites with room for a family, best first.

use chrono::{DateTime, Utc};
use clap::Subcommand;

use amparo_core::domain::Household;
use amparo_core::{housing, Store};

use super::*;

#[derive(Debug, Subcommand)]
pub enum HousingCmd {
    /// Sites with enough free beds for the whole stay, best first
    Match {
        /// The family (id)
        #[arg(long)]
        family: String,
        /// First night
        #[arg(long)]
        from: String,
        /// Last night
        #[arg(long)]
        to: String,
        #[arg(long)]
        json: bool,
    },
}

pub(super) fn housing(s: &mut Store, _now: DateTime<Utc>, cmd: HousingCmd) -> anyhow::Result<()> {
    match cmd {
        HousingCmd::Match { family, from, to, json } => {
            let hid = id::<Household>(s, &family)?;
            let (from, to) = (parse_date("--from", &from)?, parse_date("--to", &to)?);
            let need = housing::HousingNeed::for_household(s.conn(), hid, from)?;
            let matches = housing::match_sites(s.conn(), &need, from, to, Some(hid))?;
            if json {
                return print_json(&serde_json::json!({ "need": need, "sites": matches }));
            }
            println!(
                "needs {} beds{}{}{}",
                need.beds,
                if need.children { ", accepts children" } else { "" },
                if need.pets { ", accepts pets" } else { "" },
                if need.accessible { ", accessible" } else { "" }
            );
            if matches.is_empty() {
                println!("no site has room for the whole stay");
            }
            for m in matches {
                println!(
                    "{}  {:<28} {} free of {}{}{}",
                    m.site_id,
                    m.name,
                    m.free_beds,
                    m.capacity,
                    if m.shared_languages.is_empty() {
                        String::new()
                    } else {
                        format!(", speaks {}", m.shared_languages.join(", "))
                    },
                    if m.verified { ", verified" } else { "" }
                );
            }
        }
    }
    Ok(())
}
