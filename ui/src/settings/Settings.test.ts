import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Settings from "./Settings.svelte";
import { backend, status } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import { setStatus } from "../shell/session.svelte";

describe("settings", () => {
  it("purges closed cases only after confirmation, with the saved retention, and says how many", async () => {
    setLanguage("en");
    setStatus(status({ unlocked: true }));
    let applied = 0;
    backend({ retention: () => 365, detained_checklist: () => ["Call the attorney"], apply_retention: () => { applied++; return 2; } });
    render(Settings);
    expect(await screen.findByText("Purge now removes families closed more than 365 days ago.")).toBeTruthy();
    const button = screen.getByRole("button", { name: "Purge closed cases now" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await fireEvent.click(screen.getByLabelText("I understand this cannot be undone"));
    expect(button.disabled).toBe(false);
    await fireEvent.click(button);
    expect(await screen.findByText("2 families purged.")).toBeTruthy();
    expect(applied).toBe(1);
  });

  it("saves a retention period or turns it off, and cannot purge while it is off", async () => {
    setLanguage("en");
    setStatus(status({ unlocked: true }));
    const seen: unknown[] = [];
    backend({ retention: () => null, set_retention: (args) => { seen.push(args); return (args as { days: number | null }).days; } });
    render(Settings);
    expect(await screen.findByText("Retention is off. Turn it on and save it to purge closed cases.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Purge closed cases now" }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByLabelText("Keep closed cases for a limited time"));
    await fireEvent.input(screen.getByLabelText("Purge families closed at least this many days ago"), { target: { value: "90" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save retention" }));
    expect(await screen.findByText("Retention saved: closed families are kept 90 days.")).toBeTruthy();
    await fireEvent.click(screen.getByLabelText("Keep closed cases for a limited time"));
    await fireEvent.click(screen.getByRole("button", { name: "Save retention" }));
    expect(await screen.findByText("Retention is off: closed families are kept until you purge them.")).toBeTruthy();
    expect(seen).toEqual([{ days: 90 }, { days: null }]);
  });

  it("applies and keeps a language as soon as it is chosen, without Save", async () => {
    setLanguage("en");
    setStatus(status({ unlocked: true, prefs: { language: "en", auto_lock_minutes: 5, store_dir: null } }));
    const saved: unknown[] = [];
    backend({
      retention: () => null, detained_checklist: () => [],
      save_prefs: (a) => { saved.push(a.prefs); return status({ unlocked: true, prefs: a.prefs as never }); },
    });
    render(Settings);
    await fireEvent.change(screen.getByLabelText("Language"), { target: { value: "es" } });
    expect(await screen.findByRole("button", { name: "Guardar ajustes" })).toBeTruthy();
    expect(saved).toEqual([{ language: "es", auto_lock_minutes: 5, store_dir: null }]);
    setLanguage("en");
  });

  it("refuses an auto-lock time the backend rejects, in the user's language", async () => {
    setLanguage("es");
    setStatus(status({ unlocked: true, prefs: { language: "es", auto_lock_minutes: 5, store_dir: null } }));
    backend({ retention: () => null, detained_checklist: () => ["Call the attorney"], save_prefs: () => Promise.reject({ code: "invalid", message: "auto-lock time must be between 1 and 120 minutes" }) });
    render(Settings);
    await fireEvent.input(screen.getByLabelText("Bloquear automáticamente después de (minutos)"), { target: { value: "30" } });
    await fireEvent.click(screen.getByRole("button", { name: "Guardar ajustes" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Algún dato no es válido. Revise los campos marcados.");
    setLanguage("en");
  });
});
