import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import PersonForm from "./PersonForm.svelte";
import { backend } from "../test/fixtures";
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
    render(PersonForm, { householdId: "h1", onsaved: () => done++, oncancel: () => {} });
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
