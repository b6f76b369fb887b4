import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import Sanctuary from "./Sanctuary.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import { monday, todayIso } from "../court/calendar";
import { assignAnyway, chooseAgain, warnedOf } from "../test/warnFirst";

const vol = (id: string, name: string) => ({
  id, name, congregation_id: null, phone: null, preferred_contact: null, languages: [], trainings: [], background_check_expires: null,
  roles: [], availability: { weekly: [], blackout: [], blackout_rules: [] }, max_shifts_per_week: null, min_rest_hours: null, active: true,
});

function world(saved: string[][]) {
  const day = monday(todayIso());
  const shift = {
    shift: { id: "sh1", site_id: "s1", label: "Morning", starts_utc: `${day}T14:00:00Z`, ends_utc: `${day}T20:00:00Z`, min_people: 1, max_people: null, required_skills: [], handoff_notes: null },
    local_start: `${day}T08:00:00`, local_end: `${day}T14:00:00`, volunteers: [], short_by: 1,
  };
  return backend({
    sanctuary_sites: () => [{ id: "s1", name: "Iglesia", code: "SJ-1", address: null, time_zone: "America/Chicago", congregation_id: null, host_volunteer_id: null }],
    rota: () => [shift],
    volunteers: () => [vol("v1", "Lucía Hernández Peña")],
    shift_candidates: () => [],
    shift_warnings: (a) => ((a.volunteerIds as string[]).includes("v1") ? [{ volunteer_id: "v1", name: "Lucía Hernández Peña", warning: { kind: "blackout", date: day } }] : []),
    set_shift_volunteers: (a) => { saved.push(a.volunteerIds as string[]); },
    save_handoff: () => null,
    rota_issues: () => [],
    swap_requests: () => [],
    rotation_templates: () => [],
  });
}

async function chooseLucia() {
  await fireEvent.click(await screen.findByRole("button", { name: /Morning/ }));
  await fireEvent.click(await screen.findByRole("checkbox", { name: /Lucía Hernández Peña/ }));
  await fireEvent.click(screen.getByRole("button", { name: /^(Save|Guardar)$/ }));
}

describe("putting a volunteer on a shift by hand", () => {
  it("names her blackout date first and assigns her only on 'Assign anyway'", async () => {
    setLanguage("en");
    const saved: string[][] = [];
    world(saved);
    render(Sanctuary);
    await chooseLucia();
    expect(await warnedOf("shift")).toEqual([expect.stringMatching(/^Lucía Hernández Peña: .+ is one of their blackout dates$/)]);
    expect(saved).toEqual([]);
    await assignAnyway();
    await waitFor(() => expect(saved).toEqual([["v1"]]));
    expect(screen.queryByTestId("shift-warnings")).toBeNull();
  });

  it("says it in Spanish, and 'Choose again' assigns nobody", async () => {
    setLanguage("es");
    const saved: string[][] = [];
    world(saved);
    render(Sanctuary);
    await chooseLucia();
    expect(await warnedOf("shift")).toEqual([expect.stringMatching(/^Lucía Hernández Peña: el .+ es uno de sus días no disponibles$/)]);
    await chooseAgain("shift");
    expect(saved).toEqual([]);
    setLanguage("en");
  });

  it("brings the shift's editor into view and marks the chosen shift", async () => {
    setLanguage("en");
    world([]);
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    render(Sanctuary);
    const shift = await screen.findByRole("button", { name: /Morning/ });
    expect(shift.getAttribute("aria-pressed")).toBe("false");
    await fireEvent.click(shift);
    await waitFor(() => expect(scrolled).toHaveBeenCalled());
    expect(scrolled.mock.instances[0]).toBe(document.getElementById("shift-edit"));
    expect(shift.getAttribute("aria-pressed")).toBe("true");
  });
});
