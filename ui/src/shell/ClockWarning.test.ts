import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import ClockWarning from "./ClockWarning.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";

describe("clock warning", () => {
  it("says nothing when the clock is right", async () => {
    setLanguage("en");
    const calls = backend({ clock_problem: () => null });
    render(ClockWarning);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(["clock_problem"]);
    expect(screen.queryByTestId("clock-warning")).toBeNull();
  });

  it("tells a person whose clock is behind to set it before editing", async () => {
    setLanguage("en");
    backend({ clock_problem: () => ({ kind: "behind", newest: "2026-12-02T15:00:00Z" }) });
    render(ClockWarning);
    const warning = await screen.findByTestId("clock-warning");
    expect(warning.textContent).toContain("This computer’s clock is behind");
    expect(warning.textContent).toContain("2026");
    expect(warning.textContent).toContain("Set the date and time before editing");
  });

  it("warns in Spanish of a clock far ahead", async () => {
    setLanguage("es");
    backend({ clock_problem: () => ({ kind: "ahead", newest: "2026-01-10T15:00:00Z" }) });
    render(ClockWarning);
    const warning = await screen.findByTestId("clock-warning");
    expect(warning.textContent).toContain("parece estar mal");
    setLanguage("en");
  });
});
