//! Field-by-field checks of a family or a person being edited, so the form shows each
//! problem next to its field before saving. The A-number, required-name and date-order
//! rules are the core's own (`ANumber::parse`, the records' `validate`), which saving runs
//! again, whatever the client; this names each by its field. Only "not in the future" needs
//! a clock and is the form's alone.

use chrono::{Local, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::error::ApiResult;
use crate::error::{ApiError, ErrorCode};
use crate::views::{Household, Person};

/// What is wrong with one field; the UI translates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    Required,
    ANumber,
    /// A date that cannot be in the future (birth, detention, intake, closing).
    InTheFuture,
    /// Detained before being born.
    BeforeBirth,
    /// Closed before the intake.
    BeforeIntake,
    /// A deadline without a description.
    DeadlineWhat,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FieldProblem {
    /// The field's name in the record (`a_number`, `birth_date`, `deadlines`, …).
    pub field: String,
    pub kind: ProblemKind,
}

fn problem(field: &str, kind: ProblemKind) -> FieldProblem {
    FieldProblem { field: field.to_string(), kind }
}

fn past(out: &mut Vec<FieldProblem>, field: &str, date: Option<NaiveDate>, today: NaiveDate) {
    if date.is_some_and(|d| d > today) {
        out.push(problem(field, ProblemKind::InTheFuture));
    }
}

/// `a_number_typed`: the A-number as the form sent it, which the record itself can only hold
/// once it reads as one.
pub fn person_problems(p: &Person, a_number_typed: Option<&str>, today: NaiveDate) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if p.name.trim().is_empty() {
        out.push(problem("name", ProblemKind::Required));
    }
    if a_number_typed.is_some_and(|a| !a.trim().is_empty() && amparo_core::domain::ANumberOrNone::parse(a).is_err()) {
        out.push(problem("a_number", ProblemKind::ANumber));
    }
    past(&mut out, "birth_date", p.birth_date, today);
    past(&mut out, "detained_since", p.detained_since, today);
    if let (Some(born), Some(detained)) = (p.birth_date, p.detained_since) {
        if detained < born {
            out.push(problem("detained_since", ProblemKind::BeforeBirth));
        }
    }
    if p.deadlines.iter().any(|d| d.what.trim().is_empty()) {
        out.push(problem("deadlines", ProblemKind::DeadlineWhat));
    }
    out
}

pub fn household_problems(h: &Household, today: NaiveDate) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if h.display_name.trim().is_empty() {
        out.push(problem("display_name", ProblemKind::Required));
    }
    past(&mut out, "intake_date", h.intake_date, today);
    past(&mut out, "closed_at", h.closed_at, today);
    if let (Some(intake), Some(closed)) = (h.intake_date, h.closed_at) {
        if closed < intake {
            out.push(problem("closed_at", ProblemKind::BeforeIntake));
        }
    }
    out
}

/// The problems of a person as edited; empty when it can be saved.
#[tauri::command]
pub fn check_person(person: serde_json::Value) -> ApiResult<Vec<FieldProblem>> {
    let typed = person.get("a_number").and_then(serde_json::Value::as_str).map(str::to_owned);
    // A mistyped A-number is a problem of its field, not a record that cannot be read.
    let mut readable = person;
    if typed.as_deref().is_some_and(|a| amparo_core::domain::ANumberOrNone::parse(a).is_err()) {
        readable["a_number"] = serde_json::Value::Null;
    }
    let record: Person = serde_json::from_value(readable)
        .map_err(|e| ApiError::new(ErrorCode::Invalid, format!("could not read the record: {e}")))?;
    Ok(person_problems(&record, typed.as_deref(), Local::now().date_naive()))
}

#[tauri::command]
pub fn check_household(household: Household) -> ApiResult<Vec<FieldProblem>> {
    Ok(household_problems(&household, Local::now().date_naive()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn person() -> Person {
        amparo_core::domain::Person::new(uuid::Uuid::now_v7(), "Rosa")
    }

    fn kinds(v: &[FieldProblem]) -> Vec<(&str, ProblemKind)> {
        v.iter().map(|p| (p.field.as_str(), p.kind)).collect()
    }

    #[test]
    fn a_form_with_a_mistyped_a_number_is_read_and_the_a_number_named() {
        let mut form = serde_json::to_value(person()).unwrap();
        form["a_number"] = "12345".into();
        let problems = check_person(form).unwrap();
        assert_eq!(kinds(&problems), [("a_number", ProblemKind::ANumber)]);
    }

    #[test]
    fn a_valid_person_has_no_problems_and_a_bad_a_number_is_named_by_its_field() {
        let today = day("2026-11-23");
        let mut p = person();
        p.birth_date = Some(day("1990-05-01"));
        assert!(person_problems(&p, Some("A-012-345-678"), today).is_empty());
        assert!(
            person_problems(&p, Some("ninguno"), today).is_empty(),
            "'has none' in Spanish is an answer, not a mistake"
        );
        p.name = " ".into();
        assert_eq!(
            kinds(&person_problems(&p, Some("12345"), today)),
            [("name", ProblemKind::Required), ("a_number", ProblemKind::ANumber)]
        );
    }

    #[test]
    fn dates_in_the_future_or_out_of_order_are_named_by_their_field() {
        let today = day("2026-11-23");
        let mut p = person();
        p.birth_date = Some(day("2027-01-01"));
        p.detained_since = Some(day("2020-01-01"));
        assert_eq!(
            kinds(&person_problems(&p, None, today)),
            [("birth_date", ProblemKind::InTheFuture), ("detained_since", ProblemKind::BeforeBirth)]
        );
        let mut h = amparo_core::domain::Household::new("Familia");
        h.intake_date = Some(day("2026-03-01"));
        h.closed_at = Some(day("2026-02-01"));
        assert_eq!(kinds(&household_problems(&h, today)), [("closed_at", ProblemKind::BeforeIntake)]);
        h.closed_at = Some(day("2026-12-01"));
        assert_eq!(kinds(&household_problems(&h, today)), [("closed_at", ProblemKind::InTheFuture)]);
    }
}
