//! The bundle file: sign, then encrypt. See docs/bundle-format.md; the golden fixtures in
//! tests/fixtures/ freeze this format.
//!
//! Plaintext inside the age encryption:
//!
//! ```text
//! AMPARO BUNDLE 1\n
//! signer: <device uuid>\n
//! signature: <base64 Ed25519 signature>\n
//! header: <byte length of the header>\n
//! <header JSON>\n
//! <payload: one JSON operation per line>
//! ```

use std::collections::BTreeMap;
use std::io::{Read, Write};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::keys::{self, DeviceKeys};
use crate::error::{BundleRefusal, Error, Result};
use crate::store::{Change, FieldChange};

/// Format 2: one payload line per change of a record (format 1 had one per field, and is
/// still read).
pub const FORMAT_VERSION: u32 = 2;
pub const MAGIC: &str = "AMPARO BUNDLE 2";
const MAGIC_V1: &str = "AMPARO BUNDLE 1";
/// Domain separation: a signature over a bundle can never be mistaken for anything else.
pub const SIGNATURE_CONTEXT: &[u8] = b"amparo bundle signature v1\0";
/// Larger files are refused before decryption finishes.
pub const MAX_PLAINTEXT: u64 = 1 << 30;
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// Operations of one origin device with sequence numbers in `(after, upto]`: the sender
/// holds every one of them that the recipient may see, and the payload carries those.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub device: Uuid,
    pub after: i64,
    pub upto: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub schema: u32,
    pub team: Uuid,
    pub bundle_id: Uuid,
    pub sender_device: Uuid,
    pub sender_member: Uuid,
    /// Device ids the file is encrypted to.
    pub recipients: Vec<Uuid>,
    /// The sender's clock when the bundle was made.
    pub created_hlc: u64,
    pub full: bool,
    pub ranges: Vec<Range>,
    /// The sender's version vector: doubles as an acknowledgement of what it holds.
    pub vector: BTreeMap<Uuid, i64>,
    /// The number of payload lines (changes; in format 1, field operations).
    pub op_count: u64,
    pub payload_sha256: String,
}

pub(crate) fn signed_message(header: &[u8], payload_hash: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(SIGNATURE_CONTEXT.len() + 8 + header.len() + 32);
    m.extend_from_slice(SIGNATURE_CONTEXT);
    m.extend_from_slice(&(header.len() as u64).to_be_bytes());
    m.extend_from_slice(header);
    m.extend_from_slice(payload_hash);
    m
}

pub(crate) fn encode_payload(ops: &[Change]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(ops.len() * 400);
    for op in ops {
        serde_json::to_writer(&mut out, op).map_err(|e| Error::Internal(e.to_string()))?;
        out.push(b'\n');
    }
    Ok(out)
}

/// Build the signed plaintext of a bundle. Fills in `op_count` and `payload_sha256`.
pub fn sign(keys: &DeviceKeys, mut header: Header, ops: &[Change]) -> Result<Vec<u8>> {
    let payload = encode_payload(ops)?;
    let hash = Sha256::digest(&payload);
    header.op_count = ops.len() as u64;
    header.payload_sha256 = hex::encode(hash);
    let header_bytes = serde_json::to_vec(&header).map_err(|e| Error::Internal(e.to_string()))?;
    let sig = keys.sign(&signed_message(&header_bytes, &hash));
    let mut out = Vec::with_capacity(payload.len() + header_bytes.len() + 256);
    write!(
        out,
        "{MAGIC}\nsigner: {}\nsignature: {}\nheader: {}\n",
        header.sender_device,
        B64.encode(sig.to_bytes()),
        header_bytes.len()
    )
    .map_err(|e| Error::Internal(e.to_string()))?;
    out.extend_from_slice(&header_bytes);
    out.push(b'\n');
    out.extend_from_slice(&payload);
    Ok(out)
}

/// Encrypt signed plaintext to age X25519 recipients (binary age format).
pub fn encrypt(plaintext: &[u8], recipients: &[age::x25519::Recipient]) -> Result<Vec<u8>> {
    if recipients.is_empty() {
        return Err(crate::error::Refusal::RecipientWithoutDevice.into());
    }
    let enc = age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
        .map_err(|_| Error::Internal("could not set up encryption".into()))?;
    let mut out = Vec::with_capacity(plaintext.len() + 1024);
    let mut w = enc.wrap_output(&mut out).map_err(|e| Error::Internal(e.to_string()))?;
    w.write_all(plaintext).map_err(|e| Error::Internal(e.to_string()))?;
    w.finish().map_err(|e| Error::Internal(e.to_string()))?;
    Ok(out)
}

/// Decrypt a bundle file with this device's identity. Every failure is a clear error.
pub fn decrypt(bytes: &[u8], identity: &dyn age::Identity) -> Result<Vec<u8>> {
    if bytes.is_empty() {
        return Err(Error::refused(BundleRefusal::Empty, "the file is empty; it is not an Amparo bundle".into()));
    }
    // age's version line is not authenticated: a flipped byte in "age-encryption.org/v1"
    // reads as an unknown version, so that is called damaged, never "update Amparo" (only
    // a bundle whose signed header names a newer format or schema says that).
    let dec = age::Decryptor::new_buffered(bytes).map_err(|e| match e {
        age::DecryptError::UnknownFormat => Error::refused(
            BundleRefusal::Tampered,
            "the bundle is damaged or was altered in transit (its encryption header is unreadable)".into(),
        ),
        _ => Error::refused(
            BundleRefusal::NotABundle,
            "this is not an Amparo bundle (it is not an age-encrypted file, or its start is damaged)".into(),
        ),
    })?;
    if dec.is_scrypt() {
        return Err(Error::refused(
            BundleRefusal::Backup,
            "this file is protected by a passphrase (a backup?), not a sync bundle; use `amparo restore`".into(),
        ));
    }
    let reader = dec.decrypt(std::iter::once(identity)).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => Error::refused(BundleRefusal::OtherRecipient, "this bundle is not addressed to this device (it was encrypted for other recipients, or its recipient lines are damaged); ask the sender to export one for you".into(),
        ),
        _ => Error::refused(BundleRefusal::Tampered, "the bundle is damaged or was altered in transit (it does not decrypt)".into()),
    })?;
    let mut out = Vec::new();
    reader.take(MAX_PLAINTEXT + 1).read_to_end(&mut out).map_err(|_| {
        Error::refused(
            BundleRefusal::Tampered,
            "the bundle is damaged, truncated or was altered in transit (it does not decrypt)".into(),
        )
    })?;
    if out.len() as u64 > MAX_PLAINTEXT {
        return Err(Error::refused(BundleRefusal::TooLarge, "the bundle is too large to import".into()));
    }
    Ok(out)
}

/// A decrypted bundle before its signature is checked: only the fixed-format envelope
/// lines are read; the header and payload are opaque bytes.
pub struct Envelope<'a> {
    /// The format its first line names (1 or 2).
    pub format: u32,
    pub signer: Uuid,
    signature: Vec<u8>,
    header: &'a [u8],
    payload: &'a [u8],
}

fn damaged() -> Error {
    Error::refused(
        BundleRefusal::NotABundle,
        "the bundle is damaged or not an Amparo bundle (its inner layout is wrong)".into(),
    )
}

fn line<'a>(rest: &mut &'a [u8], prefix: &str) -> Result<&'a str> {
    let end = rest.iter().take(512).position(|&b| b == b'\n').ok_or_else(damaged)?;
    let text = std::str::from_utf8(&rest[..end]).map_err(|_| damaged())?;
    *rest = &rest[end + 1..];
    text.strip_prefix(prefix).ok_or_else(damaged)
}

impl<'a> Envelope<'a> {
    pub fn parse(plain: &'a [u8]) -> Result<Envelope<'a>> {
        let mut rest = plain;
        let magic = line(&mut rest, "")?;
        let format = match magic {
            MAGIC => FORMAT_VERSION,
            MAGIC_V1 => 1,
            _ if magic.starts_with("AMPARO BUNDLE ") => {
                return Err(Error::refused(
                    BundleRefusal::NewerVersion,
                    "this bundle was made by a newer Amparo; update Amparo to import this file".into(),
                ));
            }
            _ => return Err(damaged()),
        };
        let signer: Uuid = line(&mut rest, "signer: ")?.parse().map_err(|_| damaged())?;
        let signature = B64.decode(line(&mut rest, "signature: ")?).map_err(|_| damaged())?;
        let len: usize = line(&mut rest, "header: ")?.parse().map_err(|_| damaged())?;
        if len > rest.len() || len > 1 << 24 || rest.get(len) != Some(&b'\n') {
            return Err(damaged());
        }
        let header = &rest[..len];
        let payload = &rest[len + 1..];
        Ok(Envelope { format, signer, signature, header, payload })
    }

    /// Check the signature over the header and the whole payload, then read the header.
    pub fn verify(&self, sign_key: &str) -> Result<Header> {
        let key = keys::decode_sign_key(sign_key)?;
        let hash = Sha256::digest(self.payload);
        if !keys::verify(&key, &signed_message(self.header, &hash), &self.signature) {
            return Err(Error::refused(
                BundleRefusal::Tampered,
                "the bundle's signature does not match its content; it was altered or not made by the device it names"
                    .into(),
            ));
        }
        let header: Header = serde_json::from_slice(self.header).map_err(|_| damaged())?;
        if header.sender_device != self.signer
            || header.payload_sha256 != hex::encode(hash)
            || header.format != self.format
        {
            return Err(damaged());
        }
        Ok(header)
    }

    /// The changes. Call only after [`Envelope::verify`] succeeded.
    pub fn changes(&self, header: &Header) -> Result<Vec<Change>> {
        let mut out = Vec::with_capacity(header.op_count.min(1 << 16) as usize);
        for l in self.payload.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            out.push(match self.format {
                1 => serde_json::from_slice::<OpV1>(l).map_err(|_| damaged())?.into_change(),
                _ => serde_json::from_slice::<Change>(l).map_err(|_| damaged())?,
            });
        }
        if out.len() as u64 != header.op_count {
            return Err(damaged());
        }
        Ok(out)
    }
}

/// A payload line of format 1: one field of one change.
#[derive(Deserialize)]
struct OpV1 {
    device_id: Uuid,
    seq: i64,
    hlc: u64,
    table: String,
    record_id: Uuid,
    field: String,
    value: serde_json::Value,
    author: Option<Uuid>,
    base_hlc: Option<u64>,
    base_device: Option<Uuid>,
}

impl OpV1 {
    fn into_change(self) -> Change {
        let field = FieldChange { value: self.value, base_hlc: self.base_hlc, base_device: self.base_device };
        Change {
            device_id: self.device_id,
            seq: self.seq,
            hlc: self.hlc,
            table: self.table,
            record_id: self.record_id,
            author: self.author,
            fields: BTreeMap::from([(self.field, field)]),
        }
    }
}
