//! A rapid-response network's desk across a team's laptops: a dispatcher takes calls and
//! sends responders; each responder's bundle holds the incidents they are sent to, never
//! the caller, another incident or a family's case; what a responder records on scene
//! reaches the coordinator, and what their role may not change never leaves their laptop.

use amparo_core::domain::{
    Household, Incident, IncidentKind, IncidentObservation, Person, ResponderRole, ResponseZone, Role, Volunteer,
};
use amparo_core::incident;
use amparo_core::Refusal;

use crate::support::replicas::*;

const CALLER: &str = "+1 773 555 0142";
const A_NUMBER: &str = "012345678";

struct Desk {
    t: Vec<Replica>,
    sent: uuid::Uuid,
    not_sent: uuid::Uuid,
    family: uuid::Uuid,
    responder: uuid::Uuid,
}

/// Coordinator, dispatcher, two responders, an accompanier. The dispatcher takes two calls
/// and sends the first responder to the first.
fn desk() -> Desk {
    let mut t = team(&[Role::Dispatcher, Role::Responder, Role::Responder, Role::Accompanier]);
    let dispatcher = Volunteer::new("Marisol Ñáñez");
    let responder = Volunteer::new("Beto Ramírez");
    let other = Volunteer::new("Carla Quintero");
    let mut h = Household::new("Familia Quispe");
    h.address = Some("4410 W 26th St, Apt 2".into());
    let mut p = Person::new(h.id, "Rosa Quispe");
    p.a_number = Some(format!("A{A_NUMBER}").parse().unwrap());
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            for v in [&dispatcher, &responder, &other] {
                w.create(v)?;
            }
            w.create(&h)?;
            w.create(&p)
        })
        .unwrap();
    for (i, v) in [(1, dispatcher.id), (2, responder.id), (3, other.id)] {
        let m = t[i].store.member_id();
        link_volunteer(&mut t[0], m, v);
    }
    for i in 1..t.len() {
        let m = t[i].store.member_id();
        let b = t[0].bundle_for(m, false);
        t[i].import(&b).unwrap();
    }
    // The dispatcher's laptop: a zone, two calls, a responder sent to the first.
    let zone = ResponseZone::new("Little Village", chrono_tz::America::Chicago);
    let mut first = Incident::new(t[1].now, IncidentKind::Home, "W 26th St & S Pulaski Rd");
    first.caller_phone = Some(CALLER.into());
    first.zone_id = Some(zone.id);
    first.received_by_id = Some(dispatcher.id);
    let second = Incident::new(t[1].now, IncidentKind::Workplace, "Car wash on Cicero Ave");
    let now = t[1].tick();
    t[1].store
        .write(now, |w| {
            w.create(&zone)?;
            incident::add_incident(w, &first)?;
            incident::add_incident(w, &second)?;
            incident::dispatch(w, first.id, responder.id, ResponderRole::Verifier, now)
        })
        .unwrap();
    let coordinator = t[0].store.member_id();
    let b = t[1].bundle_for(coordinator, false);
    let s = t[0].import(&b).unwrap();
    assert_eq!(s.left_out, 0, "the desk is the dispatcher's: {s:?}");
    // The follow-up: the coordinator links the first call to the detained person's family.
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            let mut i: Incident = w.get(first.id)?;
            i.household_id = Some(h.id);
            i.person_id = Some(p.id);
            incident::save_incident(w, &i)
        })
        .unwrap();
    Desk { t, sent: first.id, not_sent: second.id, family: h.id, responder: responder.id }
}

fn plaintext_for(d: &mut Desk, i: usize) -> (Vec<u8>, String) {
    let m = d.t[i].store.member_id();
    let bytes = d.t[0].bundle_for(m, false);
    let text = String::from_utf8(plaintext_of(&mut d.t[i], &bytes)).unwrap();
    (bytes, text)
}

#[test]
fn a_responder_receives_the_incident_they_are_sent_to_without_the_caller_or_the_family() {
    let mut d = desk();
    let (bytes, text) = plaintext_for(&mut d, 2);
    assert!(text.contains("W 26th St & S Pulaski Rd") && text.contains("Little Village"), "{text}");
    for secret in [CALLER, "Car wash on Cicero Ave", "Quispe", A_NUMBER, "4410 W 26th St"] {
        assert!(!text.contains(secret), "the responder's bundle holds {secret:?}");
    }
    d.t[2].import(&bytes).unwrap();
    let i: Incident = d.t[2].store.get(d.sent).unwrap();
    assert_eq!((i.caller_phone, i.household_id), (None, None));
    assert!(d.t[2].store.find::<Incident>(d.not_sent).unwrap().is_none());

    // The other responder, sent nowhere, receives no incident.
    let (_, text) = plaintext_for(&mut d, 3);
    assert!(!text.contains("Pulaski") && !text.contains("Cicero"), "{text}");
}

#[test]
fn a_dispatcher_sees_the_family_of_a_follow_up_by_name_only_and_an_accompanier_sees_no_incident() {
    let mut d = desk();
    let (bytes, text) = plaintext_for(&mut d, 1);
    assert!(text.contains("Familia Quispe") && text.contains(CALLER), "{text}");
    for secret in [A_NUMBER, "4410 W 26th St"] {
        assert!(!text.contains(secret), "the dispatcher's bundle holds {secret:?}");
    }
    d.t[1].import(&bytes).unwrap();
    let (_, text) = plaintext_for(&mut d, 4);
    assert!(!text.contains("Pulaski") && !text.contains(CALLER), "accompanier: {text}");
    let _ = d.family;
}

#[test]
fn what_a_responder_records_on_scene_reaches_the_coordinator_and_what_is_not_theirs_never_leaves() {
    let mut d = desk();
    let (bytes, _) = plaintext_for(&mut d, 2);
    d.t[2].import(&bytes).unwrap();
    let r = &mut d.t[2];
    let now = r.tick();
    let dispatch = incident::dispatches_of(r.store.conn(), d.sent).unwrap().remove(0);
    r.store
        .write(now, |w| {
            incident::mark(w, dispatch.id, incident::Step::OnScene, now)?;
            incident::observe(
                w,
                d.sent,
                now,
                "Dos camionetas sin placas; agentes con chalecos HSI",
                None,
                Some(d.responder),
            )?;
            let mut i: Incident = w.get(d.sent)?;
            i.agents = Some(6);
            i.uniforms = vec!["HSI".into()];
            incident::save_incident(w, &i)
        })
        .unwrap();
    // Not theirs: the caller, the desk's status words of another call, a family.
    let refused = r
        .store
        .write(now, |w| {
            let mut i: Incident = w.get(d.sent)?;
            i.summary = Some("rewritten".into());
            incident::save_incident(w, &i)
        })
        .unwrap_err();
    assert!(matches!(refused.refusal(), Some(Refusal::NotYourRole { .. })), "{refused}");
    let elsewhere = r.store.write(now, |w| incident::observe(w, d.not_sent, now, "forged", None, None)).unwrap_err();
    assert!(elsewhere.to_string().starts_with("no incident with id"), "not held there: {elsewhere}");

    let coordinator = d.t[0].store.member_id();
    let b = d.t[2].bundle_for(coordinator, false);
    let s = d.t[0].import(&b).unwrap();
    assert_eq!(s.left_out, 0, "{s:?}");
    let c = &d.t[0];
    let i: Incident = c.store.get(d.sent).unwrap();
    assert_eq!(
        (i.agents, i.uniforms.clone(), i.caller_phone.as_deref()),
        (Some(6), vec!["HSI".to_string()], Some(CALLER))
    );
    assert_eq!(i.household_id, Some(d.family), "the responder's save kept the follow-up it does not hold");
    let lines: Vec<IncidentObservation> = c.store.list().unwrap();
    assert_eq!(lines.len(), 1);
    assert!(incident::dispatches_of(c.store.conn(), d.sent).unwrap()[0].on_scene_at.is_some());
}
