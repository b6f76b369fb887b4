//! Errors as they cross to the web view: `{ code, message }`. The UI branches on `code`
//! and shows its own translated text; `message` is for logs and the details line.

use serde::Serialize;
use ts_rs::TS;

/// The small set of codes the UI translates. Mirrors `amparo_core::ErrorCode` plus the
/// states only the shell knows (locked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No store is open: unlock first.
    Locked,
    WrongPassphrase,
    NoStore,
    StoreExists,
    Corrupt,
    Invalid,
    NotFound,
    /// A rule of the domain refused the change (capacity, overlap, …).
    Refused,
    Bundle,
    Io,
    /// Another Amparo is writing to the store: try again.
    Busy,
    Internal,
}

/// Every command returns `Result<_, ApiError>`, so it is kept small: the rule and the
/// problem (enums with data, and rare) are boxed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// Why a sync file was refused, when `code` is `bundle`; the UI translates it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub refusal: Option<crate::core_errors::Refusal>,
    /// Which rule refused the change, when `code` is `refused`; the UI translates it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rule: Option<Box<amparo_core::Refusal>>,
    /// What is wrong with a value, when `code` is `invalid`; the UI translates it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub invalid: Option<Box<amparo_core::Invalid>>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError { code, message: message.into(), refusal: None, rule: None, invalid: None }
    }

    pub fn locked() -> Self {
        ApiError::new(ErrorCode::Locked, "the store is locked; unlock it to continue")
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

pub type ApiResult<T> = Result<T, ApiError>;
