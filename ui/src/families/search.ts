// The Families list's filter, with the same rule as Ctrl+K's search in the core
// (`amparo::query::search`: SQLite FTS5, unicode61 with diacritics removed): accents and
// case do not matter, and every word typed must begin a word of the name ("jos gar" finds
// "José García"; "garcia" finds "García").

function words(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function matchesSearch(text: string, query: string): boolean {
  const typed = words(query);
  if (typed.length === 0) return true;
  const have = words(text);
  return typed.every((q) => have.some((w) => w.startsWith(q)));
}
