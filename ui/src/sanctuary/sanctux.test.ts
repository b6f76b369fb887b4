import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { emptyWeekStep } from "./logic";
import { t, setLanguage } from "../i18n/index.svelte";
import { backend } from "../test/fixtures";
import TemplatesPanel from "./TemplatesPanel.svelte";
import SwapsPanel from "./SwapsPanel.svelte";
import type { RotationTemplateInput, SwapView } from "../ipc/sanctuary";

describe("an empty week's next step", () => {
  it("asks for a template first when the site has none, then to generate from it", () => {
    setLanguage("en");
    expect(t(emptyWeekStep(0))).toBe("Create a rotation template to generate shifts.");
    expect(emptyWeekStep(1)).toBe("sanctux.nextGenerate");
    expect(emptyWeekStep(3)).toBe("sanctux.nextGenerate");
    setLanguage("es");
    expect(t(emptyWeekStep(0))).toBe("Cree una plantilla de rotación para generar los turnos.");
    setLanguage("en");
  });
});

const standard: RotationTemplateInput = {
  id: "tpl-1", site_id: "site", name: "Standard",
  shifts: [{ label: "Day", start: "08:00", end: "14:00", min_people: 2, max_people: null, required_skills: [] }],
};

describe("deleting a rotation template", () => {
  it("asks first, does nothing on cancel, and deletes exactly that template on yes", async () => {
    setLanguage("en");
    let list = [standard];
    const deleted: unknown[] = [];
    const calls = backend({
      rotation_templates: () => list,
      delete_rotation_template: (a) => { deleted.push(a.templateId); list = []; return null; },
    });
    render(TemplatesPanel, { siteId: "site", week: "2026-11-23", onchanged: () => {} });
    await fireEvent.click(await screen.findByRole("button", { name: "Delete" }));
    expect(screen.getByTestId("tpl-delete-ask").textContent).toContain("Delete the template “Standard”?");
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByTestId("tpl-delete-ask")).toBeNull();
    expect(calls).not.toContain("delete_rotation_template");

    await fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    await fireEvent.click(screen.getByRole("button", { name: "Yes, delete it" }));
    expect(await screen.findByText("Template “Standard” deleted. Shifts already generated from it stay.")).toBeTruthy();
    expect(deleted).toEqual(["tpl-1"]);
    await waitFor(() => expect(screen.getByTestId("tpl-next").textContent).toBe("Create a rotation template to generate shifts."));
  });
});

const offer: SwapView = {
  id: "swap-1", shift_id: "shift-1", status: "taken", shift_label: "Day", local_start: "2026-11-29T08:00:00",
  from_volunteer: { id: "v1", name: "Ana López" }, to_volunteer: { id: "v2", name: "Beto Ruiz" }, on_shift: ["v1"], problems: [],
};

describe("withdrawing a swap offer", () => {
  it("withdraws a taken offer, says the shift stays, and refreshes the rota", async () => {
    setLanguage("en");
    let open = [offer];
    const withdrawn: unknown[] = [];
    backend({ swaps: () => open, withdraw_swap: (a) => { withdrawn.push(a.swapId); open = []; return null; } });
    let changed = 0;
    render(SwapsPanel, { siteId: "site", volunteers: [], version: 0, onchanged: () => (changed += 1) });
    await fireEvent.click(await screen.findByRole("button", { name: "Withdraw offer" }));
    expect(await screen.findByText("Offer withdrawn; the shift stays with Ana López.")).toBeTruthy();
    expect(withdrawn).toEqual(["swap-1"]);
    expect(changed).toBe(1);
    await waitFor(() => expect(screen.getByText("No open swap requests.")).toBeTruthy());
  });
});

describe("a template as the list shows it", () => {
  it("names required languages and writes times as the rest of the English app does", async () => {
    setLanguage("en");
    const spanish: RotationTemplateInput = {
      ...standard, shifts: [{ label: "Night", start: "02:30", end: "08:00", min_people: 1, max_people: null, required_skills: ["es"] }],
    };
    backend({
      rotation_templates: () => [spanish],
      generate_from_template: () => ({ created: 1, existing: 0, moved: [{ date: "2027-03-14", label: "Night", written: "02:30-08:00", local: "03:00-08:00" }] }),
    });
    render(TemplatesPanel, { siteId: "site", week: "2027-03-08", onchanged: () => {} });
    const item = await screen.findByText(/Night 2:30 AM–8:00 AM/);
    expect(item.textContent).toContain("[Spanish]");
    expect(item.textContent).not.toContain("[es]");
    await fireEvent.click(screen.getByRole("button", { name: "Create shifts" }));
    expect((await screen.findByTestId("gen-done")).textContent).toContain(
      "On Sun, Mar 14, 2027 the Night shift's time 2:30 AM–8:00 AM does not exist (the clocks change); it was made 3:00 AM–8:00 AM.",
    );
  });
});
