//! Spreadsheet onboarding through the public API: preview before import, per-row errors
//! with row numbers, all-or-nothing, wrong encodings, formula cells neutralised.

use amparo::csvio::{self, CsvKind};
use amparo::domain::{CourtDate, Household, Person, Volunteer};
use amparo::{Error, KdfParams, Owner, Store};
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

fn new_store(dir: &std::path::Path) -> Store {
    let owner = Owner { name: "Ana Coordinadora".into(), device_label: "office".into() };
    Store::init(dir, "a long passphrase", KdfParams::MINIMUM, &owner, now()).unwrap()
}

fn chicago() -> Tz {
    "America/Chicago".parse().unwrap()
}

fn oplog(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM oplog", [], |r| r.get(0)).unwrap()
}

const VOLUNTEERS: &str = "\u{feff}Nombre,Teléfono,Idiomas,Capacitaciones,Disponibilidad,Max shifts per week,Favourite colour\n\
Ana López,555-0101,Spanish; English,rapid_response 2025-03-01,\"MO,WE 18:00-23:00; SA 08:00-20:00\",3,blue\n\
Beto Ruiz,+1 555 0102,Spanish,,,2,red\n";

#[test]
fn a_volunteer_sheet_in_spanish_is_previewed_with_its_mapping_then_imported_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let before = oplog(&store);
    let p = csvio::preview_import(store.conn(), CsvKind::Volunteers, VOLUNTEERS.as_bytes(), chicago()).unwrap();
    assert!(p.ok(), "{:?}", p.errors);
    assert_eq!(p.rows, 2);
    assert_eq!(p.creates, vec![("volunteer", 2)]);
    let field = |c: &str| p.mapping.iter().find(|m| m.column == c).unwrap().field;
    assert_eq!(field("Nombre"), Some("name"));
    assert_eq!(field("Teléfono"), Some("phone"));
    assert_eq!(field("Disponibilidad"), Some("availability"));
    assert_eq!(field("Favourite colour"), None);
    assert_eq!(oplog(&store), before, "a preview writes nothing");
    assert!(store.list::<Volunteer>().unwrap().is_empty());

    store.write(now(), |w| csvio::apply_import(w, CsvKind::Volunteers, VOLUNTEERS.as_bytes(), chicago())).unwrap();
    let vs: Vec<Volunteer> = store.list().unwrap();
    assert_eq!(vs.len(), 2);
    let ana = vs.iter().find(|v| v.name == "Ana López").unwrap();
    assert_eq!(ana.languages, vec!["spanish", "english"]);
    assert_eq!(ana.availability.weekly, vec!["MO,WE 18:00-23:00", "SA 08:00-20:00"]);
    assert_eq!(ana.max_shifts_per_week, Some(3));
    assert_eq!(ana.trainings.len(), 1);
}

#[test]
fn malformed_rows_are_reported_by_row_number_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let text = "name,phone,max shifts per week,availability,trainings\n\
Ana López,555-0101,3,MO 18:00-23:00,\n\
,555-0102,2,,\n\
Carla Díaz,555-0103,lots,,\n\
Dan Smith,555-0104\n\
Eve Jones,555-0105,1,Mondays evenings,\n\
Fran Moe,555-0106,1,,knitting 2025-01-01\n\
\"Gus \"\"The Rock\"\" Lee\",555-0107,2,,\n";
    let p = csvio::preview_import(store.conn(), CsvKind::Volunteers, text.as_bytes(), chicago()).unwrap();
    let rows: Vec<u64> = p.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![3, 4, 5, 6, 7], "{:#?}", p.errors);
    assert!(p.errors[0].problem.to_string().contains("name is empty"));
    assert_eq!(p.errors[1].column.as_deref(), Some("max shifts per week"));
    assert!(p.errors[1].problem.to_string().contains("whole number"));
    assert!(p.errors[2].problem.to_string().contains("2 cells") && p.errors[2].problem.to_string().contains("5 columns"));
    assert!(p.errors[3].problem.to_string().contains("MO,WE 18:00-23:00"), "says what a window looks like: {}", p.errors[3].problem);
    assert!(p.errors[4].problem.to_string().contains("knitting"));

    let before = oplog(&store);
    let err = store.write(now(), |w| csvio::apply_import(w, CsvKind::Volunteers, text.as_bytes(), chicago())).unwrap_err();
    assert!(matches!(err, Error::Refused(_)));
    assert!(err.to_string().contains("nothing was imported") && err.to_string().contains("row 3"), "{err}");
    assert_eq!(oplog(&store), before);
    assert!(store.list::<Volunteer>().unwrap().is_empty(), "all or nothing");
}

#[test]
fn a_windows_1252_or_utf16_file_gets_a_clear_error_and_not_garbled_names() {
    let dir = tempfile::tempdir().unwrap();
    let store = new_store(dir.path());
    // "José" in Windows-1252: é is the single byte 0xE9.
    let latin1: &[u8] = b"name,phone\nJos\xe9 Garc\xeda,555\n";
    let err = csvio::preview_import(store.conn(), CsvKind::Volunteers, latin1, chicago()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("not UTF-8") && msg.contains("line 2") && msg.contains("CSV UTF-8"), "{msg}");
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("name\n".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    assert!(csvio::preview_import(store.conn(), CsvKind::Volunteers, &utf16, chicago()).unwrap_err().to_string().contains("UTF-16"));
    let err = csvio::preview_import(store.conn(), CsvKind::Volunteers, b"phone,languages\n555,es\n", chicago()).unwrap_err();
    assert!(err.to_string().contains("no column for name"), "{err}");
}

#[test]
fn families_and_court_dates_import_with_links_and_tbc_times() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let families = "Familia,Nombre,Parentesco,Fecha de nacimiento,A-Number,Idiomas\n\
García,José García,father,1985-02-03,A-012-345-678,Spanish\n\
García,Lucía García,daughter,2015-06-07,none,Spanish\n\
Pérez,Rosa Pérez,,,12345678,Spanish\n\
Ruiz,Beto Ruiz,,,98-76,\n";
    let p = csvio::preview_import(store.conn(), CsvKind::Households, families.as_bytes(), chicago()).unwrap();
    assert_eq!(p.errors.len(), 1);
    assert_eq!(p.errors[0].row, 5);
    assert!(p.errors[0].problem.to_string().contains("nine digits") && !p.errors[0].problem.to_string().contains("98-76"), "no record contents in errors");
    let fixed = families.replace("98-76", "none");
    let done = store.write(now(), |w| csvio::apply_import(w, CsvKind::Households, fixed.as_bytes(), chicago())).unwrap();
    assert_eq!(done.creates, vec![("family", 3), ("person", 4)]);
    let people: Vec<Person> = store.list().unwrap();
    let jose = people.iter().find(|p| p.name == "José García").unwrap();
    let lucia = people.iter().find(|p| p.name == "Lucía García").unwrap();
    assert_eq!(jose.household_id, lucia.household_id);
    assert_eq!(people.iter().find(|p| p.name == "Rosa Pérez").unwrap().a_number.as_ref().unwrap().digits(), "012345678");
    // Importing the same families again is refused row by row: no duplicates.
    let again = csvio::preview_import(store.conn(), CsvKind::Households, fixed.as_bytes(), chicago()).unwrap();
    assert!(again.errors.iter().any(|e| e.problem.to_string().contains("already exists")));

    let courts = "family,person,kind,date,time,time zone,place,room\n\
García,José García,master calendar,2026-12-01,09:00,,Chicago Immigration Court,5B\n\
Pérez,,ice check-in,12/03/2026,TBD,America/New_York,ICE Field Office,\n\
Nobody,,master_calendar,2026-12-01,09:00,,Court,\n\
García,,bond_hearing,2026-03-08,02:30,,Court,\n";
    let p = csvio::preview_import(store.conn(), CsvKind::CourtDates, courts.as_bytes(), chicago()).unwrap();
    let rows: Vec<u64> = p.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![4, 5], "{:#?}", p.errors);
    assert!(p.errors[1].problem.to_string().contains("does not exist"), "02:30 on the spring-forward night: {}", p.errors[1].problem);
    let ok: String = courts.lines().take(3).map(|l| format!("{l}\n")).collect();
    store.write(now(), |w| csvio::apply_import(w, CsvKind::CourtDates, ok.as_bytes(), chicago())).unwrap();
    let dates: Vec<CourtDate> = store.list().unwrap();
    assert_eq!(dates.len(), 2);
    let first = dates.iter().find(|c| c.place.starts_with("Chicago")).unwrap();
    assert_eq!(first.person_id, Some(jose.id));
    assert_eq!(first.time_zone, chicago());
    assert_eq!(first.starts_utc, Utc.with_ymd_and_hms(2026, 12, 1, 15, 0, 0).unwrap());
    let ice = dates.iter().find(|c| c.place.starts_with("ICE")).unwrap();
    assert!(ice.time_tbc);
    assert_eq!(ice.time_zone.name(), "America/New_York");
    assert!(store.list::<Household>().unwrap().len() == 3);
}

#[test]
fn exports_neutralise_formula_cells_warn_about_contents_and_import_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let mut v = Volunteer::new("=HYPERLINK(\"http://evil\",\"click\")");
    v.phone = Some("+1 555 0101".into());
    v.preferred_contact = Some("@signal".into());
    v.languages = vec!["-spanish".into(), "\tx".into()];
    store.create(now(), &v).unwrap();
    let text = csvio::export_csv(store.conn(), CsvKind::Volunteers).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let row = rdr.records().next().unwrap().unwrap();
    for cell in row.iter() {
        assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "cell {cell:?} could run as a formula");
    }
    assert_eq!(&row[0], "'=HYPERLINK(\"http://evil\",\"click\")");
    assert_eq!(&row[1], "'+1 555 0101");
    assert!(csvio::export_warning(CsvKind::Households).contains("A-NUMBERS"));
    assert!(csvio::export_warning(CsvKind::Volunteers).contains("unencrypted"));

    // The exported file imports into another store unchanged.
    let dir2 = tempfile::tempdir().unwrap();
    let mut other = new_store(dir2.path());
    other.write(now(), |w| csvio::apply_import(w, CsvKind::Volunteers, text.as_bytes(), chicago())).unwrap();
    let back = &other.list::<Volunteer>().unwrap()[0];
    assert_eq!(back.name, v.name);
    assert_eq!(back.phone, v.phone);
    assert_eq!(back.preferred_contact, v.preferred_contact);
}
