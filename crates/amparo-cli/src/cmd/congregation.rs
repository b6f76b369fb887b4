//! `amparo congregation`: the congregations of the network.

use anyhow::bail;
use clap::Subcommand;
use uuid::Uuid;

use amparo_core::domain::Congregation;
use amparo_core::rules;

use super::context::*;

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

pub(super) fn congregation(mut c: Ctx<'_>, cmd: CongregationCmd) -> anyhow::Result<()> {
    match cmd {
        CongregationCmd::Add { name, city, contact } => {
            let g = Congregation { id: Uuid::now_v7(), name: name.trim().to_string(), city, contact };
            let id = c.write(|w| w.create(&g))?;
            println!("added congregation {id}");
        }
        CongregationCmd::List(json) => {
            let list = amparo_core::ops::team::congregations(c.store)?;
            if json.json {
                return print_json(&list);
            }
            for g in &list {
                println!("{}  {}  {}", g.id, g.name, or_dash(&g.city));
            }
            print_damaged(c.store, &["congregation"])?;
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
