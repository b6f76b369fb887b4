//! `amparo note`: notes on any record, internal or for volunteers.

use clap::Subcommand;
use uuid::Uuid;

use amparo_core::domain::{Note, Visibility};
use amparo_core::{query, rules};

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum NoteCmd {
    /// Add a note to a record
    Add {
        /// The record (id of a family, person, court date, placement, ...)
        #[arg(long)]
        on: String,
        /// internal (coordinators only) or volunteers (shown to volunteers who work with it)
        #[arg(long, default_value = "internal")]
        visibility: Visibility,
        /// The note
        #[arg(long)]
        text: String,
    },
    /// List the notes on a record
    List {
        /// The record (id)
        #[arg(long)]
        on: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Delete a note
    Delete(IdArg),
}

pub(super) fn note(mut c: Ctx<'_>, cmd: NoteCmd) -> anyhow::Result<()> {
    match cmd {
        NoteCmd::Add { on, visibility, text } => {
            let (table, record_id) = query::resolve_any(c.store.conn(), &on)?;
            let n = Note {
                id: Uuid::now_v7(),
                record_table: table.name.to_string(),
                record_id,
                body: text.trim().to_string(),
                visibility,
                created_at: c.session.now,
            };
            let id = c.write(|w| rules::add_note(w, &n))?;
            println!("added {visibility} note {id}");
        }
        NoteCmd::List { on, json } => {
            let (_, record_id) = query::resolve_any(c.store.conn(), &on)?;
            let notes = notes_on(c.store, record_id)?;
            if json.json {
                return print_json(&notes);
            }
            for n in &notes {
                println!("{}  [{}] {}  {}", n.id, n.visibility, n.created_at.format("%Y-%m-%d"), n.body);
            }
        }
        NoteCmd::Delete(a) => {
            let id = c.id::<Note>(&a.id)?;
            c.write(|w| w.remove::<Note>(id))?;
            deleted(1, "note");
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- agenda, search, history
