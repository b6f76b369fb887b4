import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Sync from "./Sync.svelte";
import { backend } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import type { SyncStatus } from "../ipc";

const me = { id: "m1", name: "Coordinator", role: "coordinator" as const, volunteer_id: null, needs_volunteer_link: false, devices: [{ id: "d1", label: "laptop", fingerprint: "11111 22222 33333 44444", revoked: false }] };
const alone: SyncStatus = { team_name: "Red Norte", own_card: "AMPARO MEMBER CARD 1\n", own_fingerprint: "11111 22222 33333 44444", members: [me] };
const withBerta: SyncStatus = {
  ...alone,
  members: [me, { id: "m2", name: "Berta", role: "accompanier", volunteer_id: null, needs_volunteer_link: false, devices: [{ id: "d2", label: "phone", fingerprint: "55555 66666 77777 88888", revoked: false }] }],
};

describe("the greyed-out export button", () => {
  it("says there is nobody to export for yet when the team has no other member", async () => {
    setLanguage("en");
    backend({ sync_status: () => alone, conflicts: () => [], volunteers: () => [] });
    render(Sync);
    const why = await screen.findByTestId("export-why");
    expect(why.textContent).toContain("Nobody to export for yet");
    const button = screen.getByRole("button", { name: "Export bundles for the chosen members…" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute("aria-describedby")).toBe("sync-export-why");
  });

  it("asks to tick members, and says nothing once one is ticked (in Spanish too)", async () => {
    setLanguage("es");
    backend({ sync_status: () => withBerta, conflicts: () => [], volunteers: () => [] });
    render(Sync);
    expect((await screen.findByTestId("export-why")).textContent).toBe("Marque los miembros para quienes quiere exportar.");
    await fireEvent.click(screen.getByRole("checkbox", { name: /Berta/ }));
    expect(screen.queryByTestId("export-why")).toBeNull();
    setLanguage("en");
  });
});

describe("two things, two names", () => {
  it("calls the volunteers list and the sync team differently, in both languages", async () => {
    const { en } = await import("../i18n/en");
    const { es } = await import("../i18n/es");
    for (const d of [en, es]) {
      const nav = Object.entries(d).filter(([k]) => k.startsWith("nav.") && !k.endsWith("Hint")).map(([, v]) => v);
      expect(new Set(nav).size, JSON.stringify(nav)).toBe(nav.length);
      expect(d["nav.team"]).toBe(d["team.title"]);
      expect(d["nav.sync"]).toBe(d["sync.title"]);
      expect(d["nav.sync"].toLowerCase()).not.toContain(d["nav.team"].toLowerCase());
    }
    expect(en["nav.team"]).toBe("Volunteers");
    expect(es["nav.team"]).toBe("Voluntarios");
  });
});
