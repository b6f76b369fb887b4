//! The change log is the truth: replaying it, ordered by (hlc, device), onto empty
//! tables reproduces exactly the current tables, whatever sequence of creates, edits,
//! deletes and refused changes produced them, and however the wall clock jumped.

use std::cell::RefCell;

use crate::support::store::{now, store};
use amparo_core::domain::*;
use amparo_core::schema::{self, Kind};
use amparo_core::{rules, Store};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rusqlite::types::Value as Sql;
use serde_json::Value;
use uuid::Uuid;

#[derive(Debug, Clone)]
enum Action {
    AddFamily {
        name: String,
        phone: Option<String>,
    },
    AddPerson {
        family: usize,
        name: String,
        a_number: Option<u32>,
    },
    AddTask {
        family: Option<usize>,
        title: String,
        due: Option<i64>,
    },
    AddSite {
        capacity: i64,
    },
    Place {
        family: usize,
        site: usize,
        beds: i64,
        start: i64,
        nights: Option<i64>,
    },
    EditFamily {
        family: usize,
        name: Option<String>,
        phone: Option<Option<String>>,
        languages: Vec<String>,
        status: usize,
    },
    EditPerson {
        person: usize,
        name: Option<String>,
        a_number: Option<Option<u32>>,
        monitor: Option<bool>,
    },
    FinishTask {
        task: usize,
        done: bool,
    },
    DeleteFamily {
        family: usize,
    },
    DeletePerson {
        person: usize,
    },
    DeleteTask {
        task: usize,
    },
    AddVolunteer {
        name: String,
    },
    AddCourt {
        family: usize,
        day: i64,
        hour: u32,
        zone: bool,
        min: i64,
        max: Option<i64>,
    },
    Assign {
        court: usize,
        volunteer: usize,
        assign: bool,
    },
    Outcome {
        court: usize,
        detained: bool,
        next_days: Option<i64>,
    },
    DeleteCourt {
        court: usize,
    },
    DeleteVolunteer {
        volunteer: usize,
    },
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["José", "Ana", "Núñez", "Ruth O'Brien", "Łucja", "García Ramos", "", " "])
        .prop_map(String::from)
}

fn action() -> impl Strategy<Value = Action> {
    let phone = prop::option::of("555-0[0-9]{3}");
    prop_oneof![
        (name(), phone.clone()).prop_map(|(name, phone)| Action::AddFamily { name, phone }),
        (0..8usize, name(), prop::option::of(0u32..1_000_000_000))
            .prop_map(|(family, name, a_number)| Action::AddPerson { family, name, a_number }),
        (prop::option::of(0..8usize), name(), prop::option::of(-10i64..30))
            .prop_map(|(family, title, due)| Action::AddTask { family, title, due }),
        (0i64..6).prop_map(|capacity| Action::AddSite { capacity }),
        (0..8usize, 0..3usize, 1i64..4, 0i64..20, prop::option::of(0i64..15))
            .prop_map(|(family, site, beds, start, nights)| Action::Place { family, site, beds, start, nights }),
        (0..8usize, prop::option::of(name()), prop::option::of(phone), prop::collection::vec(name(), 0..3), 0..4usize)
            .prop_map(|(family, name, phone, languages, status)| Action::EditFamily {
                family,
                name,
                phone,
                languages,
                status
            }),
        (
            0..8usize,
            prop::option::of(name()),
            prop::option::of(prop::option::of(0u32..1_000_000_000)),
            prop::option::of(any::<bool>())
        )
            .prop_map(|(person, name, a_number, monitor)| Action::EditPerson {
                person,
                name,
                a_number,
                monitor
            }),
        (0..8usize, any::<bool>()).prop_map(|(task, done)| Action::FinishTask { task, done }),
        (0..8usize).prop_map(|family| Action::DeleteFamily { family }),
        (0..8usize).prop_map(|person| Action::DeletePerson { person }),
        (0..8usize).prop_map(|task| Action::DeleteTask { task }),
        name().prop_map(|name| Action::AddVolunteer { name }),
        (0..8usize, -5i64..130, 0u32..24, any::<bool>(), 0i64..3, prop::option::of(0i64..4))
            .prop_map(|(family, day, hour, zone, min, max)| Action::AddCourt { family, day, hour, zone, min, max }),
        (0..8usize, 0..8usize, any::<bool>()).prop_map(|(court, volunteer, assign)| Action::Assign {
            court,
            volunteer,
            assign
        }),
        (0..8usize, any::<bool>(), prop::option::of(1i64..90))
            .prop_map(|(court, detained, next_days)| Action::Outcome { court, detained, next_days }),
        (0..8usize).prop_map(|court| Action::DeleteCourt { court }),
        (0..8usize).prop_map(|volunteer| Action::DeleteVolunteer { volunteer }),
    ]
}

fn pick<R: Record>(st: &Store, i: usize) -> Option<R> {
    let mut all = st.list::<R>().unwrap();
    if all.is_empty() {
        None
    } else {
        let n = all.len();
        Some(all.swap_remove(i % n))
    }
}

/// Every seventh person has no A-number, so "has none" replays like a number does.
fn anumber(n: u32) -> ANumberOrNone {
    if n % 7 == 0 {
        ANumberOrNone::HasNone
    } else {
        ANumberOrNone::parse(&format!("{n:09}")).unwrap()
    }
}

/// Apply one action; refusals (invalid input, rules) are fine and must leave no trace.
fn apply(st: &mut Store, at: chrono::DateTime<chrono::Utc>, a: &Action) {
    let day = |n: i64| NaiveDate::from_ymd_opt(2026, 12, 1).unwrap() + Duration::days(n);
    let _ = match a {
        Action::AddFamily { name, phone } => {
            let mut h = Household::new(name.clone());
            h.phone = phone.clone();
            st.write(at, |w| rules::add_household(w, &h)).map(|_| ())
        }
        Action::AddPerson { family, name, a_number } => {
            let Some(h) = pick::<Household>(st, *family) else { return };
            let mut p = Person::new(h.id, name.clone());
            p.a_number = a_number.map(anumber);
            st.write(at, |w| rules::add_person(w, &p)).map(|_| ())
        }
        Action::AddTask { family, title, due } => {
            let mut t = Task::new(title.clone());
            t.household_id = family.and_then(|f| pick::<Household>(st, f)).map(|h| h.id);
            t.due_date = due.map(day);
            st.write(at, |w| rules::add_task(w, &t)).map(|_| ())
        }
        Action::AddSite { capacity } => st.create(at, &HousingSite::new("Casa", *capacity)).map(|_| ()),
        Action::Place { family, site, beds, start, nights } => {
            let (Some(h), Some(s)) = (pick::<Household>(st, *family), pick::<HousingSite>(st, *site)) else { return };
            let p = Placement {
                id: Uuid::now_v7(),
                household_id: h.id,
                site_id: s.id,
                beds: *beds,
                start_date: day(*start),
                expected_end: nights.map(|n| day(start + n)),
                actual_end: None,
                support_lead_id: None,
                checkin_schedule: None,
                notes: None,
            };
            st.write(at, |w| rules::add_placement(w, &p)).map(|_| ())
        }
        Action::EditFamily { family, name, phone, languages, status } => {
            let Some(mut h) = pick::<Household>(st, *family) else { return };
            if let Some(n) = name {
                h.display_name = n.clone();
            }
            if let Some(p) = phone {
                h.phone = p.clone();
            }
            h.languages = languages.clone();
            h.status = HouseholdStatus::ALL[*status % HouseholdStatus::ALL.len()];
            st.write(at, |w| rules::save_household(w, &h)).map(|_| ())
        }
        Action::EditPerson { person, name, a_number, monitor } => {
            let Some(mut p) = pick::<Person>(st, *person) else { return };
            if let Some(n) = name {
                p.name = n.clone();
            }
            if let Some(a) = a_number {
                p.a_number = a.map(anumber);
            }
            p.ankle_monitor = *monitor;
            st.write(at, |w| rules::save_person(w, &p)).map(|_| ())
        }
        Action::FinishTask { task, done } => {
            let Some(mut t) = pick::<Task>(st, *task) else { return };
            t.status = if *done { TaskStatus::Done } else { TaskStatus::Open };
            st.write(at, |w| rules::save_task(w, &t)).map(|_| ())
        }
        Action::DeleteFamily { family } => {
            let Some(h) = pick::<Household>(st, *family) else { return };
            st.write(at, |w| rules::delete_household(w, h.id)).map(|_| ())
        }
        Action::DeletePerson { person } => {
            let Some(p) = pick::<Person>(st, *person) else { return };
            st.write(at, |w| rules::delete_person(w, p.id)).map(|_| ())
        }
        Action::DeleteTask { task } => {
            let Some(t) = pick::<Task>(st, *task) else { return };
            st.remove::<Task>(at, t.id)
        }
        Action::AddVolunteer { name } => {
            st.write(at, |w| rules::add_volunteer(w, &Volunteer::new(name.clone()))).map(|_| ())
        }
        Action::AddCourt { family, day: d, hour, zone, min, max } => {
            let Some(h) = pick::<Household>(st, *family) else { return };
            let tz = if *zone { chrono_tz::America::Chicago } else { chrono_tz::America::New_York };
            // Days span both 2027 DST changes; hours include the skipped 02:00 hour.
            let local = (day(*d) + Duration::days(60)).and_hms_opt(*hour, 30, 0).unwrap();
            let Ok(place_time) = PlaceTime::new(local, tz) else { return };
            let mut c = CourtDate::new(h.id, CourtKind::MasterCalendar, place_time, "Court");
            c.min_accompaniers = *min;
            c.max_accompaniers = *max;
            st.write(at, |w| rules::add_court_date(w, &c)).map(|_| ())
        }
        Action::Assign { court, volunteer, assign } => {
            let (Some(c), Some(v)) = (pick::<CourtDate>(st, *court), pick::<Volunteer>(st, *volunteer)) else { return };
            if *assign {
                st.write(at, |w| rules::assign_accompanier(w, c.id, v.id)).map(|_| ())
            } else {
                st.write(at, |w| rules::unassign_accompanier(w, c.id, v.id))
            }
        }
        Action::Outcome { court, detained, next_days } => {
            let Some(c) = pick::<CourtDate>(st, *court) else { return };
            let next = next_days.map(|n| rules::NextDate {
                at: PlaceTime::new(c.local_start + Duration::days(n), chrono_tz::America::Chicago).unwrap_or_else(
                    |_| {
                        PlaceTime::new(
                            c.local_start + Duration::days(n) + Duration::hours(1),
                            chrono_tz::America::Chicago,
                        )
                        .unwrap()
                    },
                ),
                place: "Court".into(),
                room: Some("2".into()),
                kind: None,
            });
            let o = rules::Outcome { text: "reset".into(), detained: *detained, next };
            st.write(at, |w| rules::report_outcome(w, c.id, &o)).map(|_| ())
        }
        Action::DeleteCourt { court } => {
            let Some(c) = pick::<CourtDate>(st, *court) else { return };
            st.write(at, |w| rules::delete_court_date(w, c.id)).map(|_| ())
        }
        Action::DeleteVolunteer { volunteer } => {
            let Some(v) = pick::<Volunteer>(st, *volunteer) else { return };
            st.write(at, |w| rules::delete_volunteer(w, v.id)).map(|_| ())
        }
    };
}

fn to_sql(kind: Kind, v: &Value) -> Sql {
    match (kind, v) {
        (_, Value::Null) => Sql::Null,
        (Kind::Json, v) => Sql::Text(v.to_string()),
        (_, Value::Bool(b)) => Sql::Integer(*b as i64),
        (_, Value::Number(n)) => Sql::Integer(n.as_i64().expect("integer")),
        (_, Value::String(s)) => Sql::Text(s.clone()),
        (k, v) => panic!("unexpected value {v} for a {k:?} field"),
    }
}

/// Replay `source`'s log onto `target`'s emptied tables, from the log alone.
fn replay(source: &Store, target: &Store) {
    let t = target.conn();
    for table in schema::TABLES {
        t.execute(&format!("DELETE FROM {}", table.name), []).unwrap();
    }
    let mut stmt =
        source.conn().prepare("SELECT tbl, record_id, field, value FROM oplog ORDER BY hlc, device_id").unwrap();
    let ops = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })
        .unwrap();
    for op in ops {
        let (tbl, id, field, value) = op.unwrap();
        let table = schema::table(&tbl).expect("known table");
        t.execute(&format!("INSERT OR IGNORE INTO {tbl} (id) VALUES (?1)"), [&id]).unwrap();
        let value: Value = serde_json::from_str(&value).unwrap();
        if field == schema::DELETED {
            t.execute(
                &format!("UPDATE {tbl} SET deleted = ?2 WHERE id = ?1"),
                rusqlite::params![id, value == Value::Bool(true)],
            )
            .unwrap();
        } else {
            let f = table.field(&field).expect("known field");
            t.execute(
                &format!("UPDATE {tbl} SET {field} = ?2 WHERE id = ?1"),
                rusqlite::params![id, to_sql(f.kind, &value)],
            )
            .unwrap();
        }
    }
}

fn dump(st: &Store) -> Vec<(String, Vec<Vec<Sql>>)> {
    schema::TABLES
        .iter()
        .map(|table| {
            let mut stmt = st.conn().prepare(&format!("SELECT * FROM {} ORDER BY id", table.name)).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| (0..n).map(|i| r.get::<_, Sql>(i)).collect::<rusqlite::Result<Vec<_>>>())
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap();
            (table.name.to_string(), rows)
        })
        .collect()
}

thread_local! {
    static TARGET: RefCell<Option<(tempfile::TempDir, Store)>> = const { RefCell::new(None) };
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/it/regressions/store_replay.txt"
        )))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn replaying_the_log_reproduces_the_tables(
        actions in prop::collection::vec((action(), -600i64..600), 1..60)
    ) {
        let (_dir, mut st) = store();
        for (a, minutes) in &actions {
            // The wall clock wanders back and forth; the log's order must not care.
            apply(&mut st, now() + Duration::minutes(*minutes), a);
        }
        let expected = dump(&st);
        TARGET.with(|cell| {
            let mut cell = cell.borrow_mut();
            let (_, target) = cell.get_or_insert_with(store);
            replay(&st, target);
            let got = dump(target);
            for ((name, want), (_, have)) in expected.iter().zip(&got) {
                prop_assert_eq!(want, have, "table {} differs after replay", name);
            }
            Ok(())
        })?;
        // Sanity: something was written beyond the store's own member and device.
        let ops: i64 = st.conn().query_row("SELECT count(*) FROM oplog", [], |r| r.get(0)).unwrap();
        prop_assert!(ops >= 3);
    }
}
