import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import Housing from "./Housing.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import type { PlacementView } from "../ipc";

function placement(last: string | null): PlacementView {
  return {
    placement: {
      id: "p1", household_id: "h1", site_id: "s1", beds: 2, start_date: "2026-11-01", expected_end: null, actual_end: null,
      support_lead_id: null, checkin_schedule: "weekly", notes: null,
    },
    household_name: "Familia Alvarado", site_name: "Casa Azul", last_check_in: last,
  };
}

describe("a placement's check-in", () => {
  it("is recorded in one action on the placement, and the placement then shows it", async () => {
    setLanguage("en");
    const recorded: Record<string, unknown>[] = [];
    backend({
      housing: () => [[], [placement(recorded.length ? "2026-11-30" : null)]],
      households: () => [],
      record_check_in: (a) => { recorded.push(a); return "n1"; },
    });
    render(Housing);
    expect((await screen.findByTestId("last-check-in")).textContent).toBe("no check-in yet");
    await fireEvent.click(screen.getByRole("button", { name: "Record a check-in" }));
    const form = screen.getByRole("form", { name: "Record a check-in" });
    expect(form).toBeTruthy();
    await fireEvent.input(screen.getByLabelText("Day of the check-in"), { target: { value: "2026-11-30" } });
    await fireEvent.input(screen.getByLabelText("Who checked in"), { target: { value: "Ana Ruiz" } });
    await fireEvent.input(screen.getByLabelText("How it went"), { target: { value: "all well, needs a heater" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save check-in" }));
    await waitFor(() => expect(recorded).toEqual([{ placementId: "p1", on: "2026-11-30", by: "Ana Ruiz", how: "all well, needs a heater" }]));
    expect((await screen.findByTestId("checkin-notice")).textContent).toBe("Check-in with Familia Alvarado on Mon, Nov 30, 2026 recorded.");
    await waitFor(() => expect(screen.getByTestId("last-check-in").textContent).toBe("last check-in Mon, Nov 30, 2026"));
    expect(screen.queryByRole("form", { name: "Record a check-in" })).toBeNull();
  });

  it("says in Spanish why a check-in on a day still to come was refused", async () => {
    setLanguage("es");
    backend({
      housing: () => [[], [placement(null)]],
      households: () => [],
      record_check_in: () => Promise.reject({ code: "refused", message: "", rule: { code: "check_in_in_future", params: { on: "2026-12-31" } } }),
    });
    render(Housing);
    await fireEvent.click(await screen.findByRole("button", { name: "Registrar una visita" }));
    await fireEvent.input(screen.getByLabelText("Quién hizo la visita"), { target: { value: "Ana" } });
    await fireEvent.click(screen.getByRole("button", { name: "Guardar la visita" }));
    expect(await screen.findByText(/un día que aún no llega/)).toBeTruthy();
    setLanguage("en");
  });
});

describe("placing a family with children at a site that takes none", () => {
  it("shows the core's refusal with 'Place them anyway', which sends the placement with anyway (EN/ES)", async () => {
    for (const [lang, button, says] of [["en", "Place them anyway", "does not accept children"], ["es", "Alojarla de todos modos", "no acepta niños"]] as const) {
      setLanguage(lang);
      const sent: unknown[] = [];
      backend({
        housing: () => [[], []],
        households: () => [],
        save_placement: (a) => {
          sent.push(a.anyway);
          return a.anyway ? "p9" : Promise.reject({ code: "refused", message: "", rule: { code: "site_takes_no_children", params: { site: "Casa Azul" } } });
        },
      });
      const { unmount } = render(Housing);
      await screen.findAllByRole("button", { name: lang === "en" ? "Add" : "Añadir" });
      await fireEvent.click(document.getElementById("placement-save")!);
      const anyway = await screen.findByRole("button", { name: button });
      expect(document.body.textContent).toContain(says);
      await fireEvent.click(anyway);
      await waitFor(() => expect(sent).toEqual([false, true]));
      await waitFor(() => expect(screen.queryByRole("button", { name: button })).toBeNull());
      unmount();
    }
    setLanguage("en");
  });
});
