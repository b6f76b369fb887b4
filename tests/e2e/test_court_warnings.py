"""End to end, in the real window: what the app warns of when assigning an accompanier.

The module's own store is prepared with the real `amparo` command (AMPARO_E2E_CLI) before
the window opens on it (`prepare`): one family with two court dates at the same instant, a
master calendar hearing in Chicago at 09:00 and an ICE check-in in New York at 10:00. Ana
(trained, but blacked out on that day) and Beto (untrained) already accompany at New York.

1. Choosing Ana for Chicago warns, before anything is saved, that she is at the other
   court date at that time and blacked out that day; "Assign anyway" assigns her.
2. In Spanish, choosing Beto warns that he is at the other court date and has no
   training; "Elegir de nuevo" assigns nobody, "Asignar de todos modos" assigns him.
3. A second family: adding a person with the A-number already recorded in the first
   family is refused with the core's words and a "Save anyway" ("Guardar de todos
   modos" in Spanish), which saves the person.

4. A court date still to come offers no outcome report and says when it is (EN/ES); a
   past one whose outcome the CLI recorded shows it for correction, and "Undo this
   outcome" schedules it again.

The CLI only touches the store before the app opens it.
"""
import datetime as dt

from selenium.webdriver.common.by import By

PASSPHRASE = "amber harbor willow stone"
FAMILY = "Familia Ortega Luna"
CHICAGO = "Chicago Immigration Court"
NEW_YORK = "Varick Street ICE office"
ANA = "Ana Avisada"
BETO = "Beto Sinformación"
OTHER_FAMILY = "Familia Paredes Soto"
A_NUMBER = "987654321"
COURT_DAY = (dt.date.today() + dt.timedelta(days=5)).isoformat()
PAST_DAY = (dt.date.today() - dt.timedelta(days=2)).isoformat()
PAST_PLACE = "Broadview ICE office"
PAST_OUTCOME = "Continued to the spring"


def _court_id(store, place, *flags):
    [court] = [line.split()[0] for line in store("court", "list", *flags).splitlines() if place in line]
    return court


def prepare(stores):
    s = stores.new("main", PASSPHRASE, owner="Carla Coordinadora")
    s("team", "create", "Red Norte")
    family = s.added("family", "add", "--name", FAMILY, "--language", "es")
    s("court", "add", "--family", family, "--kind", "master_calendar", "--at", f"{COURT_DAY} 09:00",
      "--tz", "America/Chicago", "--place", CHICAGO)
    s("court", "add", "--family", family, "--kind", "ice_check_in", "--at", f"{COURT_DAY} 10:00",
      "--tz", "America/New_York", "--place", NEW_YORK)
    ana = s.added("volunteer", "add", "--name", ANA, "--role", "accompanier", "--training", "court_accompaniment",
                  "--blackout", COURT_DAY)
    s("person", "add", "--family", family, "--name", "Rosa Ortega Luna", "--a-number", A_NUMBER)
    s.added("family", "add", "--name", OTHER_FAMILY, "--language", "es")
    beto = s.added("volunteer", "add", "--name", BETO, "--role", "accompanier")
    s("court", "add", "--family", family, "--kind", "ice_check_in", "--at", f"{PAST_DAY} 08:00",
      "--tz", "America/Chicago", "--place", PAST_PLACE)
    s("court", "outcome", _court_id(s, PAST_PLACE, "--all"), "--text", PAST_OUTCOME)
    out = s("court", "assign", _court_id(s, NEW_YORK), ana, beto)
    assert "blacked out" in out and "no court accompaniment training" in out, out
    return s


def _language(app, lang):
    app.nav("settings")
    app.select("#settings-language", lang)
    app.click("#settings-save")
    app.h1({"en": "Settings", "es": "Ajustes"}[lang])


def _open_chicago(app):
    app.nav("home")
    item = app.wait(lambda: [e for e in app.els("[data-testid=agenda-court-item]") if CHICAGO in e.text], "the Chicago hearing on Home")[0]
    [b for b in item.find_elements(By.TAG_NAME, "button") if b.text in ("Open", "Abrir")][0].click()
    app.wait(lambda: app.els("[data-testid=court-summary]") and "(America/Chicago)" in app.el("[data-testid=court-summary]").text, "the Chicago court date")


def _choose(app, name):
    # The label goes on with languages, training and availability after " · ".
    box = app.wait(lambda: [lab for lab in app.els("label.check") if lab.text.strip().split(" · ")[0] == name], f"{name} to choose")[0]
    box.find_element(By.TAG_NAME, "input").click()


def _warnings(app):
    return app.wait(lambda: [e.text for e in app.els("[data-testid=acc-warning]")], "the assignment warnings")


def test_assigning_a_double_booked_blacked_out_accompanier_warns_and_assign_anyway_saves(app):
    app.unlock(PASSPHRASE)
    app.wait(lambda: app.els("#nav-home"), "the app unlocked")
    _language(app, "en")
    _open_chicago(app)
    _choose(app, ANA)
    app.click("#acc-save")
    warned = _warnings(app)
    assert any(w.startswith(f"{ANA}: also at another court date at") and "America/New_York" in w for w in warned), warned
    assert any(w.startswith(f"{ANA}: blacked out on") for w in warned), warned
    assert not app.els("[data-testid=accompanier-names]"), "nothing saved before 'Assign anyway'"
    app.click("#acc-anyway")
    app.wait(lambda: app.els("[data-testid=accompanier-names]") and ANA in app.el("[data-testid=accompanier-names]").text, "Ana going")
    assert not app.els("[data-testid=acc-warnings]")


def test_the_warning_is_in_spanish_and_choosing_again_assigns_nobody(app):
    app.unlock(PASSPHRASE)
    _language(app, "es")
    try:
        _open_chicago(app)
        _choose(app, BETO)
        app.click("#acc-save")
        warned = _warnings(app)
        assert any(w.startswith(f"{BETO}: también en otra cita en la corte") for w in warned), warned
        assert any(w == f"{BETO}: sin capacitación de acompañamiento en la corte" for w in warned), warned
        assert "Antes de asignar, revise:" in app.body_text()
        app.click("#acc-cancel")
        app.wait(lambda: not app.els("[data-testid=acc-warnings]"), "the warning gone")
        assert BETO not in app.el("[data-testid=accompanier-names]").text
        app.click("#acc-save")
        _warnings(app)
        app.click("#acc-anyway")
        app.wait(lambda: BETO in app.el("[data-testid=accompanier-names]").text, "Beto going")
    finally:
        _language(app, "en")


def _open_family(app, name):
    app.nav("families")
    app.wait(lambda: [e for e in app.els("[data-testid=family-link]") if e.text == name], name)[0].click()
    app.wait(lambda: app.els("[data-testid=family-name]") and app.el("[data-testid=family-name]").text == name, f"the page of {name}")


def _add_person_with_taken_a_number(app, name, anyway_label, says):
    _open_family(app, OTHER_FAMILY)
    app.click("#person-add")
    app.type("#person-name", name)
    app.type("#person-anumber", A_NUMBER)
    app.click("#person-save")
    button = app.el("#person-save-anyway")
    assert button.text == anyway_label, button.text
    assert says in app.body_text()
    button.click()
    app.wait(lambda: not app.els("#person-save-anyway"), "the person saved")
    app.see(name)


def test_an_a_number_of_another_family_is_refused_with_save_anyway_in_english_and_spanish(app):
    app.unlock(PASSPHRASE)
    _add_person_with_taken_a_number(app, "Lucía Paredes", "Save anyway", "save anyway if it is right")
    _language(app, "es")
    try:
        _add_person_with_taken_a_number(app, "Marta Paredes", "Guardar de todos modos", "guárdelo de todos modos")
    finally:
        _language(app, "en")


def _open_court_from_list(app, place):
    app.nav("court")
    row = app.wait(lambda: [r for r in app.els("tr") if place in r.text], f"the row of {place}")[0]
    row.find_elements(By.TAG_NAME, "button")[-1].click()
    app.wait(lambda: app.els("[data-testid=court-summary]"), "the court date")


def test_an_outcome_is_not_offered_before_the_date_and_a_recorded_one_can_be_undone(app):
    app.unlock(PASSPHRASE)
    _open_chicago(app)
    later = app.el("[data-testid=outcome-later]").text
    assert "has not happened yet" in later and "America/Chicago" in later, later
    assert not app.els("#outcome-save") and not app.els("#outcome-text")
    _language(app, "es")
    try:
        _open_chicago(app)
        assert "todavía no ha ocurrido" in app.el("[data-testid=outcome-later]").text
    finally:
        _language(app, "en")
    _open_court_from_list(app, PAST_PLACE)
    assert app.el("#outcome-text").get_attribute("value") == PAST_OUTCOME
    assert app.el("#outcome-save").text == "Save the corrected outcome"
    app.click("#outcome-undo")
    app.wait(lambda: app.els("[data-testid=outcome-undone]"), "the outcome undone")
    app.wait(lambda: not app.els("#outcome-undo") and app.el("#outcome-save").text == "Save outcome", "the date scheduled again")
