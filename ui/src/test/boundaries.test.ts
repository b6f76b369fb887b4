import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const SRC = join(process.cwd(), "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(svelte|ts)$/.test(name) && !/\.test\.ts$/.test(name) && !path.includes(`${join("src", "test")}`) ? [path] : [];
  });
}

describe("architecture invariants of the UI", () => {
  const sources = files(SRC).map((p) => ({ path: relative(SRC, p), text: readFileSync(p, "utf8") }));

  it("only ui/src/ipc imports @tauri-apps", () => {
    const offenders = sources.filter((s) => !s.path.startsWith("ipc") && s.text.includes("@tauri-apps/")).map((s) => s.path);
    expect(sources.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it("keeps nothing in browser storage and never renders HTML from strings", () => {
    const banned = [/localStorage/, /sessionStorage/, /indexedDB/, /innerHTML/, /outerHTML/, /\{@html/, /document\.write/, /\beval\(/];
    const offenders = sources.flatMap((s) => banned.filter((b) => b.test(s.text)).map((b) => `${s.path}: ${b}`));
    expect(offenders).toEqual([]);
  });
});
