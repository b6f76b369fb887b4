import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { setLanguage } from "../i18n/index.svelte";
import { session, type Route } from "../shell/session.svelte";
import { backend, courtView } from "../test/fixtures";
import type { FamilyDetail as Detail, Person } from "../ipc";
import FamilyDetail from "./FamilyDetail.svelte";

const detail: Detail = {
  household: {
    id: "h1", display_name: "Familia Olvido", languages: ["es"], phone: null, voicemail_ok: null, alternate_contact: null,
    address: null, lead_congregation_id: null, lead_volunteer_id: null, intake_date: null, status: "active", consent: null,
    needs: null, tags: [], closed_at: null,
  },
  lead_volunteer: null, persons: [], court_dates: [], placements: [], tasks: [], notes: [], history: [], history_names: [],
  household_not_shared: [], person_not_shared: [],
};

function open(mayForget: boolean, forgotten: unknown[]) {
  return backend({
    family: () => detail,
    may_forget_families: () => mayForget,
    forget_family: (a) => { forgotten.push(a.id); return 4; },
  });
}

describe("what this device's role is not sent", () => {
  it("shows a family's status and a person's A-number as not shared, never as a value", async () => {
    const person = {
      id: "p1", household_id: "h1", name: "José Ramírez", preferred_name: null, relationship: null, birth_date: null, country: null,
      languages: [], a_number: null, attorney_name: null, attorney_org: null, attorney_phone: null, case_status: null,
      detention_facility: null, detained_since: null, bond_amount: null, bond_status: null, ankle_monitor: null, deadlines: [],
    } as unknown as Person;
    backend({
      family: () => ({ ...detail, persons: [person], household_not_shared: ["status", "tags"], person_not_shared: ["a_number", "deadlines"] }),
      may_forget_families: () => false,
    });
    setLanguage("es");
    render(FamilyDetail, { id: "h1" });
    await screen.findByText("José Ramírez");
    const marks = screen.getAllByTestId("not-shared").map((e) => e.textContent);
    expect(marks).toEqual(["no compartido con su rol", "no compartido con su rol"]);
    expect(screen.queryByRole("combobox", { name: "Estado" })).toBeNull();
    expect(screen.queryByText("Ninguno")).toBeNull();
    setLanguage("en");
  });
});

describe("forgetting a family", () => {
  it("is not offered to someone who may not forget families for the team", async () => {
    setLanguage("en");
    const calls = open(false, []);
    render(FamilyDetail, { id: "h1" });
    await screen.findByText("Familia Olvido");
    await waitFor(() => expect(calls).toContain("may_forget_families"));
    // Let the answer arrive before looking for the button.
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole("button", { name: "Forget this family…" })).toBeNull();
  });

  it("needs the family's name typed before it forgets, and then says what it removed", async () => {
    setLanguage("en");
    const forgotten: unknown[] = [];
    open(true, forgotten);
    session.route = { name: "family", id: "h1" };
    render(FamilyDetail, { id: "h1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Forget this family…" }));
    expect(screen.getByTestId("family-forget-ask").textContent).toContain("Forget Familia Olvido everywhere?");
    const yes = screen.getByRole("button", { name: "Forget the family everywhere" }) as HTMLButtonElement;
    expect(yes.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Family name"), { target: { value: "Familia Otra" } });
    expect(yes.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Family name"), { target: { value: " Familia Olvido " } });
    expect(yes.disabled).toBe(false);
    await fireEvent.click(yes);
    await waitFor(() => expect(session.route.name).toBe("families"));
    expect(forgotten).toEqual(["h1"]);
    const route = session.route as Route;
    if (route.name !== "families") throw new Error(`on ${route.name}, not the family list`);
    expect(route.notice).toBe("Familia Olvido was forgotten on this computer. The team's devices forget the family at their next sync.");
  });

  it("says in the question why forgetting was refused, and forgets nothing", async () => {
    setLanguage("en");
    backend({
      family: () => detail,
      may_forget_families: () => true,
      forget_family: () => Promise.reject({
        code: "refused", message: "only a coordinator can forget a family for the whole team",
        rule: { code: "not_coordinator_to_forget" },
      }),
    });
    session.route = { name: "family", id: "h1" };
    render(FamilyDetail, { id: "h1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Forget this family…" }));
    await fireEvent.input(screen.getByLabelText("Family name"), { target: { value: "Familia Olvido" } });
    await fireEvent.click(screen.getByRole("button", { name: "Forget the family everywhere" }));
    const ask = screen.getByTestId("family-forget-ask");
    await waitFor(() => expect(ask.textContent).toContain("only a coordinator can forget a family for the whole team; ask a coordinator."));
    expect(session.route.name).toBe("family");
  });

  it("cancel forgets nothing", async () => {
    setLanguage("en");
    const forgotten: unknown[] = [];
    const calls = open(true, forgotten);
    render(FamilyDetail, { id: "h1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Forget this family…" }));
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByTestId("family-forget-ask")).toBeNull();
    expect(calls).not.toContain("forget_family");
    expect(forgotten).toEqual([]);
  });
});

describe("deleting a person from the family page", () => {
  const rosa = {
    id: "p1", household_id: "h1", name: "Rosa Olvido", preferred_name: null, relationship: "madre", birth_date: null,
    country: null, languages: [], a_number: null, attorney_name: null, attorney_org: null, attorney_phone: null,
    case_status: null, detention_facility: null, detained_since: null, bond_amount: null, bond_status: null,
    ankle_monitor: null, deadlines: [],
  } as Person;

  it("says in the people section who was deleted, lists them no more and keeps the family's court date", async () => {
    setLanguage("en");
    const deleted: unknown[] = [];
    const court = courtView({ name: "Familia Olvido" });
    backend({
      family: () => ({
        ...detail,
        persons: deleted.length ? [] : [rosa],
        court_dates: [{ ...court, court: { ...court.court, person_id: deleted.length ? null : "p1" } }],
      }),
      may_forget_families: () => false,
      delete_person: (a) => { deleted.push(a.id); return 1; },
    });
    render(FamilyDetail, { id: "h1" });
    const cell = (await screen.findByText("Rosa Olvido")).closest("td");
    expect(cell?.textContent).toBe("Rosa Olvido (madre)");
    await fireEvent.click(screen.getByRole("button", { name: "Edit" }));
    await fireEvent.click(screen.getByRole("button", { name: "Delete this person" }));
    expect(screen.getByTestId("person-delete-ask").textContent).toContain("Delete Rosa Olvido from Familia Olvido?");
    await fireEvent.click(screen.getByRole("button", { name: "Yes, delete this person" }));
    const notice = await screen.findByTestId("person-notice");
    expect(notice.textContent).toBe("Rosa Olvido was deleted. The family's court dates are still here.");
    expect(deleted).toEqual(["p1"]);
    await waitFor(() => expect(screen.queryByText("Rosa Olvido")).toBeNull());
    expect(screen.queryByTestId("person-delete-ask")).toBeNull();
    const courtSection = screen.getByRole("region", { name: "Court dates" });
    expect(courtSection.textContent).toContain("Chicago Immigration Court");
  });
});

describe("the family page", () => {
  const caller: Detail = {
    ...detail,
    household: {
      ...detail.household, phone: "555-0101", voicemail_ok: false, address: "12 Elm St", needs: "crib, diapers",
      consent: "verbal, 2026-11-02", lead_volunteer_id: "v7",
    },
    lead_volunteer: { id: "v7", name: "Ana Ruiz" },
  };

  it("shows what a caller must know without opening the editor, in English and Spanish", async () => {
    setLanguage("en");
    backend({ family: () => caller, may_forget_families: () => false });
    const en = render(FamilyDetail, { id: "h1" });
    const box = await screen.findByTestId("family-caller");
    expect(screen.getByTestId("voicemail").textContent?.trim()).toBe("Do not leave a voicemail");
    for (const text of ["555-0101", "12 Elm St", "crib, diapers", "Ana Ruiz", "verbal, 2026-11-02"]) {
      expect(box.textContent).toContain(text);
    }
    expect(box.textContent).not.toContain("v7");
    en.unmount();
    setLanguage("es");
    render(FamilyDetail, { id: "h1" });
    expect((await screen.findByTestId("voicemail")).textContent?.trim()).toBe("No deje mensaje de voz");
    setLanguage("en");
  });

  it("never shows the placeholder time of a court date whose time is to be confirmed", async () => {
    setLanguage("en");
    const court = courtView({ name: "Familia Olvido" });
    backend({
      family: () => ({ ...detail, court_dates: [{ ...court, court: { ...court.court, time_tbc: true, local_start: "2026-12-06T13:00:00" } }] }),
      may_forget_families: () => false,
    });
    render(FamilyDetail, { id: "h1" });
    await screen.findByText("Familia Olvido");
    const section = await screen.findByRole("region", { name: "Court dates" });
    await waitFor(() => expect(section.textContent).toContain("Sun, Dec 6, 2026 · time to be confirmed"));
    expect(section.textContent).not.toContain("1:00");
  });
});
