//! Sync benchmark (not a test): import and export rates against baselines measured in the
//! same run. Results go to BENCHMARKS.md, "Sync".
//!
//!     cargo bench --bench sync
//!
//! Under `cargo test` (no `--bench` argument) it runs at a tiny size as a smoke test.
//!
//! 1. import of a large bundle vs. a raw insert of the same rows into SQLCipher;
//! 2. import into a large store vs. into an empty one;
//! 3. export throughput vs. the standard `age` tool (or, when it is not installed, the
//!    age crate) encrypting the same plaintext.

mod support;

use std::io::Write;
use std::time::{Duration, Instant};

use amparo_core::domain::{Household, Person, Role};
use amparo_core::sync::{self, bundle, export, keys, roster};
use amparo_core::{KdfParams, Owner, Store};
use chrono::{DateTime, TimeZone, Utc};
use support::{insert_rows, records};

const PASS: &str = "benchmark passphrase";

fn new_store(dir: &std::path::Path, name: &str, now: DateTime<Utc>) -> Store {
    Store::init(dir, PASS, KdfParams::MINIMUM, &Owner { name: name.into(), device_label: "bench".into() }, now).unwrap()
}

fn fill(store: &mut Store, recs: &[(Household, Person)], now: DateTime<Utc>) {
    store
        .write(now, |w| {
            for (h, p) in recs {
                w.create(h)?;
                w.create(p)?;
            }
            Ok(())
        })
        .unwrap();
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// The page cache an import sets on its connection; the baselines get the same, so that
/// neither side is measured spilling pages the other keeps in memory.
fn same_cache_as_import(store: &Store) {
    store.conn().execute_batch(&format!("PRAGMA cache_size = -{}", sync::import::PAGE_CACHE_KIB)).unwrap();
}

/// The raw baseline: the same rows, inserted in one transaction into the same SQLCipher
/// tables (no change log, no merge).
fn raw_insert(store: &Store, recs: &[(Household, Person)]) -> Duration {
    same_cache_as_import(store);
    let conn = store.conn();
    let start = Instant::now();
    conn.execute_batch("BEGIN").unwrap();
    insert_rows(conn, recs);
    conn.execute_batch("COMMIT").unwrap();
    start.elapsed()
}

/// A second baseline: the same rows plus the change rows an import must keep (one
/// change-log row per record), inserted raw in one transaction.
fn raw_changes(store: &Store, plaintext: &[u8], recs: &[(Household, Person)]) -> Duration {
    // Decoded and re-encoded before the clock starts: the baseline is the writing alone.
    let mut lines = Vec::new();
    for l in plaintext.split(|&b| b == b'\n').skip(5).filter(|l| !l.is_empty()) {
        let c = serde_json::from_slice::<amparo_core::store::Change>(l).unwrap();
        let fields = serde_json::to_string(&c.fields).unwrap();
        lines.push((c, fields));
    }
    same_cache_as_import(store);
    let conn = store.conn();
    let start = Instant::now();
    conn.execute_batch("BEGIN").unwrap();
    {
        let mut log = conn
            .prepare("INSERT INTO change_log(device_id, seq, hlc, tbl, record_id, author, fields) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .unwrap();
        for (c, fields) in &lines {
            log.execute((
                c.device_id.to_string(),
                c.seq,
                c.hlc as i64,
                &c.table,
                c.record_id.to_string(),
                c.author.map(|a| a.to_string()),
                fields,
            ))
            .unwrap();
        }
    }
    insert_rows(conn, recs);
    conn.execute_batch("COMMIT").unwrap();
    start.elapsed()
}

/// One run's measurements (each scenario set up afresh).
struct Run {
    raw: Duration,
    raw2: Duration,
    read: Duration,
    import_empty: Duration,
    import_large: Duration,
    export_time: Duration,
    baseline: Duration,
    baseline_name: String,
    ops: usize,
    plaintext_len: usize,
    file_len: usize,
}

fn run_once(n: usize) -> Run {
    let tmp = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let mut coord = new_store(&tmp.path().join("coord"), "Coordinator", now);
    roster::create_team(&mut coord, "Bench", now).unwrap();
    let coord_card = roster::own_card(&mut coord, now).unwrap();

    // Two members: one starts empty, one already holds a large store.
    let mut empty = new_store(&tmp.path().join("empty"), "Empty", now);
    let mut large = new_store(&tmp.path().join("large"), "Large", now);
    for m in [&mut empty, &mut large] {
        roster::join_team(m, &coord_card, now).unwrap();
        let card = roster::own_card(m, now).unwrap();
        roster::add_member(&mut coord, &card, Role::Coordinator, now).unwrap();
    }
    let members = roster::members(coord.conn()).unwrap();
    let member = |s: &Store| members.iter().find(|m| m.id == s.member_id()).unwrap().clone();
    let (empty_m, large_m) = (member(&empty), member(&large));

    // Both members first receive the roster; they acknowledge it, so the measured bundles
    // hold only the measured records.
    for (m, s) in [(&empty_m, &mut empty), (&large_m, &mut large)] {
        let pre = export::make_for(&mut coord, m, true, now).unwrap();
        sync::import_bytes(s, &pre.bytes, now).unwrap();
        let ack = export::make_for(s, &member(&coord), false, now).unwrap();
        sync::import_bytes(&mut coord, &ack.bytes, now).unwrap();
    }
    // The large member already holds 5×n other households and 5×n persons (made on its
    // own device, so the coordinator's bundles do not carry them), with their change log
    // and search index: 10×n rows.
    let background = records(5 * n, "B");
    fill(&mut large, &background, now);

    // The measured data set.
    let recs = records(n, "M");
    let now2 = now + chrono::Duration::minutes(1);
    fill(&mut coord, &recs, now2);

    let start = Instant::now();
    let made = export::make_for(&mut coord, &empty_m, false, now2).unwrap();
    let export_time = start.elapsed();
    let made_l = export::make_for(&mut coord, &large_m, false, now2).unwrap();

    let k = keys::load(&mut empty, now2).unwrap();
    let id: age::x25519::Identity = k.age_identity_text().parse().unwrap();
    let plaintext = bundle::decrypt(&made.bytes, &id).unwrap();
    let recipient = k.public().age_recipient.clone();

    // The two measured imports, in the order AMPARO_BENCH_ORDER gives ("large-first" to
    // check that the order does not decide the ratio).
    let timed = |s: &mut Store, bytes: &[u8]| {
        let start = Instant::now();
        let summary = sync::import_bytes(s, bytes, now2).unwrap();
        (summary, start.elapsed())
    };
    let large_first = std::env::var("AMPARO_BENCH_ORDER").is_ok_and(|o| o == "large-first");
    // Reading the bundle alone (decrypt, verify, parse, check each change; nothing
    // written): the part of an import no storage design can skip with this bundle format.
    let read_start = Instant::now();
    let read = sync::import::read_bundle(&mut empty, &made.bytes, now2).unwrap();
    let read_time = read_start.elapsed();
    assert_eq!(read.len(), made.ops);
    drop(read);
    let ((s_empty, import_empty), (s_large, import_large)) = if large_first {
        let l = timed(&mut large, &made_l.bytes);
        (timed(&mut empty, &made.bytes), l)
    } else {
        let e = timed(&mut empty, &made.bytes);
        (e, timed(&mut large, &made_l.bytes))
    };
    assert_eq!(s_empty.new, 2 * n);
    assert_eq!(s_large.new, 2 * n);

    let raw_store = new_store(&tmp.path().join("raw"), "Raw", now);
    let raw = raw_insert(&raw_store, &recs);
    let raw_store2 = new_store(&tmp.path().join("raw2"), "Raw2", now);
    let raw2 = raw_changes(&raw_store2, &plaintext, &recs);

    // Encryption baseline over the same plaintext.
    let age_path = tmp.path().join("plain.txt");
    std::fs::write(&age_path, &plaintext).unwrap();
    let (baseline_name, baseline) = match std::process::Command::new("age").arg("--version").output() {
        Ok(o) if o.status.success() => {
            let start = Instant::now();
            let st = std::process::Command::new("age")
                .args(["-r", &recipient, "-o"])
                .arg(tmp.path().join("plain.age"))
                .arg(&age_path)
                .status()
                .unwrap();
            assert!(st.success());
            (format!("age CLI {}", String::from_utf8_lossy(&o.stdout).trim()), start.elapsed())
        }
        _ => {
            let r: age::x25519::Recipient = recipient.parse().unwrap();
            let start = Instant::now();
            let _ = bundle::encrypt(&plaintext, &[r]).unwrap();
            ("age crate (no age CLI installed)".to_string(), start.elapsed())
        }
    };

    Run {
        raw,
        raw2,
        read: read_time,
        import_empty,
        import_large,
        export_time,
        baseline,
        baseline_name,
        ops: made.ops,
        plaintext_len: plaintext.len(),
        file_len: made.bytes.len(),
    }
}

/// The median of one measurement over the runs.
fn median(runs: &[Run], f: impl Fn(&Run) -> Duration) -> Duration {
    let mut v: Vec<Duration> = runs.iter().map(f).collect();
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("AMPARO_BENCH_RECORDS").ok().and_then(|s| s.parse().ok()).unwrap_or(if full {
        10_000
    } else {
        100
    });
    // One run on this shared machine varies by up to half; every figure is the median of
    // several runs, each on freshly made stores.
    let reps: usize =
        std::env::var("AMPARO_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(if full { 5 } else { 1 });
    let runs: Vec<Run> = (0..reps.max(1)).map(|_| run_once(n)).collect();
    let first = &runs[0];
    let (raw, raw2, read) = (median(&runs, |r| r.raw), median(&runs, |r| r.raw2), median(&runs, |r| r.read));
    let (import_empty, import_large) = (median(&runs, |r| r.import_empty), median(&runs, |r| r.import_large));
    let (export_time, baseline) = (median(&runs, |r| r.export_time), median(&runs, |r| r.baseline));
    let large_ratio = {
        let mut v: Vec<f64> = runs.iter().map(|r| secs(r.import_large) / secs(r.import_empty)).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let rows = (2 * n) as f64;
    let ops = first.ops as f64;
    let mb = first.plaintext_len as f64 / 1e6;
    let mut out = std::io::stdout().lock();
    writeln!(out, "medians of {} runs", runs.len()).unwrap();
    writeln!(
        out,
        "records: {} rows ({} households + {} persons), {} operations, bundle plaintext {:.1} MB, file {:.1} MB",
        2 * n,
        n,
        n,
        first.ops,
        mb,
        first.file_len as f64 / 1e6
    )
    .unwrap();
    writeln!(out, "raw SQLCipher insert of the same rows: {:.3} s = {:.0} rows/s", secs(raw), rows / secs(raw))
        .unwrap();
    writeln!(out, "raw insert of the same rows plus their change rows (one per record): {:.3} s = {:.0} rows/s; {:.1}x the bare rows", secs(raw2), rows / secs(raw2), secs(raw2) / secs(raw)).unwrap();
    writeln!(out, "reading the bundle alone (decrypt, verify, parse, check; no writes): {:.3} s = {:.1}x the bare rows; an import that wrote only the bare rows would reach {:.2}x", secs(read), secs(read) / secs(raw), secs(raw) / (secs(raw) + secs(read))).unwrap();
    writeln!(out, "ceiling of an import that reads the bundle and writes the rows and their change rows, and does nothing else: {:.2}x the bare rows", secs(raw) / (secs(raw2) + secs(read))).unwrap();
    writeln!(out, "import into an empty store:            {:.3} s = {:.0} rows/s ({:.0} ops/s); ratio to raw rows {:.3}, to raw rows + change rows {:.2}", secs(import_empty), rows / secs(import_empty), ops / secs(import_empty), secs(raw) / secs(import_empty), secs(raw2) / secs(import_empty)).unwrap();
    writeln!(
        out,
        "import into a store of {} rows:    {:.3} s; ratio to empty {:.2} (median of the runs' ratios)",
        10 * n,
        secs(import_large),
        large_ratio
    )
    .unwrap();
    writeln!(
        out,
        "export (read log, redact, sign, encrypt): {:.3} s = {:.1} MB/s",
        secs(export_time),
        mb / secs(export_time)
    )
    .unwrap();
    writeln!(
        out,
        "baseline encryption of the same plaintext by {}: {:.3} s = {:.1} MB/s",
        first.baseline_name,
        secs(baseline),
        mb / secs(baseline)
    )
    .unwrap();
    writeln!(out, "export / baseline time: {:.1}x", secs(export_time) / secs(baseline)).unwrap();
}
