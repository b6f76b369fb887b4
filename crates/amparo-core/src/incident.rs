//! The hotline desk's rules: taking a call, verifying it, dispatching responders, the
//! timeline, closing with a disposition, merging two reports of one event, forgetting
//! callers after the retention period, and the text pasted into a zone's Signal group.
//! Each write runs inside a `Writer` transaction, like `rules`.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use uuid::Uuid;

use crate::domain::{
    Activity, Dispatch, Disposition, Incident, IncidentKind, IncidentObservation, IncidentStatus, IncidentVerification,
    Record, ResponderRole, ResponseZone, VerifiedBy, Volunteer,
};
use crate::error::{Error, Result};
use crate::refusal::Refusal;
use crate::schedule::Lang;
use crate::schema;
use crate::store::records;
use crate::store::Writer;

/// Two reports this close in time may be one event (a second caller, a second dispatcher).
pub const SAME_EVENT_WITHIN: Duration = Duration::hours(2);

fn require<R: Record>(w: &Writer<'_>, id: Uuid) -> Result<R> {
    w.find::<R>(id)?.ok_or_else(|| Error::NotFound { kind: R::NOUN, id: id.to_string() })
}

fn open_incident(w: &Writer<'_>, id: Uuid) -> Result<Incident> {
    let i: Incident = require(w, id)?;
    if i.status == IncidentStatus::Closed {
        return Err(Refusal::IncidentClosed.into());
    }
    Ok(i)
}

/// Take a call: the incident as the dispatcher entered it, its zone and volunteers checked.
pub fn add_incident(w: &mut Writer<'_>, i: &Incident) -> Result<Uuid> {
    check_links(w, i, None)?;
    w.create(i)
}

/// Save an edited incident (the SALUTE report completed, the follow-up recorded).
/// Only the links the edit sets are checked: a responder's store does not hold the
/// dispatcher who took the call.
pub fn save_incident(w: &mut Writer<'_>, i: &Incident) -> Result<usize> {
    let before: Incident = require(w, i.id)?;
    check_links(w, i, Some(&before))?;
    w.save(i)
}

fn check_links(w: &Writer<'_>, i: &Incident, before: Option<&Incident>) -> Result<()> {
    let set = |now: Option<Uuid>, was: Option<Uuid>| now.filter(|n| before.is_none() || Some(*n) != was);
    if let Some(z) = set(i.zone_id, before.and_then(|b| b.zone_id)) {
        require::<ResponseZone>(w, z)?;
    }
    let volunteers = [
        set(i.received_by_id, before.and_then(|b| b.received_by_id)),
        set(i.handled_by_id, before.and_then(|b| b.handled_by_id)),
    ];
    for v in volunteers.into_iter().flatten() {
        require::<Volunteer>(w, v)?;
    }
    Ok(())
}

/// "Being handled by": the dispatcher working the call now, or nobody.
pub fn handle(w: &mut Writer<'_>, id: Uuid, dispatcher: Option<Uuid>) -> Result<()> {
    let mut i: Incident = require(w, id)?;
    if let Some(d) = dispatcher {
        require::<Volunteer>(w, d)?;
    }
    i.handled_by_id = dispatcher;
    w.save(&i)?;
    Ok(())
}

/// Record a verifier's check. A new incident is then being verified; a confirming check
/// makes its disposition confirmed (a check that found nothing leaves it for the desk).
pub fn verify(
    w: &mut Writer<'_>,
    id: Uuid,
    volunteer: Option<Uuid>,
    how: VerifiedBy,
    at: DateTime<Utc>,
    confirmed: bool,
) -> Result<IncidentVerification> {
    let mut i = open_incident(w, id)?;
    if let Some(v) = volunteer {
        require::<Volunteer>(w, v)?;
    }
    let check =
        IncidentVerification { id: Uuid::now_v7(), incident_id: id, volunteer_id: volunteer, how, at, confirmed };
    w.create(&check)?;
    let before = i.clone();
    if i.status == IncidentStatus::New {
        i.status = IncidentStatus::Verifying;
    }
    if confirmed {
        i.disposition = Disposition::Confirmed;
    }
    if i != before {
        w.save(&i)?;
    }
    Ok(check)
}

/// Send a responder. Refused for a closed incident, a responder already sent, or one
/// marked inactive. The incident is then dispatched.
pub fn dispatch(
    w: &mut Writer<'_>,
    id: Uuid,
    volunteer: Uuid,
    role: ResponderRole,
    at: DateTime<Utc>,
) -> Result<Dispatch> {
    let mut i = open_incident(w, id)?;
    let v: Volunteer = require(w, volunteer)?;
    if !v.active {
        return Err(Refusal::VolunteerInactive.into());
    }
    if dispatches_of(w.tx(), id)?.iter().any(|d| d.volunteer_id == volunteer) {
        return Err(Refusal::AlreadyDispatched.into());
    }
    let d = Dispatch {
        id: Uuid::now_v7(),
        incident_id: id,
        volunteer_id: volunteer,
        role,
        notified_at: at,
        acknowledged_at: None,
        on_scene_at: None,
        left_at: None,
    };
    w.create(&d)?;
    if matches!(i.status, IncidentStatus::New | IncidentStatus::Verifying) {
        i.status = IncidentStatus::Dispatched;
        w.save(&i)?;
    }
    Ok(d)
}

/// A step of a dispatched responder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Acknowledged,
    OnScene,
    Left,
}

/// Mark a responder's step at `at` (they acknowledged, arrived, left).
pub fn mark(w: &mut Writer<'_>, dispatch_id: Uuid, step: Step, at: DateTime<Utc>) -> Result<Dispatch> {
    let mut d: Dispatch = require(w, dispatch_id)?;
    match step {
        Step::Acknowledged => d.acknowledged_at = Some(at),
        Step::OnScene => d.on_scene_at = Some(at),
        Step::Left => d.left_at = Some(at),
    }
    w.save(&d)?;
    Ok(d)
}

/// Add a line to the timeline.
pub fn observe(
    w: &mut Writer<'_>,
    id: Uuid,
    at: DateTime<Utc>,
    text: &str,
    witness: Option<String>,
    volunteer: Option<Uuid>,
) -> Result<IncidentObservation> {
    require::<Incident>(w, id)?;
    let o = IncidentObservation {
        id: Uuid::now_v7(),
        incident_id: id,
        at,
        text: text.trim().to_string(),
        witness: witness.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        volunteer_id: volunteer,
    };
    w.create(&o)?;
    Ok(o)
}

/// Close an incident with what it turned out to be.
pub fn close(w: &mut Writer<'_>, id: Uuid, disposition: Disposition) -> Result<()> {
    let mut i: Incident = require(w, id)?;
    i.status = IncidentStatus::Closed;
    i.disposition = disposition;
    i.handled_by_id = None;
    w.save(&i)?;
    Ok(())
}

/// Open a closed incident again (being verified, or dispatched when someone was sent).
pub fn reopen(w: &mut Writer<'_>, id: Uuid) -> Result<()> {
    let mut i: Incident = require(w, id)?;
    if i.status != IncidentStatus::Closed {
        return Ok(());
    }
    i.status =
        if dispatches_of(w.tx(), id)?.is_empty() { IncidentStatus::Verifying } else { IncidentStatus::Dispatched };
    w.save(&i)?;
    Ok(())
}

/// Fold the report `other` into `keep` (two calls about one event): its verifications,
/// timeline and responders move to `keep` (a responder sent to both once), what `keep`
/// lacks of its report is taken from `other`, a timeline line says so, and `other` is
/// deleted. Returns how many records moved.
pub fn merge(w: &mut Writer<'_>, keep: Uuid, other: Uuid, at: DateTime<Utc>) -> Result<usize> {
    if keep == other {
        return Err(Refusal::MergeIntoItself.into());
    }
    let mut kept: Incident = require(w, keep)?;
    let gone: Incident = require(w, other)?;
    let mut moved = 0;
    let already: Vec<Uuid> = dispatches_of(w.tx(), keep)?.iter().map(|d| d.volunteer_id).collect();
    for mut d in dispatches_of(w.tx(), other)? {
        if already.contains(&d.volunteer_id) {
            w.remove::<Dispatch>(d.id)?;
        } else {
            d.incident_id = keep;
            w.save(&d)?;
            moved += 1;
        }
    }
    for mut v in records::query::<IncidentVerification>(w.tx(), "AND incident_id = ?1", [other.to_string()])? {
        v.incident_id = keep;
        w.save(&v)?;
        moved += 1;
    }
    for mut o in records::query::<IncidentObservation>(w.tx(), "AND incident_id = ?1", [other.to_string()])? {
        o.incident_id = keep;
        w.save(&o)?;
        moved += 1;
    }
    fill_from(&mut kept, &gone);
    w.save(&kept)?;
    let line = format!(
        "Merged with the report received {} ({}).",
        gone.received_at.format("%Y-%m-%d %H:%M UTC"),
        gone.location.trim()
    );
    observe(w, keep, at, &line, None, None)?;
    crate::rules::delete_with_parts(w, &schema::INCIDENT, other)?;
    Ok(moved)
}

/// What `keep` does not say of its report, taken from `other`.
fn fill_from(keep: &mut Incident, other: &Incident) {
    macro_rules! fill {
        ($($f:ident),+) => { $( if keep.$f.is_none() { keep.$f = other.$f.clone(); } )+ };
    }
    fill!(
        caller_phone,
        caller_language,
        caller_affected,
        caller_safe,
        zone_id,
        agents,
        vehicles,
        activity,
        landmark,
        direction,
        marked,
        observed_at,
        equipment,
        identified_by,
        plates,
        badge_numbers,
        warrant,
        warrant_details,
        entry_consented,
        summary,
        household_id,
        person_id
    );
    keep.more_unseen |= other.more_unseen;
    for u in &other.uniforms {
        if !keep.uniforms.iter().any(|k| k.eq_ignore_ascii_case(u)) {
            keep.uniforms.push(u.clone());
        }
    }
    for a in &other.agencies {
        if !keep.agencies.iter().any(|k| k.eq_ignore_ascii_case(a)) {
            keep.agencies.push(a.clone());
        }
    }
    keep.received_at = keep.received_at.min(other.received_at);
}

/// Forget the callers of incidents received more than `days` days before `now`: their
/// phone, language and whether they were affected and safe. Returns how many incidents.
pub fn forget_callers(w: &mut Writer<'_>, now: DateTime<Utc>, days: i64) -> Result<usize> {
    let before = now - Duration::days(days);
    let mut n = 0;
    for mut i in records::query::<Incident>(
        w.tx(),
        "AND received_at < ?1 AND caller_cleared_at IS NULL \
         AND (caller_phone IS NOT NULL OR caller_language IS NOT NULL OR caller_affected IS NOT NULL OR caller_safe IS NOT NULL)",
        [before.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)],
    )? {
        i.caller_phone = None;
        i.caller_language = None;
        i.caller_affected = None;
        i.caller_safe = None;
        i.caller_cleared_at = Some(now);
        w.save(&i)?;
        n += 1;
    }
    Ok(n)
}

/// The live dispatches of an incident, first sent first.
pub fn dispatches_of(conn: &Connection, incident: Uuid) -> Result<Vec<Dispatch>> {
    records::query(conn, "AND incident_id = ?1 ORDER BY notified_at, id", [incident.to_string()])
}

/// The words of a location, folded (case, accents) and without the small ones, for
/// telling whether two reports name one place.
fn place_words(text: &str) -> Vec<String> {
    crate::language::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2 && !matches!(*w, "and" | "the" | "con" | "del" | "por" | "street" | "calle" | "ave"))
        .map(str::to_string)
        .collect()
}

/// Whether two open reports may be one event: received within [`SAME_EVENT_WITHIN`] of
/// each other, and in one zone or naming the same place (two words of it in common).
pub fn same_event(a: &Incident, b: &Incident) -> bool {
    if a.id == b.id || a.status == IncidentStatus::Closed || b.status == IncidentStatus::Closed {
        return false;
    }
    if (a.received_at - b.received_at).abs() > SAME_EVENT_WITHIN {
        return false;
    }
    let (wa, wb) = (place_words(&a.location), place_words(&b.location));
    let common = wa.iter().filter(|w| wb.contains(w)).count();
    common >= 2 || (common >= 1 && a.zone_id.is_some() && a.zone_id == b.zone_id)
}

fn kind_words(kind: IncidentKind, lang: Lang) -> &'static str {
    use IncidentKind::*;
    match (lang, kind) {
        (Lang::En, Home) => "home raid",
        (Lang::En, Workplace) => "workplace raid",
        (Lang::En, VehicleStop) => "vehicle stop",
        (Lang::En, Checkpoint) => "checkpoint",
        (Lang::En, Courthouse) => "courthouse arrest",
        (Lang::En, CheckInArrest) => "arrest at a check-in",
        (Lang::En, Sweep) => "sweep",
        (Lang::En, Other) => "enforcement activity",
        (Lang::Es, Home) => "operativo en una casa",
        (Lang::Es, Workplace) => "operativo en un lugar de trabajo",
        (Lang::Es, VehicleStop) => "parada de vehículo",
        (Lang::Es, Checkpoint) => "retén",
        (Lang::Es, Courthouse) => "arresto en la corte",
        (Lang::Es, CheckInArrest) => "arresto en una cita de control",
        (Lang::Es, Sweep) => "redada",
        (Lang::Es, Other) => "actividad de las autoridades",
    }
}

fn activity_words(a: Activity, lang: Lang) -> &'static str {
    use Activity::*;
    match (lang, a) {
        (Lang::En, Watching) => "watching",
        (Lang::En, Approaching) => "approaching",
        (Lang::En, Questioning) => "questioning people",
        (Lang::En, Detaining) => "detaining people",
        (Lang::En, Loading) => "loading people into vehicles",
        (Lang::En, Checkpoint) => "stopping cars at a checkpoint",
        (Lang::Es, Watching) => "vigilando",
        (Lang::Es, Approaching) => "acercándose",
        (Lang::Es, Questioning) => "interrogando a personas",
        (Lang::Es, Detaining) => "deteniendo a personas",
        (Lang::Es, Loading) => "subiendo personas a vehículos",
        (Lang::Es, Checkpoint) => "parando carros en un retén",
    }
}

/// The text a dispatcher pastes into the zone's Signal group: what responders need — the
/// kind, where, when, how many, what to bring — and never the caller, a name or an
/// A-number (no field that holds one is read). Times are in the zone's time zone (or
/// `viewer`'s when the incident has no zone).
pub fn signal_text(i: &Incident, zone: Option<&ResponseZone>, viewer: Tz, lang: Lang) -> String {
    let tz = zone.map(|z| z.time_zone).unwrap_or(viewer);
    let seen = i.observed_at.unwrap_or(i.received_at).with_timezone(&tz);
    let en = lang == Lang::En;
    let mut lines = Vec::new();
    let head = if en { "RAPID RESPONSE" } else { "RESPUESTA RÁPIDA" };
    let mut what = kind_words(i.kind, lang).to_string();
    if let Some(a) = i.activity {
        what = format!("{what}, {}", activity_words(a, lang));
    }
    lines.push(format!("{head}: {what}"));
    let mut place = i.location.trim().to_string();
    if let Some(l) = i.landmark.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        place = format!("{place} ({} {l})", if en { "near" } else { "cerca de" });
    }
    lines.push(format!("{} {place}", if en { "Where:" } else { "Dónde:" }));
    if let Some(d) = i.direction.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        lines.push(format!("{} {d}", if en { "Heading:" } else { "Dirección:" }));
    }
    let time = if en { seen.format("%-I:%M %p").to_string() } else { seen.format("%H:%M").to_string() };
    let date = if en { seen.format("%a %b %-d").to_string() } else { seen.format("%d/%m").to_string() };
    lines.push(format!("{} {time}, {date} ({tz})", if en { "Seen:" } else { "Visto:" }));
    let mut size = Vec::new();
    if let Some(a) = i.agents {
        size.push(if en { format!("{a} agent(s)") } else { format!("{a} agente(s)") });
    }
    if let Some(v) = i.vehicles {
        size.push(if en { format!("{v} vehicle(s)") } else { format!("{v} vehículo(s)") });
    }
    if i.more_unseen {
        size.push(if en { "maybe more unseen".into() } else { "quizá más sin ver".into() });
    }
    if !size.is_empty() {
        lines.push(format!("{} {}", if en { "Size:" } else { "Tamaño:" }, size.join(", ")));
    }
    if !i.uniforms.is_empty() {
        lines.push(format!("{} {}", if en { "Vests say:" } else { "Chalecos dicen:" }, i.uniforms.join(", ")));
    }
    if let Some(z) = zone {
        lines.push(format!("{} {}", if en { "Zone:" } else { "Zona:" }, z.name));
    }
    lines.push(if en {
        "Bring: charged phone for video, know-your-rights cards, water. Observe and record; do not interfere.".into()
    } else {
        "Traiga: teléfono cargado para grabar, tarjetas de conozca sus derechos, agua. Observe y grabe; no intervenga."
            .into()
    });
    lines.push(if en {
        "Reply to the dispatcher before you go.".to_string()
    } else {
        "Responda a quien despacha antes de ir.".to_string()
    });
    lines.join("\n")
}

/// What the Signal text holds, for the front ends to say before it is copied (a
/// plaintext export).
pub fn signal_text_contains(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "the kind of action, the place, the time seen, how many agents and vehicles, what the vests say and the zone; no caller, name or A-number",
        Lang::Es => "el tipo de acción, el lugar, la hora, cuántos agentes y vehículos, lo que dicen los chalecos y la zona; ni quien llamó, ni nombres, ni números A",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
    }

    fn call(s: &mut Store, place: &str, received: DateTime<Utc>) -> Uuid {
        let mut i = Incident::new(received, IncidentKind::Home, place);
        i.caller_phone = Some("+1 312 555 0199".into());
        i.caller_language = Some("es".into());
        s.write(now(), |w| add_incident(w, &i)).unwrap()
    }

    #[test]
    fn a_call_verified_and_dispatched_moves_through_the_desk_and_refuses_a_second_dispatch() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let id = call(&mut s, "W 26th St & S Pulaski Rd", at(14, 5));
        let (ana, beto) = (volunteer(&mut s, "Ana Solís"), volunteer(&mut s, "Beto Ramírez"));
        s.write(now(), |w| verify(w, id, Some(ana), VerifiedBy::OnScene, at(14, 20), true)).unwrap();
        let i: Incident = s.get(id).unwrap();
        assert_eq!((i.status, i.disposition), (IncidentStatus::Verifying, Disposition::Confirmed));
        s.write(now(), |w| dispatch(w, id, ana, ResponderRole::Verifier, at(14, 21))).unwrap();
        s.write(now(), |w| dispatch(w, id, beto, ResponderRole::LegalObserver, at(14, 21))).unwrap();
        assert_eq!(s.get::<Incident>(id).unwrap().status, IncidentStatus::Dispatched);
        let again = s.write(now(), |w| dispatch(w, id, ana, ResponderRole::ZoneLead, at(14, 22))).unwrap_err();
        assert_eq!(again.refusal(), Some(&Refusal::AlreadyDispatched));
        s.write(now(), |w| close(w, id, Disposition::Confirmed)).unwrap();
        let late = s.write(now(), |w| verify(w, id, None, VerifiedBy::Photo, at(15, 0), true)).unwrap_err();
        assert_eq!(late.refusal(), Some(&Refusal::IncidentClosed));
    }

    #[test]
    fn dispatch_steps_out_of_order_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let id = call(&mut s, "Cermak & Kedzie", at(9, 0));
        let v = volunteer(&mut s, "Ana Solís");
        let d = s.write(now(), |w| dispatch(w, id, v, ResponderRole::Verifier, at(9, 10))).unwrap();
        let e = s.write(now(), |w| mark(w, d.id, Step::OnScene, at(9, 5))).unwrap_err();
        assert!(e.to_string().contains("in order"), "{e}");
        s.write(now(), |w| mark(w, d.id, Step::OnScene, at(9, 30))).unwrap();
    }

    #[test]
    fn two_calls_about_one_corner_are_one_event_and_merge_into_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let first = call(&mut s, "26th St and Pulaski, by the Walgreens", at(14, 5));
        let second = call(&mut s, "Pulaski Rd & 26th", at(14, 40));
        let elsewhere = call(&mut s, "Devon Ave & Western", at(14, 30));
        let (a, b, c) = (s.get::<Incident>(first).unwrap(), s.get(second).unwrap(), s.get(elsewhere).unwrap());
        assert!(same_event(&a, &b));
        assert!(!same_event(&a, &c));
        let mut later = b.clone();
        later.received_at = at(17, 0);
        assert!(!same_event(&a, &later), "hours apart");
        let v = volunteer(&mut s, "Ana Solís");
        s.write(now(), |w| observe(w, second, at(14, 41), "Two vans, agents at the door", None, Some(v))).unwrap();
        let moved = s.write(now(), |w| merge(w, first, second, at(14, 45))).unwrap();
        assert_eq!(moved, 1);
        assert!(s.find::<Incident>(second).unwrap().is_none());
        let lines =
            records::query::<IncidentObservation>(s.conn(), "AND incident_id = ?1 ORDER BY at", [first.to_string()])
                .unwrap();
        assert_eq!(lines.len(), 2);
        assert!(lines[1].text.starts_with("Merged with the report received 2026-11-23 14:40 UTC"));
    }

    #[test]
    fn callers_are_forgotten_after_the_retention_period_and_nothing_else_is() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let old = call(&mut s, "Old corner", now() - Duration::days(40));
        let recent = call(&mut s, "New corner", now() - Duration::days(3));
        let n = s.write(now(), |w| forget_callers(w, now(), 30)).unwrap();
        assert_eq!(n, 1);
        let o: Incident = s.get(old).unwrap();
        assert_eq!((o.caller_phone, o.caller_language, o.caller_cleared_at), (None, None, Some(now())));
        assert_eq!(o.location, "Old corner");
        assert!(s.get::<Incident>(recent).unwrap().caller_phone.is_some());
        assert_eq!(s.write(now(), |w| forget_callers(w, now(), 30)).unwrap(), 0, "once");
    }

    #[test]
    fn the_signal_text_says_where_and_when_in_the_zones_time_and_never_who_called() {
        let zone = ResponseZone::new("Pilsen / Little Village", chrono_tz::America::Chicago);
        let mut i = Incident::new(at(20, 5), IncidentKind::Home, "W 26th St & S Pulaski Rd");
        i.caller_phone = Some("+1 312 555 0199".into());
        i.summary = Some("Familia Quispe, A-012-345-678".into());
        i.activity = Some(Activity::Detaining);
        i.agents = Some(4);
        i.vehicles = Some(2);
        i.more_unseen = true;
        i.uniforms = vec!["ICE".into(), "POLICE".into()];
        let en = signal_text(&i, Some(&zone), chrono_tz::UTC, Lang::En);
        assert!(en.starts_with("RAPID RESPONSE: home raid, detaining people"), "{en}");
        assert!(en.contains("Seen: 2:05 PM, Mon Nov 23 (America/Chicago)"), "{en}");
        assert!(en.contains("4 agent(s), 2 vehicle(s), maybe more unseen"), "{en}");
        let es = signal_text(&i, Some(&zone), chrono_tz::UTC, Lang::Es);
        assert!(es.contains("Visto: 14:05, 23/11 (America/Chicago)"), "{es}");
        assert!(es.contains("Chalecos dicen: ICE, POLICE"), "{es}");
        for text in [en, es] {
            for secret in ["555", "Quispe", "012-345-678"] {
                assert!(!text.contains(secret), "{secret} in {text}");
            }
        }
    }
}
