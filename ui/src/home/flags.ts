// Words for the reminder flags on Home (the same reminders the desktop notifications use).
import type { ReminderFlag } from "../ipc";
import type { AccompanierFlag } from "../ipc/bindings/AccompanierFlag";
import type { ShiftFlag } from "../ipc/bindings/ShiftFlag";
import { t, formatDate, formatTime } from "../i18n/index.svelte";
import { courtWhen, statusLabel } from "../court/labels";

export function flagText(f: ReminderFlag): string {
  const k = f.flag;
  switch (k.kind) {
    case "under_staffed":
      return t(`flags.under.${k.stage}`, { assigned: k.assigned, wanted: k.wanted });
    case "time_to_be_confirmed":
      return t("flags.tbc");
    case "outcome_missing":
      return t("flags.outcomeMissing");
    case "detention_reported":
      return t("flags.detentionReported", { status: statusLabel(k.family_status) });
    case "deadline":
      return t(k.overdue ? "flags.overdue" : "flags.deadline", { due: formatDate(k.due), what: k.what });
    case "ending_soon":
      return t("flags.ending", { site: k.site, n: k.days_left, date: formatDate(k.last_night) });
    case "missed_check_in":
      return t("flags.missed", { site: k.site, date: formatDate(k.was_due) });
  }
}

/** When and where, for flags about a court date: "Tue, Dec 1, 2026 9:30 AM (America/Chicago) · place". */
export function flagWhen(f: ReminderFlag): string {
  if (!f.local_time) return "";
  return `${courtWhen(f.local_time, f.time_tbc)} (${f.time_zone ?? ""})${f.place ? ` · ${f.place}` : ""}`;
}

/** Overdue and closest-to-now first: the order a coordinator works through them. */
export function flagUrgency(f: ReminderFlag): number {
  const k = f.flag;
  switch (k.kind) {
    case "under_staffed":
      return k.stage === "morning_before" ? 0 : k.stage === "two_days" ? 1 : 3;
    case "deadline":
      return k.overdue ? 0 : 2;
    case "detention_reported":
      return -1;
    case "missed_check_in":
    case "outcome_missing":
      return 1;
    case "time_to_be_confirmed":
      return 2;
    case "ending_soon":
      return k.days_left <= 3 ? 1 : 3;
  }
}

export function sortFlags(list: ReminderFlag[]): ReminderFlag[] {
  return [...list].sort((a, b) => flagUrgency(a) - flagUrgency(b));
}

/** Why a volunteer chosen for a sanctuary shift may not come. */
export function shiftFlag(f: ShiftFlag): string {
  const w = f.warning;
  switch (w.kind) {
    case "blackout":
      return t("flags.shiftBlackout", { name: f.name, date: formatDate(w.date) });
  }
}

/** Why an accompanier of a court date on Home may not be able to go. */
export function accompanierFlag(f: AccompanierFlag): string {
  const p = f.problem;
  switch (p.kind) {
    case "other_court_date":
      return t("flags.accOtherCourt", { name: f.name, when: `${formatTime(p.local_time.slice(11, 16))} (${p.time_zone})` });
    case "on_shift":
      return t("flags.accOnShift", { name: f.name, label: p.label, from: formatTime(p.local_start.slice(11, 16)), to: formatTime(p.local_end.slice(11, 16)) });
    case "untrained":
      return t("flags.accUntrained", { name: f.name });
    case "inactive":
      return t("flags.accInactive", { name: f.name });
    case "blacked_out":
      return t("flags.accBlackedOut", { name: f.name, date: formatDate(p.date) });
  }
}
