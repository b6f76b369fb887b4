import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import Sanctuary from "./Sanctuary.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import { monday, todayIso } from "../court/calendar";

const vol = (id: string, name: string, languages: string[]) => ({
  id, name, congregation_id: null, phone: null, preferred_contact: null, languages, trainings: [], background_check_expires: null,
  roles: [], availability: { weekly: [], blackout: [], blackout_rules: [] }, max_shifts_per_week: null, min_rest_hours: null, active: true,
});

describe("the shift picker", () => {
  it("shows beside each name their languages, training, availability and a clash with a court date", async () => {
    setLanguage("en");
    const day = monday(todayIso());
    const shift = {
      shift: { id: "sh1", site_id: "s1", label: "Morning", starts_utc: `${day}T14:00:00Z`, ends_utc: `${day}T20:00:00Z`, min_people: 1, max_people: null, required_skills: [], handoff_notes: null },
      local_start: `${day}T08:00:00`, local_end: `${day}T14:00:00`, volunteers: [], short_by: 1,
    };
    backend({
      sanctuary_sites: () => [{ id: "s1", name: "Iglesia", code: "SJ-1", address: null, time_zone: "America/Chicago", congregation_id: null, host_volunteer_id: null }],
      rota: () => [shift],
      volunteers: () => [vol("v1", "Ana", ["es"]), vol("v2", "Luis", ["en"])],
      shift_candidates: () => [
        { volunteer_id: "v1", trained: true, available: true, hours_given: true, clashes: [] },
        { volunteer_id: "v2", trained: false, available: null, hours_given: false, clashes: [
          { kind: "other_court_date", court_date_id: "c1", local_time: `${day} 09:30`, time_zone: "America/Chicago" },
        ] },
      ],
    });
    render(Sanctuary);
    const button = await screen.findByRole("button", { name: /Morning/ });
    await fireEvent.click(button);
    await waitFor(() => expect(screen.getAllByTestId("candidate-notes")[1].textContent).toContain("court"));
    const [ana, luis] = screen.getAllByTestId("candidate-notes").map((n) => n.textContent?.replace(/\s+/g, " ").trim());
    expect(ana).toBe("· Spanish · trained · available then");
    expect(luis).toBe("· English · not trained for this · already at a court date at 9:30 AM");
  });
});
