//! The sync commands as a person uses them: team, cards, member add, export, import,
//! the standard `age` tool, folder mode, backup and restore.
use crate::support;

use std::path::Path;
use std::process::Output;

use amparo_core::domain::Household;
use amparo_core::{sync, KdfParams, Owner, Store};
use assert_cmd::Command;
use chrono::{TimeZone, Utc};

const PASS: &str = "correct horse battery";

fn init(dir: &Path, name: &str) {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    Store::init(dir, PASS, KdfParams::MINIMUM, &Owner { name: name.into(), device_label: "laptop".into() }, now)
        .unwrap();
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
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "age"))
        .collect();
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
    assert!(
        added.contains("cannot sign themselves up") && added.contains("member link"),
        "an unlinked accompanier is told what the link is for: {added}"
    );
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
    let parts: Vec<&str> =
        name.strip_prefix("amparo-").and_then(|n| n.strip_suffix(".age")).unwrap_or_default().split('-').collect();
    let hex = |p: &str, len: usize| p.len() == len && p.chars().all(|c| c.is_ascii_hexdigit());
    assert!(
        parts.len() == 3 && hex(parts[0], 8) && hex(parts[1], 8) && parts[2].chars().all(|c| c.is_ascii_digit()),
        "{name}"
    );

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
    if let Some(dec) =
        support::replicas::age_cli(std::process::Command::new("age").arg("-d").arg("-i").arg(&id).arg(&files[0]))
    {
        assert!(dec.status.success(), "{}", String::from_utf8_lossy(&dec.stderr));
        let text = String::from_utf8(dec.stdout).unwrap();
        assert!(text.starts_with("AMPARO BUNDLE 2\n") && text.contains("Familia Prueba"));
        assert!(!text.contains("1 Secret Street"), "an accompanier's bundle carries no home address");
    }
    // A passphrase-protected identity is an age-encrypted file.
    let o = Command::cargo_bin("amparo")
        .unwrap()
        .arg("--store")
        .arg(&b)
        .args(["member", "identity", "--export", p("bea.identity.age").to_str().unwrap()])
        .env("AMPARO_PASSPHRASE", PASS)
        .env("AMPARO_IDENTITY_PASSPHRASE", "identity words here")
        .env("AMPARO_SCRYPT_WORK_FACTOR", "10")
        .output()
        .unwrap();
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
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("only a coordinator can forget a family"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let listed = ok(&b, &["family", "list"]);
    assert!(listed.contains("Familia Prueba"), "refused: nothing changed: {listed}");
    assert!(ok(&a, &["purge", &family_id, "--yes"]).contains("purged the family"));
    assert!(!ok(&a, &["family", "list"]).contains("Familia Prueba"));

    // Backup and restore give back the same data.
    let bak = p("ada.backup.age");
    ok(&a, &["backup", bak.to_str().unwrap()]);
    let restored = p("restored");
    ok(&restored, &["restore", bak.to_str().unwrap(), "--replace-device"]);
    let h1 = sync::canonical_hash(&Store::open(&a, PASS).unwrap()).unwrap();
    let h2 = sync::canonical_hash(&Store::open(&restored, PASS).unwrap()).unwrap();
    assert_eq!(h1, h2);
    let wrong = Command::cargo_bin("amparo")
        .unwrap()
        .arg("--store")
        .arg(p("restored2"))
        .args(["restore", bak.to_str().unwrap()])
        .env("AMPARO_BACKUP_PASSPHRASE", "wrong")
        .env("AMPARO_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("wrong passphrase"));
}

// ---------------------------------------------------------------- a team of roles

/// What a coordinator's store holds before the team syncs: a detained family with tags,
/// a person with an eight-digit A-number and two legal deadlines, a bond hearing in
/// Chicago with a ride, and a sanctuary site in New York with a shift.
struct Seed {
    family: String,
    person: String,
    hearing: String,
    bea: String,
    carmen: String,
    dario: String,
    elena: String,
}

fn seed(store: &Path) -> Seed {
    use amparo_core::domain::*;
    let mut s = Store::open(store, PASS).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let bea = Volunteer::new("Bea Acompañante");
    let carmen = Volunteer::new("Carmen Anfitriona");
    let dario = Volunteer::new("Darío Conductor");
    let elena = Volunteer::new("Elena Turnos");
    let otto = Volunteer::new("Otto Lejano");
    let mut h = Household::new("Familia Ramírez Peña");
    h.status = HouseholdStatus::Detained;
    h.tags = vec!["urgent".into(), "sanctuary".into()];
    h.address = Some("77 Calle Secreta".into());
    let mut p = Person::new(h.id, "José Ramírez Peña");
    p.a_number = Some(ANumberOrNone::parse("08123456").unwrap());
    p.deadlines = vec![
        Deadline {
            what: "asylum application (I-589)".into(),
            due: chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
        },
        Deadline {
            what: "change of address (EOIR-33)".into(),
            due: chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
        },
    ];
    p.attorney_name = Some("Lic. Marta Ortiz".into());
    let at = PlaceTime::new(
        chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap().and_hms_opt(9, 0, 0).unwrap(),
        "America/Chicago".parse().unwrap(),
    )
    .unwrap();
    let mut c = CourtDate::new(h.id, CourtKind::BondHearing, at, "Chicago Immigration Court");
    c.person_id = Some(p.id);
    c.transport_needed = true;
    c.internal_notes = Some("judge denied bond last time".into());
    let ride = CourtAccompanier { id: uuid::Uuid::now_v7(), court_date_id: c.id, volunteer_id: dario.id };
    let mut task = Task::new("Ride to the bond hearing");
    task.household_id = Some(h.id);
    task.assignee_id = Some(dario.id);
    task.kind = Some("ride".into());
    let mut other_task = Task::new("Legal fund request for bond");
    other_task.household_id = Some(h.id);
    let site = SanctuarySite {
        id: uuid::Uuid::now_v7(),
        name: "Iglesia San Marcos".into(),
        code: "SM".into(),
        address: Some("9 Church Lane, Queens".into()),
        time_zone: "America/New_York".parse().unwrap(),
        congregation_id: None,
        host_volunteer_id: Some(carmen.id),
    };
    let shift = Shift {
        id: uuid::Uuid::now_v7(),
        site_id: site.id,
        label: "Overnight".into(),
        starts_utc: Utc.with_ymd_and_hms(2026, 11, 30, 1, 0, 0).unwrap(),
        ends_utc: Utc.with_ymd_and_hms(2026, 11, 30, 13, 0, 0).unwrap(),
        min_people: 2,
        max_people: None,
        required_skills: vec![],
        handoff_notes: None,
    };
    // A family placed in Carmen's spare room, and another host's house.
    let mut placed = Household::new("Familia Ortega");
    placed.needs = Some("cuna para el bebé".into());
    placed.address = Some("55 Calle Oculta".into());
    let mut room = HousingSite::new("Cuarto de Carmen", 3);
    room.address = Some("12 Calle del Sol".into());
    room.host_volunteer_id = Some(carmen.id);
    let mut far = HousingSite::new("Casa Lejana", 2);
    far.address = Some("99 Far Away Rd".into());
    far.host_volunteer_id = Some(otto.id);
    let stay = Placement {
        id: uuid::Uuid::now_v7(),
        household_id: placed.id,
        site_id: room.id,
        beds: 2,
        start_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        expected_end: None,
        actual_end: None,
        support_lead_id: None,
        checkin_schedule: None,
        notes: Some("placement notes are legal".into()),
    };
    let on_shift = ShiftAssignment {
        id: uuid::Uuid::now_v7(),
        shift_id: shift.id,
        volunteer_id: elena.id,
        confirmed: true,
        manual: true,
        claimed_at: None,
    };
    s.write(now, |w| {
        for v in [&bea, &carmen, &dario, &elena, &otto] {
            w.create(v)?;
        }
        w.create(&placed)?;
        w.create(&room)?;
        w.create(&far)?;
        w.create(&stay)?;
        w.create(&h)?;
        w.create(&p)?;
        w.create(&c)?;
        w.create(&ride)?;
        w.create(&task)?;
        w.create(&other_task)?;
        w.create(&site)?;
        w.create(&shift)?;
        w.create(&on_shift)?;
        Ok(())
    })
    .unwrap();
    Seed {
        family: h.id.to_string(),
        person: p.id.to_string(),
        hearing: c.id.to_string(),
        bea: bea.id.to_string(),
        carmen: carmen.id.to_string(),
        dario: dario.id.to_string(),
        elena: elena.id.to_string(),
    }
}

fn fails(store: &Path, args: &[&str]) -> String {
    let out = amparo(store, args);
    assert!(
        !out.status.success(),
        "amparo {args:?} should have been refused: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// The four findings of a team tried as a team (a coordinator, an accompanier, a host and
/// a driver, each on their own store, syncing through one shared folder), as regression
/// tests through the command line.
#[test]
fn a_team_of_four_roles_syncs_through_a_shared_folder_and_nobody_changes_what_their_role_may_not() {
    let tmp = tempfile::tempdir().unwrap();
    let p = |n: &str| tmp.path().join(n);
    let (ada, bea, carmen, dario, elena) = (p("ada"), p("bea"), p("carmen"), p("dario"), p("elena"));
    for (dir, name) in [
        (&ada, "Ada Coordinadora"),
        (&bea, "Bea Acompañante"),
        (&carmen, "Carmen Anfitriona"),
        (&dario, "Darío Conductor"),
        (&elena, "Elena Turnos"),
    ] {
        init(dir, name);
    }
    ok(&ada, &["team", "create", "Red de Santuario"]);
    ok(&ada, &["member", "card", "--out", p("ada.card").to_str().unwrap()]);
    let s = seed(&ada);
    let shared = p("shared");
    std::fs::create_dir_all(&shared).unwrap();
    for (dir, card, role, volunteer) in [
        (&bea, "bea.card", "accompanier", &s.bea),
        (&carmen, "carmen.card", "host", &s.carmen),
        (&dario, "dario.card", "driver", &s.dario),
        (&elena, "elena.card", "shift_volunteer", &s.elena),
    ] {
        ok(dir, &["team", "join", p("ada.card").to_str().unwrap(), "--yes"]);
        ok(dir, &["member", "card", "--out", p(card).to_str().unwrap()]);
        if role == "host" {
            // Added without a link first: the coordinator is told they will receive nothing.
            let added = ok(&ada, &["member", "add", p(card).to_str().unwrap(), "--role", role]);
            assert!(added.contains("will receive nothing") && added.contains("member link"), "{added}");
            let linked = ok(&ada, &["member", "link", "Carmen Anfitriona", "--volunteer", "carmen anfitriona"]);
            assert!(linked.contains("linked Carmen Anfitriona to the volunteer Carmen Anfitriona"), "{linked}");
        } else {
            let added =
                ok(&ada, &["member", "add", p(card).to_str().unwrap(), "--role", role, "--volunteer", volunteer]);
            assert!(!added.contains("will receive nothing"), "{added}");
        }
    }
    let folder = shared.to_str().unwrap();
    let round = || {
        for dir in [&ada, &bea, &carmen, &dario, &elena, &ada] {
            ok(dir, &["sync", "folder", folder]);
        }
    };
    round();

    // Finding 3: every role receives its part.
    let host_view = ok(&carmen, &["shift", "list"]);
    assert!(host_view.contains("Overnight"), "the host receives her sanctuary site's shifts: {host_view}");
    let driver_view = ok(&dario, &["court", "list"]);
    assert!(driver_view.contains("Chicago Immigration Court"), "the driver receives his ride: {driver_view}");
    assert!(
        driver_view.contains("not shared with your role") && !driver_view.contains("bond hearing"),
        "the driver's ride does not say what the hearing is: {driver_view}"
    );
    let driver_json = ok(&dario, &["court", "list", "--json"]);
    assert!(driver_json.contains("\"kind\": {\n      \"not_shared\": true"), "{driver_json}");
    // His own full name reached him whole: nothing conflicts with what his store says of him.
    let driver_conflicts = ok(&dario, &["conflicts", "list"]);
    assert!(driver_conflicts.contains("no conflicts"), "{driver_conflicts}");
    let driver_tasks = ok(&dario, &["task", "list"]);
    assert!(!driver_tasks.contains("Ride to the bond hearing"), "{driver_tasks}");
    // He marks his ride done without holding its title; the coordinator sees it done, the
    // title she wrote intact.
    let rides: serde_json::Value = serde_json::from_str(&ok(&dario, &["task", "list", "--json"])).unwrap();
    let ride_task = rides[0]["id"].as_str().expect("the driver holds his ride task").to_string();
    ok(&dario, &["task", "done", &ride_task]);
    round();
    let at_ada = ok(&ada, &["task", "show", &ride_task]);
    assert!(at_ada.contains("Ride to the bond hearing") && at_ada.contains("done"), "{at_ada}");
    let received = ok(&ada, &["member", "received", "Carmen Anfitriona"]);
    assert!(
        received.contains("shift") && received.contains("sanctuary site") && received.contains("last bundle"),
        "{received}"
    );
    assert!(!received.contains("person"), "a host holds no person of a family not placed with her: {received}");

    // Each role's bundle, read with the standard age tool: what the role needs is there,
    // nothing else is.
    for (dir, name, needed, never) in [
        (
            &bea,
            "Bea Acompañante",
            &["Familia Ramírez Peña", "Chicago Immigration Court"][..],
            &[
                "08123456",
                "081234560",
                "Marta Ortiz",
                "judge denied",
                "77 Calle Secreta",
                "9 Church Lane",
                "Legal fund request",
                "asylum application",
                "\"table\":\"shift\"",
                "\"table\":\"sanctuary_site\"",
                "Carmen Anfitriona\",\"phone",
            ][..],
        ),
        (
            &carmen,
            "Carmen Anfitriona",
            &[
                "Overnight",
                "Iglesia San Marcos",
                "Cuarto de Carmen",
                "12 Calle del Sol",
                "Familia Ortega",
                "cuna para el bebé",
            ][..],
            &[
                "08123456",
                "081234560",
                "Marta Ortiz",
                "judge denied",
                "77 Calle Secreta",
                "Familia Ramírez",
                "José",
                "Chicago Immigration Court",
                // Team members by first name only: she does not go to court with them.
                "Bea Acompañante",
                "Ada Coordinadora",
                // Another host's house, and what is legal or private of the family placed.
                "Casa Lejana",
                "99 Far Away Rd",
                "55 Calle Oculta",
                "placement notes are legal",
            ][..],
        ),
        (
            &elena,
            "Elena Turnos",
            // Her site's rota: its name and zone, the shift and who is on it.
            &["Overnight", "Iglesia San Marcos", "America/New_York"][..],
            &[
                "08123456",
                "Familia Ramírez",
                "Familia Ortega",
                "Chicago Immigration Court",
                "9 Church Lane",
                "12 Calle del Sol",
                "Ride to the bond hearing",
                "Bea Acompañante",
                "Ada Coordinadora",
            ][..],
        ),
        (
            &dario,
            "Darío Conductor",
            // When and where to drive, and the person's first name; not what the hearing
            // is (its kind) nor the ride task's title, which may name the case.
            &["Chicago Immigration Court", "José", "\"ride\""][..],
            &[
                "Ride to the bond hearing",
                "bond_hearing",
                "08123456",
                "081234560",
                "Marta Ortiz",
                "judge denied",
                "77 Calle Secreta",
                "José Ramírez",
                "Peña",
                "Legal fund request",
                "Iglesia San Marcos",
                "Overnight",
            ][..],
        ),
    ] {
        let id = dir.with_file_name(format!("{}.identity", dir.file_name().unwrap().to_str().unwrap()));
        ok(dir, &["member", "identity", "--export", id.to_str().unwrap(), "--plaintext"]);
        let out = dir.with_file_name(format!("{}-bundle", dir.file_name().unwrap().to_str().unwrap()));
        ok(&ada, &["sync", "export", "--to", name, "--full", "--out", out.to_str().unwrap()]);
        let file = age_files(&out).pop().unwrap();
        if let Some(dec) =
            support::replicas::age_cli(std::process::Command::new("age").arg("-d").arg("-i").arg(&id).arg(&file))
        {
            assert!(dec.status.success(), "{}", String::from_utf8_lossy(&dec.stderr));
            let text = String::from_utf8(dec.stdout).unwrap();
            for n in needed {
                assert!(text.contains(n), "{name}'s bundle lacks {n:?}");
            }
            for n in never {
                assert!(!text.contains(n), "{name}'s bundle carries {n:?}");
            }
        }
    }

    // Finding 1: what the accompanier does not hold is shown as not shared, and nothing
    // she does sends it back.
    let shown = ok(&bea, &["family", "show", &s.family]);
    assert!(shown.contains("status                 not shared with your role"), "{shown}");
    assert!(!shown.contains("[active]") && !shown.contains(" active"), "no made-up status: {shown}");
    let json: serde_json::Value = serde_json::from_str(&ok(&bea, &["family", "show", &s.family, "--json"])).unwrap();
    assert_eq!(json["household"]["status"], serde_json::json!({"not_shared": true}));
    assert_eq!(json["household"]["tags"], serde_json::json!({"not_shared": true}));
    assert_eq!(json["persons"][0]["a_number"], serde_json::json!({"not_shared": true}));
    assert_eq!(json["persons"][0]["deadlines"], serde_json::json!({"not_shared": true}));
    // Her role may not change a family or a person: refused on her own laptop first.
    let refused = fails(&bea, &["family", "edit", &s.family, "--needs", "groceries for 4"]);
    assert!(refused.contains("your role (accompanier) may not change this household"), "{refused}");
    let refused = fails(&bea, &["person", "edit", &s.person, "--preferred", "Pepe"]);
    assert!(refused.contains("may not change this person"), "{refused}");
    // Finding 2: nor delete a family for everyone.
    let refused = fails(&bea, &["family", "delete", &s.family, "--yes"]);
    assert!(refused.contains("may not delete this household"), "{refused}");
    // A moved hearing is hers to report: it stays in force and a coordinator reviews it.
    ok(&bea, &["court", "edit", &s.hearing, "--at", "2026-12-07 14:30"]);
    round();

    let shown = ok(&ada, &["family", "show", &s.family]);
    assert!(
        shown.contains("detained") && shown.contains("urgent"),
        "the coordinator's status and tags are kept: {shown}"
    );
    let person = ok(&ada, &["person", "show", &s.person]);
    assert!(
        person.contains("asylum application (I-589)") && person.contains("EOIR-33"),
        "the legal deadlines are kept: {person}"
    );
    assert!(person.contains("A-number") && !person.contains("A-number               none"), "{person}");
    let court = ok(&ada, &["court", "list"]);
    assert!(
        court.contains("2026-12-07 14:30") && court.contains("America/Chicago"),
        "the newest news of the hearing is in force: {court}"
    );
    // Her move carried the time and place she may change, nothing she cannot see.
    let hearing = ok(&ada, &["court", "show", &s.hearing]);
    assert!(hearing.contains("judge denied bond last time"), "the internal notes are kept: {hearing}");
    // The review is the coordinators' to decide: her own store does not ask her.
    assert!(ok(&bea, &["conflicts", "list"]).contains("no conflicts"));
    let review = ok(&ada, &["conflicts", "list"]);
    assert!(
        review.contains("REVIEW") && review.contains("Familia Ramírez Peña") && review.contains("Bea Acompañante"),
        "{review}"
    );
    assert!(
        review.contains("2026-12-07 14:30 America/Chicago") && review.contains("2026-12-07 09:00 America/Chicago"),
        "old and new time: {review}"
    );
    // Keeping the new time closes the review, here and for the other coordinators.
    let id = review.split_whitespace().next().unwrap().to_string();
    ok(&ada, &["conflicts", "resolve", &id, "--keep", "1"]);
    assert!(ok(&ada, &["conflicts", "list"]).contains("no conflicts"));

    // Deletions ask first, and a coordinator brings a family back.
    let asked = fails(&ada, &["family", "delete", &s.family]);
    assert!(asked.contains("repeat with --yes"), "{asked}");
    ok(&ada, &["family", "delete", &s.family, "--yes"]);
    assert!(!ok(&ada, &["family", "list"]).contains("Familia Ramírez"));
    let back = ok(&ada, &["undelete", &s.family]);
    assert!(back.contains("brought back the household"), "{back}");
    let shown = ok(&ada, &["family", "show", &s.family]);
    assert!(
        shown.contains("José Ramírez Peña") && shown.contains("bond_hearing"),
        "the family comes back whole: {shown}"
    );
    // A person deleted by mistake comes back to their hearing, not just to the family.
    assert!(ok(&ada, &["court", "show", &s.hearing]).contains("José Ramírez Peña"));
    ok(&ada, &["person", "delete", &s.person, "--yes"]);
    assert!(!ok(&ada, &["court", "show", &s.hearing]).contains("José Ramírez Peña"));
    ok(&ada, &["undelete", &s.person]);
    let hearing = ok(&ada, &["court", "show", &s.hearing]);
    assert!(hearing.contains("José Ramírez Peña"), "the hearing names the person again: {hearing}");
}

/// Issue 13, finding 1: a card's fingerprint vouched only for its keys, so swapping the
/// founder lines of a genuine coordinator's card, or editing a member's `role:` line, made
/// `team join` trust an attacker. Every line is now signed by the card's own key: a changed
/// line fails the join, and a card of the old format is refused with "ask for a new card".
#[test]
fn a_card_with_a_changed_line_is_refused_at_join() {
    use amparo_core::domain::Role;
    use amparo_core::sync::roster;
    let mut t = support::replicas::team(&[Role::Accompanier]);
    let now = t[0].tick();
    let coordinator = roster::own_card_text(&mut t[0].store, now).unwrap();
    // A member's genuine card: it names the team, the founder and the role "accompanier".
    let now = t[1].tick();
    let member = roster::own_card_text(&mut t[1].store, now).unwrap();
    assert!(member.contains("\nrole: accompanier\n"), "{member}");
    let line = |card: &str, key: &str| card.lines().find(|l| l.starts_with(&format!("{key}: "))).unwrap().to_string();

    let tmp = tempfile::tempdir().unwrap();
    let newcomer = tmp.path().join("nina");
    init(&newcomer, "Nina Nueva");
    let join = |name: &str, text: &str| {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        amparo(&newcomer, &["team", "join", path.to_str().unwrap(), "--yes"])
    };
    let refused = |out: &Output, words: &str| {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains(words), "{err}");
        let s = Store::open(&newcomer, PASS).unwrap();
        assert!(roster::team(s.conn()).unwrap().is_none(), "nothing was trusted");
    };

    // The coordinator's card with the founder lines of the member's card: the keys (and so
    // the fingerprint the two people compare) are still the coordinator's.
    let swapped = coordinator
        .replace(&line(&coordinator, "founder-device"), &format!("founder-device: {}", t[1].store.device_id()))
        .replace(
            &line(&coordinator, "founder-sign-key"),
            &line(&member, "sign-key").replace("sign-key", "founder-sign-key"),
        );
    assert_ne!(swapped, coordinator);
    assert_eq!(line(&swapped, "fingerprint"), line(&coordinator, "fingerprint"));
    refused(&join("swapped.card", &swapped), "changed after it was made");
    // A member's card made to say coordinator.
    refused(
        &join("promoted.card", &member.replace("role: accompanier", "role: coordinator")),
        "changed after it was made",
    );
    // A line the signature does not cover is not slipped in either.
    refused(
        &join("extra.card", &format!("{coordinator}founder-device: {}\n", t[1].store.device_id())),
        "appears twice",
    );
    // A card in the old format, which nothing vouched for beyond its keys.
    let old = coordinator.replace("AMPARO MEMBER CARD 2", "AMPARO MEMBER CARD 1");
    let old: String = old.lines().filter(|l| !l.starts_with("signature: ")).map(|l| format!("{l}\n")).collect();
    refused(&join("old.card", &old), "ask for a new card");

    // The genuine card joins, showing the fingerprint to compare.
    let out = join("genuine.card", &coordinator);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&line(&coordinator, "fingerprint")));
    let s = Store::open(&newcomer, PASS).unwrap();
    let team = roster::team(s.conn()).unwrap().unwrap();
    assert_eq!(team.founder_device, t[0].store.device_id());
}

fn store_dir(r: &support::replicas::Replica) -> std::path::PathBuf {
    r.dir.path().join("store")
}

fn families_of(r: &support::replicas::Replica) -> Vec<String> {
    let mut v: Vec<String> = r.store.list::<Household>().unwrap().into_iter().map(|h| h.display_name).collect();
    v.sort();
    v
}

/// Issue 13, finding 4: `Store` cached its next sequence number at open, so with the app
/// open (a long-lived store) while the CLI wrote, the app's next record took the CLI's
/// number, was saved with no change-log row and never reached the team. Both now sync.
#[test]
fn a_long_lived_store_and_the_cli_writing_meanwhile_both_reach_the_team() {
    use amparo_core::domain::Role;
    let mut t = support::replicas::team(&[Role::Accompanier]);
    let before: i64 = t[0].store.conn().query_row("SELECT count(*) FROM change_log", [], |r| r.get(0)).unwrap();
    // The app holds the coordinator's store open; the CLI (another process) adds a family.
    ok(&store_dir(&t[0]), &["family", "add", "--name", "Familia Desde Terminal"]);
    // Then the app adds one.
    let now = t[0].tick();
    t[0].store.create(now, &Household::new("Familia Desde Ventana")).unwrap();
    let after: i64 = t[0].store.conn().query_row("SELECT count(*) FROM change_log", [], |r| r.get(0)).unwrap();
    assert_eq!(after, before + 2, "both changes are in the log");
    // And the long-lived store's next bundle carries both to the member.
    let m = t[1].store.member_id();
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();
    assert_eq!(families_of(&t[1]), ["Familia Desde Terminal", "Familia Desde Ventana"]);
    // A second pass sends nothing more and loses nothing.
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();
    assert_eq!(families_of(&t[1]).len(), 2);
}

/// Issue 13, finding 4: a restored backup kept the original device's identity, so two
/// laptops signed and numbered changes as one device. A restore is now a new device of the
/// same member, which a coordinator adds from its card; `--replace-device` keeps the
/// identity, with a warning, for a device lost for good.
#[test]
fn a_restored_backup_is_a_new_device_unless_it_replaces_the_lost_one() {
    use amparo_core::domain::Role;
    use amparo_core::sync::roster;
    let mut t = support::replicas::team(&[Role::Accompanier]);
    let tmp = tempfile::tempdir().unwrap();
    let bak = tmp.path().join("bea.backup.age");
    ok(&store_dir(&t[1]), &["backup", bak.to_str().unwrap()]);

    let restored = tmp.path().join("new-laptop");
    let out = ok(&restored, &["restore", bak.to_str().unwrap()]);
    assert!(out.contains("new device") && out.contains("coordinator"), "{out}");
    let mut r = Store::open(&restored, PASS).unwrap();
    assert_ne!(r.device_id(), t[1].store.device_id(), "a new device id");
    assert_eq!(r.member_id(), t[1].store.member_id(), "the same person");
    let now = t[1].now;
    let card = roster::own_card(&mut r, now).unwrap();
    assert_ne!(card.keys, t[1].card().keys, "new keys");
    assert_eq!(families_of(&t[1]).len(), r.list::<Household>().unwrap().len(), "the same data");

    // Until a coordinator adds it, the team refuses what it signs; then its changes arrive.
    let now = now + chrono::Duration::minutes(5);
    // (An accompanier's own kind of change: a task they open, as the detained checklist does.)
    let note = amparo_core::domain::Task::new("Familia Restaurada: bring the documents");
    r.create(now, &note).unwrap();
    let coordinator = roster::members(r.conn()).unwrap().into_iter().find(|m| m.id == t[0].store.member_id()).unwrap();
    let b = sync::export::make_for(&mut r, &coordinator, false, now).unwrap().bytes;
    let err = t[0].import(&b).expect_err("a device the coordinator has not added");
    assert!(err.to_string().contains("not on the team roster"), "{err}");
    let text = roster::own_card_text(&mut r, now).unwrap();
    let now0 = t[0].tick();
    roster::add_member(&mut t[0].store, &roster::Card::parse(&text).unwrap(), Role::Accompanier, now0).unwrap();
    t[0].import(&b).unwrap();
    assert!(
        t[0].store.find::<amparo_core::domain::Task>(note.id).unwrap().is_some(),
        "the restored device's change arrived"
    );

    // Replacing the lost device keeps its identity and says what that means.
    let replaced = tmp.path().join("replacement");
    let o = amparo(&replaced, &["restore", bak.to_str().unwrap(), "--replace-device"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("never use that device again"));
    assert_eq!(Store::open(&replaced, PASS).unwrap().device_id(), t[1].store.device_id());
    // A wrong store passphrase leaves nothing behind.
    let wrong = tmp.path().join("wrong");
    let o = Command::cargo_bin("amparo")
        .unwrap()
        .arg("--store")
        .arg(&wrong)
        .args(["restore", bak.to_str().unwrap()])
        .env("AMPARO_PASSPHRASE", "not the passphrase")
        .env("AMPARO_BACKUP_PASSPHRASE", "backup words here")
        .output()
        .unwrap();
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("wrong passphrase"));
    assert!(!wrong.join("key.json").exists() && !wrong.join("amparo.db").exists());
    let help = ok(&replaced, &["restore", "--help"]);
    assert!(help.contains("--replace-device") && help.contains("new device"), "{help}");
}

/// Issue 13, finding 6: with another process writing, the CLI failed at once with
/// "database is locked". It now waits for that write to finish, and both are saved.
#[test]
fn the_cli_waits_while_another_amparo_is_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    init(&dir, "Ada");
    let (started, wait) = std::sync::mpsc::channel();
    let holder = {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let mut s = Store::open(&dir, PASS).unwrap();
            s.write(Utc::now(), |w| {
                w.create(&Household::new("Familia Ventana"))?;
                started.send(()).unwrap();
                std::thread::sleep(std::time::Duration::from_millis(1500));
                Ok(())
            })
            .unwrap();
        })
    };
    wait.recv().unwrap();
    let out = amparo(&dir, &["family", "add", "--name", "Familia Terminal"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    holder.join().unwrap();
    let list = ok(&dir, &["family", "list"]);
    assert!(list.contains("Familia Ventana") && list.contains("Familia Terminal"), "{list}");
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Issue 13, finding 6: a link planted in the export folder (at the predictable temporary
/// name `.NAME.partial`, or at the file's own name) made `backup` and exports overwrite
/// another file, and CSV exports were world-readable. Every file is now written to an
/// unpredictable temporary name without following links, then renamed, and is 0600.
#[cfg(unix)]
#[test]
fn files_are_written_without_following_planted_links_and_readable_only_by_their_owner() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    init(&dir, "Ada");
    ok(&dir, &["family", "add", "--name", "Familia Prueba"]);
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let victim = tmp.path().join("victim.txt");
    std::fs::write(&victim, "someone else's file").unwrap();
    let plant = |name: &str| {
        symlink(&victim, out.join(name)).unwrap();
        symlink(&victim, out.join(format!(".{name}.partial"))).unwrap();
    };
    for name in ["ada.backup.age", "families.csv", "ada.card", "ada.identity"] {
        plant(name);
    }
    ok(&dir, &["backup", out.join("ada.backup.age").to_str().unwrap()]);
    ok(&dir, &["export", "households", "--out", out.join("families.csv").to_str().unwrap(), "--yes"]);
    ok(&dir, &["member", "card", "--out", out.join("ada.card").to_str().unwrap()]);
    let o = Command::cargo_bin("amparo")
        .unwrap()
        .arg("--store")
        .arg(&dir)
        .args(["member", "identity", "--export", out.join("ada.identity").to_str().unwrap()])
        .env("AMPARO_PASSPHRASE", PASS)
        .env("AMPARO_IDENTITY_PASSPHRASE", "identity words here")
        .env("AMPARO_SCRYPT_WORK_FACTOR", "10")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "someone else's file");
    for name in ["ada.backup.age", "families.csv", "ada.card", "ada.identity"] {
        let p = out.join(name);
        assert!(
            !std::fs::symlink_metadata(&p).unwrap().file_type().is_symlink(),
            "{name} replaced the link, not its target"
        );
        assert_eq!(mode(&p), 0o600, "{name}");
    }
    let csv = std::fs::read_to_string(out.join("families.csv")).unwrap();
    assert!(csv.starts_with("family,"), "the export itself was written: {csv}");
    // No temporary file is left behind.
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".amparo-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Issue 13, finding 6: `AMPARO_PASSPHRASE=a` was accepted at `init`, and an exported
/// identity took an empty or one-letter passphrase. One minimum (12 characters) holds for
/// a store, a new store passphrase, a backup and an exported identity.
#[test]
fn every_passphrase_amparo_sets_meets_one_minimum() {
    let tmp = tempfile::tempdir().unwrap();
    let short = |args: &[&str], env: &[(&str, &str)], store: &Path| {
        let mut c = Command::cargo_bin("amparo").unwrap();
        c.arg("--store").arg(store).args(args).env("AMPARO_PASSPHRASE", PASS).env("AMPARO_SCRYPT_WORK_FACTOR", "10");
        for (k, v) in env {
            c.env(k, v);
        }
        let o = c.output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(!o.status.success() && err.contains("at least 12 characters"), "{args:?}: {err}");
    };
    let weak = tmp.path().join("weak");
    short(&["init"], &[("AMPARO_PASSPHRASE", "a")], &weak);
    assert!(!weak.join("key.json").exists(), "no store was made");
    let dir = tmp.path().join("store");
    init(&dir, "Ada");
    short(&["passwd"], &[("AMPARO_NEW_PASSPHRASE", "short")], &dir);
    short(&["backup", tmp.path().join("b.age").to_str().unwrap()], &[("AMPARO_BACKUP_PASSPHRASE", "x")], &dir);
    short(
        &["member", "identity", "--export", tmp.path().join("id").to_str().unwrap()],
        &[("AMPARO_IDENTITY_PASSPHRASE", "")],
        &dir,
    );
    short(
        &["member", "identity", "--export", tmp.path().join("id").to_str().unwrap()],
        &[("AMPARO_IDENTITY_PASSPHRASE", "y")],
        &dir,
    );
    assert!(!tmp.path().join("b.age").exists() && !tmp.path().join("id").exists());
    // The store still opens with its own passphrase.
    ok(&dir, &["family", "list"]);
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
        let ids: Vec<String> =
            [&a, &b, &c].iter().map(|d| Store::open(d, PASS).unwrap().member_id().to_string()).collect();
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
    let shown: Vec<&str> =
        list.lines().filter(|l| !l.starts_with(' ')).map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(shown.len(), 3, "{list}");
    for (i, s) in shown.iter().enumerate() {
        assert!(
            s.len() >= 8 && full.iter().filter(|f| f.starts_with(s)).count() == 1,
            "{s:?} does not name one member: {list}"
        );
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
    let out = Command::cargo_bin("amparo")
        .unwrap()
        .arg("--store")
        .arg(&a)
        .args(["member", "list"])
        .env("AMPARO_PASSPHRASE", PASS)
        .env("TZ", "America/Chicago")
        .output()
        .unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    let device = list.lines().skip_while(|l| !l.contains("Cy Conductor")).nth(1).unwrap();
    assert!(device.contains("  revoked 2026-11-23 04:00  "), "{device}");
}

/// Issue 12: a coordinator changes a member's role from the command line; the team's last
/// coordinator is told why they cannot step down, and a host made so is told to link.
#[test]
fn member_role_changes_a_role_and_keeps_a_coordinator_on_the_team() {
    use amparo_core::domain::Role;
    let t = support::replicas::team(&[Role::Accompanier]);
    let coord = store_dir(&t[0]);
    let err = fails(&coord, &["member", "role", "Coordinator", "--role", "accompanier"]);
    assert!(err.contains("last coordinator"), "{err}");
    let out = ok(&coord, &["member", "role", "Member0", "--role", "host"]);
    assert!(out.contains("Member0 is now host"), "{out}");
    assert!(out.contains("receive nothing until linked"), "{out}");
    let s = Store::open(&coord, PASS).unwrap();
    assert_eq!(amparo_core::sync::roster::role_of_member(s.conn(), t[1].store.member_id()).unwrap(), Some(Role::Host));
    drop(s);
    let out = ok(&coord, &["member", "role", "Member0", "--role", "coordinator"]);
    assert!(out.contains("Member0 is now coordinator"), "{out}");
    ok(&coord, &["member", "role", "Coordinator", "--role", "accompanier"]);
}

/// An accompanier reports at the hearing that the person was detained. She may not change
/// the family's status, so the coordinator, once synced, is reminded to; the accompanier's
/// own store, which does not hold the status, says nothing of it. Setting the status ends it.
#[test]
fn an_accompaniers_detained_report_reminds_the_coordinator_to_set_the_familys_status() {
    use amparo_core::domain::*;
    let tmp = tempfile::tempdir().unwrap();
    let p = |n: &str| tmp.path().join(n);
    let (ada, bea) = (p("ada"), p("bea"));
    init(&ada, "Ada Coordinadora");
    init(&bea, "Bea Acompañante");
    ok(&ada, &["team", "create", "Red de Santuario"]);
    ok(&ada, &["member", "card", "--out", p("ada.card").to_str().unwrap()]);
    let (h, c) = {
        let mut s = Store::open(&ada, PASS).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let bea_v = Volunteer::new("Bea Acompañante");
        let h = Household::new("Familia Gutiérrez Ñáñez");
        let mut person = Person::new(h.id, "Óscar Gutiérrez");
        person.a_number = Some(ANumberOrNone::parse("21234567").unwrap());
        let at = PlaceTime::new(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(8, 30, 0).unwrap(),
            "America/Chicago".parse().unwrap(),
        )
        .unwrap();
        let mut c = CourtDate::new(h.id, CourtKind::IceCheckIn, at, "ICE Chicago Field Office");
        c.person_id = Some(person.id);
        let going = CourtAccompanier { id: uuid::Uuid::now_v7(), court_date_id: c.id, volunteer_id: bea_v.id };
        s.write(now, |w| {
            w.create(&bea_v)?;
            w.create(&h)?;
            w.create(&person)?;
            w.create(&c)?;
            w.create(&going)
        })
        .unwrap();
        (h.id.to_string(), c.id.to_string())
    };
    ok(&bea, &["team", "join", p("ada.card").to_str().unwrap(), "--yes"]);
    ok(&bea, &["member", "card", "--out", p("bea.card").to_str().unwrap()]);
    ok(
        &ada,
        &["member", "add", p("bea.card").to_str().unwrap(), "--role", "accompanier", "--volunteer", "Bea Acompañante"],
    );
    let shared = p("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let folder = shared.to_str().unwrap();
    let round = || {
        for dir in [&ada, &bea, &ada] {
            ok(dir, &["sync", "folder", folder]);
        }
    };
    round();
    assert!(!ok(&ada, &["reminders"]).contains("DETAINED"));

    ok(&bea, &["court", "outcome", &c, "--text", "lo detuvieron en la cita", "--detained"]);
    round();
    let at_ada = ok(&ada, &["reminders"]);
    assert!(
        at_ada.contains("DETAINED, reported at this hearing; the family's status is still active")
            && at_ada.contains("Familia Gutiérrez Ñáñez"),
        "{at_ada}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&ada, &["reminders", "--json"])).unwrap();
    assert!(
        json["court"].as_array().unwrap().iter().any(|r| r["kind"] == "detention_reported"
            && r["family_status"] == "active"
            && r["court_date_id"] == c.as_str()),
        "{json}"
    );
    assert!(!ok(&bea, &["reminders"]).contains("DETAINED"), "her store does not hold the family's status");

    ok(&ada, &["family", "edit", &h, "--status", "detained"]);
    assert!(!ok(&ada, &["reminders"]).contains("DETAINED"), "set: nothing more to do");
}

/// Two coordinators move the same hearing to different times before they sync. Each
/// move carries its local time and zone as one value: one conflict opens, naming the family,
/// the court date and who made each time; keeping the second makes it the time everywhere,
/// its UTC instant that local time in its zone (a Chicago hearing, across the DST change).
#[test]
fn two_coordinators_moving_one_hearing_open_one_conflict_that_names_who_moved_it_and_resolves_whole() {
    use amparo_core::domain::*;
    let tmp = tempfile::tempdir().unwrap();
    let p = |n: &str| tmp.path().join(n);
    let (ada, cora) = (p("ada"), p("cora"));
    init(&ada, "Ada Coordinadora");
    init(&cora, "Cora Coordinadora");
    ok(&ada, &["team", "create", "Red de Santuario"]);
    ok(&ada, &["member", "card", "--out", p("ada.card").to_str().unwrap()]);
    let court = {
        let mut s = Store::open(&ada, PASS).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let h = Household::new("Familia Peña Quiñónez");
        let at = PlaceTime::new(
            chrono::NaiveDate::from_ymd_opt(2027, 3, 10).unwrap().and_hms_opt(9, 0, 0).unwrap(),
            "America/Chicago".parse().unwrap(),
        )
        .unwrap();
        let c = CourtDate::new(h.id, CourtKind::IndividualHearing, at, "Chicago Immigration Court");
        s.write(now, |w| {
            w.create(&h)?;
            w.create(&c)
        })
        .unwrap();
        c.id.to_string()
    };
    ok(&cora, &["team", "join", p("ada.card").to_str().unwrap(), "--yes"]);
    ok(&cora, &["member", "card", "--out", p("cora.card").to_str().unwrap()]);
    ok(&ada, &["member", "add", p("cora.card").to_str().unwrap(), "--role", "coordinator"]);
    let shared = p("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let folder = shared.to_str().unwrap();
    let round = || {
        for dir in [&ada, &cora, &ada, &cora] {
            ok(dir, &["sync", "folder", folder]);
        }
    };
    round();
    // The hearing is moved twice, to the two sides of the DST change (14 March 2027).
    ok(&ada, &["court", "edit", &court, "--at", "2027-03-12 10:30"]);
    ok(&cora, &["court", "edit", &court, "--at", "2027-03-15 13:00"]);
    round();
    for dir in [&ada, &cora] {
        let listed = ok(dir, &["conflicts", "list"]);
        assert_eq!(listed.matches("field time").count(), 1, "one conflict, on the time: {listed}");
        assert!(listed.contains("HIGH STAKES") && listed.contains("family: Familia Peña Quiñónez"), "{listed}");
        assert!(listed.contains("by Ada Coordinadora") && listed.contains("by Cora Coordinadora"), "{listed}");
        assert!(listed.contains("Chicago Immigration Court"), "it names the court date: {listed}");
    }
    let listed: serde_json::Value = serde_json::from_str(&ok(&ada, &["conflicts", "list", "--json"])).unwrap();
    let conflict = &listed.as_array().unwrap()[0];
    let id = conflict["id"].as_str().unwrap().to_string();
    let versions = conflict["versions"].as_array().unwrap();
    let cora_line = versions.iter().position(|v| v["author_name"] == "Cora Coordinadora").unwrap() + 1;
    ok(&ada, &["conflicts", "resolve", &id, "--keep", &cora_line.to_string()]);
    round();
    for dir in [&ada, &cora] {
        assert!(ok(dir, &["conflicts", "list"]).contains("no conflicts"));
        let shown: serde_json::Value = serde_json::from_str(&ok(dir, &["court", "show", &court, "--json"])).unwrap();
        let c = &shown["court_date"];
        assert_eq!(c["local_start"], "2027-03-15T13:00:00", "{shown}");
        assert_eq!(c["time_zone"], "America/Chicago", "{shown}");
        assert_eq!(c["starts_utc"], "2027-03-15T18:00:00Z", "13:00 CDT is 18:00 UTC: {shown}");
    }
}
