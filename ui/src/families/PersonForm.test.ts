import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import PersonForm from "./PersonForm.svelte";
import { backend, rejectWith, type Handler } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import type { Person } from "../ipc";

const blank: Person = {
  id: "p1", household_id: "h1", name: "", preferred_name: null, relationship: null, birth_date: null, country: null,
  languages: [], a_number: null, attorney_name: null, attorney_org: null, attorney_phone: null, case_status: null,
  detention_facility: null, detained_since: null, bond_amount: null, bond_status: null, ankle_monitor: null, deadlines: [],
} as Person;

describe("person form", () => {
  it("shows the core's problem by its field, saves nothing, then saves once it is fixed", async () => {
    setLanguage("en");
    const saved: Person[] = [];
    let checks = 0;
    backend({
      blank_person: () => blank,
      check_person: (args) => {
        checks++;
        const p = args.person as Person;
        return p.a_number === "12345" ? [{ field: "a_number", kind: "a_number" }] : [];
      },
      save_person: (args) => { saved.push(args.person as Person); return "p1"; },
    });
    let done = 0;
    render(PersonForm, { householdId: "h1", familyName: "Familia Quintana", onsaved: () => done++, oncancel: () => {} });
    const name = (await screen.findByLabelText("Name")) as HTMLInputElement;
    await fireEvent.input(name, { target: { value: "  Rosa Quintana " } });
    const aNumber = screen.getByLabelText("A-number") as HTMLInputElement;
    await fireEvent.input(aNumber, { target: { value: "12345" } });
    await fireEvent.submit(name.form!);
    const problem = await screen.findByRole("alert");
    expect(problem.textContent).toContain("An A-number has nine digits");
    expect(aNumber.getAttribute("aria-invalid")).toBe("true");
    expect(aNumber.getAttribute("aria-describedby")).toBe(problem.id);
    expect(saved).toEqual([]);

    await fireEvent.input(aNumber, { target: { value: "A-012-345-678 " } });
    await fireEvent.submit(name.form!);
    await vi.waitFor(() => expect(done).toBe(1));
    expect(checks).toBe(2);
    expect(saved[0].name).toBe("Rosa Quintana");
    expect(saved[0].a_number).toBe("A-012-345-678");
    expect(saved[0].preferred_name).toBeNull();
  });
});

const rosa: Person = { ...blank, name: "Rosa Quintana", a_number: "A-012-345-678" };

function editRosa(handlers: Record<string, Handler>, deletedNames: string[] = []) {
  const calls = backend(handlers);
  render(PersonForm, {
    householdId: "h1", familyName: "Familia Quintana", person: rosa,
    onsaved: () => {}, oncancel: () => {}, ondeleted: (name: string) => deletedNames.push(name),
  });
  return calls;
}

describe("deleting a person", () => {
  it("names the person and the family, says what goes and that court dates stay; cancel deletes nothing", async () => {
    setLanguage("en");
    const deleted: unknown[] = [];
    const gone: string[] = [];
    const calls = editRosa({ delete_person: (a) => { deleted.push(a.id); return 1; } }, gone);
    await fireEvent.click(screen.getByRole("button", { name: "Delete this person" }));
    const ask = screen.getByTestId("person-delete-ask").textContent ?? "";
    expect(ask).toContain("Delete Rosa Quintana from Familia Quintana?");
    expect(ask).toContain("the notes about them and any stay in sanctuary recorded for them are deleted with them");
    expect(ask).toContain("The family's court dates stay with the family, including those that were for Rosa Quintana.");
    expect(ask).toContain("entered by mistake or twice");
    await fireEvent.click(within(screen.getByTestId("person-delete-ask")).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByTestId("person-delete-ask")).toBeNull();
    expect(calls).not.toContain("delete_person");
    expect(deleted).toEqual([]);
    expect(gone).toEqual([]);
    // The form is still there to edit.
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("Rosa Quintana");
  });

  it("deletes exactly that person on yes and hands back the name they had", async () => {
    setLanguage("en");
    const deleted: unknown[] = [];
    const gone: string[] = [];
    editRosa({ delete_person: (a) => { deleted.push(a.id); return 1; } }, gone);
    // An unsaved change to the name is not what the family page reports.
    await fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Rosa Q." } });
    await fireEvent.click(screen.getByRole("button", { name: "Delete this person" }));
    await fireEvent.click(screen.getByRole("button", { name: "Yes, delete this person" }));
    await waitFor(() => expect(gone).toEqual(["Rosa Quintana"]));
    expect(deleted).toEqual(["p1"]);
  });

  it("says inside the question why the deletion failed, and deletes nothing", async () => {
    setLanguage("en");
    const gone: string[] = [];
    editRosa({ delete_person: rejectWith("not_found", "person gone") }, gone);
    await fireEvent.click(screen.getByRole("button", { name: "Delete this person" }));
    await fireEvent.click(screen.getByRole("button", { name: "Yes, delete this person" }));
    const ask = screen.getByTestId("person-delete-ask");
    await waitFor(() => expect(ask.textContent).toContain("That record no longer exists."));
    expect(gone).toEqual([]);
  });

  it("asks in Spanish for a Spanish speaker", async () => {
    setLanguage("es");
    editRosa({});
    await fireEvent.click(screen.getByRole("button", { name: "Eliminar a esta persona" }));
    const ask = screen.getByTestId("person-delete-ask").textContent ?? "";
    expect(ask).toContain("¿Eliminar a Rosa Quintana de Familia Quintana?");
    expect(ask).toContain("Las citas de la familia se quedan con la familia, también las que eran de Rosa Quintana.");
    expect(screen.getByRole("button", { name: "Sí, eliminar a esta persona" })).toBeTruthy();
    setLanguage("en");
  });

  it("offers no deletion while a new person is being added", async () => {
    setLanguage("en");
    backend({ blank_person: () => blank });
    render(PersonForm, { householdId: "h1", familyName: "Familia Quintana", onsaved: () => {}, oncancel: () => {} });
    await screen.findByRole("button", { name: "Save" });
    expect(screen.queryByRole("button", { name: "Delete this person" })).toBeNull();
  });

  it("offers 'Save anyway' when the core refuses an A-number of another family, and sends it with anyway (EN/ES)", async () => {
    for (const [lang, button, says] of [["en", "Save anyway", "save anyway if it is right"], ["es", "Guardar de todos modos", "guárdelo de todos modos"]] as const) {
      setLanguage(lang);
      const sent: unknown[] = [];
      backend({
        blank_person: () => blank,
        check_person: () => [],
        save_person: (args) => {
          sent.push(args.anyway);
          return args.anyway ? "p1" : Promise.reject({ code: "refused", message: "dup", rule: { code: "a_number_in_other_family" } });
        },
      });
      let done = 0;
      const { unmount } = render(PersonForm, { householdId: "h1", familyName: "Familia Quintana", onsaved: () => done++, oncancel: () => {} });
      const name = (await screen.findByLabelText(lang === "en" ? "Name" : "Nombre")) as HTMLInputElement;
      await fireEvent.input(name, { target: { value: "Rosa Quintana" } });
      await fireEvent.submit(name.form!);
      const anyway = await screen.findByRole("button", { name: button });
      expect(document.body.textContent).toContain(says);
      expect(done).toBe(0);
      await fireEvent.click(anyway);
      await vi.waitFor(() => expect(done).toBe(1));
      expect(sent).toEqual([false, true]);
      unmount();
    }
    setLanguage("en");
  });
});
