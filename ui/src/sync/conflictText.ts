// Text for the unseen edit in a deletion conflict: the core gives it as {"field": value}.
export function describeEdit(value: string): string {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      return Object.entries(parsed as Record<string, unknown>)
        .map(([field, v]) => `${field}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join("\n");
    }
  } catch {
    // not JSON: shown as it came
  }
  return value;
}
