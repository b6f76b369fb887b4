import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Settings from "./Settings.svelte";
import { backend, status } from "../test/fixtures";
import { setLanguage } from "../i18n/index.svelte";
import { setStatus } from "../shell/session.svelte";

describe("settings", () => {
  it("purges closed cases only after confirmation, and says how many", async () => {
    setLanguage("en");
    setStatus(status({ unlocked: true }));
    const seen: unknown[] = [];
    backend({ purge_closed: (args) => { seen.push(args); return 2; }, detained_checklist: () => ["Call the attorney"] });
    render(Settings);
    const button = screen.getByRole("button", { name: "Purge closed cases now" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await fireEvent.click(screen.getByLabelText("I understand this cannot be undone"));
    expect(button.disabled).toBe(false);
    await fireEvent.click(button);
    expect(await screen.findByText("2 families purged.")).toBeTruthy();
    expect(seen).toEqual([{ days: 365 }]);
  });

  it("refuses an auto-lock time the backend rejects, in the user's language", async () => {
    setLanguage("es");
    setStatus(status({ unlocked: true, prefs: { language: "es", auto_lock_minutes: 5, store_dir: null } }));
    backend({ save_prefs: () => Promise.reject({ code: "invalid", message: "auto-lock time must be between 1 and 120 minutes" }), detained_checklist: () => ["Call the attorney"] });
    render(Settings);
    await fireEvent.input(screen.getByLabelText("Bloquear automáticamente después de (minutos)"), { target: { value: "30" } });
    await fireEvent.click(screen.getByRole("button", { name: "Guardar ajustes" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Algún dato no es válido. Revise los campos marcados.");
    setLanguage("en");
  });
});
