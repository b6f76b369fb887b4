import { describe, expect, it } from "vitest";
import { matchesSearch } from "./search";

describe("the Families list search", () => {
  it("finds a name whatever its accents and case, by the start of each word, like Ctrl+K", () => {
    expect(matchesSearch("Familia García Ramos", "garcia")).toBe(true);
    expect(matchesSearch("Familia García Ramos", "GARCÍA")).toBe(true);
    expect(matchesSearch("José Núñez", "jos nun")).toBe(true);
    expect(matchesSearch("Familia García Ramos", "")).toBe(true);
    expect(matchesSearch("Familia García Ramos", "arcia")).toBe(false);
    expect(matchesSearch("Familia García Ramos", "garcia lopez")).toBe(false);
  });
});
