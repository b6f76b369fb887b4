import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { setLanguage } from "../i18n/index.svelte";
import { backend } from "../test/fixtures";
import IncidentPage from "./IncidentPage.svelte";
import { incidentPage } from "./testData";

const sent = {
  dispatch: {
    id: "d1", incident_id: "i1", volunteer_id: "v1", role: "verifier" as const, notified_at: "2026-12-06T15:05:00Z",
    acknowledged_at: null, on_scene_at: null, left_at: null,
  },
  name: "Rafa",
};

describe("an incident's page", () => {
  it("warns when a responder went alone and marks their next step", async () => {
    setLanguage("en");
    const steps: unknown[] = [];
    backend({
      incident_page: () => incidentPage({ location: "Main y 8", status: "dispatched" }, { responders: [sent], unpaired: true }),
      volunteers: () => [],
      mark_dispatch_step: (a) => { steps.push(a); return sent.dispatch; },
    });
    render(IncidentPage, { id: "i1" });
    expect((await screen.findByRole("alert")).textContent).toContain("responders go in pairs");
    expect(screen.getByTestId("responder").textContent).toContain("Rafa, Verifier");
    await fireEvent.click(screen.getByRole("button", { name: "Acknowledged" }));
    await waitFor(() => expect(steps).toEqual([{ dispatchId: "d1", step: "acknowledged" }]));
  });

  it("offers reopening, not sending, once closed, in Spanish", async () => {
    setLanguage("es");
    backend({
      incident_page: () => incidentPage({ location: "Main y 8", status: "closed", disposition: "false_alarm" }),
      volunteers: () => [],
    });
    render(IncidentPage, { id: "i1" });
    expect(await screen.findByText("Este incidente está cerrado.")).toBeTruthy();
    expect(screen.getByText("Falsa alarma")).toBeTruthy();
    expect(screen.getAllByRole("button", { name: "Reabrir" }).length).toBe(1);
    expect(screen.queryByRole("button", { name: "Enviar" })).toBeNull();
    setLanguage("en");
  });
});
