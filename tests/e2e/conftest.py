"""Shared helpers for driving the real Amparo window through tauri-driver."""
import os
import time

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions

APP = os.environ.get("AMPARO_E2E_APP", "")
SANDBOX = os.environ.get("AMPARO_E2E_SANDBOX", "")
SCREENSHOTS = os.environ.get("AMPARO_E2E_SCREENSHOTS", "")
# The passphrase of the store test_app.py creates; later modules unlock with it.
PASSPHRASE = "river lantern maple coffee"


def cli_path():
    """The `amparo` command modules prepare stores with: $AMPARO_E2E_CLI, else the one next
    to the app binary, else $CARGO_TARGET_DIR/debug/amparo (scripts/test-app.sh sets the first)."""
    if os.environ.get("AMPARO_E2E_CLI"):
        return os.environ["AMPARO_E2E_CLI"]
    beside = os.path.join(os.path.dirname(APP), "amparo") if APP else ""
    if beside and os.path.exists(beside):
        return beside
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target")), "debug", "amparo")


@pytest.fixture(scope="session")
def cli():
    """The CLI's path; a missing one fails the test that needs it (never a skip)."""
    path = cli_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(f"the amparo CLI is not at {path}: build it (cargo build -p amparo-cli) or set AMPARO_E2E_CLI", pytrace=False)
    return path


class App:
    """A thin, patient wrapper: every lookup waits, every assertion is about visible text."""

    def __init__(self, driver):
        self.d = driver

    def wait(self, predicate, what, timeout=20.0):
        end = time.time() + timeout
        last = None
        while time.time() < end:
            try:
                value = predicate()
                if value:
                    return value
            except (StaleElementReferenceException, WebDriverException) as e:  # re-render in flight
                last = e
            time.sleep(0.1)
        body = self.body_text()[:1500]
        raise AssertionError(f"timed out waiting for {what}; last error {last!r}; page shows:\n{body}")

    def body_text(self):
        try:
            return self.d.find_element(By.TAG_NAME, "body").text
        except WebDriverException:
            return ""

    def el(self, css, timeout=20.0):
        return self.wait(lambda: next(iter([e for e in self.d.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]), None), css, timeout)

    def els(self, css):
        return [e for e in self.d.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]

    def click(self, css):
        self.el(css).click()

    def type(self, css, text, clear=True):
        e = self.el(css)
        if clear:
            e.clear()
        e.send_keys(text)
        return e

    def set_value(self, css, value):
        """For date/time inputs, whose typing differs per engine: set and announce the value."""
        e = self.el(css)
        self.d.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            e,
            value,
        )

    def select(self, css, value):
        e = self.el(css)
        self.d.execute_script(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            e,
            value,
        )

    def select_by_text(self, css, text):
        e = self.el(css)
        for opt in e.find_elements(By.TAG_NAME, "option"):
            if opt.text.strip() == text:
                self.select(css, opt.get_attribute("value"))
                return
        raise AssertionError(f"no option {text!r} in {css}")

    def see(self, text, timeout=20.0):
        return self.wait(lambda: text in self.body_text(), f"text {text!r}", timeout)

    def h1(self, text, timeout=20.0):
        return self.wait(lambda: any(h.text.strip() == text for h in self.els("h1")), f"heading {text!r}", timeout)

    def nav(self, route):
        self.click(f"#nav-{route}")

    def unlock(self, passphrase=PASSPHRASE):
        """Unlock if the app is on the unlock screen; wait for Home either way."""
        if self.els("#unlock-passphrase"):
            self.type("#unlock-passphrase", passphrase)
            self.click("#unlock-submit")
        self.wait(lambda: self.els("h1"), "a screen after unlocking", timeout=60)

    def screenshot(self, name):
        if not SCREENSHOTS:
            return
        os.makedirs(SCREENSHOTS, exist_ok=True)
        # WebKit may hand back its previous snapshot first: take one to flush it.
        time.sleep(0.3)
        self.d.get_screenshot_as_png()
        time.sleep(0.3)
        self.d.save_screenshot(os.path.join(SCREENSHOTS, f"{name}.png"))


_state = {}


@pytest.fixture(scope="session")
def app():
    assert APP and os.path.exists(APP), "set AMPARO_E2E_APP (tests/e2e/run.sh does)"
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": APP})
    driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{os.environ.get('AMPARO_E2E_PORT', '4444')}", options=options)
    _state["driver"] = driver
    yield App(driver)
    quit_app()


def quit_app():
    driver = _state.pop("driver", None)
    if driver is not None:
        try:
            driver.quit()
        except WebDriverException:
            pass
        time.sleep(1.0)
