import { describe, expect, it } from "vitest";
import { setLanguage, t, tn } from "./index.svelte";
import { ruleText } from "../shell/coded";
import { en } from "./en";
import { es } from "./es";

describe("counts read as words, not as '(s)'", () => {
  it("says 1 in the singular and more in the plural, in both languages", () => {
    setLanguage("es");
    expect(tn(1, "housing.freeOne", "housing.free")).toBe("1 libre");
    expect(tn(3, "housing.freeOne", "housing.free")).toBe("3 libres");
    expect(tn(1, "runSheet.moreNeededOne", "runSheet.moreNeeded")).toBe("Falta 1 acompañante");
    expect(tn(2, "runSheet.moreNeededOne", "runSheet.moreNeeded")).toBe("Faltan 2 acompañantes");
    expect(ruleText({ code: "site_has_placements", params: { site: "Casa Azul", count: 1 } })).toBe("Casa Azul todavía tiene 1 alojamiento; elimínelo primero.");
    setLanguage("en");
    expect(tn(1, "runSheet.moreNeededOne", "runSheet.moreNeeded")).toBe("1 more accompanier needed");
    expect(tn(1, "match.freeOne", "match.free")).toBe("1 free bed every night");
    expect(ruleText({ code: "site_has_placements", params: { site: "Casa Azul", count: 2 } })).toBe("Casa Azul still has 2 placements; delete them first.");
    expect(t("housing.free", { n: 2 })).toBe("2 free");
  });

  it("leaves no '(s)' in any text", () => {
    for (const d of [en, es] as Record<string, string>[]) {
      expect(Object.entries(d).filter(([, v]) => /\(s\)|\(es\)/.test(v))).toEqual([]);
    }
  });
});
