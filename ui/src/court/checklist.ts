// The checklist editor's text: one item per line, blank lines and stray spaces dropped.
export function linesToItems(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
}

export function itemsToLines(items: string[]): string {
  return items.join("\n");
}
