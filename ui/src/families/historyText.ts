// Words for a family's history: the change log names fields as the store does
// ("display_name", "_deleted"); a person reads the form's label for each, in their language.
import { t, formatDate, type Key } from "../i18n/index.svelte";
import { statusLabel } from "../court/labels";
import type { HouseholdStatus } from "../ipc";

const HOUSEHOLD_FIELD_LABELS: Record<string, Key> = {
  display_name: "families.name",
  languages: "families.languages",
  phone: "families.phone",
  voicemail_ok: "edit.voicemailOk",
  alternate_contact: "edit.alternateContact",
  address: "edit.address",
  lead_congregation_id: "history.leadCongregation",
  lead_volunteer_id: "edit.leadVolunteer",
  intake_date: "edit.intakeDate",
  status: "families.status",
  consent: "edit.consent",
  needs: "edit.needs",
  tags: "edit.tags",
  closed_at: "edit.closedAt",
};

export function historyField(field: string): string {
  if (field === "_deleted") return t("history.record");
  const key = HOUSEHOLD_FIELD_LABELS[field];
  return key ? t(key) : field;
}

/** Fields that hold another record's id: the history shows that record's name. */
const ID_FIELDS = new Set(["lead_volunteer_id", "lead_congregation_id"]);
const DATE_FIELDS = new Set(["intake_date", "closed_at"]);

/** The names this device has for ids in the history (`FamilyDetail.history_names`). */
export type HistoryNames = ReadonlyArray<{ id: string; name: string }>;

export function historyValue(field: string, value: unknown, names: HistoryNames = []): string {
  if (value === null || value === undefined) return "—";
  if (ID_FIELDS.has(field) && typeof value === "string") {
    // Never an id on screen: a record deleted since, or not on this device, says so.
    return names.find((n) => n.id === value)?.name ?? t("history.unknownRecord");
  }
  if (DATE_FIELDS.has(field) && typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    return formatDate(value.slice(0, 10));
  }
  if (field === "_deleted") return value === true ? t("history.deleted") : t("history.restored");
  if (field === "status" && typeof value === "string") return statusLabel(value as HouseholdStatus);
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
  return typeof value === "string" ? value : JSON.stringify(value);
}
