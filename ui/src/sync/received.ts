// Words for what a member's devices hold: "12 court dates", "1 familia".
import { t, tn } from "../i18n/index.svelte";

const KINDS = [
  "congregation", "household", "person", "volunteer", "court_date", "court_accompanier", "housing_site", "placement",
  "sanctuary_site", "sanctuary_guest", "shift", "shift_assignment", "task", "note", "rotation_template", "swap_request",
  "checklist_template",
] as const;
type Kind = (typeof KINDS)[number];

function isKind(kind: string): kind is Kind {
  return (KINDS as readonly string[]).includes(kind);
}

/** How many records of one kind (a table name), in the app's language. */
export function kindCount(kind: string, n: number): string {
  if (!isKind(kind)) return t("sync.kind.other", { n });
  return tn(n, `sync.kind.${kind}.one`, `sync.kind.${kind}.other`, { n });
}
