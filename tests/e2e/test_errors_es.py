"""End to end, in the real window: refusals reach a Spanish-speaking coordinator in Spanish.

With the app in Spanish, a family form refuses a malformed A-number, a housing site too
small for a placement refuses it naming the site, its beds and the night, and a
volunteer's availability with a repeat rule the core cannot read is refused naming the
entry, and a spreadsheet row with a bad cell is named in Spanish — each shown in Spanish,
none in the core's English. On a new store of this module's own (`prepare`): unlocks
first, switches to Spanish and back to English.
"""
import datetime as dt
import os

from selenium.webdriver.common.by import By

from conftest import SANDBOX

# Invented names, unusual enough to serve as markers for the disk scan.
FAMILY = "Familia Ybarrondo Quelital"
PERSON = "Zenaida Ybarrondo"
A_NUMBER = "317046592"
SITE = "Albergue Zafiroquenda"
VOLUNTEER = "Teodulfo Arquímedez Vuelta"
MARKERS = ["Ybarrondo", "Quelital", A_NUMBER, "Zafiroquenda", "Arquímedez"]

FAR = dt.date.today() + dt.timedelta(days=400)


def prepare(stores):
    return stores.new("main")


def test_unlock_and_switch_to_spanish(app):
    app.unlock()
    app.nav("settings")
    app.select("#settings-language", "es")
    app.click("#settings-save")
    app.h1("Ajustes")


def test_a_malformed_a_number_is_refused_in_spanish(app):
    app.nav("families")
    app.click("#family-add")
    app.type("#family-name", FAMILY)
    app.click("#family-create")
    app.wait(lambda: app.el("[data-testid=family-name]").text == FAMILY, "the new family")
    app.click("#person-add")
    app.type("#person-name", PERSON)
    app.type("#person-anumber", "31-70")
    app.click("#person-save")
    note = app.wait(lambda: app.el("#person-anumber-problem").text, "the A-number problem")
    assert note.startswith("Un número A tiene nueve dígitos"), note
    assert "nine digits" not in app.body_text()
    app.type("#person-anumber", A_NUMBER)
    app.click("#person-save")
    app.see(PERSON)


def test_a_placement_too_big_for_the_site_is_refused_in_spanish(app):
    app.nav("housing")
    app.h1("Vivienda")
    app.type("#site-name", SITE)
    app.set_value("#site-capacity", "2")
    app.click("#site-save")
    app.wait(lambda: [r for r in app.els("tr") if SITE in r.text], "the new site")
    app.select_by_text("#pl-household", FAMILY)
    app.select_by_text("#pl-site", SITE)
    app.set_value("#pl-beds", "3")
    app.set_value("#pl-start", FAR.isoformat())
    app.set_value("#pl-end", (FAR + dt.timedelta(days=2)).isoformat())
    app.click("#placement-save")
    error = app.wait(lambda: [e for e in app.els("[data-testid=error]") if SITE in e.text], "the refusal")[0].text
    assert error.startswith(f"Se rechazó este cambio: {SITE} tiene 2 camas y 0 están ocupadas la noche del "), error
    assert "no caben 3 más (libres: 2); elija otras fechas u otro lugar." in error, error
    assert "beds" not in error and "do not fit" not in error, error
    # The night is a date in Spanish, not the core's YYYY-MM-DD.
    assert FAR.isoformat() not in error, error


def _volunteer_row(app, name):
    return app.wait(lambda: [r for r in app.els("[data-testid=team-table] tbody tr") if name in r.text], f"row of {name}")[0]


def test_an_unreadable_repeat_rule_is_refused_in_spanish(app):
    app.nav("team")
    app.click("#volunteer-add")
    app.type("#volunteer-name", VOLUNTEER)
    app.click("#volunteer-save")
    app.see(VOLUNTEER)
    _volunteer_row(app, VOLUNTEER).find_element(By.CSS_SELECTOR, ".avail-edit").click()
    app.wait(lambda: VOLUNTEER in app.el("#avail-title").text, "the availability editor")
    # The screen's own check accepts it (it starts like a rule); the core cannot read it.
    rule = "RRULE:FREQ=QUINCENAL 09:00-17:00"
    app.type("#avail-weekly", rule)
    app.click("#avail-save")
    error = app.wait(lambda: [e for e in app.els("[data-testid=availability] [data-testid=error]") if e.text], "the refusal")[0].text
    assert error == f"«{rule}» no es una regla de repetición que Amparo pueda usar.", error
    # A readable window saves, with the volunteer marked inactive.
    app.type("#avail-weekly", "SA 20:00-08:00")
    if app.el("#avail-active").is_selected():
        app.click("#avail-active")
    app.click("#avail-save")
    app.see("Guardado.")


def test_a_bad_spreadsheet_row_is_named_in_spanish(app):
    folder = os.path.join(SANDBOX, "harness")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "voluntarios-es.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"nombre,turnos por semana,disponibilidad\n{VOLUNTEER} Dos,muchos,martes por la tarde\n")
    app.nav("settings")
    app.select("#sheets-kind", "volunteers")
    app.set_value("#sheets-path", path)
    app.click("#sheets-check")
    app.wait(lambda: len(app.els("[data-testid=import-error]")) == 1, "the row problem")
    texts = [e.text for e in app.els("[data-testid=import-error]")]
    assert "Fila 2, columna «turnos por semana»: el valor no es un número entero" in texts, texts
    # Availability as people write it ("martes por la tarde") is read, not refused.
    assert not any("disponibilidad" in t for t in texts), texts
    assert app.el("#sheets-import").get_attribute("disabled") is not None


def test_back_to_english(app):
    app.nav("settings")
    app.select("#settings-language", "en")
    app.click("#settings-save")
    app.h1("Settings")
