import { describe, expect, it } from "vitest";
import { languageList, languageName, setLanguage } from "./index.svelte";

describe("languages and skills by name", () => {
  it("names a stored code in the app's language and leaves a skill that is not one as written", () => {
    setLanguage("en");
    expect(languageList(["es", "quc", "rapid_response"])).toMatch(/^Spanish, (K.iche.|quc), rapid response$/);
    setLanguage("es");
    expect(languageName("es")).toBe("español");
    expect(languageName("en")).toBe("inglés");
    setLanguage("en");
  });
});
