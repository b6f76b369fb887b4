"""End to end, in the real window: two stores on one computer exchange bundle files.

The window opens on a coordinator's store of this module's own, made by the CLI as
test_app.py makes one in the window (common.coordinators_store): the coordinator of "Red
Norte". A second store is started in another folder; the two hand their member cards over
as files; the coordinator adds the second device as an accompanier and exports a bundle;
the second store joins the team, refuses a tampered copy, imports the real bundle and sees
the family and the court date — but not what an accompanier may not see. Garbage files are
refused with a translated message and change nothing. Last, the promise that a court date
is never silently lost: the coordinator deletes the court date while the accompanier, not
having seen that, moves it; the coordinator's import keeps it deleted but puts it up for
review, and restoring it brings it back at the new time.

The desktop's native file dialogs cannot be driven through WebDriver: the test queues the
paths the dialogs would return (`window.__amparoE2eDialogAnswers`, read by ui/src/ipc).
"""
import glob
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from common import A_NUMBER, FAMILY, NOTE, PERSON, PLACE, VOL1, coordinators_store
from conftest import SANDBOX

SECOND_PASSPHRASE = "orchard kettle violet harbor"
# Cards are public by design (names and public keys) and are written as plain files, so
# the device owner's name is no marker; everything typed into the stores is.
NEW_A_NUMBER = "A-099-887-766"
MARKERS = [SECOND_PASSPHRASE, "099887766", "Hospitalidad Ecuménica"]
# Written by the test itself into a file, so not a marker.
GARBAGE_TEXT = "this is not an Amparo bundle at all"

FILES = os.path.join(SANDBOX, "exchange")
MAILBOX = os.path.join(FILES, "mailbox")
# Where the second device puts its bundle back to the coordinator.
RETURN_BOX = os.path.join(FILES, "return")
SECOND_CARD = os.path.join(FILES, "second-card.txt")
COORD_CARD = os.path.join(FILES, "coordinator-card.txt")


def prepare(stores):
    """The coordinator's store the window opens on, and an empty folder for the second
    device's, which the window's first-run screen creates."""
    stores.empty("second", SECOND_PASSPHRASE, owner="Berta Second Device")
    return coordinators_store(stores)


def _answer(app, *answers):
    """What the next file dialogs return, in order."""
    app.d.execute_script("window.__amparoE2eDialogAnswers = arguments[0];", list(answers))


def _card_fingerprint(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert text.startswith("AMPARO MEMBER CARD 2"), text[:40]
    return next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("fingerprint:"))


def _switch_store(app, folder, button="#store-open"):
    app.nav("settings")
    _answer(app, folder)
    app.click(button)


def _outcomes(app):
    return app.el("[data-testid=import-outcomes]").text


def _bundle():
    found = sorted(glob.glob(os.path.join(MAILBOX, "amparo-*.age")))
    assert len(found) == 1, found
    return found[0]


def test_a_second_store_is_started_in_another_folder(app, stores):
    app.unlock()
    # Give these longer steps room (auto-lock is saved from Settings).
    app.nav("settings")
    app.set_value("#settings-autolock", "30")
    app.click("#settings-save")
    app.see("Settings saved.")
    os.makedirs(stores["second"].path, exist_ok=True)
    os.makedirs(MAILBOX, exist_ok=True)
    _switch_store(app, stores["second"].path, "#store-new")
    app.h1("Welcome to Amparo")
    app.type("#fr-name", "Berta Second Device")
    app.type("#fr-pass", SECOND_PASSPHRASE)
    app.type("#fr-again", SECOND_PASSPHRASE)
    app.click("#fr-accept")
    app.click("#fr-submit")
    app.h1("Home", timeout=60)
    assert FAMILY not in app.body_text()
    assert os.path.exists(os.path.join(stores["second"].path, "key.json"))
    app.nav("sync")
    app.see("No team yet")
    _answer(app, SECOND_CARD)
    app.click("#save-card")
    app.see("Your card was saved.")
    shown = app.el("[data-testid=own-fingerprint]").text
    assert _card_fingerprint(SECOND_CARD) == shown


def test_the_coordinator_adds_the_second_device_from_its_card_and_exports(app, stores):
    _switch_store(app, stores["main"].path)
    app.h1("Unlock Amparo")
    app.unlock()
    app.nav("sync")
    app.wait(lambda: [h for h in app.els("h2") if h.text == "Red Norte"], "team heading")
    _answer(app, COORD_CARD)
    app.click("#save-card")
    app.see("Your card was saved.")
    # Load the other device's card from its file: the fingerprint to compare is shown,
    # and nothing is added before the person confirms it matches.
    _answer(app, SECOND_CARD)
    app.click("#member-card-load")
    assert app.el("[data-testid=member-card-fingerprint]").text == _card_fingerprint(SECOND_CARD)
    assert "Berta Second Device" in app.el("[data-testid=member-card-preview]").text
    assert not app.el("#member-submit").is_enabled()
    app.click("#member-card-confirm")
    app.select("#member-role", "accompanier")
    app.click("#member-submit")
    app.see("Member added to the roster.")
    member = app.wait(lambda: [m for m in app.els("[data-testid=member]") if "Berta Second Device" in m.text], "the new member")[0]
    assert "Accompanier" in member.text
    # The member is linked to their volunteer record: what is theirs (court dates they
    # sign up for, tasks assigned to them) is found through it.
    select = member.find_element(By.CSS_SELECTOR, "[data-testid=member-volunteer]")
    app.wait(lambda: [o for o in select.find_elements(By.TAG_NAME, "option") if o.text == VOL1], "the volunteer to link")
    app.select_by_text(f"#{select.get_attribute('id')}", VOL1)
    app.see("Saved. Their next bundle carries what their role receives.")
    member = [m for m in app.els("[data-testid=member]") if "Berta Second Device" in m.text][0]
    linked = member.find_element(By.CSS_SELECTOR, "[data-testid=member-volunteer]")
    chosen = [o.text for o in linked.find_elements(By.TAG_NAME, "option") if o.get_attribute("value") == linked.get_attribute("value")]
    assert chosen == [VOL1], chosen
    # The coordinator's search finds the internal note (the accompanier's will not).
    app.el("body").send_keys(Keys.CONTROL, "k")
    app.type("#search-input", "gate code")
    app.wait(lambda: app.els("[data-testid=search-results] button"), "the note found by search")
    app.el("#search-input").send_keys(Keys.ESCAPE)
    app.wait(lambda: [lab for lab in app.els("label.check") if "Berta Second Device" in lab.text], "export choice")[0].click()
    _answer(app, MAILBOX)
    app.click("#sync-export")
    app.see("Bundles written")
    name = os.path.basename(_bundle())
    assert "Berta" not in name and "Zorrilla" not in name
    assert name in app.el("[data-testid=written]").text
    # Home's "Last sync" says to whom the bundles went.
    app.nav("home")
    sent = app.wait(lambda: app.els("[data-testid=last-sent]"), "the last export on Home")[0]
    assert sent.text.startswith("Sent ") and sent.text.endswith(" to Berta Second Device."), sent.text
    app.nav("sync")


def test_garbage_files_are_refused_with_a_translated_message_and_nothing_changes(app):
    garbage = os.path.join(FILES, "garbage.age")
    empty = os.path.join(FILES, "empty.age")
    with open(garbage, "w", encoding="utf-8") as f:
        f.write(GARBAGE_TEXT + "\n")
    open(empty, "wb").close()
    _answer(app, [garbage, empty, _bundle()])
    app.click("#sync-import")
    app.see("What came in")
    text = _outcomes(app)
    assert "This file is not an Amparo bundle, or it is damaged. Nothing was changed." in text
    assert "The file is empty; it is not an Amparo bundle." in text
    # The bundle made for the other device is not readable here.
    assert "This bundle is for another member. Ask the sender to export one for you." in text
    assert "imported:" not in text
    assert len(app.els("[data-testid=refusal]")) == 3
    # The same refusal in Spanish.
    app.nav("settings")
    app.select("#settings-language", "es")
    app.click("#settings-save")
    app.h1("Ajustes")
    app.nav("sync")
    _answer(app, [garbage])
    app.click("#sync-import")
    app.see("Este archivo no es un paquete de Amparo, o está dañado. No cambió nada.")
    app.see("rechazado, no cambió nada")
    app.see("No hay conflictos por revisar.")
    app.nav("settings")
    app.select("#settings-language", "en")
    app.click("#settings-save")
    app.h1("Settings")


def test_the_second_store_joins_refuses_a_tampered_copy_and_imports_the_bundle(app, stores):
    _switch_store(app, stores["second"].path)
    app.h1("Unlock Amparo")
    app.unlock(SECOND_PASSPHRASE)
    app.nav("sync")
    app.see("No team yet")
    _answer(app, COORD_CARD)
    app.click("#join-card-load")
    assert app.el("[data-testid=join-card-fingerprint]").text == _card_fingerprint(COORD_CARD)
    assert "Team: Red Norte" in app.el("[data-testid=join-card-preview]").text
    app.click("#join-card-confirm")
    app.click("#join-submit")
    app.see("You joined the team.")
    app.wait(lambda: [h for h in app.els("h2") if h.text == "Red Norte"], "team heading")

    with open(_bundle(), "rb") as f:
        data = bytearray(f.read())
    data[len(data) * 2 // 3] ^= 0x55
    tampered = os.path.join(FILES, "tampered.age")
    with open(tampered, "wb") as f:
        f.write(bytes(data))
    _answer(app, [tampered])
    app.click("#sync-import")
    app.see("This bundle was altered, is damaged, or its signature is missing or wrong.")
    app.nav("home")
    app.h1("Home")
    assert FAMILY not in app.body_text()

    app.nav("sync")
    _answer(app, [_bundle()])
    app.click("#sync-import")
    app.wait(lambda: "imported:" in _outcomes(app), "the import summary")
    assert " new, " in _outcomes(app)
    app.nav("home")
    item = app.wait(lambda: [e for e in app.els("[data-testid=agenda-court-item]") if FAMILY in e.text], "the court date from the bundle")[0]
    assert PLACE.split(",")[0] in item.text
    # Home's "Last sync": who sent what came in, and which families it changed.
    got = app.el("[data-testid=last-received]").text
    assert got.startswith("Received ") and " from Coordinator: " in got, got
    families = app.el("[data-testid=last-sync-families]").text
    assert FAMILY in families and "court dates" in families, families
    assert "Nothing sent yet." in app.el("[data-testid=last-sync]").text
    app.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", app.el("[data-testid=last-sync]"))
    app.screenshot("home-last-sync")
    [link] = [b for b in app.els("[data-testid=last-sync-families] button") if b.text == FAMILY]
    link.click()
    app.wait(lambda: app.els("[data-testid=family-name]") and app.el("[data-testid=family-name]").text == FAMILY, "the family opened from Last sync")
    # Redacted per role: an accompanier receives the family and its people, not the
    # internal note (search looks through names, places and notes of the whole store).
    app.el("body").send_keys(Keys.CONTROL, "k")
    app.type("#search-input", "Familia")
    hits = app.wait(lambda: [e.text for e in app.els("[data-testid=search-results] button")], "search hits")
    assert any(FAMILY in h for h in hits), hits
    app.type("#search-input", "gate code")
    app.see("Nothing found.")
    assert NOTE not in app.body_text()
    # The family page opens on the accompanier's store: the person is there, the A-number
    # and the internal note are not.
    app.type("#search-input", "Familia")
    hit = app.wait(lambda: [e for e in app.els("[data-testid=search-results] button") if FAMILY in e.text], "the family hit")[0]
    hit.click()
    app.wait(lambda: app.els("[data-testid=family-name]") and app.el("[data-testid=family-name]").text == FAMILY, "the family page")
    app.see(PERSON)
    text = app.body_text()
    assert A_NUMBER not in text and "208-765-431" not in text, "an accompanier must not see the A-number"
    assert NOTE not in text
    # What the role is not sent is said so, never shown as a value ("none", "Active").
    marks = [e.text for e in app.els("[data-testid=not-shared]")]
    assert marks and all(m == "not shared with your role" for m in marks), marks
    assert not app.els("#family-detail-status option"), "no status to choose from on an accompanier's store"


def test_importing_the_same_bundle_again_changes_nothing_and_the_main_store_reopens(app, stores):
    app.nav("sync")
    _answer(app, [_bundle()])
    app.click("#sync-import")
    app.see("This bundle was imported before; nothing changed.")
    _switch_store(app, stores["main"].path)
    app.h1("Unlock Amparo")
    app.unlock()
    app.h1("Home")
    app.see(FAMILY)


def test_editing_a_person_shows_a_bad_a_number_by_its_field_then_saves(app):
    app.nav("families")
    app.wait(lambda: [e for e in app.els("[data-testid=family-link]") if e.text == FAMILY], "family link")[0].click()
    app.wait(lambda: app.el("[data-testid=family-name]").text == FAMILY, "family detail")
    app.click("[data-testid=person-edit]")
    app.type("#person-anumber", "12345")
    app.type("#person-preferred-name", "Rosi")
    app.click("#person-save")
    problem = app.el("#person-anumber-problem")
    assert "nine digits" in problem.text
    assert app.el("#person-anumber").get_attribute("aria-invalid") == "true"
    app.type("#person-anumber", NEW_A_NUMBER)
    app.click("#person-save")
    app.wait(lambda: not app.els("#person-save"), "the form to close")
    app.see("A-099-887-766")


def test_editing_the_family_refuses_a_closing_before_the_intake(app):
    app.click("#family-edit")
    app.set_value("#household-intake-date", "2026-03-01")
    app.set_value("#household-closed-at", "2026-02-01")
    app.click("#household-save")
    assert "before the intake date" in app.el("#household-closed-at-problem").text
    app.set_value("#household-closed-at", "")
    app.type("#household-needs", "Hospitalidad Ecuménica")
    app.click("#household-save")
    app.wait(lambda: not app.els("#household-save"), "the form to close")
    app.click("#family-edit")
    assert app.el("#household-needs").get_attribute("value") == "Hospitalidad Ecuménica"
    assert app.el("#household-intake-date").get_attribute("value") == "03/01/2026"  # in English, US style


def _court_on_home(app):
    return [e for e in app.els("[data-testid=agenda-court-item]") if FAMILY in e.text and PLACE.split(",")[0] in e.text]


def _open_court_from_home(app):
    app.nav("home")
    item = app.wait(lambda: _court_on_home(app), "the court date on Home")[0]
    [b for b in item.find_elements(By.TAG_NAME, "button") if b.text == "Open"][0].click()
    app.h1("Court date")


def test_a_court_date_deleted_here_while_moved_on_another_device_comes_back_for_review(app, stores):
    # The coordinator deletes the court date...
    _open_court_from_home(app)
    app.click("#court-delete")
    app.click("#court-delete-yes")
    app.wait(lambda: app.els("[data-testid=family-notice]"), "the deletion notice")
    app.nav("home")
    app.h1("Home")
    assert not _court_on_home(app)
    # ...while the accompanier, who has not seen that, moves it to 10:15 and sends it back.
    _switch_store(app, stores["second"].path)
    app.h1("Unlock Amparo")
    app.unlock(SECOND_PASSPHRASE)
    _open_court_from_home(app)
    app.set_value("#court-time", "10:15")
    app.click("#court-save")
    app.see("Saved")
    app.nav("sync")
    app.wait(lambda: [lab for lab in app.els("label.check") if "Coordinator" in lab.text], "the coordinator to export for")[0].click()
    os.makedirs(RETURN_BOX, exist_ok=True)
    _answer(app, RETURN_BOX)
    app.click("#sync-export")
    app.see("Bundles written")
    back = glob.glob(os.path.join(RETURN_BOX, "amparo-*.age"))
    assert len(back) == 1, back
    # The coordinator's import does not settle it silently: the date stays deleted and
    # the deletion is put up for review beside the move it did not see.
    _switch_store(app, stores["main"].path)
    app.h1("Unlock Amparo")
    app.unlock()
    app.nav("sync")
    _answer(app, back)
    app.click("#sync-import")
    app.wait(lambda: "imported:" in _outcomes(app), "the import summary")
    conflict = app.wait(
        lambda: [c for c in app.els("[data-testid=conflict]") if c.find_elements(By.CSS_SELECTOR, "[data-testid=deletion-conflict]")],
        "the deletion up for review")[0]
    assert "Deleted" in conflict.text and "Berta Second Device" in conflict.text, conflict.text
    [b for b in conflict.find_elements(By.TAG_NAME, "button") if b.text == "Restore the record"][0].click()
    app.see("Decision saved.")
    # The move is the accompanier's: in force, and up for a coordinator's review.
    review = app.wait(lambda: [c for c in app.els("[data-testid=conflict]") if c.find_elements(By.CSS_SELECTOR, "[data-testid=review]")], "the accompanier's move up for review")[0]
    assert "Berta Second Device" in review.text and FAMILY in review.text, review.text
    # Restored, at the time the accompanier gave it, and Home says who changed it.
    app.nav("home")
    item = app.wait(lambda: _court_on_home(app), "the restored court date on Home")[0]
    assert "10:15" in item.text, item.text
    reviewed = app.wait(lambda: app.els("[data-testid=review-item]"), "the review on Home")[0]
    assert "changed by Berta Second Device" in reviewed.text and FAMILY in reviewed.text, reviewed.text
    # Keeping the new time closes the review.
    app.nav("sync")
    review = app.wait(lambda: [c for c in app.els("[data-testid=conflict]") if c.find_elements(By.CSS_SELECTOR, "[data-testid=review]")], "the review")[0]
    [b for b in review.find_elements(By.TAG_NAME, "button") if b.text == "Keep this value"][0].click()
    app.see("No conflicts to review.")
    app.nav("home")
    app.h1("Home")
    assert not app.els("[data-testid=review-item]")
