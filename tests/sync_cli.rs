//! The sync commands as a person uses them: team, cards, member add, export, import,
//! the standard `age` tool, folder mode, backup and restore.

mod sync_support;

use std::path::Path;
use std::process::Output;

use amparo::domain::Household;
use amparo::{sync, KdfParams, Owner, Store};
use assert_cmd::Command;
use chrono::{TimeZone, Utc};

const PASS: &str = "correct horse battery";

fn init(dir: &Path, name: &str) {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    Store::init(dir, PASS, KdfParams::MINIMUM, &Owner { name: name.into(), device_label: "laptop".into() }, now).unwrap();
}

fn amparo(store: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("amparo")
        .unwrap()
        .arg("--store")
        .arg(store)
        .args(args)
        .env("AMPARO_PASSPHRASE", PASS)
        .env("AMPARO_NOW", "2026-11-23T10:00:00Z")
        .env("AMPARO_BACKUP_PASSPHRASE", "backup words here")
        .env("AMPARO_SCRYPT_WORK_FACTOR", "10")
        .output()
        .unwrap()
}

fn ok(store: &Path, args: &[&str]) -> String {
    let out = amparo(store, args);
    assert!(out.status.success(), "amparo {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn age_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "age")).collect();
    v.sort();
    v
}

#[test]
fn a_team_is_formed_and_synced_through_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("ada"), tmp.path().join("bea"));
    init(&a, "Ada Coordinadora");
    init(&b, "Bea Acompañante");
    let p = |n: &str| tmp.path().join(n);

    assert!(ok(&a, &["team", "create", "Iglesia de Prueba"]).contains("created the team"));
    let card_a = ok(&a, &["member", "card", "--out", p("ada.card").to_str().unwrap()]);
    ok(&b, &["member", "card", "--out", p("bea.card").to_str().unwrap()]);
    let fp_a = card_a.lines().find_map(|l| l.strip_prefix("fingerprint: ")).unwrap().to_string();

    // Joining shows the coordinator's fingerprint to compare in person.
    let joined = ok(&b, &["team", "join", p("ada.card").to_str().unwrap(), "--yes"]);
    assert!(joined.contains(&fp_a), "{joined}");
    // A card that was mistyped is refused.
    let card_b = std::fs::read_to_string(p("bea.card")).unwrap();
    let fp_line = card_b.lines().find(|l| l.starts_with("fingerprint: ")).unwrap();
    let wrong_fp = format!("fingerprint: {}", fp_line[13..].chars().rev().collect::<String>());
    std::fs::write(p("bad.card"), card_b.replacen(fp_line, &wrong_fp, 1)).unwrap();
    let bad = amparo(&a, &["member", "add", p("bad.card").to_str().unwrap(), "--role", "driver"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("fingerprint does not match"));
    let added = ok(&a, &["member", "add", p("bea.card").to_str().unwrap(), "--role", "accompanier"]);
    assert!(added.contains("accompanier"));
    let list = ok(&a, &["member", "list"]);
    assert!(list.contains("Bea Acompañante") && list.contains("accompanier") && list.contains("coordinator"), "{list}");

    // Some data on the coordinator's side.
    let family_id = {
        let mut s = Store::open(&a, PASS).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let mut h = Household::new("Familia Prueba");
        h.address = Some("1 Secret Street".into());
        s.create(now, &h).unwrap();
        h.id.to_string()
    };

    let out = p("out");
    let exported = ok(&a, &["sync", "export", "--to", "Bea Acompañante", "--full", "--out", out.to_str().unwrap()]);
    assert!(exported.contains("changes for Bea"));
    let files = age_files(&out);
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_str().unwrap().to_string();
    // Only ids and a sequence number make the name (amparo-<team>-<device>-<seq>.age), so it
    // carries no name of a person. (Checking for "bea" failed once: ids are hex, and
    // "0bea85c6" is an id.)
    let parts: Vec<&str> = name.strip_prefix("amparo-").and_then(|n| n.strip_suffix(".age")).unwrap_or_default().split('-').collect();
    let hex = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_hexdigit());
    assert!(parts.len() == 3 && hex(parts[0], 8) && hex(parts[1], 8) && parts[2].chars().all(|c| c.is_ascii_digit()), "{name}");

    let before = ok(&b, &["sync", "status"]);
    assert_eq!(before, "received: nothing yet\nsent: nothing yet\n");
    let imported = ok(&b, &["sync", "import", out.to_str().unwrap()]);
    assert!(imported.contains("new") && imported.contains("0 conflicts"), "{imported}");
    // What the import brought, and what the coordinator sent.
    let status = ok(&b, &["sync", "status"]);
    assert!(status.contains(" from Ada Coordinadora: ") && status.contains("\n  Familia Prueba: family\n"), "{status}");
    assert!(status.contains("sent: nothing yet"), "{status}");
    assert!(ok(&a, &["sync", "status"]).contains(" to Bea Acompañante\n"));
    let again = ok(&b, &["sync", "import", files[0].to_str().unwrap()]);
    assert!(again.contains("already imported"), "{again}");

    // Garbage is refused with a clear message and no panic.
    std::fs::write(p("junk.age"), b"not a bundle").unwrap();
    let bad = amparo(&b, &["sync", "import", p("junk.age").to_str().unwrap()]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("not an Amparo bundle") && !err.contains("panicked"), "{err}");

    // The standard age tool reads the bundle with the exported identity.
    let id = p("bea.identity");
    let o = amparo(&b, &["member", "identity", "--export", id.to_str().unwrap(), "--plaintext"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("warning"));
    if let Some(dec) = sync_support::age_cli(std::process::Command::new("age").arg("-d").arg("-i").arg(&id).arg(&files[0])) {
        assert!(dec.status.success(), "{}", String::from_utf8_lossy(&dec.stderr));
        let text = String::from_utf8(dec.stdout).unwrap();
        assert!(text.starts_with("AMPARO BUNDLE 2\n") && text.contains("Familia Prueba"));
        assert!(!text.contains("1 Secret Street"), "an accompanier's bundle carries no home address");
    }
    // A passphrase-protected identity is an age-encrypted file.
    let o = Command::cargo_bin("amparo").unwrap().arg("--store").arg(&b)
        .args(["member", "identity", "--export", p("bea.identity.age").to_str().unwrap()])
        .env("AMPARO_PASSPHRASE", PASS).env("AMPARO_IDENTITY_PASSPHRASE", "id pass").env("AMPARO_SCRYPT_WORK_FACTOR", "10")
        .output().unwrap();
    assert!(o.status.success());
    let protected = std::fs::read_to_string(p("bea.identity.age")).unwrap();
    assert!(protected.starts_with("-----BEGIN AGE ENCRYPTED FILE-----") && !protected.contains("AGE-SECRET-KEY"));

    // Folder mode both ways.
    let shared = p("shared");
    std::fs::create_dir_all(&shared).unwrap();
    ok(&a, &["sync", "folder", shared.to_str().unwrap()]);
    let fb = ok(&b, &["sync", "folder", shared.to_str().unwrap()]);
    assert!(fb.contains("wrote"), "{fb}");
    let fa = ok(&a, &["sync", "folder", shared.to_str().unwrap()]);
    assert!(fa.contains("new") || fa.contains("already seen") || fa.contains("updated"), "{fa}");
    let fa2 = ok(&a, &["sync", "folder", shared.to_str().unwrap()]);
    assert!(!fa2.contains(" new,") || fa2.contains("0 new"), "a second pass re-imports nothing new: {fa2}");
    assert!(ok(&b, &["conflicts", "list"]).contains("no conflicts"));

    // Only a coordinator forgets a family for the team. (The accompanier's store holds no
    // family status, which is not theirs to see: its list still shows the family.)
    let refused = amparo(&b, &["purge", &family_id]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("only a coordinator can forget a family"), "{}", String::from_utf8_lossy(&refused.stderr));
    let listed = ok(&b, &["family", "list"]);
    assert!(listed.contains("Familia Prueba"), "refused: nothing changed: {listed}");
    assert!(ok(&a, &["purge", &family_id, "--yes"]).contains("purged the family"));
    assert!(!ok(&a, &["family", "list"]).contains("Familia Prueba"));

    // Backup and restore give back the same data.
    let bak = p("ada.backup.age");
    ok(&a, &["backup", bak.to_str().unwrap()]);
    let restored = p("restored");
    ok(&restored, &["restore", bak.to_str().unwrap()]);
    let h1 = sync::canonical_hash(&Store::open(&a, PASS).unwrap()).unwrap();
    let h2 = sync::canonical_hash(&Store::open(&restored, PASS).unwrap()).unwrap();
    assert_eq!(h1, h2);
    let wrong = Command::cargo_bin("amparo").unwrap().arg("--store").arg(p("restored2"))
        .args(["restore", bak.to_str().unwrap()]).env("AMPARO_BACKUP_PASSPHRASE", "wrong").output().unwrap();
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("wrong passphrase"));
}

fn fails(store: &Path, args: &[&str]) -> String {
    let out = amparo(store, args);
    assert!(!out.status.success(), "amparo {args:?} should have failed: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).unwrap()
}

/// A coordinator and two members as they set up through the command line: joining asks to
/// confirm the fingerprint, ids are shown long enough to tell members apart, a shared folder
/// holds everyone's bundles, and revocation times read as a person writes them.
#[test]
fn a_shared_folder_team_as_the_command_line_shows_it() {
    let tmp = tempfile::tempdir().unwrap();
    let p = |n: &str| tmp.path().join(n);
    let (a, b, c) = (p("ada"), p("bea"), p("cy"));
    // Three stores made within a minute: their member ids (UUIDv7, which start with the
    // time) share their first 8 characters. Made again in the rare case that a minute
    // boundary fell between them.
    for _ in 0..3 {
        for (dir, name) in [(&a, "Ada Coordinadora"), (&b, "Bea Acompañante"), (&c, "Cy Conductor")] {
            let _ = std::fs::remove_dir_all(dir);
            init(dir, name);
        }
        let ids: Vec<String> = [&a, &b, &c].iter().map(|d| Store::open(d, PASS).unwrap().member_id().to_string()).collect();
        if ids.iter().all(|id| id[..8] == ids[0][..8]) {
            break;
        }
    }
    ok(&a, &["team", "create", "Iglesia de Prueba"]);
    // The card is written into a folder that does not exist yet.
    ok(&a, &["member", "card", "--out", p("cards/new/ada.card").to_str().unwrap()]);
    assert!(p("cards/new/ada.card").is_file());
    let ada_card = p("cards/new/ada.card");

    // Joining without --yes and without a terminal to confirm on: refused, nothing joined.
    let err = fails(&b, &["team", "join", ada_card.to_str().unwrap()]);
    assert!(err.contains("confirm the coordinator's fingerprint") && err.contains("--yes"), "{err}");
    assert!(fails(&b, &["sync", "folder", p("x").to_str().unwrap()]).contains("not part of a team"), "not joined");
    assert!(ok(&b, &["team", "join", "--help"]).contains("--yes"));
    for (store, name) in [(&b, "bea"), (&c, "cy")] {
        ok(store, &["team", "join", ada_card.to_str().unwrap(), "--yes"]);
        ok(store, &["member", "card", "--out", p(&format!("{name}.card")).to_str().unwrap()]);
    }
    ok(&a, &["member", "add", p("bea.card").to_str().unwrap(), "--role", "accompanier"]);
    ok(&a, &["member", "add", p("cy.card").to_str().unwrap(), "--role", "driver"]);

    // Ids: each shown prefix is unique and names its member.
    let members: serde_json::Value = serde_json::from_str(&ok(&a, &["member", "list", "--json"])).unwrap();
    let full: Vec<String> = members.as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(full.len(), 3);
    assert!(full.iter().all(|id| id[..8] == full[0][..8]), "the test needs ids that share 8 characters: {full:?}");
    let list = ok(&a, &["member", "list"]);
    let shown: Vec<&str> = list.lines().filter(|l| !l.starts_with(' ')).map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(shown.len(), 3, "{list}");
    for (i, s) in shown.iter().enumerate() {
        assert!(s.len() >= 8 && full.iter().filter(|f| f.starts_with(s)).count() == 1, "{s:?} does not name one member: {list}");
        assert!(shown.iter().enumerate().all(|(j, o)| i == j || !o.starts_with(s)), "{list}");
    }
    // A shown prefix is accepted where a member is named.
    let cy = list.lines().find(|l| l.contains("Cy Conductor")).unwrap().split_whitespace().next().unwrap().to_string();

    // A shared folder: everyone's bundles are in it; each imports what is theirs.
    let shared = p("shared");
    let exported = ok(&a, &["sync", "export", "--full", "--out", shared.to_str().unwrap()]);
    assert_eq!(exported.lines().count(), 2, "{exported}");
    let imported = ok(&b, &["sync", "import", shared.to_str().unwrap()]);
    assert!(imported.contains("skipped 1 bundle(s) meant for other members"), "{imported}");
    assert_eq!(imported.lines().count(), 2, "one imported, one skipped: {imported}");
    let own = ok(&a, &["sync", "import", shared.to_str().unwrap()]);
    assert_eq!(own, "skipped 2 bundle(s) meant for other members or written by this device\n");

    // Revoking: the time reads to the minute, in local time.
    ok(&a, &["member", "revoke", &cy]);
    let out = Command::cargo_bin("amparo").unwrap().arg("--store").arg(&a).args(["member", "list"])
        .env("AMPARO_PASSPHRASE", PASS).env("TZ", "America/Chicago").output().unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    let device = list.lines().skip_while(|l| !l.contains("Cy Conductor")).nth(1).unwrap();
    assert!(device.contains("  revoked 2026-11-23 04:00  "), "{device}");
}
