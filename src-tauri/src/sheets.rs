//! Spreadsheets: the CSV columns each kind expects, the preview before an import, the
//! import and the export.

use std::path::PathBuf;

use chrono::Utc;
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use amparo_core::csvio::{self, CsvKind};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;

type S<'a> = State<'a, AppState>;

// ------------------------------------------------------------------ spreadsheets

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    Volunteers,
    Households,
    CourtDates,
}

impl From<SheetKind> for CsvKind {
    fn from(k: SheetKind) -> Self {
        match k {
            SheetKind::Volunteers => CsvKind::Volunteers,
            SheetKind::Households => CsvKind::Households,
            SheetKind::CourtDates => CsvKind::CourtDates,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetColumn {
    pub column: String,
    /// The field it fills, or null when the column is not imported.
    pub field: Option<String>,
}

/// A column an import reads, shown before a file is chosen.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetExpected {
    /// The header to write (English); `also` lists the other names it accepts.
    pub column: String,
    pub required: bool,
    pub also: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetRowError {
    /// The line of the file (the header is line 1).
    pub row: u64,
    pub column: Option<String>,
    /// What is wrong; the UI translates it.
    pub problem: amparo_core::CsvProblem,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetCount {
    pub what: String,
    pub count: usize,
}

/// Something in a row to check before importing it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum SheetRowWarning {
    TimeTwice { time: String, zone: String },
    NotScheduled { status: String },
}

/// One row of the preview: what it will do, and a court date's local date, time and zone.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetRow {
    pub row: u64,
    /// "create", "already_present" or "error".
    pub action: String,
    pub label: String,
    pub date: Option<String>,
    pub time: Option<String>,
    pub zone: Option<String>,
    pub new_family: Option<String>,
    pub new_person: Option<String>,
    pub kept_as_note: Option<String>,
    pub warnings: Vec<SheetRowWarning>,
}

/// What an import would do (or did).
#[derive(Debug, Clone, Serialize, TS)]
pub struct SheetPreview {
    pub kind: SheetKind,
    pub mapping: Vec<SheetColumn>,
    pub unused_columns: Vec<String>,
    pub rows: usize,
    pub errors: Vec<SheetRowError>,
    pub creates: Vec<SheetCount>,
    /// Rows skipped because their record is already in Amparo.
    pub already_present: usize,
    pub details: Vec<SheetRow>,
}

impl SheetPreview {
    fn new(kind: SheetKind, p: csvio::ImportPreview) -> Self {
        SheetPreview {
            kind,
            mapping: p
                .mapping
                .into_iter()
                .map(|m| SheetColumn { column: m.column, field: m.field.map(String::from) })
                .collect(),
            unused_columns: p.unused_columns,
            already_present: p.already_present,
            details: p
                .row_details
                .into_iter()
                .map(|d| SheetRow {
                    row: d.row,
                    action: match d.action {
                        csvio::RowAction::Create => "create",
                        csvio::RowAction::AlreadyPresent => "already_present",
                        csvio::RowAction::Error => "error",
                    }
                    .into(),
                    label: d.label,
                    date: d.date.map(|x| x.to_string()),
                    time: d.time,
                    zone: d.zone,
                    new_family: d.new_family,
                    new_person: d.new_person,
                    kept_as_note: d.kept_as_note,
                    warnings: d
                        .warnings
                        .into_iter()
                        .map(|w| match w {
                            csvio::RowWarning::TimeTwice { time, zone } => SheetRowWarning::TimeTwice { time, zone },
                            csvio::RowWarning::NotScheduled { status } => SheetRowWarning::NotScheduled { status },
                        })
                        .collect(),
                })
                .collect(),
            rows: p.rows,
            errors: p
                .errors
                .into_iter()
                .map(|e| SheetRowError { row: e.row, column: e.column, problem: e.problem })
                .collect(),
            creates: p.creates.into_iter().map(|(what, count)| SheetCount { what: what.into(), count }).collect(),
        }
    }
}

/// The bytes of a chosen CSV file, refused before reading when too large.
fn read_csv(path: &str) -> ApiResult<Vec<u8>> {
    let io = |e: std::io::Error| ApiError::new(ErrorCode::Io, format!("could not read the file: {e}"));
    let path = PathBuf::from(path);
    if path.is_dir() {
        return Err(ApiError::new(ErrorCode::Invalid, "that is a folder; choose a CSV file"));
    }
    let len = std::fs::metadata(&path).map_err(io)?.len();
    if len > csvio::MAX_CSV_BYTES as u64 {
        return Err(ApiError::new(
            ErrorCode::Invalid,
            format!("the file is larger than {} MB; split it", csvio::MAX_CSV_BYTES / (1024 * 1024)),
        ));
    }
    std::fs::read(&path).map_err(io)
}

/// Read the file and show what importing it would do. Writes nothing.
/// The columns a spreadsheet of this kind should have (no store needed).
#[tauri::command]
pub fn csv_columns(kind: SheetKind) -> Vec<SheetExpected> {
    csvio::expected_columns(kind.into())
        .into_iter()
        .map(|(_, required, names)| SheetExpected {
            column: names.first().copied().unwrap_or_default().to_string(),
            required,
            also: names.iter().skip(1).map(|n| n.to_string()).collect(),
        })
        .collect()
}

#[tauri::command]
pub fn csv_preview(state: S<'_>, kind: SheetKind, path: String, options: SheetOptions) -> ApiResult<SheetPreview> {
    let bytes = read_csv(&path)?;
    let options = options.into_core()?;
    state
        .with_store(|s| csvio::preview_import(s.conn(), kind.into(), &bytes, &options))
        .map(|p| SheetPreview::new(kind, p))
}

/// What the person chose for a sheet, as the CLI's `--tz` and `--map`: the zone of court
/// dates whose row names none (none: such rows are refused, the importer never guesses
/// one from this computer), and columns they matched to fields by hand.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct SheetOptions {
    pub default_zone: Option<String>,
    /// `(sheet header, field)` pairs.
    pub map: Vec<(String, String)>,
}

impl SheetOptions {
    fn into_core(self) -> ApiResult<csvio::ImportOptions> {
        let default_zone = match self.default_zone.as_deref().map(str::trim).filter(|z| !z.is_empty()) {
            Some(z) => Some(csvio::parse_zone(z)?),
            None => None,
        };
        Ok(csvio::ImportOptions { default_zone, map: self.map })
    }
}

/// Import the file: all of it, or nothing when any row has an error.
#[tauri::command]
pub fn csv_import(state: S<'_>, kind: SheetKind, path: String, options: SheetOptions) -> ApiResult<SheetPreview> {
    let bytes = read_csv(&path)?;
    let options = options.into_core()?;
    state
        .with_store(|s| s.write(Utc::now(), |w| csvio::apply_import(w, kind.into(), &bytes, &options)))
        .map(|p| SheetPreview::new(kind, p))
}

/// Write the records of `kind` as CSV to the chosen path (the UI has shown what the file
/// will hold and had it confirmed).
#[tauri::command]
pub fn csv_export(state: S<'_>, kind: SheetKind, path: String) -> ApiResult<()> {
    let text = state.with_store(|s| csvio::export_csv(s.conn(), kind.into()))?;
    Ok(amparo_core::store::write_private(std::path::Path::new(&path), text.as_bytes())?)
}
