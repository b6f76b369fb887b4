//! The everyday path through the command line, as a coordinator would walk it.

use crate::support::cli::{added_id, Env};
use serde_json::Value;

fn court_in_agenda<'a>(agenda: &'a Value, id: &str) -> &'a Value {
    agenda["court_dates"]
        .as_array()
        .expect("court_dates is a list")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("court date {id} not in the agenda: {agenda:#}"))
}

#[test]
fn a_court_date_is_under_staffed_until_two_accompaniers_are_assigned() {
    let env = Env::new();
    let family = added_id(&env.ok(&[
        "family",
        "add",
        "--name",
        "Familia García",
        "--language",
        "Spanish",
        "--phone",
        "555-0101",
    ]));
    let person = added_id(&env.ok(&[
        "person",
        "add",
        "--family",
        &family,
        "--name",
        "José García",
        "--a-number",
        "A-012-345-678",
    ]));
    let court = added_id(&env.ok(&[
        "court",
        "add",
        "--family",
        &family[..13],
        "--person",
        &person,
        "--kind",
        "master_calendar",
        "--at",
        "2026-12-01 09:00",
        "--tz",
        "America/Chicago",
        "--place",
        "Chicago Immigration Court",
        "--room",
        "5B",
        "--min",
        "2",
        "--max",
        "3",
        "--confirmed",
    ]));

    // The agenda, as people read it and as JSON.
    let text = env.ok(&["agenda"]);
    assert!(text.contains("2026-12-01 09:00 America/Chicago"), "{text}");
    assert!(text.contains("Chicago Immigration Court, room 5B"), "{text}");
    assert!(text.contains("accompaniers 0 of 2 wanted  UNDER-STAFFED"), "{text}");
    let agenda = env.json(&["agenda", "--days", "14"]);
    let c = court_in_agenda(&agenda, &court);
    assert_eq!(c["understaffed"], true);
    assert_eq!(c["assigned"], 0);
    assert_eq!(c["min_wanted"], 2);
    assert_eq!(c["local_time"], "2026-12-01 09:00");
    assert_eq!(c["time_zone"], "America/Chicago");
    assert_eq!(c["starts_utc"], "2026-12-01T15:00:00Z");
    assert_eq!(c["confirmed"], true);
    assert_eq!(c["time_tbc"], false);
    assert_eq!(c["household"], "Familia García");

    // A court date beyond the window is not in a 7-day agenda.
    let week = env.json(&["agenda", "--days", "7"]);
    assert!(week["court_dates"].as_array().unwrap().is_empty(), "{week:#}");

    let ruth = added_id(&env.ok(&[
        "volunteer",
        "add",
        "--name",
        "Ruth Okafor",
        "--language",
        "English",
        "--role",
        "accompanier",
    ]));
    let luis = added_id(&env.ok(&[
        "volunteer",
        "add",
        "--name",
        "Luis Herrera",
        "--language",
        "Spanish",
        "--training",
        "court_accompaniment:2026-01-10",
    ]));
    let out = env.ok(&["court", "assign", &court, &ruth, &luis]);
    assert!(out.contains("2 of 2 wanted"), "{out}");

    let text = env.ok(&["agenda"]);
    assert!(text.contains("accompaniers 2 of 2 wanted: Luis Herrera, Ruth Okafor"), "{text}");
    assert!(!text.contains("UNDER-STAFFED"), "{text}");
    let c = court_in_agenda(&env.json(&["agenda"]), &court).clone();
    assert_eq!(c["understaffed"], false);
    assert_eq!(c["assigned"], 2);
    let names: Vec<&str> = c["accompaniers"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Luis Herrera", "Ruth Okafor"]);

    // The court date's history tells who assigned whom.
    let hist = env.ok(&["history", &court]);
    assert!(hist.contains("Ana Coordinator on office laptop: accompanier: (empty) -> Ruth Okafor"), "{hist}");
    assert!(hist.contains("accompanier: (empty) -> Luis Herrera"), "{hist}");

    // Double assignment is refused and changes nothing.
    let err = env.fail(&["court", "assign", &court, &ruth]);
    assert!(err.contains("already assigned"), "{err}");
    assert_eq!(court_in_agenda(&env.json(&["agenda"]), &court)["assigned"], 2);

    // Unassigning makes it short again.
    env.ok(&["court", "unassign", &court, &luis]);
    assert_eq!(court_in_agenda(&env.json(&["agenda"]), &court)["understaffed"], true);
    let hist = env.json(&["history", &court]);
    let last = hist.as_array().unwrap().last().unwrap();
    assert_eq!(
        (last["field"].as_str(), last["old"].as_str(), &last["new"]),
        (Some("accompanier"), Some("Luis Herrera"), &Value::Null)
    );

    // The JSON of show and list use the stored field names.
    let show = env.json(&["court", "show", &court]);
    assert_eq!(show["court_date"]["place"], "Chicago Immigration Court");
    assert_eq!(show["court_date"]["person_id"], person.as_str());
    assert_eq!(show["accompaniers"].as_array().unwrap().len(), 1);
    let fam = env.json(&["family", "show", &family]);
    assert_eq!(fam["household"]["display_name"], "Familia García");
    assert_eq!(fam["persons"][0]["a_number"], "012345678");
    assert_eq!(fam["court_dates"][0]["id"], court.as_str());
    let list = env.json(&["family", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);

    // Deleting a volunteer says what they were taken off.
    let out = env.ok(&["volunteer", "delete", &ruth]);
    assert!(out.contains("taken off 1 court date(s) (1 still to come) and 0 sanctuary shift(s)"), "{out}");
    assert_eq!(court_in_agenda(&env.json(&["agenda"]), &court)["assigned"], 0);
    let out = env.ok(&["volunteer", "delete", &luis]);
    assert!(!out.contains("taken off"), "{out}");
}

#[test]
fn search_finds_names_with_or_without_accents_and_by_prefix() {
    let env = Env::new();
    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Núñez"]));
    let jose = added_id(&env.ok(&["person", "add", "--family", &family, "--name", "José Núñez Peña"]));
    env.ok(&["person", "add", "--family", &family, "--name", "Ana Núñez"]);

    for query in ["Jose", "josé", "JOSE nunez", "jos pen", "Peña"] {
        let hits = env.json(&["search", query]);
        let ids: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [jose.as_str()], "search {query:?}: {hits:#}");
        assert_eq!(hits[0]["table"], "person");
        assert_eq!(hits[0]["label"], "José Núñez Peña");
    }
    let text = env.ok(&["search", "nunez"]);
    assert!(text.contains("Familia Núñez") && text.contains("José Núñez Peña") && text.contains("Ana Núñez"), "{text}");
    // FTS syntax in the input is text, not a query operator.
    let hits = env.json(&["search", "jose\" OR NEAR(*"]);
    assert!(hits.as_array().unwrap().is_empty(), "{hits:#}");
    assert!(env.ok(&["search", "Pedro"]).contains("nothing found"));

    // A deleted person is no longer found.
    env.ok(&["person", "delete", &jose, "--yes"]);
    assert!(env.json(&["search", "jose"]).as_array().unwrap().is_empty());
}

#[test]
fn history_shows_who_changed_what_from_which_device_with_old_and_new_values() {
    let env = Env::new();
    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Ortiz", "--phone", "555-0110"]));
    env.ok(&["family", "edit", &family, "--phone", "555-0199", "--needs", "rides"]);
    let text = env.ok(&["history", &family]);
    assert!(text.contains("Ana Coordinator on office laptop: phone: (empty) -> 555-0110"), "{text}");
    assert!(text.contains("Ana Coordinator on office laptop: phone: 555-0110 -> 555-0199"), "{text}");
    assert!(text.contains("needs: (empty) -> rides"), "{text}");
    assert!(text.contains("2026-11-23 15:00"), "{text}");

    let entries = env.json(&["history", &family[..18]]);
    let phone: Vec<&Value> = entries.as_array().unwrap().iter().filter(|e| e["field"] == "phone").collect();
    assert_eq!(phone.len(), 2);
    assert_eq!(phone[1]["old"], "555-0110");
    assert_eq!(phone[1]["new"], "555-0199");
    assert_eq!(phone[1]["author"], "Ana Coordinator");
    assert_eq!(phone[1]["device"], "office laptop");
    assert_eq!(phone[1]["table"], "household");
    assert!(phone[1]["at"].as_str().unwrap().starts_with("2026-11-23T15:00"), "{phone:?}");

    // Deleting keeps the trail, ending with the deletion.
    env.ok(&["family", "delete", &family, "--yes"]);
    let entries = env.json(&["history", &family]);
    assert_eq!(entries.as_array().unwrap().last().unwrap()["field"], "_deleted");
    let err = env.fail(&["family", "show", &family]);
    assert!(err.contains("no family with id"), "{err}");
}

#[test]
fn an_outcome_with_a_next_date_creates_the_next_court_date_linked_both_ways() {
    let env = Env::new();
    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Ruiz"]));
    let first = added_id(&env.ok(&[
        "court",
        "add",
        "--family",
        &family,
        "--at",
        "2026-11-24 10:00",
        "--tz",
        "America/Chicago",
        "--place",
        "Example Court",
    ]));
    let outcome = [
        "court",
        "outcome",
        &first,
        "--text",
        "reset by the judge",
        "--next-at",
        "2027-01-12 08:30",
        "--next-room",
        "7",
    ];
    // Before the hearing an outcome is refused: nothing has happened yet.
    let err = env.fail(&outcome);
    assert!(err.contains("has not happened yet") && err.contains("2026-11-24 10:00 (America/Chicago)"), "{err}");
    assert_eq!(env.json(&["court", "show", &first])["court_date"]["status"], "scheduled");
    let mut after = env.cmd();
    after.env("AMPARO_NOW", "2026-11-24T18:00:00Z");
    let out = after.args(outcome).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    let next = added_id(
        &out.lines()
            .filter(|l| l.contains("next court date"))
            .map(|l| l.replace("added the next court date", "added"))
            .collect::<String>(),
    );
    let a = env.json(&["court", "show", &first]);
    let b = env.json(&["court", "show", &next]);
    assert_eq!(a["court_date"]["status"], "completed");
    assert_eq!(a["court_date"]["outcome"], "reset by the judge");
    assert_eq!(a["court_date"]["detained"], false);
    assert_eq!(a["court_date"]["next_court_date_id"], next.as_str());
    assert_eq!(b["court_date"]["previous_court_date_id"], first.as_str());
    assert_eq!(b["court_date"]["local_start"], "2027-01-12T08:30:00");
    assert_eq!(b["court_date"]["time_zone"], "America/Chicago");
    assert_eq!(b["court_date"]["starts_utc"], "2027-01-12T14:30:00Z");
    assert_eq!(b["court_date"]["room"], "7");
    assert_eq!(b["court_date"]["status"], "scheduled");
    // The completed date leaves the agenda; the next one is beyond 14 days.
    let agenda = env.json(&["agenda"]);
    assert!(agenda["court_dates"].as_array().unwrap().is_empty(), "{agenda:#}");
    assert_eq!(env.json(&["agenda", "--days", "60"])["court_dates"][0]["id"], next.as_str());

    // The outcome can be corrected, and undone.
    let mut fix = env.cmd();
    fix.env("AMPARO_NOW", "2026-11-24T19:00:00Z");
    let out = fix.args(["court", "outcome", &first, "--text", "continued: attorney asked for time"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("outcome updated"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = env.json(&["court", "show", &first]);
    assert_eq!(a["court_date"]["outcome"], "continued: attorney asked for time");
    assert_eq!(a["court_date"]["next_court_date_id"], next.as_str(), "the next date stays linked");
    env.ok(&["court", "outcome", &first, "--clear"]);
    let a = env.json(&["court", "show", &first]);
    assert_eq!(a["court_date"]["status"], "scheduled");
    assert!(a["court_date"]["outcome"].is_null(), "{a:#}");
}

#[test]
fn tbc_and_confirmed_exclude_each_other_and_no_tbc_says_what_it_does() {
    let env = Env::new();
    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Ruiz"]));
    let err = env.fail(&[
        "court",
        "add",
        "--family",
        &family,
        "--at",
        "2026-12-02 10:00",
        "--tz",
        "America/Chicago",
        "--place",
        "Court",
        "--tbc",
        "--confirmed",
    ]);
    assert!(err.contains("cannot be used with"), "{err}");
    let c = added_id(&env.ok(&[
        "court",
        "add",
        "--family",
        &family,
        "--at",
        "2026-12-02 10:00",
        "--tz",
        "America/Chicago",
        "--place",
        "Court",
        "--tbc",
    ]));
    env.ok(&["court", "edit", &c, "--confirmed"]);
    let d = env.json(&["court", "show", &c]);
    assert_eq!(
        (d["court_date"]["confirmed"].as_bool(), d["court_date"]["time_tbc"].as_bool()),
        (Some(true), Some(false))
    );
    env.ok(&["court", "edit", &c, "--tbc"]);
    let d = env.json(&["court", "show", &c]);
    assert_eq!(
        (d["court_date"]["confirmed"].as_bool(), d["court_date"]["time_tbc"].as_bool()),
        (Some(false), Some(true))
    );
    let help = env.ok(&["court", "edit", "--help"]);
    let line = help.lines().find(|l| l.contains("--no-tbc")).unwrap_or_default().to_string();
    let next = help.lines().skip_while(|l| !l.contains("--no-tbc")).nth(1).unwrap_or_default();
    let text = format!("{line} {next}");
    assert!(text.contains("no longer") && !text.contains("still to be confirmed again"), "{text}");
}

#[test]
fn housing_free_beds_and_placements_ending_show_up() {
    let env = Env::new();
    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Castillo"]));
    for n in ["Marta Castillo", "Samuel Castillo", "Lina Castillo"] {
        env.ok(&["person", "add", "--family", &family, "--name", n]);
    }
    let big = added_id(&env.ok(&[
        "site",
        "add",
        "--name",
        "Casa Esperanza",
        "--capacity",
        "6",
        "--kind",
        "congregation_property",
    ]));
    let small = added_id(&env.ok(&["site", "add", "--name", "Reed host home", "--capacity", "4", "--children", "no"]));
    let out = env.ok(&[
        "placement",
        "add",
        "--family",
        &family,
        "--site",
        &big,
        "--start",
        "2026-11-20",
        "--end",
        "2026-11-30",
    ]);
    assert!(out.contains("(3 bed(s))"), "beds default to the family's size: {out}");

    let free = env.json(&["site", "free", "--from", "2026-11-25", "--to", "2026-12-05", "--size", "4"]);
    let names: Vec<&str> = free.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Reed host home"]);
    let free = env.json(&["site", "free", "--from", "2026-11-25", "--to", "2026-12-05", "--size", "4", "--children"]);
    assert!(free.as_array().unwrap().is_empty(), "{free:#}");
    let free = env.json(&["site", "free", "--from", "2026-12-01", "--to", "2026-12-05", "--size", "5"]);
    assert_eq!(free[0]["id"], big.as_str());
    assert_eq!(free[0]["free_beds"], 6);
    let _ = small;

    let agenda = env.json(&["agenda"]);
    assert_eq!(agenda["placements_ending"][0]["expected_end"], "2026-11-30");
    assert_eq!(agenda["placements_ending"][0]["site"], "Casa Esperanza");
}

#[test]
fn shifts_short_of_people_and_overdue_tasks_are_in_the_agenda() {
    let env = Env::new();
    let site = added_id(&env.ok(&[
        "sanctuary",
        "site",
        "add",
        "--name",
        "Oak Hill parsonage",
        "--code",
        "OAK",
        "--tz",
        "America/Chicago",
    ]));
    let shift = added_id(&env.ok(&[
        "shift",
        "add",
        "--site",
        &site,
        "--label",
        "overnight",
        "--start",
        "2026-11-24 20:00",
        "--end",
        "2026-11-25 08:00",
        "--min",
        "2",
    ]));
    let v = added_id(&env.ok(&["volunteer", "add", "--name", "Margaret Chen"]));
    let w = added_id(&env.ok(&["volunteer", "add", "--name", "Sofía Ramírez"]));
    env.ok(&["shift", "assign", &shift, &v]);
    let agenda = env.json(&["agenda"]);
    let s = &agenda["shifts_understaffed"][0];
    assert_eq!(s["id"], shift.as_str());
    assert_eq!(s["assigned"], 1);
    assert_eq!(s["local_start"], "2026-11-24 20:00");
    assert_eq!(s["starts_utc"], "2026-11-25T02:00:00Z");
    env.ok(&["shift", "assign", &shift, &w]);
    assert!(env.json(&["agenda"])["shifts_understaffed"].as_array().unwrap().is_empty());

    let task = added_id(&env.ok(&["task", "add", "--title", "Bond fund request", "--due", "2026-11-20"]));
    env.ok(&["task", "add", "--title", "Far away", "--due", "2027-02-01"]);
    let agenda = env.json(&["agenda"]);
    let tasks = agenda["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0]["id"], task.as_str());
    assert_eq!(tasks[0]["overdue"], true);
    env.ok(&["task", "done", &task]);
    assert!(env.json(&["agenda"])["tasks"].as_array().unwrap().is_empty());
}

#[test]
fn notes_carry_their_visibility() {
    let env = Env::new();
    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Mendoza"]));
    env.ok(&["note", "add", "--on", &family, "--visibility", "volunteers", "--text", "Arrive early"]);
    env.ok(&["note", "add", "--on", &family, "--text", "Attorney call pending"]);
    let notes = env.json(&["note", "list", "--on", &family]);
    let vis: Vec<(&str, &str)> = notes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["visibility"].as_str().unwrap(), n["body"].as_str().unwrap()))
        .collect();
    assert_eq!(vis, [("volunteers", "Arrive early"), ("internal", "Attorney call pending")]);
    assert_eq!(notes[0]["record_table"], "household");
    let err = env.fail(&["note", "add", "--on", &family, "--visibility", "public", "--text", "x"]);
    assert!(err.contains("internal, volunteers"), "{err}");
}

#[test]
fn the_demo_store_is_full_and_upcoming() {
    let env = Env::empty();
    let out = env.ok(&["demo"]);
    assert!(out.contains("18 volunteers, 8 families") && out.contains("6 hotline calls"), "{out}");
    let agenda = env.json(&["agenda"]);
    let courts = agenda["court_dates"].as_array().unwrap();
    assert!(courts.len() >= 5, "{agenda:#}");
    assert!(courts.iter().any(|c| c["understaffed"] == true));
    assert!(courts.iter().any(|c| c["understaffed"] == false));
    assert!(courts.iter().any(|c| c["time_zone"] == "America/New_York"));
    assert!(!agenda["shifts_understaffed"].as_array().unwrap().is_empty());
    assert!(!agenda["placements_ending"].as_array().unwrap().is_empty());
    assert!(agenda["tasks"].as_array().unwrap().iter().any(|t| t["overdue"] == true));
    let volunteers = env.json(&["volunteer", "list"]);
    assert_eq!(volunteers.as_array().unwrap().len(), 18);
    // A rapid-response network's week: open calls on the desk, someone on call, a bond out.
    let desk = env.ok(&["incident", "list"]);
    assert!(desk.contains("[dispatched / unverified]") && desk.contains("handled by Marisol Ñáñez"), "{desk}");
    assert!(env.ok(&["incident", "list", "--all"]).contains("[closed / false alarm]"));
    assert!(env.ok(&["oncall", "now"]).contains("(primary dispatcher)"));
    assert!(env.ok(&["bond", "list"]).starts_with("fund: $5,000.00 out on bonds"));
    assert!(env.ok(&["search", "Garcia"]).contains("Familia García Ramos"));
    // A store is never overwritten by a second demo.
    let err = env.fail(&["demo"]);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn every_command_has_help() {
    let env = Env::empty();
    for args in [
        vec!["--help"],
        vec!["family", "--help"],
        vec!["family", "add", "--help"],
        vec!["person", "edit", "--help"],
        vec!["court", "add", "--help"],
        vec!["court", "outcome", "--help"],
        vec!["site", "free", "--help"],
        vec!["placement", "add", "--help"],
        vec!["sanctuary", "guest", "add", "--help"],
        vec!["shift", "assign", "--help"],
        vec!["task", "--help"],
        vec!["note", "add", "--help"],
        vec!["agenda", "--help"],
        vec!["search", "--help"],
        vec!["history", "--help"],
    ] {
        let out = env.ok(&args);
        assert!(out.contains("Usage:"), "{args:?}: {out}");
    }
    assert!(!env.store.exists(), "asking for help must not create a store");
}

#[test]
fn court_times_follow_the_place_across_dst_and_edits_keep_the_zone() {
    let env = Env::new();
    let fam = added_id(&env.ok(&["family", "add", "--name", "Familia Ortiz"]));
    // The default zone from the environment applies when adding.
    let mut add = env.cmd();
    add.env("AMPARO_TZ", "America/New_York");
    let out = add
        .args(["court", "add", "--family", &fam, "--at", "2026-11-02 09:00", "--place", "Example USCIS Office"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.contains("2026-11-02 09:00 EST (America/New_York)") && !out.contains("UTC"),
        "the place's local time and zone: {out}"
    );
    let court = added_id(&out);
    // Editing with another default in the environment does not move the date.
    let mut edit = env.cmd();
    edit.env("AMPARO_TZ", "America/Chicago");
    assert!(edit.args(["court", "edit", &court, "--room", "3"]).output().unwrap().status.success());
    let show = env.json(&["court", "show", &court]);
    assert_eq!(show["court_date"]["time_zone"], "America/New_York");
    assert_eq!(show["court_date"]["starts_utc"], "2026-11-02T14:00:00Z");
    // Moving it to a summer date uses daylight time.
    env.ok(&["court", "edit", &court, "--at", "2026-10-30 09:00"]);
    assert_eq!(env.json(&["court", "show", &court])["court_date"]["starts_utc"], "2026-10-30T13:00:00Z");
    env.ok(&["court", "edit", &court, "--tz", "America/Chicago"]);
    assert_eq!(env.json(&["court", "show", &court])["court_date"]["starts_utc"], "2026-10-30T14:00:00Z");
}

#[test]
fn the_agenda_counts_days_where_the_user_is() {
    let env = Env::new();
    env.ok(&["task", "add", "--title", "Call the attorney", "--due", "2026-11-22"]);
    // 03:00 UTC on the 23rd is still the evening of the 22nd in Chicago.
    let run = |tz: &str| -> serde_json::Value {
        let mut c = env.cmd();
        c.env("TZ", tz).env("AMPARO_NOW", "2026-11-23T03:00:00Z");
        let out = c.args(["agenda", "--json"]).output().unwrap();
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // A POSIX rule rather than a zone name, so the test does not depend on tzdata.
    assert_eq!(run("CST6CDT,M3.2.0,M11.1.0")["tasks"][0]["overdue"], false);
    assert_eq!(run("UTC")["tasks"][0]["overdue"], true);

    // A hearing that began earlier today is still on today's agenda; yesterday's is not.
    let fam = added_id(&env.ok(&["family", "add", "--name", "Familia Ortiz"]));
    for at in ["2026-11-22 08:00", "2026-11-21 16:00"] {
        env.ok(&["court", "add", "--family", &fam, "--at", at, "--tz", "America/Chicago", "--place", "Example Court"]);
    }
    let courts: Vec<String> = run("CST6CDT,M3.2.0,M11.1.0")["court_dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["local_time"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(courts, ["2026-11-22 08:00"]);
}

/// The subcommands listed in a `--help` text's "Commands:" section (without `help`).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   ")) // a wrapped description
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .filter(|c| c != "help")
        .collect()
}

/// Every list and show command, found by walking `--help`, prints JSON with --json: a
/// script can read what a person reads. A new list or show command without --json fails.
#[test]
fn every_list_and_show_command_prints_json() {
    let env = Env::empty();
    env.ok(&["demo"]);
    let mut todo: Vec<Vec<String>> = vec![vec![]];
    let mut walked = Vec::new();
    while let Some(path) = todo.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = env.ok(&args);
        let subs = subcommands(&help);
        if !subs.is_empty() {
            todo.extend(subs.into_iter().map(|s| path.iter().cloned().chain([s]).collect()));
            continue;
        }
        let Some(leaf) = path.last() else { continue };
        if !["list", "show", "status"].contains(&leaf.as_str()) {
            continue;
        }
        let usage: Vec<&str> =
            help.lines().find(|l| l.starts_with("Usage:")).unwrap_or_default().split_whitespace().collect();
        let mut run: Vec<String> = path.clone();
        // A required `--on <ON>` (notes on a record): a family of the demo.
        if usage.contains(&"--on") {
            let families = env.json(&["family", "list"]);
            run.extend(["--on".to_string(), families[0]["id"].as_str().unwrap().to_string()]);
        }
        // A required argument (`<ID>`) is the first id its sibling `list` prints.
        let positional = usage.windows(2).any(|w| w[1].starts_with('<') && !w[0].starts_with("--"));
        if positional {
            let mut list: Vec<&str> = path[..path.len() - 1].iter().map(String::as_str).collect();
            list.push("list");
            let listed = env.json(&list);
            let first = listed
                .as_array()
                .and_then(|a| a.first())
                .unwrap_or_else(|| panic!("{list:?} --json lists nothing to show"));
            run.push(first["id"].as_str().unwrap_or_else(|| panic!("{list:?} --json has no ids: {first}")).to_string());
        }
        let run: Vec<&str> = run.iter().map(String::as_str).collect();
        env.json(&run);
        walked.push(path.join(" "));
    }
    walked.sort();
    for expected in [
        "member list",
        "conflicts list",
        "checklist show",
        "settings show",
        "sync status",
        "family list",
        "family show",
        "court show",
    ] {
        assert!(walked.iter().any(|w| w == expected), "{expected} was not walked: {walked:?}");
    }
}

#[test]
fn search_finds_a_person_by_a_number_in_any_written_form() {
    let env = Env::new();
    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Ramírez"]));
    let jose =
        added_id(&env.ok(&["person", "add", "--family", &family, "--name", "José Ramírez", "--a-number", "208123456"]));
    let luz =
        added_id(&env.ok(&["person", "add", "--family", &family, "--name", "Luz Ramírez", "--a-number", "99950060"]));
    for (query, who) in [
        ("208123456", &jose),
        ("A-208-123-456", &jose),
        ("A208123456", &jose),
        ("A# 208 123 456", &jose),
        ("99950060", &luz),
        ("A-099-950-060", &luz),
    ] {
        let hits = env.json(&["search", query]);
        let ids: Vec<&str> = hits.as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [who.as_str()], "search {query:?}: {hits:#}");
    }
    assert!(env.ok(&["search", "208123457"]).contains("nothing found"));
}

#[test]
fn volunteer_edit_adds_to_lists_and_removes_only_when_asked() {
    let env = Env::new();
    let v = added_id(&env.ok(&[
        "volunteer",
        "add",
        "--name",
        "Ruth Okafor",
        "--language",
        "English",
        "--training",
        "court_accompaniment:2025-03-01",
        "--role",
        "accompanier",
        "--available",
        "MO 18:00-23:00",
    ]));
    env.ok(&[
        "volunteer",
        "edit",
        &v,
        "--training",
        "rapid_response:2026-01-10",
        "--language",
        "español",
        "--role",
        "driver",
        "--available",
        "SA 08:00-14:00",
        "--blackout",
        "2026-12-24",
    ]);
    let j = env.json(&["volunteer", "show", &v]);
    let trainings: Vec<&str> =
        j["trainings"].as_array().unwrap().iter().map(|t| t["training"].as_str().unwrap()).collect();
    assert_eq!(trainings, ["court_accompaniment", "rapid_response"], "nothing dropped: {j:#}");
    assert_eq!(j["languages"], serde_json::json!(["en", "es"]));
    assert_eq!(j["roles"], serde_json::json!(["accompanier", "driver"]));
    assert_eq!(j["availability"]["weekly"], serde_json::json!(["MO 18:00-23:00", "SA 08:00-14:00"]));
    env.ok(&[
        "volunteer",
        "edit",
        &v,
        "--no-training",
        "court_accompaniment",
        "--no-language",
        "English",
        "--clear-available",
    ]);
    let j = env.json(&["volunteer", "show", &v]);
    assert_eq!(j["trainings"].as_array().unwrap().len(), 1);
    assert_eq!(j["languages"], serde_json::json!(["es"]));
    assert!(j["availability"]["weekly"].as_array().unwrap().is_empty());
    assert_eq!(j["roles"], serde_json::json!(["accompanier", "driver"]));
    let help = env.ok(&["volunteer", "edit", "--help"]);
    assert!(help.contains("--no-training") && help.contains("add to what is there"), "{help}");
}

#[test]
fn deleting_a_congregation_asks_first_and_families_stop_showing_it() {
    let env = Env::new();
    let g = added_id(&env.ok(&["congregation", "add", "--name", "St. Martin"]));
    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Ortiz", "--congregation", &g]));
    let err = env.fail(&["congregation", "delete", &g]);
    assert!(err.contains("1 family(ies)") && err.contains("--yes"), "{err}");
    assert!(env.ok(&["family", "show", &family]).contains("St. Martin"), "nothing deleted without --yes");
    env.ok(&["congregation", "delete", &g, "--yes"]);
    let shown = env.ok(&["family", "show", &family]);
    assert!(!shown.contains("St. Martin") && !shown.contains("congregation"), "{shown}");
    assert!(env.json(&["family", "show", &family])["household"]["lead_congregation_id"].is_null());
}

/// `amparo family list` and the app's Families screen read one list (`ops::family::families`):
/// by name whatever the letter case or accent, closed families only with --all.
#[test]
fn families_volunteers_and_tasks_list_by_name_or_due_date_and_closed_ones_only_with_all() {
    let env = Env::new();
    for name in ["Familia Zamora", "familia álvarez", "Familia Beltrán"] {
        env.ok(&["family", "add", "--name", name]);
    }
    let closed = added_id(&env.ok(&["family", "add", "--name", "Familia Castillo"]));
    env.ok(&["family", "edit", &closed, "--close"]);
    let names = |args: &[&str], key: &str| -> Vec<String> {
        env.json(args).as_array().unwrap().iter().map(|h| h[key].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names(&["family", "list"], "display_name"), ["familia álvarez", "Familia Beltrán", "Familia Zamora"]);
    assert_eq!(names(&["family", "list", "--all"], "display_name")[2], "Familia Castillo");

    env.ok(&["volunteer", "add", "--name", "Zoe"]);
    let beto = added_id(&env.ok(&["volunteer", "add", "--name", "Beto"]));
    env.ok(&["volunteer", "add", "--name", "Úrsula"]);
    env.ok(&["volunteer", "edit", &beto, "--active", "no"]);
    assert_eq!(names(&["volunteer", "list"], "name"), ["Úrsula", "Zoe"]);
    assert_eq!(names(&["volunteer", "list", "--all"], "name"), ["Beto", "Úrsula", "Zoe"]);

    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Ruiz"]));
    env.ok(&["task", "add", "--title", "undated", "--family", &family]);
    env.ok(&["task", "add", "--title", "later", "--family", &family, "--due", "2026-12-10"]);
    env.ok(&["task", "add", "--title", "sooner", "--family", &family, "--due", "2026-11-30"]);
    let done = added_id(&env.ok(&["task", "add", "--title", "done", "--due", "2026-11-01"]));
    env.ok(&["task", "done", &done]);
    assert_eq!(names(&["task", "list"], "title"), ["sooner", "later", "undated"]);
    assert_eq!(names(&["task", "list", "--all"], "title"), ["done", "sooner", "later", "undated"]);
    // The family page lists its tasks in the same order: an undated one last.
    let page = env.json(&["family", "show", &family]);
    let titles: Vec<&str> = page["tasks"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["sooner", "later", "undated"]);
}
