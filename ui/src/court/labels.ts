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
