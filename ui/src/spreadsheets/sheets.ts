// Words for what a CSV import would add, and where an export goes by default.
import type { SheetKind, SheetPreview } from "../ipc";
import { t, type Key } from "../i18n/index.svelte";

export const SHEET_KINDS: SheetKind[] = ["volunteers", "households", "court_dates"];

export function kindLabel(kind: SheetKind): string {
  return t(`sheets.kind.${kind}` satisfies Key);
}

export function exportWarning(kind: SheetKind): string {
  return t(`sheets.exportWarning.${kind}` satisfies Key);
}

const COUNT_KEYS: Record<string, Key> = {
  volunteer: "sheets.count.volunteer",
  family: "sheets.count.family",
  person: "sheets.count.person",
  "court date": "sheets.count.court_date",
  congregation: "sheets.count.congregation",
  accompanier: "sheets.count.accompanier",
};

/** What a row of the preview will do. */
export function actionLabel(action: string): string {
  return action === "already_present" ? t("sheets.action.already_present") : action === "error" ? t("sheets.action.error") : t("sheets.action.create");
}

/** A thing to check in a row, in the UI's language. */
export function warningText(w: SheetPreview["details"][number]["warnings"][number]): string {
  return w.code === "time_twice" ? t("sheets.warning.time_twice", w.params) : t("sheets.warning.not_scheduled", w.params);
}

/** "3 families, 7 people" — what an import adds, in the UI's language. */
export function countsText(creates: SheetPreview["creates"]): string {
  return creates
    .map((c) => (COUNT_KEYS[c.what] ? t(COUNT_KEYS[c.what], { n: c.count }) : `${c.count} ${c.what}`))
    .join(", ");
}

/** "Row 4" or "Row 4, column “date”". */
export function rowLabel(row: number, column: string | null): string {
  return column ? t("sheets.rowColumn", { row, column }) : t("sheets.row", { row });
}

/** A file name that says what it is and nothing about whom: "amparo-volunteers-2026-11-23.csv". */
export function defaultExportName(kind: SheetKind, today: string): string {
  return `amparo-${kind.replace("_", "-")}-${today}.csv`;
}
