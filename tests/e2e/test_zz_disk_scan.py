"""Runs last (RUN_LAST: conftest.py puts it after every other module, in whatever order the
files are given): after the whole run, no text typed into the app is readable in any file
it wrote — stores, web view data and cache, temp, runtime dir — for the MARKERS of every
module and every store's passphrase.

Run alone, or first, it still reads real files: the window opens on a coordinator's store
of its own (made by the CLI, common.coordinators_store), shows the family with its person
and note, and a note is typed in, before the app is closed and the sandbox scanned.
"""
import os
import sys
import time

from common import FAMILY, NOTE, PERSON, coordinators_store
from conftest import HERE, PASSPHRASES, SANDBOX, quit_app

RUN_LAST = True
TYPED = "Nota centinela del escaneo Quimérico"
MARKERS = ["centinela del escaneo", "Quimérico"]


def prepare(stores):
    return coordinators_store(stores)


def _markers():
    """MARKERS of every module of this folder pytest imported (the test modules, common.py),
    plus the passphrase of every store made in the run."""
    found = set(PASSPHRASES)
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None) or ""
        if os.path.dirname(os.path.abspath(path)) == HERE and isinstance(getattr(module, "MARKERS", None), list):
            found |= set(module.MARKERS)
    return sorted(found)


def _scan(root, markers):
    found = []
    needles = []
    for m in markers:
        needles += [m.encode("utf-8"), m.encode("utf-16-le")]
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                continue
            for n in needles:
                if n in data:
                    found.append((path, n))
    return found


def test_the_disk_scan_finds_plaintext_when_there_is_some(tmp_path):
    family, note = "Familia Zorrilla Quintana", "gate code 4471"
    (tmp_path / "a.txt").write_text("x " + family + " y")
    (tmp_path / "b.bin").write_bytes(note.encode("utf-16-le"))
    found = {os.path.basename(p) for p, _ in _scan(str(tmp_path), [family, note])}
    assert found == {"a.txt", "b.bin"}


def test_the_scan_knows_the_markers_of_the_session():
    assert "Zorrilla Quintana" in _markers()


def test_nothing_typed_in_is_readable_on_disk(app):
    # What this module's own store holds goes through the window: shown, and typed in.
    app.unlock()
    app.nav("families")
    app.wait(lambda: [e for e in app.els("[data-testid=family-link]") if e.text == FAMILY], "family link")[0].click()
    app.wait(lambda: app.el("[data-testid=family-name]").text == FAMILY, "family detail")
    app.see(PERSON)
    app.see(NOTE)
    app.type("#note-body", TYPED)
    app.click("#note-add")
    app.see(TYPED)
    quit_app()
    time.sleep(1.0)
    markers = _markers()
    assert TYPED.split()[-1] in markers and FAMILY.split(" ", 1)[1] in markers and app.store.passphrase in markers, markers
    scanned = [os.path.join(SANDBOX, d) for d in ("home", "tmp", "store", "run")]
    files = sum(len(f) for d in scanned for _, _, f in os.walk(d))
    assert files >= 2, "expected at least the store's files to be scanned"
    own = [os.path.join(dirpath, f) for dirpath, _, names in os.walk(app.store.path) for f in names]
    assert own and all(any(p.startswith(d + os.sep) for d in scanned) for p in own), "this module's own store is scanned"
    leaks = [leak for d in scanned for leak in _scan(d, markers)]
    assert leaks == [], f"marker text found in plaintext: {leaks}"
