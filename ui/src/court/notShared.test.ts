// A driver's store is sent when and where to drive, not what the hearing is (its kind),
// the family's name nor who else goes. Every court view shows those as "not shared with your role", never
// as the kind or name the store happens to hold in their place.
import { afterEach, describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { setLanguage } from "../i18n/index.svelte";
import { agenda, agendaItem, backend, courtView } from "../test/fixtures";
import type { RunSheetRow } from "../ipc";
import CourtDates from "./CourtDates.svelte";
import CourtDateForm from "./CourtDateForm.svelte";
import RunSheet from "./RunSheet.svelte";
import Home from "../home/Home.svelte";

// What a driver's store does not hold of a court date (src-tauri `court_not_shared`).
const DRIVER = ["kind", "judge", "attorney_attending", "interpreter", "internal_notes", "accompanier_notes", "household_name", "accompaniers"];
const NOT_SHARED = { en: "not shared with your role", es: "no compartido con su rol" };
// The store keeps the kind empty; what arrives in its place must never be shown.
const KIND_SHOWN = { en: "Master calendar hearing", es: "Audiencia de calendario" };
// Nor a count of accompaniers it is not sent (it would always be 0).
const STAFFING = { en: "Accompaniers: not shared with your role", es: "Acompañantes: no compartido con su rol" };
const SHORT = { en: "Needs people", es: "Faltan personas" };

afterEach(() => setLanguage("en"));

function runSheetRow(notShared: string[]): RunSheetRow {
  return {
    court_date_id: "c1", household_id: "h1", kind: "master_calendar", time_tbc: false,
    time: "09:30 CST", clocks: { local: "09:30", zone: "America/Chicago", zone_abbr: "CST", viewer: null, viewer_abbr: null, viewer_date: null },
    family: "", person_first_name: "Rosa", family_phone: "312-555-0199", place: "Chicago Immigration Court",
    address: null, room: "Courtroom 4", interpreter: null, transport_needed: true, accompaniers: [], wanted: 2, notes: null,
    not_shared: notShared,
  };
}

describe.each(["en", "es"] as const)("a court date on a driver's store (%s)", (lang) => {
  it("lists its kind and family as not shared in the court dates list", async () => {
    setLanguage(lang);
    const c = courtView({ name: "", notShared: DRIVER });
    backend({ court_dates: () => [{ ...c, court: { ...c.court, local_start: "2099-12-01T09:30:00" } }] });
    const { container } = render(CourtDates);
    const row = (await screen.findByText("Chicago Immigration Court")).closest("tr");
    const cells = [...(row?.querySelectorAll("td") ?? [])].map((td) => td.textContent?.trim());
    expect(cells[1]).toBe(NOT_SHARED[lang]);
    expect(cells[2]).toBe(NOT_SHARED[lang]);
    expect(cells[4]).toBe(STAFFING[lang]);
    expect(row?.className).not.toContain("understaffed");
    expect(container.textContent).not.toContain(KIND_SHOWN[lang]);
    expect(container.textContent).not.toContain(SHORT[lang]);
  });

  it("says so on the court date, with no kind to choose and the judge's field empty and closed", async () => {
    setLanguage(lang);
    backend({ court_date: () => courtView({ name: "", notShared: DRIVER }), households: () => [], volunteers: () => [] });
    const { container } = render(CourtDateForm, { id: "c1" });
    const summary = await screen.findByTestId("court-summary");
    expect(summary.textContent).toContain(`${NOT_SHARED[lang]} · ${NOT_SHARED[lang]} ·`);
    expect(container.querySelector("select#court-kind")).toBeNull();
    expect(container.querySelector("select#court-household")).toBeNull();
    expect(container.querySelector("#court-household")?.textContent).toBe(NOT_SHARED[lang]);
    expect(container.querySelector("#court-kind")?.textContent).toBe(NOT_SHARED[lang]);
    expect(container.textContent).not.toContain(KIND_SHOWN[lang]);
    const judge = container.querySelector<HTMLInputElement>("#court-judge");
    expect(judge?.disabled).toBe(true);
    expect(judge?.placeholder).toBe(NOT_SHARED[lang]);
    // What the driver holds stays editable: the place, the room.
    expect(container.querySelector<HTMLInputElement>("#court-room")?.disabled).toBe(false);
    // No accompaniers to choose, no count of them.
    expect(screen.getByRole("heading", { name: lang === "en" ? "Accompaniers" : "Acompañantes" }).parentElement?.textContent).toContain(NOT_SHARED[lang]);
    expect(container.querySelector("#acc-save")).toBeNull();
    expect(screen.getByTestId("staffing").textContent?.trim()).toBe(STAFFING[lang]);
  });

  it("heads its run sheet entry with not shared instead of a kind", async () => {
    setLanguage(lang);
    backend({ run_sheet: () => [runSheetRow(DRIVER)] });
    render(RunSheet);
    const entry = await screen.findByTestId("run-sheet-entry");
    expect(entry.querySelector("h3")?.textContent).toContain(`— ${NOT_SHARED[lang]}`);
    expect(entry.textContent).toContain(`Rosa (${NOT_SHARED[lang]})`);
    // Who else goes is not sent: no "nobody", no "2 more needed".
    expect(entry.querySelector(".badge.short")).toBeNull();
    expect(entry.textContent).not.toContain(lang === "en" ? "No one assigned yet" : "Nadie asignado todavía");
    expect(entry.textContent).not.toContain(KIND_SHOWN[lang]);
  });

  it("shows not shared on its Home card", async () => {
    setLanguage(lang);
    backend({ agenda: () => agenda([agendaItem({ name: "" })], DRIVER), reminders: () => [], last_sync: () => ({ received: null, sent: null }), conflicts: () => [] });
    render(Home);
    const item = await screen.findByTestId("agenda-court-item");
    expect(item.textContent).toContain(`${NOT_SHARED[lang]} — ${NOT_SHARED[lang]} · Chicago Immigration Court`);
    expect(item.className).not.toContain("understaffed");
    expect(item.textContent).toContain(STAFFING[lang]);
    expect(item.textContent).not.toContain(SHORT[lang]);
    expect(item.textContent).not.toContain(KIND_SHOWN[lang]);
  });
});

describe("a court date on a store that holds its kind", () => {
  it("shows the kind, family and staffing, and offers the kinds to choose", async () => {
    setLanguage("en");
    backend({ court_date: () => courtView({ name: "Familia Ríos" }), households: () => [], volunteers: () => [] });
    const { container } = render(CourtDateForm, { id: "c1" });
    const summary = await screen.findByTestId("court-summary");
    expect(summary.textContent).toContain("Familia Ríos · Master calendar hearing ·");
    expect(container.querySelector("select#court-kind")).not.toBeNull();
    expect(screen.getByTestId("staffing").textContent?.trim()).toBe("Needs people: 0 of 2");
    expect(container.textContent).not.toContain(NOT_SHARED.en);
  });
});
