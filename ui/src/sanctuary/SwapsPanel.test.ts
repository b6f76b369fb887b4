import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import SwapsPanel from "./SwapsPanel.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import type { SwapView } from "../ipc/sanctuary";
import type { Volunteer } from "../ipc";

const taken: SwapView = {
  id: "sw1", shift_id: "s1", status: "taken", shift_label: "day", local_start: "2026-11-02T08:00:00",
  from_volunteer: { id: "v1", name: "Ana" }, to_volunteer: { id: "v2", name: "Beto" }, on_shift: ["v1"],
  problems: [{ code: "rest", params: { hours: 10 } }, { code: "skill_lost", params: { skill: "spanish" } }],
};

describe("swaps panel", () => {
  it("says what approving would break, and why it is refused, in Spanish", async () => {
    setLanguage("es");
    backend({
      swaps: () => [taken],
      approve_swap: () => Promise.reject({
        code: "refused",
        message: "cannot approve: it would double-book the volunteer taking it",
        rule: { code: "cannot_approve", params: { problem: { code: "double_booked" } } },
      }),
    });
    render(SwapsPanel, { siteId: "site", volunteers: [], version: 0, onchanged: () => {} });
    const problems = await screen.findByTestId("swap-problems");
    expect(problems.textContent).toContain("la persona que lo toma quiere 10 horas de descanso entre turnos; el turno se quedaría sin nadie con spanish");
    expect(problems.textContent).not.toContain("rest between shifts");
    await fireEvent.click(screen.getByRole("button", { name: "Aprobar" }));
    expect((await screen.findByTestId("error")).textContent)
      .toBe("Se rechazó este cambio: no se puede aprobar el cambio de turno: la persona que lo toma quedaría en dos turnos a la vez");
    setLanguage("en");
  });

  it("offers the shift to nobody already on it", async () => {
    setLanguage("en");
    const offered: SwapView = { ...taken, status: "offered", to_volunteer: null, on_shift: ["v1", "v3"], problems: [] };
    backend({ swaps: () => [offered] });
    const volunteers = [{ id: "v1", name: "Ana" }, { id: "v2", name: "Beto" }, { id: "v3", name: "Carmen" }] as unknown as Volunteer[];
    render(SwapsPanel, { siteId: "site", volunteers, version: 0, onchanged: () => {} });
    const picker = await screen.findByLabelText("Who takes it");
    const names = [...picker.querySelectorAll("option")].map((o) => o.textContent).filter(Boolean);
    expect(names).toEqual(["Beto"]);
  });
});
