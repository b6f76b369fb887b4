//! Every failure a user can run into: a clear message on stderr that says what to do, a
//! non-zero exit, no panic, and the store exactly as it was (byte for byte).

use crate::support::cli::{added_id, Env};

/// Run a failing command and check the store's files did not change.
fn refused(env: &Env, args: &[&str]) -> String {
    let before = env.store_files();
    let err = env.fail(args);
    let after = env.store_files();
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "files appeared or vanished");
    for (name, bytes) in &before {
        assert!(after[name] == *bytes, "{name} changed after a refused command {args:?}");
    }
    err
}

#[test]
fn wrong_passphrase_is_said_plainly_and_changes_nothing() {
    let env = Env::new();
    env.ok(&["family", "add", "--name", "Familia Ortiz"]);
    let before = env.store_files();
    let mut cmd = env.cmd();
    cmd.env("AMPARO_PASSPHRASE", "not the passphrase");
    let err = env.fail_with(cmd, &["family", "list"]);
    assert!(err.contains("wrong passphrase for the store at"), "{err}");
    assert_eq!(before, env.store_files());
    // Still opens with the right one.
    assert!(env.ok(&["family", "list"]).contains("Familia Ortiz"));
}

#[test]
fn a_missing_store_is_never_created_silently() {
    let env = Env::empty();
    let err = env.fail(&["family", "list"]);
    assert!(err.contains("no Amparo store at") && err.contains("amparo init"), "{err}");
    assert!(!env.store.exists(), "the store directory was created");
    // An empty directory is not a store either, and stays empty.
    std::fs::create_dir_all(&env.store).unwrap();
    let err = env.fail(&["agenda"]);
    assert!(err.contains("no Amparo store at"), "{err}");
    assert!(env.store_files().is_empty());
    // A store whose key file went missing is not replaced by a new one.
    let env = Env::new();
    std::fs::remove_file(env.store.join("key.json")).unwrap();
    let before = env.store_files();
    let err = env.fail(&["agenda"]);
    assert!(err.contains("no Amparo store at"), "{err}");
    assert_eq!(before, env.store_files());
}

#[test]
fn init_refuses_to_overwrite_a_store() {
    let env = Env::new();
    env.ok(&["family", "add", "--name", "Familia Ortiz"]);
    let err = refused(&env, &["init"]);
    assert!(err.contains("a store already exists"), "{err}");
}

fn corrupt(path: &std::path::Path, at: u64, len: usize) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(at)).unwrap();
    f.write_all(&vec![0x5a; len]).unwrap();
}

#[test]
fn a_corrupted_database_is_reported_as_damaged_without_a_panic() {
    // Damage the first page (opening fails) or every later page (reading fails).
    for what in ["first page", "later pages"] {
        let env = Env::new();
        let fam = added_id(&env.ok(&["family", "add", "--name", "Familia Ortiz"]));
        for i in 0..4 {
            let text = format!("note number {i} ").repeat(60);
            env.ok(&["note", "add", "--on", &fam, "--text", &text]);
        }
        let db = env.store.join("amparo.db");
        let size = std::fs::metadata(&db).unwrap().len();
        assert!(size > 8192);
        if what == "first page" {
            corrupt(&db, 100, 64);
        } else {
            for page in (4096..size).step_by(4096) {
                corrupt(&db, page + 200, 64);
            }
        }
        let before = env.store_files();
        for args in [&["note", "list", "--on", &fam][..], &["search", "note"], &["family", "list"]] {
            let out = env.cmd().args(args).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{what}: {args:?} on a damaged database succeeded");
            assert!(!err.contains("panicked"), "{what}: {err}");
            assert!(err.contains("is damaged") && err.contains("restore it from a backup"), "{what}: {args:?}: {err}");
            assert!(!err.contains("hmac") && !err.contains("malformed"), "low-level messages leaked: {err}");
        }
        assert_eq!(before, env.store_files(), "{what}: the damaged store was modified");
    }
}

#[test]
fn a_truncated_database_is_reported_as_damaged() {
    let env = Env::new();
    env.ok(&["family", "add", "--name", "Familia Ortiz"]);
    let db = env.store.join("amparo.db");
    let f = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
    f.set_len(1000).unwrap();
    drop(f);
    let before = env.store_files();
    let err = env.fail(&["family", "list"]);
    assert!(err.contains("is damaged"), "{err}");
    assert_eq!(before, env.store_files());
}

#[test]
fn a_corrupted_key_file_is_told_apart_from_a_wrong_passphrase() {
    let env = Env::new();
    let key = env.store.join("key.json");
    let text = std::fs::read_to_string(&key).unwrap();
    // Flip one character of the wrapped key.
    let pos = text.find("\"wrapped_key\"").unwrap() + 20;
    let mut bytes = text.into_bytes();
    bytes[pos] = if bytes[pos] == b'a' { b'b' } else { b'a' };
    std::fs::write(&key, &bytes).unwrap();
    let before = env.store_files();
    let err = env.fail(&["agenda"]);
    assert!(err.contains("is damaged"), "{err}");
    assert!(!err.contains("wrong passphrase"), "{err}");
    assert_eq!(before, env.store_files());

    // Not JSON at all.
    std::fs::write(&key, b"{\"format\": \"amparo-key\", \"vers").unwrap();
    let err = env.fail(&["agenda"]);
    assert!(err.contains("is damaged"), "{err}");
}

#[test]
fn invalid_a_numbers_are_refused_without_echoing_them() {
    let env = Env::new();
    let fam = added_id(&env.ok(&["family", "add", "--name", "Familia Ortiz"]));
    for bad in ["1234567", "A-123-456-7890", "12345678x"] {
        let err = refused(&env, &["person", "add", "--family", &fam, "--name", "Rosa Ortiz", "--a-number", bad]);
        assert!(err.contains("A-number has nine digits"), "{err}");
        assert!(!err.contains(bad), "the refused A-number was echoed: {err}");
        assert!(!err.contains("Rosa"), "a name was echoed: {err}");
    }
    // Eight digits are padded; "none" (in either language) says she has none, which is not
    // the same as not knowing it: an empty value clears it back to unknown.
    let p = added_id(&env.ok(&["person", "add", "--family", &fam, "--name", "Rosa Ortiz", "--a-number", "12345678"]));
    assert_eq!(env.json(&["person", "show", &p])["a_number"], "012345678");
    env.ok(&["person", "edit", &p, "--a-number", "ninguno"]);
    assert_eq!(env.json(&["person", "show", &p])["a_number"], "none");
    let a_number_line = |env: &Env| {
        let out = env.ok(&["person", "show", &p]);
        out.lines()
            .find(|l| l.trim_start().starts_with("A-number"))
            .unwrap()
            .split_whitespace()
            .last()
            .unwrap()
            .to_string()
    };
    assert_eq!(a_number_line(&env), "none");
    assert!(env.ok(&["family", "show", &fam]).contains("no A-number"));
    env.ok(&["person", "edit", &p, "--a-number", ""]);
    assert_eq!(env.json(&["person", "show", &p])["a_number"], serde_json::Value::Null);
    assert_eq!(a_number_line(&env), "unknown");
    assert!(env.ok(&["family", "show", &fam]).contains("A-number unknown"));
}

#[test]
fn invalid_time_zones_dates_and_dst_gaps_are_refused() {
    let env = Env::new();
    let fam = added_id(&env.ok(&["family", "add", "--name", "Familia Ortiz"]));
    let court = |at: &str, tz: &str| -> Vec<String> {
        ["court", "add", "--family", &fam, "--at", at, "--tz", tz, "--place", "Example Court"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let args = court("2026-12-01 09:00", "America/Chicag");
    let err = refused(&env, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(err.contains("not an IANA time zone name, e.g. America/Chicago"), "{err}");

    // 02:30 on 8 March 2026 does not exist in Chicago: clocks jump from 02:00 to 03:00.
    let args = court("2026-03-08 02:30", "America/Chicago");
    let err = refused(&env, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(err.contains("does not exist in America/Chicago") && err.contains("check the time"), "{err}");

    for bad in ["2026-02-30 09:00", "+99999-01-01 09:00", "12/01/2026 9am", "2026-12-01 25:00"] {
        let args = court(bad, "America/Chicago");
        let err = refused(&env, &args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(err.contains("invalid date and time for --at"), "{bad}: {err}");
    }

    let err =
        refused(&env, &["court", "add", "--family", &fam, "--at", "2026-12-01 09:00", "--place", "Example Court"]);
    assert!(err.contains("--tz"), "{err}");
    let err = refused(&env, &["placement", "add", "--family", &fam, "--site", &fam, "--start", "2026-13-01"]);
    assert!(err.contains("no housing site with id") || err.contains("invalid date"), "{err}");
    let err = refused(&env, &["task", "add", "--title", "x", "--due", "next tuesday"]);
    assert!(err.contains("invalid date for --due: write it as YYYY-MM-DD"), "{err}");
}

#[test]
fn unknown_and_malformed_ids_say_what_to_do() {
    let env = Env::new();
    let err = refused(&env, &["family", "show", "0000aaaa"]);
    assert!(err.contains("no family with id 0000aaaa; find the right id with `amparo search WORDS`"), "{err}");
    let err = refused(&env, &["family", "show", "García"]);
    assert!(err.contains("is not an id; copy it from a list command"), "{err}");
    let err = refused(&env, &["history", "ab"]);
    assert!(err.contains("is not an id"), "{err}");
    let err = refused(&env, &["person", "add", "--family", "01234567-89ab-7def-8123-456789abcdef", "--name", "X"]);
    assert!(err.contains("no family with id"), "{err}");
}

#[test]
fn over_capacity_and_overlapping_placements_are_refused_naming_the_site_and_dates() {
    let env = Env::new();
    let a = added_id(&env.ok(&["family", "add", "--name", "Familia Alvarado"]));
    let b = added_id(&env.ok(&["family", "add", "--name", "Familia Benítez"]));
    let home = added_id(&env.ok(&["site", "add", "--name", "Reed host home", "--capacity", "4"]));
    let other = added_id(&env.ok(&["site", "add", "--name", "Casa Esperanza", "--capacity", "10"]));
    env.ok(&[
        "placement",
        "add",
        "--family",
        &a,
        "--site",
        &home,
        "--beds",
        "3",
        "--start",
        "2026-12-01",
        "--end",
        "2026-12-20",
    ]);

    let err = refused(
        &env,
        &[
            "placement",
            "add",
            "--family",
            &b,
            "--site",
            &home,
            "--beds",
            "2",
            "--start",
            "2026-12-15",
            "--end",
            "2027-01-10",
        ],
    );
    assert!(err.contains("Reed host home has 4 beds and 3 are taken on 2026-12-15"), "{err}");
    assert!(err.contains("choose other dates or another site"), "{err}");
    assert!(!err.contains("Alvarado") && !err.contains("Benítez"), "a family name leaked into the error: {err}");
    // An open-ended stay also counts on every later night.
    let err = refused(
        &env,
        &["placement", "add", "--family", &b, "--site", &home, "--beds", "2", "--start", "2026-11-25", "--end", "none"],
    );
    assert!(err.contains("3 are taken on 2026-12-01"), "{err}");
    // Right after the stay ends it fits, and one bed fits alongside.
    env.ok(&[
        "placement",
        "add",
        "--family",
        &b,
        "--site",
        &home,
        "--beds",
        "4",
        "--start",
        "2026-12-21",
        "--end",
        "2026-12-31",
    ]);

    let err = refused(
        &env,
        &[
            "placement",
            "add",
            "--family",
            &a,
            "--site",
            &other,
            "--beds",
            "3",
            "--start",
            "2026-12-10",
            "--end",
            "2026-12-24",
        ],
    );
    assert!(err.contains("this family is already placed at Reed host home from 2026-12-01 to 2026-12-20"), "{err}");
    assert!(err.contains("end that placement first or choose other dates"), "{err}");

    // Editing into a conflict is refused the same way.
    let list = env.json(&["placement", "list", "--all"]);
    let first = list[0]["id"].as_str().unwrap().to_string();
    let err = refused(&env, &["placement", "edit", &first, "--end", "2026-12-22"]);
    assert!(err.contains("Reed host home has 4 beds and 4 are taken on 2026-12-21"), "{err}");
    // Lowering a site's capacity below its placements is refused.
    let err = refused(&env, &["site", "edit", &home, "--capacity", "2"]);
    assert!(err.contains("Reed host home needs 4 beds on 2026-12-21"), "{err}");
}

#[test]
fn accompaniers_beyond_the_maximum_are_refused() {
    let env = Env::new();
    let fam = added_id(&env.ok(&["family", "add", "--name", "Familia Ortiz"]));
    let court = added_id(&env.ok(&[
        "court",
        "add",
        "--family",
        &fam,
        "--at",
        "2026-12-01 09:00",
        "--tz",
        "America/Chicago",
        "--place",
        "Example Court",
        "--min",
        "1",
        "--max",
        "1",
    ]));
    let v1 = added_id(&env.ok(&["volunteer", "add", "--name", "Ruth Okafor"]));
    let v2 = added_id(&env.ok(&["volunteer", "add", "--name", "Luis Herrera"]));
    env.ok(&["court", "assign", &court, &v1]);
    let err = refused(&env, &["court", "assign", &court, &v2]);
    assert!(err.contains("already has its maximum of 1 accompaniers"), "{err}");
    let err = refused(&env, &["court", "edit", &court, "--max", "0", "--min", "0"]);
    assert!(err.contains("more than the new maximum of 0"), "{err}");
    let err = refused(&env, &["court", "edit", &court, "--min", "3"]);
    assert!(err.contains("the maximum (1) is below the minimum (3)"), "{err}");
}

#[test]
fn dates_out_of_order_are_refused_naming_both() {
    let env = Env::new();
    let fam = added_id(&env.ok(&["family", "add", "--name", "Familia Ortiz"]));
    let p = added_id(&env.ok(&["person", "add", "--family", &fam, "--name", "Rosa Ortiz", "--born", "1990-05-01"]));
    let err = refused(&env, &["person", "edit", &p, "--detained-since", "1989-12-31"]);
    assert!(err.contains("1989-12-31 is before the date of birth (1990-05-01)"), "{err}");
    assert!(!err.contains("Rosa"), "a name was echoed: {err}");
    env.ok(&["person", "edit", &p, "--detained-since", "2026-11-01"]);
    assert_eq!(env.json(&["person", "show", &p])["detained_since"], "2026-11-01");

    // A case closed today cannot have its intake moved after the closing.
    env.ok(&["family", "edit", &fam, "--status", "closed"]);
    let err = refused(&env, &["family", "edit", &fam, "--intake", "2099-01-01"]);
    assert!(err.contains("is before the intake date (2099-01-01)"), "{err}");
}

#[test]
fn a_refusal_is_said_once() {
    let env = Env::new();
    let err = refused(&env, &["settings", "apply-retention", "--yes"]);
    assert_eq!(err, "error: retention is off; set a number of days first\n");
    // An error with a cause below it (a folder that cannot be made) names the cause once.
    let file = env.root.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let err = env.fail(&["member", "card", "--out", file.join("cards/card.txt").to_str().unwrap()]);
    assert!(err.contains("could not create the folder") && err.contains("os error"), "{err}");
    let first = err.lines().next().unwrap();
    for part in first.split(": ").skip(1) {
        assert_eq!(first.matches(part).count(), 1, "{part:?} said twice in {first:?}");
    }
}

/// Without a terminal (as in every test: stdin is not one) and without the variable, a
/// command that needs a passphrase names the variable to set; with it, the command works.
#[test]
fn without_a_terminal_each_passphrase_comes_from_a_variable_named_in_the_error_and_help() {
    let env = Env::empty();
    let no_pass = || {
        let mut c = env.cmd();
        c.env_remove("AMPARO_PASSPHRASE");
        c
    };
    let err = env.fail_with(no_pass(), &["init"]);
    assert!(err.contains("set the environment variable AMPARO_PASSPHRASE") && !err.contains("os error"), "{err}");
    assert!(!env.store.exists(), "nothing created");
    env.ok(&["init"]);
    let err = env.fail_with(no_pass(), &["family", "list"]);
    assert!(err.contains("AMPARO_PASSPHRASE") && !err.contains("os error"), "{err}");

    let backup = env.root.path().join("store.backup");
    let identity = env.root.path().join("identity.age");
    let cases: [(&[&str], &[&str], &str); 3] = [
        (&["passwd"], &["passwd", "--help"], "AMPARO_NEW_PASSPHRASE"),
        (&["backup", backup.to_str().unwrap()], &["backup", "--help"], "AMPARO_BACKUP_PASSPHRASE"),
        (
            &["member", "identity", "--export", identity.to_str().unwrap()],
            &["member", "identity", "--help"],
            "AMPARO_IDENTITY_PASSPHRASE",
        ),
    ];
    for (args, help, var) in cases {
        let err = env.fail(args);
        assert!(
            err.contains(&format!("set the environment variable {var}")) && !err.contains("os error"),
            "{args:?}: {err}"
        );
        let help = env.ok(help);
        assert!(help.contains(var), "{args:?} --help does not name {var}: {help}");
    }
    assert!(!backup.exists() && !identity.exists());
    let restored = env.root.path().join("restored");
    let err = env.fail(&["--store", restored.to_str().unwrap(), "restore", backup.to_str().unwrap()]);
    assert!(err.contains("AMPARO_BACKUP_PASSPHRASE"), "{err}");
    assert!(env.ok(&["restore", "--help"]).contains("AMPARO_BACKUP_PASSPHRASE"));
    assert!(env.ok(&["--help"]).contains("AMPARO_PASSPHRASE"));

    // With the variables, each works without a terminal.
    let mut c = env.cmd();
    c.env("AMPARO_NEW_PASSPHRASE", "a new passphrase of words");
    let out = c.args(["passwd"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut c = env.cmd();
    c.env("AMPARO_PASSPHRASE", "a new passphrase of words");
    assert!(c.args(["family", "list"]).output().unwrap().status.success(), "the new passphrase opens the store");
}

#[test]
fn every_purge_asks_first_and_scripts_confirm_with_yes() {
    let env = Env::new();
    let id = added_id(&env.ok(&["family", "add", "--name", "Familia Cerrada"]));
    env.ok(&["family", "edit", &id, "--close"]);
    let err = refused(&env, &["purge", "--closed-older-than", "0"]);
    assert!(err.contains("would purge 1 closed families") && err.contains("--yes"), "{err}");
    let err = refused(&env, &["purge", &id]);
    assert!(err.contains("--yes"), "{err}");
    assert!(env.ok(&["family", "list", "--all"]).contains("Familia Cerrada"), "nothing purged without --yes");
    assert!(env.ok(&["purge", "--help"]).contains("--yes"));
    assert_eq!(env.ok(&["purge", "--closed-older-than", "0", "--yes"]), "purged 1 closed families\n");
    assert!(!env.ok(&["family", "list", "--all"]).contains("Familia Cerrada"));
    assert!(
        env.ok(&["purge", "--closed-older-than", "0"]).contains("nothing was purged"),
        "nothing to purge: nothing to ask"
    );
}

/// Issue 13, finding 3: a laptop whose clock is behind what its store already holds is told
/// so before it writes (a debug build's `AMPARO_NOW` stands in for the wrong clock).
#[test]
fn a_clock_behind_the_store_is_said_before_anything_is_written() {
    let env = Env::new();
    env.ok(&["family", "add", "--name", "Familia Ortiz"]);
    let mut cmd = env.cmd();
    cmd.env("AMPARO_NOW", "2026-11-20T15:00:00Z");
    let out = cmd.args(["family", "list"]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("this computer's clock is behind") && err.contains("set the date and time"), "{err}");
    let mut cmd = env.cmd();
    let out = cmd.args(["family", "list"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("clock"), "no warning when the clock is right");
}

/// Issue 13, finding 5: a court date an older Amparo stored with a kind it cannot read
/// made `court list` and the agenda fail, and could not be edited nor deleted. Now every
/// list still reads, the damaged date shows in its place as damaged, and it can be deleted.
#[test]
fn a_damaged_court_date_family_or_volunteer_shows_in_its_place_and_can_be_deleted_while_everything_else_lists() {
    let env = Env::new();
    let fam = added_id(&env.ok(&["family", "add", "--name", "Familia Muñoz"]));
    let good = added_id(&env.ok(&[
        "court",
        "add",
        "--family",
        &fam,
        "--at",
        "2026-12-03 09:00",
        "--tz",
        "America/Chicago",
        "--place",
        "Chicago Court",
    ]));
    let bad = added_id(&env.ok(&[
        "court",
        "add",
        "--family",
        &fam,
        "--at",
        "2026-12-04 10:00",
        "--tz",
        "America/New_York",
        "--place",
        "NYC Court",
    ]));
    {
        let s = amparo_core::Store::open(&env.store, crate::support::cli::PASS).unwrap();
        s.conn().execute("UPDATE court_date SET kind = 'tea_party' WHERE id = ?1", [&bad]).unwrap();
    }
    let list = env.ok(&["court", "list"]);
    assert!(list.contains(&good), "{list}");
    assert!(list.contains(&format!("{bad}  DAMAGED")), "the damaged date shows in its place: {list}");
    assert!(env.ok(&["agenda"]).contains("Chicago Court"));
    assert!(env.ok(&["family", "show", &fam]).contains("Familia Muñoz"));
    let status = env.ok(&["sync", "status"]);
    assert!(status.contains("could not be read") && status.contains("amparo court delete"), "{status}");
    env.ok(&["court", "delete", &bad]);
    let list = env.ok(&["court", "list"]);
    assert!(!list.contains(&bad) && list.contains(&good), "{list}");
    // A family and a volunteer that cannot be read are named in their lists too.
    let other = added_id(&env.ok(&["family", "add", "--name", "Familia Dañada"]));
    let vol = added_id(&env.ok(&["volunteer", "add", "--name", "Úrsula Dañada"]));
    {
        let s = amparo_core::Store::open(&env.store, crate::support::cli::PASS).unwrap();
        s.conn().execute("UPDATE household SET status = 'exploded' WHERE id = ?1", [&other]).unwrap();
        s.conn().execute("UPDATE volunteer SET languages = '{\"es\": 1}' WHERE id = ?1", [&vol]).unwrap();
    }
    let families = env.ok(&["family", "list"]);
    assert!(
        families.contains(&format!("{other}  DAMAGED: this family could not be read, field status"))
            && families.contains("Familia Muñoz"),
        "{families}"
    );
    let volunteers = env.ok(&["volunteer", "list"]);
    assert!(volunteers.contains(&format!("{vol}  DAMAGED: this volunteer could not be read")), "{volunteers}");
    env.ok(&["family", "delete", &other, "--yes"]);
    assert!(!env.ok(&["family", "list"]).contains(&other));
}

/// Task, housing site, sanctuary site and congregation lists name an unreadable record in
/// its place, as the family, volunteer and court lists do.
#[test]
fn a_damaged_task_or_site_is_named_in_its_list_while_the_rest_lists() {
    let env = Env::new();
    let good = added_id(&env.ok(&["task", "add", "--title", "Call the lawyer"]));
    let bad = added_id(&env.ok(&["task", "add", "--title", "Groceries"]));
    let site = added_id(&env.ok(&["site", "add", "--name", "Casa Esperanza", "--capacity", "4"]));
    let other = added_id(&env.ok(&["site", "add", "--name", "Casa Rota", "--capacity", "2"]));
    {
        let s = amparo_core::Store::open(&env.store, crate::support::cli::PASS).unwrap();
        s.conn().execute("UPDATE task SET status = 'exploded' WHERE id = ?1", [&bad]).unwrap();
        s.conn().execute("UPDATE housing_site SET kind = 'castle' WHERE id = ?1", [&other]).unwrap();
    }
    let tasks = env.ok(&["task", "list"]);
    assert!(
        tasks.contains(&good) && tasks.contains(&format!("{bad}  DAMAGED: this task could not be read")),
        "{tasks}"
    );
    let sites = env.ok(&["site", "list"]);
    assert!(sites.contains(&site) && sites.contains(&format!("{other}  DAMAGED")), "{sites}");
    assert!(sites.contains(&format!("amparo site delete {other}")), "{sites}");
}
