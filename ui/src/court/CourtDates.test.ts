import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { setLanguage } from "../i18n/index.svelte";
import { backend, courtView } from "../test/fixtures";
import { todayIso } from "./calendar";
import CourtDates from "./CourtDates.svelte";

describe("the court month view", () => {
  it("marks today and says 'time to be confirmed' instead of the placeholder time", async () => {
    setLanguage("en");
    const today = todayIso();
    const c = courtView({ name: "Familia Alvarado" });
    backend({ court_dates: () => [{ ...c, court: { ...c.court, time_tbc: true, local_start: `${today}T13:00:00` } }] });
    const { container } = render(CourtDates);
    await fireEvent.click(screen.getByRole("button", { name: "Month" }));
    const cell = await screen.findByText((_, el) => el?.getAttribute("aria-current") === "date");
    expect(cell.textContent).toContain("today");
    expect(container.querySelectorAll('[aria-current="date"]').length).toBe(1);
    const event = await screen.findByRole("button", { name: /Familia Alvarado/ });
    expect(event.textContent).toContain("time to be confirmed");
    expect(event.textContent).not.toContain("1:00");
  });
});

describe("adding a court date", () => {
  it("starts from the Court dates screen itself, in the form that asks for the family", async () => {
    setLanguage("en");
    const { session } = await import("../shell/session.svelte");
    backend({ court_dates: () => [] });
    render(CourtDates);
    await fireEvent.click(screen.getByRole("button", { name: "Add court date" }));
    expect(session.route).toEqual({ name: "courtDate", id: null });
  });
});
