//! `amparo incident` and `amparo zone` as a dispatcher uses them: a call taken during a
//! Chicago afternoon, a second caller about the same corner merged into it, a check on
//! scene, two responders sent, the Signal text in Spanish, callers forgotten later.

use crate::support::cli::{added_id, Env};

const CALLER: &str = "+1 773 555 0142";

fn zone(env: &Env) -> String {
    added_id(&env.ok(&[
        "zone",
        "add",
        "--name",
        "La Villita",
        "--tz",
        "America/Chicago",
        "--signal-group",
        "LV respuesta",
    ]))
}

#[test]
fn a_call_is_taken_verified_dispatched_in_a_pair_and_pasted_to_signal_without_the_caller() {
    let env = Env::new();
    let z = zone(&env);
    let ana = added_id(&env.ok(&["volunteer", "add", "--name", "Ana Solís"]));
    let beto = added_id(&env.ok(&["volunteer", "add", "--name", "Beto Ramírez"]));
    let first = added_id(&env.ok(&[
        "incident",
        "add",
        "--location",
        "W 26th St & S Pulaski Rd",
        "--kind",
        "home",
        "--zone",
        &z,
        "--caller-phone",
        CALLER,
        "--caller-language",
        "Español",
        "--agents",
        "4",
        "--vehicles",
        "2",
        "--more-unseen",
        "--activity",
        "detaining",
        "--uniform",
        "ice",
        "--uniform",
        "Police",
        "--seen",
        "2026-11-23 08:55",
        "--warrant",
        "administrative",
    ]));
    // A second caller, half an hour later, about the same corner.
    let out = env.ok(&["incident", "add", "--location", "Pulaski Rd and 26th St", "--zone", &z, "--kind", "home"]);
    let second = added_id(&out);
    assert!(out.contains(&format!("maybe the same event as incident {first}")), "{out}");
    assert!(out.contains(&format!("amparo incident merge {first} {second}")), "{out}");
    assert!(out.contains("2026-11-23 09:00 CST"), "the zone's time: {out}");
    env.ok(&["incident", "observe", &second, "--text", "Agentes tocando la puerta", "--witness", "la vecina"]);
    let merged = env.ok(&["incident", "merge", &first, &second]);
    assert!(merged.contains("1 record(s) moved"), "{merged}");
    assert!(env.fail(&["incident", "show", &second]).contains("no incident"));

    let out = env.ok(&["incident", "verify", &first, "--how", "on_scene", "--by", &ana]);
    assert!(out.contains("is verifying / confirmed"), "{out}");
    let out = env.ok(&["incident", "dispatch", &first, &ana, "--role", "verifier"]);
    assert!(out.contains("responders go in pairs: send a second one"), "{out}");
    let out = env.ok(&["incident", "dispatch", &first, &beto, "--role", "legal_observer"]);
    assert!(!out.contains("in pairs"), "{out}");
    let again = env.fail(&["incident", "dispatch", &first, &beto, "--role", "zone_lead"]);
    assert!(again.contains("already dispatched"), "{again}");

    let page = env.json(&["incident", "show", &first]);
    assert_eq!(page["row"]["incident"]["status"], "dispatched");
    assert_eq!(page["row"]["incident"]["caller_language"], "es");
    assert_eq!(page["row"]["incident"]["uniforms"], serde_json::json!(["ICE", "POLICE"]));
    assert_eq!(page["row"]["incident"]["observed_at"], "2026-11-23T14:55:00Z", "08:55 in Chicago");
    assert_eq!(page["unpaired"], false);
    assert_eq!(page["timeline"][0]["text"], "Agentes tocando la puerta", "the second call's line moved");
    let dispatch = page["responders"][0]["dispatch"]["id"].as_str().unwrap().to_string();
    let out = env.ok(&["incident", "step", &dispatch, "on-scene", "--at", "2026-11-23 09:20"]);
    assert!(out.contains("on scene 2026-11-23 09:20 CST"), "{out}");
    let late = env.fail(&["incident", "step", &dispatch, "acknowledged", "--at", "2026-11-23 10:00"]);
    assert!(late.contains("in order"), "{late}");

    let out = env.cmd().args(["incident", "signal-text", &first, "--lang", "es"]).output().unwrap();
    let (text, note) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert!(text.starts_with("RESPUESTA RÁPIDA: operativo en una casa, deteniendo a personas"), "{text}");
    assert!(text.contains("Visto: 08:55, 23/11 (America/Chicago)") && text.contains("Zona: La Villita"), "{text}");
    assert!(!text.contains("555") && !text.contains("vecina"), "{text}");
    assert!(note.contains("ni quien llamó"), "{note}");

    let listed = env.ok(&["incident", "list"]);
    assert!(listed.contains("2 sent") && listed.contains("[dispatched / confirmed]"), "{listed}");
    env.ok(&["incident", "close", &first, "--disposition", "confirmed"]);
    assert!(env.ok(&["incident", "list"]).contains("no open incidents"));
    assert!(env.ok(&["incident", "list", "--all"]).contains("[closed / confirmed]"));
    let closed = env.fail(&["incident", "dispatch", &first, &ana, "--role", "verifier"]);
    assert!(closed.contains("closed; reopen it"), "{closed}");
}

#[test]
fn bad_input_is_refused_with_what_to_write() {
    let env = Env::new();
    assert!(env.fail(&["incident", "add", "--kind", "home"]).contains("say where with --location"));
    let kind = env.fail(&["incident", "add", "--location", "Cicero Ave", "--kind", "raid"]);
    assert!(kind.contains("home") && kind.contains("check_in_arrest"), "{kind}");
    let seen = env.fail(&["incident", "add", "--location", "Cicero Ave", "--seen", "yesterday 3pm"]);
    assert!(seen.contains("YYYY-MM-DD HH:MM"), "{seen}");
    let count = env.fail(&["incident", "add", "--location", "Cicero Ave", "--agents=20000"]);
    assert!(count.contains("0 to 10000"), "{count}");
    assert!(env.fail(&["zone", "add", "--name", "Norte", "--tz", "Chicago"]).contains("IANA"));
}

#[test]
fn callers_are_forgotten_after_the_retention_period() {
    let env = Env::new();
    let old = added_id(&env.ok(&["incident", "add", "--location", "Cicero Ave car wash", "--caller-phone", CALLER]));
    let later = env
        .cmd()
        .env("AMPARO_NOW", "2027-01-05T15:00:00Z")
        .args(["incident", "forget-callers", "--older-than-days", "30"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&later.stdout).contains("forgot the callers of 1 incident(s)"));
    let page = env.json(&["incident", "show", &old]);
    assert_eq!(page["row"]["incident"]["caller_phone"], serde_json::Value::Null);
    assert_eq!(page["row"]["incident"]["location"], "Cicero Ave car wash");
    assert!(env.ok(&["incident", "show", &old]).contains("caller forgotten"));
}
