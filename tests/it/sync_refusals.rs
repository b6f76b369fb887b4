//! Files that must be refused with a clear error and leave the store exactly as it was.

use std::collections::BTreeMap;

use crate::support::replicas::*;
use amparo_core::domain::{CourtDate, Household, HouseholdStatus, Person, PlaceTime, Role};
use amparo_core::store::{schema_version, Change};
use amparo_core::sync::bundle::{self, Range};
use amparo_core::sync::{held, roster};
use amparo_core::{BundleRefusal, Error};
use uuid::Uuid;

/// Everything a person could notice about a store, before and after a refused import.
fn fingerprint(r: &Replica) -> (String, i64, i64, i64) {
    let seen: i64 = r.store.conn().query_row("SELECT count(*) FROM sync_seen", [], |x| x.get(0)).unwrap();
    let vec: i64 = r.store.conn().query_row("SELECT COALESCE(sum(seq), 0) FROM sync_vector", [], |x| x.get(0)).unwrap();
    (r.hash(), r.oplog_len(), seen, vec)
}

fn refused(r: &mut Replica, bytes: &[u8], expect: &str) {
    let before = fingerprint(r);
    let err = r.import(bytes).expect_err("the file must be refused");
    let msg = err.to_string();
    assert!(matches!(err, Error::Bundle { .. }), "{msg}");
    assert!(msg.contains(expect), "message {msg:?} should mention {expect:?}");
    assert_eq!(err.bundle_refusal(), Some(refusal_for(expect)), "{msg}");
    assert!(!msg.contains("Rojas") && !msg.contains("A123"), "no record content in errors: {msg}");
    assert_eq!(fingerprint(r), before, "the store changed after a refused import");
}

/// The refusal kind the app translates, for each sentence these tests expect.
fn refusal_for(expect: &str) -> BundleRefusal {
    match expect {
        "signature does not match" | "damaged" => BundleRefusal::Tampered,
        "empty" => BundleRefusal::Empty,
        "not an Amparo bundle" | "inner layout" => BundleRefusal::NotABundle,
        "not on the team roster" => BundleRefusal::NotOnRoster,
        "revoked" => BundleRefusal::Revoked,
        "not addressed to this device" => BundleRefusal::OtherRecipient,
        "update Amparo to import this file" => BundleRefusal::NewerVersion,
        "another team" => BundleRefusal::OtherTeam,
        "roster" | "not made by a coordinator" => BundleRefusal::NotCoordinator,
        "invalid change"
        | "court date, field accompaniers"
        | "family, field closing date"
        | "court date, field kind"
        | "family, field status"
        | "family, field languages"
        | "person, field a_number"
        | "court date, field time_zone"
        | "court date, field local_start"
        | "person, field birth_date"
        | "court date, field person_id, that names a person this store has never had" => BundleRefusal::InvalidChange,
        other => panic!("no refusal kind for {other:?}"),
    }
}

fn household_op(r: &Replica, seq: i64) -> Change {
    one_field(
        r.store.device_id(),
        seq,
        r.store.clock().0 + 1,
        "household",
        Uuid::now_v7(),
        "display_name",
        "Familia Rojas".into(),
        r.store.member_id(),
    )
}

fn setup() -> Vec<Replica> {
    let mut t = team(&[Role::Coordinator, Role::Accompanier]);
    let now = t[0].tick();
    t[0].store.create(now, &Household::new("Familia Rojas")).unwrap();
    t
}

#[test]
fn tampered_header_and_tampered_payload_fail_the_signature() {
    let mut t = setup();
    let m = t[1].store.member_id();
    let good = t[0].bundle_for(m, false);
    let plain = plaintext_of(&mut t[1], &good);
    let text = String::from_utf8(plain.clone()).unwrap();

    // Change the header's "full" flag, keep everything else, re-encrypt to the recipient.
    let tampered = text.replacen("\"full\":false", "\"full\":true ", 1);
    assert_ne!(tampered, text);
    let enc = bundle::encrypt(tampered.as_bytes(), &[recipient_public(&mut t[1])]).unwrap();
    refused(&mut t[1], &enc, "signature does not match");

    // Change one letter of the payload.
    let tampered = text.replacen("Familia Rojas", "Familia Rojaz", 1);
    assert_ne!(tampered, text);
    let enc = bundle::encrypt(tampered.as_bytes(), &[recipient_public(&mut t[1])]).unwrap();
    refused(&mut t[1], &enc, "signature does not match");

    // Drop the last payload line.
    let cut = &plain[..plain.len() - 2];
    let enc = bundle::encrypt(cut, &[recipient_public(&mut t[1])]).unwrap();
    refused(&mut t[1], &enc, "signature does not match");

    // The untouched bundle still imports.
    t[1].import(&good).unwrap();
}

#[test]
fn truncated_garbage_and_empty_files_are_refused() {
    let mut t = setup();
    let m = t[1].store.member_id();
    let good = t[0].bundle_for(m, false);
    refused(&mut t[1], &good[..good.len() / 2], "damaged");
    refused(&mut t[1], &good[..good.len() - 1], "damaged");
    refused(&mut t[1], b"", "empty");
    refused(&mut t[1], b"hello, this is not a bundle at all\n", "not an Amparo bundle");
    let noise: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    refused(&mut t[1], &noise, "not an Amparo bundle");
    // A valid age file around text that is not a bundle, and one with a forged signature line.
    let rcpt = recipient_public(&mut t[1]);
    refused(&mut t[1], &bundle::encrypt(b"just some words", std::slice::from_ref(&rcpt)).unwrap(), "inner layout");
    let plain = String::from_utf8(plaintext_of(&mut t[1], &good)).unwrap();
    let mut lines: Vec<&str> = plain.splitn(4, '\n').collect();
    let zero_sig = format!("signature: {}", base64_zeros());
    lines[2] = &zero_sig;
    refused(
        &mut t[1],
        &bundle::encrypt(lines.join("\n").as_bytes(), std::slice::from_ref(&rcpt)).unwrap(),
        "signature does not match",
    );
    let no_sig = plain.replacen(plain.lines().nth(2).unwrap(), "signature: ", 1);
    refused(&mut t[1], &bundle::encrypt(no_sig.as_bytes(), &[rcpt]).unwrap(), "signature does not match");
    t[1].import(&good).unwrap();
}

fn base64_zeros() -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode([0u8; 64])
}

#[test]
fn a_signer_not_on_the_roster_is_refused_even_with_the_right_team_id() {
    let mut t = setup();
    let mut stranger = Replica::new("Stranger");
    // The stranger learns the team id (it is on every coordinator card) and joins on its own.
    let card = t[0].card();
    let now = stranger.tick();
    roster::join_team(&mut stranger.store, &card, now).unwrap();
    let op = household_op(&stranger, 1);
    let h = header(&stranger, &t[1], std::slice::from_ref(&op));
    let bytes = craft(&mut stranger, &mut t[1], h, &[op]);
    refused(&mut t[1], &bytes, "not on the team roster");
}

#[test]
fn a_forged_signer_line_naming_the_coordinator_is_refused() {
    let mut t = setup();
    let mut stranger = Replica::new("Stranger");
    let op = household_op(&stranger, 1);
    let mut h = header(&t[0], &t[1], std::slice::from_ref(&op));
    h.ranges = vec![Range { device: stranger.store.device_id(), after: 0, upto: 1 }];
    // Signed with the stranger's key, but naming the coordinator's device as signer.
    let bytes = craft(&mut stranger, &mut t[1], h, &[op]);
    refused(&mut t[1], &bytes, "signature does not match");
}

#[test]
fn a_revoked_device_is_refused_after_the_revocation_arrives() {
    let mut t = team(&[Role::Coordinator, Role::Accompanier]);
    let (m1, m2) = (t[1].store.member_id(), t[2].store.member_id());
    // Before revocation, member 2's own bundle is accepted by member 1.
    let early = t[2].bundle_for(m1, false);
    t[1].import(&early).unwrap();
    // A family the accompanier holds, to write a note on: a change their role may make.
    let hid = Household::new("Familia Rojas");
    let now = t[0].tick();
    t[0].store.create(now, &hid).unwrap();
    let b = t[0].bundle_for(m2, false);
    t[2].import(&b).unwrap();
    let now = t[0].tick();
    assert_eq!(roster::revoke_member(&mut t[0].store, m2, now).unwrap(), 1);
    let b = t[0].bundle_for(m1, false);
    t[1].import(&b).unwrap();
    let note = amparo_core::domain::Note {
        id: Uuid::now_v7(),
        record_table: "household".into(),
        record_id: hid.id,
        body: "call after six".into(),
        visibility: amparo_core::domain::Visibility::Volunteers,
        created_at: now,
    };
    let now = t[2].tick();
    t[2].store.create(now, &note).unwrap();
    let late = t[2].bundle_for(m1, false);
    refused(&mut t[1], &late, "revoked");
    // And the coordinator no longer encrypts to the revoked member.
    let mm = t[0].member(m2);
    let now = t[0].now;
    assert!(amparo_core::sync::export::make_for(&mut t[0].store, &mm, false, now).is_err());
}

#[test]
fn a_bundle_for_another_member_is_refused() {
    let mut t = team(&[Role::Coordinator, Role::Coordinator]);
    let m1 = t[1].store.member_id();
    let b = t[0].bundle_for(m1, false);
    refused(&mut t[2], &b, "not addressed to this device");
}

#[test]
fn a_bundle_from_a_newer_schema_or_another_team_is_refused() {
    let mut t = setup();
    let op = household_op(&t[0], 999);
    let mut h = header(&t[0], &t[1], std::slice::from_ref(&op));
    h.schema = schema_version() + 1;
    let (a, b) = t.split_at_mut(1);
    let bytes = craft(&mut a[0], &mut b[0], h, std::slice::from_ref(&op));
    refused(&mut t[1], &bytes, "update Amparo to import this file");

    let mut h = header(&t[0], &t[1], std::slice::from_ref(&op));
    h.team = Uuid::now_v7();
    let (a, b) = t.split_at_mut(1);
    let bytes = craft(&mut a[0], &mut b[0], h, std::slice::from_ref(&op));
    refused(&mut t[1], &bytes, "another team");

    // A newer envelope format is recognised before anything else is read.
    let plain = b"AMPARO BUNDLE 3\nsigner: x\n";
    let rcpt = recipient_public(&mut t[1]);
    refused(&mut t[1], &bundle::encrypt(plain, &[rcpt]).unwrap(), "update Amparo to import this file");
}

#[test]
fn roster_changes_signed_by_a_non_coordinator_are_left_out() {
    let mut t = setup();
    let (a, b) = t.split_at_mut(1);
    // t[1] is a second coordinator, t[2] the accompanier.
    let (coord, acc) = (&mut a[0], &mut b[1]);
    assert_eq!(roster::role_of_member(acc.store.conn(), acc.store.member_id()).unwrap(), Some(Role::Accompanier));
    // The accompanier makes itself coordinator and sends that to the coordinator.
    let seq: i64 = acc
        .store
        .conn()
        .query_row("SELECT max(seq) FROM change_log WHERE device_id = ?1", [acc.store.device_id().to_string()], |r| {
            r.get(0)
        })
        .unwrap();
    let op = one_field(
        acc.store.device_id(),
        seq + 1,
        acc.store.clock().0 + 10,
        "member",
        acc.store.member_id(),
        "role",
        "coordinator".into(),
        acc.store.member_id(),
    );
    let mut h = header(acc, coord, std::slice::from_ref(&op));
    h.ranges[0].after = seq;
    let bytes = craft(acc, coord, h, &[op]);
    // Left out like any change outside the author's role (refusing the whole bundle
    // would stop that member's sync for good): the roster is unchanged and the summary
    // says so.
    let summary = coord.import(&bytes).unwrap();
    assert_eq!((summary.left_out, summary.left_out_from.clone()), (1, vec!["Member1".to_string()]), "{summary:?}");
    assert_eq!(roster::role_of_member(coord.store.conn(), acc.store.member_id()).unwrap(), Some(Role::Accompanier));
}

#[test]
fn a_non_coordinator_cannot_relay_changes_in_another_devices_name() {
    let mut t = setup();
    let coord_dev = t[0].store.device_id();
    let (a, b) = t.split_at_mut(1);
    // t[1] is a second coordinator, t[2] the accompanier.
    let (coord, acc) = (&mut a[0], &mut b[1]);
    assert_eq!(roster::role_of_member(acc.store.conn(), acc.store.member_id()).unwrap(), Some(Role::Accompanier));
    let mut op = household_op(acc, 1_000);
    op.device_id = coord_dev;
    let mut h = header(acc, coord, std::slice::from_ref(&op));
    h.ranges = vec![Range { device: coord_dev, after: 999, upto: 1_000 }];
    let bytes = craft(acc, coord, h, &[op]);
    refused(coord, &bytes, "not made by a coordinator");
}

#[test]
fn replaying_an_old_bundle_after_newer_ones_changes_nothing() {
    let mut t = setup();
    let m = t[1].store.member_id();
    let old = t[0].bundle_for(m, false);
    t[1].import(&old).unwrap();
    let id = t[0].store.list::<Household>().unwrap()[0].id;
    let mut h: Household = t[0].store.get(id).unwrap();
    h.needs = Some("rides to court".into());
    let now = t[0].tick();
    t[0].store.save(now, &h).unwrap();
    let newer = t[0].bundle_for(m, false);
    t[1].import(&newer).unwrap();
    let before = fingerprint(&t[1]);
    let s = t[1].import(&old).unwrap();
    assert!(s.bundle_already_imported);
    assert_eq!(fingerprint(&t[1]), before);
    assert_eq!(t[1].store.get::<Household>(id).unwrap().needs.as_deref(), Some("rides to court"));
}

/// An accompanier's bundle made by an older Amparo (or by hand with her own key) that
/// sets a family's status and tags, empties a person's deadlines and deletes the family:
/// the coordinator's store leaves out every change her role may not make, applies the
/// one it may (a note for accompaniers on a court date), and says how many and from whom.
#[test]
fn changes_outside_the_authors_role_are_left_out_and_the_summary_says_so() {
    use amparo_core::domain::{Deadline, HouseholdStatus, Person};
    let mut t = setup();
    let (coord_i, acc_i) = (0, 2);
    let hid = t[coord_i].store.list::<Household>().unwrap()[0].id;
    let mut h: Household = t[coord_i].store.get(hid).unwrap();
    h.status = HouseholdStatus::Detained;
    h.tags = vec!["urgent".into()];
    let mut p = Person::new(hid, "José Rojas");
    p.deadlines =
        vec![Deadline { what: "asylum filing".into(), due: chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap() }];
    let c = court(hid);
    let now = t[coord_i].tick();
    t[coord_i]
        .store
        .write(now, |w| {
            w.save(&h)?;
            w.create(&p)?;
            w.create(&c)
        })
        .unwrap();
    let acc_member = t[acc_i].store.member_id();
    let full = t[coord_i].bundle_for(acc_member, true);
    t[acc_i].import(&full).unwrap();

    let (a, b) = t.split_at_mut(1);
    let (coord, acc) = (&mut a[0], &mut b[1]);
    let dev = acc.store.device_id();
    let seq: i64 = acc
        .store
        .conn()
        .query_row("SELECT max(seq) FROM change_log WHERE device_id = ?1", [dev.to_string()], |r| r.get(0))
        .unwrap();
    let hlc = coord.store.clock().0 + 10;
    let me = acc.store.member_id();
    let ops = vec![
        one_field(dev, seq + 1, hlc, "household", hid, "status", "active".into(), me),
        one_field(dev, seq + 2, hlc + 1, "household", hid, "tags", serde_json::json!([]), me),
        one_field(dev, seq + 3, hlc + 2, "person", p.id, "deadlines", serde_json::json!([]), me),
        one_field(dev, seq + 4, hlc + 3, "household", hid, "_deleted", true.into(), me),
        one_field(dev, seq + 5, hlc + 4, "court_date", c.id, "accompanier_notes", "meet at the north door".into(), me),
    ];
    let mut hd = header(acc, coord, &ops);
    hd.ranges[0].after = seq;
    let bytes = craft(acc, coord, hd, &ops);
    let summary = coord.import(&bytes).unwrap();
    assert_eq!(summary.left_out, 4, "{summary:?}");
    assert_eq!(summary.left_out_from, vec!["Member1".to_string()]);
    assert!(
        summary
            .to_string()
            .contains("4 changes were left out because their author's role may not make them (from Member1)"),
        "{summary}"
    );
    let h: Household = coord.store.get(hid).unwrap();
    assert_eq!(h.status, HouseholdStatus::Detained);
    assert_eq!(h.tags, vec!["urgent".to_string()]);
    assert_eq!(coord.store.get::<Person>(p.id).unwrap().deadlines.len(), 1, "the legal deadline is kept");
    assert_eq!(
        coord.store.get::<amparo_core::domain::CourtDate>(c.id).unwrap().accompanier_notes.as_deref(),
        Some("meet at the north door")
    );
    // Left out means not logged, so never relayed to the rest of the team.
    let logged: i64 = coord
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM change_log WHERE device_id = ?1 AND seq > ?2",
            rusqlite::params![dev.to_string(), seq],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 1);
}

/// Issue 13, finding 6: 38 of 500 bundles with one flipped bit were told "update Amparo"
/// (a flip in age's unauthenticated version line). Every damaged file is called damaged,
/// and the store stays as it was.
#[test]
fn a_bundle_with_any_flipped_bit_is_called_damaged_never_newer() {
    let mut t = setup();
    let m = t[1].store.member_id();
    let good = t[0].bundle_for(m, false);
    let before = fingerprint(&t[1]);
    // Every bit of the first 200 bytes (age's header), then 300 spread over the rest.
    let flips =
        (0..200 * 8).map(|i| (i / 8, i % 8)).chain((0..300).map(|i| (200 + (i * 7919) % (good.len() - 200), i % 8)));
    for (pos, bit) in flips {
        let mut bad = good.clone();
        bad[pos] ^= 1 << bit;
        let err = t[1].import(&bad).expect_err("a flipped bundle must be refused");
        let msg = err.to_string();
        assert_ne!(err.bundle_refusal(), Some(BundleRefusal::NewerVersion), "byte {pos} bit {bit}: {msg}");
        assert!(msg.contains("damaged"), "byte {pos} bit {bit}: {msg}");
    }
    assert_eq!(fingerprint(&t[1]), before, "the store changed after a refused import");
    t[1].import(&good).unwrap();
}

/// The highest sequence number a replica's own log holds.
fn own_seq(r: &Replica) -> i64 {
    r.store
        .conn()
        .query_row("SELECT max(seq) FROM change_log WHERE device_id = ?1", [r.store.device_id().to_string()], |x| {
            x.get(0)
        })
        .unwrap()
}

fn court_at(hour: u32) -> PlaceTime {
    PlaceTime::new(
        chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap().and_hms_opt(hour, 30, 0).unwrap(),
        "America/Chicago".parse().unwrap(),
    )
    .unwrap()
}

/// A coordinator, an accompanier and a second accompanier; a family with a court date at
/// 9:00 that both accompaniers hold.
fn court_team() -> (Vec<Replica>, Uuid) {
    let mut t = team(&[Role::Accompanier, Role::Accompanier]);
    let (_, cd) = founder_adds_family(&mut t, "Familia Rojas", court);
    founder_delivers(&mut t, &[1, 2]);
    (t, cd.id)
}

/// Issue 13, finding 2: a member's validly signed, empty bundle declaring a range for
/// another device (`after 0, upto 10^9`) is refused, so it no longer stops the
/// coordinator's moved court time reaching the accompanier, nor the accompanier's
/// "detained" report reaching the coordinator.
#[test]
fn a_members_empty_bundle_claiming_another_devices_range_does_not_stop_sync() {
    let (mut t, court_id) = court_team();
    let (coord_dev, acc_dev) = (t[0].store.device_id(), t[1].store.device_id());
    let (a, rest) = t.split_at_mut(1);
    let (b, c) = rest.split_at_mut(1);
    let (coord, acc, mallory) = (&mut a[0], &mut b[0], &mut c[0]);
    let after = own_seq(mallory);
    let mut h = header(mallory, acc, &[]);
    h.ranges = vec![
        Range { device: mallory.store.device_id(), after, upto: after + 1 },
        Range { device: coord_dev, after: 0, upto: 1_000_000_000 },
    ];
    let poison = craft(mallory, acc, h, &[]);
    refused(acc, &poison, "not made by a coordinator");
    let mut h = header(mallory, coord, &[]);
    h.ranges = vec![Range { device: acc_dev, after: 0, upto: 1_000_000_000 }];
    let poison = craft(mallory, coord, h, &[]);
    refused(coord, &poison, "not made by a coordinator");

    // The coordinator moves the hearing; the accompanier reports the family detained.
    let mut cd: CourtDate = coord.store.get(court_id).unwrap();
    cd.set_at(court_at(14));
    let now = coord.tick();
    coord.store.save(now, &cd).unwrap();
    // (The accompanier's store does not hold `detained`: her report writes exactly that
    // field, as the outcome flow does.)
    let now = acc.tick();
    acc.store
        .write(now, |w| w.update(&amparo_core::schema::COURT_DATE, court_id, &[("detained", true.into())]))
        .unwrap();
    let b = coord.bundle_for(acc.store.member_id(), false);
    let s = acc.import(&b).unwrap();
    assert_eq!((s.updated, s.behind), (1, 0), "{s}");
    let b = acc.bundle_for(coord.store.member_id(), false);
    let s = coord.import(&b).unwrap();
    assert_eq!((s.updated, s.behind), (1, 0), "{s}");
    assert_eq!(
        acc.store.get::<CourtDate>(court_id).unwrap().at(),
        court_at(14),
        "the moved court time reached the accompanier"
    );
    assert_eq!(
        coord.store.get::<CourtDate>(court_id).unwrap().detained,
        Some(true),
        "the detained report reached the coordinator"
    );
}

/// A store whose vector an earlier version let be poisoned heals: the coordinator takes
/// no claim on its own device beyond its own log, and the store lowers a claim on the
/// sender's device beyond what the sender has; the moved time arrives at the next round.
#[test]
fn a_poisoned_vector_left_by_an_earlier_version_heals() {
    let (mut t, court_id) = court_team();
    let coord_dev = t[0].store.device_id();
    let (a, rest) = t.split_at_mut(1);
    let (coord, acc) = (&mut a[0], &mut rest[0]);
    acc.store
        .conn()
        .execute("UPDATE sync_vector SET seq = 1000000000 WHERE device_id = ?1", [coord_dev.to_string()])
        .unwrap();
    // The accompanier's bundle acknowledges the poisoned claim.
    let b = acc.bundle_for(coord.store.member_id(), false);
    coord.import(&b).unwrap();
    let mut cd: CourtDate = coord.store.get(court_id).unwrap();
    cd.set_at(court_at(14));
    let now = coord.tick();
    coord.store.save(now, &cd).unwrap();
    let b = coord.bundle_for(acc.store.member_id(), false);
    let s = acc.import(&b).unwrap();
    assert_eq!(s.updated, 1, "{s}");
    assert_eq!(acc.store.get::<CourtDate>(court_id).unwrap().at(), court_at(14));
    let v = amparo_core::sync::vector::held_of(acc.store.conn(), coord_dev).unwrap();
    assert_eq!(v, own_seq(coord), "the accompanier's claim on the coordinator is what it holds");
}

/// Sync that stalls is told: a coordinator's bundle that starts past what this store holds
/// (a file lost on the way) leaves it behind, the summary and `sync status` say so and
/// what to do, and the next complete bundle clears it.
#[test]
fn a_bundle_that_leaves_the_store_behind_the_sender_says_so_until_caught_up() {
    let (mut t, court_id) = court_team();
    let (a, rest) = t.split_at_mut(1);
    let (coord, acc) = (&mut a[0], &mut rest[0]);
    for hour in [11, 14] {
        let mut cd: CourtDate = coord.store.get(court_id).unwrap();
        cd.set_at(court_at(hour));
        let now = coord.tick();
        coord.store.save(now, &cd).unwrap();
    }
    // Only the last change arrives, in a bundle saying it starts after the first.
    let last = own_seq(coord);
    let (hlc, fields): (i64, String) = coord
        .store
        .conn()
        .query_row(
            "SELECT hlc, fields FROM change_log WHERE device_id = ?1 AND seq = ?2",
            (coord.store.device_id().to_string(), last),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let change = Change {
        device_id: coord.store.device_id(),
        seq: last,
        hlc: hlc as u64,
        table: "court_date".into(),
        record_id: court_id,
        author: Some(coord.store.member_id()),
        fields: serde_json::from_str(&fields).unwrap(),
    };
    let mut h = header(coord, acc, std::slice::from_ref(&change));
    h.ranges[0].after = last - 1;
    h.vector = BTreeMap::from([(coord.store.device_id(), last)]);
    let bytes = craft(coord, acc, h, &[change]);
    let s = acc.import(&bytes).unwrap();
    assert_eq!(s.behind, 1, "{s}");
    assert!(s.to_string().contains("full export"), "{s}");
    assert_eq!(amparo_core::sync::activity::stalls(acc.store.conn()).unwrap().len(), 1);
    let b = coord.bundle_for(acc.store.member_id(), false);
    let s = acc.import(&b).unwrap();
    assert_eq!(s.behind, 0, "{s}");
    assert!(amparo_core::sync::activity::stalls(acc.store.conn()).unwrap().is_empty(), "the stall is cleared");
    assert_eq!(acc.store.get::<CourtDate>(court_id).unwrap().at(), court_at(14));
}

/// Issue 13, finding 3: an edit made on a laptop whose clock reads 2099 is held by the
/// coordinator, not applied and not winning; the coordinator sees it for review; the
/// laptop is told its clock is wrong before it writes; the held edit applies once the
/// coordinator's clock reaches its date, and a coordinator may set one aside instead.
#[test]
fn a_change_dated_in_2099_is_held_shown_for_review_and_applies_only_when_the_clock_gets_there() {
    let (mut t, court_id) = court_team();
    let acc_dev = t[1].store.device_id();
    let (a, rest) = t.split_at_mut(1);
    let (coord, acc) = (&mut a[0], &mut rest[0]);
    let real = acc.now;
    acc.now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2099, 1, 1, 9, 0, 0).unwrap();
    assert!(
        matches!(acc.store.clock_problem(acc.now).unwrap(), Some(amparo_core::clock::ClockProblem::Ahead { .. })),
        "the laptop is told its clock is wrong before it writes"
    );
    let mut cd: CourtDate = acc.store.get(court_id).unwrap();
    cd.set_at(court_at(14));
    let now = acc.tick();
    acc.store.save(now, &cd).unwrap();
    let wrong_seq = own_seq(acc);
    acc.now = real;
    assert!(
        matches!(acc.store.clock_problem(acc.now).unwrap(), Some(amparo_core::clock::ClockProblem::Behind { .. })),
        "once set right, the laptop is told it already wrote in the future"
    );
    let b = acc.bundle_for(coord.store.member_id(), false);
    let s = coord.import(&b).unwrap();
    assert_eq!((s.future_dated, s.updated), (1, 0), "{s}");
    assert!(s.to_string().contains("held"), "{s}");
    assert_eq!(
        coord.store.get::<CourtDate>(court_id).unwrap().at(),
        court(Uuid::nil()).at(),
        "the 2099 edit does not win"
    );
    let listed = held::list(coord.store.conn()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].table.as_str(), listed[0].record_id), ("court_date", court_id));
    assert!(listed[0].fields.contains(&"local_start".to_string()));
    let vector: i64 = coord
        .store
        .conn()
        .query_row("SELECT seq FROM sync_vector WHERE device_id = ?1", [acc_dev.to_string()], |r| r.get(0))
        .unwrap();
    assert!(vector < wrong_seq, "the vector does not pass a held change");
    // Offered again, it stays held once; the coordinator's own correction still wins.
    let b = acc.bundle_for(coord.store.member_id(), false);
    let s = coord.import(&b).unwrap();
    assert_eq!(s.future_dated, 0, "{s}");
    assert_eq!(held::list(coord.store.conn()).unwrap().len(), 1);
    let mut fix: CourtDate = coord.store.get(court_id).unwrap();
    fix.set_at(court_at(11));
    let now = coord.tick();
    coord.store.save(now, &fix).unwrap();
    assert_eq!(coord.store.get::<CourtDate>(court_id).unwrap().at(), court_at(11));

    // The coordinator's clock reaches 2099: the next import applies the held edit.
    coord.now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2099, 1, 1, 9, 0, 0).unwrap();
    let b = acc.bundle_for(coord.store.member_id(), false);
    coord.import(&b).unwrap();
    assert!(held::list(coord.store.conn()).unwrap().is_empty());
    assert_eq!(coord.store.get::<CourtDate>(court_id).unwrap().at(), court_at(14), "applied when its date came");
}

/// A held change a coordinator sets aside never applies, even when offered again.
#[test]
fn a_held_change_set_aside_stays_aside() {
    let (mut t, court_id) = court_team();
    let (a, rest) = t.split_at_mut(1);
    let (coord, acc) = (&mut a[0], &mut rest[0]);
    let real = acc.now;
    acc.now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2099, 1, 1, 9, 0, 0).unwrap();
    let mut cd: CourtDate = acc.store.get(court_id).unwrap();
    cd.set_at(court_at(14));
    let now = acc.tick();
    acc.store.save(now, &cd).unwrap();
    acc.now = real;
    let b = acc.bundle_for(coord.store.member_id(), false);
    coord.import(&b).unwrap();
    let id = held::list(coord.store.conn()).unwrap()[0].id.clone();
    let now = coord.tick();
    held::discard(&mut coord.store, &id, now).unwrap();
    assert!(held::list(coord.store.conn()).unwrap().is_empty());
    coord.now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2099, 6, 1, 9, 0, 0).unwrap();
    let b = acc.bundle_for(coord.store.member_id(), false);
    let s = coord.import(&b).unwrap();
    assert_eq!(s.future_dated, 0, "{s}");
    assert_eq!(coord.store.get::<CourtDate>(court_id).unwrap().at(), court(Uuid::nil()).at());
}

/// Issue 13, finding 5: a change whose record, as it would stand after the merge, the app
/// and the CLI would refuse is refused with the whole bundle, naming the kind of record
/// and the field but never the value, and the store is unchanged.
#[test]
fn an_invalid_change_refuses_the_whole_bundle_naming_the_record_kind_and_field() {
    let mut t = team(&[Role::Coordinator]);
    let mut h = Household::new("Familia Rojas");
    h.intake_date = chrono::NaiveDate::from_ymd_opt(2026, 9, 1);
    let p = Person::new(h.id, "Ana Rojas");
    let cd = court(h.id);
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            w.create(&h)?;
            w.create(&p)?;
            w.create(&cd)
        })
        .unwrap();
    let m = t[1].store.member_id();
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();
    let cases: Vec<(&str, Uuid, &str, serde_json::Value, &str)> = vec![
        ("court_date", cd.id, "kind", "tea_party".into(), "court date, field kind"),
        ("household", h.id, "status", "exploded".into(), "family, field status"),
        ("person", p.id, "a_number", "A123-not-a-number".into(), "person, field a_number"),
        ("court_date", cd.id, "time_zone", "Mars/Olympus_Mons".into(), "court date, field time_zone"),
        ("court_date", cd.id, "local_start", "2026-13-45T99:00:00".into(), "court date, field local_start"),
        ("person", p.id, "birth_date", "2026-02-30".into(), "person, field birth_date"),
        ("household", h.id, "languages", serde_json::json!({"es": true}), "family, field languages"),
        (
            "court_date",
            cd.id,
            "person_id",
            Uuid::now_v7().to_string().into(),
            "court date, field person_id, that names a person this store has never had",
        ),
        // Rules across fields, on the record as it will stand after the merge.
        ("court_date", cd.id, "max_accompaniers", 1.into(), "court date, field accompaniers"),
        ("household", h.id, "closed_at", "2026-08-01".into(), "family, field closing date"),
    ];
    let (a, b) = t.split_at_mut(1);
    let (coord, second) = (&mut a[0], &mut b[0]);
    let mut seq = own_seq(second);
    for (table, id, field, value, expect) in cases {
        seq += 1;
        // A valid change rides along: it must not be applied either.
        let fine = one_field(
            second.store.device_id(),
            seq,
            second.store.clock().0 + 1,
            "household",
            h.id,
            "needs",
            "a ride".into(),
            second.store.member_id(),
        );
        let bad = one_field(
            second.store.device_id(),
            seq + 1,
            second.store.clock().0 + 2,
            table,
            id,
            field,
            value.clone(),
            second.store.member_id(),
        );
        let ops = vec![fine, bad];
        let mut hd = header(second, coord, &ops);
        hd.ranges[0].after = seq - 1;
        let bytes = craft(second, coord, hd, &ops);
        refused(coord, &bytes, expect);
        let msg = coord.import(&bytes).unwrap_err().to_string();
        assert!(!msg.contains(value.to_string().trim_matches('"')), "the value is not in the message: {msg}");
    }
    // Everything still reads, and what failed in the issue still answers.
    assert_eq!(coord.store.list::<CourtDate>().unwrap().len(), 1);
    assert_eq!(coord.store.get::<Household>(h.id).unwrap().status, HouseholdStatus::Active);
    assert!(amparo_core::sync::validate::damaged(coord.store.conn()).unwrap().is_empty());
    let now = coord.now;
    let agenda = amparo_core::query::agenda(coord.store.conn(), now, chrono::FixedOffset::east_opt(0).unwrap(), 30)
        .expect("the agenda reads");
    let _ = agenda;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    amparo_core::court::run_sheet(coord.store.conn(), day, "America/Chicago".parse().unwrap())
        .expect("the run sheet reads");
    for kind in [
        amparo_core::csvio::CsvKind::Households,
        amparo_core::csvio::CsvKind::CourtDates,
        amparo_core::csvio::CsvKind::Volunteers,
    ] {
        let csv = amparo_core::csvio::export_csv(coord.store.conn(), kind).expect("the export reads");
        assert!(!csv.contains("a ride"), "the valid change that rode along was not applied");
    }
}

/// Issue 12: authority is judged on the roster as of each change. A second coordinator's
/// offline edits still count when they arrive after she stepped down to accompanier; a
/// change she stamps after stepping down does not; and the team's last coordinator cannot
/// step down at all.
#[test]
fn a_coordinators_offline_edits_count_after_she_steps_down_and_later_ones_do_not() {
    let mut t = team(&[Role::Coordinator]);
    let (a, b) = t.split_at_mut(1);
    let (founder, second) = (&mut a[0], &mut b[0]);
    let hid = Household::new("Familia Quiñónez");
    let now = founder.tick();
    founder.store.create(now, &hid).unwrap();
    let hid = hid.id;
    let to_second = second.store.member_id();
    let bytes = founder.bundle_for(to_second, false);
    second.import(&bytes).unwrap();

    // Offline, the second coordinator reports the family detained.
    let mut h: Household = second.store.get(hid).unwrap();
    h.status = HouseholdStatus::Detained;
    let now = second.tick();
    second.store.write(now, |w| w.save(&h)).unwrap();

    // Meanwhile the founder makes her an accompanier; the founder cannot step down himself.
    let now = founder.tick();
    roster::set_role(&mut founder.store, to_second, Role::Accompanier, now).unwrap();
    let me = founder.store.member_id();
    let err = roster::set_role(&mut founder.store, me, Role::Accompanier, now).unwrap_err();
    assert!(err.to_string().contains("last coordinator"), "{err}");

    // Her report arrives after the change of role: it was made as a coordinator, and counts.
    let to_founder = founder.store.member_id();
    let bytes = second.bundle_for(to_founder, false);
    let summary = founder.import(&bytes).unwrap();
    assert_eq!(summary.left_out, 0, "{summary:?}");
    assert_eq!(founder.store.get::<Household>(hid).unwrap().status, HouseholdStatus::Detained);

    // Once her store knows her new role, it refuses the same kind of edit itself…
    let bytes = founder.bundle_for(to_second, false);
    second.import(&bytes).unwrap();
    let now = second.tick();
    let err = second.store.remove::<Household>(now, hid).unwrap_err();
    assert!(err.to_string().contains("accompanier"), "{err}");
    // …and one stamped after the change of role by other means is left out.
    let dev = second.store.device_id();
    let seq: i64 = second
        .store
        .conn()
        .query_row("SELECT max(seq) FROM change_log WHERE device_id = ?1", [dev.to_string()], |r| r.get(0))
        .unwrap();
    let ops = vec![one_field(
        dev,
        seq + 1,
        founder.store.clock().0 + 10,
        "household",
        hid,
        "status",
        "active".into(),
        to_second,
    )];
    let mut hd = header(second, founder, &ops);
    hd.ranges[0].after = seq;
    let bytes = craft(second, founder, hd, &ops);
    let summary = founder.import(&bytes).unwrap();
    assert_eq!(summary.left_out, 1, "{summary:?}");
    assert_eq!(founder.store.get::<Household>(hid).unwrap().status, HouseholdStatus::Detained);
}

/// Issue 12: a change an accompanier stamped before she was made a coordinator gains
/// nothing from the promotion, however late it arrives.
#[test]
fn a_change_stamped_before_a_promotion_is_judged_by_the_role_its_author_had() {
    let mut t = team(&[Role::Accompanier]);
    let (a, b) = t.split_at_mut(1);
    let (coord, acc) = (&mut a[0], &mut b[0]);
    let h = Household::new("Familia Peña");
    let now = coord.tick();
    coord.store.create(now, &h).unwrap();
    let acc_member = acc.store.member_id();
    let bytes = coord.bundle_for(acc_member, false);
    acc.import(&bytes).unwrap();

    let dev = acc.store.device_id();
    let seq: i64 = acc
        .store
        .conn()
        .query_row("SELECT max(seq) FROM change_log WHERE device_id = ?1", [dev.to_string()], |r| r.get(0))
        .unwrap();
    let stamped = coord.store.clock().0 + 1;
    let ops = vec![one_field(dev, seq + 1, stamped, "household", h.id, "_deleted", true.into(), acc_member)];
    let mut hd = header(acc, coord, &ops);
    hd.ranges[0].after = seq;
    let bytes = craft(acc, coord, hd, &ops);

    // Well after it was stamped, she is made a coordinator; then the change arrives.
    coord.now += chrono::Duration::hours(1);
    let now = coord.tick();
    roster::set_role(&mut coord.store, acc_member, Role::Coordinator, now).unwrap();
    let summary = coord.import(&bytes).unwrap();
    assert_eq!(summary.left_out, 1, "{summary:?}");
    assert!(coord.store.get::<Household>(h.id).is_ok(), "the family is still there");
    // What she changes as a coordinator now counts.
    let mut h2: Household = coord.store.get(h.id).unwrap();
    h2.status = HouseholdStatus::Detained;
    let now = coord.tick();
    coord.store.write(now, |w| w.save(&h2)).unwrap();
}

/// Issue 13: two laptops signing as one device (a copied store) number different changes
/// alike. The second one never applies, and the summary names whose device it is and what
/// to do; the same change arriving again is only "already seen".
#[test]
fn a_different_change_under_a_number_already_held_is_not_applied_and_is_named() {
    let (mut t, court_id) = court_team();
    let (a, b) = t.split_at_mut(1);
    let (coord, acc) = (&mut a[0], &mut b[0]);
    let dev = acc.store.device_id();
    let me = acc.store.member_id();
    let seq = own_seq(acc);
    let hlc = coord.store.clock().0 + 10;
    let first =
        vec![one_field(dev, seq + 1, hlc, "court_date", court_id, "accompanier_notes", "north door".into(), me)];
    let mut hd = header(acc, coord, &first);
    hd.ranges[0].after = seq;
    let bytes = craft(acc, coord, hd, &first);
    assert_eq!(coord.import(&bytes).unwrap().reused_numbers, 0);

    // The copy's change under the same number.
    let copy =
        vec![one_field(dev, seq + 1, hlc + 5, "court_date", court_id, "accompanier_notes", "south door".into(), me)];
    let mut hd = header(acc, coord, &copy);
    hd.ranges[0].after = seq;
    let bytes = craft(acc, coord, hd, &copy);
    let summary = coord.import(&bytes).unwrap();
    assert_eq!((summary.reused_numbers, summary.reused_by.clone()), (1, vec!["Member0".to_string()]), "{summary:?}");
    assert!(summary.to_string().contains("two laptops are signing as one"), "{summary}");
    let notes = coord.store.get::<CourtDate>(court_id).unwrap().accompanier_notes;
    assert_eq!(notes.as_deref(), Some("north door"));

    // The genuine change again is nothing new and nothing suspicious.
    let mut hd = header(acc, coord, &first);
    hd.ranges[0].after = seq;
    let bytes = craft(acc, coord, hd, &first);
    let again = coord.import(&bytes).unwrap();
    assert_eq!((again.reused_numbers, again.already_seen), (0, 1), "{again:?}");
}

/// Issue 12: the accompanier's grant to create court dates and tasks let her edit every
/// field of any existing one (a hearing's kind, a task's title): only creation is granted.
#[test]
fn an_accompanier_may_create_a_court_date_but_not_change_an_existing_ones_kind() {
    let (mut t, court_id) = court_team();
    let (a, b) = t.split_at_mut(1);
    let (coord, acc) = (&mut a[0], &mut b[0]);
    let dev = acc.store.device_id();
    let me = acc.store.member_id();
    let seq = own_seq(acc);
    let hlc = coord.store.clock().0 + 10;
    let ops = vec![one_field(dev, seq + 1, hlc, "court_date", court_id, "kind", "bond_hearing".into(), me)];
    let mut hd = header(acc, coord, &ops);
    hd.ranges[0].after = seq;
    let bytes = craft(acc, coord, hd, &ops);
    let summary = coord.import(&bytes).unwrap();
    assert_eq!(summary.left_out, 1, "{summary:?}");
    assert_eq!(coord.store.get::<CourtDate>(court_id).unwrap().kind, court(Uuid::nil()).kind);
}
