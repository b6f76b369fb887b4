//! A withdrawn swap offer and a retired rotation template reach the team like any change:
//! the peer sees the offer closed with the shift still its volunteer's, and the template
//! gone while the shifts made from it stay.

use crate::support::replicas::*;
use amparo_core::domain::{Role, RotationTemplate, SanctuarySite, Shift, ShiftSpec, SwapRequest, Volunteer};
use amparo_core::{rules, schedule};
use chrono::{NaiveDate, NaiveTime};
use uuid::Uuid;

#[test]
fn a_withdrawn_offer_and_a_retired_template_reach_a_coordinator_peer() {
    let mut t = team(&[Role::Coordinator]);
    let site = SanctuarySite {
        id: Uuid::now_v7(),
        name: "Iglesia del Valle".into(),
        code: "IV-2".into(),
        address: None,
        time_zone: "America/Chicago".parse().unwrap(),
        congregation_id: None,
        host_volunteer_id: None,
    };
    let h = |x: u32| NaiveTime::from_hms_opt(x, 0, 0).unwrap();
    let tpl = RotationTemplate::new(site.id, "weekend", vec![ShiftSpec::new("day", h(8), h(14))]);
    let ana = Volunteer::new("Ana Valle");
    let day = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let now = t[0].tick();
    let (shift, swap) = t[0]
        .store
        .write(now, |w| {
            w.create(&site)?;
            w.create(&ana)?;
            schedule::save_template(w, &tpl)?;
            let made = schedule::generate_shifts(w, tpl.id, day, day)?;
            let a = rules::assign_shift(w, made.created[0], ana.id)?;
            Ok((made.created[0], schedule::offer_swap(w, a, now)?))
        })
        .unwrap();
    let peer = t[1].store.member_id();
    let b = t[0].bundle_for(peer, false);
    t[1].import(&b).unwrap();
    assert_eq!(t[1].store.get::<SwapRequest>(swap.id).unwrap().status.as_str(), "offered");
    assert_eq!(t[1].store.list::<RotationTemplate>().unwrap().len(), 1);

    let (now, me) = (t[0].tick(), t[0].store.member_id());
    t[0].store.write(now, |w| schedule::withdraw_swap(w, swap.id, me, now)).unwrap();
    let now = t[0].tick();
    t[0].store.write(now, |w| schedule::delete_template(w, tpl.id)).unwrap();
    let b = t[0].bundle_for(peer, false);
    let s = t[1].import(&b).unwrap();
    assert_eq!(s.conflicts, 0, "{s}");

    assert_eq!(t[1].store.get::<SwapRequest>(swap.id).unwrap().status.as_str(), "withdrawn");
    assert!(t[1].store.list::<RotationTemplate>().unwrap().is_empty(), "the retired template is gone on the peer");
    assert!(t[1].store.find::<Shift>(shift).unwrap().is_some(), "the shift made from it stays");
    let on: Vec<Uuid> =
        rules::assignments_of(t[1].store.conn(), shift).unwrap().iter().map(|a| a.volunteer_id).collect();
    assert_eq!(on, vec![ana.id], "the shift stays with the volunteer who offered it");
    assert_eq!(t[0].hash(), t[1].hash());
}
