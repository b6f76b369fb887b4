//! Search across families, people, volunteers and sites, each hit knowing its family.

use uuid::Uuid;

use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The table of the record: "household", "person", "court_date", …
    pub kind: String,
    pub id: Uuid,
    pub label: String,
    /// The family the record belongs to, for opening it.
    pub household_id: Option<Uuid>,
}

/// `query::search`, with the family each hit belongs to, so the app can open it.
pub fn search(store: &Store, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let mut hits = vec![];
    for h in crate::query::search(store.conn(), text, limit)? {
        let household_id = crate::store::family::family_of(store.conn(), &h.table, h.id)?;
        hits.push(SearchHit { kind: h.table, id: h.id, label: h.label, household_id });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;

    #[test]
    fn search_hits_know_their_family() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let (h, _) = court(&mut s, 2, None);
        let p = Person::new(h, "Rosalinda Quetzal");
        upsert(&mut s, now(), now().date_naive(), &p).unwrap();
        let hits = search(&s, "quetz", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].kind.as_str(), hits[0].household_id), ("person", Some(h)));
    }

    #[test]
    fn a_note_on_a_familys_task_opens_that_family() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let (h, _) = court(&mut s, 2, None);
        let mut t = Task::new("Pick up the bond receipt");
        t.household_id = Some(h);
        upsert(&mut s, now(), now().date_naive(), &t).unwrap();
        let note = Note {
            id: Uuid::now_v7(),
            record_table: "task".into(),
            record_id: t.id,
            body: "Llamar a Zacarías antes del viernes".into(),
            visibility: Visibility::Internal,
            created_at: now(),
        };
        s.write(now(), |w| w.create(&note)).unwrap();
        let hits = search(&s, "zacarías", 10).unwrap();
        assert_eq!(hits.iter().map(|h| (h.kind.as_str(), h.household_id)).collect::<Vec<_>>(), [("note", Some(h))]);
    }
}
