//! The notes on a record.

use uuid::Uuid;

use crate::domain::Note;
use crate::error::Result;
use crate::store::records::query;
use crate::store::Store;

/// The notes on one record (a family, a person, a court date, a task…), oldest first.
pub fn notes_on(store: &Store, record_id: Uuid) -> Result<Vec<Note>> {
    query(store.conn(), "AND record_id = ?1 ORDER BY created_at, id", [record_id.to_string()])
}
