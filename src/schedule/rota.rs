//! The printable weekly door rota of a sanctuary site, in English or Spanish. It names
//! the site by its code and the volunteers by first name and initial; never the guest.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
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

/// "Ana M." from "Ana María Lopez": enough to recognise a teammate at the door.
pub fn short_name(name: &str) -> String {
    let mut words = name.split_whitespace();
    match (words.next(), words.last()) {
        (Some(first), Some(last)) => format!("{first} {}.", last.chars().next().unwrap_or(' ')),
        (Some(first), None) => first.to_string(),
        _ => String::new(),
    }
}

struct Words {
    title: &'static str,
    week_of: &'static str,
    needs: &'static str,
    needs_skill: &'static str,
    nobody: &'static str,
    handoff: &'static str,
    days: [&'static str; 7],
    footer: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "Door rota",
            week_of: "Week of",
            needs: "NEEDS",
            needs_skill: "NEEDS SOMEONE WITH",
            nobody: "UNCOVERED",
            handoff: "Handoff",
            days: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            footer: "Times are local to the site. Keep this sheet inside.",
        },
        Lang::Es => Words {
            title: "Turnos de puerta",
            week_of: "Semana del",
            needs: "FALTAN",
            needs_skill: "FALTA ALGUIEN CON",
            nobody: "SIN CUBRIR",
            handoff: "Relevo",
            days: ["Lunes", "Martes", "Miércoles", "Jueves", "Viernes", "Sábado", "Domingo"],
            footer: "Horas locales del sitio. Guarde esta hoja adentro.",
        },
    }
}

fn skill_word(lang: Lang, skill: &str) -> String {
    match (lang, skill) {
        (Lang::Es, "spanish") => "español".into(),
        (Lang::Es, "english") => "inglés".into(),
        (Lang::Es, "rapid_response") => "respuesta rápida".into(),
        (_, k) => k.replace('_', " "),
    }
}

/// The rota of the week starting on the Monday on or before `day`, as a complete HTML
/// page with a print stylesheet. Every text from records is escaped.
pub fn door_rota_html(conn: &Connection, site_id: Uuid, day: NaiveDate, lang: Lang) -> Result<String> {
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
    let w = words(lang);
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

    let mut html = String::new();
    let title = format!("{} — {}", w.title, escape_html(&site.code));
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
.handoff{{font-size:9pt;font-style:italic}}\n\
@media print{{body{{margin:0}} @page{{size:landscape;margin:1cm}} .gap{{-webkit-print-color-adjust:exact;print-color-adjust:exact}} tr{{page-break-inside:avoid}}}}\n\
</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{} {}</p>\n<table>\n<thead><tr><th></th>",
        match lang {
            Lang::En => "en",
            Lang::Es => "es",
        },
        w.week_of,
        monday.format("%Y-%m-%d"),
    );
    for (i, d) in w.days.iter().enumerate() {
        let date = monday + Duration::days(i as i64);
        let _ = write!(html, "<th>{d}<br>{}</th>", date.format("%d/%m"));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    let assignments: Vec<ShiftAssignment> = query(conn, "", [])?;
    for (label, cols) in &merged {
        let _ = write!(html, "<tr><th>{}</th>", escape_html(label));
        for col in cols {
            if col.is_empty() {
                html.push_str("<td></td>");
                continue;
            }
            let mut cell = String::new();
            let mut gap = false;
            for s in col {
                let people: Vec<Volunteer> = assignments
                    .iter()
                    .filter(|a| a.shift_id == s.id)
                    .filter_map(|a| crate::store::records::find::<Volunteer>(conn, a.volunteer_id).ok().flatten())
                    .collect();
                let _ = write!(
                    cell,
                    "<div class=\"time\">{}–{}</div>",
                    s.starts_utc.with_timezone(&zone).format("%H:%M"),
                    s.ends_utc.with_timezone(&zone).format("%H:%M")
                );
                for p in &people {
                    let _ = write!(cell, "<div>{}</div>", escape_html(&short_name(&p.name)));
                }
                let short = s.min_people - people.len() as i64;
                if short > 0 {
                    gap = true;
                    let what = if people.is_empty() { w.nobody.to_string() } else { format!("{} {short}", w.needs) };
                    let _ = write!(cell, "<div>{what}</div>");
                }
                for k in &s.required_skills {
                    if !people.iter().any(|p| has_skill(p, k)) {
                        gap = true;
                        let _ = write!(cell, "<div>{} {}</div>", w.needs_skill, escape_html(&skill_word(lang, k)));
                    }
                }
                if let Some(n) = s.handoff_notes.as_deref().filter(|n| !n.trim().is_empty()) {
                    let _ = write!(cell, "<div class=\"handoff\">{}: {}</div>", w.handoff, escape_html(n));
                }
            }
            let _ = write!(html, "<td{}>{cell}</td>", if gap { " class=\"gap\"" } else { "" });
        }
        html.push_str("</tr>\n");
    }
    let _ = write!(html, "</tbody>\n</table>\n<p class=\"time\">{}</p>\n</body>\n</html>\n", w.footer);
    let _ = Weekday::Mon; // weekday names come from `words`, so the rota never depends on the system locale
    Ok(html)
}
