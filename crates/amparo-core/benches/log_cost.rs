//! What one change-log row per record costs next to the record itself (not a test): the
//! floor under any import that keeps its log in the store. Results go to BENCHMARKS.md,
//! "Sync".
//!
//!     cargo bench --bench log_cost
//!
//! Under `cargo test` (no `--bench` argument) it runs once at a tiny size as a smoke test.

mod support;

use std::time::Instant;

use amparo_core::domain::{Household, Person};
use amparo_core::{KdfParams, Owner, Store};
use chrono::{TimeZone, Utc};
use rusqlite::Connection;
use support::{insert_rows, records};

/// A household's creation as the log holds it (the fields of the sync benchmark's records).
const FIELDS: &str = r#"{"display_name":{"value":"Familia M 1234"},"languages":{"value":["es","en"]},"needs":{"value":"groceries, rides to court, a winter coat"},"phone":{"value":"555-001234"},"status":{"value":"active"},"tags":{"value":[]}}"#;

type Recs = [(Household, Person)];

fn insert_log(c: &Connection, recs: &Recs, fields: &str) {
    let device = uuid::Uuid::now_v7().to_string();
    let mut st = c.prepare("INSERT INTO change_log(device_id, seq, hlc, tbl, record_id, author, fields) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)").unwrap();
    let mut seq = 0i64;
    for (h, p) in recs {
        for (tbl, id) in [("household", h.id), ("person", p.id)] {
            seq += 1;
            st.execute((&device, seq, 1_000 + seq, tbl, id.to_string(), None::<String>, fields)).unwrap();
        }
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n = if full { 10_000 } else { 50 };
    let runs = if full { 5 } else { 1 };
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let recs = records(n, "M");
    let mut made = 0;
    // Each case on a fresh store, in one transaction; the median of the runs.
    let mut measure = |setup: &str, work: &dyn Fn(&Connection)| -> f64 {
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                made += 1;
                let owner = Owner { name: "Bench".into(), device_label: "bench".into() };
                let store = Store::init(
                    &tmp.path().join(format!("s{made}")),
                    "benchmark passphrase",
                    KdfParams::MINIMUM,
                    &owner,
                    now,
                )
                .unwrap();
                let c = store.conn();
                c.execute_batch(&format!(
                    "PRAGMA cache_size = -{}; {setup}",
                    amparo_core::sync::import::PAGE_CACHE_KIB
                ))
                .unwrap();
                let start = Instant::now();
                c.execute_batch("BEGIN").unwrap();
                work(c);
                c.execute_batch("COMMIT").unwrap();
                start.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let rows = measure("", &|c| insert_rows(c, &recs));
    let cases: [(&str, f64); 4] = [
        ("the change rows (as stored)", measure("", &|c| insert_log(c, &recs, FIELDS))),
        (
            "the change rows without the index by record",
            measure("DROP INDEX change_log_record", &|c| insert_log(c, &recs, FIELDS)),
        ),
        ("the change rows holding no values", measure("", &|c| insert_log(c, &recs, "{}"))),
        (
            "the rows and their change rows",
            measure("", &|c| {
                insert_rows(c, &recs);
                insert_log(c, &recs, FIELDS)
            }),
        ),
    ];
    println!("medians of {runs} runs, {} records, each in one transaction on a fresh SQLCipher store", 2 * n);
    println!("{:50} {:.3} s", "the records' rows (baseline)", rows);
    for (name, t) in cases {
        println!("{name:50} {t:.3} s = {:.2}x the rows", t / rows);
    }
}
