"""Runs last (file order): after the whole session, no text typed into the app is readable
in any file it wrote — store, web view data and cache, temp, runtime dir."""
import os
import sys
import time

from conftest import PASSPHRASE, SANDBOX, quit_app


def _markers():
    """MARKERS of every test module pytest imported, plus the passphrase."""
    found = [PASSPHRASE]
    for name, module in list(sys.modules.items()):
        if name.startswith("test_") and isinstance(getattr(module, "MARKERS", None), list):
            found += module.MARKERS
    return sorted(set(found))


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
    quit_app()
    time.sleep(1.0)
    markers = _markers()
    scanned = [os.path.join(SANDBOX, d) for d in ("home", "tmp", "store", "run")]
    files = sum(len(f) for d in scanned for _, _, f in os.walk(d))
    assert files >= 2, "expected at least the store's files to be scanned"
    leaks = [leak for d in scanned for leak in _scan(d, markers)]
    assert leaks == [], f"marker text found in plaintext: {leaks}"
