import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { setLanguage } from "../i18n/index.svelte";
import { backend } from "../test/fixtures";
import Desk from "./Desk.svelte";
import { deskRow } from "./testData";

const rows = () => [
  deskRow(
    { id: "b", kind: "workplace", location: "Calle 8 y Main", status: "dispatched", disposition: "confirmed", received_at: "2026-12-06T16:00:00Z" },
    { handled_by: "Marta", responders: 2, zone: "Norte", same_event: ["a"] },
  ),
  deskRow({ id: "a", kind: "workplace", location: "Main St at 8th", received_at: "2026-12-06T15:40:00Z" }, { same_event: ["b"] }),
];

describe("the rapid response desk", () => {
  it("lists incidents in the order the core gives, with status, disposition, who handles it and responders", async () => {
    setLanguage("en");
    backend({ incident_desk: () => rows(), response_zones: () => [], default_time_zone: () => ({ zone: "America/Chicago", from_team: false }) });
    render(Desk);
    const lines = await screen.findAllByTestId("desk-row");
    expect(lines.map((l) => l.dataset.id)).toEqual(["b", "a"]);
    const first = within(lines[0]);
    expect(first.getByRole("button", { name: "Workplace — Calle 8 y Main" })).toBeTruthy();
    expect(first.getByTestId("desk-status").textContent).toBe("Dispatched");
    expect(first.getByTestId("desk-disposition").textContent).toBe("Confirmed");
    expect(first.getByTestId("desk-handled").textContent).toBe("Marta");
    expect(first.getByTestId("desk-responders").textContent).toBe("2");
    expect(within(lines[1]).getByTestId("desk-handled").textContent).toBe("nobody");
    expect(first.getByTestId("same-event").textContent).toContain("Maybe the same event as Workplace — Main St at 8th");
  });

  it("speaks Spanish, enum words included", async () => {
    setLanguage("es");
    backend({ incident_desk: () => rows(), response_zones: () => [], default_time_zone: () => ({ zone: "America/Chicago", from_team: false }) });
    render(Desk);
    const lines = await screen.findAllByTestId("desk-row");
    expect(within(lines[0]).getByTestId("desk-status").textContent).toBe("Despachado");
    expect(within(lines[1]).getByTestId("desk-disposition").textContent).toBe("Sin verificar");
    expect(within(lines[1]).getByTestId("desk-handled").textContent).toBe("nadie");
    expect(screen.getByRole("heading", { name: "Mesa de respuesta rápida" })).toBeTruthy();
    setLanguage("en");
  });

  it("merges a report that may be the same event only after asking", async () => {
    setLanguage("en");
    const merged: unknown[] = [];
    backend({
      incident_desk: () => rows(),
      response_zones: () => [],
      default_time_zone: () => ({ zone: "America/Chicago", from_team: false }),
      merge_incidents: (a) => { merged.push(a); return 3; },
    });
    render(Desk);
    const lines = await screen.findAllByTestId("desk-row");
    await fireEvent.click(within(lines[0]).getByRole("button", { name: "Merge into this report" }));
    expect(merged).toEqual([]);
    await fireEvent.click(screen.getByRole("button", { name: "Merge" }));
    expect(merged).toEqual([{ keep: "b", other: "a" }]);
    expect(await screen.findByText("Merged: 3 records moved.")).toBeTruthy();
  });

  it("says so when nothing is open", async () => {
    setLanguage("en");
    backend({ incident_desk: () => [], response_zones: () => [], default_time_zone: () => ({ zone: "America/Chicago", from_team: false }) });
    render(Desk);
    expect(await screen.findByText("No open incidents.")).toBeTruthy();
  });
});
