import { describe, expect, it } from "vitest";
import { acceptable, strength } from "./strength";

describe("passphrase strength", () => {
  it("rates short and common passphrases as very weak", () => {
    expect(strength("abc")).toBe(0);
    expect(strength("password1")).toBe(0);
    expect(acceptable("password1")).toBe(false);
  });

  it("rates several words as strong and accepts them", () => {
    expect(strength("river lantern maple coffee")).toBeGreaterThanOrEqual(3);
    expect(acceptable("river lantern maple coffee")).toBe(true);
  });

  it("refuses anything shorter than 12 characters", () => {
    expect(acceptable("Ab1!Ab1!Ab")).toBe(false);
  });
});
