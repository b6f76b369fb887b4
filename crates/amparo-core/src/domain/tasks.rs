//! Tasks, notes and the team's checklist templates. Field names are the column names of `schema`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::checks::required;
use super::*;
use crate::error::{Error, Result};
use crate::schema;

word_enum!(TaskStatus { Open = "open", Done = "done", Cancelled = "cancelled" });

word_enum!(Visibility {
    /// Coordinators only.
    Internal = "internal",
    /// Shown to the volunteers who work with the record.
    Volunteers = "volunteers",
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Task {
    pub id: Uuid,
    pub household_id: Option<Uuid>,
    /// Empty on a store whose role does not receive it (a driver's ride: see `kind`).
    #[serde(default)]
    pub title: String,
    pub due_date: Option<NaiveDate>,
    pub assignee_id: Option<Uuid>,
    pub status: TaskStatus,
    pub kind: Option<String>,
}

impl Task {
    pub fn new(title: impl Into<String>) -> Self {
        Task {
            id: Uuid::now_v7(),
            household_id: None,
            title: title.into(),
            due_date: None,
            assignee_id: None,
            status: TaskStatus::Open,
            kind: None,
        }
    }
}

impl Record for Task {
    const TABLE: &'static schema::Table = &schema::TASK;
    const NOUN: &'static str = "task";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("task title", &self.title)
    }
    fn validate_held(&self, holds: &dyn Fn(&str) -> bool) -> Result<()> {
        if holds("title") {
            self.validate()
        } else {
            Ok(())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    pub id: Uuid,
    pub record_table: String,
    pub record_id: Uuid,
    pub body: String,
    pub visibility: Visibility,
    pub created_at: DateTime<Utc>,
}

impl Record for Note {
    const TABLE: &'static schema::Table = &schema::NOTE;
    const NOUN: &'static str = "note";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        required("note", &self.body)?;
        if schema::table(&self.record_table).is_none() {
            return Err(Error::invalid("note", format!("notes cannot be attached to {:?}", self.record_table)));
        }
        Ok(())
    }
}

/// An editable list of tasks a team opens at once, e.g. the rapid-response checklist
/// when someone is detained. `name` is the key ("detained").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistTemplate {
    pub id: Uuid,
    pub name: String,
    #[serde(default)]
    pub items: Vec<String>,
}

impl Record for ChecklistTemplate {
    const TABLE: &'static schema::Table = &schema::CHECKLIST_TEMPLATE;
    const NOUN: &'static str = "checklist";
    fn id(&self) -> Uuid {
        self.id
    }
    fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::bad("checklist name", crate::error::Invalid::Empty));
        }
        if self.items.iter().any(|i| i.trim().is_empty()) {
            return Err(Error::bad("checklist", crate::error::Invalid::ChecklistItemEmpty));
        }
        Ok(())
    }
}
