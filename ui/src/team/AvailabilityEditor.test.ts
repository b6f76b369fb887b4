import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { setLanguage } from "../i18n/index.svelte";
import { backend, rejectWith, type Handler } from "../test/fixtures";
import type { Volunteer, VolunteerAssignments } from "../ipc";
import AvailabilityEditor from "./AvailabilityEditor.svelte";

const ana: Volunteer = {
  id: "v1", name: "Ana Belén", congregation_id: null, phone: null, preferred_contact: null, languages: ["es"],
  trainings: [], background_check_expires: null, roles: ["accompanier"],
  availability: { weekly: [], blackout: [], blackout_rules: [] }, max_shifts_per_week: null, min_rest_hours: null,
  active: true,
};

const busy: VolunteerAssignments = { court_dates: 3, upcoming_court_dates: 2, shifts: 5, upcoming_shifts: 1 };

function edit(handlers: Record<string, Handler>, volunteer: Volunteer = ana) {
  const gone: string[] = [];
  let saves = 0;
  const calls = backend(handlers);
  render(AvailabilityEditor, {
    volunteer, onsaved: () => saves++, onclose: () => {}, ondeleted: (name: string) => gone.push(name),
  });
  return { calls, gone, saves: () => saves };
}

const ask = () => screen.getByTestId("volunteer-delete-ask");

describe("deleting a volunteer", () => {
  it("names the volunteer, says what they lose with the core's counts and suggests inactive; cancel deletes nothing", async () => {
    setLanguage("en");
    const { calls, gone } = edit({ volunteer_assignments: (a) => (a.id === "v1" ? busy : null) });
    await fireEvent.click(screen.getByRole("button", { name: "Delete this volunteer" }));
    await waitFor(() => expect(ask().textContent).toContain("Court dates Ana Belén is assigned to: 3 (still to come: 2)."));
    const text = ask().textContent ?? "";
    expect(text).toContain("Delete Ana Belén from the volunteers?");
    expect(text).toContain("Sanctuary shifts Ana Belén is on: 5 (still to come: 1).");
    expect(text).toContain("Deleting takes Ana Belén off all of them. The court dates and shifts stay");
    expect(text).toContain("If Ana Belén simply stopped volunteering, mark them inactive instead");
    expect(within(ask()).getByRole("button", { name: "Mark as inactive instead" })).toBeTruthy();
    await fireEvent.click(within(ask()).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByTestId("volunteer-delete-ask")).toBeNull();
    expect(calls).not.toContain("delete_volunteer");
    expect(calls).not.toContain("save_volunteer");
    expect(gone).toEqual([]);
  });

  it("deletes exactly that volunteer on yes and hands back their name", async () => {
    setLanguage("en");
    const deleted: unknown[] = [];
    const { gone } = edit({
      volunteer_assignments: () => busy,
      delete_volunteer: (a) => { deleted.push(a.id); return 9; },
    });
    await fireEvent.click(screen.getByRole("button", { name: "Delete this volunteer" }));
    const yes = within(ask()).getByRole("button", { name: "Yes, delete the volunteer" }) as HTMLButtonElement;
    await waitFor(() => expect(yes.disabled).toBe(false));
    await fireEvent.click(yes);
    await waitFor(() => expect(gone).toEqual(["Ana Belén"]));
    expect(deleted).toEqual(["v1"]);
  });

  it("says inside the question why the deletion failed, and deletes nothing", async () => {
    setLanguage("en");
    const { gone } = edit({ volunteer_assignments: () => busy, delete_volunteer: rejectWith("not_found", "volunteer gone") });
    await fireEvent.click(screen.getByRole("button", { name: "Delete this volunteer" }));
    const yes = within(ask()).getByRole("button", { name: "Yes, delete the volunteer" }) as HTMLButtonElement;
    await waitFor(() => expect(yes.disabled).toBe(false));
    await fireEvent.click(yes);
    await waitFor(() => expect(ask().textContent).toContain("That record no longer exists."));
    expect(gone).toEqual([]);
  });

  it("does not offer to delete before the counts are known, and says why they could not be read", async () => {
    setLanguage("en");
    const { calls } = edit({ volunteer_assignments: rejectWith("locked", "") });
    await fireEvent.click(screen.getByRole("button", { name: "Delete this volunteer" }));
    await waitFor(() => expect(within(ask()).getByRole("alert")).toBeTruthy());
    expect((within(ask()).getByRole("button", { name: "Yes, delete the volunteer" }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls).not.toContain("delete_volunteer");
  });

  it("says so when the volunteer is on nothing, and does not suggest inactive for someone already inactive", async () => {
    setLanguage("en");
    edit({ volunteer_assignments: () => ({ court_dates: 0, upcoming_court_dates: 0, shifts: 0, upcoming_shifts: 0 }) }, { ...ana, active: false });
    await fireEvent.click(screen.getByRole("button", { name: "Delete this volunteer" }));
    await waitFor(() => expect(ask().textContent).toContain("Ana Belén is not assigned to any court date or sanctuary shift."));
    expect(ask().textContent).not.toContain("Court dates Ana Belén is assigned to");
    expect(ask().textContent).not.toContain("mark them inactive");
    expect(within(ask()).queryByRole("button", { name: "Mark as inactive instead" })).toBeNull();
  });

  it("marks the volunteer inactive instead, deleting nothing", async () => {
    setLanguage("en");
    const saved: Volunteer[] = [];
    const { calls, gone, saves } = edit({
      volunteer_assignments: () => busy,
      save_volunteer: (a) => { saved.push(a.volunteer as Volunteer); return "v1"; },
    });
    await fireEvent.click(screen.getByRole("button", { name: "Delete this volunteer" }));
    await fireEvent.click(await within(ask()).findByRole("button", { name: "Mark as inactive instead" }));
    await screen.findByText("Ana Belén is marked inactive.");
    expect(saved.map((v) => [v.id, v.name, v.active])).toEqual([["v1", "Ana Belén", false]]);
    expect(saves()).toBe(1);
    expect((screen.getByLabelText("Active") as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByTestId("volunteer-delete-ask")).toBeNull();
    expect(calls).not.toContain("delete_volunteer");
    expect(gone).toEqual([]);
  });

  it("asks in Spanish for a Spanish speaker", async () => {
    setLanguage("es");
    edit({ volunteer_assignments: () => busy });
    await fireEvent.click(screen.getByRole("button", { name: "Eliminar a esta persona del equipo" }));
    await waitFor(() => expect(ask().textContent).toContain("Citas en las que está Ana Belén: 3 (todavía por venir: 2)."));
    const text = ask().textContent ?? "";
    expect(text).toContain("¿Eliminar a Ana Belén de la lista de voluntarios?");
    expect(text).toContain("Turnos de santuario en los que está Ana Belén: 5 (todavía por venir: 1).");
    expect(text).toContain("Si Ana Belén solo dejó de colaborar, es mejor marcar como inactivo en lugar de eliminar");
    expect(within(ask()).getByRole("button", { name: "Sí, eliminar del equipo" })).toBeTruthy();
    expect(within(ask()).getByRole("button", { name: "Mejor marcar como inactivo" })).toBeTruthy();
    setLanguage("en");
  });
});

describe("saving availability", () => {
  it("keeps saying 'Saved.' and the new blackout date when the list reloads the volunteer after the save", async () => {
    setLanguage("en");
    backend({ save_volunteer: () => "v1" });
    const reloaded = { ...ana, availability: { ...ana.availability, blackout: ["2026-12-06"] } };
    const props = { volunteer: ana, onsaved: () => {}, onclose: () => {}, ondeleted: () => {} };
    // The volunteers list reloads after a save (a moment later, from the store) and hands
    // the editor a new volunteer object.
    const view = render(AvailabilityEditor, { ...props, onsaved: () => void setTimeout(() => view.rerender({ ...props, volunteer: reloaded }), 10) });
    const date = screen.getByLabelText("Blackout dates", { selector: "input" }) as HTMLInputElement;
    await fireEvent.input(date, { target: { value: "2026-12-06" } });
    await fireEvent.click(screen.getByRole("button", { name: "Add date" }));
    await fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Saved.");
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByText("Saved.")).toBeTruthy();
    expect(screen.getByTestId("availability").textContent).toContain("Dec 6, 2026");
  });
});
