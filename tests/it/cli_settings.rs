//! `amparo settings`: the retention of closed cases, kept in the encrypted store and
//! applied by the same purge as `amparo purge --closed-older-than`.

use std::path::Path;
use std::process::Output;

use amparo_core::domain::Household;
use amparo_core::{rules, KdfParams, Owner, Store};
use assert_cmd::Command;
use chrono::{Duration, TimeZone, Utc};

const PASS: &str = "correct horse battery";

fn amparo(store: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("amparo")
        .unwrap()
        .arg("--store")
        .arg(store)
        .args(args)
        .env("AMPARO_PASSPHRASE", PASS)
        .env("AMPARO_NOW", "2026-11-23T10:00:00Z")
        .output()
        .unwrap()
}

fn ok(store: &Path, args: &[&str]) -> String {
    let out = amparo(store, args);
    assert!(out.status.success(), "amparo {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn fails(store: &Path, args: &[&str]) -> String {
    let out = amparo(store, args);
    assert!(!out.status.success(), "amparo {args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

fn families(dir: &Path) -> Vec<String> {
    let s = Store::open(dir, PASS).unwrap();
    let mut st = s
        .conn()
        .prepare(
            "SELECT display_name FROM household WHERE id NOT IN (SELECT record_id FROM purged) ORDER BY display_name",
        )
        .unwrap();
    st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
}

#[test]
fn retention_is_set_shown_turned_off_and_applied() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let mut s = Store::init(&dir, PASS, KdfParams::MINIMUM, &Owner { name: "C".into(), device_label: "l".into() }, now)
        .unwrap();
    for (name, closed_days_ago) in
        [("Familia Antigua", Some(400)), ("Familia Reciente", Some(20)), ("Familia Abierta", None)]
    {
        s.write(now, |w| {
            let id = rules::add_household(w, &Household::new(name))?;
            if let Some(ago) = closed_days_ago {
                rules::close_household(w, id, (now - Duration::days(ago)).date_naive())?;
            }
            Ok(())
        })
        .unwrap();
    }
    drop(s);

    assert!(ok(&dir, &["settings", "show"]).contains("retention: off"));
    let refused = fails(&dir, &["settings", "apply-retention", "--yes"]);
    assert!(refused.contains("retention is off"), "{refused}");
    assert!(fails(&dir, &["settings", "retention", "soon"]).contains("number of days"));
    assert!(fails(&dir, &["settings", "retention", "99999"]).contains("from 0 to 3650"));
    assert!(ok(&dir, &["settings", "retention", "365"]).contains("365 days"));
    assert!(ok(&dir, &["settings", "show"]).contains("purged 365 days after closing"));
    assert!(fails(&dir, &["settings", "apply-retention"]).contains("--yes"));
    assert_eq!(families(&dir).len(), 3, "nothing purged without --yes");
    assert!(ok(&dir, &["settings", "apply-retention", "--yes"]).contains("purged 1 closed families"));
    assert_eq!(families(&dir), ["Familia Abierta", "Familia Reciente"]);
    assert!(ok(&dir, &["settings", "retention", "off"]).contains("retention: off"));
    assert!(ok(&dir, &["settings", "show"]).contains("retention: off"));
}
