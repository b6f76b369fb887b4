//! Frozen bundle format: files made by this version must stay readable by later ones.
//! tests/fixtures/bundle-v1/ holds a bundle, the (fixture-only) age identity it is
//! encrypted to, the signer's public key, and what it must decode to.
//! Regenerate only for a new format version:
//! `AMPARO_WRITE_FIXTURES=1 cargo test --test sync_golden -- --ignored`

use std::collections::BTreeMap;
use std::path::PathBuf;

use amparo::store::Op;
use amparo::sync::bundle::{self, Envelope, Header, Range};
use amparo::sync::keys::DeviceKeys;
use uuid::Uuid;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundle-v1")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap()
}

fn fixture_ops(device: Uuid, member: Uuid) -> Vec<Op> {
    let rec = Uuid::parse_str("0192f3a0-0000-7000-8000-000000000001").unwrap();
    let court = Uuid::parse_str("0192f3a0-0000-7000-8000-000000000002").unwrap();
    let op = |seq: i64, table: &str, record: Uuid, field: &str, value: serde_json::Value, base: Option<u64>| Op {
        device_id: device,
        seq,
        hlc: (1_795_000_000_000u64 << 16) + seq as u64,
        table: table.into(),
        record_id: record,
        field: field.into(),
        value,
        author: Some(member),
        base_hlc: base,
        base_device: base.map(|_| device),
    };
    vec![
        op(1, "household", rec, "display_name", "Familia Ejemplo".into(), None),
        op(2, "household", rec, "languages", serde_json::json!(["es", "en"]), None),
        op(3, "court_date", court, "household_id", rec.to_string().into(), None),
        op(4, "court_date", court, "place", "Immigration Court, Room 5".into(), None),
        op(5, "court_date", court, "place", "Immigration Court, Room 7".into(), Some((1_795_000_000_000u64 << 16) + 4)),
        op(6, "court_date", court, "_deleted", true.into(), None),
    ]
}

#[test]
#[ignore]
fn write_fixtures() {
    if std::env::var("AMPARO_WRITE_FIXTURES").is_err() {
        return;
    }
    let device = Uuid::parse_str("0192f3a0-0000-7000-8000-00000000d001").unwrap();
    let member = Uuid::parse_str("0192f3a0-0000-7000-8000-00000000a001").unwrap();
    let keys = DeviceKeys::generate(device);
    let recipient_keys = DeviceKeys::generate(Uuid::parse_str("0192f3a0-0000-7000-8000-00000000d002").unwrap());
    let ops = fixture_ops(device, member);
    let header = Header {
        format: 1,
        schema: 2,
        team: Uuid::parse_str("0192f3a0-0000-7000-8000-0000000000ee").unwrap(),
        bundle_id: Uuid::parse_str("0192f3a0-0000-7000-8000-0000000000b1").unwrap(),
        sender_device: device,
        sender_member: member,
        recipients: vec![recipient_keys.device_id()],
        created_hlc: (1_795_000_000_000u64 << 16) + 10,
        full: true,
        ranges: vec![Range { device, after: 0, upto: 6 }],
        vector: BTreeMap::from([(device, 6)]),
        op_count: 0,
        payload_sha256: String::new(),
    };
    let plain = bundle::sign(&keys, header, &ops).unwrap();
    let rcpt: age::x25519::Recipient = recipient_keys.public().age_recipient.parse().unwrap();
    let file = bundle::encrypt(&plain, &[rcpt]).unwrap();
    std::fs::create_dir_all(dir()).unwrap();
    std::fs::write(dir().join("bundle.age"), file).unwrap();
    std::fs::write(dir().join("plaintext.txt"), &plain).unwrap();
    std::fs::write(dir().join("identity.txt"), format!("# fixture only: never a real key\n{}\n", recipient_keys.age_identity_text().as_str())).unwrap();
    std::fs::write(dir().join("signer.pub"), format!("{}\n", keys.public().sign_key)).unwrap();
}

fn identity() -> age::x25519::Identity {
    read("identity.txt").lines().find(|l| l.starts_with("AGE-SECRET-KEY-")).unwrap().parse().unwrap()
}

#[test]
fn the_v1_fixture_still_decrypts_verifies_and_decodes() {
    let file = std::fs::read(dir().join("bundle.age")).unwrap();
    let plain = bundle::decrypt(&file, &identity()).unwrap();
    assert_eq!(plain, std::fs::read(dir().join("plaintext.txt")).unwrap());
    let env = Envelope::parse(&plain).unwrap();
    let header = env.verify(read("signer.pub").trim()).unwrap();
    assert_eq!(header.format, 1);
    assert_eq!(header.schema, 2);
    assert_eq!(header.team.to_string(), "0192f3a0-0000-7000-8000-0000000000ee");
    assert_eq!(header.ranges, vec![Range { device: header.sender_device, after: 0, upto: 6 }]);
    assert!(header.full);
    let ops = env.ops(&header).unwrap();
    assert_eq!(ops, fixture_ops(header.sender_device, header.sender_member));
}

#[test]
fn the_v1_fixture_fails_verification_with_any_other_key() {
    let plain = std::fs::read(dir().join("plaintext.txt")).unwrap();
    let env = Envelope::parse(&plain).unwrap();
    let other = DeviceKeys::generate(Uuid::nil()).public().sign_key;
    assert!(env.verify(&other).is_err());
}

#[test]
fn the_standard_age_tool_decrypts_the_fixture_when_installed() {
    let Ok(out) = std::process::Command::new("age")
        .args(["-d", "-i"])
        .arg(dir().join("identity.txt"))
        .arg(dir().join("bundle.age"))
        .output()
    else {
        eprintln!("the age command is not installed; skipped");
        return;
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.stdout, std::fs::read(dir().join("plaintext.txt")).unwrap());
    assert!(out.stdout.starts_with(b"AMPARO BUNDLE 1\nsigner: "));
}
