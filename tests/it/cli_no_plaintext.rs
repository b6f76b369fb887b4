//! Nothing readable on disk: records made with a unique marker text leave the marker
//! nowhere in the store directory (database, WAL, SHM, key file) nor in any other file
//! the process wrote (HOME, XDG directories and TMPDIR all point into the test's own
//! directory, which is scanned whole).

use crate::support::cli::{added_id, files_under, Env};

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_marker_written_through_every_kind_of_record_never_reaches_the_disk_in_clear() {
    let env = Env::new();
    let marker = format!("Mrkr{}", &uuid::Uuid::now_v7().simple().to_string()[20..]);
    let with = |s: &str| format!("{s} {marker}");

    let fam = added_id(&env.ok(&[
        "family",
        "add",
        "--name",
        &with("Familia"),
        "--address",
        &with("1 Example St"),
        "--needs",
        &with("coats"),
        "--phone",
        &marker,
    ]));
    let person = added_id(&env.ok(&[
        "person",
        "add",
        "--family",
        &fam,
        "--name",
        &with("Rosa"),
        "--attorney",
        &with("Lic."),
        "--a-number",
        "A-012-345-678",
    ]));
    let court = added_id(&env.ok(&[
        "court",
        "add",
        "--family",
        &fam,
        "--person",
        &person,
        "--at",
        "2026-12-01 09:00",
        "--tz",
        "America/Chicago",
        "--place",
        &with("Court"),
        "--notes",
        &with("meet at 8"),
        "--internal-notes",
        &with("attorney says"),
    ]));
    let vol = added_id(&env.ok(&["volunteer", "add", "--name", &with("Ruth"), "--phone", &marker]));
    env.ok(&["court", "assign", &court, &vol]);
    let site = added_id(&env.ok(&[
        "site",
        "add",
        "--name",
        &with("Casa"),
        "--capacity",
        "4",
        "--address",
        &with("2 Example St"),
    ]));
    env.ok(&[
        "placement",
        "add",
        "--family",
        &fam,
        "--site",
        &site,
        "--start",
        "2026-11-20",
        "--notes",
        &with("quiet"),
    ]);
    env.ok(&["task", "add", "--title", &with("groceries"), "--family", &fam]);
    env.ok(&["note", "add", "--on", &fam, "--visibility", "volunteers", "--text", &with("note")]);
    // A hotline call: the caller, the place, what was seen, the timeline.
    let zone = added_id(&env.ok(&["zone", "add", "--name", &with("zone"), "--tz", "America/Chicago"]));
    let call = added_id(&env.ok(&[
        "incident",
        "add",
        "--location",
        &with("26th & Pulaski"),
        "--zone",
        &zone,
        "--caller-phone",
        &marker,
        "--plates",
        &with("plate"),
        "--badges",
        &with("badge"),
    ]));
    env.ok(&["incident", "observe", &call, "--text", &with("two vans"), "--witness", &with("neighbour")]);
    env.ok(&["incident", "dispatch", &call, &vol, "--role", "verifier"]);
    assert!(env.ok(&["incident", "show", &call]).contains(&marker));
    // Edits and deletes leave old values in the log and free pages; they must be encrypted too.
    env.ok(&["family", "edit", &fam, "--needs", &with("rides")]);
    env.ok(&["person", "delete", &person, "--yes"]);

    // The data really is there (so the scan below is not vacuous), found by search too.
    assert!(env.ok(&["family", "show", &fam]).contains(&marker));
    assert!(env.ok(&["search", &marker]).contains(&marker));
    assert!(env.ok(&["history", &fam]).contains(&marker));

    // Every command has exited, so the store is closed. Scan everything the tests' HOME,
    // XDG directories, TMPDIR and the store hold.
    let files = files_under(env.root.path());
    assert!(files.contains_key("store/amparo.db") && files.contains_key("store/key.json"), "{:?}", files.keys());
    let needles = [marker.clone(), marker.to_lowercase(), marker.to_uppercase(), "012345678".to_string()];
    for (name, bytes) in &files {
        assert!(!name.contains(&marker), "a file is named after the marker: {name}");
        for n in &needles {
            assert!(!contains(bytes, n.as_bytes()), "{n:?} found in clear in {name}");
            let utf16: Vec<u8> = n.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
            assert!(!contains(bytes, &utf16), "{n:?} found as UTF-16 in {name}");
        }
    }
    // The only files written are the store's own.
    let outside: Vec<&String> = files.keys().filter(|k| !k.starts_with("store/")).collect();
    assert!(outside.is_empty(), "files written outside the store: {outside:?}");
}
