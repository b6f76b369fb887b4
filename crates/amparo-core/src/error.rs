//! The one error type of the core. Messages are lower-case, name the problem and say
//! what to do; they never contain record contents (names, A-numbers, notes).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use crate::refusal::{CsvProblem, Invalid, Refusal, SwapProblem};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A small, stable set of codes that front ends branch on and translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    WrongPassphrase,
    NoStore,
    StoreExists,
    Corrupt,
    Invalid,
    NotFound,
    Refused,
    Bundle,
    Io,
    /// Another process (the app, the CLI) is writing to the store: try again.
    Busy,
    Internal,
}

/// Why a sync bundle was refused, for front ends that translate the refusal; set where the
/// refusal is made (tests/it/sync_refusals.rs checks each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleRefusal {
    Empty,
    NotABundle,
    /// The signature is missing or does not match, or the file does not decrypt.
    Tampered,
    NotOnRoster,
    Revoked,
    OtherRecipient,
    NewerVersion,
    OtherTeam,
    /// A passphrase-protected backup, not a bundle.
    Backup,
    TooLarge,
    /// Roster changes or relayed changes from someone who is not a coordinator.
    NotCoordinator,
    InvalidChange,
    Other,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("wrong passphrase for the store at {0}")]
    WrongPassphrase(PathBuf),
    #[error(
        "no Amparo store at {0}; create one with `amparo init` or point --store (or AMPARO_STORE) at an existing store"
    )]
    NoStore(PathBuf),
    #[error("a store already exists at {0}; open it, or choose another directory")]
    StoreExists(PathBuf),
    #[error("the store at {path} is damaged ({what}); restore it from a backup or a teammate's bundle")]
    Corrupt { path: PathBuf, what: String },
    #[error("this build of Amparo has no working database encryption; refusing to run")]
    NoEncryption,
    #[error("invalid {field}: {message}")]
    Invalid { field: &'static str, message: Invalid },
    #[error("no {kind} with id {id}")]
    NotFound { kind: &'static str, id: String },
    /// A rule of the domain refused the change (capacity, overlap, …). Transparent, so
    /// that a front end printing the error with its causes says the refusal once.
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// A sync bundle could not be read or was not trusted; `kind` says why, for front ends
    /// that translate it.
    #[error("{message}")]
    Bundle { kind: BundleRefusal, message: String },
    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },
    /// The store stayed locked by another process's write for longer than `busy_timeout`.
    #[error("another Amparo is writing to this store; try again in a moment")]
    Busy,
    #[error("database error: {0}")]
    Db(rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => Error::Busy,
            _ => Error::Db(e),
        }
    }
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::WrongPassphrase(_) => ErrorCode::WrongPassphrase,
            Error::NoStore(_) => ErrorCode::NoStore,
            Error::StoreExists(_) => ErrorCode::StoreExists,
            Error::Corrupt { .. } | Error::NoEncryption => ErrorCode::Corrupt,
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Refused(_) => ErrorCode::Refused,
            Error::Bundle { .. } => ErrorCode::Bundle,
            Error::Io { .. } => ErrorCode::Io,
            Error::Busy => ErrorCode::Busy,
            Error::Db(_) | Error::Migration(_) | Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The kind of a bundle refusal; `None` for every other error.
    pub fn bundle_refusal(&self) -> Option<BundleRefusal> {
        match self {
            Error::Bundle { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    pub fn refused(kind: BundleRefusal, message: String) -> Self {
        Error::Bundle { kind, message }
    }

    /// A problem only the CLI can meet, as free text (the app shows a general line).
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid { field, message: Invalid::Other(message.into()) }
    }

    /// A coded problem with a value, which the app translates.
    pub fn bad(field: &'static str, problem: Invalid) -> Self {
        Error::Invalid { field, message: problem }
    }

    /// The coded rule that refused a change; `None` for every other error.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            Error::Refused(r) => Some(r),
            _ => None,
        }
    }

    /// The coded problem of an invalid value; `None` for every other error.
    pub fn invalid_problem(&self) -> Option<&Invalid> {
        match self {
            Error::Invalid { message, .. } => Some(message),
            _ => None,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }
}

/// Whether an error is SQLite reporting a page that does not decrypt or parse
/// ("malformed"): a damaged store file, which a front end names as such, with what to do.
pub fn is_damaged_page(e: &(dyn std::error::Error + 'static)) -> bool {
    let code = match e.downcast_ref::<Error>() {
        Some(Error::Db(db)) => db.sqlite_error_code(),
        _ => e.downcast_ref::<rusqlite::Error>().and_then(|db| db.sqlite_error_code()),
    };
    matches!(code, Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase))
}
