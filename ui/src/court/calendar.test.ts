import { describe, expect, it } from "vitest";
import { addDays, monday, monthGrid } from "./calendar";

describe("calendar arithmetic", () => {
  it("finds the Monday of a week, across a month boundary", () => {
    expect(monday("2026-12-03")).toBe("2026-11-30");
    expect(monday("2026-11-30")).toBe("2026-11-30");
    expect(monday("2026-12-06")).toBe("2026-11-30");
  });

  it("lays out a month as six weeks from a Monday", () => {
    const grid = monthGrid(2026, 12);
    expect(grid).toHaveLength(42);
    expect(grid[0]).toBe("2026-11-30");
    expect(grid).toContain("2026-12-31");
  });

  it("adds days across a year end", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
