//! Amparo's core: the encrypted store, the domain and its rules, the change log, and
//! the queries the front ends show. No Tauri, no web view, no terminal here.

pub mod access;
pub mod clock;
pub mod court;
pub mod csvio;
pub mod demo;
pub mod detention;
pub mod domain;
pub mod error;
pub mod housing;
pub mod incident;
pub mod language;
pub mod ops;
pub mod query;
pub mod refusal;
pub mod rules;
pub mod schedule;
pub mod schema;
pub mod settings;
pub mod store;
pub mod sync;

#[cfg(test)]
mod module_cycles;

pub use error::{BundleRefusal, CsvProblem, Error, ErrorCode, Invalid, Refusal, Result, SwapProblem};
pub use store::{KdfParams, Owner, Store};
