// The words of the desk's enums, each a translation key, and the lists the forms offer.
import type { Activity, Disposition, IncidentKind, IncidentStatus, ResponderRole, VerifiedBy, Warrant } from "../ipc";
import type { Key } from "../i18n/index.svelte";

export const KINDS: IncidentKind[] = ["home", "workplace", "vehicle_stop", "checkpoint", "courthouse", "check_in_arrest", "sweep", "other"];
export const ACTIVITIES: Activity[] = ["watching", "approaching", "questioning", "detaining", "loading", "checkpoint"];
export const WARRANTS: Warrant[] = ["none", "administrative", "judicial", "unknown"];
export const DISPOSITIONS: Disposition[] = ["unverified", "confirmed", "false_alarm"];
export const VERIFIED_BY: VerifiedBy[] = ["on_scene", "photo", "second_source"];
export const RESPONDER_ROLES: ResponderRole[] = ["verifier", "legal_observer", "zone_lead"];

export const kindKey = (k: IncidentKind): Key => `incidentKind.${k}`;
export const activityKey = (a: Activity): Key => `activity.${a}`;
export const warrantKey = (w: Warrant): Key => `warrant.${w}`;
export const statusKey = (s: IncidentStatus): Key => `incidentStatus.${s}`;
export const dispositionKey = (d: Disposition): Key => `disposition.${d}`;
export const verifiedByKey = (v: VerifiedBy): Key => `verifiedBy.${v}`;
export const roleKey = (r: ResponderRole): Key => `responderRole.${r}`;

/** A list typed with commas ("ICE, HSI") as the record holds it. */
export function splitList(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** An optional text field: "" is none. */
export function optional(text: string | null | undefined): string | null {
  const v = (text ?? "").trim();
  return v === "" ? null : v;
}

/** A yes / no / not known answer as a select's value and back. */
export function triValue(b: boolean | null): string {
  return b === null ? "" : b ? "yes" : "no";
}
export function triParse(v: string): boolean | null {
  return v === "" ? null : v === "yes";
}

/** An instant from a local date and time typed here (this computer's zone). */
export function localInstant(date: string, time: string): string | null {
  if (!date || !time) return null;
  const [y, m, d] = date.split("-").map(Number);
  const [h, min] = time.split(":").map(Number);
  return new Date(y, m - 1, d, h, min).toISOString();
}

/** Today's date here (YYYY-MM-DD), and an instant's local date and time. */
export function localParts(iso: string | null): { date: string; time: string } {
  if (!iso) return { date: "", time: "" };
  const dt = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${dt.getFullYear()}-${pad(dt.getMonth() + 1)}-${pad(dt.getDate())}`,
    time: `${pad(dt.getHours())}:${pad(dt.getMinutes())}`,
  };
}
