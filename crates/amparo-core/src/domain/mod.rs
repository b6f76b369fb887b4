//! The records of the domain and their rules. No IO here except through the
//! [`Writer`](crate::store::Writer) handed in; time comes in as an argument.

mod anumber;
pub mod availability;
mod checks;
mod court;
mod detention;
mod family;
mod housing;
mod incident;
mod oncall;
mod sanctuary;
mod tasks;
mod team;
pub use crate::language;

pub use anumber::{ANumber, ANumberOrNone};
pub use court::*;
pub use detention::*;
pub use family::*;
pub use housing::*;
pub use incident::*;
pub use oncall::*;
pub use sanctuary::*;
pub use tasks::*;
pub use team::*;

/// A required skill in stored form: a language becomes its code, a training its word
/// (`rapid_response`), anything else lower case.
pub fn normalize_skill(text: &str) -> String {
    if let Some(l) = language::lookup(text) {
        return l.code.to_string();
    }
    match text.parse::<Training>() {
        Ok(t) => t.as_str().to_string(),
        Err(_) => text.trim().to_lowercase(),
    }
}

/// Bring the vocabulary fields of a record's serde form to stored form: `languages`
/// (any table), `required_skills` (shifts) and the `required_skills` inside a rotation
/// template's `shifts`. The store calls this on every write and every read, so records
/// written before the vocabulary existed, or received from an older version, match too.
pub fn normalize_field(key: &str, value: &mut serde_json::Value) {
    use serde_json::Value;
    let strings = |v: &mut Value, f: &dyn Fn(&[String]) -> Vec<String>| {
        if let Value::Array(items) = v {
            if items.iter().all(Value::is_string) {
                let list: Vec<String> = items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect();
                *items = f(&list).into_iter().map(Value::String).collect();
            }
        }
    };
    let skills = |l: &[String]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for s in l.iter().map(|s| normalize_skill(s)).filter(|s| !s.is_empty()) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    };
    match key {
        "languages" => strings(value, &language::normalize_list::<String>),
        "required_skills" => strings(value, &skills),
        "shifts" => {
            if let Value::Array(specs) = value {
                for spec in specs {
                    if let Some(v) = spec.get_mut("required_skills") {
                        strings(v, &skills);
                    }
                }
            }
        }
        _ => {}
    }
}

/// Whether two languages (or skills) written in any known form are the same.
pub fn same_skill(a: &str, b: &str) -> bool {
    normalize_skill(a).eq_ignore_ascii_case(&normalize_skill(b))
}

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
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_name_languages_and_trainings_in_any_form() {
        assert_eq!(normalize_skill("spanish"), "es");
        assert_eq!(normalize_skill("Rapid response"), "rapid_response");
        assert_eq!(normalize_skill("first aid"), "first aid");
        assert!(same_skill("spanish", "es"));
        assert!(same_skill("Español", "Spanish"));
        assert!(!same_skill("en", "es"));
    }
}

#[cfg(test)]
mod record_tests {
    use super::*;
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_person_detained_before_birth_or_with_an_undescribed_deadline_is_invalid() {
        let mut p = Person::new(Uuid::now_v7(), "Rosa");
        p.birth_date = Some(day("1990-05-01"));
        p.detained_since = Some(day("1990-05-01"));
        assert!(p.validate().is_ok(), "the same day is allowed");
        p.detained_since = Some(day("1990-04-30"));
        let err = p.validate().unwrap_err().to_string();
        assert!(err.contains("1990-04-30 is before the date of birth (1990-05-01)"), "{err}");
        p.detained_since = None;
        p.deadlines.push(Deadline { what: " ".into(), due: day("2026-12-01") });
        assert!(p.validate().unwrap_err().to_string().contains("every deadline needs a description"));
    }

    #[test]
    fn a_family_closed_before_its_intake_is_invalid() {
        let mut h = Household::new("Familia Ortiz");
        h.intake_date = Some(day("2026-03-01"));
        h.closed_at = Some(day("2026-03-01"));
        assert!(h.validate().is_ok());
        h.closed_at = Some(day("2026-02-28"));
        assert!(h.validate().unwrap_err().to_string().contains("2026-02-28 is before the intake date (2026-03-01)"));
        h.intake_date = None;
        assert!(h.validate().is_ok(), "an unknown intake orders nothing");
    }
}
