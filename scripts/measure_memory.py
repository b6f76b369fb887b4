"""Resident memory of the real Amparo window, for BENCHMARKS.md ("Memory").

Run by scripts/measure-memory.sh, which makes a fresh HOME, starts tauri-driver on
$AMPARO_E2E_PORT and sets AMPARO_E2E_APP / AMPARO_MEASURE_DRIVER_PID. This script opens a
WebDriver session the way tests/e2e/conftest.py does, opens the demo store from the
first-run screen (the path a newcomer takes), waits on Home for memory to settle, records
RSS and PSS of the app process and of every process under it (WebKitWebProcess,
WebKitNetworkProcess, …) from /proc/PID/smaps_rollup, then visits every screen, comes back
to Home, settles and records again. Then (unless AMPARO_MEASURE_IMPORT=0) a second
launch opens a team member's store, prepared with the `amparo` CLI, records Home, imports
a bundle of AMPARO_MEASURE_IMPORT families (3,000 by default, each with one person) from
the Sync screen, records Home again, locks and records once more.

RSS counts a shared library's pages once in every process that maps them; PSS divides
each shared page among the processes mapping it, so the PSS column sums to what the
processes cost together — but "the processes mapping it" are all of the machine's, so
another WebKit program running alongside lowers it. "PSS in group" divides shared pages
among the measured processes only (see `group_pss`). "anon" is the process's anonymous
(heap, stacks, JIT) memory, which nothing else shares: for the app process that is what
Amparo's own code, SQLCipher, GTK and WebKit's UI-process side hold.
"""
import collections
import json
import os
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "e2e"))

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.common.options import ArgOptions  # noqa: E402

from conftest import App, cli_path  # noqa: E402

APP = os.path.realpath(os.environ["AMPARO_E2E_APP"])
# When AMPARO_E2E_APP is a wrapper (e.g. one that starts the app under heaptrack), the
# binary whose process is measured.
EXE = os.path.realpath(os.environ.get("AMPARO_MEASURE_EXE", APP))
PORT = os.environ.get("AMPARO_E2E_PORT", "4530")
DRIVER_PID = int(os.environ["AMPARO_MEASURE_DRIVER_PID"])
# Settling: sample every STEP seconds, at least MIN_WAIT, until the summed PSS moved by
# less than 1 % over the last three samples (or MAX_WAIT passed).
STEP = float(os.environ.get("AMPARO_MEASURE_STEP", "2"))
MIN_WAIT = float(os.environ.get("AMPARO_MEASURE_MIN_WAIT", "20"))
MAX_WAIT = float(os.environ.get("AMPARO_MEASURE_MAX_WAIT", "90"))

FIELDS = {"Rss": "rss", "Pss": "pss", "Pss_Anon": "pss_anon", "Pss_File": "pss_file", "Pss_Shmem": "pss_shmem",
          "Anonymous": "anon", "Private_Dirty": "private_dirty", "Swap": "swap"}


def children():
    """Parent PID -> child PIDs, for every process we can see."""
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def descendants(pid, kids):
    out, todo = [], list(kids.get(pid, []))
    while todo:
        p = todo.pop(0)
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def exe(pid):
    try:
        return os.path.realpath(f"/proc/{pid}/exe")
    except OSError:
        return ""


def label(pid):
    path = exe(pid)
    name = os.path.basename(path) if path else ""
    return "amparo-app" if path == EXE else name


def rollup(pid):
    values = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in FIELDS:
                values[FIELDS[key]] = int(rest.split()[0])  # kB
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                values["threads"] = int(line.split()[1])
    return values


def app_pid(gone=()):
    kids = children()
    for p in descendants(DRIVER_PID, kids):
        if exe(p) == EXE and p not in gone:
            return p
    return None


def sample(pid):
    """The app process and everything under it (WebKit's processes; bwrap when sandboxed)."""
    rows = []
    for p in [pid] + descendants(pid, children()):
        try:
            rows.append({"pid": p, "process": label(p), **rollup(p)})
        except OSError:
            continue  # exited between listing and reading
    return rows


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def group_pss(pids):
    """PSS with each shared page split among `pids` only (kB per PID), and PIDs outside them
    that map WebKit. Plain PSS also splits a page with every other process on the machine
    mapping it (another app's GTK, another test run's WebKit), so it falls when other
    WebKit apps run; this does not. Needs the page frame numbers of /proc/PID/pagemap,
    which only root reads; returns None without them."""
    frames, private = {}, {}
    for pid in pids:
        frames[pid], private[pid] = [], 0
        try:
            pagemap = os.open(f"/proc/{pid}/pagemap", os.O_RDONLY)
        except OSError:
            return None
        try:
            with open(f"/proc/{pid}/smaps") as f:
                mapping = None
                for line in f:
                    head = line.split(None, 1)[0]
                    if "-" in head and not head.endswith(":"):
                        lo, hi = (int(x, 16) for x in head.split("-"))
                        mapping = {"lo": lo, "hi": hi}
                        continue
                    key, _, rest = line.partition(":")
                    if key in ("Rss", "Shared_Clean", "Shared_Dirty"):
                        mapping[key] = int(rest.split()[0])
                    if key == "Shared_Dirty":  # the last of the three: decide this mapping
                        if mapping["Shared_Clean"] + mapping["Shared_Dirty"] == 0:
                            private[pid] += mapping["Rss"]
                        elif mapping["Rss"]:
                            first, count = mapping["lo"] // (PAGE_KB * 1024), (mapping["hi"] - mapping["lo"]) // (PAGE_KB * 1024)
                            raw = os.pread(pagemap, 8 * count, 8 * first)
                            for (entry,) in struct.iter_unpack("Q", raw):
                                if entry >> 63:  # present in memory
                                    pfn = entry & ((1 << 55) - 1)
                                    if pfn == 0:
                                        return None  # not root: frame numbers hidden
                                    frames[pid].append(pfn)
        except OSError:
            return None
        finally:
            os.close(pagemap)
    mapped = collections.Counter(pfn for pid in pids for pfn in frames[pid])
    return {pid: private[pid] + sum(PAGE_KB / mapped[pfn] for pfn in frames[pid]) for pid in pids}


def webkit_elsewhere(pids):
    """Processes outside ours that have WebKitGTK mapped (they lower our plain PSS)."""
    others = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) in pids:
            continue
        try:
            with open(f"/proc/{name}/maps") as f:
                if "libwebkit2gtk" in f.read():
                    others.append(int(name))
        except OSError:
            pass
    return others


def measured(pid):
    """A sample with PSS-in-group added (the numbers the tables show)."""
    rows = sample(pid)
    pids = [r["pid"] for r in rows]
    group = group_pss(pids)
    for r in rows:
        r["group_pss"] = round(group[r["pid"]]) if group else None
    return {"processes": rows, "webkit_processes_elsewhere": len(webkit_elsewhere(pids)),
            "load": open("/proc/loadavg").read().split()[:3]}


def total(rows, field):
    return sum(r.get(field, 0) for r in rows)


def keep_smaps(rows, phase):
    """AMPARO_MEASURE_SMAPS=dir: copy each process's /proc/PID/smaps there, for a breakdown."""
    where = os.environ.get("AMPARO_MEASURE_SMAPS")
    if not where:
        return
    os.makedirs(where, exist_ok=True)
    for r in rows:
        try:
            with open(f"/proc/{r['pid']}/smaps") as src, open(os.path.join(where, f"{phase}.{r['process']}.{r['pid']}.smaps"), "w") as dst:
                dst.write(src.read())
        except OSError:
            pass


def settle(pid, what, phase):
    start = time.time()
    history = []
    while True:
        rows = sample(pid)
        history.append(total(rows, "pss"))
        waited = time.time() - start
        recent = history[-3:]
        steady = len(recent) == 3 and (max(recent) - min(recent)) <= 0.01 * max(recent)
        if (waited >= MIN_WAIT and steady) or waited >= MAX_WAIT:
            print(f"measure: {what}: settled after {waited:.0f} s (summed PSS {history[-1] / 1024:.0f} MiB)", file=sys.stderr)
            result = measured(pid)
            keep_smaps(result["processes"], phase)
            return result
        time.sleep(STEP)


def visit_every_screen(app):
    app.nav("families")
    app.h1_any()
    links = app.els("[data-testid=family-link]")
    if links:
        links[0].click()
        time.sleep(1.5)
    app.nav("court")
    time.sleep(1.5)
    opens = [b for b in app.els("table button") if b.text.strip() in ("Open", "Abrir")]
    if opens:
        opens[0].click()
        time.sleep(1.5)
        app.nav("court")
        time.sleep(1)
    for chip in [c for c in app.els("button.chip")]:
        try:
            chip.click()
            time.sleep(1)
        except Exception:  # a chip re-rendered away
            pass
    for route in ("housing", "sanctuary", "team", "sync", "settings"):
        app.nav(route)
        time.sleep(1.5)
    app.nav("home")
    time.sleep(1)
    if app.els("#home-import"):
        app.click("#home-import")
        time.sleep(1.5)
    app.click("#open-search")
    box = app.el("#search-input")
    box.send_keys("ma")
    time.sleep(1.5)
    box.send_keys(Keys.ESCAPE)
    app.wait(lambda: not app.els("#search-input"), "the search dialog closed")
    app.nav("home")
    app.h1_any()


def h1_any(self):
    return self.wait(lambda: self.els("h1"), "a heading")


App.h1_any = h1_any


def table(result, title):
    rows = result["processes"]
    grouped = all(r["group_pss"] is not None for r in rows)
    lines = [f"### {title}", "",
             "| process | threads | RSS MiB | PSS MiB | PSS in group MiB | anon MiB | file+shmem RSS MiB |",
             "|---|---|---|---|---|---|---|"]
    mib = lambda kb: f"{kb / 1024:.1f}" if kb is not None else "—"  # noqa: E731
    for r in rows:
        lines.append(f"| {r['process']} | {r.get('threads', '')} | {mib(r['rss'])} | {mib(r['pss'])} | {mib(r['group_pss'])} | "
                     f"{mib(r['anon'])} | {mib(r['rss'] - r['anon'])} |")
    lines.append(f"| **all** | | **{mib(total(rows, 'rss'))}** | **{mib(total(rows, 'pss'))}** | "
                 f"**{mib(total(rows, 'group_pss') if grouped else None)}** | {mib(total(rows, 'anon'))} | "
                 f"{mib(total(rows, 'rss') - total(rows, 'anon'))} |")
    lines += ["", f"Other processes on the machine with WebKitGTK mapped: {result['webkit_processes_elsewhere']}; "
              f"load {' '.join(result['load'])}."]
    return "\n".join(lines)


TEAM_PASSPHRASE = "memory measure lantern tide"


def amparo(store, *args):
    env = {k: v for k, v in os.environ.items() if k != "AMPARO_STORE"}
    env["AMPARO_PASSPHRASE"] = TEAM_PASSPHRASE
    out = subprocess.run([cli_path(), "--store", store, *args], env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise SystemExit(f"measure: amparo {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout


def prepare_team(families):
    """A coordinator's store holding `families` families (one person each, from a CSV), a
    member's store that joined the team, and the coordinator's bundle for the member.
    Returns (member store, bundle path)."""
    root = os.path.join(os.environ["HOME"], "team")
    coord, member, cards, out = (os.path.join(root, n) for n in ("coordinator", "member", "cards", "bundles"))
    for d in (cards, out):
        os.makedirs(d, exist_ok=True)
    amparo(coord, "init", "--name", "Coordinadora Memoria")
    amparo(coord, "team", "create", "Red Memoria")
    amparo(coord, "member", "card", "--out", os.path.join(cards, "coordinator.card"))
    amparo(member, "init", "--name", "Miembro Memoria")
    amparo(member, "team", "join", os.path.join(cards, "coordinator.card"), "--yes")
    amparo(member, "member", "card", "--out", os.path.join(cards, "member.card"))
    amparo(coord, "member", "add", os.path.join(cards, "member.card"), "--role", "coordinator")
    sheet = os.path.join(root, "families.csv")
    with open(sheet, "w", encoding="utf-8") as f:
        f.write("family,name,phone,languages,needs\n")
        for i in range(families):
            f.write(f"Familia Medida {i:05d},Persona Medida {i:05d},312-555-{i % 10000:04d},es,"
                    f"rent help and a ride to the hearing {i}\n")
    amparo(coord, "import", "households", sheet, "--apply")
    amparo(coord, "sync", "export", "--to", "Miembro Memoria", "--out", out)
    [bundle] = [os.path.join(out, n) for n in os.listdir(out) if n.endswith(".age")]
    return member, bundle


def session():
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": APP})
    return webdriver.Remote(command_executor=f"http://127.0.0.1:{PORT}", options=options)


def team_import(result, families, gone):
    member, bundle = prepare_team(families)
    result["import_families"] = families
    result["bundle_bytes"] = os.path.getsize(bundle)
    # The app opens the member's store, as if chosen in Settings before.
    prefs = os.path.join(os.environ.get("XDG_CONFIG_HOME", os.path.join(os.environ["HOME"], ".config")), "amparo")
    os.makedirs(prefs, exist_ok=True)
    with open(os.path.join(prefs, "app-settings.json"), "w") as f:
        json.dump({"language": "en", "auto_lock_minutes": 60, "store_dir": member}, f)
    driver = session()
    try:
        app = App(driver)
        pid = app.wait(lambda: app_pid(gone), "the app process")
        app.el("#unlock-passphrase", timeout=60)
        app.unlock(TEAM_PASSPHRASE)
        app.wait(lambda: app.els("#nav-home"), "the member's store open", timeout=120)
        result["team_home"] = settle(pid, "member's store on Home", "team_home")
        app.nav("sync")
        app.d.execute_script("window.__amparoE2eDialogAnswers = arguments[0];", [[bundle]])
        start = time.time()
        app.click("#sync-import")
        app.wait(lambda: "imported:" in app.el("[data-testid=import-outcomes]").text, "the import summary", timeout=600)
        result["import_seconds"] = round(time.time() - start, 1)
        app.nav("home")
        app.h1_any()
        result["after_import"] = settle(pid, f"Home after importing {families} families", "after_import")
        app.click("#lock-now")
        app.wait(lambda: app.els("#unlock-passphrase"), "the unlock screen")
        result["locked"] = settle(pid, "locked after the import", "locked")
    finally:
        driver.quit()


def demo(result):
    """The first launch: the demo store from the first-run screen, Home, every screen."""
    driver = session()
    try:
        app = App(driver)
        pid = app.wait(app_pid, "the app process")
        app.click("#fr-demo")
        app.wait(lambda: app.els("#nav-home"), "the demo store open", timeout=120)
        app.h1_any()
        result["home"] = settle(pid, "Home, demo store open", "home")
        visit_every_screen(app)
        result["every_screen"] = settle(pid, "Home again, after every screen", "every_screen")
        hold = float(os.environ.get("AMPARO_MEASURE_HOLD", "0"))
        if hold:  # keep the window open, e.g. to attach a debugger or read /proc by hand
            print(f"measure: holding the app (pid {pid}) open for {hold:.0f} s", file=sys.stderr)
            time.sleep(hold)
    finally:
        driver.quit()
    return pid


def main():
    result = {"app": APP}
    gone = ()
    if os.environ.get("AMPARO_MEASURE_DEMO", "1") != "0":
        gone = (demo(result),)
        time.sleep(2)  # the first window has gone
    families = int(os.environ.get("AMPARO_MEASURE_IMPORT", "3000"))
    if families:
        team_import(result, families, gone)
    out = os.environ.get("AMPARO_MEASURE_JSON")
    if out:
        with open(out, "w") as f:
            json.dump(result, f, indent=1)
    if "home" in result:
        print(table(result["home"], "Home, demo store open"))
        print()
        print(table(result["every_screen"], "Home again, after visiting every screen"))
    if "team_home" in result:
        n = result["import_families"]
        print()
        print(table(result["team_home"], "A team member's store on Home (second launch)"))
        print()
        print(table(result["after_import"], f"Home after importing a bundle of {n} families "
                    f"({result['bundle_bytes'] / 1e6:.1f} MB, {result['import_seconds']} s)"))
        print()
        print(table(result["locked"], "Locked after the import"))


if __name__ == "__main__":
    main()
