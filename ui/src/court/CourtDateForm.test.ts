import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { setLanguage } from "../i18n/index.svelte";
import { session, type Route } from "../shell/session.svelte";
import { backend, courtView, rejectWith } from "../test/fixtures";
import CourtDateForm from "./CourtDateForm.svelte";
import { assignAnyway, chooseAgain, warnedOf } from "../test/warnFirst";

function open(deleted: unknown[]) {
  return backend({
    court_date: () => courtView({ name: "Familia Quispe" }),
    households: () => [],
    volunteers: () => [],
    delete_court_date: (a) => { deleted.push(a.id); return 1; },
  });
}

describe("deleting a court date", () => {
  it("says what will go and asks first; cancel deletes nothing", async () => {
    setLanguage("en");
    const deleted: unknown[] = [];
    const calls = open(deleted);
    render(CourtDateForm, { id: "c1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Delete this court date" }));
    const ask = screen.getByTestId("court-delete-ask").textContent ?? "";
    expect(ask).toContain("Delete the Master calendar hearing of Familia Quispe on");
    expect(ask).toContain("at Chicago Immigration Court?");
    expect(ask).toContain("entered by mistake");
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByTestId("court-delete-ask")).toBeNull();
    expect(calls).not.toContain("delete_court_date");
    expect(deleted).toEqual([]);
  });

  it("deletes exactly that date on yes and returns to the family, saying what was deleted", async () => {
    setLanguage("en");
    const deleted: unknown[] = [];
    open(deleted);
    session.route = { name: "courtDate", id: "c1" };
    render(CourtDateForm, { id: "c1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Delete this court date" }));
    await fireEvent.click(screen.getByRole("button", { name: "Yes, delete the court date" }));
    await waitFor(() => expect(session.route.name).toBe("family"));
    expect(deleted).toEqual(["c1"]);
    // Widened again: the assignment above narrowed it to the court date route.
    const route = session.route as Route;
    if (route.name !== "family") throw new Error(`on ${route.name}, not the family`);
    expect(route.id).toBe("h1");
    expect(route.notice).toMatch(/^Court date deleted: Master calendar hearing on .+ at Chicago Immigration Court\.$/);
  });

  it("says in the question why a deletion failed, and stays on the date", async () => {
    setLanguage("en");
    backend({
      court_date: () => courtView({ name: "Familia Quispe" }),
      households: () => [],
      volunteers: () => [],
      delete_court_date: rejectWith("not_found", "court date gone"),
    });
    session.route = { name: "courtDate", id: "c1" };
    render(CourtDateForm, { id: "c1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Delete this court date" }));
    await fireEvent.click(screen.getByRole("button", { name: "Yes, delete the court date" }));
    const ask = screen.getByTestId("court-delete-ask");
    await waitFor(() => expect(ask.textContent).toContain("That record no longer exists."));
    expect(session.route.name).toBe("courtDate");
  });

  it("asks in Spanish for a Spanish speaker", async () => {
    setLanguage("es");
    open([]);
    render(CourtDateForm, { id: "c1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Eliminar esta cita" }));
    expect(screen.getByTestId("court-delete-ask").textContent).toContain("¿Eliminar la cita");
    expect(screen.getByRole("button", { name: "Sí, eliminar la cita" })).toBeTruthy();
    setLanguage("en");
  });

  it("offers no deletion on a new court date", async () => {
    setLanguage("en");
    open([]);
    render(CourtDateForm, { id: null, householdId: "h1" });
    await screen.findByRole("button", { name: "Save" });
    expect(screen.queryByRole("button", { name: "Delete this court date" })).toBeNull();
  });
});

describe("a new court date's time zone", () => {
  function openNew(zone: { zone: string; from_team: boolean }, saved: unknown[]) {
    return backend({
      households: () => [{ ...courtView().court, id: "h1", display_name: "Familia Quispe" }],
      volunteers: () => [],
      default_time_zone: () => zone,
      save_court_date: (a) => { saved.push(a.input); return "c9"; },
      court_date: () => courtView(),
    });
  }

  it("starts in the team's last used zone, says so, and saves that zone", async () => {
    setLanguage("en");
    openNew({ zone: "America/New_York", from_team: true }, []);
    render(CourtDateForm, { id: null, householdId: "h1" });
    expect((await screen.findByTestId("zone-source")).textContent).toContain("Starts in America/New_York, the zone the team used last");
    expect((screen.getByLabelText("Time zone of the place") as HTMLSelectElement).value).toBe("America/New_York");
  });

  it("starts in this computer's zone when the team has none, even one outside the usual list", async () => {
    setLanguage("es");
    openNew({ zone: "Europe/Madrid", from_team: false }, []);
    render(CourtDateForm, { id: null, householdId: "h1" });
    expect((await screen.findByTestId("zone-source")).textContent).toContain("Empieza en Europe/Madrid, la zona de esta computadora");
    await waitFor(() => expect((document.getElementById("court-zone") as HTMLSelectElement).value).toBe("Europe/Madrid"));
    setLanguage("en");
  });
});

describe("the accompanier picker", () => {
  const vol = (id: string, name: string, languages: string[]) => ({
    id, name, congregation_id: null, phone: null, preferred_contact: null, languages, trainings: [], background_check_expires: null,
    roles: [], availability: { weekly: [], blackout: [], blackout_rules: [] }, max_shifts_per_week: null, min_rest_hours: null, active: true,
  });

  it("shows beside each name their languages, training, availability and what they are already booked on then", async () => {
    setLanguage("en");
    backend({
      court_date: () => courtView({ name: "Familia Quispe" }),
      households: () => [],
      volunteers: () => [vol("v1", "Ana", ["es", "en"]), vol("v2", "Luis", []), vol("v3", "Marta", ["es"])],
      accompanier_candidates: () => [
        { volunteer_id: "v1", trained: true, available: true, hours_given: true, clashes: [] },
        { volunteer_id: "v2", trained: false, available: false, hours_given: true, clashes: [] },
        { volunteer_id: "v3", trained: true, available: true, hours_given: false, clashes: [
          { kind: "on_shift", shift_id: "s1", label: "Morning", local_start: "2026-12-01 08:00", local_end: "2026-12-01 14:00", time_zone: "America/Chicago" },
        ] },
      ],
    });
    render(CourtDateForm, { id: "c1" });
    await waitFor(() => expect(screen.getAllByTestId("candidate-notes")[0].textContent).toContain("trained"));
    const [ana, luis, marta] = screen.getAllByTestId("candidate-notes").map((n) => n.textContent?.replace(/\s+/g, " ").trim());
    expect(ana).toBe("· Spanish, English · trained · available then");
    expect(luis).toBe("· no language given · not trained for this · not available then");
    expect(marta).toBe("· Spanish · trained · already on the Morning shift 8:00 AM–2:00 PM");
  });
});

describe("assigning accompaniers", () => {
  const ana = {
    id: "v1", name: "Ana Voluntaria", congregation_id: null, phone: null, preferred_contact: null, languages: [],
    trainings: [], background_check_expires: null, roles: [], max_shifts_per_week: null, min_rest_hours: null, active: true,
    availability: { windows: [], blackout: ["2026-12-01"], blackout_rules: [] },
  } as unknown as import("../ipc").Volunteer;
  const flags = [
    { volunteer_id: "v1", name: "Ana Voluntaria", problem: { kind: "other_court_date", court_date_id: "c2", local_time: "2026-12-01 10:30", time_zone: "America/New_York" } },
    { volunteer_id: "v1", name: "Ana Voluntaria", problem: { kind: "blacked_out", date: "2026-12-01" } },
  ];

  function openWith(assigned: unknown[][]) {
    return backend({
      court_date: () => courtView(),
      households: () => [],
      volunteers: () => [ana],
      accompanier_warnings: () => flags,
      set_accompaniers: (a) => { assigned.push(a.volunteerIds as unknown[]); return null; },
    });
  }

  it("warns before assigning a double-booked, blacked-out volunteer and assigns only on 'Assign anyway'", async () => {
    setLanguage("en");
    const assigned: unknown[][] = [];
    openWith(assigned);
    render(CourtDateForm, { id: "c1" });
    await fireEvent.click(await screen.findByTestId("accompanier-option"));
    await fireEvent.click(screen.getByRole("button", { name: "Save accompaniers" }));
    const items = await warnedOf("acc");
    expect(items[0]).toContain("Ana Voluntaria: also at another court date at");
    expect(items[0]).toContain("America/New_York");
    expect(items[1]).toMatch(/^Ana Voluntaria: blacked out on /);
    expect(assigned).toEqual([]);
    await assignAnyway();
    await waitFor(() => expect(assigned).toEqual([["v1"]]));
    expect(screen.queryByTestId("acc-warnings")).toBeNull();
  });

  it("warns in Spanish, and 'Choose again' assigns nobody", async () => {
    setLanguage("es");
    const assigned: unknown[][] = [];
    openWith(assigned);
    render(CourtDateForm, { id: "c1" });
    await fireEvent.click(await screen.findByTestId("accompanier-option"));
    await fireEvent.click(screen.getByRole("button", { name: "Guardar acompañantes" }));
    const items = await warnedOf("acc");
    expect(items[0]).toContain("Ana Voluntaria: también en otra cita en la corte");
    expect(items[1]).toMatch(/^Ana Voluntaria: no disponible el /);
    expect(screen.getByRole("button", { name: "Asignar de todos modos" })).toBeTruthy();
    await chooseAgain("acc");
    expect(assigned).toEqual([]);
    setLanguage("en");
  });
});

describe("a court date's outcome", () => {
  it("is not offered before the date has happened, saying when (EN/ES)", async () => {
    for (const [lang, says] of [["en", "has not happened yet"], ["es", "todavía no ha ocurrido"]] as const) {
      setLanguage(lang);
      backend({ court_date: () => ({ ...courtView(), outcome_open: false }), households: () => [], volunteers: () => [] });
      const { unmount } = render(CourtDateForm, { id: "c1" });
      const later = await screen.findByTestId("outcome-later");
      expect(later.textContent).toContain(says);
      expect(later.textContent).toContain("America/Chicago");
      expect(document.getElementById("outcome-save")).toBeNull();
      expect(document.getElementById("outcome-text")).toBeNull();
      unmount();
    }
    setLanguage("en");
  });

  it("once recorded can be corrected in place or undone", async () => {
    setLanguage("en");
    let recorded = true;
    const calls = backend({
      court_date: () => {
        const v = courtView();
        return recorded ? { ...v, court: { ...v.court, status: "completed", outcome: "Continued", detained: false } } : v;
      },
      households: () => [],
      volunteers: () => [],
      record_outcome: () => ({ tasks_opened: 0, next_court_date_id: null }),
      clear_outcome: () => { recorded = false; return null; },
    });
    render(CourtDateForm, { id: "c1" });
    expect(((await screen.findByLabelText("What happened")) as HTMLTextAreaElement).value).toBe("Continued");
    expect(screen.getByRole("button", { name: "Save the corrected outcome" })).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Undo this outcome" }));
    expect((await screen.findByTestId("outcome-undone")).textContent).toBe("Outcome removed; the court date is scheduled again.");
    expect(calls).toContain("clear_outcome");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Undo this outcome" })).toBeNull());
    expect(screen.getByRole("button", { name: "Save outcome" })).toBeTruthy();
  });
});

describe("a store whose role may not report outcomes", () => {
  it("offers no outcome report on a driver's store, the core said so", async () => {
    setLanguage("en");
    backend({ court_date: () => ({ ...courtView(), may_report_outcome: false }), households: () => [], volunteers: () => [] });
    render(CourtDateForm, { id: "c1" });
    await screen.findByTestId("court-summary");
    expect(screen.queryByText("Outcome report")).toBeNull();
    expect(document.getElementById("outcome-text")).toBeNull();
    expect(document.getElementById("outcome-save")).toBeNull();
    expect(screen.queryByTestId("outcome-later")).toBeNull();
  });
});
