//! The printable weekly door rota of a sanctuary site, in English or Spanish. It names
//! the site by its code and the volunteers by first name and initial; never the guest.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;
use uuid::Uuid;

use super::has_skill;
use super::rotation::{resolve_local, ts};
use crate::domain::{SanctuarySite, Shift, ShiftAssignment, Volunteer};
use crate::error::{Error, Result};
use crate::store::records::{get, query};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Es,
}

impl std::str::FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "es" | "spanish" | "español" | "espanol" => Ok(Lang::Es),
            _ => Err(Error::invalid("language", format!("{s:?} is not en or es"))),
        }
    }
}

/// Text from records goes into HTML only through this.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Titles written before a name, left off the door rota ("Rev. Daniel Whitfield").
const TITLES: &[&str] = &[
    "rev", "reverend", "dr", "fr", "father", "padre", "pastor", "pastora", "rabbi", "rabino", "imam", "sr", "sra",
    "srta", "mr", "mrs", "ms", "mx", "sister", "brother", "hna", "hno", "hermana", "hermano", "deacon", "diácono",
    "lic",
];
/// Particles of surnames ("de la Cruz"), skipped when taking the initial.
const PARTICLES: &[&str] =
    &["de", "del", "la", "las", "los", "y", "da", "das", "do", "dos", "di", "van", "von", "der", "le"];

/// Enough to recognise a teammate at the door: the first given name and the initial of
/// the next name, titles left off. "Lucía Hernández Peña" → "Lucía H." (the first of
/// two Spanish surnames), "Ana María López" → "Ana M.", "Rev. Daniel Whitfield" →
/// "Daniel W.", "María de la Cruz" → "María C.".
pub fn short_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_title = |w: &str| TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str());
    let start = words.iter().position(|w| !is_title(w)).unwrap_or(0);
    let rest = &words[start.min(words.len())..];
    let Some(first) = rest.first() else { return String::new() };
    let initial = rest[1..]
        .iter()
        .find(|w| !PARTICLES.contains(&w.to_lowercase().as_str()))
        .and_then(|w| w.chars().find(|c| c.is_alphabetic()));
    match initial {
        Some(c) => format!("{first} {}.", c.to_uppercase()),
        None => first.to_string(),
    }
}

struct Words {
    title: &'static str,
    week_of: &'static str,
    needs_skill: &'static str,
    nobody: &'static str,
    days: [&'static str; 7],
    footer: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "Door rota",
            week_of: "Week of",
            needs_skill: "NEEDS SOMEONE WITH",
            nobody: "UNCOVERED",
            days: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            footer: "Times are local to the site. Keep this sheet inside.",
        },
        Lang::Es => Words {
            title: "Turnos de puerta",
            week_of: "Semana del",
            needs_skill: "FALTA ALGUIEN CON",
            nobody: "SIN CUBRIR",
            days: ["Lunes", "Martes", "Miércoles", "Jueves", "Viernes", "Sábado", "Domingo"],
            footer: "Horas locales del sitio. Guarde esta hoja adentro.",
        },
    }
}

fn skill_word(lang: Lang, skill: &str) -> String {
    if crate::domain::language::lookup(skill).is_some() {
        return crate::domain::language::display(skill, lang == Lang::Es);
    }
    match (lang, skill) {
        (Lang::Es, "rapid_response") => "respuesta rápida".into(),
        (Lang::Es, "court_accompaniment") => "acompañamiento en corte".into(),
        (Lang::Es, "sanctuary_shift") => "turnos de santuario".into(),
        (Lang::Es, "driver") => "conducir".into(),
        (_, k) => k.replace('_', " "),
    }
}

/// "NEEDS 2", "FALTA 1", "FALTAN 2".
fn needs_text(lang: Lang, n: i64) -> String {
    match lang {
        Lang::En => format!("NEEDS {n}"),
        Lang::Es if n == 1 => "FALTA 1".to_string(),
        Lang::Es => format!("FALTAN {n}"),
    }
}

/// One shift in a cell of the door rota: local times, who is on it (first name and
/// initial), what it still needs. Never the handoff note: the sheet hangs at the door.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoorRotaShift {
    pub shift_id: Uuid,
    /// "HH:MM" at the site.
    pub start: String,
    pub end: String,
    pub people: Vec<String>,
    /// People still needed to reach the minimum (0 when enough).
    pub needs: i64,
    /// Required skills nobody on the shift has.
    pub missing_skills: Vec<String>,
    // No handoff note: the sheet hangs at the door, and a note may name the guest.
}

impl DoorRotaShift {
    pub fn is_gap(&self) -> bool {
        self.needs > 0 || !self.missing_skills.is_empty()
    }
}

/// One row of the door rota: a shift name, and for each day Monday..Sunday its shifts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoorRotaRow {
    pub label: String,
    pub days: Vec<Vec<DoorRotaShift>>,
}

/// The week's door rota of one site, language-neutral: the app and the HTML page both
/// print it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DoorRota {
    pub site_code: String,
    pub monday: NaiveDate,
    pub rows: Vec<DoorRotaRow>,
}

/// The door rota of the week starting on the Monday on or before `day`.
pub fn door_rota(conn: &Connection, site_id: Uuid, day: NaiveDate) -> Result<DoorRota> {
    let site: SanctuarySite = get(conn, site_id)?;
    let zone = site.time_zone;
    let monday = day - Duration::days(day.weekday().num_days_from_monday() as i64);
    let from = resolve_local(zone, monday.and_time(chrono::NaiveTime::MIN));
    let to = resolve_local(zone, (monday + Duration::days(7)).and_time(chrono::NaiveTime::MIN));
    let shifts: Vec<Shift> = query(
        conn,
        "AND site_id = ?1 AND starts_utc >= ?2 AND starts_utc < ?3 ORDER BY starts_utc, id",
        (site_id.to_string(), ts(from), ts(to)),
    )?;
    // Rows: shift names in order of their local start time; columns: days.
    let mut rows: BTreeMap<(chrono::NaiveTime, String), [Vec<&Shift>; 7]> = BTreeMap::new();
    for s in &shifts {
        let local = s.starts_utc.with_timezone(&zone);
        let col = local.weekday().num_days_from_monday() as usize;
        rows.entry((local.time(), s.label.clone())).or_default()[col].push(s);
    }
    // Merge rows of the same label whose start moved on a DST day.
    let mut merged: Vec<(String, [Vec<&Shift>; 7])> = Vec::new();
    for ((_, label), cols) in rows {
        match merged.iter_mut().find(|(l, _)| *l == label) {
            Some((_, existing)) => {
                for (i, c) in cols.into_iter().enumerate() {
                    existing[i].extend(c);
                }
            }
            None => merged.push((label, cols)),
        }
    }
    let assignments: Vec<ShiftAssignment> = query(conn, "", [])?;
    let mut out = Vec::with_capacity(merged.len());
    for (label, cols) in merged {
        let mut days = Vec::with_capacity(7);
        for col in cols {
            let mut cell = Vec::with_capacity(col.len());
            for s in col {
                let people: Vec<Volunteer> = assignments
                    .iter()
                    .filter(|a| a.shift_id == s.id)
                    .filter_map(|a| crate::store::records::find::<Volunteer>(conn, a.volunteer_id).ok().flatten())
                    .collect();
                cell.push(DoorRotaShift {
                    shift_id: s.id,
                    start: s.starts_utc.with_timezone(&zone).format("%H:%M").to_string(),
                    end: s.ends_utc.with_timezone(&zone).format("%H:%M").to_string(),
                    people: people.iter().map(|p| short_name(&p.name)).collect(),
                    needs: (s.min_people - people.len() as i64).max(0),
                    missing_skills: s
                        .required_skills
                        .iter()
                        .filter(|k| !people.iter().any(|p| has_skill(p, k)))
                        .cloned()
                        .collect(),
                });
            }
            days.push(cell);
        }
        out.push(DoorRotaRow { label, days });
    }
    Ok(DoorRota { site_code: site.code, monday, rows: out })
}

/// A wall-clock "HH:MM" on the sheet: "8:00 AM" in English, as written in Spanish.
fn clock(lang: Lang, hhmm: &str) -> String {
    match (lang, chrono::NaiveTime::parse_from_str(hhmm, "%H:%M")) {
        (Lang::En, Ok(t)) => t.format("%-I:%M %p").to_string(),
        _ => hhmm.to_string(),
    }
}

/// The rota of the week starting on the Monday on or before `day`, as a complete HTML
/// page with a print stylesheet. Every text from records is escaped.
pub fn door_rota_html(conn: &Connection, site_id: Uuid, day: NaiveDate, lang: Lang) -> Result<String> {
    let rota = door_rota(conn, site_id, day)?;
    let monday = rota.monday;
    let w = words(lang);
    let mut html = String::new();
    let title = format!("{} — {}", w.title, escape_html(&rota.site_code));
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
<title>{title}</title>\n<style>\n\
body{{font-family:sans-serif;margin:1.5em;color:#000}}\n\
table{{border-collapse:collapse;width:100%;table-layout:fixed}}\n\
th,td{{border:1px solid #000;padding:.35em;vertical-align:top;font-size:11pt}}\n\
th{{background:#eee}}\n\
.gap{{background:#ffd6d6;font-weight:bold;color:#900}}\n\
.time{{font-size:9pt;color:#333}}\n\
@media print{{body{{margin:0}} @page{{size:landscape;margin:1cm}} .gap{{-webkit-print-color-adjust:exact;print-color-adjust:exact}} tr{{page-break-inside:avoid}}}}\n\
</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{} {}</p>\n<table>\n<thead><tr><th></th>",
        match lang {
            Lang::En => "en",
            Lang::Es => "es",
        },
        w.week_of,
        match lang {
            Lang::En => monday.format("%b %-d, %Y").to_string(),
            Lang::Es => monday.format("%Y-%m-%d").to_string(),
        },
    );
    for (i, d) in w.days.iter().enumerate() {
        let date = monday + Duration::days(i as i64);
        // English as the app writes it (US style: "Dec 4", "8:00 AM"); Spanish day/month, 24 hours.
        let day = match lang {
            Lang::En => date.format("%b %-d").to_string(),
            Lang::Es => date.format("%d/%m").to_string(),
        };
        let _ = write!(html, "<th>{d}<br>{day}</th>");
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for row in &rota.rows {
        let _ = write!(html, "<tr><th>{}</th>", escape_html(&row.label));
        for col in &row.days {
            if col.is_empty() {
                html.push_str("<td></td>");
                continue;
            }
            let mut cell = String::new();
            for s in col {
                let _ = write!(cell, "<div class=\"time\">{}–{}</div>", clock(lang, &s.start), clock(lang, &s.end));
                for p in &s.people {
                    let _ = write!(cell, "<div>{}</div>", escape_html(p));
                }
                if s.needs > 0 {
                    let what = if s.people.is_empty() { w.nobody.to_string() } else { needs_text(lang, s.needs) };
                    let _ = write!(cell, "<div>{what}</div>");
                }
                for k in &s.missing_skills {
                    let _ = write!(cell, "<div>{} {}</div>", w.needs_skill, escape_html(&skill_word(lang, k)));
                }
            }
            let gap = col.iter().any(DoorRotaShift::is_gap);
            let _ = write!(html, "<td{}>{cell}</td>", if gap { " class=\"gap\"" } else { "" });
        }
        html.push_str("</tr>\n");
    }
    let _ = write!(html, "</tbody>\n</table>\n<p class=\"time\">{}</p>\n</body>\n</html>\n", w.footer);
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_first_given_name_and_the_first_surnames_initial_without_titles() {
        assert_eq!(short_name("Lucía Hernández Peña"), "Lucía H.");
        assert_eq!(short_name("Rev. Daniel Whitfield"), "Daniel W.");
        assert_eq!(short_name("Ana María López"), "Ana M.");
        assert_eq!(short_name("María de la Cruz"), "María C.");
        assert_eq!(short_name("Dr Ruth Okafor"), "Ruth O.");
        assert_eq!(short_name("Teresa"), "Teresa");
        assert_eq!(short_name("  "), "");
        assert_eq!(short_name("Rev."), "Rev.");
    }

    #[test]
    fn spanish_agrees_in_number() {
        assert_eq!(needs_text(Lang::Es, 1), "FALTA 1");
        assert_eq!(needs_text(Lang::Es, 2), "FALTAN 2");
        assert_eq!(needs_text(Lang::En, 1), "NEEDS 1");
    }
}
