import type { CourtKind, HouseholdStatus } from "../ipc";
import { t, formatDate, formatTime, type Key } from "../i18n/index.svelte";

export const COURT_KINDS: CourtKind[] = [
  "master_calendar", "individual_hearing", "bond_hearing", "ice_check_in", "high_risk_ice_check_in",
  "isap_check_in", "uscis_biometrics", "uscis_interview", "family_court", "criminal_court", "other",
];

export function courtKindLabel(kind: CourtKind): string {
  const key: `courtKind.${CourtKind}` = `courtKind.${kind}`;
  return t(key satisfies Key);
}

/**
 * What this store does not hold of a court date, as every court view carries it
 * (`not_shared`: field names such as "kind", and "household_name"). What is not held is
 * "not shared with your role", never a default kind or an empty name.
 */
export type NotShared = readonly string[];

/** A court date's kind, or "not shared with your role" on a store not sent it (a driver's). */
export function courtKindText(kind: CourtKind, notShared: NotShared): string {
  return notShared.includes("kind") ? t("common.notShared") : courtKindLabel(kind);
}

/** The family of a court date, or "not shared with your role" on a store not sent its name. */
export function courtFamilyText(name: string, notShared: NotShared): string {
  return notShared.includes("household_name") ? t("common.notShared") : name;
}

/**
 * Whether this store is sent who accompanies a court date (a driver's is not): without it
 * no count of accompaniers may be shown, and no "needs people".
 */
export function staffingHeld(notShared: NotShared): boolean {
  return !notShared.includes("accompaniers");
}

/** Whether to show a court date as short of accompanists: only where that is known. */
export function shortStaffed(c: { understaffed: boolean; not_shared: NotShared }): boolean {
  return c.understaffed && staffingHeld(c.not_shared);
}

export const HOUSEHOLD_STATUSES: HouseholdStatus[] = ["active", "in_sanctuary", "detained", "closed"];

export function statusLabel(status: HouseholdStatus): string {
  const key: `status.${HouseholdStatus}` = `status.${status}`;
  return t(key satisfies Key);
}

/**
 * The time of a court date as every screen shows it: its wall time "HH:MM" (from a
 * "YYYY-MM-DD HH:MM" or "…THH:MM" string), or "time to be confirmed" when it is not known.
 * A to-be-confirmed date keeps a placeholder time in the store; it must never be shown.
 */
export function courtTime(localStart: string, tbc: boolean): string {
  return tbc ? t("court.timeTbc") : formatTime(localStart.slice(11, 16));
}

/** "Sun, Dec 6, 2026 1:00 PM", or "Sun, Dec 6, 2026 · time to be confirmed". */
export function courtWhen(localStart: string, tbc: boolean): string {
  const day = formatDate(localStart.slice(0, 10));
  return tbc ? `${day} · ${t("court.timeTbc")}` : `${day} ${formatTime(localStart.slice(11, 16))}`;
}
