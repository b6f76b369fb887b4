import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { en } from "./en";
import { es } from "./es";
import { placeholders } from "./format";

const dictionaries = { en: en as Record<string, string>, es: es as Record<string, string> };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "bindings" ? [] : sourceFiles(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("translations", () => {
  it("English and Spanish have exactly the same keys", () => {
    const enKeys = Object.keys(en).sort();
    const esKeys = Object.keys(es).sort();
    expect(esKeys.filter((k) => !enKeys.includes(k)), "keys only in Spanish").toEqual([]);
    expect(enKeys.filter((k) => !esKeys.includes(k)), "keys missing in Spanish").toEqual([]);
  });

  it("no text is empty, and placeholders match between languages", () => {
    for (const [lang, dict] of Object.entries(dictionaries)) {
      for (const [key, text] of Object.entries(dict)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe("");
      }
    }
    for (const key of Object.keys(en)) {
      expect(placeholders(dictionaries.es[key] ?? ""), key).toEqual(placeholders(dictionaries.en[key]));
    }
  });

  it("every key used in the source exists in both languages", () => {
    const used = new Set<string>();
    const src = join(process.cwd(), "src");
    for (const file of sourceFiles(src)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([\w.]+)"/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(20);
    for (const [lang, dict] of Object.entries(dictionaries)) {
      const missing = [...used].filter((k) => !(k in dict));
      expect(missing, `keys used in the UI but missing in ${lang}`).toEqual([]);
    }
  });
});
