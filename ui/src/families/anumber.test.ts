import { afterEach, describe, expect, it } from "vitest";
import { setLanguage } from "../i18n/index.svelte";
import { aNumberLabel } from "./anumber";

describe("aNumberLabel", () => {
  afterEach(() => setLanguage("en"));

  it("tells a person who has none apart from one whose number is not known yet", () => {
    expect(aNumberLabel("none")).toBe("Has none");
    expect(aNumberLabel(null)).toBe("Not known yet");
    setLanguage("es");
    expect(aNumberLabel("none")).toBe("No tiene");
    expect(aNumberLabel(null)).toBe("Aún no se sabe");
  });

  it("writes nine digits as notices write them", () => {
    expect(aNumberLabel("012345678")).toBe("A-012-345-678");
  });
});
