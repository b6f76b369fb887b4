//! The questions users ask stay fast at network scale: each is answered through an index,
//! never by scanning every court date, shift or change-log row. (Timings live in the
//! benchmark; this checks the plans, which do not depend on the machine.)

use crate::support::store::store;
use amparo_core::query;

fn plan(conn: &rusqlite::Connection, sql: &str) -> String {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let n = stmt.parameter_count();
    let params: Vec<String> = (0..n).map(|_| "2026-11-23".to_string()).collect();
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params), |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    rows.join("\n")
}

#[test]
fn agenda_search_history_and_rules_use_indexes() {
    let (_dir, st) = store();
    let conn = st.conn();
    let cases = [
        (
            "court_date",
            format!("SELECT id FROM court_date WHERE deleted = 0 {}", query::COURTS_IN_RANGE),
            "court_date_start",
        ),
        ("shift", format!("SELECT id FROM shift WHERE deleted = 0 {}", query::SHIFTS_IN_RANGE), "shift_end"),
        (
            "placement",
            format!("SELECT id FROM placement WHERE deleted = 0 {}", query::PLACEMENTS_ENDING),
            "placement_end",
        ),
        ("task", format!("SELECT id FROM task WHERE deleted = 0 {}", query::TASKS_DUE), "task_open"),
        (
            "court_accompanier",
            "SELECT id FROM court_accompanier WHERE deleted = 0 AND court_date_id = ?1".into(),
            "court_accompanier_court",
        ),
        (
            "court_accompanier",
            "SELECT id FROM court_accompanier WHERE deleted = 0 AND volunteer_id = ?1".into(),
            "court_accompanier_volunteer",
        ),
        (
            "shift_assignment",
            "SELECT count(*) FROM shift_assignment WHERE shift_id = ?1 AND deleted = 0".into(),
            "shift_assignment_shift",
        ),
        (
            "placement",
            "SELECT id FROM placement WHERE deleted = 0 AND site_id = ?1 AND id <> ?2".into(),
            "placement_site",
        ),
        (
            "placement",
            "SELECT id FROM placement WHERE deleted = 0 AND household_id = ?1 AND id <> ?2".into(),
            "placement_household",
        ),
        ("person", "SELECT id FROM person WHERE deleted = 0 AND household_id = ?1".into(), "person_household"),
        (
            "court_date",
            "SELECT id FROM court_date WHERE deleted = 0 AND household_id = ?1".into(),
            "court_date_household",
        ),
        ("court_date", "SELECT id FROM court_date WHERE deleted = 0 AND person_id = ?1".into(), "court_date_person"),
        ("task", "SELECT id FROM task WHERE deleted = 0 AND household_id = ?1".into(), "task_household"),
        ("note", "SELECT id FROM note WHERE deleted = 0 AND record_id = ?1".into(), "note_record"),
        (
            "change_log",
            "SELECT hlc FROM change_log WHERE record_id = ?1 ORDER BY hlc, device_id".into(),
            "change_log_record",
        ),
        (
            "household",
            "SELECT id FROM household WHERE id >= ?1 AND id < ?1 || '~' LIMIT 2".into(),
            "sqlite_autoindex_household_1",
        ),
    ];
    for (table, sql, index) in cases {
        let p = plan(conn, &sql);
        assert!(p.contains(index), "{table}: expected index {index} in the plan of\n{sql}\n{p}");
        assert!(!p.lines().any(|l| l.trim() == format!("SCAN {table}")), "{table} is scanned whole:\n{sql}\n{p}");
    }
    let p = plan(conn, "SELECT tbl, record_id FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT 50");
    assert!(p.contains("VIRTUAL TABLE INDEX"), "{p}");
}
