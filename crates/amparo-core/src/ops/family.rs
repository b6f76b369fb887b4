//! Families: the list, and a family's page (its persons, court dates with who is going,
//! placements, tasks and notes), as `amparo family list|show` and the app's Families and
//! family screens show them.

use uuid::Uuid;

use crate::domain::{Household, HouseholdStatus, Note, Person, Placement, Task};
use crate::error::Result;
use crate::ops::court::{court_dates, CourtStaffing};
use crate::ops::notes::notes_on;
use crate::store::records::query;
use crate::store::Store;

/// Families by name (letter case and accents aside, so "Álvarez" comes before "Zamora"),
/// closed ones only with `include_closed`. A family whose status this store's role is not
/// sent reads as active, and is listed.
pub fn families(store: &Store, include_closed: bool) -> Result<Vec<Household>> {
    let mut list: Vec<Household> = store
        .list::<Household>()?
        .into_iter()
        .filter(|h| include_closed || h.status != HouseholdStatus::Closed)
        .collect();
    super::by_name(&mut list, |h| &h.display_name, |h| h.id);
    Ok(list)
}

/// Persons by name, of one family or all.
pub fn persons(store: &Store, household: Option<Uuid>) -> Result<Vec<Person>> {
    let mut list: Vec<Person> = match household {
        Some(h) => query(store.conn(), "AND household_id = ?1", [h.to_string()])?,
        None => store.list()?,
    };
    super::by_name(&mut list, |p| &p.name, |p| p.id);
    Ok(list)
}

/// A family's page: everything that belongs to it, each list in the order it is read.
#[derive(Debug, Clone)]
pub struct FamilyPage {
    pub household: Household,
    /// In the order they were entered.
    pub persons: Vec<Person>,
    /// Soonest first, with who is going.
    pub court_dates: Vec<CourtStaffing>,
    /// By first night.
    pub placements: Vec<Placement>,
    /// By due date, those without one last; done and cancelled ones too.
    pub tasks: Vec<Task>,
    /// Notes on the family itself, oldest first.
    pub notes: Vec<Note>,
}

pub fn family_page(store: &Store, id: Uuid) -> Result<FamilyPage> {
    let household: Household = store.get(id)?;
    let conn = store.conn();
    let key = [id.to_string()];
    Ok(FamilyPage {
        household,
        persons: query(conn, "AND household_id = ?1 ORDER BY id", key.clone())?,
        court_dates: court_dates(store, None, None, Some(id))?,
        placements: query(conn, "AND household_id = ?1 ORDER BY start_date, id", key.clone())?,
        tasks: query(conn, "AND household_id = ?1 ORDER BY due_date IS NULL, due_date, id", key)?,
        notes: notes_on(store, id)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;

    #[test]
    fn families_are_listed_by_name_and_closed_ones_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        for name in ["Zamora", "álvarez", "Beltrán"] {
            upsert(&mut s, now(), now().date_naive(), &Household::new(name)).unwrap();
        }
        let mut closed = Household::new("Castillo");
        closed.status = HouseholdStatus::Closed;
        closed.closed_at = Some(now().date_naive());
        upsert(&mut s, now(), now().date_naive(), &closed).unwrap();
        let names = |all| families(&s, all).unwrap().into_iter().map(|h| h.display_name).collect::<Vec<_>>();
        assert_eq!(names(false), ["álvarez", "Beltrán", "Zamora"]);
        assert_eq!(names(true), ["álvarez", "Beltrán", "Castillo", "Zamora"]);
    }

    #[test]
    fn a_familys_page_holds_only_its_own_records_each_in_reading_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let today = now().date_naive();
        let (h, c) = court(&mut s, 1, None);
        let other = Household::new("Other");
        upsert(&mut s, now(), today, &other).unwrap();
        let site = HousingSite::new("Casa", 9);
        upsert(&mut s, now(), today, &site).unwrap();
        let placement = |household_id, start_date| Placement {
            id: Uuid::now_v7(),
            household_id,
            site_id: site.id,
            beds: 1,
            start_date,
            expected_end: Some(start_date + Duration::days(3)),
            actual_end: None,
            support_lead_id: None,
            checkin_schedule: None,
            notes: None,
        };
        let later = placement(h, today + Duration::days(10));
        let sooner = placement(h, today);
        for p in [&later, &sooner, &placement(other.id, today)] {
            upsert(&mut s, now(), today, p).unwrap();
        }
        let task = |title: &str, due: Option<i64>, household_id| {
            let mut t = Task::new(title);
            t.household_id = household_id;
            t.due_date = due.map(|d| today + Duration::days(d));
            t
        };
        for t in [task("undated", None, Some(h)), task("later", Some(5), Some(h)), task("sooner", Some(1), Some(h))] {
            upsert(&mut s, now(), today, &t).unwrap();
        }
        upsert(&mut s, now(), today, &task("not theirs", Some(0), Some(other.id))).unwrap();
        upsert(&mut s, now(), today, &Person::new(other.id, "Someone Else")).unwrap();
        let p = Person::new(h, "Rosa");
        upsert(&mut s, now(), today, &p).unwrap();

        let page = family_page(&s, h).unwrap();
        assert_eq!(page.persons.iter().map(|p| p.id).collect::<Vec<_>>(), [p.id]);
        assert_eq!(page.court_dates.iter().map(|c| c.court.id).collect::<Vec<_>>(), [c]);
        assert_eq!(page.placements.iter().map(|p| p.id).collect::<Vec<_>>(), [sooner.id, later.id]);
        let titles: Vec<&str> = page.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["sooner", "later", "undated"]);
        assert!(family_page(&s, Uuid::now_v7()).is_err());
    }
}
