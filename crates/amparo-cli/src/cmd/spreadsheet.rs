//! `amparo import` and `amparo export`: spreadsheets (CSV) in and out, previewed first.

use std::path::PathBuf;

use anyhow::{bail, Context};
use chrono::{DateTime, Utc};
use clap::Args;

use amparo_core::csvio::{self, CsvKind};
use amparo_core::Store;

use super::*;

#[derive(Debug, Args)]
#[command(after_long_help = csv_headers_help())]
pub struct ImportArgs {
    /// `csv KIND FILE` (or `KIND FILE`); KIND is volunteers, households or court-dates
    #[arg(value_name = "csv KIND FILE", num_args = 2..=3, required = true)]
    words: Vec<String>,
    /// Import (all new rows or none); without it only the preview is shown
    #[arg(long)]
    apply: bool,
    /// Time zone for court dates whose row names none (e.g. America/Chicago, Central, Eastern);
    /// without it such rows are refused
    #[arg(long, env = "AMPARO_TZ")]
    tz: Option<String>,
    /// Read a column as a field: --map "SHEET HEADER=field" (repeat)
    #[arg(long = "map", value_name = "SHEET HEADER=field")]
    map: Vec<String>,
    #[arg(long)]
    json: bool,
}

pub(super) fn csv_headers_help() -> String {
    let mut out = String::from(
        "Accepted column headers (case and accents do not matter; \"Familia / Family\" matches either part):\n",
    );
    for (title, kind) in
        [("volunteers", CsvKind::Volunteers), ("households", CsvKind::Households), ("court-dates", CsvKind::CourtDates)]
    {
        out.push_str(&format!("\n{title}:\n"));
        for line in csvio::accepted_headers(kind).lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out.push_str("\nCourt dates take their zone from a zone column (IANA names or Eastern/Este, Central, Mountain/Montaña, Pacific/Pacífico, Alaska, Hawaii/Hawái, Arizona, Atlantic/Puerto Rico), else from --tz.\n");
    out
}

/// `[csv] KIND FILE` as the README writes it, or the older `KIND FILE`.
pub(super) fn csv_words<'a>(command: &str, words: &'a [String]) -> anyhow::Result<(CsvKind, &'a str)> {
    let rest = match words {
        [first, rest @ ..] if first.eq_ignore_ascii_case("csv") => rest,
        all => all,
    };
    match rest {
        [kind, file] => Ok((kind.parse()?, file.as_str())),
        _ => bail!("write it as `amparo {command} csv KIND FILE`, KIND one of volunteers, households, court-dates"),
    }
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// `csv KIND` (or `KIND`); KIND is volunteers, households or court-dates
    #[arg(value_name = "csv KIND", num_args = 1..=2, required = true)]
    words: Vec<String>,
    #[arg(long)]
    out: PathBuf,
    /// Confirm you understand the file is not encrypted
    #[arg(long)]
    yes: bool,
}

pub(super) fn print_preview(p: &csvio::ImportPreview) {
    println!("columns:");
    for m in &p.mapping {
        println!("  {:<24} → {}", m.column, m.field.unwrap_or("(not imported)"));
    }
    if !p.unused_columns.is_empty() {
        println!("not imported: {} (use --map \"SHEET HEADER=field\" to read one)", p.unused_columns.join(", "));
    }
    println!("rows:");
    for r in &p.row_details {
        let what = match r.action {
            csvio::RowAction::Create => "new",
            csvio::RowAction::AlreadyPresent => "already present, skipped",
            csvio::RowAction::Error => "ERROR",
        };
        let when = match (&r.date, &r.time, &r.zone) {
            (Some(d), Some(t), Some(z)) => format!("  {d} {t} {z}"),
            _ => String::new(),
        };
        println!("  row {:<4} {what:<9} {}{when}", r.row, r.label);
        if let Some(f) = &r.new_family {
            println!("           creates the family {f}");
        }
        if let Some(p) = &r.new_person {
            println!("           creates the person {p}");
        }
        if let Some(n) = &r.kept_as_note {
            println!("           kept as a note (not read): {}", n.replace('\n', "; "));
        }
        for w in &r.warnings {
            println!("           check: {w}");
        }
    }
    let creates: Vec<String> = p.creates.iter().map(|(k, n)| format!("{n} {k}(s)")).collect();
    println!(
        "{} rows; would create {}{}",
        p.rows,
        if creates.is_empty() { "nothing".into() } else { creates.join(", ") },
        if p.already_present > 0 {
            format!("; {} already present (skipped)", p.already_present)
        } else {
            String::new()
        }
    );
    for e in &p.errors {
        println!("  ERROR {e}");
    }
}

pub(super) fn import(s: &mut Store, now: DateTime<Utc>, a: ImportArgs) -> anyhow::Result<()> {
    let (kind, file) = csv_words("import", &a.words)?;
    let bytes = std::fs::read(file).with_context(|| format!("could not read {file}"))?;
    let opts = csvio::ImportOptions {
        default_zone: a.tz.as_deref().map(csvio::parse_zone).transpose()?,
        map: a.map.iter().map(|m| csvio::parse_map(m)).collect::<amparo_core::Result<_>>()?,
    };
    let preview = csvio::preview_import(s.conn(), kind, &bytes, &opts)?;
    if a.json {
        print_json(&preview)?;
    } else {
        print_preview(&preview);
    }
    if !preview.ok() {
        let rows: std::collections::BTreeSet<u64> = preview.errors.iter().map(|e| e.row).collect();
        let rows: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
        bail!("{} problem(s) in the file (rows {}); nothing was imported", preview.errors.len(), rows.join(", "));
    }
    if a.apply {
        let done = s.write(now, |w| csvio::apply_import(w, kind, &bytes, &opts))?;
        let creates: Vec<String> = done.creates.iter().map(|(k, n)| format!("{n} {k}(s)")).collect();
        println!(
            "imported {}{}",
            if creates.is_empty() { "nothing new".into() } else { creates.join(", ") },
            if done.already_present > 0 {
                format!("; skipped {} row(s) already present", done.already_present)
            } else {
                String::new()
            }
        );
    } else if !a.json {
        println!("nothing imported yet; run again with --apply to import all rows");
    }
    Ok(())
}

pub(super) fn export(s: &mut Store, _now: DateTime<Utc>, a: ExportArgs) -> anyhow::Result<()> {
    let kind: CsvKind = match a.words.as_slice() {
        [csv, kind] if csv.eq_ignore_ascii_case("csv") => kind.parse()?,
        [kind] => kind.parse()?,
        _ => bail!("write it as `amparo export csv KIND --out FILE`, KIND one of volunteers, households, court-dates"),
    };
    if !a.yes {
        bail!("{}; nothing written: add --yes to confirm and write {}", csvio::export_warning(kind), a.out.display());
    }
    eprintln!("warning: {}", csvio::export_warning(kind));
    let text = csvio::export_csv(s.conn(), kind)?;
    write_file(&a.out, &text)?;
    println!("wrote {} rows to {}", text.lines().count().saturating_sub(1), a.out.display());
    Ok(())
}
