//! Search across families, people, volunteers and sites, each hit knowing its family.

use uuid::Uuid;

use crate::domain::{CourtDate, Person, Task};
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
        let household_id = match h.table.as_str() {
            "household" => Some(h.id),
            "person" => store.find::<Person>(h.id)?.map(|p| p.household_id),
            "court_date" => store.find::<CourtDate>(h.id)?.map(|c| c.household_id),
            "task" => store.find::<Task>(h.id)?.and_then(|t| t.household_id),
            "note" => match store.find::<crate::domain::Note>(h.id)? {
                Some(n) => match n.record_table.as_str() {
                    "household" => Some(n.record_id),
                    "person" => store.find::<Person>(n.record_id)?.map(|p| p.household_id),
                    "court_date" => store.find::<CourtDate>(n.record_id)?.map(|c| c.household_id),
                    _ => None,
                },
                None => None,
            },
            _ => None,
        };
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
}
