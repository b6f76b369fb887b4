//! `amparo search`: families, persons, volunteers and sites by name.

use clap::Args;

use amparo_core::query;

use super::context::*;

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

pub(super) fn search(c: Ctx<'_>, a: SearchArgs) -> anyhow::Result<()> {
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
