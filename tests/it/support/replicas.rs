//! Shared set-up for the sync tests: stores with the cheapest allowed KDF, a team built
//! through the real card / add / full-bundle flow, and delivery of bundles.
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use tempfile::TempDir;
use uuid::Uuid;

use amparo_core::domain::{CourtDate, CourtKind, Household, PlaceTime, Role};
use amparo_core::sync::{self, export, roster};
use amparo_core::{KdfParams, Owner, Store};

pub const PASS: &str = "correct horse battery";

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

pub struct Replica {
    pub store: Store,
    pub dir: TempDir,
    pub name: String,
    pub now: DateTime<Utc>,
}

impl Replica {
    pub fn new(name: &str) -> Replica {
        let dir = tempfile::tempdir().unwrap();
        let now = t0();
        let store = Store::init(
            &dir.path().join("store"),
            PASS,
            KdfParams::MINIMUM,
            &Owner { name: name.into(), device_label: format!("{name}'s laptop") },
            now,
        )
        .unwrap();
        Replica { store, dir, name: name.into(), now }
    }

    /// Move this replica's clock forward a little, as real time passes between actions.
    pub fn tick(&mut self) -> DateTime<Utc> {
        self.now += Duration::seconds(1);
        self.now
    }

    pub fn card(&mut self) -> sync::Card {
        let now = self.now;
        roster::own_card(&mut self.store, now).unwrap()
    }

    pub fn member(&self, id: Uuid) -> roster::RosterMember {
        roster::members(self.store.conn()).unwrap().into_iter().find(|m| m.id == id).expect("member on roster")
    }

    /// A bundle for `to` (by member id), as bytes.
    pub fn bundle_for(&mut self, to: Uuid, full: bool) -> Vec<u8> {
        let m = self.member(to);
        let now = self.tick();
        export::make_for(&mut self.store, &m, full, now).unwrap().bytes
    }

    pub fn import(&mut self, bytes: &[u8]) -> amparo_core::Result<sync::Summary> {
        let now = self.tick();
        sync::import_bytes(&mut self.store, bytes, now)
    }

    pub fn hash(&self) -> String {
        sync::canonical_hash(&self.store).unwrap()
    }

    pub fn oplog_len(&self) -> i64 {
        self.store.conn().query_row("SELECT count(*) FROM oplog", [], |r| r.get(0)).unwrap()
    }
}

/// A coordinator and members with the given roles, each holding a full first bundle.
pub fn team(roles: &[Role]) -> Vec<Replica> {
    let mut coord = Replica::new("Coordinator");
    let now = coord.tick();
    roster::create_team(&mut coord.store, "Test team", now).unwrap();
    let coord_card = coord.card();
    let mut out = vec![coord];
    for (i, role) in roles.iter().enumerate() {
        let mut r = Replica::new(&format!("Member{i}"));
        let now = r.tick();
        roster::join_team(&mut r.store, &coord_card, now).unwrap();
        let card = r.card();
        let now = out[0].tick();
        roster::add_member(&mut out[0].store, &card, *role, now).unwrap();
        out.push(r);
    }
    for i in 1..out.len() {
        let id = out[i].store.member_id();
        let b = out[0].bundle_for(id, true);
        out[i].import(&b).unwrap();
    }
    out
}

/// Link a member to a volunteer record (so role scopes can find "their" records).
pub fn link_volunteer(coord: &mut Replica, member: Uuid, volunteer: Uuid) {
    let now = coord.tick();
    coord
        .store
        .write(now, |w| {
            w.update(&amparo_core::schema::MEMBER, member, &[("volunteer_id", volunteer.to_string().into())])
        })
        .unwrap();
}

/// Run the standard `age` tool. Without it installed the caller's check is skipped, unless
/// `AMPARO_REQUIRE_AGE_CLI` is set (scripts/test.sh sets it; scripts/setup.sh installs age).
pub fn age_cli(cmd: &mut std::process::Command) -> Option<std::process::Output> {
    match cmd.output() {
        Ok(out) => Some(out),
        Err(e) if std::env::var_os("AMPARO_REQUIRE_AGE_CLI").is_some() => {
            panic!("the standard age tool is required here but could not be run ({e}); install the Debian package age (scripts/setup.sh does)")
        }
        Err(_) => {
            eprintln!("the age command is not installed; skipped");
            None
        }
    }
}

/// A master calendar hearing of household `h` at Chicago's immigration court, on 3 Dec 2026 at 9:00.
pub fn court(h: Uuid) -> CourtDate {
    let at = PlaceTime::new(
        chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap().and_hms_opt(9, 0, 0).unwrap(),
        "America/Chicago".parse().unwrap(),
    )
    .unwrap();
    CourtDate::new(h, CourtKind::MasterCalendar, at, "Chicago Immigration Court")
}

/// The founding coordinator (replica 0) adds the family `family` and the court date that
/// `court_date` makes for it, in one write.
pub fn founder_adds_family(
    t: &mut [Replica],
    family: &str,
    court_date: impl FnOnce(Uuid) -> CourtDate,
) -> (Household, CourtDate) {
    let h = Household::new(family);
    let cd = court_date(h.id);
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            w.create(&h)?;
            w.create(&cd)
        })
        .unwrap();
    (h, cd)
}

/// The founder's bundle for each replica in `to`, imported there.
pub fn founder_delivers(t: &mut [Replica], to: &[usize]) {
    let (founder, rest) = t.split_first_mut().unwrap();
    for &i in to {
        let member = rest[i - 1].store.member_id();
        let b = founder.bundle_for(member, false);
        rest[i - 1].import(&b).unwrap();
    }
}

// ---------------------------------------------------------------- hand-made bundles
// What a member could send with their own key (an older Amparo, or a hostile member).

use std::collections::BTreeMap;

use amparo_core::store::{schema_version, Change, FieldChange};
use amparo_core::sync::bundle::{self, Header, Range};
use amparo_core::sync::keys;

pub fn recipient_public(r: &mut Replica) -> age::x25519::Recipient {
    let now = r.now;
    let k = keys::load(&mut r.store, now).unwrap();
    k.public().age_recipient.parse().unwrap()
}

pub fn plaintext_of(r: &mut Replica, bytes: &[u8]) -> Vec<u8> {
    let now = r.now;
    let k = keys::load(&mut r.store, now).unwrap();
    let id: age::x25519::Identity = k.age_identity_text().parse().unwrap();
    bundle::decrypt(bytes, &id).unwrap()
}

/// A header as `signer` would make it for `to`, carrying `ops` of the signer's own device.
pub fn header(signer: &Replica, to: &Replica, ops: &[Change]) -> Header {
    let team = roster::team(signer.store.conn()).unwrap().unwrap();
    let upto = ops.iter().map(|o| o.seq).max().unwrap_or(0);
    Header {
        format: bundle::FORMAT_VERSION,
        schema: schema_version(),
        team: team.id,
        bundle_id: Uuid::now_v7(),
        sender_device: signer.store.device_id(),
        sender_member: signer.store.member_id(),
        recipients: vec![to.store.device_id()],
        created_hlc: signer.store.clock().0,
        full: false,
        ranges: vec![Range { device: signer.store.device_id(), after: 0, upto }],
        vector: BTreeMap::new(),
        op_count: 0,
        payload_sha256: String::new(),
    }
}

pub fn craft(signer: &mut Replica, to: &mut Replica, h: Header, ops: &[Change]) -> Vec<u8> {
    let now = signer.now;
    let k = keys::load(&mut signer.store, now).unwrap();
    let plain = bundle::sign(&k, h, ops).unwrap();
    bundle::encrypt(&plain, &[recipient_public(to)]).unwrap()
}

/// A change of one field, as a bundle carries it.
#[allow(clippy::too_many_arguments)]
pub fn one_field(
    device_id: Uuid,
    seq: i64,
    hlc: u64,
    table: &str,
    record_id: Uuid,
    field: &str,
    value: serde_json::Value,
    author: Uuid,
) -> Change {
    Change {
        device_id,
        seq,
        hlc,
        table: table.into(),
        record_id,
        author: Some(author),
        fields: BTreeMap::from([(field.to_string(), FieldChange { value, base_hlc: None, base_device: None })]),
    }
}
