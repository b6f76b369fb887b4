import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return svelteFiles(path);
    return name.endsWith(".svelte") ? [path] : [];
  });
}

describe("separators between names and what follows", () => {
  // Svelte drops the whitespace a block starts with: `{#if rel} ({rel}){/if}` renders
  // "María García Ramos(mother)" when the block follows the name on the same line (on a line
  // of its own, the line break before it gives the space). Written {" · "} or {" "} instead.
  it("never rely on a space at the start of an {#if} or {:else} block", () => {
    const bad: string[] = [];
    for (const file of svelteFiles(join(process.cwd(), "src"))) {
      readFileSync(file, "utf8").split("\n").forEach((line, i) => {
        if (/\S\s*\{(#if|:else)[^}]*\} +[(·—–]/.test(line)) bad.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(bad).toEqual([]);
  });
});
