//! `amparo history`: who changed a record, and when.

use clap::Args;

use amparo_core::query;

use super::context::*;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The record's id (or a unique beginning of it), in any table
    pub id: String,
    /// Print machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

pub(super) fn history(c: Ctx<'_>, a: HistoryArgs) -> anyhow::Result<()> {
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
