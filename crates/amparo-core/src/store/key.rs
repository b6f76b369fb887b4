//! The key file: the database's random 256-bit key, wrapped (XChaCha20-Poly1305) by a
//! key derived from the passphrase with Argon2id. Changing the passphrase re-wraps the
//! key; the database itself is never re-encrypted.

use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

pub const KEY_FILE: &str = "key.json";

/// The one minimum for every passphrase Amparo sets: a store's (`init`, `passwd`), a
/// backup's and an exported identity's. Characters, not bytes; spaces at either end do not
/// count. (Opening a store or a backup checks nothing: the passphrase is whatever it was.)
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Refuse a passphrase shorter than [`MIN_PASSPHRASE_CHARS`]; `field` names which one.
pub fn check_passphrase(field: &'static str, passphrase: &str) -> Result<()> {
    if passphrase.trim().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::bad(field, crate::error::Invalid::PassphraseTooShort { min: MIN_PASSPHRASE_CHARS as u32 }));
    }
    Ok(())
}
const FORMAT: &str = "amparo-key";
const VERSION: u32 = 1;

/// Argon2id cost. The default costs roughly half a second or more per guess on a
/// 2-core laptop and 128 MiB of memory, which is what makes brute force expensive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
}

impl Default for KdfParams {
    fn default() -> Self {
        KdfParams { m_cost_kib: 128 * 1024, t_cost: 3, p_cost: 1 }
    }
}

impl KdfParams {
    /// The weakest parameters a key file may carry; a file asking for less is refused as
    /// tampered, so an attacker cannot downgrade a store's protection.
    pub const MINIMUM: KdfParams = KdfParams { m_cost_kib: 64 * 1024, t_cost: 2, p_cost: 1 };

    fn acceptable(&self) -> bool {
        self.m_cost_kib >= Self::MINIMUM.m_cost_kib
            && self.t_cost >= Self::MINIMUM.t_cost
            && (1..=16).contains(&self.p_cost)
            && self.m_cost_kib <= 4 * 1024 * 1024
            && self.t_cost <= 64
    }
}

/// The database key. Not `Clone`, not `Serialize`; wiped from memory on drop.
pub struct DbKey(Zeroizing<[u8; 32]>);

impl DbKey {
    pub fn generate() -> Self {
        let mut k = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(k.as_mut());
        DbKey(k)
    }

    /// The SQLCipher raw-key literal, itself wiped on drop.
    pub(crate) fn pragma_literal(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(&self.0[..])))
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct KeyFile {
    format: String,
    version: u32,
    kdf: String,
    params: KdfParams,
    salt: String,
    aead: String,
    nonce: String,
    wrapped_key: String,
    /// SHA-256 over the fields above, so a damaged file is told apart from a wrong passphrase.
    checksum: String,
}

impl KeyFile {
    fn checksum_of(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            self.format.as_str(),
            &self.version.to_string(),
            &self.kdf,
            &format!("{}/{}/{}", self.params.m_cost_kib, self.params.t_cost, self.params.p_cost),
            &self.salt,
            &self.aead,
            &self.nonce,
            &self.wrapped_key,
        ] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        hex::encode(h.finalize())
    }

    fn associated_data(&self) -> Vec<u8> {
        format!(
            "{}/{}/argon2id/{}/{}/{}",
            self.format, self.version, self.params.m_cost_kib, self.params.t_cost, self.params.p_cost
        )
        .into_bytes()
    }
}

fn derive(passphrase: &str, salt: &[u8], params: KdfParams) -> Result<Zeroizing<[u8; 32]>> {
    let p = Params::new(params.m_cost_kib, params.t_cost, params.p_cost, Some(32))
        .map_err(|e| Error::Internal(format!("argon2 parameters: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, p)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| Error::Internal(format!("argon2: {e}")))?;
    Ok(out)
}

/// Wrap `key` under `passphrase` and write the key file atomically (temp file + rename).
pub fn write(dir: &Path, key: &DbKey, passphrase: &str, params: KdfParams) -> Result<()> {
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let mut file = KeyFile {
        format: FORMAT.into(),
        version: VERSION,
        kdf: "argon2id".into(),
        params,
        salt: hex::encode(salt),
        aead: "xchacha20poly1305".into(),
        nonce: hex::encode(nonce),
        wrapped_key: String::new(),
        checksum: String::new(),
    };
    let kek = derive(passphrase, &salt, params)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
    let aad = file.associated_data();
    let wrapped = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: &key.0[..], aad: &aad })
        .map_err(|_| Error::Internal("key wrapping failed".into()))?;
    file.wrapped_key = hex::encode(wrapped);
    file.checksum = file.checksum_of();
    let text = serde_json::to_string_pretty(&file).map_err(|e| Error::Internal(e.to_string()))?;
    crate::store::write_private(&dir.join(KEY_FILE), text.as_bytes())
}

/// Read the key file and unwrap the database key with `passphrase`.
pub fn read(dir: &Path, passphrase: &str) -> Result<DbKey> {
    let path = dir.join(KEY_FILE);
    let corrupt = |what: &str| Error::Corrupt { path: dir.to_path_buf(), what: format!("key file: {what}") };
    let bytes = std::fs::read(&path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    let file: KeyFile = serde_json::from_slice(&bytes).map_err(|_| corrupt("not a valid key file"))?;
    if file.format != FORMAT {
        return Err(corrupt("not an Amparo key file"));
    }
    if file.version > VERSION {
        return Err(crate::error::Refusal::NewerStore { path: dir.display().to_string() }.into());
    }
    if file.checksum != file.checksum_of() {
        return Err(corrupt("checksum mismatch"));
    }
    if file.kdf != "argon2id" || file.aead != "xchacha20poly1305" || !file.params.acceptable() {
        return Err(corrupt("unsupported or weakened key derivation"));
    }
    let salt = hex::decode(&file.salt).map_err(|_| corrupt("salt"))?;
    let nonce = hex::decode(&file.nonce).map_err(|_| corrupt("nonce"))?;
    let wrapped = hex::decode(&file.wrapped_key).map_err(|_| corrupt("wrapped key"))?;
    if nonce.len() != 24 || salt.len() < 16 {
        return Err(corrupt("salt or nonce length"));
    }
    let kek = derive(passphrase, &salt, file.params)?;
    let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&kek[..]));
    let aad = file.associated_data();
    let plain = Zeroizing::new(
        cipher
            .decrypt(XNonce::from_slice(&nonce), Payload { msg: &wrapped, aad: &aad })
            .map_err(|_| Error::WrongPassphrase(dir.to_path_buf()))?,
    );
    if plain.len() != 32 {
        return Err(corrupt("wrapped key length"));
    }
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&plain);
    Ok(DbKey(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams::MINIMUM;

    #[test]
    fn wraps_and_unwraps_and_tells_wrong_passphrase_from_damage() {
        let dir = tempfile::tempdir().unwrap();
        let key = DbKey::generate();
        write(dir.path(), &key, "correct horse", FAST).unwrap();
        let back = read(dir.path(), "correct horse").unwrap();
        assert_eq!(&back.0[..], &key.0[..]);
        assert!(matches!(read(dir.path(), "wrong"), Err(Error::WrongPassphrase(_))));

        let path = dir.path().join(KEY_FILE);
        let text = std::fs::read_to_string(&path).unwrap();
        let damaged = text.replacen("\"wrapped_key\": \"", "\"wrapped_key\": \"00", 1);
        std::fs::write(&path, damaged).unwrap();
        assert!(matches!(read(dir.path(), "correct horse"), Err(Error::Corrupt { .. })));
        std::fs::write(&path, &text[..text.len() / 2]).unwrap();
        assert!(matches!(read(dir.path(), "correct horse"), Err(Error::Corrupt { .. })));
    }

    #[test]
    fn a_key_file_asking_for_weaker_parameters_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let key = DbKey::generate();
        write(dir.path(), &key, "pw", FAST).unwrap();
        let path = dir.path().join(KEY_FILE);
        let mut file: KeyFile = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        file.params.m_cost_kib = 8;
        file.checksum = file.checksum_of();
        std::fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();
        assert!(matches!(read(dir.path(), "pw"), Err(Error::Corrupt { .. })));
    }
}
