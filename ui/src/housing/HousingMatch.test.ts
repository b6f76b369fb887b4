import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import HousingMatch from "./HousingMatch.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import type { Household, HousingMatches, Placement } from "../ipc";

const household = { id: "h1", display_name: "Familia Prueba" } as Household;
const result: HousingMatches = {
  need: { beds: 3, children: true, languages: ["es"], pets: false, accessible: false },
  matches: [
    { site_id: "s1", name: "Casa Azul", capacity: 4, free_beds: 3, shared_languages: ["es"], verified: true, score: 1100 },
    { site_id: "s2", name: "Casa Roja", capacity: 8, free_beds: 8, shared_languages: [], verified: false, score: -5 },
  ],
};

describe("housing match", () => {
  it("lists matches best first and places the family for exactly the nights asked", async () => {
    setLanguage("en");
    const saved: Placement[] = [];
    let placed = 0;
    backend({ housing_matches: () => result, save_placement: (a) => { saved.push(a.placement as Placement); return "p1"; } });
    render(HousingMatch, { households: [household], onplaced: () => placed++ });
    await fireEvent.change(screen.getByLabelText("Family"), { target: { value: "h1" } });
    await fireEvent.input(screen.getByLabelText("First night"), { target: { value: "2026-12-01" } });
    await fireEvent.input(screen.getByLabelText("Last night"), { target: { value: "2026-12-20" } });
    await fireEvent.click(screen.getByRole("button", { name: "Find sites" }));
    const items = await screen.findAllByTestId("match-item");
    expect(items[0].textContent).toContain("Casa Azul · 3 free beds every night · Speaks Spanish");
    expect(screen.getByTestId("match-need").textContent).toContain("Beds needed: 3 · children");
    await fireEvent.click(items[0].querySelector("button")!);
    expect(await screen.findByText("Placed at Casa Azul.")).toBeTruthy();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ household_id: "h1", site_id: "s1", beds: 3, start_date: "2026-12-01", expected_end: "2026-12-20" });
    expect(placed).toBe(1);
  });
});
