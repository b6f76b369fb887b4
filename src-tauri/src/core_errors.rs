//! How the core's errors become `ApiError`s.

use serde::Serialize;
use ts_rs::TS;

use crate::error::{ApiError, ErrorCode};

/// Why a sync file was refused: mirrors `amparo_core::BundleRefusal` for the UI to translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    Empty,
    NotABundle,
    Tampered,
    NotOnRoster,
    Revoked,
    OtherRecipient,
    NewerVersion,
    OtherTeam,
    Backup,
    TooLarge,
    NotCoordinator,
    InvalidChange,
    Other,
}

impl From<amparo_core::BundleRefusal> for Refusal {
    fn from(r: amparo_core::BundleRefusal) -> Self {
        use amparo_core::BundleRefusal as R;
        match r {
            R::Empty => Refusal::Empty,
            R::NotABundle => Refusal::NotABundle,
            R::Tampered => Refusal::Tampered,
            R::NotOnRoster => Refusal::NotOnRoster,
            R::Revoked => Refusal::Revoked,
            R::OtherRecipient => Refusal::OtherRecipient,
            R::NewerVersion => Refusal::NewerVersion,
            R::OtherTeam => Refusal::OtherTeam,
            R::Backup => Refusal::Backup,
            R::TooLarge => Refusal::TooLarge,
            R::NotCoordinator => Refusal::NotCoordinator,
            R::InvalidChange => Refusal::InvalidChange,
            R::Other => Refusal::Other,
        }
    }
}

impl From<&amparo_core::ErrorCode> for ErrorCode {
    fn from(code: &amparo_core::ErrorCode) -> Self {
        use amparo_core::ErrorCode as C;
        match code {
            C::WrongPassphrase => ErrorCode::WrongPassphrase,
            C::NoStore => ErrorCode::NoStore,
            C::StoreExists => ErrorCode::StoreExists,
            C::Corrupt => ErrorCode::Corrupt,
            C::Invalid => ErrorCode::Invalid,
            C::NotFound => ErrorCode::NotFound,
            C::Refused => ErrorCode::Refused,
            C::Bundle => ErrorCode::Bundle,
            C::Io => ErrorCode::Io,
            C::Busy => ErrorCode::Busy,
            C::Internal => ErrorCode::Internal,
        }
    }
}

impl From<amparo_core::Error> for ApiError {
    fn from(e: amparo_core::Error) -> Self {
        ApiError {
            code: (&e.code()).into(),
            message: e.to_string(),
            refusal: e.bundle_refusal().map(Refusal::from),
            rule: e.refusal().cloned().map(Box::new),
            invalid: e.invalid_problem().cloned().map(Box::new),
        }
    }
}
