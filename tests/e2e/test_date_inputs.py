"""End to end, in the real window: date fields follow the app's language, not the computer's
locale (the web view's own date inputs follow the locale). In Spanish the run sheet's day
reads and takes dd/mm/aaaa, and a text that is no date is explained in Spanish; back in
English it reads mm/dd/yyyy. On a new store of this module's own (`prepare`): unlocks
first, switches to Spanish and back to English. Types no names, so it has no MARKERS.
"""
import datetime as dt

from selenium.webdriver.common.keys import Keys

TODAY = dt.date.today()


def prepare(stores):
    return stores.new("main")


def test_a_date_field_reads_and_takes_the_spanish_form_in_spanish(app):
    app.unlock()
    app.nav("settings")
    app.select("#settings-language", "es")
    app.click("#settings-save")
    app.h1("Ajustes")

    app.nav("court")
    app.click("#court-view-sheet")
    day = app.el("#sheet-day")
    app.wait(lambda: day.get_property("value") == TODAY.strftime("%d/%m/%Y"), "today written dd/mm/aaaa")
    assert day.get_attribute("placeholder") == "dd/mm/aaaa"
    # Typed as a Spanish speaker writes it: 5 January 2027, not 1 May.
    app.type("#sheet-day", "5/1/2027")
    app.wait(lambda: any("Hoja del día en la corte" in h.text and "ene" in h.text and "2027" in h.text for h in app.els("h2")),
             "the run sheet of 5 January 2027")
    day.send_keys(Keys.TAB)
    app.wait(lambda: day.get_property("value") == "05/01/2027", "the day rewritten dd/mm/aaaa")
    assert day.get_attribute("aria-invalid") is None
    app.type("#sheet-day", "31/02/2027")
    day.send_keys(Keys.TAB)
    app.wait(lambda: day.get_attribute("aria-invalid") == "true", "the field marked")
    assert app.el("[data-testid=datefield-problem]").text.startswith("Escriba la fecha como día/mes/año")
    app.screenshot("date-field-es")

    app.nav("settings")
    app.select("#settings-language", "en")
    app.click("#settings-save")
    app.h1("Settings")
    app.nav("court")
    app.click("#court-view-sheet")
    day = app.el("#sheet-day")
    app.wait(lambda: day.get_property("value") == TODAY.strftime("%m/%d/%Y"), "today written mm/dd/yyyy")
    assert day.get_attribute("placeholder") == "mm/dd/yyyy"
