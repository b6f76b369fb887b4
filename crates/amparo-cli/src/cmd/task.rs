//! `amparo task`: tasks for a family or a volunteer.

use anyhow::bail;
use clap::{Args, Subcommand};

use amparo_core::domain::{Household, Task, TaskStatus, Volunteer};
use amparo_core::{rules, Store};

use super::context::*;

#[derive(Debug, Subcommand)]
pub enum TaskCmd {
    /// Add a task or need
    Add(TaskFields),
    /// List open tasks (all with --all)
    List {
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a task
    Show(ShowArgs),
    /// Change a task
    Edit {
        /// The task's id (or a unique beginning of it)
        id: String,
        #[command(flatten)]
        fields: TaskFields,
        /// open, done or cancelled
        #[arg(long)]
        status: Option<TaskStatus>,
    },
    /// Mark a task done
    Done(IdArg),
    /// Delete a task
    Delete(IdArg),
}

#[derive(Debug, Args)]
pub struct TaskFields {
    /// What needs doing
    #[arg(long)]
    pub title: Option<String>,
    /// For which family (id)
    #[arg(long)]
    pub family: Option<String>,
    /// Due date, YYYY-MM-DD
    #[arg(long)]
    pub due: Option<String>,
    /// Who does it (volunteer id)
    #[arg(long)]
    pub assignee: Option<String>,
    /// e.g. ride, groceries, legal fund, school
    #[arg(long)]
    pub kind: Option<String>,
}

impl TaskFields {
    fn apply(self, c: &Ctx<'_>, t: &mut Task) -> anyhow::Result<()> {
        if let Some(x) = self.title {
            t.title = x.trim().to_string();
        }
        if let Some(f) = self.family {
            t.household_id = c.opt_id::<Household>(Some(&f))?;
        }
        if let Some(d) = opt_date("--due", self.due.as_deref())? {
            t.due_date = d;
        }
        if let Some(a) = self.assignee {
            t.assignee_id = c.opt_id::<Volunteer>(Some(&a))?;
        }
        set_text(&mut t.kind, self.kind);
        Ok(())
    }
}

pub(super) fn task_line(store: &Store, t: &Task) -> String {
    format!(
        "{}  {}  due {}  {}  {}  [{}]",
        t.id,
        t.title,
        t.due_date.map_or("-".into(), |d| d.to_string()),
        name_or_blank::<Household>(store, t.household_id, "display_name"),
        name_or_blank::<Volunteer>(store, t.assignee_id, "name"),
        t.status
    )
}

pub(super) fn task(mut c: Ctx<'_>, cmd: TaskCmd) -> anyhow::Result<()> {
    match cmd {
        TaskCmd::Add(fields) => {
            let Some(title) = fields.title.clone() else { bail!("say what needs doing with --title") };
            let mut t = Task::new(title);
            fields.apply(&c, &mut t)?;
            let id = c.write(|w| rules::add_task(w, &t))?;
            println!("added task {id}");
        }
        TaskCmd::List { all, json } => {
            let list = amparo_core::ops::tasks::tasks(c.store, all)?;
            if json.json {
                return print_json(&list);
            }
            for t in &list {
                println!("{}", task_line(c.store, t));
            }
            print_damaged(c.store, &["task"])?;
        }
        TaskCmd::Show(a) => {
            let t = c.store.get::<Task>(c.id::<Task>(&a.id)?)?;
            if a.json {
                return print_json(&t);
            }
            println!("{}", task_line(c.store, &t));
            opt_field("kind", &t.kind);
            print_notes(&notes_on(c.store, t.id)?);
        }
        TaskCmd::Edit { id, fields, status } => {
            let mut t = c.store.get::<Task>(c.id::<Task>(&id)?)?;
            fields.apply(&c, &mut t)?;
            if let Some(s) = status {
                t.status = s;
            }
            let n = c.write(|w| rules::save_task(w, &t))?;
            println!("{}", if n == 0 { "nothing changed".to_string() } else { format!("updated task {}", t.id) });
        }
        TaskCmd::Done(a) => {
            let mut t = c.store.get::<Task>(c.id::<Task>(&a.id)?)?;
            t.status = TaskStatus::Done;
            c.write(|w| rules::save_task(w, &t))?;
            println!("task {} done", t.id);
        }
        TaskCmd::Delete(a) => {
            let id = c.id::<Task>(&a.id)?;
            c.write(|w| w.remove::<Task>(id))?;
            deleted(1, "task");
        }
    }
    Ok(())
}
