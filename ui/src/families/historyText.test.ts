import { describe, expect, it } from "vitest";
import { historyField, historyValue } from "./historyText";
import { setLanguage } from "../i18n/index.svelte";

describe("a family's history in words", () => {
  it("names fields by their form labels and says deleted or restored, in Spanish too", () => {
    setLanguage("es");
    expect(historyField("display_name")).toBe("Nombre de la familia");
    expect(historyField("_deleted")).toBe("El registro de la familia");
    expect(historyValue("_deleted", true)).toBe("borrado");
    expect(historyValue("_deleted", false)).toBe("recuperado");
    expect(historyValue("status", "detained")).not.toBe("detained");
    expect(historyValue("voicemail_ok", true)).toBe("Sí");
    setLanguage("en");
    expect(historyField("needs")).toBe("Needs");
    expect(historyValue("languages", ["es", "en"])).toBe("es, en");
    expect(historyValue("phone", null)).toBe("—");
    // A field this screen has no label for is shown as stored rather than hidden.
    expect(historyField("something_new")).toBe("something_new");
  });

  it("shows names, never ids, for the lead volunteer and congregation, and says when one is gone", () => {
    const names = [{ id: "01a233cd-0000-7000-8000-000000000001", name: "Ana Belén" }];
    setLanguage("en");
    expect(historyField("lead_volunteer_id")).toBe("Lead volunteer");
    expect(historyValue("lead_volunteer_id", "01a233cd-0000-7000-8000-000000000001", names)).toBe("Ana Belén");
    const gone = historyValue("lead_volunteer_id", "01a233cd-0000-7000-8000-000000000002", names);
    expect(gone).toBe("(deleted, or not on this device)");
    expect(historyValue("lead_congregation_id", "01a233cd-0000-7000-8000-000000000003")).not.toMatch(/01a2/);
    expect(historyValue("intake_date", "2026-11-03")).toBe("Tue, Nov 3, 2026");
    setLanguage("es");
    expect(historyField("lead_congregation_id")).toBe("Congregación responsable");
    expect(historyValue("lead_volunteer_id", "01a233cd-0000-7000-8000-000000000002", names)).toBe("(borrado, o no está en este dispositivo)");
    setLanguage("en");
  });
});
