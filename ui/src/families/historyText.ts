// Words for a family's history: the change log names fields as the store does
// ("display_name", "_deleted"); a person reads the form's label for each, in their language.
import { t, type Key } from "../i18n/index.svelte";
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

export function historyValue(field: string, value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (field === "_deleted") return value === true ? t("history.deleted") : t("history.restored");
  if (field === "status" && typeof value === "string") return statusLabel(value as HouseholdStatus);
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
  return typeof value === "string" ? value : JSON.stringify(value);
}
