"""End to end, in the real window: a team of three roles, each seeing what their role may.

The team's stores, this module's own, are prepared with the real `amparo` command
(AMPARO_E2E_CLI) before the window opens on Bea's (`prepare`): Ada, the coordinator, holds
a family, a person with an eight-digit A-number and a bond hearing in Chicago; Bea joins
as an accompanier (not yet linked to her volunteer record) and Darío as a driver who gives
the ride. Bundles go through a shared folder (`amparo sync folder`). Then each store is
opened in the app:

1. Ada links Bea's member to Bea's volunteer record on the Sync screen; once the next
   bundle arrives, Bea finds herself among the accompaniers and signs herself up.
2. On Bea's store the A-number and the address are "not shared with your role" /
   "no compartido con su rol", and so are the court date's judge and internal notes.
3. Bea moves the hearing to 10:15; when her bundle reaches Ada, Ada's Home shows the move
   as a review item saying who changed it (and `amparo conflicts list` lists it).
4. On Darío's store the hearing's kind and the family's name are "not shared with your
   role" in the court dates list, on the court date, on the run sheet and on Home.

The CLI only touches a store the app does not have open (the app is pointed at another
store, or locked, first).
"""
import datetime as dt
import os

from selenium.webdriver.common.by import By

from conftest import SANDBOX

TEAM_PASSPHRASE = "copper meadow lantern tide"
FAMILY = "Familia Ríos Escalante"
PERSON = "Rosa Ríos Escalante"
A_NUMBER = "12345678"  # eight digits: stored as 012345678
ADDRESS = "4417 Calle Escondida, Cicero"
INTERNAL = "judge Okonkwo denied bond in March"
PLACE = "Chicago Immigration Court"
BEA = "Bea Acompañante"
DARIO = "Darío Conductor"
# Member names travel on cards, written in plain files by design: no markers.
MARKERS = [TEAM_PASSPHRASE, "Ríos Escalante", "012345678", "Calle Escondida", "Okonkwo denied"]

CARDS = os.path.join(SANDBOX, "team-roles-cards")
FOLDER = os.path.join(SANDBOX, "team-roles-folder")
COURT_DAY = (dt.date.today() + dt.timedelta(days=4)).isoformat()

NOT_SHARED = "not shared with your role"
NO_COMPARTIDO = "no compartido con su rol"


def _sync(*stores):
    """Each store in turn exchanges bundles through the shared folder."""
    for store in stores:
        store("sync", "folder", FOLDER)


def prepare(stores):
    """The three stores, with the first round of bundles exchanged; the ids of what Ada made
    in stores["ada"].ids. The window opens on Bea's."""
    for d in (CARDS, FOLDER):
        os.makedirs(d, exist_ok=True)
    card = lambda name: os.path.join(CARDS, f"{name}.card")  # noqa: E731
    ada = stores.new("ada", TEAM_PASSPHRASE, owner="Ada Coordinadora")
    ada("team", "create", "Red Sur")
    ada("member", "card", "--out", card("ada"))
    ada.added("volunteer", "add", "--name", BEA, "--role", "accompanier", "--training", "court_accompaniment")
    dario = ada.added("volunteer", "add", "--name", DARIO, "--role", "driver", "--training", "driver")
    family = ada.ids["family"] = ada.added("family", "add", "--name", FAMILY, "--address", ADDRESS, "--phone", "312-555-0147", "--language", "es")
    person = ada.added("person", "add", "--family", family, "--name", PERSON, "--a-number", A_NUMBER)
    assert "A-012-345-678" in ada("person", "show", person)
    ada("court", "add", "--family", family, "--person", person, "--kind", "bond_hearing",
        "--at", f"{COURT_DAY} 09:30", "--tz", "America/Chicago", "--place", PLACE, "--room", "Courtroom 4",
        "--judge", "Okonkwo", "--transport", "yes", "--internal-notes", INTERNAL)
    [court] = [line.split()[0] for line in ada("court", "list").splitlines() if PLACE in line]
    ada.ids["court"] = court
    ada("court", "assign", court, dario)
    bea, darios = stores.new("bea", TEAM_PASSPHRASE, owner=BEA), stores.new("dario", TEAM_PASSPHRASE, owner=DARIO)
    for store, name in ((bea, "bea"), (darios, "dario")):
        store("team", "join", card("ada"), "--yes")
        store("member", "card", "--out", card(name))
    # Bea is added without her volunteer record: the coordinator links her in the app.
    ada("member", "add", card("bea"), "--role", "accompanier")
    ada("member", "add", card("dario"), "--role", "driver", "--volunteer", dario)
    _sync(ada, bea, darios, ada)
    return bea


def _answer(app, *answers):
    app.d.execute_script("window.__amparoE2eDialogAnswers = arguments[0];", list(answers))


def _point_at(app, folder):
    """Point the app at a store folder from wherever it is (first run, unlock, or open)."""
    app.wait(lambda: app.els("#fr-open") or app.els("#unlock-open") or app.els("#nav-settings"), "a screen to switch stores from", timeout=60)
    if app.els("#nav-settings"):
        app.nav("settings")
        _answer(app, folder)
        app.click("#store-open")
    else:
        _answer(app, folder)
        app.click("#fr-open" if app.els("#fr-open") else "#unlock-open")
    app.wait(lambda: app.els("#unlock-passphrase") and folder in app.body_text(), f"the unlock screen of {folder}")


def _open(app, folder):
    _point_at(app, folder)
    app.unlock(TEAM_PASSPHRASE)
    app.wait(lambda: app.els("#nav-home"), "the app unlocked")


def _language(app, lang):
    app.nav("settings")
    app.select("#settings-language", lang)
    app.click("#settings-save")
    app.h1({"en": "Settings", "es": "Ajustes"}[lang])


def _court_item(app):
    return app.wait(lambda: [e for e in app.els("[data-testid=agenda-court-item]") if PLACE in e.text], "the hearing on Home")[0]


def _open_court(app):
    app.nav("home")
    item = _court_item(app)
    [b for b in item.find_elements(By.TAG_NAME, "button") if b.text in ("Open", "Abrir")][0].click()
    app.wait(lambda: app.els("[data-testid=court-summary]"), "the court date")


def _shown_as(app, label):
    """What the family page gives for a field, by its label."""
    return app.wait(lambda: app.d.find_element(By.XPATH, f"//dt[normalize-space()='{label}']/following-sibling::dd[1]").text.strip(), f"the {label} field")


def test_an_accompanier_not_yet_linked_cannot_find_herself_to_sign_up(app):
    # The window opened on Bea's store.
    app.unlock(TEAM_PASSPHRASE)
    app.wait(lambda: app.els("#nav-home"), "the app unlocked")
    app.nav("settings")
    app.set_value("#settings-autolock", "30")
    app.click("#settings-save")
    app.see("Settings saved.")
    app.nav("home")
    item = _court_item(app)
    assert FAMILY in item.text and "Bond hearing" in item.text, item.text
    _open_court(app)
    # Her store holds the volunteers going (Darío, the driver), not her own record.
    app.wait(lambda: [lab for lab in app.els("label.check") if lab.text.strip().startswith(DARIO)] or "No volunteers yet" in app.body_text(),
             "the accompaniers to choose from")
    labels = [lab.text.strip() for lab in app.els("label.check")]
    assert BEA not in labels, labels


def test_the_coordinator_links_the_member_to_her_volunteer_record(app, stores):
    _open(app, stores["ada"].path)
    app.nav("sync")
    member = app.wait(lambda: [m for m in app.els("[data-testid=member]") if BEA in m.text], "Bea on the roster")[0]
    assert "Accompanier" in member.text
    select = member.find_element(By.CSS_SELECTOR, "[data-testid=member-volunteer]")
    chosen = [o.text for o in select.find_elements(By.TAG_NAME, "option") if o.get_attribute("value") == select.get_attribute("value")]
    assert chosen == ["Not linked"], chosen
    app.select_by_text(f"#{select.get_attribute('id')}", BEA)
    app.see("Saved. Their next bundle carries what their role receives.")
    # The link is kept: leave the screen and come back.
    app.nav("home")
    app.nav("sync")
    member = app.wait(lambda: [m for m in app.els("[data-testid=member]") if BEA in m.text], "Bea on the roster")[0]
    linked = member.find_element(By.CSS_SELECTOR, "[data-testid=member-volunteer]")
    app.wait(lambda: [o.text for o in linked.find_elements(By.TAG_NAME, "option") if o.get_attribute("value") == linked.get_attribute("value")] == [BEA],
             "Bea linked to her volunteer record")
    # The next bundle carries what an accompanier signs up with: her own record.
    _point_at(app, stores["bea"].path)
    _sync(stores["ada"], stores["bea"])
    assert "Bea Acompañante" in stores["ada"]("member", "list")


def test_the_linked_accompanier_signs_herself_up_and_sees_what_is_not_shared_with_her(app, stores):
    app.unlock(TEAM_PASSPHRASE)
    _open_court(app)
    mine = app.wait(lambda: [lab for lab in app.els("label.check") if lab.text.strip().startswith(BEA)], "Bea among the accompaniers to choose")[0]
    mine.find_element(By.TAG_NAME, "input").click()
    app.click("#acc-save")
    app.wait(lambda: BEA in app.el("[data-testid=accompanier-names]").text, "Bea going")
    # What an accompanier is not sent is said so, in the field itself.
    for field in ("#court-judge", "#court-internal"):
        e = app.el(field)
        assert not e.is_enabled() and e.get_attribute("placeholder") == NOT_SHARED, field
    assert INTERNAL not in app.body_text() and "Okonkwo" not in app.body_text()
    # The family page: the person is there, her A-number and the family's address are not.
    app.nav("families")
    app.wait(lambda: [e for e in app.els("[data-testid=family-link]") if e.text == FAMILY], "the family")[0].click()
    app.wait(lambda: app.els("[data-testid=family-name]") and app.el("[data-testid=family-name]").text == FAMILY, "the family page")
    app.see(PERSON)
    text = app.body_text()
    assert "012-345-678" not in text and "012345678" not in text and A_NUMBER not in text and "Escondida" not in text, text
    marks = [e.text for e in app.els("[data-testid=not-shared]")]
    assert NOT_SHARED in marks, marks
    assert _shown_as(app, "Address") == NOT_SHARED
    _language(app, "es")
    app.nav("families")
    app.wait(lambda: [e for e in app.els("[data-testid=family-link]") if e.text == FAMILY], "la familia")[0].click()
    app.wait(lambda: app.els("[data-testid=family-name]") and app.el("[data-testid=family-name]").text == FAMILY, "la página de la familia")
    marks = [e.text for e in app.els("[data-testid=not-shared]")]
    assert marks and all(m == NO_COMPARTIDO for m in marks), marks
    assert _shown_as(app, "Dirección") == NO_COMPARTIDO
    assert NOT_SHARED not in app.body_text()
    _language(app, "en")


def test_a_court_time_moved_by_the_accompanier_is_a_review_item_on_the_coordinators_home(app, stores):
    _open_court(app)
    app.set_value("#court-time", "10:15")
    app.click("#court-save")
    app.see("Saved")
    # Her move is for a coordinator to review, not her: her own Home asks nothing of her.
    app.nav("home")
    assert "10:15" in _court_item(app).text
    assert not app.els("[data-testid=review-item]") and not app.els("[data-testid=reviews-waiting]")
    _point_at(app, stores["ada"].path)
    _sync(stores["bea"], stores["ada"])
    listed = stores["ada"]("conflicts", "list")
    assert BEA in listed and "10:15" in listed, listed
    app.unlock(TEAM_PASSPHRASE)
    app.nav("home")
    item = _court_item(app)
    assert "10:15" in item.text and BEA in item.text, item.text
    review = app.wait(lambda: app.els("[data-testid=review-item]"), "the review item on Home")[0]
    assert f"changed by {BEA}" in review.text and FAMILY in review.text, review.text
    app.screenshot("team-roles-review-on-home")
    _language(app, "es")
    app.nav("home")
    review = app.wait(lambda: app.els("[data-testid=review-item]"), "la revisión en Inicio")[0]
    assert f"cambiada por {BEA}" in review.text, review.text
    _language(app, "en")
    # What Bea's devices hold, as a coordinator asks after a laptop is lost.
    app.nav("sync")
    member = app.wait(lambda: [m for m in app.els("[data-testid=member]") if BEA in m.text], "Bea on the roster")[0]
    member.find_element(By.CSS_SELECTOR, "[data-testid=member-received-toggle]").click()
    held = app.wait(lambda: app.els("[data-testid=member-received]"), "what Bea holds")[0]
    assert "1 court date" in held.text and "1 family" in held.text, held.text
    assert "Last bundle from this computer" in held.text, held.text


def test_a_drivers_store_shows_the_hearings_kind_and_family_as_not_shared(app, stores):
    _point_at(app, stores["dario"].path)
    _sync(stores["ada"], stores["dario"])
    app.unlock(TEAM_PASSPHRASE)
    app.nav("home")
    item = _court_item(app)
    assert f"{NOT_SHARED} — {NOT_SHARED} · {PLACE}" in item.text, item.text
    assert "10:15" in item.text, item.text
    assert not app.els("[data-testid=review-item]"), "a driver is not asked to review a court time"
    # Who else goes is not sent to him: no count of accompaniers, no "needs people".
    assert "Accompaniers: not shared with your role" in item.text, item.text
    assert "Needs people" not in app.body_text() and "Needs accompaniers" not in app.body_text()
    app.screenshot("team-roles-driver-home")
    # Court dates list.
    app.nav("court")
    row = app.wait(lambda: [r for r in app.els("tr") if PLACE in r.text], "the ride in the court dates list")[0]
    cells = [td.text.strip() for td in row.find_elements(By.TAG_NAME, "td")]
    assert cells[1] == NOT_SHARED and cells[2] == NOT_SHARED, cells
    # Run sheet of the court day.
    app.click("#court-view-sheet")
    app.set_value("#sheet-day", COURT_DAY)
    entry = app.wait(lambda: [e for e in app.els("[data-testid=run-sheet-entry]") if PLACE in e.text], "the run sheet entry")[0]
    assert f"— {NOT_SHARED}" in entry.find_element(By.TAG_NAME, "h3").text, entry.text
    assert "Rosa" in entry.text and "312-555-0147" in entry.text, entry.text
    assert "more accompanier(s) needed" not in entry.text and "No one assigned yet" not in entry.text, entry.text
    # The court date itself: no kind to choose from, none made up.
    _open_court(app)
    assert app.el("[data-testid=court-summary]").text.startswith(f"{NOT_SHARED} · {NOT_SHARED} ·")
    assert not app.els("select#court-kind")
    assert not app.els("select#court-household") and app.el("#court-household").text == NOT_SHARED
    assert app.el("#court-kind").text == NOT_SHARED
    assert not app.els("#acc-save"), "no accompaniers to choose on a driver's store"
    assert not app.els("#outcome-text") and not app.els("#outcome-save"), "no outcome report on a driver's store"
    assert "Outcome report" not in app.body_text()
    app.screenshot("team-roles-driver-court-date")
    for shown in ("Bond hearing", "Master calendar", FAMILY, "Okonkwo"):
        assert shown not in app.body_text(), shown
    _language(app, "es")
    _open_court(app)
    assert app.el("#court-kind").text == NO_COMPARTIDO
    assert app.el("[data-testid=court-summary]").text.startswith(f"{NO_COMPARTIDO} · {NO_COMPARTIDO} ·")
    assert "Audiencia de fianza" not in app.body_text()
    _language(app, "en")


def test_a_move_dated_years_ahead_is_held_on_the_coordinators_sync_screen_and_set_aside(app, stores):
    # Bea's laptop clock says 2099: her move of the hearing would beat every later
    # correction, so Ada's store holds it instead of applying it.
    _point_at(app, stores["ada"].path)
    stores["bea"]("court", "edit", stores["ada"].ids["court"], "--at", f"{COURT_DAY} 11:45", now="2099-01-05T15:00:00Z")
    _sync(stores["bea"], stores["ada"])
    app.unlock(TEAM_PASSPHRASE)
    app.nav("home")
    item = _court_item(app)
    assert "11:45" not in item.text, item.text
    app.nav("sync")
    held = app.wait(lambda: app.els("[data-testid=held-change]"), "the held change on the Sync screen")
    assert len(held) == 1 and "1 court date" in held[0].text and "2099" in held[0].text, held[0].text
    app.screenshot("team-roles-held-change")
    [b for b in held[0].find_elements(By.TAG_NAME, "button") if b.text == "Set aside for good"][0].click()
    app.see("Set aside: it will not apply on this computer.")
    assert not app.els("[data-testid=held-change]")

