//! The workflow commands as a coordinator would use them: a rotation for a sanctuary
//! site, auto-fill shown then applied, the door rota, a calendar file, a spreadsheet
//! import and an export.

use crate::support::cli::{added_id, Env};

#[test]
fn a_coordinator_sets_up_a_rotation_fills_it_prints_the_rota_and_shares_calendars() {
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
    let tpl = added_id(&env.ok(&[
        "rotation",
        "add",
        "--site",
        &site,
        "--name",
        "standard",
        "--shift",
        "day 08:00-14:00 skills=spanish",
        "--shift",
        "evening 14:00-20:00",
        "--shift",
        "overnight 20:00-08:00 min=2 max=3",
    ]));
    let out = env.ok(&["rotation", "generate", &tpl, "--from", "2026-11-30", "--to", "2026-12-06"]);
    assert!(out.contains("created 21 shifts"), "{out}");
    let mut people = Vec::new();
    for (name, lang) in [
        ("Ruth Okafor", "English"),
        ("Luis Herrera", "Spanish"),
        ("Margaret Chen", "English"),
        ("Sofía Ramos", "Spanish"),
        ("Tom Baker", "English"),
        ("Ana Díaz", "Spanish"),
    ] {
        people.push(added_id(&env.ok(&["volunteer", "add", "--name", name, "--language", lang])));
    }

    let issues = env.ok(&["rota", "issues", "--site", &site, "--from", "2026-11-30", "--days", "7"]);
    assert_eq!(issues.matches("GAP").count(), 21, "{issues}");
    // The agenda (14 days from NOW) says the same, loudly, with the site code and local time.
    let agenda = env.ok(&["agenda"]);
    assert!(agenda.contains("Rota problems"), "{agenda}");
    assert_eq!(agenda.matches("GAP [OAK]").count(), 21, "{agenda}");
    assert!(
        agenda.contains("GAP [OAK] day 2026-11-30 08:00 America/Chicago: 0 of 2 people, nobody with Spanish"),
        "{agenda}"
    );

    let plan = env.ok(&["autofill", "--site", &site, "--from", "2026-11-30", "--to", "2026-12-06"]);
    assert!(plan.contains("plan: 42 new assignments"), "{plan}");
    assert!(plan.contains("coverage after the plan: 42 of 42 positions"), "{plan}");
    assert!(plan.contains("nothing written"), "{plan}");
    assert_eq!(
        env.ok(&["rota", "issues", "--site", &site, "--from", "2026-11-30", "--days", "7"]).matches("GAP").count(),
        21,
        "the plan wrote nothing"
    );

    let applied = env.ok(&["autofill", "--site", &site, "--from", "2026-11-30", "--to", "2026-12-06", "--apply"]);
    assert!(applied.contains("applied: 42 assignments created"), "{applied}");
    let issues = env.ok(&["rota", "issues", "--site", &site, "--from", "2026-11-30", "--days", "7"]);
    assert!(issues.contains("no gaps or double bookings"), "{issues}");
    assert!(!env.ok(&["agenda"]).contains("GAP [OAK]"), "the agenda is clear once the rota is filled");
    let again = env.ok(&["autofill", "--site", &site, "--from", "2026-11-30", "--to", "2026-12-06"]);
    assert!(again.contains("plan: 0 new assignments"), "{again}");

    let rota = env.root.path().join("rota.html");
    env.ok(&[
        "rota",
        "print",
        "--site",
        &site,
        "--week",
        "2026-12-02",
        "--lang",
        "es",
        "--out",
        rota.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&rota).unwrap();
    assert!(html.contains("Turnos de puerta — OAK") && html.contains("Miércoles") && !html.contains("Oak Hill"));
    assert!(!html.contains("SIN CUBRIR"));

    let ics = env.root.path().join("luis.ics");
    let out = env.ok(&[
        "ics",
        "--volunteer",
        &people[1],
        "--from",
        "2026-11-30",
        "--days",
        "7",
        "--out",
        ics.to_str().unwrap(),
    ]);
    assert!(out.contains("wrote"), "{out}");
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("SUMMARY:Shift at OAK") && text.contains("BEGIN:VCALENDAR"));
    assert!(!text.contains("Oak Hill") && !text.contains("Luis"));
}

#[test]
fn a_spreadsheet_is_previewed_imported_on_apply_and_exports_need_a_yes() {
    let env = Env::new();
    let file = env.root.path().join("team.csv");
    std::fs::write(&file, "Nombre,Teléfono,Idiomas\nAna López,555-0101,Spanish\n=cmd|' /C calc'!A0,555-0102,English\n")
        .unwrap();
    let preview = env.ok(&["import", "volunteers", file.to_str().unwrap()]);
    assert!(preview.contains("Teléfono") && preview.contains("→ phone"), "{preview}");
    assert!(preview.contains("would create 2 volunteer(s)") && preview.contains("nothing imported yet"), "{preview}");
    assert!(!env.ok(&["volunteer", "list"]).contains("Ana López"));
    env.ok(&["import", "volunteers", file.to_str().unwrap(), "--apply"]);
    assert!(env.ok(&["volunteer", "list"]).contains("Ana López"));

    let bad = env.root.path().join("bad.csv");
    std::fs::write(&bad, b"name,phone\nJos\xe9,555\n").unwrap();
    let err = env.fail(&["import", "volunteers", bad.to_str().unwrap(), "--apply"]);
    assert!(err.contains("not UTF-8") && err.contains("CSV UTF-8"), "{err}");

    let out = env.root.path().join("export.csv");
    let err = env.fail(&["export", "volunteers", "--out", out.to_str().unwrap()]);
    assert!(err.contains("unencrypted") && err.contains("--yes"), "{err}");
    assert!(!out.exists());
    env.ok(&["export", "volunteers", "--out", out.to_str().unwrap(), "--yes"]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("'=cmd|"), "formula neutralised: {text}");
}

#[test]
fn court_day_commands_flag_short_staffing_print_the_run_sheet_and_open_the_checklist() {
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
    let person = added_id(&env.ok(&["person", "add", "--family", &family, "--name", "José García"]));
    // Wednesday 09:00 in Chicago; now is Monday 09:00 there: within two days.
    let court = added_id(&env.ok(&[
        "court",
        "add",
        "--family",
        &family,
        "--person",
        &person,
        "--kind",
        "master_calendar",
        "--at",
        "2026-11-25 09:00",
        "--tz",
        "America/Chicago",
        "--place",
        "Chicago Immigration Court",
        "--room",
        "5B",
        "--min",
        "2",
    ]));
    let luis = added_id(&env.ok(&[
        "volunteer",
        "add",
        "--name",
        "Luis Herrera",
        "--language",
        "Spanish",
        "--phone",
        "555-0199",
    ]));
    env.ok(&["court", "assign", &court, &luis]);

    let mut cmd = env.cmd();
    cmd.env("AMPARO_TZ", "America/New_York");
    let out = cmd.args(["reminders"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Amparo: 1 item needs attention"), "{text}");
    assert!(text.contains("UNDER-STAFFED (within 2 days): 1 of 2 accompaniers"), "{text}");
    assert!(text.contains("09:00 CST (10:00 EST your time)"), "{text}");

    let sheet = env.root.path().join("sheet.html");
    env.ok(&["runsheet", "--date", "2026-11-25", "--tz", "America/Chicago", "--out", sheet.to_str().unwrap()]);
    let html = std::fs::read_to_string(&sheet).unwrap();
    assert!(
        html.contains("Luis Herrera — 555-0199")
            && html.contains("5B")
            && html.contains("1 more accompanier(s) needed"),
        "{html}"
    );

    env.ok(&["checklist", "set", "detained", "--item", "Call the attorney", "--item", "Tell the family"]);
    assert!(env.ok(&["checklist", "show"]).contains("2. Tell the family"));
    let mut cmd = env.cmd();
    cmd.env("AMPARO_NOW", "2026-11-25T18:00:00Z");
    let out =
        cmd.args(["court", "outcome", &court, "--text", "detained at the hearing", "--detained"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("opened 2 rapid-response tasks"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tasks = env.ok(&["task", "list"]);
    assert!(tasks.contains("Call the attorney") && tasks.contains("Tell the family"), "{tasks}");
}

#[test]
fn housing_match_lists_sites_with_room_for_the_whole_stay() {
    let env = Env::new();
    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Morales", "--language", "Spanish"]));
    for name in ["Marta Morales", "Jorge Morales", "Luz Morales"] {
        env.ok(&["person", "add", "--family", &family, "--name", name]);
    }
    env.ok(&["site", "add", "--name", "Casa Esperanza", "--capacity", "6", "--kind", "congregation_property"]);
    env.ok(&["site", "add", "--name", "Reed host home", "--capacity", "2"]);
    let out = env.ok(&["housing", "match", "--family", &family, "--from", "2026-12-01", "--to", "2026-12-31"]);
    assert!(out.contains("needs 3 beds"), "{out}");
    assert!(out.contains("Casa Esperanza") && !out.contains("Reed host home"), "{out}");
}

#[test]
fn an_offer_is_withdrawn_and_a_retired_template_leaves_its_shifts() {
    let env = Env::new();
    let site = added_id(&env.ok(&[
        "sanctuary",
        "site",
        "add",
        "--name",
        "Elm Street church",
        "--code",
        "ELM",
        "--tz",
        "America/Chicago",
    ]));
    let tpl =
        added_id(&env.ok(&["rotation", "add", "--site", &site, "--name", "weekend", "--shift", "day 08:00-14:00"]));
    assert!(env
        .ok(&["rotation", "generate", &tpl, "--from", "2026-11-28", "--to", "2026-11-29"])
        .contains("created 2 shifts"));
    let shifts = env.json(&["shift", "list", "--site", &site]);
    let shift =
        shifts.as_array().unwrap()[0]["shift"]["id"].as_str().map(str::to_owned).unwrap_or_else(|| panic!("{shifts}"));
    let ruth = added_id(&env.ok(&["volunteer", "add", "--name", "Ruth Okafor"]));
    env.ok(&["shift", "assign", &shift, &ruth]);

    // Someone not on the shift cannot offer it: the core's coded refusal, said once.
    let sam = added_id(&env.ok(&["volunteer", "add", "--name", "Sam Nguyễn"]));
    let err = env.fail(&["swap", "offer", "--shift", &shift, "--volunteer", &sam]);
    assert_eq!(err.matches("that volunteer is not on this shift").count(), 1, "{err}");
    let swap = added_id(&env.ok(&["swap", "offer", "--shift", &shift, "--volunteer", &ruth]));
    assert!(env.ok(&["swap", "list"]).contains(&swap));
    let out = env.ok(&["swap", "withdraw", &swap]);
    assert!(out.contains("withdrawn") && out.contains("stays"), "{out}");
    assert!(!env.ok(&["swap", "list"]).contains(&swap), "a withdrawn offer is no longer open");
    let err = env.fail(&["swap", "withdraw", &swap]);
    assert!(err.contains("already withdrawn"), "{err}");
    let err = env.fail(&["swap", "take", &swap, "--volunteer", &ruth]);
    assert!(err.contains("withdrawn"), "{err}");
    // The shift stays Ruth's and she may offer it again.
    assert!(env.ok(&["shift", "list", "--site", &site]).contains("Ruth Okafor"));
    added_id(&env.ok(&["swap", "offer", "--shift", &shift, "--volunteer", &ruth]));

    let out = env.ok(&["rotation", "delete", &tpl]);
    assert!(out.contains("deleted rotation template"), "{out}");
    assert!(!env.ok(&["rotation", "list"]).contains("weekend"));
    assert_eq!(env.json(&["shift", "list", "--site", &site]).as_array().unwrap().len(), 2, "generated shifts stay");
    let err = env.fail(&["rotation", "generate", &tpl, "--from", "2026-12-05", "--to", "2026-12-06"]);
    assert!(err.contains("not found") || err.contains("no rotation template"), "{err}");
    let err = env.fail(&["rotation", "delete", &tpl]);
    assert!(!err.is_empty());
}
