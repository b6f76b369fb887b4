//! What belongs to a family, derived once from the part-of links of [`schema::LINKS`]:
//! purge, deletion and restoring, activity and search all ask here, so a record kind
//! that joins a family is added to the list of links and nowhere else.

use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

use crate::error::Result;
use crate::schema::{self, Table};

/// The family (household id) a record belongs to, following the part-of links up from it
/// (a note through the record it is on), deleted rows included; `None` for a record
/// that belongs to no family or whose chain this store does not hold.
pub fn family_of(conn: &Connection, table: &str, id: Uuid) -> Result<Option<Uuid>> {
    let Some(mut at) = schema::table(table).map(|t| t.name) else { return Ok(None) };
    let mut id = id.to_string();
    // Every step climbs one link; a longer walk is a loop in the data.
    for _ in 0..=schema::LINKS.len() {
        if at == schema::HOUSEHOLD.name {
            return Ok(id.parse().ok());
        }
        let up: Option<(Option<String>, Option<String>)> = if at == schema::NOTE.name {
            conn.query_row("SELECT record_table, record_id FROM note WHERE id = ?1", [&id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
        } else {
            let Some(link) = schema::whole_of(at) else { return Ok(None) };
            // Table and field names come from the schema, never from input.
            conn.query_row(&format!("SELECT {} FROM {} WHERE id = ?1", link.field, link.table), [&id], |r| {
                Ok((Some(link.to.to_string()), r.get(0)?))
            })
            .optional()?
        };
        match up {
            Some((Some(t), Some(next))) => match schema::table(&t) {
                Some(t) => (at, id) = (t.name, next),
                None => return Ok(None),
            },
            _ => return Ok(None),
        }
    }
    Ok(None)
}

/// Which rows a walk over parts takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    Live,
    Deleted,
    /// Live and deleted (a purge removes both).
    All,
}

impl Rows {
    fn condition(self) -> &'static str {
        match self {
            Rows::Live => " AND deleted = 0",
            Rows::Deleted => " AND deleted = 1",
            Rows::All => "",
        }
    }
}

/// The records directly part of `table`'s record `id` (its parts' parts not included;
/// notes on it included), in the order of [`schema::LINKS`], notes last.
pub fn parts(conn: &Connection, table: &Table, id: Uuid, rows: Rows) -> Result<Vec<(&'static Table, Uuid)>> {
    let mut out = Vec::new();
    let key = id.to_string();
    let links = schema::parts_of(table.name).map(|l| (l.table, l.field)).chain([(schema::NOTE.name, "record_id")]);
    for (part, field) in links {
        let part = schema::table(part).expect("links name tables");
        let sql = format!("SELECT id FROM {} WHERE {field} = ?1{} ORDER BY id", part.name, rows.condition());
        let ids: Vec<String> =
            conn.prepare_cached(&sql)?.query_map([&key], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        out.extend(ids.iter().filter_map(|i| i.parse().ok()).map(|i| (part, i)));
    }
    Ok(out)
}

/// `table`'s record `id` and everything part of it, at any depth, the whole first and
/// each record before its parts; deleted rows included (a purge removes those too).
pub fn with_all_parts(conn: &Connection, table: &'static Table, id: Uuid) -> Result<Vec<(&'static Table, Uuid)>> {
    let mut out = vec![(table, id)];
    let mut next = 0;
    while next < out.len() {
        let (t, i) = out[next];
        next += 1;
        for part in parts(conn, t, i, Rows::All)? {
            if !out.iter().any(|(t, i)| t.name == part.0.name && *i == part.1) {
                out.push(part);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CourtAccompanier, Note, Placement, SanctuaryGuest, SanctuarySite, Task, Visibility};
    use crate::ops::testing::*;

    /// A family with one record of every kind that belongs to a family, each with a note.
    fn whole_family(s: &mut Store) -> (Uuid, Vec<(&'static str, Uuid)>) {
        let (h, court_date) = court(s, 1, None);
        let v = volunteer(s, "Dolores Núñez");
        let day = now().date_naive();
        s.write(now(), |w| {
            let person = Person::new(h, "Ximena Ávila");
            w.create(&person)?;
            let accompanier = CourtAccompanier { id: Uuid::now_v7(), court_date_id: court_date, volunteer_id: v };
            w.create(&accompanier)?;
            let house = HousingSite::new("Casa Betania", 4);
            w.create(&house)?;
            let placement = Placement {
                id: Uuid::now_v7(),
                household_id: h,
                site_id: house.id,
                beds: 2,
                start_date: day,
                expected_end: None,
                actual_end: None,
                support_lead_id: None,
                checkin_schedule: None,
                notes: None,
            };
            w.create(&placement)?;
            let site = SanctuarySite {
                id: Uuid::now_v7(),
                name: "San Lucas".into(),
                code: "SL".into(),
                address: None,
                time_zone: chrono_tz::America::Chicago,
                congregation_id: None,
                host_volunteer_id: None,
            };
            w.create(&site)?;
            let guest =
                SanctuaryGuest { id: Uuid::now_v7(), person_id: person.id, site_id: site.id, since: day, until: None };
            w.create(&guest)?;
            let mut task = Task::new("Call the attorney");
            task.household_id = Some(h);
            w.create(&task)?;
            let mut parts = vec![
                ("household", h),
                ("person", person.id),
                ("court_date", court_date),
                ("court_accompanier", accompanier.id),
                ("placement", placement.id),
                ("sanctuary_guest", guest.id),
                ("task", task.id),
            ];
            for (table, id) in parts.clone() {
                let note = Note {
                    id: Uuid::now_v7(),
                    record_table: table.into(),
                    record_id: id,
                    body: format!("about the {table}"),
                    visibility: Visibility::Internal,
                    created_at: now(),
                };
                w.create(&note)?;
                parts.push(("note", note.id));
            }
            Ok((h, parts))
        })
        .unwrap()
    }

    fn live(s: &Store, table: &str, id: Uuid) -> bool {
        s.conn()
            .query_row(&format!("SELECT deleted = 0 FROM {table} WHERE id = ?1"), [id.to_string()], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn every_record_of_a_family_knows_its_family_and_the_walk_finds_them_all() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let (h, parts) = whole_family(&mut s);
        for (table, id) in &parts {
            assert_eq!(family_of(s.conn(), table, *id).unwrap(), Some(h), "{table}");
        }
        let v = volunteer(&mut s, "Otra");
        assert_eq!(family_of(s.conn(), "volunteer", v).unwrap(), None);
        let mut found: Vec<(&str, Uuid)> =
            with_all_parts(s.conn(), &schema::HOUSEHOLD, h).unwrap().into_iter().map(|(t, i)| (t.name, i)).collect();
        let mut want = parts.clone();
        found.sort();
        want.sort();
        assert_eq!(found, want, "the sites and the volunteer are not the family's");
    }

    #[test]
    fn deleting_a_family_takes_every_part_and_bringing_it_back_restores_every_part() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let (h, parts) = whole_family(&mut s);
        let n = s.write(now(), |w| crate::rules::delete_household(w, h)).unwrap();
        assert_eq!(n, parts.len());
        assert!(parts.iter().all(|(t, i)| !live(&s, t, *i)), "nothing of the family stays live");
        let back = s.write(now(), |w| crate::rules::undelete(w, &schema::HOUSEHOLD, h)).unwrap();
        assert_eq!(back, parts.len());
        for (t, i) in &parts {
            assert!(live(&s, t, *i), "{t} came back");
        }
    }

    #[test]
    fn the_kinds_a_family_page_brings_back_are_the_parts_of_a_family() {
        let parts: Vec<&str> = schema::parts_of(schema::HOUSEHOLD.name).map(|l| l.table).collect();
        assert_eq!(parts, crate::rules::UNDELETABLE_IN_A_FAMILY);
    }
}
