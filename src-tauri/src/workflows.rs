//! The workflow screens (issue 5): reminders on Home and as desktop notifications, the
//! court-day run sheet, the team's rapid-response checklist, housing matches and CSV
//! spreadsheets. Commands are thin adapters over `amparo_core::court`, `amparo_core::housing` and
//! `amparo_core::csvio`. What to notify is decided by [`Notifier::decide`], a pure function
//! tested below; [`watch`] only feeds it and hands its texts to the notification plugin.

use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, NaiveDate, Offset, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};
use ts_rs::TS;
use uuid::Uuid;

use amparo_core::court::{self, ReminderKind};
use amparo_core::csvio::{self, CsvKind};
use amparo_core::domain as d;
use amparo_core::housing::{self, HousingReminder};
use amparo_core::settings;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::prefs::Language;
use crate::state::AppState;
use crate::views::{convert, CourtKind};

type S<'a> = State<'a, AppState>;

/// The viewer's own time zone (the system's), UTC when it cannot be told.
pub fn viewer_zone() -> Tz {
    iana_time_zone::get_timezone().ok().and_then(|name| name.parse().ok()).unwrap_or(chrono_tz::UTC)
}

// ------------------------------------------------------------------ reminders

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderStage {
    SevenDays,
    TwoDays,
    MorningBefore,
}

impl From<court::Stage> for ReminderStage {
    fn from(s: court::Stage) -> Self {
        match s {
            court::Stage::SevenDays => ReminderStage::SevenDays,
            court::Stage::TwoDays => ReminderStage::TwoDays,
            court::Stage::MorningBefore => ReminderStage::MorningBefore,
        }
    }
}

/// What a reminder is about. The UI words it; notifications are worded by [`notice_text`].
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FlagKind {
    UnderStaffed {
        stage: ReminderStage,
        assigned: i64,
        wanted: i64,
    },
    TimeToBeConfirmed,
    /// An ICE or ISAP check-in has passed without an outcome.
    OutcomeMissing,
    /// The person was reported detained at the court date; the family's status (still
    /// `family_status`) is the coordinator's to set.
    DetentionReported {
        family_status: crate::views::HouseholdStatus,
    },
    Deadline {
        what: String,
        due: NaiveDate,
        overdue: bool,
    },
    EndingSoon {
        site: String,
        last_night: NaiveDate,
        days_left: i64,
    },
    MissedCheckIn {
        site: String,
        was_due: NaiveDate,
    },
}

/// One agenda flag on Home, and what a notification is made from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReminderFlag {
    /// Stable identity of this reminder: "item|step". What was notified is remembered by it.
    pub key: String,
    pub flag: FlagKind,
    pub household_id: Option<Uuid>,
    pub household: Option<String>,
    pub court_date_id: Option<Uuid>,
    /// For court dates: the wall time at the place, "YYYY-MM-DD HH:MM", and its zone.
    pub local_time: Option<String>,
    /// The court date's time is to be confirmed: `local_time`'s clock is a placeholder
    /// and must not be shown.
    pub time_tbc: bool,
    pub time_zone: Option<String>,
    pub place: Option<String>,
}

fn short_hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish() & 0xffff_ffff
}

fn court_key(r: &court::Reminder) -> String {
    match &r.kind {
        ReminderKind::UnderStaffed { stage, .. } => {
            format!("court:{}|under:{}", r.court_date_id.unwrap_or_default(), ReminderStage::from(*stage).word())
        }
        ReminderKind::TimeToBeConfirmed => format!("court:{}|tbc", r.court_date_id.unwrap_or_default()),
        ReminderKind::OutcomeMissing => format!("court:{}|outcome", r.court_date_id.unwrap_or_default()),
        ReminderKind::DetentionReported { .. } => format!("court:{}|detained", r.court_date_id.unwrap_or_default()),
        ReminderKind::Deadline { what, due, overdue } => format!(
            "deadline:{}:{due}:{:x}|{}",
            r.person_id.unwrap_or_default(),
            short_hash(what),
            if *overdue { "overdue" } else { "due" }
        ),
    }
}

fn housing_key(r: &HousingReminder) -> String {
    match r {
        HousingReminder::EndingSoon { placement_id, .. } => format!("placement:{placement_id}|ending"),
        HousingReminder::MissedCheckIn { placement_id, was_due, .. } => {
            format!("placement:{placement_id}|checkin:{was_due}")
        }
    }
}

impl ReminderStage {
    fn word(self) -> &'static str {
        match self {
            ReminderStage::SevenDays => "7d",
            ReminderStage::TwoDays => "2d",
            ReminderStage::MorningBefore => "morning",
        }
    }
}

/// The item a reminder key is about (one court date can have several reminders).
fn item_of(key: &str) -> &str {
    key.split('|').next().unwrap_or(key)
}

/// The keys of every reminder due at `now` — no names, nothing but ids and dates.
pub fn reminder_keys(store: &amparo_core::Store, now: DateTime<Utc>, viewer: Tz) -> amparo_core::Result<Vec<String>> {
    let conn = store.conn();
    let mut keys: Vec<String> = court::reminders(store, now, viewer)?.iter().map(court_key).collect();
    let day = now.with_timezone(&viewer).date_naive();
    keys.extend(housing::housing_reminders(conn, day, viewer)?.iter().map(housing_key));
    Ok(keys)
}

/// Every reminder due at `now`, with the names a screen shows.
pub fn reminder_flags(
    store: &amparo_core::Store,
    now: DateTime<Utc>,
    viewer: Tz,
) -> amparo_core::Result<Vec<ReminderFlag>> {
    let conn = store.conn();
    let family = |id: Option<Uuid>| -> amparo_core::Result<Option<String>> {
        Ok(match id {
            Some(id) => store.find::<d::Household>(id)?.map(|h| h.display_name),
            None => None,
        })
    };
    let mut out = Vec::new();
    for r in court::reminders(store, now, viewer)? {
        let key = court_key(&r);
        let court = match r.court_date_id {
            Some(id) => store.find::<d::CourtDate>(id)?,
            None => None,
        };
        let flag = match r.kind {
            ReminderKind::UnderStaffed { stage, assigned, wanted } => {
                FlagKind::UnderStaffed { stage: stage.into(), assigned: assigned as i64, wanted }
            }
            ReminderKind::TimeToBeConfirmed => FlagKind::TimeToBeConfirmed,
            ReminderKind::OutcomeMissing => FlagKind::OutcomeMissing,
            ReminderKind::Deadline { what, due, overdue } => FlagKind::Deadline { what, due, overdue },
            ReminderKind::DetentionReported { family_status } => {
                let family_status = serde_json::from_value(serde_json::json!(family_status))
                    .map_err(|e| amparo_core::Error::Internal(format!("a family status: {e}")))?;
                FlagKind::DetentionReported { family_status }
            }
        };
        out.push(ReminderFlag {
            key,
            flag,
            household: family(r.household_id)?,
            household_id: r.household_id,
            court_date_id: r.court_date_id,
            local_time: court.as_ref().map(|c| c.local_start.format("%Y-%m-%d %H:%M").to_string()),
            time_tbc: court.as_ref().is_some_and(|c| c.time_tbc),
            time_zone: court.as_ref().map(|c| c.time_zone.name().to_string()),
            place: court.map(|c| c.place),
        });
    }
    let day = now.with_timezone(&viewer).date_naive();
    for r in housing::housing_reminders(conn, day, viewer)? {
        let key = housing_key(&r);
        let (household_id, site_id) = match &r {
            HousingReminder::EndingSoon { household_id, site_id, .. }
            | HousingReminder::MissedCheckIn { household_id, site_id, .. } => (*household_id, *site_id),
        };
        let site = store.find::<d::HousingSite>(site_id)?.map(|s| s.name).unwrap_or_default();
        let flag = match r {
            HousingReminder::EndingSoon { last_night, days_left, .. } => {
                FlagKind::EndingSoon { site, last_night, days_left }
            }
            HousingReminder::MissedCheckIn { was_due, .. } => FlagKind::MissedCheckIn { site, was_due },
        };
        out.push(ReminderFlag {
            key,
            flag,
            household: family(Some(household_id))?,
            household_id: Some(household_id),
            court_date_id: None,
            local_time: None,
            time_tbc: false,
            time_zone: None,
            place: None,
        });
    }
    Ok(out)
}

/// What a notification says about one reminder while the app is unlocked. It names no
/// family, person, place, site or deadline subject: the desktop may show notifications on
/// its own lock screen and keep them in its history, out of Amparo's reach (docs/design/threat-model.md:
/// nothing sensitive in notifications on a locked screen). The app's Home screen has the
/// detail.
pub fn notice_text(f: &ReminderFlag, lang: Language) -> String {
    let day = f.local_time.as_deref().map(|w| &w[..w.len().min(10)]).unwrap_or_default();
    let es = lang == Language::Es;
    match &f.flag {
        FlagKind::UnderStaffed { assigned, wanted, .. } if es => {
            format!("Amparo: una cita en la corte el {day} necesita acompañantes ({assigned} de {wanted})")
        }
        FlagKind::UnderStaffed { assigned, wanted, .. } => {
            format!("Amparo: a court date on {day} needs accompaniers ({assigned} of {wanted})")
        }
        FlagKind::TimeToBeConfirmed if es => {
            format!("Amparo: falta confirmar la hora de una cita en la corte el {day}")
        }
        FlagKind::TimeToBeConfirmed => format!("Amparo: the time of a court date on {day} is still to be confirmed"),
        FlagKind::OutcomeMissing if es => format!("Amparo: falta el resultado de una cita de control del {day}"),
        FlagKind::OutcomeMissing => format!("Amparo: a check-in on {day} has no outcome yet"),
        FlagKind::DetentionReported { .. } if es => {
            format!("Amparo: se informó una detención en una cita del {day}; falta cambiar el estado de la familia")
        }
        FlagKind::DetentionReported { .. } => {
            format!("Amparo: a detention was reported at a court date on {day}; the family's status is still to be set")
        }
        FlagKind::Deadline { due, overdue: true, .. } if es => format!("Amparo: un plazo venció el {due}"),
        FlagKind::Deadline { due, overdue: true, .. } => format!("Amparo: a deadline passed on {due}"),
        FlagKind::Deadline { due, .. } if es => format!("Amparo: un plazo vence el {due}"),
        FlagKind::Deadline { due, .. } => format!("Amparo: a deadline falls on {due}"),
        FlagKind::EndingSoon { days_left, .. } if es => format!("Amparo: una estancia termina en {days_left} días"),
        FlagKind::EndingSoon { days_left, .. } => format!("Amparo: a placement ends in {days_left} days"),
        FlagKind::MissedCheckIn { was_due, .. } if es => {
            format!("Amparo: falta una visita de seguimiento (debía ser el {was_due})")
        }
        FlagKind::MissedCheckIn { was_due, .. } => format!("Amparo: a check-in was missed (due {was_due})"),
    }
}

/// The only text a notification may carry while the app is locked.
pub fn locked_text(count: usize, lang: Language) -> String {
    match (lang, count) {
        (Language::En, n) => court::attention_summary(n),
        (Language::Es, 1) => "Amparo: 1 asunto necesita atención".into(),
        (Language::Es, n) => format!("Amparo: {n} asuntos necesitan atención"),
    }
}

/// More new reminders than this at once become one summary notification.
const MAX_DETAILED: usize = 3;
/// How far ahead the notifier looks, so that it can announce while locked what falls due.
const LOOK_AHEAD_HOURS: i64 = 48;

/// What the notifier sees on one look.
pub enum Look {
    /// The store is open: the reminders due now (with their texts) and, for each
    /// reminder falling due within the look-ahead, when (keys only).
    Unlocked { due: Vec<(String, String)>, ahead: Vec<(DateTime<Utc>, String)> },
    /// The store is locked: nothing can be read.
    Locked,
}

/// What has been notified, and what a locked app may still announce: keys and times, no
/// names, dates of hearings or places. The keys notified are also kept in the encrypted
/// store ([`amparo_core::settings::remember_notified_reminders`]) so a restart does not repeat
/// them; nothing of this reaches a plain file.
#[derive(Debug, Default)]
pub struct Notifier {
    notified: HashSet<String>,
    ahead: Vec<(DateTime<Utc>, String)>,
    /// Items needing attention at the last look (the count a locked app can show).
    attention: BTreeSet<String>,
}

impl Notifier {
    /// Take in what an earlier run of the app had notified (read from the store).
    pub fn remember(&mut self, keys: impl IntoIterator<Item = String>) {
        self.notified.extend(keys);
    }

    /// The keys notified so far, to keep in the store.
    pub fn notified(&self) -> &HashSet<String> {
        &self.notified
    }

    /// The texts to notify now. Each reminder is notified once; while locked, newly due
    /// reminders are announced only as a count.
    pub fn decide(&mut self, now: DateTime<Utc>, look: Look, lang: Language) -> Vec<String> {
        match look {
            Look::Unlocked { due, ahead } => {
                self.attention = due.iter().map(|(k, _)| item_of(k).to_string()).collect();
                // Forget what is no longer due or coming due: if it comes back, it is news.
                let live: HashSet<&String> = due.iter().map(|(k, _)| k).chain(ahead.iter().map(|(_, k)| k)).collect();
                self.notified.retain(|k| live.contains(k));
                let fresh: Vec<(String, String)> =
                    due.into_iter().filter(|(k, _)| !self.notified.contains(k)).collect();
                self.ahead = ahead.into_iter().filter(|(_, k)| !self.notified.contains(k)).collect();
                self.notified.extend(fresh.iter().map(|(k, _)| k.clone()));
                if fresh.len() > MAX_DETAILED {
                    vec![locked_text(self.attention.len(), lang)]
                } else {
                    fresh.into_iter().map(|(_, text)| text).collect()
                }
            }
            Look::Locked => {
                let fresh: Vec<String> = self
                    .ahead
                    .iter()
                    .filter(|(at, k)| *at <= now && !self.notified.contains(k))
                    .map(|(_, k)| k.clone())
                    .collect();
                if fresh.is_empty() {
                    return vec![];
                }
                for k in fresh {
                    self.attention.insert(item_of(&k).to_string());
                    self.notified.insert(k);
                }
                self.ahead.retain(|(at, _)| *at > now);
                vec![locked_text(self.attention.len(), lang)]
            }
        }
    }
}

impl Look {
    /// The keys due now or falling due soon (`None` while locked).
    fn keys(&self) -> Option<BTreeSet<String>> {
        match self {
            Look::Unlocked { due, ahead } => {
                Some(due.iter().map(|(k, _)| k.clone()).chain(ahead.iter().map(|(_, k)| k.clone())).collect())
            }
            Look::Locked => None,
        }
    }
}

/// Look at an open store: reminders due now with their texts, and the keys of those
/// falling due within the next hours (sampled hourly), each with when it first appears.
pub fn look_unlocked(
    store: &amparo_core::Store,
    now: DateTime<Utc>,
    viewer: Tz,
    lang: Language,
) -> amparo_core::Result<Look> {
    let due: Vec<(String, String)> =
        reminder_flags(store, now, viewer)?.into_iter().map(|f| (f.key.clone(), notice_text(&f, lang))).collect();
    let mut seen: HashSet<String> = due.iter().map(|(k, _)| k.clone()).collect();
    let mut ahead = Vec::new();
    for h in 1..=LOOK_AHEAD_HOURS {
        let at = now + Duration::hours(h);
        for k in reminder_keys(store, at, viewer)? {
            if seen.insert(k.clone()) {
                ahead.push((at, k));
            }
        }
    }
    Ok(Look::Unlocked { due, ahead })
}

/// How often the notifier looks.
const WATCH_EVERY: StdDuration = StdDuration::from_secs(120);

/// The notifier's memory, managed by Tauri.
#[derive(Default)]
pub struct NotifierState(Mutex<Notifier>);

/// Look every few minutes and show what [`Notifier::decide`] says through the
/// notification plugin. Reads the store directly (not through `with_store`), so looking
/// does not count as activity and never keeps the app from locking itself.
pub fn watch(app: AppHandle) {
    use tauri_plugin_notification::NotificationExt;
    loop {
        std::thread::sleep(WATCH_EVERY);
        let state = app.state::<AppState>();
        let lang = state.prefs().language;
        let now = Utc::now();
        let store_guard = || state.store.lock().unwrap_or_else(|p| p.into_inner());
        let (look, before) = match store_guard().as_ref() {
            None => (Look::Locked, None),
            Some(store) => {
                match (look_unlocked(store, now, viewer_zone(), lang), settings::notified_reminders(store.conn())) {
                    (Ok(look), Ok(before)) => (look, Some(before)),
                    _ => continue,
                }
            }
        };
        let live = look.keys();
        let (texts, notified) = {
            let memory = app.state::<NotifierState>();
            let mut notifier = memory.0.lock().unwrap_or_else(|p| p.into_inner());
            // What an earlier run of the app notified, so a restart does not repeat it.
            notifier.remember(before.into_iter().flatten());
            let texts = notifier.decide(now, look, lang);
            (texts, notifier.notified().clone())
        };
        if let (Some(live), Some(store)) = (live, store_guard().as_ref()) {
            // Failing to remember only means a reminder may be shown once more.
            let _ = settings::remember_notified_reminders(store, &notified, &live);
        }
        for text in texts {
            // Failing to show (no notification service) is not an error worth reporting.
            let _ = app.notification().builder().title("Amparo").body(text).show();
        }
    }
}

/// The reminders due now, for Home.
#[tauri::command]
pub fn reminders(state: S<'_>) -> ApiResult<Vec<ReminderFlag>> {
    state.with_store(|s| reminder_flags(s, Utc::now(), viewer_zone()))
}

// ------------------------------------------------------------------ court day

#[derive(Debug, Clone, Serialize, TS)]
pub struct RunSheetPerson {
    pub name: String,
    pub phone: Option<String>,
    pub leader: bool,
}

/// A time at the place and, when the viewer's clock differs, the viewer's.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TwoClocks {
    /// "HH:MM" at the place.
    pub local: String,
    pub zone: String,
    /// The zone's abbreviation then, e.g. "CST".
    pub zone_abbr: String,
    /// "HH:MM" on the viewer's clock when its offset differs from the place's.
    pub viewer: Option<String>,
    pub viewer_abbr: Option<String>,
    /// The viewer's date, when it is not the place's.
    pub viewer_date: Option<NaiveDate>,
}

pub fn two_clocks(at: d::PlaceTime, viewer: Tz) -> TwoClocks {
    let there = at.utc().with_timezone(&at.zone);
    let here = at.utc().with_timezone(&viewer);
    let differs = there.offset().fix() != here.offset().fix();
    TwoClocks {
        local: there.format("%H:%M").to_string(),
        zone: at.zone.name().to_string(),
        zone_abbr: there.format("%Z").to_string(),
        viewer: differs.then(|| here.format("%H:%M").to_string()),
        viewer_abbr: differs.then(|| here.format("%Z").to_string()),
        viewer_date: (differs && here.date_naive() != there.date_naive()).then(|| here.date_naive()),
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RunSheetRow {
    pub court_date_id: Uuid,
    pub household_id: Uuid,
    pub kind: CourtKind,
    pub time_tbc: bool,
    pub time: TwoClocks,
    pub family: String,
    pub person_first_name: Option<String>,
    pub family_phone: Option<String>,
    pub place: String,
    pub address: Option<String>,
    pub room: Option<String>,
    pub interpreter: Option<String>,
    pub transport_needed: bool,
    pub accompaniers: Vec<RunSheetPerson>,
    pub wanted: i64,
    pub notes: Option<String>,
    /// What this store does not hold of the court date (`views::court_not_shared`).
    pub not_shared: Vec<String>,
}

/// Every scheduled appointment on `day` (at its place), in time order.
#[tauri::command]
pub fn run_sheet(state: S<'_>, day: NaiveDate) -> ApiResult<Vec<RunSheetRow>> {
    let viewer = viewer_zone();
    state.with_store_api(|s| {
        let not_shared = crate::views::court_not_shared(s.actor()?);
        court::run_sheet(s.conn(), day, viewer)?
            .into_iter()
            .map(|e| {
                let c: d::CourtDate = s.get(e.court_date_id)?;
                Ok(RunSheetRow {
                    court_date_id: e.court_date_id,
                    household_id: c.household_id,
                    kind: convert(&e.kind)?,
                    time_tbc: e.time_tbc,
                    time: two_clocks(c.at(), viewer),
                    family: e.family,
                    person_first_name: e.person_first_name,
                    family_phone: e.family_phone,
                    place: e.place,
                    address: e.address,
                    room: e.room,
                    interpreter: e.interpreter,
                    transport_needed: e.transport_needed,
                    accompaniers: e
                        .accompaniers
                        .into_iter()
                        .map(|p| RunSheetPerson { name: p.name, phone: p.phone, leader: p.leader })
                        .collect(),
                    wanted: e.wanted,
                    notes: e.notes,
                    not_shared: not_shared.clone(),
                })
            })
            .collect()
    })
}

/// The team's rapid-response checklist (opened as tasks when someone is detained).
#[tauri::command]
pub fn detained_checklist(state: S<'_>) -> ApiResult<Vec<String>> {
    state.with_store(|s| court::checklist(s.conn(), court::DETAINED_CHECKLIST))
}

#[tauri::command]
pub fn save_detained_checklist(state: S<'_>, items: Vec<String>) -> ApiResult<Vec<String>> {
    state.with_store(|s| {
        s.write(Utc::now(), |w| court::set_checklist(w, court::DETAINED_CHECKLIST, items))?;
        court::checklist(s.conn(), court::DETAINED_CHECKLIST)
    })
}

// ------------------------------------------------------------------ housing

/// Mirrors `amparo_core::housing::HousingNeed`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct HousingNeed {
    pub beds: i64,
    pub children: bool,
    pub languages: Vec<String>,
    pub pets: bool,
    pub accessible: bool,
}

/// Mirrors `amparo_core::housing::SiteMatch`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SiteMatch {
    pub site_id: Uuid,
    pub name: String,
    pub capacity: i64,
    pub free_beds: i64,
    pub shared_languages: Vec<String>,
    pub verified: bool,
    pub score: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HousingMatches {
    pub need: HousingNeed,
    pub matches: Vec<SiteMatch>,
}

/// Sites that can take the household for every night `first_night..=last_night`, best
/// first, for its needs as recorded.
#[tauri::command]
pub fn housing_matches(
    state: S<'_>,
    household_id: Uuid,
    first_night: NaiveDate,
    last_night: NaiveDate,
) -> ApiResult<HousingMatches> {
    state.with_store_api(|s| {
        let need = housing::HousingNeed::for_household(s.conn(), household_id, first_night)?;
        let matches = housing::match_sites(s.conn(), &need, first_night, last_night, Some(household_id))?;
        Ok(HousingMatches { need: convert(&need)?, matches: matches.iter().map(convert).collect::<ApiResult<_>>()? })
    })
}

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

/// One volunteer as a picker offers them for a court date or a shift: whether they are
/// trained for it, free by their own availability, and booked elsewhere at that time.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CandidateView {
    pub volunteer_id: Uuid,
    /// Trained for this kind of work (court accompaniment, sanctuary shift).
    pub trained: bool,
    /// Inside their weekly hours and not on a blacked-out day; `None` when their
    /// availability cannot be read.
    pub available: Option<bool>,
    /// Whether they gave weekly hours at all (none means "any time").
    pub hours_given: bool,
    /// Court dates and shifts they are already on at that time.
    pub clashes: Vec<court::AccompanierProblem>,
}

fn available(v: &d::Volunteer, zone: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> Option<bool> {
    use amparo_core::schedule::availability::Expanded;
    Expanded::new(&v.availability, zone, start - Duration::days(1), end + Duration::days(1))
        .ok()
        .map(|e| e.allows(start, end))
}

/// Every active volunteer, with what the accompanier picker shows beside their name.
#[tauri::command]
pub fn accompanier_candidates(state: S<'_>, court_date_id: Uuid) -> ApiResult<Vec<CandidateView>> {
    state.with_store(|s| accompanier_candidates_in(s, court_date_id))
}

fn accompanier_candidates_in(s: &amparo_core::Store, court_date_id: Uuid) -> amparo_core::Result<Vec<CandidateView>> {
    {
        let c: d::CourtDate = s.get(court_date_id)?;
        let start = c.starts_utc;
        let end = start + Duration::hours(court::COURT_BLOCK_HOURS);
        let mut out = Vec::new();
        for v in s.list::<d::Volunteer>()?.into_iter().filter(|v| v.active) {
            let clashes = court::accompanier_problems(s.conn(), &c, &v)?
                .into_iter()
                .filter(|p| {
                    matches!(
                        p,
                        court::AccompanierProblem::OtherCourtDate { .. } | court::AccompanierProblem::OnShift { .. }
                    )
                })
                .collect();
            out.push(CandidateView {
                volunteer_id: v.id,
                trained: v.has_training(d::Training::CourtAccompaniment),
                available: available(&v, c.time_zone, start, end),
                hours_given: !v.availability.weekly.is_empty(),
                clashes,
            });
        }
        Ok(out)
    }
}

/// Every active volunteer, with what the shift picker shows beside their name.
#[tauri::command]
pub fn shift_candidates(state: S<'_>, shift_id: Uuid) -> ApiResult<Vec<CandidateView>> {
    state.with_store(|s| shift_candidates_in(s, shift_id))
}

fn shift_candidates_in(s: &amparo_core::Store, shift_id: Uuid) -> amparo_core::Result<Vec<CandidateView>> {
    {
        let shift: d::Shift = s.get(shift_id)?;
        let sites = s.list::<d::SanctuarySite>()?;
        let zone_of = |site: Uuid| sites.iter().find(|x| x.id == site).map_or(Tz::UTC, |x| x.time_zone);
        let zone = zone_of(shift.site_id);
        let (start, end) = (shift.starts_utc, shift.ends_utc);
        let shifts = s.list::<d::Shift>()?;
        let assignments = s.list::<d::ShiftAssignment>()?;
        let courts = s.list::<d::CourtDate>()?;
        let accompaniers = s.list::<d::CourtAccompanier>()?;
        let local = |t: DateTime<Utc>, z: Tz| t.with_timezone(&z).format("%Y-%m-%d %H:%M").to_string();
        let mut out = Vec::new();
        for v in s.list::<d::Volunteer>()?.into_iter().filter(|v| v.active) {
            let mut clashes = Vec::new();
            for a in assignments.iter().filter(|a| a.volunteer_id == v.id && a.shift_id != shift.id) {
                let Some(o) = shifts.iter().find(|x| x.id == a.shift_id) else { continue };
                if o.starts_utc < end && start < o.ends_utc {
                    let z = zone_of(o.site_id);
                    clashes.push(court::AccompanierProblem::OnShift {
                        shift_id: o.id,
                        label: o.label.clone(),
                        local_start: local(o.starts_utc, z),
                        local_end: local(o.ends_utc, z),
                        time_zone: z.to_string(),
                    });
                }
            }
            for a in accompaniers.iter().filter(|a| a.volunteer_id == v.id) {
                let Some(c) = courts.iter().find(|x| x.id == a.court_date_id) else { continue };
                let c_end = c.starts_utc + Duration::hours(court::COURT_BLOCK_HOURS);
                if c.status == d::CourtStatus::Scheduled && c.starts_utc < end && start < c_end {
                    clashes.push(court::AccompanierProblem::OtherCourtDate {
                        court_date_id: c.id,
                        local_time: c.local_start.format("%Y-%m-%d %H:%M").to_string(),
                        time_zone: c.time_zone.to_string(),
                    });
                }
            }
            out.push(CandidateView {
                volunteer_id: v.id,
                trained: v.has_training(d::Training::SanctuaryShift),
                available: available(&v, zone, start, end),
                hours_given: !v.availability.weekly.is_empty(),
                clashes,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn due(key: &str, text: &str) -> (String, String) {
        (key.to_string(), text.to_string())
    }

    #[test]
    fn an_unlocked_app_notifies_each_reminder_once() {
        let mut n = Notifier::default();
        let now = t("2026-11-24T12:00:00Z");
        let look = || Look::Unlocked {
            due: vec![due("court:a|under:7d", "Court date needs accompaniers (1 of 2): Familia X")],
            ahead: vec![],
        };
        assert_eq!(n.decide(now, look(), Language::En), vec!["Court date needs accompaniers (1 of 2): Familia X"]);
        assert!(n.decide(now + Duration::minutes(2), look(), Language::En).is_empty(), "notified twice");
        // The next stage of the same court date is a new reminder.
        let later = Look::Unlocked {
            due: vec![due("court:a|under:7d", "x"), due("court:a|under:2d", "two days")],
            ahead: vec![],
        };
        assert_eq!(n.decide(now + Duration::days(5), later, Language::En), vec!["two days"]);
    }

    #[test]
    fn what_an_earlier_run_notified_is_not_notified_again_and_what_went_away_is_news_when_it_returns() {
        let now = t("2026-11-24T12:00:00Z");
        let look = |keys: &[&str]| Look::Unlocked { due: keys.iter().map(|k| due(k, k)).collect(), ahead: vec![] };
        let mut first = Notifier::default();
        assert_eq!(first.decide(now, look(&["court:a|tbc"]), Language::En).len(), 1);
        // The app restarts: a new notifier told what the store remembered stays quiet.
        let mut again = Notifier::default();
        again.remember(first.notified().iter().cloned());
        assert!(
            again.decide(now + Duration::minutes(2), look(&["court:a|tbc"]), Language::En).is_empty(),
            "notified again after a restart"
        );
        // The reminder goes away (the time was confirmed) and is forgotten ...
        assert!(again.decide(now + Duration::hours(1), look(&[]), Language::En).is_empty());
        assert!(again.notified().is_empty());
        // ... so when it comes back (unconfirmed again), it is notified once more.
        assert_eq!(again.decide(now + Duration::hours(2), look(&["court:a|tbc"]), Language::En), vec!["court:a|tbc"]);
    }

    #[test]
    fn a_locked_app_says_only_how_many_items_need_attention() {
        let mut n = Notifier::default();
        let now = t("2026-11-24T12:00:00Z");
        let ahead = vec![
            (now + Duration::hours(3), "court:a|under:morning".to_string()),
            (now + Duration::hours(30), "placement:p|ending".to_string()),
        ];
        let look = Look::Unlocked { due: vec![due("court:a|under:2d", "Familia Secreta at Calle 5")], ahead };
        assert_eq!(n.decide(now, look, Language::En).len(), 1);
        // Locked, before anything new falls due: silence.
        assert!(n.decide(now + Duration::hours(1), Look::Locked, Language::En).is_empty());
        // The morning-before stage falls due while locked: a count, nothing else.
        let shown = n.decide(now + Duration::hours(4), Look::Locked, Language::En);
        assert_eq!(shown, vec!["Amparo: 1 item needs attention"]);
        assert!(n.decide(now + Duration::hours(5), Look::Locked, Language::En).is_empty(), "announced twice");
        // The placement's reminder falls due: two items now, in Spanish if so set.
        let shown = n.decide(now + Duration::hours(31), Look::Locked, Language::Es);
        assert_eq!(shown, vec!["Amparo: 2 asuntos necesitan atención"]);
        // Unlocking again does not repeat what the locked screen already announced.
        let back = Look::Unlocked {
            due: vec![due("court:a|under:morning", "m"), due("placement:p|ending", "e"), due("court:b|tbc", "new one")],
            ahead: vec![],
        };
        assert_eq!(n.decide(now + Duration::hours(32), back, Language::En), vec!["new one"]);
    }

    #[test]
    fn many_new_reminders_at_once_become_one_count() {
        let mut n = Notifier::default();
        let d: Vec<_> = (0..5).map(|i| due(&format!("court:{i}|tbc"), "name")).collect();
        let shown = n.decide(t("2026-11-24T12:00:00Z"), Look::Unlocked { due: d, ahead: vec![] }, Language::En);
        assert_eq!(shown, vec!["Amparo: 5 items need attention"]);
    }

    fn store() -> (tempfile::TempDir, amparo_core::Store) {
        let dir = tempfile::tempdir().unwrap();
        let owner = amparo_core::Owner { name: "T".into(), device_label: "t".into() };
        let s = amparo_core::Store::init(
            &dir.path().join("s"),
            "a long pass phrase",
            amparo_core::KdfParams::MINIMUM,
            &owner,
            t("2026-11-01T00:00:00Z"),
        )
        .unwrap();
        (dir, s)
    }

    #[test]
    fn pickers_say_who_is_trained_free_by_their_hours_and_booked_elsewhere_then() {
        let (_dir, mut s) = store();
        let chicago = chrono_tz::America::Chicago;
        let at =
            d::PlaceTime::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(9, 0, 0).unwrap(), chicago)
                .unwrap();
        let h = d::Household::new("Familia Quetzal");
        let c = d::CourtDate::new(h.id, d::CourtKind::MasterCalendar, at, "Chicago Immigration Court");
        let site = d::SanctuarySite {
            id: Uuid::now_v7(),
            name: "Iglesia".into(),
            code: "SJ-1".into(),
            address: None,
            time_zone: chicago,
            congregation_id: None,
            host_volunteer_id: None,
        };
        // 08:00-14:00 in Chicago that Tuesday.
        let shift = d::Shift {
            id: Uuid::now_v7(),
            site_id: site.id,
            label: "morning".into(),
            starts_utc: t("2026-12-01T14:00:00Z"),
            ends_utc: t("2026-12-01T20:00:00Z"),
            min_people: 1,
            max_people: None,
            required_skills: vec![],
            handoff_notes: None,
        };
        let mut ana = d::Volunteer::new("Ana");
        ana.availability.weekly = vec!["SA 08:00-12:00".into()];
        let luis = d::Volunteer::new("Luis");
        s.write(t("2026-11-01T00:00:00Z"), |w| {
            amparo_core::rules::add_household(w, &h)?;
            amparo_core::rules::add_court_date(w, &c)?;
            amparo_core::rules::add_sanctuary_site(w, &site)?;
            amparo_core::rules::add_shift(w, &shift)?;
            amparo_core::rules::add_volunteer(w, &ana)?;
            amparo_core::rules::add_volunteer(w, &luis)?;
            amparo_core::rules::assign_shift(w, shift.id, ana.id)
        })
        .unwrap();

        let court = accompanier_candidates_in(&s, c.id).unwrap();
        let a = court.iter().find(|x| x.volunteer_id == ana.id).unwrap();
        assert_eq!((a.trained, a.available, a.hours_given), (false, Some(false), true));
        assert!(matches!(&a.clashes[..], [court::AccompanierProblem::OnShift { label, .. }] if label == "morning"));
        let l = court.iter().find(|x| x.volunteer_id == luis.id).unwrap();
        assert_eq!((l.available, l.hours_given, l.clashes.len()), (Some(true), false, 0));

        let shift_side = shift_candidates_in(&s, shift.id).unwrap();
        let a = shift_side.iter().find(|x| x.volunteer_id == ana.id).unwrap();
        assert!(a.clashes.is_empty(), "her own shift is no clash: {:?}", a.clashes);
        let l = shift_side.iter().find(|x| x.volunteer_id == luis.id).unwrap();
        assert!(l.clashes.is_empty());
    }

    #[test]
    fn reminders_from_a_store_become_worded_notices_and_locked_counts() {
        let (_dir, mut s) = store();
        let chicago = chrono_tz::America::Chicago;
        let at =
            d::PlaceTime::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(9, 0, 0).unwrap(), chicago)
                .unwrap();
        let h = d::Household::new("Familia Quetzal");
        let c = d::CourtDate::new(h.id, d::CourtKind::MasterCalendar, at, "Chicago Immigration Court");
        s.write(t("2026-11-01T00:00:00Z"), |w| {
            amparo_core::rules::add_household(w, &h)?;
            amparo_core::rules::add_court_date(w, &c)
        })
        .unwrap();
        // Ten days before: nothing yet; the 7-day stage lies beyond the look-ahead.
        let look = look_unlocked(&s, t("2026-11-21T12:00:00Z"), chicago, Language::En).unwrap();
        let Look::Unlocked { due, ahead } = look else { panic!() };
        assert!(due.is_empty() && ahead.is_empty());
        // Eight and a half days before: the 7-day stage is 36 hours ahead.
        let now = t("2026-11-22T15:00:00Z");
        let Look::Unlocked { due, ahead } = look_unlocked(&s, now, chicago, Language::En).unwrap() else { panic!() };
        assert!(due.is_empty());
        assert_eq!(ahead.len(), 1);
        assert_eq!(ahead[0].1, format!("court:{}|under:7d", c.id));
        assert!(ahead[0].0 >= t("2026-11-24T15:00:00Z") && ahead[0].0 < t("2026-11-24T16:00:01Z"), "{:?}", ahead[0].0);
        let mut n = Notifier::default();
        assert!(n.decide(now, Look::Unlocked { due, ahead }, Language::En).is_empty());
        let locked = n.decide(t("2026-11-24T16:00:00Z"), Look::Locked, Language::En);
        assert_eq!(locked, vec!["Amparo: 1 item needs attention"]);
        assert!(!locked[0].contains("Quetzal") && !locked[0].contains("Chicago") && !locked[0].contains("12-01"));
        // Unlocked two days before: what and when, but neither the family nor the place,
        // since the desktop may show it on its own lock screen.
        let Look::Unlocked { due, .. } = look_unlocked(&s, t("2026-11-29T12:00:00Z"), chicago, Language::En).unwrap()
        else {
            panic!()
        };
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].1, "Amparo: a court date on 2026-12-01 needs accompaniers (0 of 2)");
        let es = reminder_flags(&s, t("2026-11-29T12:00:00Z"), chicago).unwrap();
        assert_eq!(es[0].household.as_deref(), Some("Familia Quetzal"), "Home's flag keeps the detail");
        assert_eq!(
            notice_text(&es[0], Language::Es),
            "Amparo: una cita en la corte el 2026-12-01 necesita acompañantes (0 de 2)"
        );
    }

    #[test]
    fn housing_reminders_are_keyed_per_placement_and_notified_without_names() {
        let (_dir, mut s) = store();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let h = d::Household::new("Familia Ocelotl");
        let site = d::HousingSite::new("Casa Abierta", 4);
        let p = d::Placement {
            id: Uuid::now_v7(),
            household_id: h.id,
            site_id: site.id,
            beds: 2,
            start_date: day(1),
            expected_end: Some(day(30)),
            actual_end: None,
            support_lead_id: None,
            checkin_schedule: Some("weekly".into()),
            notes: None,
        };
        s.write(t("2026-11-01T00:00:00Z"), |w| {
            amparo_core::rules::add_household(w, &h)?;
            amparo_core::rules::add_housing_site(w, &site)?;
            amparo_core::rules::add_placement(w, &p)
        })
        .unwrap();
        let flags = reminder_flags(&s, t("2026-11-20T12:00:00Z"), chrono_tz::UTC).unwrap();
        let keys: Vec<&str> = flags.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, vec![format!("placement:{}|ending", p.id), format!("placement:{}|checkin:2026-11-08", p.id)]);
        let texts: Vec<String> = flags.iter().map(|f| notice_text(f, Language::En)).collect();
        assert_eq!(
            texts,
            vec!["Amparo: a placement ends in 10 days", "Amparo: a check-in was missed (due 2026-11-08)"]
        );
        assert_eq!(notice_text(&flags[0], Language::Es), "Amparo: una estancia termina en 10 días");
        assert!(
            matches!(&flags[0].flag, FlagKind::EndingSoon { site, .. } if site == "Casa Abierta"),
            "Home's flag names the site"
        );
        // The same keys come back the next day for "ending", so it is notified once.
        let next = reminder_keys(&s, t("2026-11-21T12:00:00Z"), chrono_tz::UTC).unwrap();
        assert!(next.contains(&format!("placement:{}|ending", p.id)));
    }

    #[test]
    fn the_viewers_time_is_shown_beside_the_places_only_when_they_differ() {
        let at = d::PlaceTime::new(
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(23, 30, 0).unwrap(),
            chrono_tz::America::Chicago,
        )
        .unwrap();
        let same = two_clocks(at, chrono_tz::America::Chicago);
        assert_eq!((same.local.as_str(), same.zone_abbr.as_str(), same.viewer.clone()), ("23:30", "CST", None));
        let east = two_clocks(at, chrono_tz::America::New_York);
        assert_eq!(east.viewer.as_deref(), Some("00:30"));
        assert_eq!(east.viewer_abbr.as_deref(), Some("EST"));
        assert_eq!(east.viewer_date, NaiveDate::from_ymd_opt(2026, 12, 2));
        let west = two_clocks(at, chrono_tz::America::Los_Angeles);
        assert_eq!((west.viewer.as_deref(), west.viewer_date), (Some("21:30"), None));
    }
}
