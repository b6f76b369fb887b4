//! Mailbox folder mode keeps the folder small: a device removes its own earlier bundles
//! once a newer one supersedes them or their recipient has acknowledged them, and never
//! removes a file someone else wrote. And the mailbox mode works end to end through real
//! Syncthing: a coordinator, an accompanier and a host, each on their own device and folder,
//! converge with their roles intact.
use crate::support;

use std::path::{Path, PathBuf};

use crate::support::replicas::*;
use amparo_core::domain::{Household, Role};
use amparo_core::sync;

fn files(dir: &Path, device_prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().contains(device_prefix))
        .collect();
    v.sort();
    v
}

fn prefix(r: &Replica) -> String {
    format!("-{}-", sync::roster::short(r.store.device_id()))
}

fn folder(r: &mut Replica, dir: &Path) -> sync::FolderReport {
    let now = r.tick();
    let report = sync::sync_folder(&mut r.store, dir, now).unwrap();
    for i in &report.imported {
        assert!(i.outcome.is_ok(), "{:?}", i.outcome);
    }
    report
}

#[test]
fn own_bundles_are_removed_once_superseded_or_acknowledged_and_others_files_never() {
    let mut t = team(&[Role::Coordinator]);
    let shared = tempfile::tempdir().unwrap();
    let dir = shared.path();
    let (pa, pb) = (prefix(&t[0]), prefix(&t[1]));
    assert_ne!(pa, pb);

    // A writes a bundle for B; then, before B looks, a newer one that holds all of it.
    let now = t[0].tick();
    t[0].store.create(now, &Household::new("Familia Uno")).unwrap();
    let r1 = folder(&mut t[0], dir);
    assert_eq!(r1.written.len(), 1);
    let first = r1.written[0].path.clone();
    assert!(first.file_name().unwrap().to_str().unwrap().contains(&pa), "{first:?} {pa}");
    let now = t[0].tick();
    t[0].store.create(now, &Household::new("Familia Dos")).unwrap();
    let r2 = folder(&mut t[0], dir);
    assert_eq!(r2.pruned, vec![first.clone()], "the superseded bundle is removed");
    assert!(!first.exists());
    let second = r2.written[0].path.clone();
    assert_eq!(files(dir, &pa), vec![second.clone()]);

    // B imports the newer bundle alone and gets everything; its reply acknowledges it.
    let rb = folder(&mut t[1], dir);
    assert_eq!(rb.imported.len(), 1);
    assert_eq!(t[1].store.list::<Household>().unwrap().len(), 2);
    let from_b = files(dir, &pb);
    assert_eq!(from_b.len(), 1);

    // A reads B's acknowledgement: its acknowledged bundle goes; B's file stays.
    let ra = folder(&mut t[0], dir);
    assert!(ra.pruned.contains(&second), "{:?}", ra.pruned);
    assert!(!second.exists());
    assert!(from_b.iter().all(|f| f.exists()), "A never removes B's files");
    assert_eq!(t[0].hash(), t[1].hash());

    // Going back and forth, the folder stays small and both stay in step.
    for i in 0..4 {
        let now = t[i % 2].tick();
        t[i % 2].store.create(now, &Household::new(format!("Familia {i}"))).unwrap();
        folder(&mut t[0], dir);
        folder(&mut t[1], dir);
    }
    folder(&mut t[0], dir);
    assert_eq!(t[0].hash(), t[1].hash());
    assert!(files(dir, &pa).len() <= 2 && files(dir, &pb).len() <= 2, "{:?}", std::fs::read_dir(dir).unwrap().count());
}

#[test]
fn a_file_not_yet_imported_by_its_recipient_stays_until_a_newer_one_holds_it() {
    let mut t = team(&[Role::Coordinator, Role::Coordinator]);
    let shared = tempfile::tempdir().unwrap();
    let dir = shared.path();
    let pa = prefix(&t[0]);
    let now = t[0].tick();
    t[0].store.create(now, &Household::new("Familia Uno")).unwrap();
    let r1 = folder(&mut t[0], dir);
    assert_eq!(r1.written.len(), 2, "one bundle for each of the two others");
    // Nobody has answered: the new bundles hold all the old ones did, so only they stay.
    let r2 = folder(&mut t[0], dir);
    assert_eq!(r2.pruned.len(), 2);
    assert_eq!(files(dir, &pa).len(), 2);
    for w in &r2.written {
        assert!(w.path.exists());
    }
    // C answers; B has not: A keeps a bundle for B, and B still gets the family from it.
    folder(&mut t[2], dir);
    folder(&mut t[0], dir);
    folder(&mut t[1], dir);
    assert_eq!(t[1].store.list::<Household>().unwrap().len(), 1, "B still got the family");
    assert_eq!(t[1].store.list::<Household>().unwrap()[0].display_name, "Familia Uno");
}

#[test]
fn a_bundle_from_a_member_not_known_yet_is_imported_once_the_coordinators_bundle_beside_it_adds_them() {
    // A synced folder holds a new member's bundle and the coordinator's that adds them to the
    // roster; the new member's file sorts first (names sort by device id: pick such a pair).
    let (mut t, mut b) = (0..64)
        .map(|_| {
            let mut t = team(&[Role::Coordinator]);
            let mut b = Replica::new("Member B");
            let now = b.tick();
            sync::roster::join_team(&mut b.store, &t[0].card(), now).unwrap();
            (t, b)
        })
        .find(|(t, b)| prefix(b) < prefix(&t[0]))
        .expect("a new member whose files sort before the coordinator's");
    let card = b.card();
    let now = t[0].tick();
    sync::roster::add_member(&mut t[0].store, &card, Role::Coordinator, now).unwrap();
    let shared = tempfile::tempdir().unwrap();
    let dir = shared.path();
    folder(&mut t[0], dir);
    folder(&mut b, dir);
    let now = b.tick();
    b.store.create(now, &Household::new("Familia Nueva")).unwrap();
    folder(&mut b, dir);
    // Member A has not heard of B: B's bundle is tried again after the coordinator's, in the
    // same pass, and nothing is reported as refused (`folder` asserts every outcome is ok).
    let ra = folder(&mut t[1], dir);
    assert_eq!(ra.imported.len(), 2, "{:?}", ra.imported.iter().map(|i| &i.path).collect::<Vec<_>>());
    assert!(t[1].store.list::<Household>().unwrap().iter().any(|h| h.display_name == "Familia Nueva"));
}

/// A team member on their own device: a store and the folder their Syncthing shares, used
/// through the `amparo` binary as a person would.
struct Member {
    name: &'static str,
    store: PathBuf,
    home: PathBuf,
    mailbox: PathBuf,
}

/// Each command runs a minute after the one before, as real time passes between actions.
static MINUTE: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

impl Member {
    fn new(root: &Path, name: &'static str) -> Member {
        let dir = root.join(name.split(' ').next().unwrap().to_lowercase());
        let (store, home, mailbox) = (dir.join("store"), dir.join("home"), dir.join("mailbox"));
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&mailbox).unwrap();
        // The cheapest KDF (the CLI's `init` would take its full, slow one for every command).
        let owner = amparo_core::Owner { name: name.into(), device_label: "laptop".into() };
        amparo_core::Store::init(&store, PASS, amparo_core::KdfParams::MINIMUM, &owner, t0()).unwrap();
        Member { name, store, home, mailbox }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let minute = MINUTE.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let now = (t0() + chrono::Duration::minutes(60 + minute)).to_rfc3339();
        std::process::Command::new(env!("CARGO_BIN_EXE_amparo"))
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("TMPDIR", &self.home)
            .env("TZ", "UTC")
            .env("AMPARO_TZ", "America/Chicago")
            .env("AMPARO_PASSPHRASE", PASS)
            .env("AMPARO_NOW", now)
            .arg("--store")
            .arg(&self.store)
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run amparo")
    }

    /// A command that must succeed; its standard output and standard error.
    fn ok_both(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        let (stdout, stderr) =
            (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned());
        assert!(
            out.status.success() && !stderr.contains("panicked"),
            "{}: amparo {args:?} failed:\nstdout: {stdout}\nstderr: {stderr}",
            self.name
        );
        (stdout, stderr)
    }

    fn ok(&self, args: &[&str]) -> String {
        self.ok_both(args).0
    }

    fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut a = args.to_vec();
        a.push("--json");
        let out = self.ok(&a);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{}: amparo {args:?} --json: {e}: {out}", self.name))
    }

    fn card(&self) -> PathBuf {
        let path = self.home.join("member.card");
        self.ok(&["member", "card", "--out", path.to_str().unwrap()]);
        path
    }

    /// `amparo sync folder` on this member's synced folder.
    fn sync_folder(&self) -> Pass {
        let (out, err) = self.ok_both(&["sync", "folder", self.mailbox.to_str().unwrap()]);
        // Quiet: a bundle addressed to someone else is no error and no warning.
        assert!(err.is_empty(), "{}: sync folder complained: {err}", self.name);
        let name = |p: &str| Path::new(p).file_name().unwrap().to_str().unwrap().to_string();
        let mut pass = Pass { stdout: out.clone(), imported: vec![], written: vec![] };
        for line in out.lines() {
            if let Some(rest) = line.strip_prefix("wrote ") {
                let (path, what) = rest.split_once(" (").unwrap();
                let to = what.rsplit_once(" for ").unwrap().1.trim_end_matches(')');
                pass.written.push((name(path), to.to_string()));
            } else if let Some((path, _)) = line.split_once(".age: ") {
                pass.imported.push(name(&format!("{path}.age")));
            }
        }
        pass
    }

    fn court(&self, id: &str) -> serde_json::Value {
        self.json(&["court", "show", id])["court_date"].clone()
    }
}

/// The id at the end of an "added … ID" line.
fn added_id(out: &str) -> String {
    out.lines()
        .find(|l| l.starts_with("added"))
        .and_then(|l| l.split_whitespace().find(|w| w.len() == 36 && w.matches('-').count() == 4))
        .unwrap_or_else(|| panic!("no id in {out:?}"))
        .to_string()
}

/// What one `amparo sync folder` did: the files it imported, and wrote (with for whom).
struct Pass {
    stdout: String,
    imported: Vec<String>,
    written: Vec<(String, String)>,
}

impl Pass {
    fn written_for(&self, member: &str) -> String {
        let found: Vec<&String> = self.written.iter().filter(|(_, to)| to == member).map(|(f, _)| f).collect();
        assert_eq!(found.len(), 1, "one bundle for {member}: {}", self.stdout);
        found[0].clone()
    }
}

#[test]
fn the_mailbox_mode_converges_through_real_syncthing_with_roles_intact() {
    if !support::syncthing::available() {
        return;
    }
    use crate::support::syncthing::{Mesh, Watchdog};
    // The whole test, Syncthing included, must end within this; every wait is shorter.
    let watchdog = Watchdog::new(std::time::Duration::from_secs(150));
    let root = tempfile::tempdir().unwrap();
    let ada = Member::new(root.path(), "Ada Coordinadora");
    let bea = Member::new(root.path(), "Bea Acompañante");
    let hugo = Member::new(root.path(), "Hugo Anfitrión");

    // The team, as the README and --help say: cards handed over, joined, added with a role.
    assert!(ada.ok(&["team", "create", "Iglesia de Prueba"]).contains("created the team"));
    let ada_card = ada.card();
    for m in [&bea, &hugo] {
        m.ok(&["team", "join", ada_card.to_str().unwrap(), "--yes"]);
    }
    ada.ok(&["member", "add", bea.card().to_str().unwrap(), "--role", "accompanier"]);
    ada.ok(&["member", "add", hugo.card().to_str().unwrap(), "--role", "host"]);

    // The coordinator's records: a family with a court date, and two sanctuary sites with a
    // shift each, of which only the first is Hugo's.
    let family = added_id(&ada.ok(&["family", "add", "--name", "Familia Rojas"]));
    let court = added_id(&ada.ok(&[
        "court",
        "add",
        "--family",
        &family,
        "--at",
        "2026-11-23 03:30",
        "--tz",
        "America/Chicago",
        "--place",
        "Chicago Immigration Court",
        "--internal-notes",
        "judge was hostile last time",
    ]));
    let hugo_v = added_id(&ada.ok(&["volunteer", "add", "--name", "Hugo Anfitrión", "--role", "host"]));
    let otto_v = added_id(&ada.ok(&["volunteer", "add", "--name", "Otto Otro", "--role", "host"]));
    let own_site = added_id(&ada.ok(&[
        "sanctuary",
        "site",
        "add",
        "--name",
        "San José",
        "--code",
        "SJ",
        "--tz",
        "America/Chicago",
        "--host",
        &hugo_v,
    ]));
    let other_site = added_id(&ada.ok(&[
        "sanctuary",
        "site",
        "add",
        "--name",
        "Otra Iglesia",
        "--code",
        "OT",
        "--tz",
        "America/Chicago",
        "--host",
        &otto_v,
    ]));
    let own_shift = added_id(&ada.ok(&[
        "shift",
        "add",
        "--site",
        &own_site,
        "--label",
        "evening",
        "--start",
        "2026-11-25 18:00",
        "--end",
        "2026-11-25 23:00",
    ]));
    let other_shift = added_id(&ada.ok(&[
        "shift",
        "add",
        "--site",
        &other_site,
        "--label",
        "overnight",
        "--start",
        "2026-11-25 23:00",
        "--end",
        "2026-11-26 07:00",
    ]));
    // A host receives their part through their volunteer record.
    let linked = ada.ok(&["member", "link", hugo.name, "--volunteer", &hugo_v]);
    assert!(linked.contains("linked"), "{linked}");

    // Each member's own Syncthing, on loopback, sharing one folder.
    let mesh = Mesh::start(
        &watchdog,
        root.path(),
        &[(ada.name, &ada.mailbox), (bea.name, &bea.mailbox), (hugo.name, &hugo.mailbox)],
    );

    // 1. The coordinator writes a bundle for each member into her folder; Syncthing carries
    //    both to everyone.
    let first = ada.sync_folder();
    let (for_bea, for_hugo) = (first.written_for(bea.name), first.written_for(hugo.name));
    mesh.settle("the coordinator's first bundles");
    for m in [&bea, &hugo] {
        assert!(
            m.mailbox.join(&for_bea).exists() && m.mailbox.join(&for_hugo).exists(),
            "{}'s folder got both bundles",
            m.name
        );
    }

    // 2. Each member imports their own bundle; the one addressed to the other is skipped
    //    quietly (no line about it, nothing on standard error, success) and left in place.
    let b1 = bea.sync_folder();
    assert!(b1.imported.contains(&for_bea), "{}", b1.stdout);
    assert!(!b1.stdout.contains(&for_hugo), "{}", b1.stdout);
    assert!(bea.mailbox.join(&for_hugo).exists());
    let h1 = hugo.sync_folder();
    // (The accompanier's answer may already have arrived too: Syncthing's watcher is quick.)
    assert!(h1.imported.contains(&for_hugo), "{}", h1.stdout);
    assert!(!h1.stdout.contains(&for_bea), "{}", h1.stdout);
    mesh.settle("the members' first answers");

    // The court date reached the accompanier, without what is for coordinators only.
    let at_bea = bea.court(&court);
    assert_eq!(at_bea["local_start"], ada.court(&court)["local_start"]);
    assert_eq!(at_bea["place"], "Chicago Immigration Court");
    assert!(!bea.ok(&["court", "show", &court]).contains("hostile"), "an accompanier gets no internal notes");
    // The host holds no family and no court date.
    assert!(hugo.json(&["family", "list", "--all"]).as_array().unwrap().is_empty());
    assert!(hugo.json(&["court", "list", "--all"]).as_array().unwrap().is_empty());
    // What the host should receive: their sanctuary site's shifts, and no other site's.
    let shifts = hugo.json(&["shift", "list", "--days", "30"]);
    let ids: Vec<&str> = shifts.as_array().unwrap().iter().map(|v| v["shift"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec![own_shift.as_str()], "the host receives their own site's shift only: {shifts}");
    assert!(!ids.contains(&other_shift.as_str()));

    // 3. The accompanier reports the outcome while the coordinator adds a room: both
    //    changes travel through Syncthing and reach the other side.
    bea.ok(&["court", "outcome", &court, "--text", "continued; judge asked for documents"]);
    ada.ok(&["court", "edit", &court, "--room", "Room 5"]);
    let b2 = bea.sync_folder();
    let for_ada = b2.written_for(ada.name);
    mesh.settle("the accompanier's outcome");
    let a2 = ada.sync_folder();
    assert!(a2.imported.contains(&for_ada), "{}", a2.stdout);
    mesh.settle("the coordinator's room");
    bea.sync_folder();
    hugo.sync_folder();
    mesh.settle("the last answers");

    let (at_ada, at_bea) = (ada.court(&court), bea.court(&court));
    assert_eq!(at_ada["outcome"], "continued; judge asked for documents", "the outcome reached the coordinator");
    assert_eq!(at_bea["room"], "Room 5", "the coordinator's change reached the accompanier");
    for field in ["room", "local_start", "time_zone", "place", "kind"] {
        assert_eq!(at_ada[field], at_bea[field], "{field} agrees");
    }
    // An outcome is a field her role writes without receiving it: her store shows it as
    // not shared (a coordinator may since have corrected it), never as a value.
    assert_eq!(at_bea["outcome"], serde_json::json!({ "not_shared": true }));
    for m in [&bea, &hugo] {
        let c = m.ok(&["conflicts", "list"]);
        assert!(c.contains("no conflicts"), "{}: {c}", m.name);
    }
    // The accompanier's outcome is a field her role writes without receiving it: it is
    // based on what she had seen, so it is no conflict for the coordinator.
    let c = ada.ok(&["conflicts", "list"]);
    assert!(c.contains("no conflicts"), "{c}");
    // Roles are intact on the coordinator's roster.
    let roster = ada.ok(&["member", "list"]);
    for (who, role) in [(ada.name, "coordinator"), (bea.name, "accompanier"), (hugo.name, "host")] {
        assert!(roster.lines().any(|l| l.contains(who) && l.contains(role)), "{who} is still {role}: {roster}");
    }
    // The host still holds only their site's shift after the second round.
    let shifts = hugo.json(&["shift", "list", "--days", "30"]);
    assert_eq!(shifts.as_array().unwrap().len(), 1, "{shifts}");
    // Superseded and acknowledged bundles were removed by their writers, and Syncthing
    // carried the removals: the first bundle for the accompanier is gone everywhere.
    for m in [&ada, &bea, &hugo] {
        assert!(!m.mailbox.join(&for_bea).exists(), "{}'s folder still has an acknowledged bundle", m.name);
    }
    drop(mesh);
    drop(watchdog);
}
