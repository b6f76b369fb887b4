//! Tasks, as `amparo task list` lists them.

use crate::domain::{Task, TaskStatus};
use crate::error::Result;
use crate::store::records::query;
use crate::store::Store;

/// Tasks by due date, those without one last; done and cancelled ones only with
/// `include_closed`.
pub fn tasks(store: &Store, include_closed: bool) -> Result<Vec<Task>> {
    let list: Vec<Task> = query(store.conn(), "ORDER BY due_date IS NULL, due_date, id", [])?;
    Ok(list.into_iter().filter(|t| include_closed || t.status == TaskStatus::Open).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;

    #[test]
    fn open_tasks_come_soonest_first_and_undated_last() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let today = now().date_naive();
        for (title, due, status) in [
            ("undated", None, TaskStatus::Open),
            ("later", Some(4), TaskStatus::Open),
            ("done", Some(0), TaskStatus::Done),
            ("sooner", Some(1), TaskStatus::Open),
        ] {
            let mut t = Task::new(title);
            t.due_date = due.map(|d| today + Duration::days(d));
            t.status = status;
            upsert(&mut s, now(), today, &t).unwrap();
        }
        let titles = |all| tasks(&s, all).unwrap().into_iter().map(|t| t.title).collect::<Vec<_>>();
        assert_eq!(titles(false), ["sooner", "later", "undated"]);
        assert_eq!(titles(true), ["done", "sooner", "later", "undated"]);
    }
}
