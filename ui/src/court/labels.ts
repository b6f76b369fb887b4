import type { CourtKind, HouseholdStatus } from "../ipc";
import { t, type Key } from "../i18n/index.svelte";

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
