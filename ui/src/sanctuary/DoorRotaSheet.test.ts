import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import DoorRotaSheet from "./DoorRotaSheet.svelte";
import type { DoorRota } from "../ipc/sanctuary";

const rota: DoorRota = {
  site_code: "SJ-1",
  monday: "2026-11-30",
  rows: [{
    label: "Morning",
    days: [[], [], [], [], [{ shift_id: "s1", start: "08:00", end: "14:00", people: ["Ana"], needs: 0, missing_skills: [] }], [], []],
  }],
};

describe("the printed door rota", () => {
  it("is US style in English: 'Dec 4' and '8:00 AM–2:00 PM', like the other English screens", () => {
    render(DoorRotaSheet, { rota, lang: "en" });
    const sheet = screen.getByTestId("door-rota");
    expect(sheet.textContent).toContain("Week of Nov 30, 2026");
    expect(sheet.querySelectorAll("thead th")[5].textContent).toBe("FridayDec 4");
    expect(sheet.textContent).toContain("8:00 AM–2:00 PM");
    expect(sheet.textContent).not.toContain("04/12");
  });

  it("stays day/month and 24-hour in Spanish", () => {
    render(DoorRotaSheet, { rota, lang: "es" });
    const sheet = screen.getByTestId("door-rota");
    expect(sheet.textContent).toContain("04/12");
    expect(sheet.textContent).toContain("08:00–14:00");
  });
});
