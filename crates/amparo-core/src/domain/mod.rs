//! The records of the domain and their rules. No IO here except through the
//! [`Writer`](crate::store::Writer) handed in; time comes in as an argument.

mod anumber;
pub mod language;
mod records;
mod workflow_records;

pub use anumber::{ANumber, ANumberOrNone};
pub use records::*;
pub use workflow_records::*;

use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use crate::error::Result;
use crate::schema::Table;

/// A kind of record kept in one synced table. Its serde form is exactly the table's
/// columns (a round-trip test per kind holds this true).
pub trait Record: Serialize + DeserializeOwned {
    const TABLE: &'static Table;
    /// The name a person reads in messages: "family", "court date".
    const NOUN: &'static str;
    fn id(&self) -> Uuid;
    /// Rules that concern this record alone. Rules across records live in `rules`.
    fn validate(&self) -> Result<()> {
        Ok(())
    }
    /// The rules as a store that holds only some fields (`holds`, by field name) can keep
    /// them: a field it does not hold reads as a default and is never written, so the
    /// rules about that field are not its to check.
    fn validate_held(&self, holds: &dyn Fn(&str) -> bool) -> Result<()> {
        let _ = holds;
        self.validate()
    }
}

/// Declares a string enum stored as its snake_case name, parsable from user input.
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $word)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::error::Error;
            fn from_str(s: &str) -> Result<Self> {
                let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                $name::ALL.iter().copied().find(|v| v.as_str() == wanted).ok_or_else(|| {
                    let words: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    crate::error::Error::invalid(stringify!($name), format!("{s:?} is not one of: {}", words.join(", ")))
                })
            }
        }
    };
}
pub(crate) use word_enum;
