//! How the core's errors become `ApiError`s.

use crate::error::{ApiError, ErrorCode};

impl From<&amparo::ErrorCode> for ErrorCode {
    fn from(code: &amparo::ErrorCode) -> Self {
        use amparo::ErrorCode as C;
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
            C::Internal => ErrorCode::Internal,
        }
    }
}

impl From<amparo::Error> for ApiError {
    fn from(e: amparo::Error) -> Self {
        ApiError { code: (&e.code()).into(), message: e.to_string() }
    }
}

