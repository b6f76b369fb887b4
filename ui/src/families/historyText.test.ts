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
});
