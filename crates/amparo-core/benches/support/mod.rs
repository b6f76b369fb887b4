//! What the sync benchmarks share: the measured records and their raw insert.

use amparo_core::domain::{Household, Person};

/// `n` households, each with one person: the rows every sync benchmark measures.
pub fn records(n: usize, tag: &str) -> Vec<(Household, Person)> {
    (0..n)
        .map(|i| {
            let mut h = Household::new(format!("Familia {tag} {i}"));
            h.phone = Some(format!("555-{i:06}"));
            h.needs = Some("groceries, rides to court, a winter coat".into());
            h.languages = vec!["es".into(), "en".into()];
            let mut p = Person::new(h.id, format!("Persona {tag} {i}"));
            p.country = Some("Guatemala".into());
            p.case_status = Some("EOIR proceedings".into());
            (h, p)
        })
        .collect()
}

/// The records' rows, inserted with prepared statements (inside the caller's transaction):
/// the raw baseline an import is compared with.
pub fn insert_rows(conn: &rusqlite::Connection, recs: &[(Household, Person)]) {
    let mut hs = conn
        .prepare("INSERT INTO household(id, display_name, languages, phone, needs, status, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .unwrap();
    let mut ps = conn
        .prepare("INSERT INTO person(id, household_id, name, languages, country, case_status, deadlines) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .unwrap();
    for (h, p) in recs {
        hs.execute((h.id.to_string(), &h.display_name, "[\"es\",\"en\"]", &h.phone, &h.needs, "active", "[]")).unwrap();
        ps.execute((p.id.to_string(), p.household_id.to_string(), &p.name, "[]", &p.country, &p.case_status, "[]"))
            .unwrap();
    }
}
