//! The demo data set: realistic, clearly fictional, in English and Spanish names.
//!
//! The data lives in `assets/demo/*.json` with days relative to `now`, so the court
//! dates, shifts and placement ends are always upcoming. Records refer to each other by
//! short keys ("garcia", "ruth") that the loader turns into ids. Everything is created
//! through the rules and the one write path, in one transaction.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::domain::{
    parse_time_zone, ANumberOrNone, Congregation, CourtDate, CourtKind, Household, HouseholdStatus, HousingSite, Note,
    Person, PlaceTime, Placement, Role, SanctuaryGuest, SanctuarySite, Shift, SiteKind, Task, Training, TrainingRecord,
    Visibility, Volunteer,
};
use crate::error::{Error, Result};
use crate::rules;
use crate::store::{Store, Writer};

const TEAM: &str = include_str!("../../../assets/demo/team.json");
const FAMILIES: &str = include_str!("../../../assets/demo/families.json");
const PLACES: &str = include_str!("../../../assets/demo/places.json");
const NETWORK: &str = include_str!("../../../assets/demo/network.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkFile {
    #[serde(rename = "_about")]
    _about: String,
    zones: Vec<ZoneIn>,
    responders: Vec<VolunteerIn>,
    slots: Vec<SlotIn>,
    incidents: Vec<IncidentIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ZoneIn {
    key: String,
    name: String,
    tz: String,
    signal_group: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlotIn {
    zone: String,
    days: Vec<u8>,
    start: NaiveTime,
    end: NaiveTime,
    min: i64,
    zone_lead: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IncidentIn {
    key: String,
    hours_ago: i64,
    kind: crate::domain::IncidentKind,
    zone: String,
    location: String,
    landmark: Option<String>,
    activity: Option<crate::domain::Activity>,
    agents: Option<i64>,
    vehicles: Option<i64>,
    #[serde(default)]
    more_unseen: bool,
    #[serde(default)]
    uniforms: Vec<String>,
    warrant: Option<crate::domain::Warrant>,
    status: crate::domain::IncidentStatus,
    disposition: crate::domain::Disposition,
    summary: String,
    caller_language: String,
    /// (verifier, how, confirmed)
    verified: Option<(String, crate::domain::VerifiedBy, bool)>,
    #[serde(default)]
    dispatched: Vec<(String, crate::domain::ResponderRole)>,
    /// (minutes after the call, text)
    #[serde(default)]
    timeline: Vec<(i64, String)>,
    handled_by: Option<String>,
    family: Option<String>,
    person: Option<String>,
    canvass_done: Option<bool>,
    rights_material_left: Option<bool>,
    detention: Option<DetentionIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DetentionIn {
    facility: String,
    ero_office: String,
    booking_number: String,
    bond_cents: i64,
    fund_share_cents: i64,
    obligor: String,
    phone_deposit_cents: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamFile {
    #[serde(rename = "_about")]
    _about: String,
    congregations: Vec<CongregationIn>,
    volunteers: Vec<VolunteerIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CongregationIn {
    key: String,
    name: String,
    city: Option<String>,
    contact: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VolunteerIn {
    key: String,
    name: String,
    congregation: Option<String>,
    phone: Option<String>,
    contact: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    trainings: Vec<Training>,
    #[serde(default)]
    roles: Vec<Role>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FamiliesFile {
    #[serde(rename = "_about")]
    _about: String,
    households: Vec<HouseholdIn>,
    court_dates: Vec<CourtIn>,
    tasks: Vec<TaskIn>,
    notes: Vec<NoteIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HouseholdIn {
    key: String,
    name: String,
    #[serde(default)]
    languages: Vec<String>,
    phone: Option<String>,
    voicemail_ok: Option<bool>,
    address: Option<String>,
    congregation: Option<String>,
    lead: Option<String>,
    intake_day: i64,
    status: HouseholdStatus,
    needs: Option<String>,
    persons: Vec<PersonIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonIn {
    key: String,
    name: String,
    preferred: Option<String>,
    relationship: Option<String>,
    born: Option<NaiveDate>,
    country: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    a_number: Option<String>,
    attorney: Option<String>,
    attorney_org: Option<String>,
    case_status: Option<String>,
    detention_facility: Option<String>,
    detained_day: Option<i64>,
    bond_amount: Option<String>,
    bond_status: Option<String>,
    ankle_monitor: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourtIn {
    household: String,
    person: Option<String>,
    kind: CourtKind,
    day: i64,
    time: NaiveTime,
    tz: String,
    place: String,
    address: Option<String>,
    room: Option<String>,
    judge: Option<String>,
    interpreter: Option<String>,
    min: i64,
    max: Option<i64>,
    #[serde(default)]
    confirmed: bool,
    #[serde(default)]
    time_tbc: bool,
    #[serde(default)]
    transport: bool,
    #[serde(default)]
    accompaniers: Vec<String>,
    leader: Option<String>,
    notes: Option<String>,
    internal_notes: Option<String>,
    outcome: Option<OutcomeIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeIn {
    text: String,
    detained: bool,
    next_day: i64,
    next_time: NaiveTime,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskIn {
    household: Option<String>,
    title: String,
    due_day: Option<i64>,
    assignee: Option<String>,
    kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteIn {
    on: String,
    visibility: Visibility,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    #[serde(rename = "_about")]
    _about: String,
    housing_sites: Vec<SiteIn>,
    placements: Vec<PlacementIn>,
    sanctuary: SanctuaryIn,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteIn {
    key: String,
    name: String,
    kind: SiteKind,
    address: Option<String>,
    capacity: i64,
    #[serde(default)]
    languages: Vec<String>,
    children: bool,
    pets: bool,
    accessible: bool,
    contact: Option<String>,
    host: Option<String>,
    verification: Option<String>,
    verified_day: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacementIn {
    household: String,
    site: String,
    beds: i64,
    start_day: i64,
    end_day: Option<i64>,
    lead: Option<String>,
    checkin: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SanctuaryIn {
    site: SanctuarySiteIn,
    guest: GuestIn,
    shifts: Vec<ShiftTemplateIn>,
    days: i64,
    pool: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SanctuarySiteIn {
    name: String,
    code: String,
    address: Option<String>,
    tz: String,
    congregation: Option<String>,
    host: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GuestIn {
    person: String,
    since_day: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShiftTemplateIn {
    label: String,
    start: NaiveTime,
    end: NaiveTime,
    min: i64,
    max: Option<i64>,
}

fn parse<'a, T: Deserialize<'a>>(name: &str, text: &'a str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Internal(format!("demo data {name} is malformed: {e}")))
}

/// Short keys of the data files to the ids they became.
#[derive(Default)]
struct Keys(HashMap<String, Uuid>);

impl Keys {
    fn put(&mut self, key: &str, id: Uuid) -> Result<()> {
        if self.0.insert(key.to_string(), id).is_some() {
            return Err(Error::Internal(format!("demo data uses the key {key:?} twice")));
        }
        Ok(())
    }
    fn get(&self, key: &str) -> Result<Uuid> {
        self.0.get(key).copied().ok_or_else(|| Error::Internal(format!("demo data refers to an unknown key {key:?}")))
    }
    fn opt(&self, key: &Option<String>) -> Result<Option<Uuid>> {
        key.as_deref().map(|k| self.get(k)).transpose()
    }
}

/// Counts of what was created, for the summary line.
#[derive(Default)]
struct Counts {
    volunteers: usize,
    households: usize,
    persons: usize,
    court_dates: usize,
    placements: usize,
    shifts: usize,
    tasks: usize,
    notes: usize,
    incidents: usize,
}

/// Fill `store` with the demo data set; returns a short summary of what was created.
pub fn load(store: &mut Store, now: DateTime<Utc>) -> Result<String> {
    let team: TeamFile = parse("team.json", TEAM)?;
    let families: FamiliesFile = parse("families.json", FAMILIES)?;
    let places: PlacesFile = parse("places.json", PLACES)?;
    let network: NetworkFile = parse("network.json", NETWORK)?;
    let counts = store.write(now, |w| {
        let mut keys = Keys::default();
        let mut counts = fill(w, now, &team, &families, &places, &mut keys)?;
        counts.incidents = fill_network(w, now, &network, &mut keys)?;
        counts.volunteers += network.responders.len();
        Ok(counts)
    })?;
    Ok(format!(
        "{} volunteers, {} families ({} persons), {} court dates, {} placements, {} sanctuary shifts, {} tasks, {} notes, {} hotline calls",
        counts.volunteers,
        counts.households,
        counts.persons,
        counts.court_dates,
        counts.placements,
        counts.shifts,
        counts.tasks,
        counts.notes,
        counts.incidents
    ))
}

fn fill(
    w: &mut Writer<'_>,
    now: DateTime<Utc>,
    team: &TeamFile,
    fam: &FamiliesFile,
    places: &PlacesFile,
    keys: &mut Keys,
) -> Result<Counts> {
    let today = now.date_naive();
    let day = |n: i64| today + Duration::days(n);
    let mut counts = Counts::default();

    for c in &team.congregations {
        let g =
            Congregation { id: Uuid::now_v7(), name: c.name.clone(), city: c.city.clone(), contact: c.contact.clone() };
        keys.put(&c.key, w.create(&g)?)?;
    }
    for v in &team.volunteers {
        let mut x = Volunteer::new(v.name.clone());
        x.congregation_id = keys.opt(&v.congregation)?;
        x.phone = v.phone.clone();
        x.preferred_contact = v.contact.clone();
        x.languages = v.languages.clone();
        x.trainings =
            v.trainings.iter().map(|&t| TrainingRecord { training: t, completed_on: Some(day(-200)) }).collect();
        x.roles = v.roles.clone();
        x.background_check_expires = Some(day(300));
        x.max_shifts_per_week = Some(4);
        x.min_rest_hours = Some(10);
        keys.put(&v.key, rules::add_volunteer(w, &x)?)?;
        counts.volunteers += 1;
    }

    for h in &fam.households {
        let mut x = Household::new(h.name.clone());
        x.languages = h.languages.clone();
        x.phone = h.phone.clone();
        x.voicemail_ok = h.voicemail_ok;
        x.address = h.address.clone();
        x.lead_congregation_id = keys.opt(&h.congregation)?;
        x.lead_volunteer_id = keys.opt(&h.lead)?;
        x.intake_date = Some(day(h.intake_day));
        x.status = h.status;
        x.consent = Some("recording data: yes; sharing: coordinators and assigned volunteers".into());
        x.needs = h.needs.clone();
        x.tags = vec!["demo".into()];
        let hid = rules::add_household(w, &x)?;
        keys.put(&h.key, hid)?;
        counts.households += 1;
        for p in &h.persons {
            let mut y = Person::new(hid, p.name.clone());
            y.preferred_name = p.preferred.clone();
            y.relationship = p.relationship.clone();
            y.birth_date = p.born;
            y.country = p.country.clone();
            y.languages = p.languages.clone();
            y.a_number = p.a_number.as_deref().map(ANumberOrNone::parse).transpose()?;
            y.attorney_name = p.attorney.clone();
            y.attorney_org = p.attorney_org.clone();
            y.case_status = p.case_status.clone();
            y.detention_facility = p.detention_facility.clone();
            y.detained_since = p.detained_day.map(day);
            y.bond_amount = p.bond_amount.clone();
            y.bond_status = p.bond_status.clone();
            y.ankle_monitor = p.ankle_monitor;
            keys.put(&p.key, rules::add_person(w, &y)?)?;
            counts.persons += 1;
        }
    }

    for c in &fam.court_dates {
        let zone = parse_time_zone(&c.tz)?;
        let at = PlaceTime::new(day(c.day).and_time(c.time), zone)?;
        let mut d = CourtDate::new(keys.get(&c.household)?, c.kind, at, c.place.clone());
        d.person_id = keys.opt(&c.person)?;
        d.address = c.address.clone();
        d.room = c.room.clone();
        d.judge = c.judge.clone();
        d.interpreter = c.interpreter.clone();
        d.min_accompaniers = c.min;
        d.max_accompaniers = c.max;
        d.confirmed = c.confirmed;
        d.time_tbc = c.time_tbc;
        d.transport_needed = c.transport;
        d.leader_id = keys.opt(&c.leader)?;
        d.accompanier_notes = c.notes.clone();
        d.internal_notes = c.internal_notes.clone();
        let id = rules::add_court_date(w, &d)?;
        counts.court_dates += 1;
        for a in &c.accompaniers {
            rules::assign_accompanier(w, id, keys.get(a)?)?;
        }
        if let Some(o) = &c.outcome {
            let next = rules::NextDate {
                at: PlaceTime::new(day(o.next_day).and_time(o.next_time), zone)?,
                place: c.place.clone(),
                room: c.room.clone(),
                kind: None,
            };
            let outcome = rules::Outcome { text: o.text.clone(), detained: o.detained, next: Some(next) };
            if rules::report_outcome(w, id, &outcome)?.is_some() {
                counts.court_dates += 1;
            }
        }
    }

    for t in &fam.tasks {
        let mut x = Task::new(t.title.clone());
        x.household_id = keys.opt(&t.household)?;
        x.due_date = t.due_day.map(day);
        x.assignee_id = keys.opt(&t.assignee)?;
        x.kind = t.kind.clone();
        rules::add_task(w, &x)?;
        counts.tasks += 1;
    }

    for s in &places.housing_sites {
        let mut x = HousingSite::new(s.name.clone(), s.capacity);
        x.kind = s.kind;
        x.address = s.address.clone();
        x.languages = s.languages.clone();
        x.accepts_children = s.children;
        x.accepts_pets = s.pets;
        x.accessible = s.accessible;
        x.contact = s.contact.clone();
        x.host_volunteer_id = keys.opt(&s.host)?;
        x.verification = s.verification.clone();
        x.verified_on = s.verified_day.map(day);
        keys.put(&s.key, rules::add_housing_site(w, &x)?)?;
    }
    for p in &places.placements {
        let x = Placement {
            id: Uuid::now_v7(),
            household_id: keys.get(&p.household)?,
            site_id: keys.get(&p.site)?,
            beds: p.beds,
            start_date: day(p.start_day),
            expected_end: p.end_day.map(day),
            actual_end: None,
            support_lead_id: keys.opt(&p.lead)?,
            checkin_schedule: p.checkin.clone(),
            notes: None,
        };
        rules::add_placement(w, &x)?;
        counts.placements += 1;
    }

    let sanctuary = &places.sanctuary;
    let zone = parse_time_zone(&sanctuary.site.tz)?;
    let site = SanctuarySite {
        id: Uuid::now_v7(),
        name: sanctuary.site.name.clone(),
        code: sanctuary.site.code.clone(),
        address: sanctuary.site.address.clone(),
        time_zone: zone,
        congregation_id: keys.opt(&sanctuary.site.congregation)?,
        host_volunteer_id: keys.opt(&sanctuary.site.host)?,
    };
    rules::add_sanctuary_site(w, &site)?;
    let guest = SanctuaryGuest {
        id: Uuid::now_v7(),
        person_id: keys.get(&sanctuary.guest.person)?,
        site_id: site.id,
        since: day(sanctuary.guest.since_day),
        until: None,
    };
    rules::add_sanctuary_guest(w, &guest)?;
    let pool: Vec<Uuid> = sanctuary.pool.iter().map(|k| keys.get(k)).collect::<Result<_>>()?;
    let local_today = now.with_timezone(&zone).date_naive();
    let mut i = 0usize;
    for d in 0..sanctuary.days {
        let date = local_today + Duration::days(d);
        for t in &sanctuary.shifts {
            let end_date = if t.end <= t.start { date + Duration::days(1) } else { date };
            let shift = Shift {
                id: Uuid::now_v7(),
                site_id: site.id,
                label: t.label.clone(),
                starts_utc: PlaceTime::new(date.and_time(t.start), zone)?.utc(),
                ends_utc: PlaceTime::new(end_date.and_time(t.end), zone)?.utc(),
                min_people: t.min,
                max_people: t.max,
                required_skills: vec![],
                handoff_notes: None,
            };
            rules::add_shift(w, &shift)?;
            counts.shifts += 1;
            // Most shifts are covered; a few have one person or nobody, as in real life.
            let people = if i % 10 == 6 {
                0
            } else if i % 7 == 4 {
                1
            } else {
                2
            };
            for k in 0..people {
                rules::assign_shift(w, shift.id, pool[(2 * i + k) % pool.len()])?;
            }
            i += 1;
        }
    }

    for n in &fam.notes {
        let note = Note {
            id: Uuid::now_v7(),
            record_table: "household".into(),
            record_id: keys.get(&n.on)?,
            body: n.text.clone(),
            visibility: n.visibility,
            created_at: now,
        };
        rules::add_note(w, &note)?;
        counts.notes += 1;
    }
    Ok(counts)
}

/// The network's week: zones, on-call slots and their shifts filled for this week and the
/// next, and the hotline's calls of the last days (one a detention followed to a bond).
fn fill_network(w: &mut Writer<'_>, now: DateTime<Utc>, net: &NetworkFile, keys: &mut Keys) -> Result<usize> {
    use crate::domain::{DepositKind, Incident, OncallSlot, ResponseZone};
    let today = now.date_naive();
    for r in &net.responders {
        let mut x = Volunteer::new(r.name.clone());
        x.phone = r.phone.clone();
        x.languages = r.languages.clone();
        x.trainings = r
            .trainings
            .iter()
            .map(|&t| TrainingRecord { training: t, completed_on: Some(today - Duration::days(120)) })
            .collect();
        x.roles = r.roles.clone();
        x.max_shifts_per_week = Some(4);
        keys.put(&r.key, rules::add_volunteer(w, &x)?)?;
    }
    let mut zones = Vec::new();
    for z in &net.zones {
        let mut zone = ResponseZone::new(z.name.clone(), parse_time_zone(&z.tz)?);
        zone.signal_group = Some(z.signal_group.clone());
        keys.put(&z.key, w.create(&zone)?)?;
        zones.push(zone.id);
    }
    for s in &net.slots {
        for d in &s.days {
            w.create(&OncallSlot {
                id: Uuid::now_v7(),
                zone_id: keys.get(&s.zone)?,
                weekday: *d,
                start_time: s.start,
                end_time: s.end,
                min_people: s.min,
                needs_dispatcher: true,
                needs_zone_lead: s.zone_lead,
            })?;
        }
    }
    for z in zones {
        crate::schedule::oncall::generate(w, z, today - Duration::days(1), today + Duration::days(13))?;
    }
    let plan = crate::schedule::oncall::plan(w.tx(), None, now - Duration::days(2), now + Duration::days(14))?;
    crate::schedule::oncall::apply_plan(w, &plan)?;
    for i in &net.incidents {
        let at = now - Duration::hours(i.hours_ago);
        let mut x = Incident::new(at, i.kind, i.location.clone());
        x.zone_id = Some(keys.get(&i.zone)?);
        x.landmark = i.landmark.clone();
        x.activity = i.activity;
        x.agents = i.agents;
        x.vehicles = i.vehicles;
        x.more_unseen = i.more_unseen;
        x.uniforms = i.uniforms.clone();
        x.warrant = i.warrant;
        x.summary = Some(i.summary.clone());
        x.caller_language = Some(i.caller_language.clone());
        x.caller_phone = Some(format!("(773) 555-01{:02}", 70 + keys.0.len() % 30));
        x.observed_at = Some(at - Duration::minutes(10));
        x.received_by_id = Some(keys.get("marisol")?);
        x.household_id = keys.opt(&i.family)?;
        x.person_id = keys.opt(&i.person)?;
        x.canvass_done = i.canvass_done;
        x.rights_material_left = i.rights_material_left;
        let id = crate::incident::add_incident(w, &x)?;
        keys.put(&i.key, id)?;
        if let Some((who, how, confirmed)) = &i.verified {
            crate::incident::verify(w, id, Some(keys.get(who)?), *how, at + Duration::minutes(20), *confirmed)?;
        }
        for (k, (who, role)) in i.dispatched.iter().enumerate() {
            let d = crate::incident::dispatch(w, id, keys.get(who)?, *role, at + Duration::minutes(8))?;
            if i.status == crate::domain::IncidentStatus::Closed || k == 0 {
                crate::incident::mark(w, d.id, crate::incident::Step::Acknowledged, at + Duration::minutes(10))?;
            }
            if i.status == crate::domain::IncidentStatus::Closed {
                crate::incident::mark(w, d.id, crate::incident::Step::OnScene, at + Duration::minutes(24))?;
                crate::incident::mark(w, d.id, crate::incident::Step::Left, at + Duration::minutes(70))?;
            }
        }
        for (minutes, text) in &i.timeline {
            crate::incident::observe(w, id, at + Duration::minutes(*minutes), text, None, None)?;
        }
        if let Some(h) = &i.handled_by {
            crate::incident::handle(w, id, Some(keys.get(h)?))?;
        }
        let mut stored: Incident = w.get(id)?;
        if stored.status != i.status || stored.disposition != i.disposition {
            stored.status = i.status;
            stored.disposition = i.disposition;
            crate::incident::save_incident(w, &stored)?;
        }
        if let (Some(d), Some(person)) = (&i.detention, x.person_id) {
            let mut det = crate::domain::Detention::new(person, d.facility.clone());
            det.incident_id = Some(id);
            det.detained_on = Some(at.date_naive());
            det.ero_office = Some(d.ero_office.clone());
            det.booking_number = Some(d.booking_number.clone());
            det.last_locator_check = Some(now - Duration::hours(20));
            crate::detention::add_detention(w, &det)?;
            let posted = (now - Duration::hours(30)).date_naive();
            let bond = crate::detention::post_bond(
                w,
                det.id,
                d.bond_cents,
                d.fund_share_cents,
                Some(d.obligor.clone()),
                posted,
            )?;
            crate::detention::bond_status(w, bond.id, crate::domain::BondStatus::Active)?;
            crate::detention::deposit(
                w,
                det.id,
                DepositKind::Phone,
                Some("Securus".into()),
                d.phone_deposit_cents,
                Some(keys.get("oscar")?),
                posted,
            )?;
        }
    }
    Ok(net.incidents.len())
}
