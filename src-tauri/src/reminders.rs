//! Reminders on Home and as desktop notifications. What to notify is decided by
//! [`Notifier::decide`], a pure function tested below; [`watch`] only feeds it and hands
//! its texts to the notification plugin. Reminders themselves come from
//! `amparo_core::court` and `amparo_core::housing`.

use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Mutex;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use ts_rs::TS;
use uuid::Uuid;

use amparo_core::court::{self, ReminderKind};
use amparo_core::domain as d;
use amparo_core::housing::{self, HousingReminder};
use amparo_core::settings;

use crate::error::ApiResult;
use crate::prefs::Language;
use crate::state::AppState;

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

#[cfg(test)]
mod tests {
    use super::testing::store;
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
}

#[cfg(test)]
pub(crate) mod testing {
    pub(crate) fn store() -> (tempfile::TempDir, amparo_core::Store) {
        let dir = tempfile::tempdir().unwrap();
        let owner = amparo_core::Owner { name: "T".into(), device_label: "t".into() };
        let s = amparo_core::Store::init(
            &dir.path().join("s"),
            "a long pass phrase",
            amparo_core::KdfParams::MINIMUM,
            &owner,
            "2026-11-01T00:00:00Z".parse().unwrap(),
        )
        .unwrap();
        (dir, s)
    }
}
