import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import HeldChanges from "./HeldChanges.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";

const held = { id: "d1:7", table: "court_date", record_id: "c1", fields: ["local_start", "time_zone"], dated: "2099-01-01T09:00:00Z", device_id: "d1", held_at: "2026-12-03T10:00:00Z", reason: "ahead_of_clock" };

describe("changes held for their date", () => {
  it("says what each would change without its values, and sets one aside on request", async () => {
    setLanguage("en");
    const discarded: unknown[] = [];
    backend({ held_changes: () => [held], discard_held: (a) => { discarded.push(a.id); return []; } });
    render(HeldChanges);
    const item = await screen.findByTestId("held-change");
    expect(item.textContent).toContain("1 court date, 2 fields changed, dated ");
    expect(item.textContent).not.toContain("local_start");
    await fireEvent.click(screen.getByRole("button", { name: "Set aside for good" }));
    expect(await screen.findByText("Set aside: it will not apply on this computer.")).toBeTruthy();
    expect(discarded).toEqual(["d1:7"]);
    expect(screen.queryByTestId("held-change")).toBeNull();
  });

  it("shows nothing when nothing is held, and speaks Spanish", async () => {
    setLanguage("es");
    backend({ held_changes: () => [] });
    render(HeldChanges);
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByTestId("held-changes")).toBeNull();
    setLanguage("en");
  });
});
