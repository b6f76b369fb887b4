"""End to end, in the real window: a team of three roles, each seeing what their role may.

The team's stores are prepared with the real `amparo` command (AMPARO_E2E_CLI) in the
sandbox, independent of every other module: Ada, the coordinator, holds a family, a person
with an eight-digit A-number and a bond hearing in Chicago; Bea joins as an accompanier
(not yet linked to her volunteer record) and Darío as a driver who gives the ride. Bundles
go through a shared folder (`amparo sync folder`). Then each store is opened in the app:

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
import subprocess

from selenium.webdriver.common.by import By

import pytest

from conftest import PASSPHRASE, SANDBOX

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

ROOT = os.path.join(SANDBOX, "store", "team-roles")
ADA_STORE, BEA_STORE, DARIO_STORE = (os.path.join(ROOT, n) for n in ("ada", "bea", "dario"))
CARDS = os.path.join(SANDBOX, "team-roles-cards")
FOLDER = os.path.join(SANDBOX, "team-roles-folder")
MAIN = os.environ.get("AMPARO_STORE", "")
COURT_DAY = (dt.date.today() + dt.timedelta(days=4)).isoformat()

NOT_SHARED = "not shared with your role"
NO_COMPARTIDO = "no compartido con su rol"


class Cli:
    def __init__(self, path):
        self.path = path

    def __call__(self, store, *args, now=None):
        env = {k: v for k, v in os.environ.items() if k != "AMPARO_STORE"}
        env["AMPARO_PASSPHRASE"] = TEAM_PASSPHRASE
        if now:
            # A laptop whose clock is wrong (the debug CLI reads its time from here).
            env["AMPARO_NOW"] = now
        out = subprocess.run([self.path, "--store", store, *args], env=env, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, f"amparo {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}"
        return out.stdout

    def added(self, store, *args):
        """The id an `add` prints ("added family ID")."""
        out = self(store, *args)
        line = next(line for line in out.splitlines() if line.startswith("added "))
        return line.split()[-1]

    def sync(self, *stores):
        for store in stores:
            self(store, "sync", "folder", FOLDER)


@pytest.fixture(scope="module")
def team(cli):
    """The three stores, with the first round of bundles exchanged; the ids of what Ada made."""
    amparo = Cli(cli)
    for d in (ROOT, CARDS, FOLDER):
        os.makedirs(d, exist_ok=True)
    card = lambda name: os.path.join(CARDS, f"{name}.card")  # noqa: E731
    amparo(ADA_STORE, "init", "--name", "Ada Coordinadora")
    amparo(ADA_STORE, "team", "create", "Red Sur")
    amparo(ADA_STORE, "member", "card", "--out", card("ada"))
    amparo.added(ADA_STORE, "volunteer", "add", "--name", BEA, "--role", "accompanier", "--training", "court_accompaniment")
    dario = amparo.added(ADA_STORE, "volunteer", "add", "--name", DARIO, "--role", "driver", "--training", "driver")
    family = amparo.added(ADA_STORE, "family", "add", "--name", FAMILY, "--address", ADDRESS, "--phone", "312-555-0147", "--language", "es")
    person = amparo.added(ADA_STORE, "person", "add", "--family", family, "--name", PERSON, "--a-number", A_NUMBER)
    assert "A-012-345-678" in amparo(ADA_STORE, "person", "show", person)
    amparo(ADA_STORE, "court", "add", "--family", family, "--person", person, "--kind", "bond_hearing",
           "--at", f"{COURT_DAY} 09:30", "--tz", "America/Chicago", "--place", PLACE, "--room", "Courtroom 4",
           "--judge", "Okonkwo", "--transport", "yes", "--internal-notes", INTERNAL)
    [court] = [line.split()[0] for line in amparo(ADA_STORE, "court", "list").splitlines() if PLACE in line]
    amparo(ADA_STORE, "court", "assign", court, dario)
    for store, name in ((BEA_STORE, BEA), (DARIO_STORE, DARIO)):
        amparo(store, "init", "--name", name)
        amparo(store, "team", "join", card("ada"), "--yes")
        amparo(store, "member", "card", "--out", card(os.path.basename(store)))
    # Bea is added without her volunteer record: the coordinator links her in the app.
    amparo(ADA_STORE, "member", "add", card("bea"), "--role", "accompanier")
    amparo(ADA_STORE, "member", "add", card("dario"), "--role", "driver", "--volunteer", dario)
    amparo.sync(ADA_STORE, BEA_STORE, DARIO_STORE, ADA_STORE)
    yield {"cli": amparo, "family": family, "court": court}
    # Leave the app where later modules expect it: on the session's store, locked.
    if MAIN and os.path.exists(os.path.join(MAIN, "key.json")):
        _point_at(_state["app"], MAIN)


_state = {}


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


def test_an_accompanier_not_yet_linked_cannot_find_herself_to_sign_up(app, team):
    _state["app"] = app
    _open(app, BEA_STORE)
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


def test_the_coordinator_links_the_member_to_her_volunteer_record(app, team):
    _open(app, ADA_STORE)
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
    _point_at(app, BEA_STORE)
    team["cli"].sync(ADA_STORE, BEA_STORE)
    assert "Bea Acompañante" in team["cli"](ADA_STORE, "member", "list")


def test_the_linked_accompanier_signs_herself_up_and_sees_what_is_not_shared_with_her(app, team):
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


def test_a_court_time_moved_by_the_accompanier_is_a_review_item_on_the_coordinators_home(app, team):
    _open_court(app)
    app.set_value("#court-time", "10:15")
    app.click("#court-save")
    app.see("Saved")
    # Her move is for a coordinator to review, not her: her own Home asks nothing of her.
    app.nav("home")
    assert "10:15" in _court_item(app).text
    assert not app.els("[data-testid=review-item]") and not app.els("[data-testid=reviews-waiting]")
    _point_at(app, ADA_STORE)
    team["cli"].sync(BEA_STORE, ADA_STORE)
    listed = team["cli"](ADA_STORE, "conflicts", "list")
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


def test_a_drivers_store_shows_the_hearings_kind_and_family_as_not_shared(app, team):
    _point_at(app, DARIO_STORE)
    team["cli"].sync(ADA_STORE, DARIO_STORE)
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


def test_a_move_dated_years_ahead_is_held_on_the_coordinators_sync_screen_and_set_aside(app, team):
    # Bea's laptop clock says 2099: her move of the hearing would beat every later
    # correction, so Ada's store holds it instead of applying it.
    _point_at(app, ADA_STORE)
    team["cli"](BEA_STORE, "court", "edit", team["court"], "--at", f"{COURT_DAY} 11:45", now="2099-01-05T15:00:00Z")
    team["cli"].sync(BEA_STORE, ADA_STORE)
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

