//! This device's keys: an age X25519 identity to decrypt bundles and an Ed25519 key to
//! sign them. The secrets live only inside the encrypted store; the public halves are
//! ordinary fields of the synced `device` record.

use std::str::FromStr;

use age::secrecy::ExposeSecret;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rusqlite::OptionalExtension;
use sha2::{Digest, Sha256};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::schema;
use crate::store::Store;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The secret keys of this device. Not `Clone`, not `Serialize`; both halves wipe
/// themselves on drop (x25519-dalek and ed25519-dalek zeroize their secrets).
pub struct DeviceKeys {
    pub(crate) device_id: Uuid,
    pub(crate) age: age::x25519::Identity,
    pub(crate) sign: SigningKey,
}

impl std::fmt::Debug for DeviceKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceKeys").field("device_id", &self.device_id).finish_non_exhaustive()
    }
}

impl DeviceKeys {
    pub fn generate(device_id: Uuid) -> Self {
        DeviceKeys {
            device_id,
            age: age::x25519::Identity::generate(),
            sign: SigningKey::generate(&mut rand::rngs::OsRng),
        }
    }

    pub fn device_id(&self) -> Uuid {
        self.device_id
    }

    pub fn public(&self) -> PublicKeys {
        PublicKeys {
            sign_key: encode_sign_key(&self.sign.verifying_key()),
            age_recipient: self.age.to_public().to_string(),
        }
    }

    pub(crate) fn sign(&self, message: &[u8]) -> Signature {
        self.sign.sign(message)
    }

    /// The age identity in its standard text form (`AGE-SECRET-KEY-1…`), wiped on drop.
    pub fn age_identity_text(&self) -> Zeroizing<String> {
        Zeroizing::new(self.age.to_string().expose_secret().to_string())
    }
}

/// The public halves, as stored in the `device` record and printed on member cards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKeys {
    /// Base64 of the 32-byte Ed25519 verifying key.
    pub sign_key: String,
    /// An age X25519 recipient, `age1…`.
    pub age_recipient: String,
}

impl PublicKeys {
    /// A human-comparable fingerprint: 20 digits in groups of five, derived from both keys
    /// and the device id. Two people compare it in person before trusting a card.
    pub fn fingerprint(&self, device_id: Uuid) -> String {
        let mut h = Sha256::new();
        h.update(b"amparo-fingerprint-v1\0");
        h.update(device_id.as_bytes());
        h.update(self.sign_key.as_bytes());
        h.update([0]);
        h.update(self.age_recipient.as_bytes());
        let d = h.finalize();
        (0..4)
            .map(|i| {
                let n = u32::from_be_bytes([d[i * 4], d[i * 4 + 1], d[i * 4 + 2], d[i * 4 + 3]]) % 100_000;
                format!("{n:05}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub(crate) fn encode_sign_key(k: &VerifyingKey) -> String {
    B64.encode(k.as_bytes())
}

pub(crate) fn encode_signature(s: &Signature) -> String {
    B64.encode(s.to_bytes())
}

/// A signature's 64 bytes from base64, or `None` when the text is not one.
pub(crate) fn decode_signature(text: &str) -> Option<Vec<u8>> {
    B64.decode(text.trim()).ok().filter(|b| b.len() == 64)
}

pub(crate) fn decode_sign_key(text: &str) -> Result<VerifyingKey> {
    let bad = || Error::invalid("signing key", "not a valid Ed25519 public key");
    let bytes = B64.decode(text.trim()).map_err(|_| bad())?;
    let arr: [u8; 32] = bytes.try_into().map_err(|_| bad())?;
    VerifyingKey::from_bytes(&arr).map_err(|_| bad())
}

pub(crate) fn decode_recipient(text: &str) -> Result<age::x25519::Recipient> {
    age::x25519::Recipient::from_str(text.trim())
        .map_err(|_| Error::invalid("age recipient", "not a valid age public key (age1…)"))
}

pub(crate) fn verify(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    let Ok(arr) = <[u8; 64]>::try_from(signature) else { return false };
    key.verify(message, &Signature::from_bytes(&arr)).is_ok()
}

/// This device's age identity as a file to export, readable by the standard `age` tool:
/// encrypted with a passphrase (age's scrypt mode, armored; the passphrase meets
/// `store::key::MIN_PASSPHRASE_CHARS`, `work_factor` lowers scrypt's cost in tests), or in
/// plaintext when `protect` is `None` (only when the person asked for it explicitly).
pub fn identity_file(keys: &DeviceKeys, protect: Option<(&str, Option<u8>)>) -> Result<Zeroizing<Vec<u8>>> {
    let id = keys.age_identity_text();
    let Some((passphrase, work_factor)) = protect else {
        return Ok(Zeroizing::new(format!("# Amparo device identity (age)\n{}\n", id.as_str()).into_bytes()));
    };
    crate::store::key::check_passphrase("identity passphrase", passphrase)?;
    let mut r = age::scrypt::Recipient::new(age::secrecy::SecretString::from(passphrase.to_string()));
    if let Some(n) = work_factor {
        r.set_work_factor(n);
    }
    let text = Zeroizing::new(format!("{}\n", id.as_str()));
    let enc = age::encrypt_and_armor(&r, text.as_bytes())
        .map_err(|_| Error::Internal("could not encrypt the identity".into()))?;
    Ok(Zeroizing::new(enc.into_bytes()))
}

/// Make sure this device has keys: generate them on first use (stores made before sync
/// existed) and publish the public halves in its `device` record.
pub fn ensure(store: &mut Store, now: DateTime<Utc>) -> Result<()> {
    let device_id = store.device_id();
    let have: bool = store
        .conn()
        .query_row("SELECT 1 FROM device_secret WHERE device_id = ?1", [device_id.to_string()], |_| Ok(true))
        .optional()?
        .unwrap_or(false);
    if have {
        return Ok(());
    }
    let keys = DeviceKeys::generate(device_id);
    let public = keys.public();
    let age_text = keys.age_identity_text();
    let sign_hex = Zeroizing::new(hex::encode(keys.sign.to_bytes()));
    store.write(now, |w| {
        w.tx().execute(
            "INSERT INTO device_secret(device_id, age_identity, sign_secret) VALUES (?1, ?2, ?3)",
            (device_id.to_string(), age_text.as_str(), sign_hex.as_str()),
        )?;
        let exists =
            w.tx().query_row("SELECT 1 FROM device WHERE id = ?1", [device_id.to_string()], |_| Ok(())).optional()?;
        if exists.is_some() {
            w.update(
                &schema::DEVICE,
                device_id,
                &[("sign_key", public.sign_key.clone().into()), ("age_recipient", public.age_recipient.clone().into())],
            )?;
        }
        Ok(())
    })
}

/// Load this device's secret keys (generating them first if the store predates sync).
pub fn load(store: &mut Store, now: DateTime<Utc>) -> Result<DeviceKeys> {
    ensure(store, now)?;
    load_from(store.conn(), store.device_id())
}

pub(crate) fn load_from(conn: &rusqlite::Connection, device_id: Uuid) -> Result<DeviceKeys> {
    let (age_text, sign_hex): (Zeroizing<String>, Zeroizing<String>) = conn
        .query_row(
            "SELECT age_identity, sign_secret FROM device_secret WHERE device_id = ?1",
            [device_id.to_string()],
            |r| Ok((Zeroizing::new(r.get(0)?), Zeroizing::new(r.get(1)?))),
        )
        .optional()?
        .ok_or_else(|| Error::Internal("this device has no keys yet".into()))?;
    let age = age::x25519::Identity::from_str(&age_text)
        .map_err(|_| Error::Internal("stored age identity is damaged".into()))?;
    let bytes = Zeroizing::new(
        hex::decode(sign_hex.as_str()).map_err(|_| Error::Internal("stored signing key is damaged".into()))?,
    );
    let arr: Zeroizing<[u8; 32]> = Zeroizing::new(
        bytes.as_slice().try_into().map_err(|_| Error::Internal("stored signing key is damaged".into()))?,
    );
    Ok(DeviceKeys { device_id, age, sign: SigningKey::from_bytes(&arr) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_differ_per_key_and_are_stable() {
        let a = DeviceKeys::generate(Uuid::nil());
        let b = DeviceKeys::generate(Uuid::nil());
        let fa = a.public().fingerprint(Uuid::nil());
        assert_eq!(fa, a.public().fingerprint(Uuid::nil()));
        assert_ne!(fa, b.public().fingerprint(Uuid::nil()));
        assert_eq!(fa.len(), 23);
        let sig = a.sign(b"hello");
        assert!(verify(&decode_sign_key(&a.public().sign_key).unwrap(), b"hello", &sig.to_bytes()));
        assert!(!verify(&decode_sign_key(&b.public().sign_key).unwrap(), b"hello", &sig.to_bytes()));
    }
}
