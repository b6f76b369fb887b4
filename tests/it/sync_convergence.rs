//! Convergence (docs/design/sync.md, properties 1 and 2): replicas that end up holding the same
//! bundles hold the same data and the same open conflicts, whatever the delivery order,
//! duplicates, drops and delays; importing twice equals importing once.

use amparo_core::domain::{CourtDate, CourtKind, Household, HouseholdStatus, PlaceTime, Role};
use std::collections::BTreeMap;

use crate::support::replicas::*;
use amparo_core::clock::Hlc;
use amparo_core::store::{schema_version, Change, FieldChange};
use amparo_core::sync::bundle::{self, Header, Range};
use amparo_core::sync::{conflicts, keys, purge, roster, Card};
use proptest::prelude::*;
use uuid::Uuid;

#[derive(Debug, Clone)]
enum Action {
    Create {
        at: usize,
    },
    Edit {
        at: usize,
        rec: usize,
        field: u8,
        value: u8,
    },
    Delete {
        at: usize,
        rec: usize,
    },
    /// Delete the court date of a household (its time is a high-stakes field: edit 4).
    DeleteCourt {
        at: usize,
        rec: usize,
    },
    Purge {
        at: usize,
        rec: usize,
    },
    Roster {
        at: usize,
        who: usize,
        role: u8,
        revoke: bool,
    },
    /// Export from one replica to another and import it now (twice when `twice`).
    Deliver {
        from: usize,
        to: usize,
        twice: bool,
    },
    /// Export, but lose the file.
    Drop {
        from: usize,
        to: usize,
    },
    /// Export and keep the file for later delivery (delay / reordering).
    Stash {
        from: usize,
        to: usize,
    },
    /// Deliver a stashed file (any of them), possibly long after newer ones.
    Late {
        pick: usize,
    },
    /// The adversarial member sends `to` a validly signed bundle of arbitrary content (see
    /// [`Sim::attack`]).
    Attack {
        to: usize,
        kind: u8,
        x: u32,
        rec: usize,
    },
    /// A person decides the first open conflict: keeps one of its values (for a deletion
    /// against edits: confirms it, or restores the record).
    Resolve {
        at: usize,
        pick: u8,
    },
}

fn action(n: usize) -> impl Strategy<Value = Action> {
    let r = 0..n;
    prop_oneof![
        3 => r.clone().prop_map(|at| Action::Create { at }),
        6 => (r.clone(), 0..8usize, 0..5u8, 0..3u8).prop_map(|(at, rec, field, value)| Action::Edit { at, rec, field, value }),
        1 => (r.clone(), 0..8usize).prop_map(|(at, rec)| Action::Delete { at, rec }),
        1 => (r.clone(), 0..8usize).prop_map(|(at, rec)| Action::DeleteCourt { at, rec }),
        1 => (r.clone(), 0..8usize).prop_map(|(at, rec)| Action::Purge { at, rec }),
        1 => (r.clone(), 0..3usize, 0..3u8, proptest::bool::weighted(0.2)).prop_map(|(at, who, role, revoke)| Action::Roster { at, who, role, revoke }),
        5 => (r.clone(), r.clone(), any::<bool>()).prop_map(|(from, to, twice)| Action::Deliver { from, to, twice }),
        1 => (r.clone(), r.clone()).prop_map(|(from, to)| Action::Drop { from, to }),
        2 => (r.clone(), r.clone()).prop_map(|(from, to)| Action::Stash { from, to }),
        2 => (0..16usize).prop_map(|pick| Action::Late { pick }),
        2 => (r.clone(), 0..4u8).prop_map(|(at, pick)| Action::Resolve { at, pick }),
        3 => (r.clone(), 0..7u8, any::<u32>(), 0..8usize).prop_map(|(to, kind, x, rec)| Action::Attack { to, kind, x, rec }),
    ]
}

fn scenario() -> impl Strategy<Value = (usize, Vec<Action>)> {
    (2..=6usize).prop_flat_map(|n| (Just(n), proptest::collection::vec(action(n), 1..40)))
}

struct Sim {
    t: Vec<Replica>,
    records: Vec<Uuid>,
    /// The court date created with each household.
    courts: Vec<Uuid>,
    fakes: Vec<Card>,
    stash: Vec<(usize, Vec<u8>)>,
    /// An accompanier on the team whose bundles are made by hand: random ranges, future
    /// clocks, invalid values, changes it may not make. Never compared with the others.
    adversary: Replica,
    /// The adversary's next sequence number: every change it makes has its own, so it never
    /// sends two different changes under one number.
    adversary_seq: i64,
}

impl Sim {
    fn new(n: usize) -> Sim {
        let mut roles = vec![Role::Coordinator; n - 1];
        roles.push(Role::Accompanier);
        let mut t = team(&roles);
        let adversary = t.pop().unwrap();
        // Clocks that disagree a little, as laptops do.
        for (i, r) in t.iter_mut().enumerate() {
            r.now += chrono::Duration::milliseconds(i as i64 * 1_700);
        }
        let fakes = (0..3)
            .map(|i| {
                let k = keys::DeviceKeys::generate(Uuid::now_v7());
                Card {
                    member_id: Uuid::now_v7(),
                    name: format!("Volunteer {i}"),
                    device_id: k.device_id(),
                    device_label: "phone".into(),
                    keys: k.public(),
                    role: None,
                    team: None,
                }
            })
            .collect();
        Sim { t, records: vec![], courts: vec![], fakes, stash: vec![], adversary, adversary_seq: 1_000 }
    }

    fn send(&mut self, from: usize, to: usize) -> Option<Vec<u8>> {
        if from == to {
            return None;
        }
        let m = self.t[to].store.member_id();
        Some(self.t[from].bundle_for(m, false))
    }

    fn deliver(&mut self, to: usize, bytes: &[u8]) {
        self.t[to].import(bytes).expect("a bundle from a team member imports");
    }

    /// A bundle signed by the adversary's own key with one change of the given kind, to
    /// honest replica `to`. Whatever it holds, `to` must refuse it whole or import it, and
    /// still read everything.
    fn attack(&mut self, to: usize, kind: u8, x: u32, rec: usize) {
        let adv_dev = self.adversary.store.device_id();
        let target_now = self.t[to].now;
        let present = Hlc::from_wall(target_now).0 + x as u64 % 1000;
        let seq = self.adversary_seq;
        self.adversary_seq += 1;
        let record = self.records.get(rec).copied().unwrap_or_else(Uuid::now_v7);
        let court = self.courts.get(rec).copied().unwrap_or_else(Uuid::now_v7);
        let devices: Vec<Uuid> = self.t.iter().map(|r| r.store.device_id()).chain([adv_dev]).collect();
        let change = |device: Uuid, hlc: u64, table: &str, id: Uuid, field: &str, value: serde_json::Value| Change {
            device_id: device,
            seq,
            hlc,
            table: table.into(),
            record_id: id,
            author: Some(self.adversary.store.member_id()),
            fields: BTreeMap::from([(field.to_string(), FieldChange { value, base_hlc: None, base_device: None })]),
        };
        let mut ranges = vec![Range { device: adv_dev, after: seq - 1, upto: seq }];
        let ops = match kind {
            // Ranges for any device, any numbers, with no change at all.
            0 => {
                let device = devices[x as usize % devices.len()];
                let after = (x as i64 >> 8) % 1_000;
                ranges = vec![Range { device, after, upto: after + 1 + (x as i64 % 1_000_000_000) }];
                vec![]
            }
            // A clock years ahead, winning nothing (on a field an accompanier may write, so
            // that only the hold for its date keeps it out).
            1 => vec![change(
                adv_dev,
                Hlc::from_wall(target_now + chrono::Duration::days(365 * (1 + x as i64 % 70))).0,
                "court_date",
                court,
                "accompanier_notes",
                "Nota Futura".into(),
            )],
            // Values no form accepts, in fields an accompanier may write (so that only
            // validation keeps them out).
            2 => {
                let (table, id, field, value): (&str, Uuid, &str, serde_json::Value) = match x % 5 {
                    0 => ("court_date", court, "status", "exploded".into()),
                    1 => ("court_date", court, "detained", "maybe".into()),
                    2 => ("court_date", court, "time_zone", "Mars/Olympus_Mons".into()),
                    3 => ("court_date", court, "outcome", serde_json::json!({"es": 1})),
                    _ => ("court_date", court, "local_start", "2026-13-45T99:00:00".into()),
                };
                vec![change(adv_dev, present, table, id, field, value)]
            }
            // Changes it may not make: itself a coordinator, or in another device's name.
            3 => {
                vec![change(adv_dev, present, "member", self.adversary.store.member_id(), "role", "coordinator".into())]
            }
            4 => {
                let device = devices[x as usize % self.t.len()];
                ranges = vec![Range { device, after: seq - 1, upto: seq }];
                vec![change(device, present, "household", record, "needs", "forged".into())]
            }
            // An edit its role may not make (an accompanier does not change a family's
            // needs): left out everywhere.
            _ => vec![change(adv_dev, present, "household", record, "needs", format!("ride {x}").into())],
        };
        let team = roster::team(self.adversary.store.conn()).unwrap().unwrap();
        let header = Header {
            format: bundle::FORMAT_VERSION,
            schema: schema_version(),
            team: team.id,
            bundle_id: Uuid::now_v7(),
            sender_device: adv_dev,
            sender_member: self.adversary.store.member_id(),
            recipients: vec![self.t[to].store.device_id()],
            created_hlc: present,
            full: false,
            ranges,
            vector: BTreeMap::from([(adv_dev, seq)]),
            op_count: 0,
            payload_sha256: String::new(),
        };
        let now = self.adversary.now;
        let k = keys::load(&mut self.adversary.store, now).unwrap();
        let plain = bundle::sign(&k, header, &ops).unwrap();
        let target = &mut self.t[to];
        let tk = keys::load(&mut target.store, target_now).unwrap();
        let rcpt: age::x25519::Recipient = tk.public().age_recipient.parse().unwrap();
        let bytes = bundle::encrypt(&plain, &[rcpt]).unwrap();
        match target.import(&bytes) {
            Ok(_) => {}
            Err(e) => assert!(
                e.bundle_refusal().is_some(),
                "an adversary's bundle is refused as a bundle, not a failure: {e}"
            ),
        }
        assert_reads(target, &self.adversary, &format!("adversary's change of kind {kind}"));
    }

    fn run(&mut self, a: &Action) {
        match *a {
            Action::Attack { to, kind, x, rec } => self.attack(to, kind, x, rec),
            Action::Create { at } => {
                let h = Household::new(format!("Familia {}", self.records.len()));
                let cd = CourtDate::new(h.id, CourtKind::MasterCalendar, court_time(0), "Immigration Court");
                let now = self.t[at].tick();
                self.t[at]
                    .store
                    .write(now, |w| {
                        w.create(&h)?;
                        w.create(&cd)
                    })
                    .unwrap();
                self.records.push(h.id);
                self.courts.push(cd.id);
            }
            Action::Edit { at, rec, field: 4, value } => {
                let Some(&id) = self.courts.get(rec) else { return };
                let r = &mut self.t[at];
                let Ok(Some(mut cd)) = r.store.find::<CourtDate>(id) else { return };
                cd.set_at(court_time(value + 1));
                let now = r.tick();
                r.store.save(now, &cd).unwrap();
            }
            Action::DeleteCourt { at, rec } => {
                let Some(&id) = self.courts.get(rec) else { return };
                let r = &mut self.t[at];
                if r.store.find::<CourtDate>(id).ok().flatten().is_some() {
                    let now = r.tick();
                    r.store.remove::<CourtDate>(now, id).unwrap();
                }
            }
            Action::Edit { at, rec, field, value } => {
                let Some(&id) = self.records.get(rec) else { return };
                let r = &mut self.t[at];
                let Ok(Some(mut h)) = r.store.find::<Household>(id) else { return };
                let words = ["alpha", "beta", "gamma"];
                match field {
                    0 => h.display_name = format!("Familia {}", words[value as usize]),
                    1 => h.needs = Some(words[value as usize].into()),
                    2 => h.voicemail_ok = Some(value == 1),
                    _ => {
                        h.status = [HouseholdStatus::Active, HouseholdStatus::Detained, HouseholdStatus::Closed]
                            [value as usize]
                    }
                }
                let now = r.tick();
                r.store.save(now, &h).unwrap();
            }
            Action::Delete { at, rec } => {
                let Some(&id) = self.records.get(rec) else { return };
                let r = &mut self.t[at];
                if r.store.find::<Household>(id).ok().flatten().is_some() {
                    let now = r.tick();
                    r.store.remove::<Household>(now, id).unwrap();
                }
            }
            Action::Purge { at, rec } => {
                let Some(&id) = self.records.get(rec) else { return };
                let r = &mut self.t[at];
                let now = r.tick();
                let _ = purge::purge_household(&mut r.store, id, now);
            }
            Action::Roster { at, who, role, revoke } => {
                let card = self.fakes[who].clone();
                let r = &mut self.t[at];
                let now = r.tick();
                if revoke {
                    let _ = roster::revoke_member(&mut r.store, card.member_id, now);
                } else {
                    let role = [Role::Host, Role::Driver, Role::Accompanier][role as usize];
                    let _ = roster::add_member(&mut r.store, &card, role, now);
                }
            }
            Action::Deliver { from, to, twice } => {
                if let Some(b) = self.send(from, to) {
                    self.deliver(to, &b);
                    if twice {
                        let h = self.t[to].hash();
                        self.deliver(to, &b);
                        assert_eq!(self.t[to].hash(), h, "importing twice changed the store");
                    }
                }
            }
            Action::Drop { from, to } => {
                let _ = self.send(from, to);
            }
            Action::Stash { from, to } => {
                if let Some(b) = self.send(from, to) {
                    self.stash.push((to, b));
                }
            }
            Action::Resolve { at, pick } => {
                let r = &mut self.t[at];
                let Some(c) = conflicts::list(r.store.conn()).unwrap().into_iter().next() else { return };
                let keep = conflicts::Keep::Listed(pick as usize % c.versions.len() + 1);
                let now = r.tick();
                match conflicts::resolve(&mut r.store, &c.id, keep, now) {
                    // Keeping a value of a field of a record deleted since is refused.
                    Ok(_) | Err(amparo_core::Error::NotFound { .. }) => {}
                    Err(e) => panic!("resolving {c:?}: {e}"),
                }
            }
            Action::Late { pick } => {
                if !self.stash.is_empty() {
                    let (to, b) = self.stash[pick % self.stash.len()].clone();
                    self.deliver(to, &b);
                }
            }
        }
    }

    /// Everyone sends to everyone until nothing is missing anywhere.
    fn settle(&mut self) {
        let n = self.t.len();
        for _ in 0..3 {
            for from in 0..n {
                for to in 0..n {
                    if let Some(b) = self.send(from, to) {
                        self.deliver(to, &b);
                    }
                }
            }
        }
        // Files still in flight arrive at last, in any order: nothing may change.
        let hashes: Vec<String> = self.t.iter().map(|r| r.hash()).collect();
        for (to, b) in std::mem::take(&mut self.stash) {
            self.deliver(to, &b);
        }
        let after: Vec<String> = self.t.iter().map(|r| r.hash()).collect();
        assert_eq!(hashes, after, "a late duplicate changed a settled replica");
    }
}

/// Everything a replica lists still reads, and nothing the adversary dated in the future,
/// made in another device's name, or made outside its role (an accompanier promoting
/// itself, changing a family's needs) took effect anywhere.
fn assert_reads(r: &Replica, adversary: &Replica, case: &str) {
    let families = r.store.list::<Household>().expect("families still list");
    let courts = r.store.list::<CourtDate>().expect("court dates still list");
    assert!(
        courts.iter().all(|c| c.accompanier_notes.as_deref() != Some("Nota Futura")),
        "a future-dated change won; {case}"
    );
    assert!(courts.iter().all(|c| c.status.to_string() != "exploded"), "an invalid value was applied; {case}");
    assert!(
        amparo_core::sync::validate::damaged(r.store.conn()).unwrap().is_empty(),
        "an invalid value was applied; {case}"
    );
    for h in &families {
        let needs = h.needs.as_deref().unwrap_or_default();
        assert!(needs != "forged", "a change in another device's name was applied; {case}");
        assert!(!needs.starts_with("ride "), "an accompanier's change of a family's needs was applied; {case}");
    }
    let role: Option<String> = r
        .store
        .conn()
        .query_row("SELECT role FROM member WHERE id = ?1", [adversary.store.member_id().to_string()], |x| x.get(0))
        .unwrap();
    assert_eq!(role.as_deref(), Some("accompanier"), "the accompanier made itself a coordinator; {case}");
    conflicts::list(r.store.conn()).expect("conflicts still list");
}

/// How many changes of each honest device a replica's log holds.
fn honest_log(r: &Replica, adversary: Uuid) -> Vec<(String, i64)> {
    let mut st = r
        .store
        .conn()
        .prepare(
            "SELECT device_id, count(*) FROM change_log WHERE device_id != ?1 GROUP BY device_id ORDER BY device_id",
        )
        .unwrap();
    st.query_map([adversary.to_string()], |x| Ok((x.get(0)?, x.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

fn court_time(hour: u8) -> PlaceTime {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    PlaceTime::new(day.and_hms_opt(9 + hour as u32, 0, 0).unwrap(), "America/Chicago".parse().unwrap()).unwrap()
}

fn check(n: usize, actions: &[Action]) {
    let mut sim = Sim::new(n);
    for a in actions {
        sim.run(a);
    }
    sim.settle();
    let first = sim.t[0].hash();
    let conflicts0 = conflicts::list(sim.t[0].store.conn()).unwrap();
    let adversary = sim.adversary.store.device_id();
    let log0 = honest_log(&sim.t[0], adversary);
    // CI shows only the first lines of a failure: say what was done, so it can be replayed.
    let case = format!("{n} replicas, {actions:?}");
    for (i, r) in sim.t.iter().enumerate() {
        assert_reads(r, &sim.adversary, &case);
        assert_eq!(honest_log(r, adversary), log0, "replica {i} lost or lacks a change of an honest device; {case}");
        assert_eq!(r.hash(), first, "replica {i} differs from replica 0; {case}");
        assert_eq!(
            conflicts::list(r.store.conn()).unwrap(),
            conflicts0,
            "replica {i} has other open conflicts; {case}"
        );
        r.store.integrity_check().unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(12),
        max_shrink_iters: 64,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/it/regressions/sync_convergence.txt"),
        ))),
        ..ProptestConfig::default()
    })]
    #[test]
    fn replicas_converge_whatever_the_delivery((n, actions) in scenario()) {
        check(n, &actions);
    }
}

/// A hand-written case that must open a conflict on every replica, so the property above
/// is not vacuously about empty conflict lists.
#[test]
fn concurrent_edits_on_three_replicas_leave_the_same_conflict_everywhere() {
    use Action::*;
    let actions = [
        Create { at: 0 },
        Deliver { from: 0, to: 1, twice: false },
        Deliver { from: 0, to: 2, twice: false },
        Edit { at: 1, rec: 0, field: 1, value: 0 },
        Edit { at: 2, rec: 0, field: 1, value: 1 },
        Edit { at: 0, rec: 0, field: 1, value: 2 },
    ];
    let mut sim = Sim::new(3);
    for a in &actions {
        sim.run(a);
    }
    sim.settle();
    let c = conflicts::list(sim.t[0].store.conn()).unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].versions.len(), 3, "all three values are kept for review");
    for r in &sim.t[1..] {
        assert_eq!(conflicts::list(r.store.conn()).unwrap(), c);
        assert_eq!(r.hash(), sim.t[0].hash());
    }
}

/// A court date deleted on one replica while its time is moved on two others: every
/// replica ends with the same open conflict on the deletion (the regression for
/// delete-versus-high-stakes-edit).
#[test]
fn a_court_date_deleted_while_its_time_moves_elsewhere_leaves_the_same_conflict_everywhere() {
    use Action::*;
    let actions = [
        Create { at: 0 },
        Deliver { from: 0, to: 1, twice: false },
        Deliver { from: 0, to: 2, twice: false },
        DeleteCourt { at: 0, rec: 0 },
        Edit { at: 1, rec: 0, field: 4, value: 1 },
        Stash { from: 1, to: 2 },
        Edit { at: 2, rec: 0, field: 4, value: 2 },
        Deliver { from: 0, to: 2, twice: true },
    ];
    let mut sim = Sim::new(3);
    for a in &actions {
        sim.run(a);
    }
    sim.settle();
    // The two moves conflict with each other too, once: a court time is one value.
    let c = conflicts::list(sim.t[0].store.conn()).unwrap();
    assert_eq!(c.len(), 2, "{c:?}");
    assert!(c.iter().any(|c| c.field == "local_start"), "{c:?}");
    assert!(c.iter().all(|c| c.high_stakes));
    assert!(c.iter().any(|c| c.field == "_deleted"), "{c:?}");
    for r in &sim.t[1..] {
        assert_eq!(conflicts::list(r.store.conn()).unwrap(), c);
        assert_eq!(r.hash(), sim.t[0].hash());
    }
    check(3, &actions);
}

/// A deletion against an unseen time change, restored on one replica and confirmed on
/// another before either hears of the other's decision: everyone ends the same.
#[test]
fn restoring_and_confirming_the_same_deletion_concurrently_converges() {
    use Action::*;
    let actions = [
        Create { at: 0 },
        Deliver { from: 0, to: 1, twice: false },
        Deliver { from: 0, to: 2, twice: false },
        DeleteCourt { at: 0, rec: 0 },
        Edit { at: 1, rec: 0, field: 4, value: 1 },
        Deliver { from: 0, to: 1, twice: false },
        Deliver { from: 1, to: 2, twice: false },
        Deliver { from: 0, to: 2, twice: false },
        Resolve { at: 1, pick: 1 },
        Resolve { at: 2, pick: 0 },
        Stash { from: 1, to: 0 },
        Deliver { from: 2, to: 0, twice: true },
        Late { pick: 0 },
    ];
    check(3, &actions);
}

// ---------------------------------------------------------------- a team of roles

/// What a member does in the multi-role property, through the same core paths the CLI
/// and the app use (a refusal for their role is an outcome, not a failure).
#[derive(Debug, Clone)]
enum RoleAction {
    /// A coordinator adds a family with a court date.
    Create,
    /// Someone edits a family's status, needs or tags (coordinators only may).
    EditFamily {
        at: usize,
        rec: usize,
        what: u8,
    },
    /// Someone moves a court date (coordinators and accompaniers may; an accompanier's
    /// move is reviewed by a coordinator).
    MoveCourt {
        at: usize,
        rec: usize,
        hour: u8,
    },
    /// Someone deletes a family (coordinators only may).
    Delete {
        at: usize,
        rec: usize,
    },
    /// A member's own key signs a change their role may not make (an older Amparo, or a
    /// hostile member) and sends it to a coordinator.
    Forge {
        at: usize,
        rec: usize,
        field: u8,
    },
    /// A member signs themselves up to accompany a court date (accompaniers may).
    SignUp {
        at: usize,
        rec: usize,
    },
    /// The founder gives a driver the ride to a family's court date.
    AddRide {
        rec: usize,
        driver: usize,
    },
    /// A member marks done a ride assigned to them (a driver may, his own).
    RideDone {
        at: usize,
    },
    /// A member writes a note for volunteers on a family (accompaniers may).
    Note {
        at: usize,
        rec: usize,
    },
    Deliver {
        from: usize,
        to: usize,
    },
    Stash {
        from: usize,
        to: usize,
    },
    Late {
        pick: usize,
    },
}

fn role_action(n: usize) -> impl Strategy<Value = RoleAction> {
    let r = 0..n;
    prop_oneof![
        2 => Just(RoleAction::Create),
        4 => (r.clone(), 0..6usize, 0..3u8).prop_map(|(at, rec, what)| RoleAction::EditFamily { at, rec, what }),
        3 => (r.clone(), 0..6usize, 0..4u8).prop_map(|(at, rec, hour)| RoleAction::MoveCourt { at, rec, hour }),
        1 => (r.clone(), 0..6usize).prop_map(|(at, rec)| RoleAction::Delete { at, rec }),
        2 => (r.clone(), 0..6usize, 0..3u8).prop_map(|(at, rec, field)| RoleAction::Forge { at, rec, field }),
        2 => (r.clone(), 0..6usize).prop_map(|(at, rec)| RoleAction::SignUp { at, rec }),
        2 => (0..6usize, 0..3usize).prop_map(|(rec, driver)| RoleAction::AddRide { rec, driver }),
        2 => r.clone().prop_map(|at| RoleAction::RideDone { at }),
        2 => (r.clone(), 0..6usize).prop_map(|(at, rec)| RoleAction::Note { at, rec }),
        5 => (r.clone(), r.clone()).prop_map(|(from, to)| RoleAction::Deliver { from, to }),
        1 => (r.clone(), r.clone()).prop_map(|(from, to)| RoleAction::Stash { from, to }),
        1 => (0..8usize).prop_map(|pick| RoleAction::Late { pick }),
    ]
}

fn role_scenario() -> impl Strategy<Value = (Vec<Role>, Vec<RoleAction>)> {
    let role = prop_oneof![
        Just(Role::Coordinator),
        Just(Role::Accompanier),
        Just(Role::Host),
        Just(Role::Driver),
        Just(Role::ShiftVolunteer)
    ];
    (proptest::collection::vec(role, 2..=5)).prop_flat_map(|roles| {
        let n = roles.len() + 1;
        (Just(roles), proptest::collection::vec(role_action(n), 1..40))
    })
}

struct RoleSim {
    sim: Sim,
    /// Role of each replica; replica 0 is the team's founding coordinator.
    roles: Vec<Role>,
    /// The volunteer record each member is linked to (none for the founder), so that hosts,
    /// drivers and shift volunteers receive their part and act on their own records.
    volunteers: Vec<Option<Uuid>>,
}

/// An action a member's role may refuse, or that finds its record not on their store.
fn attempted(r: amparo_core::Result<impl Sized>) {
    match r {
        Ok(_) | Err(amparo_core::Error::Refused(_)) | Err(amparo_core::Error::NotFound { .. }) => {}
        Err(e) => panic!("unexpected error: {e}"),
    }
}

fn refused_for_role(r: amparo_core::Result<impl Sized>) {
    match r {
        Ok(_) => {}
        Err(amparo_core::Error::Refused(amparo_core::Refusal::NotYourRole { .. })) => {}
        Err(e) => panic!("unexpected error: {e}"),
    }
}

impl RoleSim {
    fn new(roles: &[Role]) -> RoleSim {
        let mut t = team(roles);
        let mut all = vec![Role::Coordinator];
        all.extend_from_slice(roles);
        let mut volunteers = vec![None];
        for i in 1..t.len() {
            let v = amparo_core::domain::Volunteer::new(format!("Voluntaria {i} Núñez"));
            let now = t[0].tick();
            t[0].store.create(now, &v).unwrap();
            let member = t[i].store.member_id();
            link_volunteer(&mut t[0], member, v.id);
            volunteers.push(Some(v.id));
        }
        let fakes = vec![];
        // The multi-role property's own hostile acts are its Forge action; the adversary of
        // the all-coordinator property is not used here.
        let adversary = Replica::new("Nobody");
        RoleSim {
            sim: Sim { t, records: vec![], courts: vec![], fakes, stash: vec![], adversary, adversary_seq: 1_000 },
            roles: all,
            volunteers,
        }
    }

    fn run(&mut self, a: &RoleAction) {
        let s = &mut self.sim;
        match *a {
            RoleAction::Create => s.run(&Action::Create { at: 0 }),
            RoleAction::EditFamily { at, rec, what } => {
                let Some(&id) = s.records.get(rec) else { return };
                let r = &mut s.t[at];
                let Ok(Some(mut h)) = r.store.find::<Household>(id) else { return };
                match what {
                    0 => h.status = HouseholdStatus::Detained,
                    1 => h.needs = Some(format!("needs {rec}")),
                    _ => h.tags = vec![format!("tag {rec}")],
                }
                let now = r.tick();
                refused_for_role(r.store.save(now, &h));
            }
            RoleAction::MoveCourt { at, rec, hour } => {
                let Some(&id) = s.courts.get(rec) else { return };
                let r = &mut s.t[at];
                let Ok(Some(mut cd)) = r.store.find::<CourtDate>(id) else { return };
                cd.set_at(court_time(hour + 1));
                let now = r.tick();
                refused_for_role(r.store.save(now, &cd));
            }
            RoleAction::Delete { at, rec } => {
                let Some(&id) = s.records.get(rec) else { return };
                let r = &mut s.t[at];
                if r.store.find::<Household>(id).ok().flatten().is_some() {
                    let now = r.tick();
                    refused_for_role(r.store.remove::<Household>(now, id));
                }
            }
            RoleAction::Forge { at, rec, field } => {
                if at == 0 || self.roles[at] == Role::Coordinator {
                    return;
                }
                let Some(&id) = s.records.get(rec) else { return };
                let (a, b) = s.t.split_at_mut(at);
                let (coord, member) = (&mut a[0], &mut b[0]);
                let dev = member.store.device_id();
                let seq: i64 = member
                    .store
                    .conn()
                    .query_row(
                        "SELECT COALESCE(max(seq), 0) FROM change_log WHERE device_id = ?1",
                        [dev.to_string()],
                        |r| r.get(0),
                    )
                    .unwrap();
                let (name, value) = match field {
                    0 => ("status", serde_json::Value::from("active")),
                    1 => ("tags", serde_json::json!([])),
                    _ => ("_deleted", serde_json::Value::from(true)),
                };
                // Numbered past anything the member will write itself, so it never
                // collides with their own later changes.
                let op = one_field(
                    dev,
                    seq + 1_000_000,
                    coord.store.clock().0 + 5,
                    "household",
                    id,
                    name,
                    value,
                    member.store.member_id(),
                );
                let mut h = header(member, coord, std::slice::from_ref(&op));
                h.ranges[0].after = seq + 999_999;
                let bytes = craft(member, coord, h, &[op]);
                coord.import(&bytes).expect("a forged change is left out, not refused");
            }
            RoleAction::SignUp { at, rec } => {
                let (Some(&court), Some(me)) = (s.courts.get(rec), self.volunteers[at]) else { return };
                let r = &mut s.t[at];
                if r.store.find::<CourtDate>(court).ok().flatten().is_some() {
                    let now = r.tick();
                    attempted(r.store.write(now, |w| amparo_core::rules::assign_accompanier(w, court, me)));
                }
            }
            RoleAction::AddRide { rec, driver } => {
                let drivers: Vec<usize> = (1..self.roles.len()).filter(|&i| self.roles[i] == Role::Driver).collect();
                let (Some(&family), false) = (s.records.get(rec), drivers.is_empty()) else { return };
                let mut ride = amparo_core::domain::Task::new(format!("Ride to court {rec}"));
                ride.household_id = Some(family);
                ride.assignee_id = self.volunteers[drivers[driver % drivers.len()]];
                ride.kind = Some("ride".into());
                let r = &mut s.t[0];
                if r.store.find::<Household>(family).ok().flatten().is_some() {
                    let now = r.tick();
                    attempted(r.store.create(now, &ride));
                }
            }
            RoleAction::RideDone { at } => {
                let Some(me) = self.volunteers[at] else { return };
                let r = &mut s.t[at];
                let mine = r
                    .store
                    .list::<amparo_core::domain::Task>()
                    .unwrap()
                    .into_iter()
                    .find(|t| t.assignee_id == Some(me) && t.status != amparo_core::domain::TaskStatus::Done);
                if let Some(mut ride) = mine {
                    ride.status = amparo_core::domain::TaskStatus::Done;
                    let now = r.tick();
                    attempted(r.store.save(now, &ride));
                }
            }
            RoleAction::Note { at, rec } => {
                let Some(&family) = s.records.get(rec) else { return };
                let r = &mut s.t[at];
                if r.store.find::<Household>(family).ok().flatten().is_some() {
                    let now = r.tick();
                    let note = amparo_core::domain::Note {
                        id: Uuid::now_v7(),
                        record_table: "household".into(),
                        record_id: family,
                        body: format!("Llevar intérprete ({at})"),
                        visibility: amparo_core::domain::Visibility::Volunteers,
                        created_at: now,
                    };
                    attempted(r.store.create(now, &note));
                }
            }
            RoleAction::Deliver { from, to } => {
                if let Some(b) = s.send(from, to) {
                    s.deliver(to, &b);
                }
            }
            RoleAction::Stash { from, to } => {
                if let Some(b) = s.send(from, to) {
                    s.stash.push((to, b));
                }
            }
            RoleAction::Late { pick } => s.run(&Action::Late { pick }),
        }
    }
}

/// Every field a member's store holds of every record it holds is the coordinator's value
/// (or its first word, where the role receives only a first name), deletions included.
fn assert_member_agrees(member: &Replica, role: Role, coord: &Replica, case: &str) {
    for table in amparo_core::schema::TABLES.iter().filter(|t| !amparo_core::schema::is_roster(t)) {
        let ids: Vec<String> = member
            .store
            .conn()
            .prepare(&format!("SELECT id FROM {}", table.name))
            .unwrap()
            .query_map([], |x| x.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for id in ids.iter().map(|i| i.parse::<Uuid>().unwrap()) {
            let mine = amparo_core::store::read_row(member.store.conn(), table, id).unwrap().unwrap();
            let theirs = amparo_core::store::read_row(coord.store.conn(), table, id)
                .unwrap()
                .unwrap_or_else(|| panic!("{role:?} holds a {} the coordinator lacks; {case}", table.name));
            assert_eq!(mine.get("deleted"), theirs.get("deleted"), "{role:?}: {} {id} deleted?; {case}", table.name);
            for f in table.fields.iter().filter(|f| amparo_core::sync::redact::holds(role, table, f.name)) {
                let (m, c) = (mine.get(f.name), theirs.get(f.name));
                let first_word = match c.and_then(serde_json::Value::as_str) {
                    Some(full) => m.and_then(serde_json::Value::as_str) == full.split_whitespace().next(),
                    None => false,
                };
                assert!(
                    m == c || first_word,
                    "{role:?}: {}.{} is {m:?}, the coordinator's {c:?}; {case}",
                    table.name,
                    f.name
                );
            }
        }
    }
}

fn check_roles(roles: &[Role], actions: &[RoleAction]) {
    let mut rs = RoleSim::new(roles);
    for a in actions {
        rs.run(a);
    }
    rs.sim.settle();
    let coords: Vec<usize> = (0..rs.roles.len()).filter(|&i| rs.roles[i] == Role::Coordinator).collect();
    let first = rs.sim.t[0].hash();
    let conflicts0 = conflicts::list(rs.sim.t[0].store.conn()).unwrap();
    // CI shows only the first lines of a failure: say what was done, so it can be replayed.
    let case = format!("{roles:?}, {actions:?}");
    for &i in &coords {
        assert_eq!(rs.sim.t[i].hash(), first, "coordinator {i} differs from coordinator 0; {case}");
        assert_eq!(
            conflicts::list(rs.sim.t[i].store.conn()).unwrap(),
            conflicts0,
            "coordinator {i} has other open conflicts; {case}"
        );
    }
    for (i, r) in rs.sim.t.iter().enumerate().skip(1) {
        if rs.roles[i] != Role::Coordinator {
            assert_member_agrees(r, rs.roles[i], &rs.sim.t[0], &case);
        }
    }
    let coord = &rs.sim.t[0].store;
    for (i, r) in rs.sim.t.iter().enumerate() {
        r.store.integrity_check().unwrap();
        let role = rs.roles[i];
        // Nothing on a coordinator's store comes from a change its author's role may not
        // make: only coordinators set a family's status or tags or delete it, and a
        // non-coordinator's changes are all within their role's grants.
        if role != Role::Coordinator {
            let dev = r.store.device_id().to_string();
            let mut st = coord.conn().prepare("SELECT tbl, fields FROM change_log WHERE device_id = ?1").unwrap();
            let rows: Vec<(String, String)> =
                st.query_map([&dev], |x| Ok((x.get(0)?, x.get(1)?))).unwrap().map(Result::unwrap).collect();
            for (tbl, fields) in rows {
                let fields: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&fields).unwrap();
                let grants = amparo_core::sync::authority::grants(role).unwrap();
                let ok = grants.iter().any(|g| {
                    g.table == tbl
                        && (g.create || g.fields.is_none_or(|f| fields.keys().all(|k| f.contains(&k.as_str()))))
                });
                assert!(ok, "a {role:?}'s change of {tbl} {fields:?} reached the coordinator's store; {case}");
            }
        }
        // What a member holds agrees with the coordinator's store, and a member never
        // sent a field it does not hold (unless its role writes it without reading it).
        if role != Role::Coordinator {
            for h in r.store.list::<Household>().unwrap() {
                let theirs = coord.find::<Household>(h.id).unwrap();
                assert_eq!(
                    theirs.map(|c| c.display_name),
                    Some(h.display_name.clone()),
                    "replica {i} ({role:?}) disagrees on a family it shares; {case}"
                );
            }
            for c in r.store.list::<CourtDate>().unwrap() {
                let theirs = coord
                    .find::<CourtDate>(c.id)
                    .unwrap()
                    .expect("a court date a member holds is the coordinator's too");
                assert_eq!(
                    (theirs.local_start, theirs.time_zone, theirs.starts_utc),
                    (c.local_start, c.time_zone, c.starts_utc),
                    "replica {i} ({role:?}); {case}"
                );
            }
            let dev = r.store.device_id().to_string();
            let actor = r.store.actor().unwrap();
            let mut st = r.store.conn().prepare("SELECT tbl, fields FROM change_log WHERE device_id = ?1").unwrap();
            let rows: Vec<(String, String)> =
                st.query_map([&dev], |x| Ok((x.get(0)?, x.get(1)?))).unwrap().map(Result::unwrap).collect();
            for (tbl, fields) in rows {
                let table = amparo_core::schema::table(&tbl).unwrap();
                let fields: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&fields).unwrap();
                for k in fields.keys().filter(|k| !k.starts_with('_')) {
                    assert!(
                        actor.holds(table, k) || amparo_core::schema::is_roster(table),
                        "replica {i} ({role:?}) sent {tbl}.{k}, which it does not hold; {case}"
                    );
                }
            }
        }
    }
    // A court date's time is one value everywhere: its UTC instant is its local time in its zone.
    for c in coord.list::<CourtDate>().unwrap() {
        assert_eq!(PlaceTime { local: c.local_start, zone: c.time_zone }.utc(), c.starts_utc);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(12),
        max_shrink_iters: 64,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/it/regressions/sync_roles.txt"),
        ))),
        ..ProptestConfig::default()
    })]
    #[test]
    fn a_team_of_roles_converges_and_nobody_changes_what_their_role_may_not((roles, actions) in role_scenario()) {
        check_roles(&roles, &actions);
    }
}

/// The property's first finding, by hand: an accompanier moves a hearing (in force,
/// reviewed), a host's edit of the family is refused at home, and a forged status from the
/// host is left out by the coordinator.
#[test]
fn an_accompanier_moves_a_hearing_and_a_host_changes_nothing() {
    use RoleAction::*;
    let actions = [
        Create,
        Deliver { from: 0, to: 1 },
        Deliver { from: 0, to: 2 },
        MoveCourt { at: 1, rec: 0, hour: 2 },
        EditFamily { at: 2, rec: 0, what: 0 },
        Forge { at: 2, rec: 0, field: 0 },
        Forge { at: 1, rec: 0, field: 2 },
        Deliver { from: 1, to: 0 },
    ];
    let mut rs = RoleSim::new(&[Role::Accompanier, Role::Host]);
    for a in &actions {
        rs.run(a);
    }
    rs.sim.settle();
    let coord = &rs.sim.t[0].store;
    let court: CourtDate = coord.get(rs.sim.courts[0]).unwrap();
    assert_eq!(court.local_start.format("%H:%M").to_string(), "12:00", "the accompanier's move is in force");
    let review = conflicts::list(coord.conn()).unwrap();
    assert!(
        review.iter().any(|c| c.review && c.field == "local_start" && c.family.as_deref() == Some("Familia 0")),
        "{review:?}"
    );
    assert!(coord.find::<Household>(rs.sim.records[0]).unwrap().is_some(), "the forged deletion was left out");
    check_roles(&[Role::Accompanier, Role::Host], &actions);
}

/// Found by the property above: an accompanier's move of a hearing reaches another
/// accompanier before any coordinator hears of it.
#[test]
fn an_accompanier_moves_a_hearing_and_tells_another_accompanier_first() {
    use RoleAction::*;
    let roles = [Role::Accompanier, Role::Accompanier, Role::Accompanier, Role::Coordinator, Role::Accompanier];
    let actions = [
        Create,
        Create,
        Create,
        Deliver { from: 0, to: 3 },
        MoveCourt { at: 3, rec: 0, hour: 0 },
        Deliver { from: 3, to: 1 },
    ];
    check_roles(&roles, &actions);
}

/// A coordinator who hears of an accompanier's move of a hearing before she has the court
/// date: the move is kept, nothing half-made shows, and once the court date arrives it is
/// whole, at the moved time, and the move is hers to review.
#[test]
fn a_move_that_arrives_before_its_court_date_is_kept_until_the_court_date_comes() {
    let mut t = team(&[Role::Coordinator, Role::Accompanier]);
    let (h, cd) = founder_adds_family(&mut t, "Familia Ramírez Núñez", |h| {
        CourtDate::new(h, CourtKind::IndividualHearing, court_time(0), "Chicago Immigration Court")
    });
    founder_delivers(&mut t, &[2]);
    let mut moved: CourtDate = t[2].store.get(cd.id).unwrap();
    moved.set_at(court_time(5));
    let now = t[2].tick();
    t[2].store.save(now, &moved).unwrap();

    let (founder, coord) = (t[0].store.member_id(), t[1].store.member_id());
    let from_acc = t[2].bundle_for(coord, false);
    t[1].import(&from_acc).expect("the move imports, though the court date has not come yet");
    assert!(t[1].store.find::<CourtDate>(cd.id).unwrap().is_none(), "no court date made only of a move");
    assert!(t[1].store.list::<CourtDate>().unwrap().is_empty());

    let from_founder = t[0].bundle_for(coord, false);
    t[1].import(&from_founder).unwrap();
    let got: CourtDate = t[1].store.get(cd.id).unwrap();
    assert_eq!(got.household_id, h.id);
    assert_eq!(got.kind, CourtKind::IndividualHearing);
    assert_eq!(got.local_start.format("%H:%M").to_string(), "14:00", "the move is in force");
    assert_eq!(PlaceTime { local: got.local_start, zone: got.time_zone }.utc(), got.starts_utc);
    let review = conflicts::list(t[1].store.conn()).unwrap();
    assert!(review.iter().any(|c| c.review && c.field == "local_start"), "{review:?}");
    t[1].store.integrity_check().unwrap();
    // The founder, told of the move afterwards, agrees.
    let from_acc = t[2].bundle_for(founder, false);
    t[0].import(&from_acc).unwrap();
    assert_eq!(t[0].hash(), t[1].hash());
}

/// A member who tells one coordinator that numbers it has not used yet hold nothing, then
/// sends a change under one of them to another coordinator: the first still receives it
/// when the second passes it on (a sender's own vector entry bounds what its ranges claim:
/// `vector::repair_from_sender`).
#[test]
fn a_range_claiming_numbers_not_used_yet_does_not_cut_a_store_off_from_them() {
    let mut t = team(&[Role::Coordinator, Role::Accompanier]);
    let (_, cd) = founder_adds_family(&mut t, "Familia Quispe", |h| {
        CourtDate::new(h, CourtKind::MasterCalendar, court_time(0), "Chicago Immigration Court")
    });
    founder_delivers(&mut t, &[1, 2]);
    let (founder, coord) = (t[0].store.member_id(), t[1].store.member_id());
    // The accompanier's device claims numbers up to a million as empty, to coordinator 1.
    let dev = t[2].store.device_id();
    let used: i64 = t[2]
        .store
        .conn()
        .query_row("SELECT COALESCE(max(seq), 0) FROM change_log WHERE device_id = ?1", [dev.to_string()], |r| r.get(0))
        .unwrap();
    let (a, b) = t.split_at_mut(2);
    let mut h = header(&b[0], &a[1], &[]);
    h.ranges = vec![Range { device: dev, after: 0, upto: 1_000_000 }];
    h.vector = BTreeMap::from([(dev, used)]);
    let bytes = craft(&mut b[0], &mut a[1], h, &[]);
    a[1].import(&bytes).unwrap();
    // Coordinator 1 tells the founder what it holds.
    let b = t[1].bundle_for(founder, false);
    t[0].import(&b).unwrap();
    // Then the accompanier moves the hearing, and tells only the founding coordinator.
    let mut moved: CourtDate = t[2].store.get(cd.id).unwrap();
    moved.set_at(court_time(3));
    let now = t[2].tick();
    t[2].store.save(now, &moved).unwrap();
    let b = t[2].bundle_for(founder, false);
    t[0].import(&b).unwrap();
    let b = t[0].bundle_for(coord, false);
    t[1].import(&b).unwrap();
    let got: CourtDate = t[1].store.get(cd.id).unwrap();
    assert_eq!(got.local_start.format("%H:%M").to_string(), "12:00", "the move reached coordinator 1");
    assert_eq!(t[0].hash(), t[1].hash());
}

/// A driver marks his ride done and tells a coordinator who has not yet received the ride
/// task: the change is not lost there, and once the task comes it is done on both
/// coordinators' stores alike.
#[test]
fn a_drivers_ride_marked_done_before_a_coordinator_has_the_task_is_done_there_when_it_comes() {
    use amparo_core::domain::{Task, TaskStatus, Volunteer};
    let mut t = team(&[Role::Coordinator, Role::Driver]);
    let diego = Volunteer::new("Diego Ñáñez");
    let mut ride = Task::new("Ride to Chicago Immigration Court");
    ride.assignee_id = Some(diego.id);
    ride.kind = Some("ride".into());
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            w.create(&diego)?;
            w.create(&ride)
        })
        .unwrap();
    let driver = t[2].store.member_id();
    link_volunteer(&mut t[0], driver, diego.id);
    let b = t[0].bundle_for(driver, false);
    t[2].import(&b).unwrap();
    let mut mine: Task = t[2].store.get(ride.id).unwrap();
    mine.status = TaskStatus::Done;
    let now = t[2].tick();
    t[2].store.save(now, &mine).unwrap();

    let (founder, coord) = (t[0].store.member_id(), t[1].store.member_id());
    let b = t[2].bundle_for(coord, false);
    let summary = t[1].import(&b).expect("the driver's change imports before the task");
    assert_eq!(summary.left_out, 0, "his change of his own ride is not left out: {summary:?}");
    let b = t[0].bundle_for(coord, false);
    t[1].import(&b).unwrap();
    let b = t[2].bundle_for(founder, false);
    t[0].import(&b).unwrap();
    for r in &t[..2] {
        assert_eq!(r.store.get::<Task>(ride.id).unwrap().status, TaskStatus::Done, "{}", r.name);
    }
    assert_eq!(t[0].hash(), t[1].hash());
}

/// A forged change of a record a coordinator does not hold yet is judged as it is where the
/// record is held, once the record comes: a driver marks done a ride that is not his and
/// sends it first to a coordinator who has not received the ride. Both coordinators end
/// with the ride open, and the second one says his change was left out.
#[test]
fn a_drivers_forged_done_on_a_ride_that_is_not_his_is_left_out_by_a_coordinator_who_gets_the_ride_later() {
    use amparo_core::domain::{Task, TaskStatus, Volunteer};
    let mut t = team(&[Role::Coordinator, Role::Driver]);
    let (diego, rosa) = (Volunteer::new("Diego Ñáñez"), Volunteer::new("Rosa Peña"));
    let mut ride = Task::new("Ride to Chicago Immigration Court");
    ride.assignee_id = Some(rosa.id);
    ride.kind = Some("ride".into());
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            w.create(&diego)?;
            w.create(&rosa)?;
            w.create(&ride)
        })
        .unwrap();
    let driver = t[2].store.member_id();
    link_volunteer(&mut t[0], driver, diego.id);
    let b = t[0].bundle_for(driver, false);
    t[2].import(&b).unwrap();
    assert!(t[2].store.find::<Task>(ride.id).unwrap().is_none(), "Rosa's ride is not Diego's to see");

    // His own key signs "done" on Rosa's ride, as if edited on top of the founder's version.
    let founder_dev = t[0].store.device_id();
    let base = t[0].store.clock().0;
    let dev = t[2].store.device_id();
    let mut op = one_field(dev, 1_000, t[0].store.clock().0 + 10, "task", ride.id, "status", "done".into(), driver);
    for f in op.fields.values_mut() {
        f.base_hlc = Some(base);
        f.base_device = Some(founder_dev);
    }
    let mut h = header(&t[2], &t[1], std::slice::from_ref(&op));
    h.ranges[0].after = 999;
    let (a, b) = t.split_at_mut(2);
    let forged = craft(&mut b[0], &mut a[1], h.clone(), std::slice::from_ref(&op));
    a[1].import(&forged).expect("a forged change is left out or held, never a refused bundle");
    let mut h0 = h;
    h0.recipients = vec![a[0].store.device_id()];
    h0.bundle_id = Uuid::now_v7();
    let forged = craft(&mut b[0], &mut a[0], h0, std::slice::from_ref(&op));
    let at_founder = a[0].import(&forged).unwrap();
    assert_eq!(at_founder.left_out, 1, "{at_founder:?}");

    let coord = t[1].store.member_id();
    let b = t[0].bundle_for(coord, false);
    let summary = t[1].import(&b).unwrap();
    assert_eq!(summary.left_out, 1, "the second coordinator is told his change was left out: {summary:?}");
    for r in &t[..2] {
        assert_eq!(r.store.get::<Task>(ride.id).unwrap().status, TaskStatus::Open, "{}", r.name);
    }
    assert_eq!(t[0].hash(), t[1].hash());
    // Nothing of it stays waiting, and the coordinators keep syncing with each other.
    assert!(amparo_core::sync::held::list(t[1].store.conn()).unwrap().is_empty());
    let founder = t[0].store.member_id();
    let b = t[1].bundle_for(founder, false);
    t[0].import(&b).unwrap();
    assert_eq!(t[0].hash(), t[1].hash());
}

/// An accompanier's key signs, as if it were a creation, the court date a second
/// coordinator has not received yet, with internal notes an accompanier is never sent; and
/// an edit that writes her into another volunteer's place at the hearing. Both coordinators
/// leave both out, whatever the order the records reach them.
#[test]
fn an_accompaniers_forged_creation_or_takeover_is_left_out_by_every_coordinator() {
    use amparo_core::domain::{CourtAccompanier, Volunteer};
    let mut t = team(&[Role::Coordinator, Role::Accompanier]);
    let (bea, rosa) = (Volunteer::new("Bea Acompañante"), Volunteer::new("Rosa Peña"));
    let (h, cd) = founder_adds_family(&mut t, "Familia Ortiz Núñez", |h| {
        CourtDate::new(h, CourtKind::BondHearing, court_time(0), "Chicago Immigration Court")
    });
    let going = CourtAccompanier { id: Uuid::now_v7(), court_date_id: cd.id, volunteer_id: rosa.id };
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            w.create(&bea)?;
            w.create(&rosa)?;
            w.create(&going)
        })
        .unwrap();
    let acc = t[2].store.member_id();
    link_volunteer(&mut t[0], acc, bea.id);
    founder_delivers(&mut t, &[2]);
    let dev = t[2].store.device_id();
    let at = t[0].store.clock().0 + 10;
    let creation = Change {
        device_id: dev,
        seq: 2_000,
        hlc: at,
        table: "court_date".into(),
        record_id: cd.id,
        author: Some(acc),
        fields: [
            ("household_id", serde_json::json!(h.id)),
            ("kind", serde_json::json!("bond_hearing")),
            ("place", serde_json::json!("Chicago Immigration Court")),
            ("internal_notes", serde_json::json!("the judge is a friend of ours")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), FieldChange { value: v, base_hlc: None, base_device: None }))
        .collect(),
    };
    let founder_dev = t[0].store.device_id();
    let mut takeover =
        one_field(dev, 2_001, at + 1, "court_accompanier", going.id, "volunteer_id", bea.id.to_string().into(), acc);
    for f in takeover.fields.values_mut() {
        f.base_hlc = Some(now_hlc(&t[0]));
        f.base_device = Some(founder_dev);
    }
    let ops = vec![creation, takeover];
    for to in [1, 0] {
        let mut h = header(&t[2], &t[to], &ops);
        h.ranges[0].after = 1_999;
        let (a, b) = t.split_at_mut(2);
        let target = if to == 0 { &mut a[0] } else { &mut a[1] };
        let bytes = craft(&mut b[0], target, h, &ops);
        let summary = target.import(&bytes).expect("forged changes are left out, not a refused bundle");
        // Where the sign-up is not held yet, the takeover waits for it.
        let (left_out, waiting) = if to == 0 { (2, 0) } else { (1, 1) };
        assert_eq!(
            (summary.left_out, summary.waiting_for_record),
            (left_out, waiting),
            "coordinator {to}: {summary:?}"
        );
    }
    let coord = t[1].store.member_id();
    let b = t[0].bundle_for(coord, false);
    let summary = t[1].import(&b).unwrap();
    assert_eq!(summary.left_out, 1, "the takeover, judged once Rosa's sign-up came: {summary:?}");
    for r in &t[..2] {
        let c: CourtDate = r.store.get(cd.id).unwrap();
        assert_eq!(c.internal_notes, None, "{}", r.name);
        let a: CourtAccompanier = r.store.get(going.id).unwrap();
        assert_eq!(a.volunteer_id, rosa.id, "Rosa keeps her place at {}", r.name);
    }
    assert_eq!(t[0].hash(), t[1].hash());
}

fn now_hlc(r: &Replica) -> u64 {
    r.store.clock().0
}

/// An accompanier's key signs a whole "new" court date under the id of one a second
/// coordinator has not received yet, with its kind changed (a field she holds but may not
/// change). That coordinator takes it for a creation; when the court date's own creation
/// arrives, the forged one is judged as the edit it is and taken back out: both
/// coordinators end with the founder's kind, and the second says a change was left out.
#[test]
fn a_forged_whole_court_date_under_an_existing_id_is_taken_back_out_when_the_real_one_comes() {
    let mut t = team(&[Role::Coordinator, Role::Accompanier]);
    // The family reaches everyone; its court date, only the accompanier so far.
    let family = Household::new("Familia Ávila Ruiz");
    let now = t[0].tick();
    t[0].store.create(now, &family).unwrap();
    founder_delivers(&mut t, &[1, 2]);
    let cd = CourtDate::new(family.id, CourtKind::MasterCalendar, court_time(0), "Chicago Immigration Court");
    let now = t[0].tick();
    t[0].store.create(now, &cd).unwrap();
    founder_delivers(&mut t, &[2]);
    let acc = t[2].store.member_id();
    let dev = t[2].store.device_id();
    let table = amparo_core::schema::table("court_date").unwrap();
    let mut forged = serde_json::to_value(t[2].store.get::<CourtDate>(cd.id).unwrap()).unwrap();
    forged["kind"] = "individual_hearing".into();
    let fields = forged
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| table.field(k).is_some() && amparo_core::sync::redact::holds(Role::Accompanier, table, k))
        .map(|(k, v)| (k.clone(), FieldChange { value: v.clone(), base_hlc: None, base_device: None }))
        .collect();
    let op = Change {
        device_id: dev,
        seq: 3_000,
        hlc: t[0].store.clock().0 + 10,
        table: "court_date".into(),
        record_id: cd.id,
        author: Some(acc),
        fields,
    };
    let mut h = header(&t[2], &t[1], std::slice::from_ref(&op));
    h.ranges[0].after = 2_999;
    let (a, b) = t.split_at_mut(2);
    let bytes = craft(&mut b[0], &mut a[1], h, std::slice::from_ref(&op));
    a[1].import(&bytes).expect("taken, for now, as a creation");
    let coord = t[1].store.member_id();
    let b = t[0].bundle_for(coord, false);
    let summary = t[1].import(&b).unwrap();
    assert_eq!(summary.left_out, 1, "{summary:?}");
    for r in &t[..2] {
        assert_eq!(r.store.get::<CourtDate>(cd.id).unwrap().kind, CourtKind::MasterCalendar, "{}", r.name);
        assert!(conflicts::list(r.store.conn()).unwrap().is_empty(), "{}", r.name);
    }
    assert_eq!(t[0].hash(), t[1].hash());
    // Offered again, it changes nothing.
    let mut h = header(&t[2], &t[1], std::slice::from_ref(&op));
    h.ranges[0].after = 2_999;
    let (a, b) = t.split_at_mut(2);
    let bytes = craft(&mut b[0], &mut a[1], h, std::slice::from_ref(&op));
    a[1].import(&bytes).unwrap();
    assert_eq!(t[1].store.get::<CourtDate>(cd.id).unwrap().kind, CourtKind::MasterCalendar);
    assert_eq!(t[0].hash(), t[1].hash());
}
