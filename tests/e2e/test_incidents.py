"""End to end, in the real window: the rapid-response desk of a dispatcher on the phone.

The module's own store is prepared with the real `amparo` command before the window opens
on it (`prepare`): a coordinator's team store with a dispatcher and two responders.

1. Ctrl+I, from the Rapid response desk, opens the new-call form with the focus on the
   location; the call is typed in and Enter saves it, opening the incident's page.
2. A verifier's check on scene confirms it; sending one responder warns that responders go
   in pairs, sending the second clears the warning; the dispatcher is named as handling it.
3. The desk shows it dispatched, confirmed, handled by the dispatcher, with 2 responders.
4. "Copy for Signal" in Spanish first says what the text holds and shows it: the place is
   there, the caller's phone is not.

The location and the caller's phone are MARKERS, which the disk scan looks for.
"""
from selenium.webdriver.common.keys import Keys

PASSPHRASE = "quarry meadow lantern oboe"
LOCATION = "4417 Calle Quetzalcóatl"
PHONE = "555-0199-7731"
DISPATCHER = "Diana Despacho"
FIRST = "Rafa Respondedor"
SECOND = "Vera Verificadora"
MARKERS = ["Calle Quetzalcóatl", PHONE]


def prepare(stores):
    s = stores.new("main", PASSPHRASE, owner="Carla Coordinadora")
    s("team", "create", "Red Rápida")
    s.added("volunteer", "add", "--name", DISPATCHER, "--role", "dispatcher")
    s.added("volunteer", "add", "--name", FIRST, "--role", "responder", "--training", "rapid_response")
    s.added("volunteer", "add", "--name", SECOND, "--role", "responder", "--training", "rapid_response")
    return s


def _active_id(app):
    return app.d.switch_to.active_element.get_attribute("id")


def test_a_call_taken_with_the_shortcut_is_verified_dispatched_and_copied_for_signal(app):
    app.unlock()
    app.nav("incidents")
    app.h1("Rapid response desk")
    app.see("No open incidents.")

    # 1. The shortcut, the focus on the first field, Enter saves.
    app.el("body").send_keys(Keys.CONTROL, "i")
    app.el("#new-call")
    app.wait(lambda: _active_id(app) == "call-location", "the focus on the location")
    app.d.switch_to.active_element.send_keys(LOCATION)
    app.select("#call-kind", "home")
    app.select("#call-activity", "detaining")
    app.type("#call-agents", "3")
    app.type("#call-uniforms", "ICE, HSI")
    app.type("#call-phone", PHONE)
    app.wait(lambda: app.el("#call-save").is_enabled(), "the form ready to save")
    app.el("#call-phone").send_keys(Keys.ENTER)
    app.h1(f"Home — {LOCATION}")
    assert not app.els("#new-call")
    app.wait(lambda: app.el("#incident-status").text == "New", "a new incident")
    app.screenshot("incident-new")

    # 2. Verify, dispatch two responders, name the dispatcher.
    app.select_by_text("#verify-by", SECOND)
    app.select("#verify-how", "on_scene")
    app.click("#verify-save")
    app.wait(lambda: app.el("#incident-disposition").text == "Confirmed", "confirmed by the check")
    app.wait(lambda: app.el("#incident-status").text == "Verifying", "being verified")
    app.see("On scene, confirmed")

    app.select_by_text("#send-who", FIRST)
    app.select("#send-role", "verifier")
    app.click("#send-save")
    app.wait(lambda: app.els("#incident-unpaired"), "the warning that a responder went alone")
    app.see("responders go in pairs")
    app.wait(lambda: app.el("#incident-status").text == "Dispatched", "dispatched")
    app.select_by_text("#send-who", SECOND)
    app.select("#send-role", "legal_observer")
    app.click("#send-save")
    app.wait(lambda: len(app.els("[data-testid=responder]")) == 2, "two responders")
    app.wait(lambda: not app.els("#incident-unpaired"), "no warning once they are a pair")
    app.see(f"{FIRST}, Verifier")
    app.see(f"{SECOND}, Legal observer")

    app.select_by_text("#incident-take-for", DISPATCHER)
    app.wait(lambda: app.el("#incident-handled").text == DISPATCHER, "handled by the dispatcher")
    app.screenshot("incident-dispatched")

    # 3. The desk.
    app.click("#incident-back")
    app.h1("Rapid response desk")
    row = app.wait(lambda: next(iter(app.els("[data-testid=desk-row]")), None), "the desk row")
    app.wait(lambda: LOCATION in row.text, "the call on the desk")
    assert row.find_element("css selector", "[data-testid=desk-status]").text == "Dispatched"
    assert row.find_element("css selector", "[data-testid=desk-disposition]").text == "Confirmed"
    assert row.find_element("css selector", "[data-testid=desk-handled]").text == DISPATCHER
    assert row.find_element("css selector", "[data-testid=desk-responders]").text == "2"
    app.screenshot("incident-desk")

    # 4. The Signal text in Spanish, after saying what it holds.
    row.find_element("css selector", "button.link").click()
    app.h1(f"Home — {LOCATION}")
    app.select("#signal-lang", "es")
    app.click("#signal-show")
    app.wait(lambda: app.els("[data-testid=signal-ask]"), "what the Signal text contains")
    app.see("This text leaves Amparo unencrypted")
    contains = app.el("[data-testid=signal-contains]").text
    assert "ni quien llamó" in contains, contains
    text = app.wait(lambda: app.el("#signal-text").get_attribute("value"), "the Signal text")
    assert text.startswith("RESPUESTA RÁPIDA: "), text
    assert LOCATION in text and "3 agente(s)" in text and "ICE, HSI" in text, text
    assert PHONE not in text and "0199" not in text, text
    app.screenshot("incident-signal")
