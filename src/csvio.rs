//! Spreadsheet onboarding: CSV import of volunteers, families with their people, and
//! court dates — previewed, validated per row, and applied all-or-nothing — and CSV
//! export on explicit request, with formula-like cells neutralised.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::{
    parse_time_zone, ANumber, Availability, CourtDate, CourtKind, Household, Person, PlaceTime, Role, Training,
    TrainingRecord, Volunteer,
};
use crate::error::{CsvProblem, Error, Invalid, Refusal, Result};
use crate::refusal::count;
use crate::rules;
use crate::store::records::query;
use crate::store::Writer;

/// Files larger than this are refused before parsing.
pub const MAX_CSV_BYTES: usize = 20 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CsvKind {
    Volunteers,
    /// Families and their people: one row per person, grouped by the family column.
    Households,
    CourtDates,
}

impl std::str::FromStr for CsvKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<CsvKind> {
        match s.trim().to_ascii_lowercase().replace(['-', ' '], "_").as_str() {
            "volunteers" | "volunteer" => Ok(CsvKind::Volunteers),
            "households" | "families" | "family" | "persons" | "people" => Ok(CsvKind::Households),
            "court_dates" | "court" | "courts" | "hearings" => Ok(CsvKind::CourtDates),
            _ => Err(Error::invalid("kind", format!("{s:?} is not one of: volunteers, households, court-dates"))),
        }
    }
}

/// (field, required, header names that map to it; compared without case or accents).
type FieldSpec = (&'static str, bool, &'static [&'static str]);

const VOLUNTEER_FIELDS: &[FieldSpec] = &[
    ("name", true, &["name", "nombre", "full name", "nombre completo", "volunteer", "voluntario"]),
    ("phone", false, &["phone", "telefono", "cell", "celular", "mobile", "movil"]),
    ("preferred_contact", false, &["preferred contact", "contacto preferido", "contact", "contacto"]),
    ("languages", false, &["languages", "language", "idiomas", "idioma", "lenguas"]),
    ("trainings", false, &["trainings", "training", "capacitaciones", "capacitacion", "formacion"]),
    ("roles", false, &["roles", "role", "rol"]),
    ("availability", false, &["availability", "disponibilidad"]),
    ("blackout", false, &["blackout", "blackout dates", "not available", "no disponible", "fechas no disponibles"]),
    ("max_shifts_per_week", false, &["max shifts per week", "max shifts", "maximo de turnos", "turnos por semana"]),
    ("min_rest_hours", false, &["min rest hours", "rest hours", "horas de descanso", "descanso"]),
];

const HOUSEHOLD_FIELDS: &[FieldSpec] = &[
    ("family", true, &["family", "household", "familia", "hogar", "family name"]),
    ("name", true, &["name", "person", "nombre", "persona", "person name"]),
    ("preferred_name", false, &["preferred name", "nombre preferido", "apodo"]),
    ("relationship", false, &["relationship", "relacion", "parentesco"]),
    ("birth_date", false, &["birth date", "date of birth", "dob", "fecha de nacimiento", "nacimiento"]),
    ("country", false, &["country", "country of origin", "pais", "pais de origen"]),
    ("languages", false, &["languages", "language", "idiomas", "idioma"]),
    ("a_number", false, &["a-number", "a number", "anumber", "alien number", "numero a", "a#"]),
    ("phone", false, &["phone", "telefono", "family phone", "celular"]),
    ("needs", false, &["needs", "necesidades"]),
];

const COURT_FIELDS: &[FieldSpec] = &[
    ("family", true, &["family", "household", "familia"]),
    ("person", false, &["person", "persona", "name", "nombre"]),
    ("kind", true, &["kind", "type", "tipo", "hearing type"]),
    ("date", true, &["date", "fecha"]),
    ("time", false, &["time", "hora"]),
    ("time_zone", false, &["time zone", "timezone", "zone", "zona horaria"]),
    ("place", true, &["place", "court", "courthouse", "office", "lugar", "corte"]),
    ("address", false, &["address", "direccion"]),
    ("room", false, &["room", "courtroom", "sala"]),
    ("judge", false, &["judge", "juez", "jueza"]),
    ("interpreter", false, &["interpreter", "interprete"]),
    ("transport_needed", false, &["transport", "transport needed", "ride", "transporte"]),
    ("min_accompaniers", false, &["accompaniers", "min accompaniers", "acompanantes"]),
    ("accompanier_notes", false, &["notes for accompaniers", "notes", "notas"]),
    ("internal_notes", false, &["internal notes", "notas internas"]),
];

fn fields_of(kind: CsvKind) -> &'static [FieldSpec] {
    match kind {
        CsvKind::Volunteers => VOLUNTEER_FIELDS,
        CsvKind::Households => HOUSEHOLD_FIELDS,
        CsvKind::CourtDates => COURT_FIELDS,
    }
}

fn fold(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            '_' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnMapping {
    pub column: String,
    /// The field it fills, or `None` when the column is not imported.
    pub field: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// The line of the file the row starts on (the header is line 1).
    pub row: u64,
    pub column: Option<String>,
    pub problem: CsvProblem,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "row {}, column {c:?}: {}", self.row, self.problem),
            None => write!(f, "row {}: {}", self.row, self.problem),
        }
    }
}

/// What an import would do. Nothing is written until [`apply_import`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportPreview {
    pub kind: CsvKind,
    pub mapping: Vec<ColumnMapping>,
    pub rows: usize,
    pub errors: Vec<RowError>,
    /// Records that would be created, e.g. [("volunteer", 12)].
    pub creates: Vec<(&'static str, usize)>,
}

impl ImportPreview {
    pub fn ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Text of a CSV file: UTF-8 (a byte-order mark is dropped), or a clear error.
pub fn decode(bytes: &[u8]) -> Result<String> {
    if bytes.len() > MAX_CSV_BYTES {
        return Err(Error::bad("file", Invalid::FileTooLarge { mb: count(MAX_CSV_BYTES / (1024 * 1024)) }));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::bad("file encoding", Invalid::FileUtf16));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) if text.contains('\0') => Err(Error::bad("file", Invalid::FileBinary)),
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::bad("file encoding", Invalid::FileNotUtf8 { line: count(line) }))
        }
    }
}

/// Undo the protection [`neutralise`] adds, so an exported file imports as it was.
fn cell(text: &str) -> &str {
    let t = text.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => t,
    }
}

struct Table {
    mapping: Vec<ColumnMapping>,
    /// (line, field → value) per row; empty cells left out.
    rows: Vec<(u64, HashMap<&'static str, String>)>,
    errors: Vec<RowError>,
}

fn read_table(kind: CsvKind, text: &str) -> Result<Table> {
    let specs = fields_of(kind);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::bad("file", Invalid::FileHeader { detail: csv_reason(&e).to_string() }))?
        .clone();
    let mut mapping = Vec::new();
    let mut taken: Vec<&'static str> = Vec::new();
    for h in headers.iter() {
        let folded = fold(h);
        let field = specs
            .iter()
            .find(|(f, _, names)| !taken.contains(f) && (names.iter().any(|n| fold(n) == folded) || fold(f) == folded))
            .map(|(f, _, _)| *f);
        if let Some(f) = field {
            taken.push(f);
        }
        mapping.push(ColumnMapping { column: h.trim().to_string(), field });
    }
    for (f, required, names) in specs {
        if *required && !taken.contains(f) {
            return Err(Error::bad(
                "columns",
                Invalid::MissingColumn { field: f.to_string(), name: names.first().copied().unwrap_or(f).to_string() },
            ));
        }
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let row = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(RowError { row, column: None, problem: csv_reason(&e) });
                continue;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rec.len() != headers.len() {
            errors.push(RowError {
                row: line,
                column: None,
                problem: CsvProblem::CellCount { cells: count(rec.len()), columns: count(headers.len()) },
            });
            continue;
        }
        let mut map = HashMap::new();
        for (i, value) in rec.iter().enumerate() {
            if let Some(f) = mapping[i].field {
                let v = cell(value);
                if !v.is_empty() {
                    map.insert(f, v.to_string());
                }
            }
        }
        rows.push((line, map));
    }
    Ok(Table { mapping, rows, errors })
}

fn csv_reason(e: &csv::Error) -> CsvProblem {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => CsvProblem::RowNotUtf8,
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => CsvProblem::CellCount { cells: count(*len), columns: count(*expected_len) },
        _ => CsvProblem::RowUnreadable,
    }
}

fn split_list(s: &str, seps: &[char]) -> Vec<String> {
    s.split(seps).map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect()
}

fn parse_date(s: &str) -> std::result::Result<NaiveDate, CsvProblem> {
    for f in ["%Y-%m-%d", "%m/%d/%Y", "%-m/%-d/%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s.trim(), f) {
            return Ok(d);
        }
    }
    Err(CsvProblem::NotADate)
}

fn parse_bool(s: &str) -> std::result::Result<bool, CsvProblem> {
    match fold(s).as_str() {
        "yes" | "y" | "true" | "1" | "si" | "x" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(CsvProblem::NotYesNo),
    }
}

fn parse_int(s: &str) -> std::result::Result<i64, CsvProblem> {
    s.trim().parse::<i64>().ok().filter(|n| *n >= 0).ok_or(CsvProblem::NotAWholeNumber)
}

fn not_one_of<'a>(value: &str, words: impl Iterator<Item = &'a str>) -> CsvProblem {
    CsvProblem::NotOneOf { value: value.trim().to_string(), words: words.collect::<Vec<_>>().join(", ") }
}

/// A record rule's refusal of one value, kept coded for the row.
fn value_problem(e: Error) -> CsvProblem {
    match e {
        Error::Invalid { message, .. } => CsvProblem::Value { problem: message },
        other => CsvProblem::Value { problem: Invalid::Other(other.to_string()) },
    }
}

enum Parsed {
    Volunteer(Volunteer),
    /// A new family with its first people, or people for a family earlier in the file.
    Household(Household, Vec<Person>),
    Court(CourtDate),
}

struct RowCtx<'a> {
    line: u64,
    errors: &'a mut Vec<RowError>,
    mapping: &'a [ColumnMapping],
}

impl RowCtx<'_> {
    fn err(&mut self, field: &str, problem: CsvProblem) {
        let column = self.mapping.iter().find(|m| m.field == Some(field)).map(|m| m.column.clone());
        self.errors.push(RowError { row: self.line, column, problem });
    }
    fn get<T>(&mut self, row: &HashMap<&'static str, String>, field: &'static str, parse: impl Fn(&str) -> std::result::Result<T, CsvProblem>) -> Option<T> {
        let v = row.get(field)?;
        match parse(v) {
            Ok(x) => Some(x),
            Err(problem) => {
                self.err(field, problem);
                None
            }
        }
    }
}

fn parse_rows(kind: CsvKind, table: &Table, conn: &Connection, default_zone: Tz) -> Result<(Vec<Parsed>, Vec<RowError>)> {
    let mut errors = table.errors.clone();
    let mut out = Vec::new();
    let existing_families: Vec<Household> = query(conn, "", [])?;
    let mut new_families: HashMap<String, usize> = HashMap::new();
    for (line, row) in &table.rows {
        let before = errors.len();
        let mut cx = RowCtx { line: *line, errors: &mut errors, mapping: &table.mapping };
        match kind {
            CsvKind::Volunteers => {
                let Some(name) = row.get("name") else {
                    cx.err("name", CsvProblem::NameEmpty);
                    continue;
                };
                let mut v = Volunteer::new(name.clone());
                v.phone = row.get("phone").cloned();
                v.preferred_contact = row.get("preferred_contact").cloned();
                v.languages = row.get("languages").map(|s| split_list(&s.to_lowercase(), &[';', ',', '/'])).unwrap_or_default();
                if let Some(t) = row.get("trainings") {
                    for item in split_list(t, &[';', ',']) {
                        let (what, date) = item.rsplit_once(char::is_whitespace).unwrap_or((item.as_str(), ""));
                        match (what.parse::<Training>(), parse_date(date)) {
                            (Ok(training), Ok(completed_on)) => v.trainings.push(TrainingRecord { training, completed_on }),
                            (Err(_), _) => cx.err("trainings", not_one_of(what, Training::ALL.iter().map(|t| t.as_str()))),
                            (_, Err(_)) => cx.err("trainings", CsvProblem::TrainingWithoutDate),
                        }
                    }
                }
                if let Some(r) = row.get("roles") {
                    for item in split_list(r, &[';', ',']) {
                        match item.parse::<Role>() {
                            Ok(role) => v.roles.push(role),
                            Err(_) => cx.err("roles", not_one_of(&item, Role::ALL.iter().map(|r| r.as_str()))),
                        }
                    }
                }
                let weekly = row.get("availability").map(|s| split_list(s, &[';'])).unwrap_or_default();
                for w in &weekly {
                    if let Err(e) = crate::schedule::availability::parse_window(w) {
                        cx.err("availability", value_problem(e));
                    }
                }
                let mut blackout = Vec::new();
                if let Some(b) = row.get("blackout") {
                    for d in split_list(b, &[';', ',']) {
                        match parse_date(&d) {
                            Ok(d) => blackout.push(d),
                            Err(_) => cx.err("blackout", CsvProblem::ListNotADate { text: d.clone() }),
                        }
                    }
                }
                v.availability = Availability { weekly, blackout, blackout_rules: vec![] };
                v.max_shifts_per_week = cx.get(row, "max_shifts_per_week", parse_int);
                v.min_rest_hours = cx.get(row, "min_rest_hours", parse_int);
                out.push(Parsed::Volunteer(v));
            }
            CsvKind::Households => {
                let (Some(family), Some(name)) = (row.get("family"), row.get("name")) else {
                    if !row.contains_key("family") {
                        cx.err("family", CsvProblem::FamilyEmpty);
                    }
                    if !row.contains_key("name") {
                        cx.err("name", CsvProblem::PersonNameEmpty);
                    }
                    continue;
                };
                let key = fold(family);
                let mut p = Person::new(Uuid::nil(), name.clone());
                p.preferred_name = row.get("preferred_name").cloned();
                p.relationship = row.get("relationship").cloned();
                p.birth_date = cx.get(row, "birth_date", parse_date);
                p.country = row.get("country").cloned();
                p.languages = row.get("languages").map(|s| split_list(&s.to_lowercase(), &[';', ',', '/'])).unwrap_or_default();
                if let Some(a) = row.get("a_number") {
                    if !matches!(fold(a).as_str(), "none" | "ninguno" | "n/a" | "-") {
                        match ANumber::parse(a) {
                            Ok(a) => p.a_number = Some(a),
                            Err(_) => cx.err("a_number", CsvProblem::ANumber),
                        }
                    }
                }
                if let Some(&i) = new_families.get(&key) {
                    if let Some(Parsed::Household(h, people)) = out.get_mut(i) {
                        if h.phone.is_none() {
                            h.phone = row.get("phone").cloned();
                        }
                        if h.needs.is_none() {
                            h.needs = row.get("needs").cloned();
                        }
                        for l in &p.languages {
                            if !h.languages.contains(l) {
                                h.languages.push(l.clone());
                            }
                        }
                        p.household_id = h.id;
                        people.push(p);
                    }
                } else if existing_families.iter().any(|h| fold(&h.display_name) == key) {
                    cx.err("family", CsvProblem::FamilyExists);
                } else {
                    let mut h = Household::new(family.clone());
                    h.phone = row.get("phone").cloned();
                    h.needs = row.get("needs").cloned();
                    h.languages = p.languages.clone();
                    p.household_id = h.id;
                    if errors.len() == before {
                        new_families.insert(key, out.len());
                        out.push(Parsed::Household(h, vec![p]));
                    }
                }
            }
            CsvKind::CourtDates => {
                let family = row.get("family").map(|f| fold(f)).unwrap_or_default();
                let matches: Vec<&Household> = existing_families.iter().filter(|h| fold(&h.display_name) == family).collect();
                let household = match matches.as_slice() {
                    [one] => Some(*one),
                    [] => {
                        cx.err("family", CsvProblem::NoSuchFamily);
                        None
                    }
                    _ => {
                        cx.err("family", CsvProblem::FamilyAmbiguous);
                        None
                    }
                };
                let kind = cx.get(row, "kind", |s| s.parse::<CourtKind>().map_err(|_| not_one_of(s, CourtKind::ALL.iter().map(|k| k.as_str()))));
                let date = cx.get(row, "date", parse_date);
                if !row.contains_key("date") {
                    cx.err("date", CsvProblem::DateEmpty);
                }
                if !row.contains_key("kind") {
                    cx.err("kind", CsvProblem::KindEmpty);
                }
                let tbc_words = ["tbd", "tbc", "por confirmar", "?"];
                let (time, tbc) = match row.get("time") {
                    None => (NaiveTime::from_hms_opt(9, 0, 0), true),
                    Some(t) if tbc_words.contains(&fold(t).as_str()) => (NaiveTime::from_hms_opt(9, 0, 0), true),
                    Some(t) => match NaiveTime::parse_from_str(t.trim(), "%H:%M").or_else(|_| NaiveTime::parse_from_str(&t.trim().to_uppercase(), "%I:%M %p")) {
                        Ok(t) => (Some(t), false),
                        Err(_) => {
                            cx.err("time", CsvProblem::TimeFormat);
                            (None, false)
                        }
                    },
                };
                let zone = match row.get("time_zone") {
                    Some(z) => match parse_time_zone(z) {
                        Ok(z) => Some(z),
                        Err(_) => {
                            cx.err("time_zone", CsvProblem::TimeZone);
                            None
                        }
                    },
                    None => Some(default_zone),
                };
                let Some(place) = row.get("place") else {
                    cx.err("place", CsvProblem::PlaceEmpty);
                    continue;
                };
                let (Some(h), Some(kind), Some(date), Some(time), Some(zone)) = (household, kind, date, time, zone) else { continue };
                let at = match PlaceTime::new(date.and_time(time), zone) {
                    Ok(at) => at,
                    Err(e) => {
                        cx.err("time", value_problem(e));
                        continue;
                    }
                };
                let mut c = CourtDate::new(h.id, kind, at, place.clone());
                c.time_tbc = tbc;
                if let Some(person) = row.get("person") {
                    let people: Vec<Person> = query(conn, "AND household_id = ?1", [h.id.to_string()])?;
                    match people.iter().find(|p| fold(&p.name) == fold(person) || p.preferred_name.as_deref().is_some_and(|n| fold(n) == fold(person))) {
                        Some(p) => c.person_id = Some(p.id),
                        None => cx.err("person", CsvProblem::NoSuchPerson),
                    }
                }
                c.address = row.get("address").cloned();
                c.room = row.get("room").cloned();
                c.judge = row.get("judge").cloned();
                c.interpreter = row.get("interpreter").cloned();
                c.transport_needed = cx.get(row, "transport_needed", parse_bool).unwrap_or(false);
                if let Some(n) = cx.get(row, "min_accompaniers", parse_int) {
                    c.min_accompaniers = n;
                }
                c.accompanier_notes = row.get("accompanier_notes").cloned();
                c.internal_notes = row.get("internal_notes").cloned();
                if errors.len() == before {
                    out.push(Parsed::Court(c));
                }
            }
        }
    }
    errors.sort_by_key(|e| e.row);
    Ok((out, errors))
}

fn summarise(parsed: &[Parsed]) -> Vec<(&'static str, usize)> {
    let (mut v, mut h, mut p, mut c) = (0, 0, 0, 0);
    for x in parsed {
        match x {
            Parsed::Volunteer(_) => v += 1,
            Parsed::Household(_, people) => {
                h += 1;
                p += people.len();
            }
            Parsed::Court(_) => c += 1,
        }
    }
    [("volunteer", v), ("family", h), ("person", p), ("court date", c)].into_iter().filter(|(_, n)| *n > 0).collect()
}

/// Read a CSV file and show what importing it would do: the column mapping, each row's
/// errors with its line number, and what would be created. Writes nothing.
pub fn preview_import(conn: &Connection, kind: CsvKind, bytes: &[u8], default_zone: Tz) -> Result<ImportPreview> {
    let text = decode(bytes)?;
    let table = read_table(kind, &text)?;
    let (parsed, errors) = parse_rows(kind, &table, conn, default_zone)?;
    Ok(ImportPreview { kind, mapping: table.mapping.clone(), rows: table.rows.len() + table.errors.len(), creates: summarise(&parsed), errors })
}

/// Import the file: everything or, if any row has an error, nothing (the error names
/// the rows). Run inside one `Store::write` so a crash also leaves nothing half-done.
pub fn apply_import(w: &mut Writer<'_>, kind: CsvKind, bytes: &[u8], default_zone: Tz) -> Result<ImportPreview> {
    let text = decode(bytes)?;
    let table = read_table(kind, &text)?;
    let (parsed, errors) = parse_rows(kind, &table, w.tx(), default_zone)?;
    if !errors.is_empty() {
        let first: Vec<String> = errors.iter().take(3).map(|e| e.to_string()).collect();
        return Err(Refusal::CsvRowErrors {
            rows: count(errors.iter().map(|e| e.row).collect::<std::collections::BTreeSet<_>>().len()),
            first: format!("{}{}", first.join("; "), if errors.len() > 3 { "; …" } else { "" }),
        }
        .into());
    }
    if parsed.is_empty() {
        return Err(Error::bad("file", Invalid::NoRows));
    }
    for p in &parsed {
        match p {
            Parsed::Volunteer(v) => {
                rules::add_volunteer(w, v)?;
            }
            Parsed::Household(h, people) => {
                rules::add_household(w, h)?;
                for person in people {
                    rules::add_person(w, person)?;
                }
            }
            Parsed::Court(c) => {
                rules::add_court_date(w, c)?;
            }
        }
    }
    Ok(ImportPreview { kind, mapping: table.mapping, rows: table.rows.len(), creates: summarise(&parsed), errors })
}

/// A cell a spreadsheet could run as a formula gets a leading apostrophe.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// What an export contains, to show before writing it.
pub fn export_warning(kind: CsvKind) -> &'static str {
    match kind {
        CsvKind::Volunteers => "this file will hold volunteers' names, phone numbers, languages, trainings and availability, unencrypted; anyone who gets it can read it",
        CsvKind::Households => "this file will hold families' and people's names, phone numbers, birth dates, countries and A-NUMBERS, unencrypted; anyone who gets it can read it",
        CsvKind::CourtDates => "this file will hold court dates with family names, places and times, unencrypted; anyone who gets it knows where people will be",
    }
}

/// Records of `kind` as CSV in the same columns import reads, formula-like cells
/// neutralised. Callers must have shown [`export_warning`] and had it confirmed.
pub fn export_csv(conn: &Connection, kind: CsvKind) -> Result<String> {
    let mut wtr = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut put = |cells: Vec<String>| -> Result<()> {
        wtr.write_record(cells.iter().map(|c| neutralise(c))).map_err(|e| Error::Internal(format!("csv: {e}")))
    };
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    match kind {
        CsvKind::Volunteers => {
            put(["name", "phone", "preferred contact", "languages", "trainings", "roles", "availability", "blackout", "max shifts per week", "min rest hours"].map(String::from).to_vec())?;
            for v in query::<Volunteer>(conn, "ORDER BY id", [])? {
                put(vec![
                    v.name.clone(),
                    opt(&v.phone),
                    opt(&v.preferred_contact),
                    v.languages.join("; "),
                    v.trainings.iter().map(|t| format!("{} {}", t.training, t.completed_on)).collect::<Vec<_>>().join("; "),
                    v.roles.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("; "),
                    v.availability.weekly.join("; "),
                    v.availability.blackout.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("; "),
                    v.max_shifts_per_week.map(|n| n.to_string()).unwrap_or_default(),
                    v.min_rest_hours.map(|n| n.to_string()).unwrap_or_default(),
                ])?;
            }
        }
        CsvKind::Households => {
            put(["family", "name", "preferred name", "relationship", "birth date", "country", "languages", "a-number", "phone", "needs"].map(String::from).to_vec())?;
            let families: HashMap<Uuid, Household> = query::<Household>(conn, "", [])?.into_iter().map(|h| (h.id, h)).collect();
            for p in query::<Person>(conn, "ORDER BY household_id, id", [])? {
                let Some(h) = families.get(&p.household_id) else { continue };
                put(vec![
                    h.display_name.clone(),
                    p.name.clone(),
                    opt(&p.preferred_name),
                    opt(&p.relationship),
                    p.birth_date.map(|d| d.to_string()).unwrap_or_default(),
                    opt(&p.country),
                    p.languages.join("; "),
                    p.a_number.as_ref().map(|a| a.to_string()).unwrap_or_default(),
                    opt(&h.phone),
                    opt(&h.needs),
                ])?;
            }
        }
        CsvKind::CourtDates => {
            put(["family", "person", "kind", "date", "time", "time zone", "place", "address", "room", "interpreter", "transport", "accompaniers", "notes for accompaniers"].map(String::from).to_vec())?;
            let families: HashMap<Uuid, Household> = query::<Household>(conn, "", [])?.into_iter().map(|h| (h.id, h)).collect();
            for c in query::<CourtDate>(conn, "ORDER BY starts_utc, id", [])? {
                let person = match c.person_id {
                    Some(id) => crate::store::records::find::<Person>(conn, id)?.map(|p| p.name),
                    None => None,
                };
                put(vec![
                    families.get(&c.household_id).map(|h| h.display_name.clone()).unwrap_or_default(),
                    person.unwrap_or_default(),
                    c.kind.to_string(),
                    c.local_start.date().to_string(),
                    if c.time_tbc { "TBD".into() } else { c.local_start.time().format("%H:%M").to_string() },
                    c.time_zone.name().to_string(),
                    c.place.clone(),
                    opt(&c.address),
                    opt(&c.room),
                    opt(&c.interpreter),
                    if c.transport_needed { "yes".into() } else { "no".into() },
                    c.min_accompaniers.to_string(),
                    opt(&c.accompanier_notes),
                ])?;
            }
        }
    }
    let bytes = wtr.into_inner().map_err(|e| Error::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Internal(e.to_string()))
}
