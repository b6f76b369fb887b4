"""End to end, in the real window: the sanctuary rota's finishing touches.

A coordinator adds a site and is told the first step (a rotation template), writes a
template and edits it, generates this week's shifts from it, withdraws a swap offer (once
offered, once taken and waiting for approval) and sees the shift stay with its volunteer,
then deletes the template after confirming, while the shifts it made stay on the rota.
A volunteer blacked out on Sunday is named before being put on Sunday's shift, and put on
it only on "Assign anyway", and the rota goes on flagging it, and flags her once she is marked
inactive while still on it. A volunteer entered by mistake, put on a shift and on the family's court date,
is deleted after a question that counts both; both keep their other people.
Last, a template shift at 02:30 generated on the day the clocks skip that hour is said to be moved.
On a coordinator's store of this module's own, made by the CLI as test_app.py makes one in
the window (common.coordinators_store): the family's court date is covered by VOL1 and VOL2.
"""
import datetime

from selenium.webdriver.common.by import By

from common import FAMILY, PLACE, VOL1, VOL2, coordinators_store

# Invented names, unusual enough to serve as markers for the disk scan.
VOL_W = "Wendeline Retiradora"
VOL_Y = "Yolotzin Cambiaplaza"
SITE = "Ermita Plantillosa"
CODE = "EP-9"
TEMPLATE = "Guardia Borrable"
RENAMED = "Guardia Editada Borrable"
VOL_GONE = "Zacarías Borradizo"
DST_SITE = "Vigilia Saltahoras"
DST_CODE = "VS-2"
DST_TEMPLATE = "Guardia Saltahoras"
MARKERS = ["Saltahoras", "Wendeline", "Retiradora", "Yolotzin", "Cambiaplaza", "Ermita Plantillosa", "Guardia Borrable", "Guardia Editada",
           "Borradizo"]

SECTION = "section[aria-labelledby=shift-edit]"


def prepare(stores):
    return coordinators_store(stores)


def _shift_with(app, text):
    return app.wait(lambda: [s for s in app.els(".shift") if text in s.text], f"a shift showing {text!r}")


def _template_item(app, name):
    return app.wait(lambda: [li for li in app.els("[data-testid=templates] li") if name in li.text], f"the template {name!r}")[0]


def test_unlock_and_add_two_shift_volunteers(app):
    app.unlock()
    for name in (VOL_W, VOL_Y):
        app.nav("team")
        app.click("#volunteer-add")
        app.type("#volunteer-name", name)
        role = [lb for lb in app.els("form[aria-labelledby=volunteer-new] label.check") if lb.text.strip() == "Shift volunteer"][0]
        box = role.find_element(By.TAG_NAME, "input")
        if not box.is_selected():
            box.click()
        app.click("#volunteer-save")
        app.see(name)


def test_a_new_site_says_to_create_a_rotation_template_first(app):
    app.nav("sanctuary")
    app.h1("Sanctuary rota")
    app.type("#ss-name", SITE)
    app.type("#ss-code", CODE)
    app.click("#ss-save")
    app.wait(lambda: [h for h in app.els("h2") if h.text.startswith(CODE)], "the new site selected")
    step = "Create a rotation template to generate shifts."
    app.wait(lambda: app.el("[data-testid=rota-next]").text == step, "the next step under the empty rota")
    assert app.el("[data-testid=tpl-next]").text == step
    assert not app.els("#rota-generate"), "the old fixed week of shifts is gone"


def test_a_template_is_written_then_edited(app):
    app.click("#tpl-new")
    app.wait(lambda: len(app.els("[data-testid=tpl-row]")) == 3, "three shift rows")
    app.type("#tpl-name", TEMPLATE)
    app.click("#tpl-save")
    item = _template_item(app, TEMPLATE)
    assert "Day 8:00 AM–2:00 PM ×2" in item.text, item.text
    assert not app.els("[data-testid=tpl-next]")
    app.wait(lambda: app.el("[data-testid=rota-next]").text.startswith("No shifts this week. Generate them"), "the next step: generate")

    item.find_element(By.CSS_SELECTOR, ".tpl-edit").click()
    app.wait(lambda: app.el("#tpl-name").get_attribute("value") == TEMPLATE, "the editor holding the template")
    assert app.el("form[aria-label='Edit template']")
    app.type("#tpl-name", RENAMED)
    rows = app.els("[data-testid=tpl-row]")
    assert len(rows) == 3
    minimum = rows[0].find_element(By.CSS_SELECTOR, ".tpl-min")
    minimum.clear()
    minimum.send_keys("1")
    app.click("#tpl-save")
    app.see(f"Template “{RENAMED}” saved.")
    item = _template_item(app, RENAMED)
    assert "Day 8:00 AM–2:00 PM ×1" in item.text and "Evening 2:00 PM–8:00 PM ×2" in item.text, item.text
    assert len(app.els("[data-testid=templates] li")) == 1, "edited in place, not added"


def test_generate_this_week_from_the_edited_template(app):
    app.select_by_text("#gen-template", RENAMED)
    app.click("#gen-run")  # this week, by default
    app.see("Created 21 shifts (0 already existed).")
    app.wait(lambda: len(app.els(".shift")) == 21, "21 shifts on the rota")
    assert not app.els("[data-testid=rota-next]")


def test_a_withdrawn_offer_leaves_the_shift_with_its_volunteer(app):
    # The week's last shift (Sunday overnight, ending Monday morning): still ahead
    # whatever the day and hour this runs (a shift that has ended leaves the swap list).
    app.els(".shift")[-1].click()
    label = app.wait(lambda: [lb for lb in app.els(f"{SECTION} label.check") if lb.text.split(" · ")[0].strip() == VOL_W], "the volunteer box")[0]
    label.find_element(By.TAG_NAME, "input").click()
    [b for b in app.els(f"{SECTION} button") if b.text == "Save"][0].click()
    _shift_with(app, VOL_W)

    # Offered, nobody took it yet: withdrawn.
    app.wait(lambda: [b for b in app.els(".swap-offer") if VOL_W in b.text], "offer button")[0].click()
    swap = app.wait(lambda: [li for li in app.els("[data-testid=swap]") if f"offered by {VOL_W}" in li.text], "the offer")[0]
    swap.find_element(By.CSS_SELECTOR, ".swap-withdraw").click()
    app.see(f"Offer withdrawn; the shift stays with {VOL_W}.")
    app.wait(lambda: not [li for li in app.els("[data-testid=swap]") if VOL_W in li.text], "the offer gone from the swap list")
    assert VOL_W in _shift_with(app, VOL_W)[0].text

    # Offered again and taken, waiting for a coordinator: withdrawn too, and nothing moves.
    app.wait(lambda: [b for b in app.els(".swap-offer") if VOL_W in b.text], "offer button")[0].click()
    swap = app.wait(lambda: [li for li in app.els("[data-testid=swap]") if f"offered by {VOL_W}" in li.text], "the second offer")[0]
    sel = swap.find_element(By.CSS_SELECTOR, ".swap-taker")
    app.select_by_text(f"#{sel.get_attribute('id')}", VOL_Y)
    take = swap.find_element(By.CSS_SELECTOR, ".swap-take")
    app.wait(lambda: take.is_enabled(), "take enabled")
    take.click()
    app.see("Waiting for a coordinator's approval.")
    swap = app.wait(lambda: [li for li in app.els("[data-testid=swap]") if f"{VOL_Y} will take it" in li.text], "the taken swap")[0]
    swap.find_element(By.CSS_SELECTOR, ".swap-withdraw").click()
    app.see(f"Offer withdrawn; the shift stays with {VOL_W}.")
    app.wait(lambda: not [li for li in app.els("[data-testid=swap]") if VOL_W in li.text or VOL_Y in li.text], "the swap gone")
    shift = _shift_with(app, VOL_W)[0]
    assert VOL_Y not in shift.text
    assert not [s for s in app.els(".shift") if VOL_Y in s.text]


def test_a_template_is_deleted_only_after_confirming_and_its_shifts_stay(app):
    item = _template_item(app, RENAMED)
    item.find_element(By.CSS_SELECTOR, ".tpl-delete").click()
    ask = app.el("[data-testid=tpl-delete-ask]")
    assert f"Delete the template “{RENAMED}”?" in ask.text and "stay" in ask.text
    app.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", ask)
    app.screenshot("sanctuary-template-delete")
    app.click("#tpl-delete-no")
    app.wait(lambda: not app.els("[data-testid=tpl-delete-ask]"), "the question closed")
    _template_item(app, RENAMED)

    _template_item(app, RENAMED).find_element(By.CSS_SELECTOR, ".tpl-delete").click()
    app.click("#tpl-delete-yes")
    app.see(f"Template “{RENAMED}” deleted. Shifts already generated from it stay.")
    app.wait(lambda: not [li for li in app.els("[data-testid=templates] li") if RENAMED in li.text], "the template gone")
    assert app.el("[data-testid=tpl-next]").text == "Create a rotation template to generate shifts."
    assert len(app.els(".shift")) == 21, "the shifts it made stay"
    assert VOL_W in _shift_with(app, VOL_W)[0].text
    assert not app.els("#gen-run"), "nothing left to generate from"
    # Next week has no shifts and no template: the first step again.
    [b for b in app.els(".toolbar button") if b.text.startswith("Next")][0].click()
    app.wait(lambda: app.els("[data-testid=rota-next]") and app.el("[data-testid=rota-next]").text == "Create a rotation template to generate shifts.", "the next step next week")


def _family_court_date(app):
    app.nav("families")
    app.wait(lambda: [e for e in app.els("[data-testid=family-link]") if e.text == FAMILY], "family link")[0].click()
    court = app.wait(lambda: [li for li in app.els("section[aria-labelledby=family-court-title] li") if PLACE.split(",")[0] in li.text], "the court date")[0]
    [b for b in court.find_elements(By.TAG_NAME, "button") if b.text == "Open"][0].click()
    app.h1("Court date")


def _team_row(app, name):
    return [r for r in app.els("[data-testid=team-table] tbody tr") if name in r.text]


def test_a_volunteer_blacked_out_that_day_is_named_before_being_put_on_the_shift(app):
    # Sunday is one of her blackout dates (the rota shows the computer's week, Monday first).
    today = datetime.date.today()
    sunday = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(days=6)
    app.nav("team")
    app.wait(lambda: _team_row(app, VOL_Y), "the volunteer listed")[0].find_element(By.CSS_SELECTOR, ".avail-edit").click()
    app.wait(lambda: VOL_Y in app.el("#avail-title").text, "the availability editor")
    app.set_value("#avail-date", sunday.isoformat())
    app.click("#avail-add-date")
    app.click("#avail-save")
    app.see("Saved.")
    # Sunday's daytime shift (the week's last but one).
    app.nav("sanctuary")
    app.select_by_text("#rota-site", f"{SITE} ({CODE})")
    app.wait(lambda: len(app.els(".shift")) == 21, "this week's shifts")
    app.els(".shift")[-2].click()
    save = lambda: [b for b in app.els(f"{SECTION} button") if b.text == "Save"][0].click()
    label = app.wait(lambda: [lb for lb in app.els(f"{SECTION} label.check") if lb.text.split(" · ")[0].strip() == VOL_Y], "her box")[0]
    label.find_element(By.TAG_NAME, "input").click()
    save()
    warning = app.wait(lambda: app.els("[data-testid=shift-warning]"), "the warning before assigning")[0].text
    assert warning.startswith(f"{VOL_Y}: ") and warning.endswith("is one of their blackout dates"), warning
    # Choose again: nobody is put on it.
    app.click("#shift-cancel")
    app.wait(lambda: not app.els("[data-testid=shift-warnings]"), "the warning gone")
    assert VOL_Y not in app.els(".shift")[-2].text
    save()
    app.wait(lambda: app.els("#shift-anyway"), "the warning again")
    app.click("#shift-anyway")
    app.wait(lambda: VOL_Y in app.els(".shift")[-2].text, "her on Sunday's shift")


def _rota_issues_text(app):
    block = app.el("[data-testid=rota-issues]")
    more = [b for b in block.find_elements(By.TAG_NAME, "button") if b.text.startswith("Show all")]
    if more:
        more[0].click()
    return app.el("[data-testid=rota-issues]").text


def test_a_volunteer_on_a_shift_then_marked_inactive_is_flagged_on_the_rota(app):
    # She was put on Sunday's shift anyway: the rota keeps saying it is her blackout date.
    app.wait(lambda: f"BLACKOUT: {VOL_Y} is on {CODE}" in _rota_issues_text(app), "the blackout flagged")
    # She stops volunteering; she is still on the shift until someone takes her off, and the rota says so.
    app.nav("team")
    app.wait(lambda: _team_row(app, VOL_Y), "the volunteer listed")[0].find_element(By.CSS_SELECTOR, ".avail-edit").click()
    app.wait(lambda: VOL_Y in app.el("#avail-title").text, "the availability editor")
    box = app.el("#avail-active")
    if box.is_selected():
        box.click()
    app.click("#avail-save")
    app.see("Saved.")
    app.wait(lambda: "inactive" in _team_row(app, VOL_Y)[0].text, "the inactive badge")
    app.nav("sanctuary")
    app.select_by_text("#rota-site", f"{SITE} ({CODE})")
    app.wait(lambda: len(app.els(".shift")) == 21, "this week's shifts")
    app.wait(lambda: f"INACTIVE: {VOL_Y} is marked inactive and still on {CODE}" in _rota_issues_text(app), "the inactive volunteer flagged")


def test_a_volunteer_entered_by_mistake_is_deleted_after_seeing_what_they_lose(app):
    # Added, then put on this week's last shift and on the family's court date.
    app.nav("team")
    app.click("#volunteer-add")
    app.type("#volunteer-name", VOL_GONE)
    role = [lb for lb in app.els("form[aria-labelledby=volunteer-new] label.check") if lb.text.strip() == "Shift volunteer"][0]
    box = role.find_element(By.TAG_NAME, "input")
    if not box.is_selected():
        box.click()
    app.click("#volunteer-save")
    app.see(VOL_GONE)
    app.nav("sanctuary")
    app.select_by_text("#rota-site", f"{SITE} ({CODE})")
    app.wait(lambda: len(app.els(".shift")) == 21, "this week's shifts")
    app.els(".shift")[-1].click()
    label = app.wait(lambda: [lb for lb in app.els(f"{SECTION} label.check") if lb.text.split(" · ")[0].strip() == VOL_GONE], "the new volunteer's box")[0]
    label.find_element(By.TAG_NAME, "input").click()
    [b for b in app.els(f"{SECTION} button") if b.text == "Save"][0].click()
    _shift_with(app, VOL_GONE)
    _family_court_date(app)
    label = app.wait(lambda: [lb for lb in app.els("label.check") if lb.text.split(" · ")[0].strip() == VOL_GONE], "the new volunteer as accompanier")[0]
    label.find_element(By.TAG_NAME, "input").click()
    app.click("#acc-save")
    # Untrained, and on the sanctuary shift: the app asks first.
    app.wait(lambda: app.els("#acc-anyway"), "the warning before assigning")
    assert f"{VOL_GONE}: no court accompaniment training" in app.body_text()
    app.click("#acc-anyway")
    app.wait(lambda: VOL_GONE in app.el("[data-testid=accompanier-names]").text, "the third accompanier")

    # The question gives what they are on, from the core, and offers "inactive" instead.
    app.nav("team")
    app.wait(lambda: _team_row(app, VOL_GONE), "the volunteer listed")[0].find_element(By.CSS_SELECTOR, ".avail-edit").click()
    app.click("#volunteer-delete")
    ask = app.el("[data-testid=volunteer-delete-ask]")
    app.wait(lambda: f"Court dates {VOL_GONE} is assigned to: 1 (still to come: 1)." in ask.text, "the court count")
    # The shift ends on Monday morning; whether it has begun depends on when this runs.
    assert f"Sanctuary shifts {VOL_GONE} is on: 1 (still to come: " in ask.text, ask.text
    assert f"Delete {VOL_GONE} from the volunteers?" in ask.text
    assert f"If {VOL_GONE} simply stopped volunteering, mark them inactive instead" in ask.text
    assert app.el("#volunteer-mark-inactive").is_displayed()
    app.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", ask)
    app.screenshot("team-volunteer-delete")
    app.click("#volunteer-delete-no")
    app.wait(lambda: not app.els("[data-testid=volunteer-delete-ask]"), "the question closed")
    assert _team_row(app, VOL_GONE)
    app.click("#volunteer-delete")
    yes = app.el("#volunteer-delete-yes")
    app.wait(lambda: yes.is_enabled(), "the counts read")
    yes.click()
    notice = app.el("[data-testid=team-notice]").text
    assert notice == f"{VOL_GONE} was deleted from the volunteers. Other devices remove them when they next sync.", notice
    app.wait(lambda: not _team_row(app, VOL_GONE), "the volunteer gone from the team list")
    assert _team_row(app, VOL_W) and _team_row(app, VOL1)

    # Gone from the court date's accompaniers and from the shift; the others stay.
    _family_court_date(app)
    names = app.wait(lambda: app.el("[data-testid=accompanier-names]").text, "the accompaniers")
    assert VOL_GONE not in names and VOL1 in names and VOL2 in names, names
    assert "Covered: 2 of 2" in app.el("[data-testid=staffing]").text
    assert not [lb for lb in app.els("label.check") if lb.text.split(" · ")[0].strip() == VOL_GONE]
    app.nav("sanctuary")
    app.select_by_text("#rota-site", f"{SITE} ({CODE})")
    app.wait(lambda: len(app.els(".shift")) == 21, "this week's shifts")
    assert VOL_W in app.els(".shift")[-1].text
    assert not [s for s in app.els(".shift") if VOL_GONE in s.text]


def _set_in(app, element, value):
    """set_value for an element found inside another (a template row's time field)."""
    app.d.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        element,
        value,
    )


def test_a_template_shift_in_the_hour_the_clocks_skip_is_generated_and_said_to_be_moved(app):
    # 14 March 2027, Chicago: 02:00 becomes 03:00, so a 02:30 shift has no such time that day.
    app.nav("sanctuary")
    app.type("#ss-name", DST_SITE)
    app.type("#ss-code", DST_CODE)
    app.select("#ss-zone", "America/Chicago")
    app.click("#ss-save")
    app.wait(lambda: [h for h in app.els("h2") if h.text.startswith(DST_CODE)], "the new site selected")
    app.click("#tpl-new")
    app.wait(lambda: len(app.els("[data-testid=tpl-row]")) == 3, "three shift rows")
    app.type("#tpl-name", DST_TEMPLATE)
    first = app.els("[data-testid=tpl-row]")[0]
    label = first.find_element(By.CSS_SELECTOR, ".tpl-label")
    label.clear()
    label.send_keys("Madrugada")
    _set_in(app, first.find_element(By.CSS_SELECTOR, ".tpl-start"), "02:30")
    _set_in(app, first.find_element(By.CSS_SELECTOR, ".tpl-end"), "08:00")
    app.click("#tpl-save")
    _template_item(app, DST_TEMPLATE)
    app.select_by_text("#gen-template", DST_TEMPLATE)
    app.set_value("#gen-from", "2027-03-14")
    app.set_value("#gen-to", "2027-03-14")
    app.click("#gen-run")
    app.wait(lambda: app.els("[data-testid=gen-done]") and "Created" in app.el("[data-testid=gen-done]").text,
             "the generation's report")
    text = app.el("[data-testid=gen-done]").text
    assert "On Sun, Mar 14, 2027 the Madrugada shift's time 2:30 AM–8:00 AM does not exist (the clocks change); it was made 3:00 AM–8:00 AM." in text, text
