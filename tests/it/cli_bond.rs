//! `amparo bond` as a coordinator follows a detention to release: a person picked up at a
//! Chicago check-in, moved to Wisconsin, a bond half paid by the fund, money on the phone
//! account, release under ISAP with a check-in that lands on the family's agenda.

use crate::support::cli::{added_id, Env};

#[test]
fn a_detention_is_followed_through_bond_and_release_to_a_check_in_on_the_agenda() {
    let env = Env::new();
    let family = added_id(&env.ok(&["family", "add", "--name", "Familia Quispe Mamani"]));
    let rosa =
        added_id(&env.ok(&["person", "add", "--family", &family, "--name", "Rosa Quispe", "--a-number", "12345678"]));
    let helper = added_id(&env.ok(&["volunteer", "add", "--name", "Dolores Núñez"]));
    let d = added_id(&env.ok(&[
        "bond",
        "detained",
        "--person",
        &rosa,
        "--facility",
        "Broadview Processing Center",
        "--on",
        "2026-11-20",
        "--ero-office",
        "Chicago ERO",
        "--booking-number",
        "A-BK-55102",
    ]));
    assert!(env
        .ok(&["bond", "transfer", &d, "--facility", "Dodge County Jail, WI", "--on", "2026-11-21"])
        .contains("moved to Dodge County Jail, WI"));
    env.ok(&["bond", "locator-checked", &d]);
    let out = env.ok(&[
        "bond",
        "post",
        &d,
        "--amount",
        "$7,500",
        "--fund-share",
        "5000",
        "--obligor",
        "María Mamani",
        "--on",
        "2026-11-22",
    ]);
    assert!(out.contains("of $7,500.00 (the fund's share $5,000.00)"), "{out}");
    let bond = out.split_whitespace().nth(2).unwrap().to_string();
    let bad = env.fail(&["bond", "post", &d, "--amount", "siete mil"]);
    assert!(bad.contains("not an amount of dollars"), "{bad}");
    env.ok(&["bond", "deposit", &d, "--kind", "phone", "--amount", "25", "--vendor", "Securus", "--by", &helper]);
    let no_tz =
        env.fail(&["bond", "released", &d, "--condition", "isap", "--check-in", "2026-12-07 09:00|ISAP office"]);
    assert!(no_tz.contains("--tz"), "{no_tz}");
    let out = env.ok(&[
        "bond",
        "released",
        &d,
        "--on",
        "2026-11-23",
        "--condition",
        "isap",
        "--condition",
        "ankle_monitor",
        "--check-in",
        "2026-12-07 09:00|ISAP office, 101 W Ida B Wells Dr",
        "--tz",
        "America/Chicago",
    ]);
    assert!(out.contains("1 check-in(s) added"), "{out}");
    let agenda = env.json(&["agenda", "--days", "30"]);
    let courts = agenda["court_dates"].as_array().unwrap();
    assert!(
        courts.iter().any(|c| c["kind"] == "isap_check_in" && c["place"] == "ISAP office, 101 W Ida B Wells Dr"),
        "{agenda:#}"
    );
    env.ok(&["bond", "mark", &bond, "active"]);
    let ledger = env.ok(&["bond", "list"]);
    assert!(
        ledger.starts_with("fund: $5,000.00 out on bonds, $0.00 breached, $0.00 refunded; $25.00 in deposits"),
        "{ledger}"
    );
    assert!(
        ledger.contains("was held at Dodge County Jail, WI") && ledger.contains("2026-11-23 (isap, ankle monitor)"),
        "{ledger}"
    );
    env.ok(&["bond", "refund", &bond, "--amount", "7500", "--on", "2027-06-01"]);
    let json = env.json(&["bond", "list"]);
    assert_eq!((json["outstanding_cents"].as_i64(), json["refunded_cents"].as_i64()), (Some(0), Some(750_000)));
    // Forgetting the family takes its detention, bond and deposits with it.
    env.ok(&["purge", &family, "--yes"]);
    assert!(env
        .ok(&["bond", "list"])
        .starts_with("fund: $0.00 out on bonds, $0.00 breached, $0.00 refunded; $0.00 in deposits"));
}
