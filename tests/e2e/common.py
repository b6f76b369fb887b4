"""What several E2E modules share: a coordinator's store, its (invented) texts and how the
`amparo` command makes one, so that each module builds its own copy through the `app`
fixture (conftest.py) and none leans on another's.

test_app.py makes the same things through the window, from its first-run screen; the
modules that need them ready (test_court_housing.py, test_sanctuary_more.py,
test_sync.py, test_zz_disk_scan.py) call `coordinators_store` from their `prepare`.
"""
import datetime as dt

# Realistic (invented) texts, each unusual enough to serve as a marker for the disk scan.
FAMILY = "Familia Zorrilla Quintana"
XSS = "<img src=x onerror=alert(1)> Familia Prueba"
PERSON = "Rosa Quintana Zorrilla"
A_NUMBER = "208765431"
ATTORNEY = "Lic. Herrera"
PLACE = "Dallas Immigration Court, 1100 Commerce St"
NOTE = "Prefers calls after 6 pm; gate code 4471"
VOL1 = "Ana Belén Ortuño"
VOL2 = "Roberto Villaseñor"
TEAM = "Red Norte"
# The coordinator's name on the store (and on the card other devices see).
COORDINATOR = "Coordinator"
HOUSING_SITE = "Casa Esperanza"
MARKERS = ["Zorrilla Quintana", "onerror=alert(1)", "Quintana Zorrilla", A_NUMBER, "1100 Commerce",
           "gate code 4471", "Belén Ortuño", "Villaseñor"]

# The family's master calendar hearing, at 09:30 in Chicago.
COURT_DAY = (dt.date.today() + dt.timedelta(days=3)).isoformat()


def coordinators_store(stores, name="main"):
    """A new store of the coordinator of TEAM, made with the CLI, holding what test_app.py
    makes in the window: the family FAMILY (Spanish, Mam) with PERSON (A_NUMBER, attorney
    ATTORNEY) and an internal NOTE; a family named XSS; the accompaniers VOL1 and VOL2,
    both going to FAMILY's master calendar hearing on COURT_DAY 09:30 America/Chicago at
    PLACE (two wanted); and HOUSING_SITE, two beds, where FAMILY is placed from today with
    no end. The ids are in store.ids."""
    s = stores.new(name, owner=COORDINATOR)
    s("team", "create", TEAM)
    s.ids["xss"] = s.added("family", "add", "--name", XSS)
    family = s.ids["family"] = s.added("family", "add", "--name", FAMILY, "--language", "Spanish", "--language", "Mam")
    s.ids["person"] = s.added("person", "add", "--family", family, "--name", PERSON, "--a-number", A_NUMBER, "--attorney", ATTORNEY)
    s("note", "add", "--on", family, "--text", NOTE)
    vols = [s.added("volunteer", "add", "--name", v, "--role", "accompanier") for v in (VOL1, VOL2)]
    s.ids["vol1"], s.ids["vol2"] = vols
    court = s.ids["court"] = s.added("court", "add", "--family", family, "--kind", "master_calendar", "--at", f"{COURT_DAY} 09:30",
                                     "--tz", "America/Chicago", "--place", PLACE, "--min", "2")
    # Neither is trained: the CLI says so and assigns them (the window asks first).
    s("court", "assign", court, *vols)
    site = s.ids["site"] = s.added("site", "add", "--name", HOUSING_SITE, "--capacity", "2")
    s("placement", "add", "--family", family, "--site", site, "--beds", "2", "--start", dt.date.today().isoformat(), "--end", "none")
    return s
