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

// In a conflict on `_deleted`, each listed value is a deletion ("true"), a restore
// ("false") or an unseen edit ({"field": value}); keeping a deletion deletes the record,
// keeping anything else brings it back with its current values (the core decides).
export type DeletionChoice = "delete" | "restore";

export function deletionChoice(value: string): DeletionChoice {
  return value.trim() === "true" ? "delete" : "restore";
}
