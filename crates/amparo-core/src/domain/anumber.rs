use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An Alien Registration Number: nine digits. Eight-digit numbers are written with a
/// leading zero, so they are padded. Accepts "A", dashes and spaces around the digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ANumber(String);

impl ANumber {
    pub fn parse(input: &str) -> Result<ANumber> {
        let cleaned: String =
            input.trim().trim_start_matches(['A', 'a']).chars().filter(|c| !matches!(c, '-' | ' ' | '.')).collect();
        let fail = || {
            // The input is not echoed: a mistyped A-number is still an A-number.
            Error::bad("A-number", crate::error::Invalid::ANumber)
        };
        if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit()) {
            return Err(fail());
        }
        match cleaned.len() {
            9 => Ok(ANumber(cleaned)),
            8 => Ok(ANumber(format!("0{cleaned}"))),
            _ => Err(fail()),
        }
    }

    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ANumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "A-{}-{}-{}", &self.0[0..3], &self.0[3..6], &self.0[6..9])
    }
}

impl TryFrom<String> for ANumber {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        ANumber::parse(&s)
    }
}

impl From<ANumber> for String {
    fn from(a: ANumber) -> String {
        a.0
    }
}

impl std::str::FromStr for ANumber {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        ANumber::parse(s)
    }
}

/// What the team knows of a person's A-number: the number, or that the person has none (was
/// never placed in proceedings). A person whose `a_number` is `None` has not had it recorded yet,
/// which a coordinator must still find out; "has none" must survive every way out and back in
/// (bundles, the CSV export) so that it is never mistaken for "unknown".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum ANumberOrNone {
    Number(ANumber),
    HasNone,
}

/// How the field is stored and exported when a person has no A-number.
pub const HAS_NONE: &str = "none";

impl ANumberOrNone {
    /// A number in any written form, or a word for "none" in English or Spanish.
    pub fn parse(input: &str) -> Result<ANumberOrNone> {
        if says_none(input) {
            Ok(ANumberOrNone::HasNone)
        } else {
            ANumber::parse(input).map(ANumberOrNone::Number)
        }
    }

    pub fn number(&self) -> Option<&ANumber> {
        match self {
            ANumberOrNone::Number(a) => Some(a),
            ANumberOrNone::HasNone => None,
        }
    }
}

/// "none", "ninguno", "no tiene", "n/a"…: what people write in a sheet or a form for a person
/// who has no A-number.
pub fn says_none(input: &str) -> bool {
    let folded: String = input
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ú' => 'u',
            'í' => 'i',
            other => other,
        })
        .collect();
    matches!(
        folded.as_str(),
        "none" | "ninguno" | "ninguna" | "no tiene" | "n/a" | "-" | "no" | "sin numero" | "sin número"
    )
}

impl std::fmt::Display for ANumberOrNone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ANumberOrNone::Number(a) => a.fmt(f),
            ANumberOrNone::HasNone => f.write_str(HAS_NONE),
        }
    }
}

impl TryFrom<String> for ANumberOrNone {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        ANumberOrNone::parse(&s)
    }
}

impl From<ANumberOrNone> for String {
    fn from(a: ANumberOrNone) -> String {
        match a {
            ANumberOrNone::Number(a) => a.into(),
            ANumberOrNone::HasNone => HAS_NONE.into(),
        }
    }
}

impl std::str::FromStr for ANumberOrNone {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        ANumberOrNone::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_in_either_language_is_kept_apart_from_a_number() {
        for none in ["none", "None", "ninguno", "No tiene", "n/a", "sin número"] {
            assert_eq!(ANumberOrNone::parse(none).unwrap(), ANumberOrNone::HasNone, "{none}");
        }
        let a = ANumberOrNone::parse("A-208-123-456").unwrap();
        assert_eq!(a.number().map(ANumber::digits), Some("208123456"));
        assert_eq!(String::from(ANumberOrNone::HasNone), "none");
        assert_eq!(ANumberOrNone::try_from(String::from(a.clone())).unwrap(), a);
        assert!(ANumberOrNone::parse("12345").is_err());
    }

    #[test]
    fn nine_digits_kept_eight_padded_others_refused() {
        assert_eq!(ANumber::parse("A-123-456-789").unwrap().digits(), "123456789");
        assert_eq!(ANumber::parse("12345678").unwrap().digits(), "012345678");
        assert_eq!(ANumber::parse("a 012 345 678").unwrap().to_string(), "A-012-345-678");
        for bad in ["", "1234567", "1234567890", "12345678x", "A-", "none"] {
            let err = ANumber::parse(bad).unwrap_err().to_string();
            assert!(err.contains("nine digits"), "{bad}: {err}");
        }
    }

    proptest::proptest! {
        #[test]
        fn parse_then_display_round_trips(n in 0u64..1_000_000_000) {
            let a = ANumber::parse(&format!("{n:09}")).unwrap();
            proptest::prop_assert_eq!(ANumber::parse(&a.to_string()).unwrap(), a);
        }
    }
}
