import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import AutofillPanel from "./AutofillPanel.svelte";
import RotaIssues from "./RotaIssues.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import type { AutofillPlan } from "../ipc/sanctuary";

const plan: AutofillPlan = {
  site_id: "site", from: "2026-11-02T06:00:00Z", to: "2026-11-09T06:00:00Z",
  assignments: [{ shift_id: "s1", site_id: "site", shift_label: "day", starts_utc: "2026-11-02T14:00:00Z", volunteer_id: "v1", volunteer_name: "Ana López", covers_skill: "spanish" }],
  coverage: 3, positions: 4, bound: 3, proven_optimal: true,
  gaps: [{ shift_id: "s1", site_id: "site", shift_label: "day", starts_utc: "2026-11-02T14:00:00Z", missing: 1, missing_skills: [], reason: "at_limits" }],
  load: [["v1", "Ana López", 2]],
};

describe("auto-fill", () => {
  it("shows the plan first and applies exactly that plan only on confirm", async () => {
    setLanguage("en");
    let applied: unknown = null;
    const calls = backend({ plan_autofill: () => plan, apply_autofill: (a) => { applied = a.plan; return 1; } });
    let refreshed = 0;
    render(AutofillPanel, { siteId: "site", week: "2026-11-02", shifts: [], onapplied: () => (refreshed += 1) });
    await fireEvent.click(screen.getByRole("button", { name: "Plan auto-fill" }));
    expect(await screen.findByText("Coverage: 3 of 4 places filled")).toBeTruthy();
    expect(screen.getByText(/This is the best possible/)).toBeTruthy();
    expect(screen.getByText("Ana López")).toBeTruthy();
    expect(screen.getByTestId("af-gaps").textContent).toContain("1 missing");
    expect(screen.getByTestId("af-gap-reason").textContent).toContain("everyone available is at their weekly maximum or needs their rest");
    expect(calls).toEqual(["plan_autofill"]);
    await fireEvent.click(screen.getByRole("button", { name: "Apply this plan" }));
    expect(await screen.findByText("1 assignments made.")).toBeTruthy();
    expect(applied).toEqual(plan);
    expect(refreshed).toBe(1);
  });

  it("says when the plan is not proven best", async () => {
    setLanguage("es");
    backend({ plan_autofill: () => ({ ...plan, proven_optimal: false, bound: 4 }) });
    render(AutofillPanel, { siteId: "site", week: "2026-11-02", shifts: [], onapplied: () => {} });
    await fireEvent.click(screen.getByRole("button", { name: "Proponer llenado automático" }));
    expect(await screen.findByText(/Ningún plan puede cubrir más de 4/)).toBeTruthy();
    setLanguage("en");
  });
});

describe("rota issues block", () => {
  it("is loud when there are issues and shows names as text", () => {
    setLanguage("en");
    const name = "<b>Ana</b>";
    const { container } = render(RotaIssues, { issues: [{
      kind: "double_booked", site_id: "s", site_code: "SJ-1", shift_id: "x", label: "extra", local_start: "2026-11-02 08:00",
      local_end: "2026-11-02 14:00", time_zone: "America/Chicago", starts_utc: "2026-11-02T14:00:00Z", assigned: 0, min_people: 2,
      missing_skills: [], volunteer_id: "v", volunteer: name, other_shift_id: "y", other_label: "day", other_local_start: "2026-11-02 07:00",
      rest_minutes: null, wanted_hours: null, blackout_date: null,
    }] });
    expect(screen.getByRole("alert").textContent).toContain(`DOUBLE BOOKED: ${name} is on SJ-1 extra`);
    expect(container.querySelector("b")).toBeNull();
    expect(container.querySelector(".loud")).not.toBeNull();
  });
});

describe("home agenda rota issues", () => {
  it("shows the agenda's rota issues loudly above the rest, and nothing when there are none", async () => {
    setLanguage("en");
    const { default: Home } = await import("../home/Home.svelte");
    const { agenda } = await import("../test/fixtures");
    const gap = {
      kind: "gap" as const, site_id: "s", site_code: "SJ-1", shift_id: "x", label: "overnight", local_start: "2026-12-01 20:00",
      local_end: "2026-12-02 08:00", time_zone: "America/Chicago", starts_utc: "2026-12-02T02:00:00Z", assigned: 0, min_people: 2,
      missing_skills: ["rapid_response"], volunteer_id: null, volunteer: null, other_shift_id: null, other_label: null,
      other_local_start: null, rest_minutes: null, wanted_hours: null,
    };
    backend({ agenda: () => ({ ...agenda([]), rota_issues: [gap] }) });
    const first = render(Home);
    const block = await screen.findByTestId("home-rota-issues");
    expect(block.textContent).toContain("GAP: SJ-1 overnight");
    expect(block.textContent).toContain("0 of 2 people; nobody with rapid response");
    expect(screen.queryByText("Every sanctuary shift has enough people.")).toBeNull();
    first.unmount();
    backend({ agenda: () => agenda([]), households: () => [{ id: "h1" }], sanctuary_sites: () => [{ id: "s" }], rota: () => [{ shift: { id: "x" } }] });
    render(Home);
    await screen.findByText("Home");
    expect(screen.queryByTestId("home-rota-issues")).toBeNull();
    expect(await screen.findByText("Every sanctuary shift has enough people.")).toBeTruthy();
  });
});
