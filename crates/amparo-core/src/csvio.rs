//! Spreadsheet onboarding: CSV import of volunteers, families with their people, and
//! court dates — previewed, validated per row, and applied all-or-nothing — and CSV
//! export on explicit request, with formula-like cells neutralised.
//!
//! Sheets are read as teams write them: English and Spanish headers (or `--map`), US zone
//! names, free-text availability, date ranges. Rows already in the store are reported and
//! skipped, so importing the same file twice changes nothing; a court-date sheet creates
//! the families and people it names when they do not exist yet.

use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::{
    parse_time_zone, ANumber, ANumberOrNone, Availability, Congregation, CourtDate, CourtKind, CourtStatus, Household,
    HouseholdStatus, Note, Person, PlaceTime, Record, Role, Training, TrainingRecord, Visibility, Volunteer,
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
            "volunteers" | "volunteer" | "voluntarios" => Ok(CsvKind::Volunteers),
            "households" | "families" | "family" | "persons" | "people" | "familias" => Ok(CsvKind::Households),
            "court_dates" | "court" | "courts" | "hearings" | "citas" => Ok(CsvKind::CourtDates),
            _ => Err(Error::invalid("kind", format!("{s:?} is not one of: volunteers, households, court-dates"))),
        }
    }
}

/// How to read a sheet, beyond its own headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The zone of court dates whose row names none (`--tz`). Without it such rows are
    /// refused: the importer never guesses a zone.
    pub default_zone: Option<Tz>,
    /// `(sheet header, field)` pairs that override the automatic mapping (`--map`).
    pub map: Vec<(String, String)>,
}

impl ImportOptions {
    pub fn with_zone(zone: Tz) -> Self {
        ImportOptions { default_zone: Some(zone), map: vec![] }
    }
}

/// Read `--map "SHEET HEADER=field"`.
pub fn parse_map(text: &str) -> Result<(String, String)> {
    match text.rsplit_once('=') {
        Some((h, f)) if !h.trim().is_empty() && !f.trim().is_empty() => {
            Ok((h.trim().to_string(), f.trim().to_string()))
        }
        _ => Err(Error::invalid("map", "write it as \"SHEET HEADER=field\", e.g. --map \"Fecha de audiencia=date\"")),
    }
}

/// (field, required, header names that map to it; compared without case or accents).
type FieldSpec = (&'static str, bool, &'static [&'static str]);

const VOLUNTEER_FIELDS: &[FieldSpec] = &[
    ("name", true, &["name", "nombre", "full name", "nombre completo", "volunteer", "voluntario", "voluntaria"]),
    ("phone", false, &["phone", "telefono", "cell", "celular", "mobile", "movil", "phone number"]),
    ("preferred_contact", false, &["preferred contact", "contacto preferido", "contact", "contacto"]),
    ("languages", false, &["languages", "language", "idiomas", "idioma", "lenguas", "speaks", "habla"]),
    ("trainings", false, &["trainings", "training", "capacitaciones", "capacitacion", "formacion", "entrenamientos"]),
    ("roles", false, &["roles", "role", "rol"]),
    (
        "availability",
        false,
        &["availability", "available", "disponibilidad", "disponible", "horario", "when available"],
    ),
    (
        "blackout",
        false,
        &[
            "blackout",
            "blackout dates",
            "not available",
            "unavailable",
            "no disponible",
            "fechas no disponibles",
            "away",
        ],
    ),
    ("max_shifts_per_week", false, &["max shifts per week", "max shifts", "maximo de turnos", "turnos por semana"]),
    ("min_rest_hours", false, &["min rest hours", "rest hours", "horas de descanso", "descanso"]),
    ("congregation", false, &["congregation", "congregacion", "church", "iglesia", "parish", "parroquia"]),
    ("notes", false, &["notes", "notas", "comments", "comentarios"]),
];

const HOUSEHOLD_FIELDS: &[FieldSpec] = &[
    ("family", true, &["family", "household", "familia", "hogar", "family name"]),
    ("name", true, &["name", "person", "nombre", "persona", "person name"]),
    ("preferred_name", false, &["preferred name", "nombre preferido", "apodo"]),
    ("relationship", false, &["relationship", "relacion", "parentesco"]),
    ("birth_date", false, &["birth date", "date of birth", "dob", "fecha de nacimiento", "nacimiento"]),
    ("country", false, &["country", "country of origin", "pais", "pais de origen"]),
    ("languages", false, &["languages", "language", "idiomas", "idioma"]),
    ("a_number", false, &["a-number", "a number", "anumber", "alien number", "numero a", "a#", "a #"]),
    ("phone", false, &["phone", "telefono", "family phone", "celular"]),
    ("needs", false, &["needs", "necesidades"]),
    ("status", false, &["status", "estado", "family status"]),
];

const COURT_FIELDS: &[FieldSpec] = &[
    ("family", true, &["family", "household", "familia", "hogar"]),
    ("person", false, &["person", "persona", "name", "nombre", "client", "cliente"]),
    ("a_number", false, &["a-number", "a number", "anumber", "alien number", "numero a", "a#", "a #"]),
    (
        "kind",
        true,
        &["kind", "type", "tipo", "hearing type", "tipo de cita", "tipo de audiencia", "appointment type", "cita"],
    ),
    ("date", true, &["date", "fecha", "hearing date", "fecha de la cita"]),
    ("time", false, &["time", "hora"]),
    ("time_zone", false, &["time zone", "timezone", "zone", "zona", "zona horaria", "tz", "huso horario"]),
    ("place", true, &["place", "court", "courthouse", "office", "lugar", "corte", "oficina", "tribunal"]),
    ("city", false, &["city", "ciudad"]),
    ("address", false, &["address", "direccion"]),
    ("room", false, &["room", "courtroom", "sala"]),
    ("judge", false, &["judge", "juez", "jueza"]),
    ("interpreter", false, &["interpreter", "interprete"]),
    ("transport_needed", false, &["transport", "transport needed", "ride", "transporte"]),
    (
        "min_accompaniers",
        false,
        &[
            "min accompaniers",
            "minimum",
            "minimo",
            "accompaniers",
            "acompanantes",
            "accompaniers needed",
            "acompanantes minimos",
        ],
    ),
    ("max_accompaniers", false, &["max accompaniers", "maximum", "maximo", "acompanantes maximos"]),
    (
        "accompaniers",
        false,
        &[
            "volunteers",
            "voluntarios",
            "accompanier names",
            "accompanied by",
            "acompanado por",
            "acompanantes asignados",
        ],
    ),
    ("accompanier_notes", false, &["notes for accompaniers", "notes", "notas"]),
    ("internal_notes", false, &["internal notes", "notas internas"]),
    ("status", false, &["status", "estado"]),
    ("outcome", false, &["outcome", "resultado"]),
    ("confirmed", false, &["confirmed", "confirmado", "confirmada"]),
];

fn fields_of(kind: CsvKind) -> &'static [FieldSpec] {
    match kind {
        CsvKind::Volunteers => VOLUNTEER_FIELDS,
        CsvKind::Households => HOUSEHOLD_FIELDS,
        CsvKind::CourtDates => COURT_FIELDS,
    }
}

/// The headers each field accepts, one line per field, for `--help` and the error that
/// names missing columns.
pub fn accepted_headers(kind: CsvKind) -> String {
    fields_of(kind)
        .iter()
        .map(|(f, required, names)| format!("{f}{}: {}", if *required { " (required)" } else { "" }, names.join(", ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The columns an import of `kind` reads, in order: the field, whether it is required,
/// and the header names that fill it (the first is the one to write). The app shows them
/// before a file is chosen.
pub fn expected_columns(kind: CsvKind) -> Vec<(&'static str, bool, &'static [&'static str])> {
    fields_of(kind).to_vec()
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

/// The language code for a language as a sheet writes it ("Spanish", "español", "ES" → `es`),
/// through the core's one vocabulary; unknown names are kept, lower-cased.
pub fn language_code(text: &str) -> String {
    let code = crate::domain::language::normalize(text);
    if code != text.trim() {
        return code;
    }
    // Not known as written: try it without accents and case, else keep it so folded.
    crate::domain::language::normalize(&fold(text))
}

fn languages(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in split_list(text, &[';', ',', '/'])
        .iter()
        .flat_map(|x| x.split(" and ").flat_map(|y| y.split(" y ")).map(str::to_string).collect::<Vec<_>>())
    {
        let code = language_code(&l);
        if !code.is_empty() && !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

/// A time zone as people write it in a sheet: an IANA name (any case), or the US zone
/// names in English or Spanish ("Central", "Este", "Pacífico", "Hawái", "Puerto Rico").
pub fn parse_zone(text: &str) -> Result<Tz> {
    let f = fold(text).replace(['(', ')', '.'], " ");
    let words: Vec<&str> = f
        .split_whitespace()
        .filter(|w| {
            ![
                "time", "zone", "hora", "horario", "del", "de", "la", "zona", "standard", "daylight", "us", "usa",
                "ee", "uu",
            ]
            .contains(w)
        })
        .collect();
    let name = match words.join(" ").as_str() {
        "eastern" | "east" | "este" | "et" | "est" | "edt" | "oriental" | "new york" => Some("America/New_York"),
        "central" | "centro" | "ct" | "cst" | "cdt" | "chicago" => Some("America/Chicago"),
        "mountain" | "montana" | "mt" | "mst" | "mdt" | "denver" => Some("America/Denver"),
        "pacific" | "pacifico" | "pt" | "pst" | "pdt" | "los angeles" => Some("America/Los_Angeles"),
        "alaska" | "akst" | "akdt" => Some("America/Anchorage"),
        "hawaii" | "hawai" | "hst" => Some("Pacific/Honolulu"),
        "arizona" | "phoenix" => Some("America/Phoenix"),
        "atlantic" | "atlantico" | "puerto rico" | "ast" | "san juan" => Some("America/Puerto_Rico"),
        _ => None,
    };
    match name {
        Some(n) => parse_time_zone(n),
        None => {
            let wanted = text.trim().replace(' ', "_").to_lowercase();
            chrono_tz::TZ_VARIANTS
                .iter()
                .copied()
                .find(|z| z.name().to_lowercase() == wanted)
                .map_or_else(|| parse_time_zone(text), Ok)
        }
    }
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

/// What one row would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Create,
    /// The record is already in the store (an earlier import of the same sheet); skipped.
    AlreadyPresent,
    /// The row has an error (see `errors`).
    Error,
}

/// Something in a row to check before importing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum RowWarning {
    /// A local time that happens twice (the night clocks go back); the first is stored.
    #[error("{time} happens twice on this day in {zone} (clocks go back); the first is stored, check the time")]
    TimeTwice { time: String, zone: String },
    /// Volunteers named on a court date that is not scheduled are not assigned.
    #[error("the date is {status}; its volunteers are not assigned")]
    NotScheduled { status: String },
}

/// One row of the preview, for a person to check before importing. Shown on this device
/// only; it holds the row's own contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewRow {
    pub row: u64,
    pub action: RowAction,
    /// The volunteer's name, or the family and person.
    pub label: String,
    /// Court dates: the local date, time ("TBD" when to be confirmed) and zone as stored.
    pub date: Option<NaiveDate>,
    pub time: Option<String>,
    pub zone: Option<String>,
    /// A family or person the row creates because Amparo has none by that name/A-number.
    pub new_family: Option<String>,
    pub new_person: Option<String>,
    /// Text that could not be read into a field, kept as a note on the record.
    pub kept_as_note: Option<String>,
    /// Things to check (a time that happens twice on a fall-back night).
    pub warnings: Vec<RowWarning>,
}

/// What an import would do. Nothing is written until [`apply_import`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportPreview {
    pub kind: CsvKind,
    pub mapping: Vec<ColumnMapping>,
    /// Columns of the sheet that are not imported.
    pub unused_columns: Vec<String>,
    pub rows: usize,
    pub errors: Vec<RowError>,
    /// Records that would be created, e.g. [("volunteer", 12)].
    pub creates: Vec<(&'static str, usize)>,
    /// Rows skipped because their record is already present.
    pub already_present: usize,
    pub row_details: Vec<PreviewRow>,
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

/// The spreadsheet's own line number of a byte offset (LF and CRLF files alike).
fn line_at(text: &str, byte: u64) -> u64 {
    // A record's position can point at the line break before it (the "\n" of "\r\n", or
    // blank lines): the row starts after them.
    let bytes = text.as_bytes();
    let mut end = (byte as usize).min(bytes.len());
    while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
        end += 1;
    }
    bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

fn header_field(specs: &'static [FieldSpec], header: &str, taken: &[&'static str]) -> Option<&'static str> {
    let matches = |folded: &str| {
        specs
            .iter()
            .find(|(f, _, names)| !taken.contains(f) && (names.iter().any(|n| fold(n) == folded) || fold(f) == folded))
            .map(|(f, _, _)| *f)
    };
    let folded = fold(header);
    // "Familia / Family", "Corte / Oficina": any part of a bilingual header.
    matches(&folded).or_else(|| folded.split('/').map(fold).find_map(|part| matches(&part)))
}

fn read_table(kind: CsvKind, text: &str, opts: &ImportOptions) -> Result<Table> {
    let specs = fields_of(kind);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::bad("file", Invalid::FileHeader { detail: csv_reason(&e).to_string() }))?
        .clone();
    let mut forced: HashMap<String, &'static str> = HashMap::new();
    for (header, field) in &opts.map {
        let f = fold(field);
        let Some((name, _, _)) = specs.iter().find(|(n, _, names)| fold(n) == f || names.iter().any(|x| fold(x) == f))
        else {
            return Err(Error::bad(
                "map",
                Invalid::MapField {
                    field: field.clone(),
                    fields: specs.iter().map(|(n, _, _)| *n).collect::<Vec<_>>().join(", "),
                },
            ));
        };
        if !headers.iter().any(|h| fold(h) == fold(header)) {
            return Err(Error::bad("map", Invalid::MapHeader { header: header.clone() }));
        }
        forced.insert(fold(header), *name);
    }
    let mut taken: Vec<&'static str> = forced.values().copied().collect();
    let mut mapping = Vec::new();
    for h in headers.iter() {
        let field = match forced.get(&fold(h)) {
            Some(f) => Some(*f),
            None => header_field(specs, h, &taken),
        };
        if let Some(f) = field {
            taken.push(f);
        }
        mapping.push(ColumnMapping { column: h.trim().to_string(), field });
    }
    let missing: Vec<&FieldSpec> = specs.iter().filter(|(f, required, _)| *required && !taken.contains(f)).collect();
    if !missing.is_empty() {
        return Err(Error::bad(
            "columns",
            Invalid::MissingColumns {
                fields: missing.iter().map(|(f, _, _)| *f).collect::<Vec<_>>().join(", "),
                accepted: missing
                    .iter()
                    .map(|(f, _, names)| format!("{f}: {}", names.join(", ")))
                    .collect::<Vec<_>>()
                    .join("; "),
            },
        ));
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let row = e.position().map(|p| line_at(text, p.byte())).unwrap_or(0);
                errors.push(RowError { row, column: None, problem: csv_reason(&e) });
                continue;
            }
        };
        let line = rec.position().map(|p| line_at(text, p.byte())).unwrap_or(0);
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
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            CsvProblem::CellCount { cells: count(*len), columns: count(*expected_len) }
        }
        _ => CsvProblem::RowUnreadable,
    }
}

fn split_list(s: &str, seps: &[char]) -> Vec<String> {
    s.split(seps).map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect()
}

fn parse_date(s: &str) -> std::result::Result<NaiveDate, CsvProblem> {
    for f in ["%Y-%m-%d", "%m/%d/%Y", "%-m/%-d/%Y", "%d.%m.%Y", "%m/%d/%y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s.trim(), f) {
            return Ok(d);
        }
    }
    Err(CsvProblem::NotADate)
}

/// One date or an inclusive range ("12/24/2026-1/2/2027", "2026-12-24 to 2027-01-02").
fn parse_date_range(s: &str) -> Option<Vec<NaiveDate>> {
    let s = s.trim();
    if let Ok(d) = parse_date(s) {
        return Some(vec![d]);
    }
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in [" to ", " al ", " a ", " hasta ", " through ", "–", "—", "-"] {
        for (i, _) in s.match_indices(sep) {
            cuts.push((i, i + sep.len()));
        }
    }
    for (a, b) in cuts {
        if let (Ok(from), Ok(to)) = (parse_date(&s[..a]), parse_date(&s[b..])) {
            if to < from || (to - from).num_days() > 366 {
                return None;
            }
            return Some(from.iter_days().take_while(|d| *d <= to).collect());
        }
    }
    None
}

fn parse_bool(s: &str) -> std::result::Result<bool, CsvProblem> {
    match fold(s).as_str() {
        "yes" | "y" | "true" | "1" | "si" | "x" => Ok(true),
        "no" | "n" | "false" | "0" | "" => Ok(false),
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

/// A clock time as sheets write it: 09:00, 9:30 AM, 9am, 14.
fn parse_clock(s: &str) -> Option<NaiveTime> {
    let t = s.trim().to_lowercase().replace(['.', ' '], "");
    let (body, pm) = if let Some(b) = t.strip_suffix("pm") {
        (b, Some(true))
    } else if let Some(b) = t.strip_suffix("am") {
        (b, Some(false))
    } else {
        (t.as_str(), None)
    };
    let (h, m) = match body.split_once([':', 'h']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, if m.is_empty() { 0 } else { m.parse::<u32>().ok()? }),
        None => (body.parse::<u32>().ok()?, 0),
    };
    let h = match pm {
        Some(true) if (1..12).contains(&h) => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) if !(1..=12).contains(&h) => return None,
        _ => h,
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

/// A start and end time of day (an end before the start runs past midnight).
type Span = (NaiveTime, NaiveTime);

const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn day_index(word: &str) -> Option<Vec<usize>> {
    let w = word.trim_end_matches('.');
    let one = match w {
        "mo" | "mon" | "monday" | "mondays" | "lu" | "lun" | "lunes" => 0,
        "tu" | "tue" | "tues" | "tuesday" | "tuesdays" | "ma" | "mar" | "martes" => 1,
        "we" | "wed" | "wednesday" | "wednesdays" | "mi" | "mie" | "mier" | "miercoles" => 2,
        "th" | "thu" | "thur" | "thurs" | "thursday" | "thursdays" | "ju" | "jue" | "jueves" => 3,
        "fr" | "fri" | "friday" | "fridays" | "vi" | "vie" | "viernes" => 4,
        "sa" | "sat" | "saturday" | "saturdays" | "sab" | "sabado" | "sabados" => 5,
        "su" | "sun" | "sunday" | "sundays" | "do" | "dom" | "domingo" | "domingos" => 6,
        "weekends" | "weekend" => return Some(vec![5, 6]),
        "weekdays" | "weekday" => return Some((0..5).collect()),
        "any" | "anytime" | "daily" | "everyday" | "cualquier" | "diario" | "siempre" => return Some((0..7).collect()),
        _ => return None,
    };
    Some(vec![one])
}

fn period(word: &str) -> Option<(NaiveTime, NaiveTime)> {
    let hm = |h: u32| NaiveTime::from_hms_opt(h, 0, 0);
    let (a, b) = match word {
        "morning" | "mornings" | "manana" | "mananas" | "am" => (8, 12),
        "afternoon" | "afternoons" | "tarde" | "tardes" | "pm" => (12, 18),
        "evening" | "evenings" | "eve" | "eves" | "noche" | "noches" => (18, 22),
        "overnight" | "overnights" | "night" | "nights" | "nocturno" | "madrugada" => (22, 7),
        "daytime" => (8, 18),
        "allday" => (0, 0),
        _ => return None,
    };
    Some((hm(a)?, hm(b)?))
}

/// Days and time ranges of one phrase ("Mon-Fri evenings", "mar/jue 8-14"); `None` when
/// a word is not understood.
fn phrase(text: &str) -> Option<(BTreeSet<usize>, Vec<Span>)> {
    let mut f = format!(" {} ", fold(text));
    for (from, to) in [
        ("fines de semana", "weekends"),
        ("fin de semana", "weekends"),
        ("entre semana", "weekdays"),
        ("todos los dias", "daily"),
        ("cada dia", "daily"),
        ("every day", "daily"),
        ("any day", "daily"),
        ("toda la noche", "overnight"),
        ("todo el dia", "allday"),
        ("all day", "allday"),
        ("por la manana", "mornings"),
        ("por las mananas", "mornings"),
        ("por la tarde", "afternoons"),
        ("por las tardes", "afternoons"),
        ("por la noche", "evenings"),
        ("por las noches", "evenings"),
        ("de noche", "overnight"),
        ("de dia", "daytime"),
    ] {
        f = f.replace(&format!(" {from} "), &format!(" {to} "));
    }
    let f = f.replace(['/', '&', '+', '(', ')', ','], " ").replace(['-', '–', '—'], " - ");
    let mut tokens: Vec<String> = Vec::new();
    for t in f.split_whitespace() {
        // "9 am" → "9am"
        if (t == "am" || t == "pm") && tokens.last().is_some_and(|l| l.chars().all(|c| c.is_ascii_digit() || c == ':'))
        {
            if let Some(l) = tokens.last_mut() {
                l.push_str(t);
            }
            continue;
        }
        tokens.push(t.to_string());
    }
    let filler = [
        "and",
        "y",
        "e",
        "or",
        "o",
        "on",
        "en",
        "the",
        "los",
        "las",
        "el",
        "la",
        "de",
        "por",
        "only",
        "solo",
        "solamente",
        "available",
        "disponible",
        "every",
        "todos",
        "all",
        "from",
        "desde",
        "at",
    ];
    let range_words = ["-", "to", "a", "al", "through", "thru", "hasta"];
    let mut days = BTreeSet::new();
    let mut times = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        let next_is_range = tokens.get(i + 1).is_some_and(|n| range_words.contains(&n.as_str()));
        if let Some(d) = day_index(t) {
            if next_is_range {
                if let Some(to) = tokens.get(i + 2).and_then(|n| day_index(n)).filter(|v| v.len() == 1) {
                    let (a, b) = (d[0], to[0]);
                    let mut k = a;
                    loop {
                        days.insert(k);
                        if k == b {
                            break;
                        }
                        k = (k + 1) % 7;
                    }
                    i += 3;
                    continue;
                }
            }
            days.extend(d);
        } else if let Some(p) = period(t) {
            times.push(p);
        } else if let Some(start) = parse_clock(t) {
            let end = if next_is_range { tokens.get(i + 2).and_then(|n| parse_clock(n)) } else { None };
            let mut end = end?;
            // "9-5", "8-2": an end before the start in the morning means the afternoon.
            if end <= start && end.hour() < 12 && !tokens[i + 2].contains(['a', 'p']) && start.hour() != 0 {
                let pm = end + Duration::hours(12);
                if pm > start {
                    end = pm;
                }
            }
            times.push((start, end));
            i += 3;
            continue;
        } else if !filler.contains(&t) && !range_words.contains(&t) {
            return None;
        }
        i += 1;
    }
    if days.is_empty() && times.is_empty() {
        return None;
    }
    Some((days, times))
}

fn windows(days: &BTreeSet<usize>, times: &[Span]) -> Vec<String> {
    let d = if days.is_empty() || days.len() == 7 {
        "DAILY".to_string()
    } else {
        days.iter().map(|&i| DAYS[i]).collect::<Vec<_>>().join(",")
    };
    let all_day = [(NaiveTime::MIN, NaiveTime::MIN)];
    let times = if times.is_empty() { &all_day[..] } else { times };
    times
        .iter()
        .map(|(a, b)| {
            let end = if *b == NaiveTime::MIN { "24:00".to_string() } else { b.format("%H:%M").to_string() };
            format!("{d} {}-{end}", a.format("%H:%M"))
        })
        .collect()
}

/// Weekly windows for availability as people write it: "Mon-Fri evenings", "weekends",
/// "any overnight", "Tue/Thu 8-14", "lunes a viernes por la noche", "fines de semana".
/// `None` when it cannot be read (the importer keeps it as a note).
pub fn free_availability(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for part in text.split(',') {
        let joined = format!("{pending} {part}");
        let (days, times) = phrase(&joined)?;
        if times.is_empty() {
            pending = joined;
            continue;
        }
        out.extend(windows(&days, &times));
        pending.clear();
    }
    if !pending.trim().is_empty() {
        let (days, times) = phrase(&pending)?;
        out.extend(windows(&days, &times));
    }
    for w in &out {
        crate::schedule::availability::parse_window(w).ok()?;
    }
    (!out.is_empty()).then_some(out)
}

fn court_kind(s: &str) -> Option<CourtKind> {
    if let Ok(k) = s.parse::<CourtKind>() {
        return Some(k);
    }
    Some(
        match fold(s)
            .trim_start_matches("audiencia ")
            .trim_start_matches("cita ")
            .trim_start_matches("de ")
            .trim_start_matches("con ")
        {
            "master" | "master calendar hearing" | "calendario maestro" | "preliminar" | "inicial" | "mch" => {
                CourtKind::MasterCalendar
            }
            "individual" | "individual hearing" | "merits" | "final" | "de fondo" => CourtKind::IndividualHearing,
            "bond" | "fianza" | "bond hearing" => CourtKind::BondHearing,
            "ice" | "ice check in" | "check-in" | "check in" | "reporte" | "reporte ice" | "ice check-in"
            | "cita con ice" => CourtKind::IceCheckIn,
            "isap" | "isap check in" | "isap check-in" => CourtKind::IsapCheckIn,
            "biometrics" | "biometricos" | "huellas" => CourtKind::UscisBiometrics,
            "uscis" | "entrevista" | "interview" | "uscis interview" => CourtKind::UscisInterview,
            "family court" | "familiar" | "corte familiar" => CourtKind::FamilyCourt,
            "criminal" | "penal" | "corte penal" => CourtKind::CriminalCourt,
            "otra" | "otro" => CourtKind::Other,
            _ => return None,
        },
    )
}

fn household_status(s: &str) -> Option<HouseholdStatus> {
    s.parse::<HouseholdStatus>().ok().or(match fold(s).as_str() {
        "activa" | "activo" => Some(HouseholdStatus::Active),
        "en santuario" | "sanctuary" | "santuario" => Some(HouseholdStatus::InSanctuary),
        "detenido" | "detenida" | "detenidos" => Some(HouseholdStatus::Detained),
        "cerrado" | "cerrada" => Some(HouseholdStatus::Closed),
        _ => None,
    })
}

fn court_status(s: &str) -> Option<CourtStatus> {
    s.parse::<CourtStatus>().ok().or(match fold(s).as_str() {
        "programada" | "programado" | "pendiente" => Some(CourtStatus::Scheduled),
        "completada" | "completado" | "hecha" | "done" => Some(CourtStatus::Completed),
        "cancelada" | "cancelado" | "canceled" => Some(CourtStatus::Cancelled),
        _ => None,
    })
}

enum Parsed {
    Congregation(Congregation),
    /// A volunteer, with what could not be read kept as a note on them.
    Volunteer(Volunteer, Option<String>),
    Household(Household),
    Person(Person),
    /// A court date and the volunteers named to accompany it.
    Court(CourtDate, Vec<Uuid>),
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
    fn get<T>(
        &mut self,
        row: &HashMap<&'static str, String>,
        field: &'static str,
        parse: impl Fn(&str) -> std::result::Result<T, CsvProblem>,
    ) -> Option<T> {
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

struct Plan {
    parsed: Vec<Parsed>,
    errors: Vec<RowError>,
    details: Vec<PreviewRow>,
    present: usize,
}

fn detail(row: u64, label: String) -> PreviewRow {
    PreviewRow {
        row,
        action: RowAction::Create,
        label,
        date: None,
        time: None,
        zone: None,
        new_family: None,
        new_person: None,
        kept_as_note: None,
        warnings: vec![],
    }
}

/// Everything known about families and people: the store's and those the file creates.
struct Families {
    households: Vec<Household>,
    people: Vec<Person>,
    /// Indexes into `households`/`people` of records the file creates.
    new_households: BTreeSet<Uuid>,
}

impl Families {
    fn load(conn: &Connection) -> Result<Families> {
        Ok(Families { households: query(conn, "", [])?, people: query(conn, "", [])?, new_households: BTreeSet::new() })
    }
    fn by_name(&self, name: &str) -> Vec<&Household> {
        let key = fold(name);
        self.households.iter().filter(|h| fold(&h.display_name) == key).collect()
    }
    fn by_a_number(&self, a: &ANumber) -> Option<&Person> {
        self.people.iter().find(|p| p.a_number.as_ref().and_then(ANumberOrNone::number) == Some(a))
    }
    fn person_in(&self, household: Uuid, name: &str) -> Option<&Person> {
        let key = fold(name);
        self.people.iter().find(|p| {
            p.household_id == household
                && (fold(&p.name) == key || p.preferred_name.as_deref().is_some_and(|n| fold(n) == key))
        })
    }
    fn family_name(&self, id: Uuid) -> String {
        self.households.iter().find(|h| h.id == id).map(|h| h.display_name.clone()).unwrap_or_default()
    }
}

/// The family a row names, or `None` (with the error recorded) when it cannot be told.
fn family_of(fams: &Families, cx: &mut RowCtx<'_>, name: &str) -> std::result::Result<Option<Uuid>, ()> {
    match fams.by_name(name).as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.id)),
        _ => {
            cx.err("family", CsvProblem::FamilyAmbiguous);
            Err(())
        }
    }
}

fn a_number_cell(
    cx: &mut RowCtx<'_>,
    row: &HashMap<&'static str, String>,
) -> std::result::Result<Option<ANumberOrNone>, ()> {
    match row.get("a_number") {
        Some(a) => match ANumberOrNone::parse(a) {
            Ok(a) => Ok(Some(a)),
            Err(_) => {
                cx.err("a_number", CsvProblem::ANumber);
                Err(())
            }
        },
        _ => Ok(None),
    }
}

fn parse_rows(kind: CsvKind, table: &Table, conn: &Connection, opts: &ImportOptions) -> Result<Plan> {
    let mut plan = Plan { parsed: vec![], errors: table.errors.clone(), details: vec![], present: 0 };
    for e in &table.errors {
        let mut d = detail(e.row, String::new());
        d.action = RowAction::Error;
        plan.details.push(d);
    }
    let mut fams = Families::load(conn)?;
    let mut volunteers: Vec<Volunteer> = query(conn, "", [])?;
    let mut congregations: Vec<Congregation> = query(conn, "", [])?;
    let mut courts: Vec<CourtDate> = query(conn, "", [])?;
    for (line, row) in &table.rows {
        let before = plan.errors.len();
        let parsed_before = plan.parsed.len();
        let known = (fams.households.len(), fams.people.len(), volunteers.len(), congregations.len(), courts.len());
        let mut cx = RowCtx { line: *line, errors: &mut plan.errors, mapping: &table.mapping };
        let mut d = detail(*line, String::new());
        let mut present = false;
        match kind {
            CsvKind::Volunteers => 'row: {
                let Some(name) = row.get("name") else {
                    cx.err("name", CsvProblem::NameEmpty);
                    break 'row;
                };
                d.label = name.clone();
                let digits = |s: &Option<String>| {
                    s.as_deref()
                        .map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>())
                        .filter(|p| !p.is_empty())
                };
                let phone = digits(&row.get("phone").cloned());
                if volunteers.iter().any(|v| {
                    fold(&v.name) == fold(name)
                        && (phone.is_none() || digits(&v.phone).is_none() || digits(&v.phone) == phone)
                }) {
                    present = true;
                    break 'row;
                }
                let mut v = Volunteer::new(name.clone());
                v.phone = row.get("phone").cloned();
                v.preferred_contact = row.get("preferred_contact").cloned();
                v.languages = row.get("languages").map(|s| languages(s)).unwrap_or_default();
                let mut unread: Vec<String> = Vec::new();
                if let Some(t) = row.get("trainings") {
                    for item in split_list(t, &[';', ',', '\n']) {
                        let (what, date) = item.rsplit_once(char::is_whitespace).unwrap_or((item.as_str(), ""));
                        let record = match (what.parse::<Training>(), parse_date(date)) {
                            (Ok(training), Ok(on)) => Some(TrainingRecord { training, completed_on: Some(on) }),
                            _ => item
                                .parse::<Training>()
                                .ok()
                                .map(|training| TrainingRecord { training, completed_on: None }),
                        };
                        match record {
                            Some(r) => v.trainings.push(r),
                            None => cx.err("trainings", not_one_of(what, Training::ALL.iter().map(|t| t.as_str()))),
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
                let mut weekly = Vec::new();
                for w in row.get("availability").map(|s| split_list(s, &[';', '\n'])).unwrap_or_default() {
                    if crate::schedule::availability::parse_window(&w).is_ok() {
                        weekly.push(w);
                    } else if let Some(ws) = free_availability(&w) {
                        weekly.extend(ws);
                    } else {
                        unread.push(format!("availability: {w}"));
                    }
                }
                let mut blackout = Vec::new();
                for b in row.get("blackout").map(|s| split_list(s, &[';', ',', '\n'])).unwrap_or_default() {
                    match parse_date_range(&b) {
                        Some(days) => blackout.extend(days),
                        None => unread.push(format!("not available: {b}")),
                    }
                }
                blackout.sort();
                blackout.dedup();
                v.availability = Availability { weekly, blackout, blackout_rules: vec![] };
                v.max_shifts_per_week = cx.get(row, "max_shifts_per_week", parse_int);
                v.min_rest_hours = cx.get(row, "min_rest_hours", parse_int);
                if let Some(c) = row.get("congregation") {
                    match congregations.iter().find(|x| fold(&x.name) == fold(c)) {
                        Some(x) => v.congregation_id = Some(x.id),
                        None => {
                            let x = Congregation { id: Uuid::now_v7(), name: c.clone(), city: None, contact: None };
                            v.congregation_id = Some(x.id);
                            congregations.push(x.clone());
                            plan.parsed.push(Parsed::Congregation(x));
                        }
                    }
                }
                if let Some(n) = row.get("notes") {
                    unread.push(n.clone());
                }
                let note = (!unread.is_empty()).then(|| unread.join("\n"));
                d.kept_as_note = note.clone();
                volunteers.push(v.clone());
                plan.parsed.push(Parsed::Volunteer(v, note));
            }
            CsvKind::Households => 'row: {
                let (Some(family), Some(name)) = (row.get("family"), row.get("name")) else {
                    if !row.contains_key("family") {
                        cx.err("family", CsvProblem::FamilyEmpty);
                    }
                    if !row.contains_key("name") {
                        cx.err("name", CsvProblem::PersonNameEmpty);
                    }
                    break 'row;
                };
                d.label = format!("{family} — {name}");
                let Ok(a_number) = a_number_cell(&mut cx, row) else { break 'row };
                let Ok(found) = family_of(&fams, &mut cx, family) else { break 'row };
                if let Some(p) = a_number.as_ref().and_then(ANumberOrNone::number).and_then(|a| fams.by_a_number(a)) {
                    if found == Some(p.household_id) {
                        present = true;
                    } else {
                        cx.err("a_number", CsvProblem::ANumberOtherFamily);
                    }
                    break 'row;
                }
                if found.is_some_and(|h| fams.person_in(h, name).is_some()) {
                    present = true;
                    break 'row;
                }
                let mut p = Person::new(Uuid::nil(), name.clone());
                p.preferred_name = row.get("preferred_name").cloned();
                p.relationship = row.get("relationship").cloned();
                p.birth_date = cx.get(row, "birth_date", parse_date);
                p.country = row.get("country").cloned();
                p.languages = row.get("languages").map(|s| languages(s)).unwrap_or_default();
                p.a_number = a_number;
                let status = cx.get(row, "status", |s| {
                    household_status(s).ok_or_else(|| not_one_of(s, HouseholdStatus::ALL.iter().map(|x| x.as_str())))
                });
                if cx.errors.len() > before {
                    break 'row;
                }
                let hid = match found {
                    Some(h) => h,
                    None => {
                        let h = Household::new(family.clone());
                        fams.new_households.insert(h.id);
                        fams.households.push(h.clone());
                        plan.parsed.push(Parsed::Household(h.clone()));
                        d.new_family = Some(family.clone());
                        h.id
                    }
                };
                if fams.new_households.contains(&hid) {
                    // A family the file creates: its first rows fill its fields.
                    for x in plan.parsed.iter_mut() {
                        if let Parsed::Household(h) = x {
                            if h.id == hid {
                                h.phone = h.phone.take().or_else(|| row.get("phone").cloned());
                                h.needs = h.needs.take().or_else(|| row.get("needs").cloned());
                                if let Some(s) = status {
                                    h.status = s;
                                }
                                for l in &p.languages {
                                    if !h.languages.contains(l) {
                                        h.languages.push(l.clone());
                                    }
                                }
                            }
                        }
                    }
                }
                p.household_id = hid;
                fams.people.push(p.clone());
                plan.parsed.push(Parsed::Person(p));
            }
            CsvKind::CourtDates => 'row: {
                let family = row.get("family").cloned().unwrap_or_default();
                let person_name = row.get("person").cloned();
                d.label = match &person_name {
                    Some(p) => format!("{family} — {p}"),
                    None => family.clone(),
                };
                if family.is_empty() {
                    cx.err("family", CsvProblem::FamilyEmpty);
                }
                let kind = cx.get(row, "kind", |s| {
                    court_kind(s).ok_or_else(|| not_one_of(s, CourtKind::ALL.iter().map(|k| k.as_str())))
                });
                let date = cx.get(row, "date", parse_date);
                if !row.contains_key("date") {
                    cx.err("date", CsvProblem::DateEmpty);
                }
                if !row.contains_key("kind") {
                    cx.err("kind", CsvProblem::KindEmpty);
                }
                let tbc_words = ["tbd", "tbc", "por confirmar", "?", "pendiente", "unknown"];
                let (time, tbc) = match row.get("time") {
                    None => (NaiveTime::from_hms_opt(9, 0, 0), true),
                    Some(t) if tbc_words.contains(&fold(t).as_str()) => (NaiveTime::from_hms_opt(9, 0, 0), true),
                    Some(t) => match parse_clock(t) {
                        Some(t) => (Some(t), false),
                        None => {
                            cx.err("time", CsvProblem::TimeFormat);
                            (None, false)
                        }
                    },
                };
                let zone = match row.get("time_zone") {
                    Some(z) => match parse_zone(z) {
                        Ok(z) => Some(z),
                        Err(_) => {
                            cx.err("time_zone", CsvProblem::TimeZone);
                            None
                        }
                    },
                    None => {
                        if opts.default_zone.is_none() {
                            cx.err("time_zone", CsvProblem::ZoneMissing);
                        }
                        opts.default_zone
                    }
                };
                let place = row.get("place").cloned();
                if place.is_none() {
                    cx.err("place", CsvProblem::PlaceEmpty);
                }
                let mut accompaniers = Vec::new();
                if let Some(names) = row.get("accompaniers") {
                    let names = names.replace(" and ", ";").replace(" y ", ";");
                    for (i, n) in split_list(&names, &[';', ',', '/', '\n']).iter().enumerate() {
                        match volunteers.iter().filter(|v| fold(&v.name) == fold(n)).collect::<Vec<_>>().as_slice() {
                            [one] => accompaniers.push(one.id),
                            _ => cx.err("accompaniers", CsvProblem::NoSuchVolunteer { position: count(i + 1) }),
                        }
                    }
                }
                let Ok(a_number) = a_number_cell(&mut cx, row) else { break 'row };
                if family.is_empty() {
                    break 'row;
                }
                // The person: by A-number first, then by name within the family.
                let by_a = a_number
                    .as_ref()
                    .and_then(ANumberOrNone::number)
                    .and_then(|a| fams.by_a_number(a))
                    .map(|p| (p.id, p.household_id));
                let household = match by_a {
                    Some((_, h)) if fold(&fams.family_name(h)) != fold(&family) => {
                        cx.err("a_number", CsvProblem::ANumberOtherFamily);
                        break 'row;
                    }
                    Some((_, h)) => Some(h),
                    None => match family_of(&fams, &mut cx, &family) {
                        Ok(h) => h,
                        Err(()) => break 'row,
                    },
                };
                let mut person = by_a.map(|(p, _)| p).or_else(|| {
                    let h = household?;
                    fams.person_in(h, person_name.as_deref()?).map(|p| p.id)
                });
                let (Some(kind), Some(date), Some(time), Some(zone), Some(place)) = (kind, date, time, zone, place)
                else {
                    break 'row;
                };
                if cx.errors.len() > before {
                    break 'row;
                }
                let local = date.and_time(time);
                let at = match PlaceTime::new(local, zone) {
                    Ok(at) => at,
                    Err(e) => {
                        cx.err("time", value_problem(e));
                        break 'row;
                    }
                };
                if !tbc && matches!(zone.from_local_datetime(&local), LocalResult::Ambiguous(_, _)) {
                    d.warnings.push(RowWarning::TimeTwice {
                        time: time.format("%H:%M").to_string(),
                        zone: zone.name().to_string(),
                    });
                }
                d.date = Some(date);
                d.time = Some(if tbc { "TBD".into() } else { time.format("%H:%M").to_string() });
                d.zone = Some(zone.name().to_string());
                if let Some(h) = household {
                    let same = |c: &CourtDate| {
                        c.household_id == h
                            && c.kind == kind
                            && c.time_zone == zone
                            && c.local_start.date() == date
                            && (tbc || c.time_tbc || c.local_start.time() == time)
                    };
                    if courts.iter().any(same) {
                        present = true;
                        break 'row;
                    }
                }
                let hid = match household {
                    Some(h) => h,
                    None => {
                        let h = Household::new(family.clone());
                        fams.new_households.insert(h.id);
                        fams.households.push(h.clone());
                        plan.parsed.push(Parsed::Household(h.clone()));
                        d.new_family = Some(family.clone());
                        h.id
                    }
                };
                if person.is_none()
                    && (person_name.is_some() || a_number.as_ref().and_then(ANumberOrNone::number).is_some())
                {
                    match person_name.clone() {
                        Some(n) => {
                            let mut p = Person::new(hid, n.clone());
                            p.a_number = a_number.clone();
                            person = Some(p.id);
                            fams.people.push(p.clone());
                            plan.parsed.push(Parsed::Person(p));
                            d.new_person = Some(n);
                        }
                        None => cx.err("person", CsvProblem::PersonNameEmpty),
                    }
                }
                let mut c = CourtDate::new(hid, kind, at, place);
                c.time_tbc = tbc;
                c.person_id = person;
                c.address = match (row.get("address"), row.get("city")) {
                    (Some(a), Some(city)) => Some(format!("{a}, {city}")),
                    (a, city) => a.or(city).cloned(),
                };
                c.room = row.get("room").cloned();
                c.judge = row.get("judge").cloned();
                c.interpreter = row.get("interpreter").cloned();
                c.transport_needed = cx.get(row, "transport_needed", parse_bool).unwrap_or(false);
                if let Some(n) = cx.get(row, "min_accompaniers", parse_int) {
                    c.min_accompaniers = n;
                }
                c.max_accompaniers = cx.get(row, "max_accompaniers", parse_int);
                c.accompanier_notes = row.get("accompanier_notes").cloned();
                c.internal_notes = row.get("internal_notes").cloned();
                if let Some(s) = cx.get(row, "status", |s| {
                    court_status(s).ok_or_else(|| not_one_of(s, CourtStatus::ALL.iter().map(|x| x.as_str())))
                }) {
                    c.status = s;
                }
                c.outcome = row.get("outcome").cloned();
                c.confirmed = cx.get(row, "confirmed", parse_bool).unwrap_or(false);
                if c.status != CourtStatus::Scheduled && !accompaniers.is_empty() {
                    d.warnings.push(RowWarning::NotScheduled { status: c.status.to_string() });
                    accompaniers.clear();
                }
                if let Some(max) = c.max_accompaniers {
                    if accompaniers.len() as i64 > max {
                        cx.err(
                            "accompaniers",
                            CsvProblem::Value {
                                problem: Invalid::Other(format!(
                                    "{} volunteers are named but the maximum is {max}",
                                    accompaniers.len()
                                )),
                            },
                        );
                    }
                }
                if let Err(e) = c.validate() {
                    cx.err("date", value_problem(e));
                }
                courts.push(c.clone());
                plan.parsed.push(Parsed::Court(c, accompaniers));
            }
        }
        if plan.errors.len() > before {
            // A row with an error creates nothing, not even the family it named.
            plan.parsed.truncate(parsed_before);
            fams.households.truncate(known.0);
            fams.people.truncate(known.1);
            volunteers.truncate(known.2);
            congregations.truncate(known.3);
            courts.truncate(known.4);
            d.action = RowAction::Error;
        } else if present {
            d.action = RowAction::AlreadyPresent;
            plan.present += 1;
        }
        plan.details.push(d);
    }
    plan.errors.sort_by_key(|e| e.row);
    plan.details.sort_by_key(|d| d.row);
    Ok(plan)
}

fn summarise(parsed: &[Parsed]) -> Vec<(&'static str, usize)> {
    let mut n = [0usize; 6];
    for x in parsed {
        match x {
            Parsed::Volunteer(_, _) => n[0] += 1,
            Parsed::Congregation(_) => n[1] += 1,
            Parsed::Household(_) => n[2] += 1,
            Parsed::Person(_) => n[3] += 1,
            Parsed::Court(_, a) => {
                n[4] += 1;
                n[5] += a.len();
            }
        }
    }
    ["volunteer", "congregation", "family", "person", "court date", "accompanier"]
        .into_iter()
        .zip(n)
        .filter(|(_, n)| *n > 0)
        .collect()
}

fn preview_of(kind: CsvKind, table: &Table, plan: Plan) -> (ImportPreview, Vec<Parsed>) {
    let preview = ImportPreview {
        kind,
        mapping: table.mapping.clone(),
        unused_columns: table
            .mapping
            .iter()
            .filter(|m| m.field.is_none() && !m.column.is_empty())
            .map(|m| m.column.clone())
            .collect(),
        rows: table.rows.len() + table.errors.len(),
        errors: plan.errors,
        creates: summarise(&plan.parsed),
        already_present: plan.present,
        row_details: plan.details,
    };
    (preview, plan.parsed)
}

/// Read a CSV file and show what importing it would do: the column mapping and unused
/// columns, each row's errors with its line number, each row's action (court dates with
/// their local date, time and zone), and what would be created. Writes nothing.
pub fn preview_import(conn: &Connection, kind: CsvKind, bytes: &[u8], opts: &ImportOptions) -> Result<ImportPreview> {
    let text = decode(bytes)?;
    let table = read_table(kind, &text, opts)?;
    let plan = parse_rows(kind, &table, conn, opts)?;
    Ok(preview_of(kind, &table, plan).0)
}

/// Import the file: everything new or, if any row has an error, nothing (the error names
/// the rows); rows already present are skipped. Run inside one `Store::write` so a crash
/// also leaves nothing half-done.
pub fn apply_import(w: &mut Writer<'_>, kind: CsvKind, bytes: &[u8], opts: &ImportOptions) -> Result<ImportPreview> {
    let text = decode(bytes)?;
    let table = read_table(kind, &text, opts)?;
    let plan = parse_rows(kind, &table, w.tx(), opts)?;
    let (preview, parsed) = preview_of(kind, &table, plan);
    if !preview.errors.is_empty() {
        let errors = &preview.errors;
        let first: Vec<String> = errors.iter().take(3).map(|e| e.to_string()).collect();
        return Err(Refusal::CsvRowErrors {
            rows: count(errors.iter().map(|e| e.row).collect::<BTreeSet<_>>().len()),
            first: format!("{}{}", first.join("; "), if errors.len() > 3 { "; …" } else { "" }),
        }
        .into());
    }
    if parsed.is_empty() && preview.already_present == 0 {
        return Err(Error::bad("file", Invalid::NoRows));
    }
    for p in &parsed {
        match p {
            Parsed::Congregation(c) => {
                w.create(c)?;
            }
            Parsed::Volunteer(v, note) => {
                rules::add_volunteer(w, v)?;
                if let Some(body) = note {
                    let n = Note {
                        id: Uuid::now_v7(),
                        record_table: Volunteer::TABLE.name.to_string(),
                        record_id: v.id,
                        body: format!("From the spreadsheet (not read into a field):\n{body}"),
                        visibility: Visibility::Internal,
                        created_at: w.now(),
                    };
                    rules::add_note(w, &n)?;
                }
            }
            Parsed::Household(h) => {
                rules::add_household(w, h)?;
            }
            Parsed::Person(person) => {
                rules::add_person(w, person)?;
            }
            Parsed::Court(c, accompaniers) => {
                rules::add_court_date(w, c)?;
                for v in accompaniers {
                    rules::assign_accompanier(w, c.id, *v)?;
                }
            }
        }
    }
    Ok(preview)
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

/// Records of `kind` as CSV in the same columns import reads (so an export imports back
/// with every field it writes), formula-like cells neutralised. Callers must have shown
/// [`export_warning`] and had it confirmed.
pub fn export_csv(conn: &Connection, kind: CsvKind) -> Result<String> {
    let mut wtr = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut put = |cells: Vec<String>| -> Result<()> {
        wtr.write_record(cells.iter().map(|c| neutralise(c))).map_err(|e| Error::Internal(format!("csv: {e}")))
    };
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    match kind {
        CsvKind::Volunteers => {
            put([
                "name",
                "phone",
                "preferred contact",
                "languages",
                "trainings",
                "roles",
                "availability",
                "blackout",
                "max shifts per week",
                "min rest hours",
                "congregation",
            ]
            .map(String::from)
            .to_vec())?;
            let congregations: HashMap<Uuid, String> =
                query::<Congregation>(conn, "", [])?.into_iter().map(|c| (c.id, c.name)).collect();
            for v in query::<Volunteer>(conn, "ORDER BY id", [])? {
                put(vec![
                    v.name.clone(),
                    opt(&v.phone),
                    opt(&v.preferred_contact),
                    v.languages.join("; "),
                    v.trainings
                        .iter()
                        .map(|t| match t.completed_on {
                            Some(d) => format!("{} {d}", t.training),
                            None => t.training.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                    v.roles.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("; "),
                    v.availability.weekly.join("; "),
                    v.availability.blackout.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("; "),
                    num(v.max_shifts_per_week),
                    num(v.min_rest_hours),
                    v.congregation_id.and_then(|c| congregations.get(&c).cloned()).unwrap_or_default(),
                ])?;
            }
        }
        CsvKind::Households => {
            put([
                "family",
                "name",
                "preferred name",
                "relationship",
                "birth date",
                "country",
                "languages",
                "a-number",
                "phone",
                "needs",
                "status",
            ]
            .map(String::from)
            .to_vec())?;
            let families: HashMap<Uuid, Household> =
                query::<Household>(conn, "", [])?.into_iter().map(|h| (h.id, h)).collect();
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
                    h.status.to_string(),
                ])?;
            }
        }
        CsvKind::CourtDates => {
            put([
                "family",
                "person",
                "kind",
                "date",
                "time",
                "time zone",
                "place",
                "address",
                "room",
                "interpreter",
                "transport",
                "min accompaniers",
                "max accompaniers",
                "notes for accompaniers",
                "status",
                "outcome",
                "confirmed",
            ]
            .map(String::from)
            .to_vec())?;
            let families: HashMap<Uuid, Household> =
                query::<Household>(conn, "", [])?.into_iter().map(|h| (h.id, h)).collect();
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
                    num(c.max_accompaniers),
                    opt(&c.accompanier_notes),
                    c.status.to_string(),
                    opt(&c.outcome),
                    if c.confirmed { "yes".into() } else { "no".into() },
                ])?;
            }
        }
    }
    let bytes = wtr.into_inner().map_err(|e| Error::Internal(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Internal(e.to_string()))
}
