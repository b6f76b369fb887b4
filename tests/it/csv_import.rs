//! Spreadsheet onboarding through the public API: preview before import, per-row errors
//! with row numbers, all-or-nothing, wrong encodings, formula cells neutralised.
use crate::support;

use amparo_core::csvio::{self, CsvKind, ImportOptions, RowAction};
use amparo_core::domain::{CourtDate, Household, Person, Volunteer};
use amparo_core::{Error, KdfParams, Owner, Store};
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

fn opts() -> ImportOptions {
    ImportOptions::with_zone(chicago())
}

fn oplog(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM oplog", [], |r| r.get(0)).unwrap()
}

const VOLUNTEERS: &str =
    "\u{feff}Nombre,Teléfono,Idiomas,Capacitaciones,Disponibilidad,Max shifts per week,Favourite colour\n\
Ana López,555-0101,Spanish; English,rapid_response 2025-03-01,\"MO,WE 18:00-23:00; SA 08:00-20:00\",3,blue\n\
Beto Ruiz,+1 555 0102,Spanish,,,2,red\n";

#[test]
fn a_volunteer_sheet_in_spanish_is_previewed_with_its_mapping_then_imported_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let before = oplog(&store);
    let p = csvio::preview_import(store.conn(), CsvKind::Volunteers, VOLUNTEERS.as_bytes(), &opts()).unwrap();
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

    store.write(now(), |w| csvio::apply_import(w, CsvKind::Volunteers, VOLUNTEERS.as_bytes(), &opts())).unwrap();
    let vs: Vec<Volunteer> = store.list().unwrap();
    assert_eq!(vs.len(), 2);
    let ana = vs.iter().find(|v| v.name == "Ana López").unwrap();
    assert_eq!(ana.languages, vec!["es", "en"], "language names become the codes the CLI uses");
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
Eve Jones,555-0105,1,whenever the kids are at school,\n\
Fran Moe,555-0106,1,,knitting 2025-01-01\n\
\"Gus \"\"The Rock\"\" Lee\",555-0107,2,,\n";
    let p = csvio::preview_import(store.conn(), CsvKind::Volunteers, text.as_bytes(), &opts()).unwrap();
    let rows: Vec<u64> = p.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![3, 4, 5, 7], "{:#?}", p.errors);
    assert!(p.errors[0].problem.to_string().contains("name is empty"));
    assert_eq!(p.errors[1].column.as_deref(), Some("max shifts per week"));
    assert!(p.errors[1].problem.to_string().contains("whole number"));
    assert!(
        p.errors[2].problem.to_string().contains("2 cells") && p.errors[2].problem.to_string().contains("5 columns")
    );
    assert!(p.errors[3].problem.to_string().contains("knitting"));
    let eve = p.row_details.iter().find(|d| d.row == 6).unwrap();
    assert_eq!(eve.action, RowAction::Create, "free text that cannot be read is kept, not refused");
    assert_eq!(eve.kept_as_note.as_deref(), Some("availability: whenever the kids are at school"));

    let before = oplog(&store);
    let err =
        store.write(now(), |w| csvio::apply_import(w, CsvKind::Volunteers, text.as_bytes(), &opts())).unwrap_err();
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
    let err = csvio::preview_import(store.conn(), CsvKind::Volunteers, latin1, &opts()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("not UTF-8") && msg.contains("line 2") && msg.contains("CSV UTF-8"), "{msg}");
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("name\n".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    assert!(csvio::preview_import(store.conn(), CsvKind::Volunteers, &utf16, &opts())
        .unwrap_err()
        .to_string()
        .contains("UTF-16"));
    let err =
        csvio::preview_import(store.conn(), CsvKind::Volunteers, b"phone,languages\n555,es\n", &opts()).unwrap_err();
    assert!(err.to_string().contains("no column for name"), "{err}");
}

#[test]
fn families_and_court_dates_import_with_links_and_tbc_times() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let families = "Familia,Nombre,Parentesco,Fecha de nacimiento,A-Number,Idiomas\n\
García,José García,father,1985-02-03,A-012-345-678,Spanish\n\
García,Lucía García,daughter,2015-06-07,none,Spanish\n\
Pérez,Rosa Pérez,,,87654321,Spanish\n\
Ruiz,Beto Ruiz,,,98-76,\n";
    let p = csvio::preview_import(store.conn(), CsvKind::Households, families.as_bytes(), &opts()).unwrap();
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert_eq!(p.errors[0].row, 5);
    assert!(
        p.errors[0].problem.to_string().contains("nine digits") && !p.errors[0].problem.to_string().contains("98-76"),
        "no record contents in errors"
    );
    let fixed = families.replace("98-76", "none");
    let done = store.write(now(), |w| csvio::apply_import(w, CsvKind::Households, fixed.as_bytes(), &opts())).unwrap();
    assert_eq!(done.creates, vec![("family", 3), ("person", 4)]);
    let people: Vec<Person> = store.list().unwrap();
    let jose = people.iter().find(|p| p.name == "José García").unwrap();
    let lucia = people.iter().find(|p| p.name == "Lucía García").unwrap();
    assert_eq!(jose.household_id, lucia.household_id);
    assert_eq!(
        people
            .iter()
            .find(|p| p.name == "Rosa Pérez")
            .unwrap()
            .a_number
            .as_ref()
            .and_then(|a| a.number())
            .unwrap()
            .digits(),
        "087654321"
    );
    // Importing the same families again creates nothing: every row is already present.
    let again = csvio::preview_import(store.conn(), CsvKind::Households, fixed.as_bytes(), &opts()).unwrap();
    assert!(again.ok(), "{:?}", again.errors);
    assert_eq!((again.already_present, again.creates.clone()), (4, vec![]));
    assert!(again.row_details.iter().all(|d| d.action == RowAction::AlreadyPresent));
    store.write(now(), |w| csvio::apply_import(w, CsvKind::Households, fixed.as_bytes(), &opts())).unwrap();
    assert_eq!(store.list::<Person>().unwrap().len(), 4, "José García is not created twice");

    let courts = "family,person,kind,date,time,time zone,place,room\n\
García,José García,master calendar,2026-12-01,09:00,,Chicago Immigration Court,5B\n\
Pérez,,ice check-in,12/03/2026,TBD,America/New_York,ICE Field Office,\n\
Nobody,,master_calendar,2026-12-01,09:00,,Court,\n\
García,,bond_hearing,2026-03-08,02:30,,Court,\n";
    let p = csvio::preview_import(store.conn(), CsvKind::CourtDates, courts.as_bytes(), &opts()).unwrap();
    let rows: Vec<u64> = p.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![5], "{:#?}", p.errors);
    assert!(
        p.errors[0].problem.to_string().contains("does not exist"),
        "02:30 on the spring-forward night: {}",
        p.errors[0].problem
    );
    assert_eq!(p.row_details[2].new_family.as_deref(), Some("Nobody"), "an unknown family is offered for creation");
    let ok: String = courts.lines().take(3).map(|l| format!("{l}\n")).collect();
    store.write(now(), |w| csvio::apply_import(w, CsvKind::CourtDates, ok.as_bytes(), &opts())).unwrap();
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
    other.write(now(), |w| csvio::apply_import(w, CsvKind::Volunteers, text.as_bytes(), &opts())).unwrap();
    let back = &other.list::<Volunteer>().unwrap()[0];
    assert_eq!(back.name, v.name);
    assert_eq!(back.phone, v.phone);
    assert_eq!(back.preferred_contact, v.preferred_contact);
}

const TEAM: &str = "Nombre,Teléfono,Idiomas,Disponibilidad,No disponible,Capacitaciones,Congregación\n\
Ana López,555-0101,\"Spanish, English\",Mon-Fri evenings,12/24/2026-1/2/2027,court_accompaniment,St. Mark's\n\
Beto Ruiz,555-0102,español,fines de semana,,rapid_response 2025-03-01,San José\n\
Carla Díaz,555-0103,English,any overnight; Tue/Thu 8-14,,,St. Mark's\n\
Dora Paz,555-0104,,when the baby sleeps,,,\n";

fn import(store: &mut Store, kind: CsvKind, text: &str, opts: &ImportOptions) -> csvio::ImportPreview {
    store.write(now(), |w| csvio::apply_import(w, kind, text.as_bytes(), opts)).unwrap()
}

#[test]
fn a_volunteer_sheet_as_people_write_it_keeps_availability_ranges_trainings_and_congregations() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let p = csvio::preview_import(store.conn(), CsvKind::Volunteers, TEAM.as_bytes(), &opts()).unwrap();
    assert!(p.ok(), "{:?}", p.errors);
    assert_eq!(p.creates, vec![("volunteer", 4), ("congregation", 2)]);
    let dora = p.row_details.iter().find(|d| d.label == "Dora Paz").unwrap();
    assert_eq!(dora.kept_as_note.as_deref(), Some("availability: when the baby sleeps"), "listed in the preview");
    import(&mut store, CsvKind::Volunteers, TEAM, &opts());
    let vs: Vec<Volunteer> = store.list().unwrap();
    let v = |n: &str| vs.iter().find(|v| v.name == n).unwrap().clone();
    let ana = v("Ana López");
    assert_eq!(ana.availability.weekly, vec!["MO,TU,WE,TH,FR 18:00-22:00"]);
    assert_eq!(ana.availability.blackout.len(), 10, "12/24/2026-1/2/2027 is ten days");
    assert_eq!(ana.availability.blackout[0].to_string(), "2026-12-24");
    assert_eq!(ana.languages, vec!["es", "en"]);
    assert_eq!(ana.trainings.len(), 1);
    assert_eq!(ana.trainings[0].completed_on, None, "a training without a date is 'date unknown', not today");
    assert_eq!(v("Beto Ruiz").availability.weekly, vec!["SA,SU 00:00-24:00"]);
    assert_eq!(v("Beto Ruiz").languages, vec!["es"]);
    assert_eq!(v("Beto Ruiz").trainings[0].completed_on.unwrap().to_string(), "2025-03-01");
    assert_eq!(v("Carla Díaz").availability.weekly, vec!["DAILY 22:00-07:00", "TU,TH 08:00-14:00"]);
    let congregations: Vec<amparo_core::domain::Congregation> = store.list().unwrap();
    assert_eq!(congregations.len(), 2);
    let st_mark = congregations.iter().find(|c| c.name == "St. Mark's").unwrap().id;
    assert_eq!(ana.congregation_id, Some(st_mark));
    assert_eq!(v("Carla Díaz").congregation_id, Some(st_mark), "one congregation, not two");
    let notes: Vec<amparo_core::domain::Note> = store.list().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].record_id, v("Dora Paz").id);
    assert!(notes[0].body.contains("when the baby sleeps"));
    for w in &ana.availability.weekly {
        amparo_core::schedule::availability::parse_window(w).unwrap();
    }

    // The same sheet again: every row is already present and nothing is written.
    let before = oplog(&store);
    let again = import(&mut store, CsvKind::Volunteers, TEAM, &opts());
    assert_eq!((again.already_present, again.creates), (4, vec![]));
    assert_eq!(oplog(&store), before);
    assert_eq!(store.list::<Volunteer>().unwrap().len(), 4);
}

/// The onboarding sheet a team actually has: Spanish/English headers, US zone names,
/// Chicago and New York courts, an eight-digit A-number, volunteers by name, CRLF lines.
const HEARINGS: &str = "Familia / Family,Persona,A#,Tipo de cita,Fecha,Hora,Corte / Oficina,Ciudad,Zona,Voluntarios,Notas,Mínimo,Color\r\n\
Ramírez,José Ramírez,12345678,Master calendar,12/01/2026,9:00 AM,Chicago Immigration Court,Chicago,Central,Ana López,\"Bring ID\r\nand the notice\",2,red\r\n\
Ramírez,Lucía Ramírez,A-208-123-456,individual hearing,2026-12-03,13:30,Broadway Immigration Court,New York,Este,Ana López y Beto Ruiz,,,\r\n\
Ortiz,Carmen Ortiz,,ice check-in,2026-11-01,01:30,ICE Field Office,Chicago,Central,,,,\r\n";

#[test]
fn a_court_sheet_reads_its_zones_creates_its_families_and_people_and_imports_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    import(&mut store, CsvKind::Volunteers, TEAM, &opts());
    let none = ImportOptions::default();
    let p = csvio::preview_import(store.conn(), CsvKind::CourtDates, HEARINGS.as_bytes(), &none).unwrap();
    assert!(p.ok(), "every row has a zone, no --tz needed: {:?}", p.errors);
    let field = |c: &str| p.mapping.iter().find(|m| m.column == c).unwrap().field;
    for (c, f) in [
        ("Familia / Family", "family"),
        ("Persona", "person"),
        ("A#", "a_number"),
        ("Tipo de cita", "kind"),
        ("Fecha", "date"),
        ("Hora", "time"),
        ("Corte / Oficina", "place"),
        ("Ciudad", "city"),
        ("Zona", "time_zone"),
        ("Voluntarios", "accompaniers"),
        ("Notas", "accompanier_notes"),
        ("Mínimo", "min_accompaniers"),
    ] {
        assert_eq!(field(c), Some(f), "{c}");
    }
    assert_eq!(p.unused_columns, vec!["Color"]);
    assert_eq!(p.creates, vec![("family", 2), ("person", 3), ("court date", 3), ("accompanier", 3)]);
    let rows: Vec<(u64, String, String, String)> = p
        .row_details
        .iter()
        .map(|d| (d.row, d.date.unwrap().to_string(), d.time.clone().unwrap(), d.zone.clone().unwrap()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (2, "2026-12-01".into(), "09:00".into(), "America/Chicago".into()),
            // Row 2's note spans two lines: the next row is the sheet's line 4, CRLF or not.
            (4, "2026-12-03".into(), "13:30".into(), "America/New_York".into()),
            (5, "2026-11-01".into(), "01:30".into(), "America/Chicago".into()),
        ]
    );
    assert_eq!(p.row_details[0].new_family.as_deref(), Some("Ramírez"));
    assert_eq!(p.row_details[0].new_person.as_deref(), Some("José Ramírez"));
    assert_eq!(p.row_details[1].new_family, None, "the family the row above creates");
    assert!(
        p.row_details[2].warnings[0].to_string().contains("twice"),
        "01:30 on the fall-back night is flagged: {:?}",
        p.row_details[2].warnings
    );

    import(&mut store, CsvKind::CourtDates, HEARINGS, &none);
    let people: Vec<Person> = store.list().unwrap();
    assert_eq!(people.len(), 3);
    let jose = people.iter().find(|p| p.name == "José Ramírez").unwrap();
    assert_eq!(jose.a_number.as_ref().and_then(|a| a.number()).unwrap().digits(), "012345678");
    let dates: Vec<CourtDate> = store.list().unwrap();
    let chicago_hearing = dates.iter().find(|c| c.person_id == Some(jose.id)).unwrap();
    assert_eq!(
        chicago_hearing.starts_utc,
        Utc.with_ymd_and_hms(2026, 12, 1, 15, 0, 0).unwrap(),
        "9:00 AM Central, not 9:00 UTC"
    );
    assert_eq!(chicago_hearing.min_accompaniers, 2);
    assert_eq!(chicago_hearing.address.as_deref(), Some("Chicago"));
    assert_eq!(chicago_hearing.accompanier_notes.as_deref(), Some("Bring ID\r\nand the notice"));
    let ny = dates.iter().find(|c| c.place.starts_with("Broadway")).unwrap();
    assert_eq!(ny.starts_utc, Utc.with_ymd_and_hms(2026, 12, 3, 18, 30, 0).unwrap());
    assert_eq!(amparo_core::rules::accompaniers_of(store.conn(), ny.id).unwrap().len(), 2);
    assert_eq!(store.list::<Household>().unwrap().len(), 2);

    // Again: all three rows are already present; no duplicate person, family or date.
    let again = import(&mut store, CsvKind::CourtDates, HEARINGS, &none);
    assert_eq!((again.already_present, again.creates), (3, vec![]));
    assert_eq!(store.list::<CourtDate>().unwrap().len(), 3);
    assert_eq!(store.list::<Person>().unwrap().len(), 3);

    // A sheet without zones and no --tz is refused, naming every row.
    let no_zone = "family,person,kind,date,time,place\r\nPérez,Rosa Pérez,ice_check_in,2026-12-02,10:00,ICE\r\nPérez,Rosa Pérez,bond_hearing,2026-12-09,10:00,Court\r\n";
    let p = csvio::preview_import(store.conn(), CsvKind::CourtDates, no_zone.as_bytes(), &none).unwrap();
    assert_eq!(p.errors.iter().map(|e| e.row).collect::<Vec<_>>(), vec![2, 3]);
    assert!(p.errors[0].problem.to_string().contains("--tz"));
    let err =
        store.write(now(), |w| csvio::apply_import(w, CsvKind::CourtDates, no_zone.as_bytes(), &none)).unwrap_err();
    assert!(err.to_string().contains("row 2") && err.to_string().contains("row 3"), "{err}");
    // --tz is the default for those rows; 02:30 on the spring-forward night is caught.
    let ny = ImportOptions::with_zone("America/New_York".parse().unwrap());
    let p = csvio::preview_import(store.conn(), CsvKind::CourtDates, no_zone.as_bytes(), &ny).unwrap();
    assert!(p.ok() && p.row_details[0].zone.as_deref() == Some("America/New_York"));
    let gap = "family,kind,date,time,place,zona\nPérez,bond,2027-03-14,02:30,Court,Pacífico\n";
    let p = csvio::preview_import(store.conn(), CsvKind::CourtDates, gap.as_bytes(), &none).unwrap();
    assert!(p.errors[0].problem.to_string().contains("does not exist"), "{:?}", p.errors);
}

#[test]
fn every_missing_column_is_named_at_once_and_map_reads_a_header_of_the_teams_own() {
    let dir = tempfile::tempdir().unwrap();
    let store = new_store(dir.path());
    let err = csvio::preview_import(store.conn(), CsvKind::CourtDates, "Persona,Hora\nJosé,9:00\n".as_bytes(), &opts())
        .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("family, kind, date, place"), "{msg}");
    assert!(msg.contains("Fecha") || msg.contains("fecha"), "lists accepted names: {msg}");
    assert!(msg.contains("--map"), "{msg}");
    let sheet = "Familia,Audiencia,Día de corte,Edificio\nGarcía,master calendar,2026-12-01,Court\n";
    let mut o = opts();
    o.map = vec![
        ("Día de corte".into(), "date".into()),
        ("Edificio".into(), "place".into()),
        ("Audiencia".into(), "kind".into()),
    ];
    let p = csvio::preview_import(store.conn(), CsvKind::CourtDates, sheet.as_bytes(), &o).unwrap();
    assert!(p.ok(), "{:?}", p.errors);
    o.map = vec![("Día de corte".into(), "birthday".into())];
    let err = csvio::preview_import(store.conn(), CsvKind::CourtDates, sheet.as_bytes(), &o).unwrap_err();
    assert!(err.to_string().contains("birthday") && err.to_string().contains("date"), "{err}");
    for (zone, iana) in [
        ("Eastern", "America/New_York"),
        ("Montaña", "America/Denver"),
        ("Hawái", "Pacific/Honolulu"),
        ("Puerto Rico", "America/Puerto_Rico"),
        ("america/chicago", "America/Chicago"),
        ("Pacific Time", "America/Los_Angeles"),
    ] {
        assert_eq!(csvio::parse_zone(zone).unwrap().name(), iana, "{zone}");
    }
}

#[test]
fn an_export_imports_back_with_every_field_it_writes() {
    use amparo_core::domain::{ANumberOrNone, CourtKind, CourtStatus, HouseholdStatus, PlaceTime};
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let mut h = Household::new("Ramírez");
    h.status = HouseholdStatus::InSanctuary;
    store.create(now(), &h).unwrap();
    let mut p = Person::new(h.id, "José Ramírez");
    p.a_number = Some(ANumberOrNone::parse("208123456").unwrap());
    store.create(now(), &p).unwrap();
    // A daughter born here has no A-number; a cousin's is still to be found out.
    let mut daughter = Person::new(h.id, "Sofía Ramírez");
    daughter.a_number = Some(ANumberOrNone::HasNone);
    store.create(now(), &daughter).unwrap();
    store.create(now(), &Person::new(h.id, "Tomás Ramírez")).unwrap();
    let at =
        PlaceTime::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap().and_hms_opt(9, 0, 0).unwrap(), chicago())
            .unwrap();
    let mut c = CourtDate::new(h.id, CourtKind::MasterCalendar, at, "Chicago Immigration Court");
    c.person_id = Some(p.id);
    c.status = CourtStatus::Completed;
    c.outcome = Some("continued".into());
    c.confirmed = true;
    c.min_accompaniers = 1;
    c.max_accompaniers = Some(3);
    store.create(now(), &c).unwrap();
    let families = csvio::export_csv(store.conn(), CsvKind::Households).unwrap();
    let courts = csvio::export_csv(store.conn(), CsvKind::CourtDates).unwrap();

    let dir2 = tempfile::tempdir().unwrap();
    let mut other = new_store(dir2.path());
    import(&mut other, CsvKind::Households, &families, &ImportOptions::default());
    import(&mut other, CsvKind::CourtDates, &courts, &ImportOptions::default());
    let h2 = &other.list::<Household>().unwrap()[0];
    assert_eq!(h2.status, HouseholdStatus::InSanctuary);
    let people = other.list::<Person>().unwrap();
    let a_number_of = |name: &str| people.iter().find(|x| x.name == name).unwrap().a_number.clone();
    assert_eq!(a_number_of("José Ramírez"), p.a_number);
    assert_eq!(a_number_of("Sofía Ramírez"), Some(ANumberOrNone::HasNone), "'has none' came back as unknown");
    assert_eq!(a_number_of("Tomás Ramírez"), None);
    let p2 = people.iter().find(|x| x.name == "José Ramírez").unwrap();
    let c2 = &other.list::<CourtDate>().unwrap()[0];
    assert_eq!((c2.status, c2.outcome.clone(), c2.confirmed), (CourtStatus::Completed, Some("continued".into()), true));
    assert_eq!((c2.min_accompaniers, c2.max_accompaniers), (1, Some(3)));
    assert_eq!((c2.local_start, c2.time_zone, c2.person_id), (c.local_start, c.time_zone, Some(p2.id)));
    // The export imported into its own store changes nothing.
    let again = import(&mut store, CsvKind::CourtDates, &courts, &ImportOptions::default());
    assert_eq!(again.already_present, 1);
}

#[test]
fn the_readme_commands_import_and_export_csv_and_the_cli_never_guesses_a_zone() {
    let env = support::cli::Env::new();
    let team = env.root.path().join("team.csv");
    std::fs::write(&team, TEAM).unwrap();
    env.ok(&["import", "csv", "volunteers", team.to_str().unwrap(), "--apply"]);
    let help = env.ok(&["import", "--help"]);
    assert!(help.contains("tipo de cita") && help.contains("voluntarios") && help.contains("disponibilidad"), "{help}");

    let sheet = env.root.path().join("hearings.csv");
    std::fs::write(&sheet, "Familia,Persona,Tipo de cita,Fecha,Hora,Corte,Voluntarios,Color\r\nRamírez,José Ramírez,master calendar,12/01/2026,9:00 AM,Chicago Immigration Court,Ana López,red\r\n\r\nOrtiz,Carmen Ortiz,ice check-in,2026-12-02,10:00,ICE,,blue\r\n").unwrap();
    let err = env.fail(&["import", "csv", "court-dates", sheet.to_str().unwrap(), "--apply"]);
    assert!(err.contains("rows 2, 4"), "names the rows without a zone: {err}");
    let preview = env.ok(&["import", "csv", "court-dates", sheet.to_str().unwrap(), "--tz", "Central"]);
    assert!(preview.contains("2026-12-01 09:00 America/Chicago"), "{preview}");
    assert!(
        preview.contains("creates the family Ramírez") && preview.contains("creates the person José Ramírez"),
        "{preview}"
    );
    assert!(preview.contains("not imported: Color"), "{preview}");
    let done = env.ok(&["import", "csv", "court-dates", sheet.to_str().unwrap(), "--tz", "Central", "--apply"]);
    assert!(done.contains("2 court date(s)") && done.contains("1 accompanier(s)"), "{done}");
    let again = env.ok(&["import", "csv", "court-dates", sheet.to_str().unwrap(), "--tz", "Central", "--apply"]);
    assert!(again.contains("imported nothing new") && again.contains("skipped 2 row(s) already present"), "{again}");

    let out = env.root.path().join("courts.csv");
    env.ok(&["export", "csv", "court-dates", "--out", out.to_str().unwrap(), "--yes"]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("2026-12-01,09:00,America/Chicago"), "{text}");
    env.ok(&["export", "volunteers", "--out", out.to_str().unwrap(), "--yes"]);

    let id = support::cli::added_id(&env.ok(&["volunteer", "add", "--name", "Eva Solís", "--training", "driver"]));
    let shown = env.ok(&["volunteer", "show", &id]);
    assert!(shown.contains("driver (date unknown)"), "never today's date: {shown}");
}
