"""Shared helpers for driving the real Amparo window through tauri-driver.

Every module builds the state it needs through one fixture, `app` (module scope). Before
the window opens, it calls the module's `prepare(stores)`: that makes the module's own
store folders under $AMPARO_E2E_SANDBOX/store/<module>/ with the real `amparo` command
(`stores.new`), or names an empty one for the first-run screen (`stores.empty`), and
returns the store the window opens on. The app is then started on that store, in English,
with a 30-minute auto-lock (its settings file is written first), whatever any other module
did before: no module leans on another's store, language, auto-lock or open screen, so
each runs alone and in any order. The window closes at the end of the module.
"""
import json
import os
import subprocess
import time

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions

APP = os.environ.get("AMPARO_E2E_APP", "")
SANDBOX = os.environ.get("AMPARO_E2E_SANDBOX", "")
SCREENSHOTS = os.environ.get("AMPARO_E2E_SCREENSHOTS", "")
HERE = os.path.dirname(os.path.abspath(__file__))
# The passphrase of the stores `stores.new` makes when a module names none.
PASSPHRASE = "river lantern maple coffee"
# Every passphrase of a store made in this run (typed in or given to the CLI): the disk
# scan looks for each of them.
PASSPHRASES = {PASSPHRASE}
# What a freshly opened window starts with, in every module.
LANGUAGE = "en"
AUTO_LOCK_MINUTES = 30


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


class App:
    """A thin, patient wrapper: every lookup waits, every assertion is about visible text."""

    def __init__(self, driver, store=None):
        self.d = driver
        # The store the window was opened on (a Store), whose passphrase unlock() uses.
        self.store = store

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

    def unlock(self, passphrase=None):
        """Unlock if the app is on the unlock screen (with the passphrase of the store the
        window was opened on, unless told another); wait for a screen either way."""
        if passphrase is None:
            passphrase = self.store.passphrase if self.store else PASSPHRASE
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


class Store:
    """One store folder of a module, prepared with the real `amparo` command before the
    app opens it (the CLI never touches a store the window has open)."""

    def __init__(self, path, passphrase, owner):
        self.path = path
        self.passphrase = passphrase
        self.owner = owner
        # Ids of what a module's prepare() made, by the names it gives them.
        self.ids = {}
        PASSPHRASES.add(passphrase)

    def __call__(self, *args, now=None):
        """`amparo --store PATH ARGS…` with this store's passphrase; its output. `now` sets
        the clock the (debug) CLI reads, as on a laptop whose clock is wrong."""
        path = cli_path()
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            # A missing CLI fails the module that needs it (never a skip).
            pytest.fail(f"the amparo CLI is not at {path}: build it (cargo build -p amparo-cli) or set AMPARO_E2E_CLI", pytrace=False)
        env = {k: v for k, v in os.environ.items() if k not in ("AMPARO_STORE", "AMPARO_NOW")}
        env["AMPARO_PASSPHRASE"] = self.passphrase
        if now:
            env["AMPARO_NOW"] = now
        out = subprocess.run([path, "--store", self.path, *args], env=env, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, f"amparo {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}"
        return out.stdout

    def added(self, *args):
        """The id an `add` prints ("added family ID", "added court date ID on …"): the first
        word of that line with a digit in it (what it adds is named in words)."""
        line = next(line for line in self(*args).splitlines() if line.startswith("added "))
        return next(word for word in line.split() if any(c.isdigit() for c in word))

    def exists(self):
        return os.path.exists(os.path.join(self.path, "key.json"))


class Stores:
    """A module's store folders, all under $AMPARO_E2E_SANDBOX/store/<module>/, fresh for it."""

    def __init__(self, module):
        assert SANDBOX, "set AMPARO_E2E_SANDBOX (tests/e2e/run.sh does)"
        self.root = os.path.join(SANDBOX, "store", module)
        assert not os.path.exists(self.root), f"{self.root} is used already"
        os.makedirs(self.root)
        self.made = {}

    def path(self, name):
        """A folder of this module's, not made yet (a store the window creates, a restore)."""
        return os.path.join(self.root, name)

    def new(self, name, passphrase=PASSPHRASE, owner="Coordinator"):
        """A new store made with `amparo init --name OWNER`; its Store."""
        store = self.empty(name, passphrase, owner)
        store("init", "--name", owner)
        assert store.exists(), store.path
        return store

    def empty(self, name, passphrase=PASSPHRASE, owner="Coordinator"):
        """A store folder with nothing in it yet: the window's first-run screen creates it,
        with this passphrase."""
        assert name not in self.made, name
        store = self.made[name] = Store(self.path(name), passphrase, owner)
        return store

    def __getitem__(self, name):
        return self.made[name]


@pytest.fixture(scope="module")
def stores(request):
    """The module's stores, made by its `prepare(stores)`; `stores.opens` is the one the
    window opens on."""
    prepare = getattr(request.module, "prepare", None)
    assert callable(prepare), f"{request.module.__name__} says what store it needs: def prepare(stores) returning the store to open"
    made = Stores(request.module.__name__)
    made.opens = prepare(made)
    assert isinstance(made.opens, Store), f"{request.module.__name__}.prepare returned {made.opens!r}, not the store to open"
    return made


def prefs_file():
    """The app's own settings file (language, auto-lock, store folder) in the sandbox HOME."""
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(config, "amparo", "app-settings.json")


_state = {}


@pytest.fixture(scope="module")
def app(stores):
    """The real window, opened on the module's store, in English, with a 30-minute
    auto-lock; on the unlock screen (or the first-run screen of an empty store)."""
    assert APP and os.path.exists(APP), "set AMPARO_E2E_APP (tests/e2e/run.sh does)"
    assert not os.environ.get("AMPARO_STORE"), "AMPARO_STORE would override the store each module opens (run.sh unsets it)"
    quit_app()
    store = stores.opens
    prefs = {"language": LANGUAGE, "auto_lock_minutes": AUTO_LOCK_MINUTES, "store_dir": store.path}
    os.makedirs(os.path.dirname(prefs_file()), exist_ok=True)
    with open(prefs_file(), "w", encoding="utf-8") as f:
        json.dump(prefs, f)
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": APP})
    driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{os.environ.get('AMPARO_E2E_PORT', '4444')}", options=options)
    _state["driver"] = driver
    window = App(driver, store)
    first = "#unlock-passphrase" if store.exists() else "#fr-name"
    window.wait(lambda: window.els(first) and store.path in window.body_text(), f"the {'unlock' if store.exists() else 'first-run'} screen of {store.path}", timeout=60)
    yield window
    quit_app()


def quit_app():
    driver = _state.pop("driver", None)
    if driver is not None:
        try:
            driver.quit()
        except WebDriverException:
            pass
        time.sleep(1.0)


def pytest_collection_modifyitems(config, items):
    """A module with RUN_LAST = True (the disk scan) runs after every other, in whatever
    order the files were given: it reads what the whole run wrote."""
    last = [i for i in items if getattr(getattr(i, "module", None), "RUN_LAST", False)]
    items[:] = [i for i in items if i not in last] + last
