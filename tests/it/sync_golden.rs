//! Frozen bundle formats: files made by any released version must stay readable by later
//! ones. tests/fixtures/bundle-v1/ and bundle-v2/ each hold a bundle, the (fixture-only)
//! age identity it is encrypted to, the signer's public key, and its plaintext; the
//! changes it must decode to are below. Format 1 carried one field per payload line,
//! format 2 one change of a record (several fields) per line.
//! Write the fixture of the current format only when the format changes:
//! `AMPARO_WRITE_FIXTURES=1 cargo test --test sync_golden -- --ignored`
use crate::support;

use std::collections::BTreeMap;
use std::path::PathBuf;

use amparo_core::store::{Change, FieldChange};
use amparo_core::sync::bundle::{self, Envelope, Header, Range};
use amparo_core::sync::keys::DeviceKeys;
use uuid::Uuid;

fn dir(format: u32) -> PathBuf {
    support::repo_root().join(format!("tests/fixtures/bundle-v{format}"))
}

fn read(format: u32, name: &str) -> String {
    std::fs::read_to_string(dir(format).join(name)).unwrap()
}

const T: u64 = 1_795_000_000_000u64 << 16;

fn change(
    device: Uuid,
    member: Uuid,
    seq: i64,
    table: &str,
    record: Uuid,
    fields: &[(&str, serde_json::Value, Option<u64>)],
) -> Change {
    Change {
        device_id: device,
        seq,
        hlc: T + seq as u64,
        table: table.into(),
        record_id: record,
        author: Some(member),
        fields: fields
            .iter()
            .map(|(f, v, base)| {
                (f.to_string(), FieldChange { value: v.clone(), base_hlc: *base, base_device: base.map(|_| device) })
            })
            .collect(),
    }
}

fn ids() -> (Uuid, Uuid) {
    (
        Uuid::parse_str("0192f3a0-0000-7000-8000-000000000001").unwrap(),
        Uuid::parse_str("0192f3a0-0000-7000-8000-000000000002").unwrap(),
    )
}

/// What the format 1 fixture decodes to: each field a change of its own.
fn fixture_v1(device: Uuid, member: Uuid) -> Vec<Change> {
    let (rec, court) = ids();
    let c = |seq, table, record, field: &str, value: serde_json::Value, base| {
        change(device, member, seq, table, record, &[(field, value, base)])
    };
    vec![
        c(1, "household", rec, "display_name", "Familia Ejemplo".into(), None),
        c(2, "household", rec, "languages", serde_json::json!(["es", "en"]), None),
        c(3, "court_date", court, "household_id", rec.to_string().into(), None),
        c(4, "court_date", court, "place", "Immigration Court, Room 5".into(), None),
        c(5, "court_date", court, "place", "Immigration Court, Room 7".into(), Some(T + 4)),
        c(6, "court_date", court, "_deleted", true.into(), None),
    ]
}

/// What the format 2 fixture decodes to.
fn fixture_v2(device: Uuid, member: Uuid) -> Vec<Change> {
    let (rec, court) = ids();
    vec![
        change(
            device,
            member,
            1,
            "household",
            rec,
            &[("display_name", "Familia Ejemplo".into(), None), ("languages", serde_json::json!(["es", "en"]), None)],
        ),
        change(
            device,
            member,
            2,
            "court_date",
            court,
            &[("household_id", rec.to_string().into(), None), ("place", "Immigration Court, Room 5".into(), None)],
        ),
        change(device, member, 3, "court_date", court, &[("place", "Immigration Court, Room 7".into(), Some(T + 2))]),
        change(device, member, 4, "court_date", court, &[("_deleted", true.into(), Some(T + 3))]),
        change(device, member, 5, "court_date", court, &[("_deleted", false.into(), Some(T + 4))]),
    ]
}

#[test]
#[ignore]
fn write_fixtures() {
    if std::env::var("AMPARO_WRITE_FIXTURES").is_err() {
        return;
    }
    let format = bundle::FORMAT_VERSION;
    let device = Uuid::parse_str("0192f3a0-0000-7000-8000-00000000d001").unwrap();
    let member = Uuid::parse_str("0192f3a0-0000-7000-8000-00000000a001").unwrap();
    let keys = DeviceKeys::generate(device);
    let recipient_keys = DeviceKeys::generate(Uuid::parse_str("0192f3a0-0000-7000-8000-00000000d002").unwrap());
    let changes = fixture_v2(device, member);
    let upto = changes.len() as i64;
    let header = Header {
        format,
        schema: 6,
        team: Uuid::parse_str("0192f3a0-0000-7000-8000-0000000000ee").unwrap(),
        bundle_id: Uuid::parse_str("0192f3a0-0000-7000-8000-0000000000b2").unwrap(),
        sender_device: device,
        sender_member: member,
        recipients: vec![recipient_keys.device_id()],
        created_hlc: T + 10,
        full: true,
        ranges: vec![Range { device, after: 0, upto }],
        vector: BTreeMap::from([(device, upto)]),
        op_count: 0,
        payload_sha256: String::new(),
    };
    let plain = bundle::sign(&keys, header, &changes).unwrap();
    let rcpt: age::x25519::Recipient = recipient_keys.public().age_recipient.parse().unwrap();
    let file = bundle::encrypt(&plain, &[rcpt]).unwrap();
    std::fs::create_dir_all(dir(format)).unwrap();
    std::fs::write(dir(format).join("bundle.age"), file).unwrap();
    std::fs::write(dir(format).join("plaintext.txt"), &plain).unwrap();
    std::fs::write(
        dir(format).join("identity.txt"),
        format!("# fixture only: never a real key\n{}\n", recipient_keys.age_identity_text().as_str()),
    )
    .unwrap();
    std::fs::write(dir(format).join("signer.pub"), format!("{}\n", keys.public().sign_key)).unwrap();
}

fn identity(format: u32) -> age::x25519::Identity {
    read(format, "identity.txt").lines().find(|l| l.starts_with("AGE-SECRET-KEY-")).unwrap().parse().unwrap()
}

fn decode(format: u32) -> (Header, Vec<Change>) {
    let file = std::fs::read(dir(format).join("bundle.age")).unwrap();
    let plain = bundle::decrypt(&file, &identity(format)).unwrap();
    assert_eq!(plain, std::fs::read(dir(format).join("plaintext.txt")).unwrap());
    let env = Envelope::parse(&plain).unwrap();
    let header = env.verify(read(format, "signer.pub").trim()).unwrap();
    assert_eq!(header.format, format);
    assert_eq!(header.team.to_string(), "0192f3a0-0000-7000-8000-0000000000ee");
    assert!(header.full);
    let changes = env.changes(&header).unwrap();
    (header, changes)
}

#[test]
fn the_v1_fixture_still_decrypts_verifies_and_decodes_one_field_per_change() {
    let (header, changes) = decode(1);
    assert_eq!(header.schema, 2);
    assert_eq!(header.ranges, vec![Range { device: header.sender_device, after: 0, upto: 6 }]);
    assert_eq!(changes, fixture_v1(header.sender_device, header.sender_member));
}

#[test]
fn the_v2_fixture_decrypts_verifies_and_decodes() {
    let (header, changes) = decode(2);
    assert_eq!(header.ranges, vec![Range { device: header.sender_device, after: 0, upto: 5 }]);
    assert_eq!(changes, fixture_v2(header.sender_device, header.sender_member));
}

#[test]
fn the_fixtures_fail_verification_with_any_other_key() {
    for format in [1, 2] {
        let plain = std::fs::read(dir(format).join("plaintext.txt")).unwrap();
        let env = Envelope::parse(&plain).unwrap();
        let other = DeviceKeys::generate(Uuid::nil()).public().sign_key;
        assert!(env.verify(&other).is_err());
    }
}

#[test]
fn the_standard_age_tool_decrypts_the_fixtures_when_installed() {
    for format in [1, 2] {
        let Some(out) = support::replicas::age_cli(
            std::process::Command::new("age")
                .args(["-d", "-i"])
                .arg(dir(format).join("identity.txt"))
                .arg(dir(format).join("bundle.age")),
        ) else {
            return;
        };
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.stdout, std::fs::read(dir(format).join("plaintext.txt")).unwrap());
        assert!(out.stdout.starts_with(format!("AMPARO BUNDLE {format}\nsigner: ").as_bytes()));
    }
}

/// Member cards leave the machine too: a version 2 card made by the CLI (fixture-only keys;
/// the store it came from was thrown away) must stay readable, and any changed line of it
/// must fail.
#[test]
fn the_member_card_v2_fixture_still_verifies_and_a_changed_line_fails() {
    let text = std::fs::read_to_string(support::repo_root().join("tests/fixtures/member-card-v2/card.txt")).unwrap();
    let card = amparo_core::sync::Card::parse(&text).unwrap();
    assert_eq!(card.name, "Ada Fixture");
    assert_eq!(card.fingerprint(), "13699 75427 03972 12915");
    assert_eq!(card.role, Some(amparo_core::domain::Role::Coordinator));
    let team = card.team.unwrap();
    assert_eq!((team.name.as_str(), team.founder_device), ("Fixture Team", card.device_id));
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.starts_with("fingerprint:") || line.starts_with("signature:") {
            continue;
        }
        let (key, value) = line.split_once(": ").unwrap();
        let changed = text.replacen(
            line,
            &format!("{key}: {}", if key == "role" { "driver".to_string() } else { format!("{value}x") }),
            1,
        );
        assert!(amparo_core::sync::Card::parse(&changed).is_err(), "line {i} ({key}) changed and still accepted");
    }
}
