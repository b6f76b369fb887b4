// Field problems from the backend's checks, shown next to their fields.
import type { FieldProblem, ProblemKind } from "../ipc";
import { t, type Key } from "../i18n/index.svelte";

export function problemText(kind: ProblemKind): string {
  const key: Key = `problem.${kind}`;
  return t(key);
}

/** The translated problem of one field, or null. */
export function problemOf(problems: FieldProblem[], field: string): string | null {
  const p = problems.find((x) => x.field === field);
  return p ? problemText(p.kind) : null;
}

/** "Spanish, Mam" → ["Spanish", "Mam"]. */
export function list(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

export const opt = (s: string | null | undefined) => (s == null || s.trim() === "" ? null : s.trim());
