//! "Last sync" on the home screen and in `amparo sync status`: what the last bundle
//! received brought (from whom, which families), and to whom bundles last went.

use crate::support::replicas::*;
use amparo_core::domain::{Household, Note, Person, Role, Visibility, Volunteer};
use amparo_core::sync::{self, activity};

#[test]
fn the_last_import_says_who_sent_it_and_which_families_it_changed() {
    let mut t = team(&[Role::Accompanier]);
    assert_eq!(activity::last_sync(t[0].store.conn()).unwrap().sent, None);

    let h = Household::new("Familia Rojas");
    let p = Person::new(h.id, "Ana Rojas");
    let mut cd = court(h.id);
    let v = Volunteer::new("Berta");
    // An accompanier receives the volunteers of court dates (here the leader), not the
    // whole directory.
    cd.leader_id = Some(v.id);
    // A note on the court date belongs to the family through the date.
    let note = Note {
        id: uuid::Uuid::now_v7(),
        record_table: "court_date".into(),
        record_id: cd.id,
        body: "Bring the hearing notice".into(),
        visibility: Visibility::Volunteers,
        created_at: t[0].now,
    };
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            w.create(&h)?;
            w.create(&p)?;
            w.create(&cd)?;
            w.create(&note)?;
            w.create(&v)
        })
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let now = t[0].tick();
    let written = sync::export_to_dir(&mut t[0].store, &[], false, out.path(), now).unwrap();
    assert_eq!(written.len(), 1);

    let sent = activity::last_sync(t[0].store.conn()).unwrap().sent.expect("the export is remembered");
    assert_eq!((sent.at, sent.to), (now, vec!["Member0".to_string()]));

    let now = t[1].tick();
    sync::import_file(&mut t[1].store, &written[0].path, now).unwrap();
    let got = activity::last_sync(t[1].store.conn()).unwrap().received.expect("the import is remembered");
    assert_eq!(got.at, now);
    assert_eq!(got.from.as_deref(), Some("Coordinator"));
    assert_eq!((got.new, got.updated, got.conflicts), (5, 0, 0));
    assert_eq!(got.families.len(), 1);
    assert_eq!(got.families[0].household_id, h.id);
    assert_eq!(got.families[0].name.as_deref(), Some("Familia Rojas"));
    assert!(!got.families[0].deleted);
    assert_eq!(got.families[0].kinds, vec!["household", "person", "court_date", "note"]);
    assert!(!got.more_families);
    assert_eq!(got.other_changes, 1, "the volunteer belongs to no family");

    // The next import replaces it; one that changes many families lists the first few.
    let mut names = Vec::new();
    let now = t[0].tick();
    t[0].store
        .write(now, |w| {
            for i in 0..activity::FAMILIES_SHOWN + 2 {
                let h = Household::new(format!("Familia {i}"));
                names.push(h.display_name.clone());
                w.create(&h)?;
            }
            Ok(())
        })
        .unwrap();
    let m = t[1].store.member_id();
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();
    let got = activity::last_sync(t[1].store.conn()).unwrap().received.unwrap();
    let listed: Vec<String> = got.families.iter().map(|f| f.name.clone().unwrap()).collect();
    assert_eq!(listed, names[..activity::FAMILIES_SHOWN].to_vec());
    assert!(got.more_families);
    assert_eq!(got.other_changes, 0);

    // A bundle already imported changes nothing, this note included.
    t[1].import(&b).unwrap();
    assert_eq!(activity::last_sync(t[1].store.conn()).unwrap().received.unwrap(), got);

    // A family deleted by the sender is listed as such (it has no page to open).
    let now = t[0].tick();
    t[0].store.remove::<Household>(now, h.id).unwrap();
    let b = t[0].bundle_for(m, false);
    t[1].import(&b).unwrap();
    let got = activity::last_sync(t[1].store.conn()).unwrap().received.unwrap();
    assert_eq!(got.families.len(), 1);
    assert_eq!((got.families[0].name.as_deref(), got.families[0].deleted), (Some("Familia Rojas"), true));
}
