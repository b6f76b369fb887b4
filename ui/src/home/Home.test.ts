import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { session } from "../shell/session.svelte";
import Home from "./Home.svelte";
import { agenda, agendaItem as courtView, backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";

describe("home agenda", () => {
  it("makes an under-staffed court date stand out and a covered one not", async () => {
    setLanguage("en");
    backend({ agenda: () => agenda([courtView({ name: "Short", assigned: 1 }), courtView({ id: "c2", name: "Full", assigned: 2 })]), reminders: () => [], last_sync: () => ({ received: null, sent: null }) });
    render(Home);
    const items = await screen.findAllByTestId("agenda-court-item");
    expect(items).toHaveLength(2);
    expect(items[0].className).toContain("understaffed");
    expect(items[0].textContent).toContain("Needs people: 1 of 2");
    expect(items[1].className).not.toContain("understaffed");
    expect(items[1].textContent).toContain("Covered: 2 of 2");
    expect(items[0].textContent).toContain("9:30 AM");
  });

  it("shows a name full of markup as text", async () => {
    setLanguage("en");
    const name = '<img src=x onerror="alert(1)"><b>bold</b>';
    backend({ agenda: () => agenda([courtView({ name })]), reminders: () => [], last_sync: () => ({ received: null, sent: null }) });
    const { container } = render(Home);
    expect(await screen.findByText(name)).toBeTruthy();
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
  });

  it("translates the agenda to Spanish", async () => {
    setLanguage("es");
    backend({ agenda: () => agenda([courtView({ assigned: 0 })]), reminders: () => [], last_sync: () => ({ received: null, sent: null }) });
    render(Home);
    expect(await screen.findByText("Faltan personas: 0 de 2")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Inicio" })).toBeTruthy();
    setLanguage("en");
  });
});

describe("last sync", () => {
  const received = {
    at: "2026-12-01T12:00:00Z",
    from: "Ada Coordinadora",
    new: 3,
    updated: 1,
    conflicts: 0,
    families: [
      { household_id: "h1", name: "Familia Rojas", deleted: false, kinds: ["household", "court_date"] },
      { household_id: "h2", name: null, deleted: false, kinds: ["person"] },
      { household_id: "h3", name: "Familia Vieja", deleted: true, kinds: ["household"] },
      { household_id: "h4", name: null, deleted: true, kinds: ["household"] },
    ],
    more_families: true,
    other_changes: 2,
  };

  it("says what the last bundle brought, from whom, and to whom bundles last went", async () => {
    setLanguage("en");
    backend({ agenda: () => agenda([]), reminders: () => [], last_sync: () => ({ received, sent: { at: "2026-11-30T12:00:00Z", to: ["Bea", "Carmen"] } }) });
    render(Home);
    const got = await screen.findByTestId("last-received");
    expect(got.textContent).toMatch(/^\s*Received .*Dec 1, 2026.* from Ada Coordinadora: 3 new, 1 updated\.\s*$/);
    const families = screen.getByTestId("last-sync-families").textContent ?? "";
    expect(families).toContain("Familia Rojas");
    expect(families).toContain("family details, court dates");
    expect(families).toContain("A family (its name is not shared with you)");
    expect(families).toContain("Familia Vieja (deleted)");
    expect(families).toContain("A deleted or forgotten family");
    const links = Array.from(screen.getByTestId("last-sync-families").querySelectorAll("button")).map((b) => b.textContent);
    expect(links).toEqual(["Familia Rojas"]);
    expect(screen.getByText("…and more families.")).toBeTruthy();
    expect(screen.getByText("2 other records (team, rota, housing, volunteers).")).toBeTruthy();
    expect(screen.getByTestId("last-sent").textContent).toMatch(/Sent .*Nov 30, 2026.* to Bea, Carmen\./);
    expect(screen.queryByText("No bundles exchanged yet.")).toBeNull();
  });

  it("says so when nothing was exchanged, and speaks Spanish", async () => {
    setLanguage("es");
    backend({ agenda: () => agenda([]), reminders: () => [], last_sync: () => ({ received: null, sent: null }) });
    const first = render(Home);
    expect(await screen.findByText("Todavía no se han intercambiado paquetes.")).toBeTruthy();
    first.unmount();
    backend({ agenda: () => agenda([]), reminders: () => [], last_sync: () => ({ received: { ...received, from: null, more_families: false, other_changes: 0 }, sent: null }) });
    render(Home);
    expect((await screen.findByTestId("last-received")).textContent).toContain("de alguien que ya no está en el equipo: 3 nuevos, 1 actualizados.");
    expect(screen.getByTestId("last-sync-families").textContent).toContain("datos de la familia, citas en la corte");
    expect(screen.getByText("Todavía no se ha enviado nada.")).toBeTruthy();
    setLanguage("en");
  });
});

describe("a new, empty store", () => {
  const empty = { agenda: () => agenda([]), reminders: () => [], last_sync: () => ({ received: null, sent: null }), households: () => [], sanctuary_sites: () => [] };

  it("says what to do first and sends to the family form or the spreadsheet import", async () => {
    setLanguage("en");
    backend(empty);
    render(Home);
    const start = await screen.findByTestId("home-start");
    expect(start.textContent).toContain("There are no families in Amparo yet");
    await fireEvent.click(screen.getByRole("button", { name: "Import a spreadsheet" }));
    expect(session.route).toEqual({ name: "spreadsheets" });
    await fireEvent.click(screen.getByRole("button", { name: "Add a family" }));
    expect(session.route).toEqual({ name: "families", add: true });
  });

  it("does not say every shift has enough people when there is no shift", async () => {
    setLanguage("en");
    backend(empty);
    render(Home);
    await screen.findByTestId("home-start");
    expect(screen.queryByText("Every sanctuary shift has enough people.")).toBeNull();
  });

  it("says it once there are shifts and none is short, and drops the start card once a family exists", async () => {
    setLanguage("en");
    backend({ ...empty, households: () => [{ id: "h1" }], sanctuary_sites: () => [{ id: "s1" }], rota: () => [{ shift: { id: "x" } }] });
    render(Home);
    expect(await screen.findByText("Every sanctuary shift has enough people.")).toBeTruthy();
    expect(screen.queryByTestId("home-start")).toBeNull();
  });
});
