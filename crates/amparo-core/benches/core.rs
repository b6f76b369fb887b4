//! Core benchmark: write path vs raw inserts, encrypted vs plain SQLite, and query
//! latency at network scale vs an empty store. Results are ratios measured in one run.
//!
//! `cargo bench --bench core` runs the full size; under `cargo test` (no `--bench`
//! argument) it runs at a tiny size as a smoke test.

use std::time::{Duration, Instant};

use amparo_core::domain::{CourtDate, CourtKind, Household, PlaceTime, Shift};
use amparo_core::{KdfParams, Owner, Store};
use chrono::{DateTime, Duration as Days, TimeZone, Utc};
use rusqlite::Connection;
use uuid::Uuid;

struct Scale {
    households: usize,
    court_dates: usize,
    shifts: usize,
    queries: usize,
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let scale = if full {
        Scale { households: 2_000, court_dates: 20_000, shifts: 100_000, queries: 50 }
    } else {
        Scale { households: 40, court_dates: 200, shifts: 500, queries: 3 }
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let tmp = tempfile::tempdir().expect("temp dir");

    println!("## Core benchmark ({})\n", if full { "network scale" } else { "smoke size" });
    println!("| measurement | result |\n|---|---|");

    // 1. Raw inserts of the same household rows: encrypted vs plain SQLite.
    let rows: Vec<Household> = (0..scale.households * 5).map(demo_household).collect();
    let plain = raw_insert(&tmp.path().join("plain.db"), None, &rows);
    let encrypted = raw_insert(
        &tmp.path().join("enc.db"),
        Some("x'00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff'"),
        &rows,
    );
    let per_s = |n: usize, d: Duration| n as f64 / d.as_secs_f64();
    println!("| raw insert, plain SQLite | {:.0} rows/s |", per_s(rows.len(), plain));
    println!("| raw insert, SQLCipher | {:.0} rows/s |", per_s(rows.len(), encrypted));
    println!("| encrypted / plain time | {:.2}× |", encrypted.as_secs_f64() / plain.as_secs_f64());

    // 2. The same rows through the write path (validation, change log, FTS) in one transaction.
    let owner = Owner { name: "Bench".into(), device_label: "bench".into() };
    let mut store = Store::init(&tmp.path().join("wp"), "bench passphrase", KdfParams::MINIMUM, &owner, now).unwrap();
    let t = Instant::now();
    store
        .write(now, |w| {
            for h in &rows {
                w.create(h)?;
            }
            Ok(())
        })
        .unwrap();
    let write_path = t.elapsed();
    println!("| write path (table + change log + search index) | {:.0} rows/s |", per_s(rows.len(), write_path));
    println!("| write path / raw SQLCipher rate | {:.2}× |", encrypted.as_secs_f64() / write_path.as_secs_f64());

    // 3. Query latency: an empty store vs one at network scale.
    let empty = Store::init(&tmp.path().join("empty"), "bench passphrase", KdfParams::MINIMUM, &owner, now).unwrap();
    let (agenda_empty, search_empty) = query_latency(&empty, now, scale.queries);
    let mut big = Store::init(&tmp.path().join("big"), "bench passphrase", KdfParams::MINIMUM, &owner, now).unwrap();
    let t = Instant::now();
    fill_network(&mut big, now, &scale);
    println!(
        "| build network-scale store ({} families, {} court dates, {} shifts) | {:.1} s |",
        scale.households,
        scale.court_dates,
        scale.shifts,
        t.elapsed().as_secs_f64()
    );
    let (agenda_big, search_big) = query_latency(&big, now, scale.queries);
    println!("| agenda (14 days), empty store | {:.2} ms |", ms(agenda_empty));
    println!("| agenda (14 days), network scale | {:.2} ms |", ms(agenda_big));
    println!("| agenda at scale / empty | {:.1}× |", agenda_big.as_secs_f64() / agenda_empty.as_secs_f64());
    println!("| search, empty store | {:.2} ms |", ms(search_empty));
    println!("| search, network scale | {:.2} ms |", ms(search_big));
    println!("| search at scale / empty | {:.1}× |", search_big.as_secs_f64() / search_empty.as_secs_f64());
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn demo_household(i: usize) -> Household {
    let mut h = Household::new(format!("Familia Prueba {i}"));
    h.languages = vec!["es".into(), "en".into()];
    h.phone = Some(format!("555-01{:02}", i % 100));
    h.needs = Some("groceries, school enrollment".into());
    h
}

fn raw_insert(path: &std::path::Path, key: Option<&str>, rows: &[Household]) -> Duration {
    let mut conn = Connection::open(path).unwrap();
    if let Some(key) = key {
        conn.execute_batch(&format!("PRAGMA key = \"{key}\";")).unwrap();
    }
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE household (id TEXT PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0,
           display_name TEXT, languages TEXT, phone TEXT, needs TEXT, status TEXT);",
    )
    .unwrap();
    let t = Instant::now();
    let tx = conn.transaction().unwrap();
    {
        let mut stmt = tx
            .prepare("INSERT INTO household (id, display_name, languages, phone, needs, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .unwrap();
        for h in rows {
            stmt.execute((
                h.id.to_string(),
                &h.display_name,
                serde_json::to_string(&h.languages).unwrap(),
                &h.phone,
                &h.needs,
                h.status.as_str(),
            ))
            .unwrap();
        }
    }
    tx.commit().unwrap();
    t.elapsed()
}

fn fill_network(store: &mut Store, now: DateTime<Utc>, scale: &Scale) {
    let zone: chrono_tz::Tz = "America/Chicago".parse().unwrap();
    let households: Vec<Uuid> = store
        .write(now, |w| {
            (0..scale.households).map(|i| w.create(&demo_household(i))).collect::<amparo_core::Result<Vec<_>>>()
        })
        .unwrap();
    store
        .write(now, |w| {
            for i in 0..scale.court_dates {
                let day = now.date_naive() + Days::days((i % 730) as i64 - 365);
                let local = day.and_hms_opt(8 + (i % 8) as u32, 30, 0).unwrap();
                let at = PlaceTime::new(local, zone).unwrap();
                let c = CourtDate::new(
                    households[i % households.len()],
                    CourtKind::MasterCalendar,
                    at,
                    "Immigration Court, Room 4",
                );
                w.create(&c)?;
            }
            Ok(())
        })
        .unwrap();
    let site = Uuid::now_v7();
    store
        .write(now, |w| {
            for i in 0..scale.shifts {
                let start = now - Days::days(365) + Days::hours(8 * i as i64);
                let s = Shift {
                    id: Uuid::now_v7(),
                    site_id: site,
                    label: "day".into(),
                    starts_utc: start,
                    ends_utc: start + Days::hours(8),
                    min_people: 2,
                    max_people: None,
                    required_skills: vec![],
                    handoff_notes: None,
                };
                w.create(&s)?;
            }
            Ok(())
        })
        .unwrap();
}

fn query_latency(store: &Store, now: DateTime<Utc>, n: usize) -> (Duration, Duration) {
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(
            amparo_core::query::agenda(store.conn(), now, chrono::FixedOffset::east_opt(0).unwrap(), 14).unwrap(),
        );
    }
    let agenda = t.elapsed() / n as u32;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(amparo_core::query::search(store.conn(), "prueba 17", 20).unwrap());
    }
    (agenda, t.elapsed() / n as u32)
}
