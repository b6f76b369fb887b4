import { describe, expect, it } from "vitest";
import { emptyWeekStep } from "./logic";
import { t, setLanguage } from "../i18n/index.svelte";

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
