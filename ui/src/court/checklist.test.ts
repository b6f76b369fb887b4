import { describe, expect, it } from "vitest";
import { itemsToLines, linesToItems } from "./checklist";

describe("checklist editor text", () => {
  it("keeps one item per non-blank line, trimmed, in order", () => {
    expect(linesToItems("  Call the attorney \r\n\n Inform the family\n   \nBond")).toEqual(["Call the attorney", "Inform the family", "Bond"]);
    expect(linesToItems("\n \n")).toEqual([]);
    expect(linesToItems(itemsToLines(["a", "b"]))).toEqual(["a", "b"]);
  });
});
