"""End to end, in the real window: one store's life, in the order a coordinator lives it.

The window opens on an empty store folder of this module's own (`prepare`): the first-run
screen creates the store, and the tests go on with it in file order. Every text typed in
carries a marker (MARKERS); test_zz_disk_scan.py, which runs after every other module,
scans every file the run wrote for the markers of every test module. Nothing here is left
for another module: those that need such a store make their own (common.py).
"""
import datetime as dt
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import common
from common import A_NUMBER, COURT_DAY, FAMILY, NOTE, PERSON, PLACE, VOL1, VOL2, XSS
from conftest import PASSPHRASE

SITE = "Iglesia San Lázaro"
MARKERS = common.MARKERS + ["San Lázaro", PASSPHRASE]


def prepare(stores):
    """An empty folder: the first-run screen creates the store in it, with PASSPHRASE."""
    return stores.empty("main", PASSPHRASE)


def test_first_run_refuses_weak_or_mismatched_passphrases(app):
    app.h1("Welcome to Amparo")
    app.see("cannot be recovered")
    app.type("#fr-name", "Coordinator")
    app.type("#fr-pass", "short")
    assert app.el("[data-testid=strength]").text == "Very weak"
    app.type("#fr-again", "short")
    app.click("#fr-submit")
    app.see("Choose a stronger passphrase")
    app.type("#fr-pass", PASSPHRASE)
    app.wait(lambda: app.el("[data-testid=strength]").text in ("Strong", "Very strong"), "strong rating")
    app.type("#fr-again", PASSPHRASE + "x")
    app.click("#fr-submit")
    app.see("The two passphrases are not the same")
    app.type("#fr-again", PASSPHRASE)
    app.click("#fr-submit")
    app.see("Confirm that you understand the warning")


def test_create_store_opens_the_home_screen(app):
    app.click("#fr-accept")
    app.click("#fr-submit")
    app.h1("Home", timeout=60)
    app.see("No court dates in the next 14 days")
    assert app.store.exists(), app.store.path


def test_a_name_with_markup_is_shown_as_text(app):
    app.nav("families")
    app.click("#family-add")
    app.type("#family-name", XSS)
    app.click("#family-create")
    app.wait(lambda: app.el("[data-testid=family-name]").text == XSS, "the literal name as heading")
    assert app.d.find_elements(By.TAG_NAME, "img") == []
    app.nav("families")
    app.wait(lambda: any(e.text == XSS for e in app.els("[data-testid=family-link]")), "literal name in list")
    assert app.d.find_elements(By.TAG_NAME, "img") == []


def test_add_a_family_with_a_person_and_a_note(app):
    app.nav("families")
    app.click("#family-add")
    app.type("#family-name", FAMILY)
    app.type("#family-languages", "Spanish, Mam")
    app.click("#family-create")
    app.wait(lambda: app.el("[data-testid=family-name]").text == FAMILY, "family detail")
    app.click("#person-add")
    app.type("#person-name", PERSON)
    app.type("#person-anumber", A_NUMBER)
    app.type("#person-attorney", "Lic. Herrera")
    app.click("#person-save")
    app.see(PERSON)
    app.see("A-208-765-431")  # as notices write it
    app.type("#note-body", NOTE)
    app.click("#note-add")
    app.see(NOTE)


def test_add_two_volunteers(app):
    for name in (VOL1, VOL2):
        app.nav("team")
        app.click("#volunteer-add")
        app.type("#volunteer-name", name)
        app.click("#volunteer-save")
        app.see(name)


def test_a_new_court_date_shows_under_staffed_on_home(app):
    app.nav("families")
    app.wait(lambda: [e for e in app.els("[data-testid=family-link]") if e.text == FAMILY], "family link")[0].click()
    app.click("#court-add")
    app.h1("New court date")
    app.select_by_text("#court-kind", "Master calendar hearing")
    app.set_value("#court-date", COURT_DAY)
    app.set_value("#court-time", "09:30")
    app.select("#court-zone", "America/Chicago")
    app.type("#court-place", PLACE)
    app.set_value("#court-min", "2")
    app.click("#court-save")
    app.h1("Court date")
    app.wait(lambda: "Needs people: 0 of 2" in app.el("[data-testid=staffing]").text, "under-staffed badge")
    app.nav("home")
    item = app.wait(lambda: [e for e in app.els("[data-testid=agenda-court-item]") if FAMILY in e.text], "agenda item")[0]
    assert "Needs people: 0 of 2" in item.text
    assert "understaffed" in item.get_attribute("class")
    assert "9:30" in item.text and "America/Chicago" in item.text


def test_assigning_two_accompaniers_covers_it(app):
    item = app.wait(lambda: [e for e in app.els("[data-testid=agenda-court-item]") if FAMILY in e.text], "agenda item")[0]
    [b for b in item.find_elements(By.TAG_NAME, "button") if b.text == "Open"][0].click()
    app.h1("Court date")
    boxes = app.wait(lambda: app.els("[data-testid=accompanier-option]") if len(app.els("[data-testid=accompanier-option]")) >= 2 else None, "two volunteers to choose")
    for b in boxes[:2]:
        b.click()
    app.click("#acc-save")
    # Neither has had court accompaniment training: the app says so before assigning.
    app.wait(lambda: app.els("#acc-anyway"), "the training warning")
    warning = app.body_text()
    assert f"{VOL1}: no court accompaniment training" in warning and f"{VOL2}: no court accompaniment training" in warning
    assert not app.els("[data-testid=accompanier-names]"), "nobody assigned before 'Assign anyway'"
    app.click("#acc-anyway")
    app.wait(lambda: "Covered: 2 of 2" in app.el("[data-testid=staffing]").text, "covered badge")
    names = app.el("[data-testid=accompanier-names]").text
    assert VOL1 in names and VOL2 in names
    app.nav("home")
    item = app.wait(lambda: [e for e in app.els("[data-testid=agenda-court-item]") if FAMILY in e.text], "agenda item")[0]
    assert "Covered: 2 of 2" in item.text
    assert "understaffed" not in item.get_attribute("class")


def test_sanctuary_rota_shows_gaps_and_coverage(app):
    app.nav("sanctuary")
    app.h1("Sanctuary rota")
    app.type("#ss-name", SITE)
    app.type("#ss-code", "SL-1")
    app.click("#ss-save")
    # A new site has no shifts and no template: the page says what to do first.
    app.wait(lambda: "Create a rotation template to generate shifts." in app.el("[data-testid=rota-next]").text, "the next step")
    app.click("#tpl-new")
    app.type("#tpl-name", "Standard week")
    app.click("#tpl-save")
    app.click("#gen-run")  # this week, by default
    app.wait(lambda: len(app.els(".shift.gap")) >= 21, "21 uncovered shifts")
    app.els(".shift.gap")[0].click()
    for b in app.els("#shift-edit ~ fieldset input, section[aria-labelledby=shift-edit] input[type=checkbox]")[:2]:
        b.click()
    [b for b in app.els("section[aria-labelledby=shift-edit] button") if b.text == "Save"][0].click()
    app.wait(lambda: len(app.els(".shift.full")) == 1, "one covered shift")


def test_housing_refuses_a_placement_over_capacity_then_takes_one_that_fits(app):
    app.nav("housing")
    app.h1("Housing")
    app.type("#site-name", "Casa Esperanza")
    app.set_value("#site-capacity", "2")
    app.click("#site-save")
    app.see("2 free")
    app.select_by_text("#pl-household", FAMILY)
    app.select_by_text("#pl-site", "Casa Esperanza")
    app.set_value("#pl-beds", "3")
    app.set_value("#pl-start", dt.date.today().isoformat())
    app.click("#placement-save")
    app.see("This change was refused:")
    app.see("do not fit")
    app.set_value("#pl-beds", "2")
    app.click("#placement-save")
    app.see("0 free")
    app.wait(lambda: [li for li in app.els(".agenda-list li") if FAMILY in li.text and "2 beds" in li.text], "the placement")


def _screens(app, lang):
    app.nav("home")
    app.wait(lambda: app.els("[data-testid=agenda-court-item]"), "agenda")
    app.screenshot(f"home-{lang}")
    app.nav("families")
    app.wait(lambda: [e for e in app.els("[data-testid=family-link]") if e.text == FAMILY], "family link")[0].click()
    app.wait(lambda: app.el("[data-testid=family-name]").text == FAMILY, "family detail")
    app.screenshot(f"family-{lang}")
    app.nav("sanctuary")
    app.wait(lambda: app.els(".shift"), "rota")
    app.screenshot(f"rota-{lang}")


def test_screenshots_in_english(app):
    _screens(app, "en")


def test_switch_to_spanish(app):
    app.nav("settings")
    app.select("#settings-language", "es")
    app.click("#settings-save")
    app.h1("Ajustes")
    assert app.el("#nav-home").text == "Inicio"
    app.nav("home")
    item = app.wait(lambda: [e for e in app.els("[data-testid=agenda-court-item]") if FAMILY in e.text], "agenda item")[0]
    assert "Cubierta: 2 de 2" in item.text
    _screens(app, "es")


def test_search_finds_the_family_with_ctrl_k(app):
    app.nav("home")
    app.el("body").send_keys(Keys.CONTROL, "k")
    app.type("#search-input", "Zorrilla")
    app.wait(lambda: [e for e in app.els("[data-testid=search-results] button") if FAMILY in e.text], "search hit")[0].click()
    app.wait(lambda: app.el("[data-testid=family-name]").text == FAMILY, "family opened from search")


def test_sync_screen_creates_a_team_and_shows_this_device_fingerprint(app):
    app.nav("sync")
    app.h1("Equipo y sincronización")
    app.type("#team-name", "Red Norte")
    app.click("form button[type=submit]")
    app.h1("Equipo y sincronización")
    app.wait(lambda: [h for h in app.els("h2") if h.text == "Red Norte"], "team heading")
    digits = "".join(c for c in app.el("[data-testid=own-fingerprint]").text if c.isdigit())
    assert len(digits) == 20


def test_lock_now_then_wrong_passphrase_then_unlock(app):
    app.click("#lock-now")
    app.h1("Desbloquear Amparo")
    assert FAMILY not in app.body_text()
    app.type("#unlock-passphrase", "not the passphrase")
    app.click("#unlock-submit")
    app.see("Esa frase de contraseña no es la de este almacén")
    app.click("#lang-en")
    app.h1("Unlock Amparo")
    app.type("#unlock-passphrase", "still wrong")
    app.click("#unlock-submit")
    app.see("That passphrase is not right for this store")
    app.type("#unlock-passphrase", PASSPHRASE)
    app.click("#unlock-submit")
    app.h1("Home", timeout=60)
    app.see(FAMILY)


def test_ctrl_l_locks(app):
    app.el("body").send_keys(Keys.CONTROL, "l")
    app.h1("Unlock Amparo")
    assert FAMILY not in app.body_text()


def test_auto_lock_after_the_idle_time(app):
    app.type("#unlock-passphrase", PASSPHRASE)
    app.click("#unlock-submit")
    app.h1("Home", timeout=60)
    app.nav("settings")
    app.set_value("#settings-autolock", "1")
    app.click("#settings-save")
    app.see("Settings saved.")
    app.nav("home")
    app.see(FAMILY)
    started = time.time()
    app.wait(lambda: app.els("[data-testid=idle-notice]"), "the idle lock", timeout=120)
    assert time.time() - started >= 40, "locked well before the idle time"
    app.h1("Unlock Amparo")
    assert FAMILY not in app.body_text()
