// Pure helpers of the sanctuary screens: issue sentences, template and availability
// checks before anything is sent (the core checks again and has the last word).
import type { Key } from "../i18n/en";
import { languageList } from "../i18n/index.svelte";
import type { RotaIssueLine, ShiftSpecInput } from "../ipc/sanctuary";

type Tr = (key: Key, params?: Record<string, string | number>) => string;

/** One loud sentence for a rota issue, in the UI language. */
export function describeIssue(i: RotaIssueLine, t: Tr, when: (local: string) => string): string {
  const base = { code: i.site_code, label: i.label, when: when(i.local_start) };
  const other = `${i.other_label ?? "?"} ${i.other_local_start ? when(i.other_local_start) : ""}`.trim();
  switch (i.kind) {
    case "gap": {
      const text = t("sanct.issueGap", { ...base, assigned: i.assigned, min: i.min_people });
      return i.missing_skills.length ? `${text}; ${t("sanct.issueSkills", { skills: languageList(i.missing_skills) })}` : text;
    }
    case "double_booked":
      return t("sanct.issueDouble", { ...base, who: i.volunteer ?? "?", other });
    case "short_rest":
      return t("sanct.issueRest", { ...base, who: i.volunteer ?? "?", other, minutes: i.rest_minutes ?? 0, hours: i.wanted_hours ?? 0 });
    case "blackout":
      return t("sanct.issueBlackout", { ...base, who: i.volunteer ?? "?", date: i.blackout_date ?? "" });
    case "inactive":
      return t("sanct.issueInactive", { ...base, who: i.volunteer ?? "?" });
  }
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isOvernight(s: Pick<ShiftSpecInput, "start" | "end">): boolean {
  return TIME.test(s.start) && TIME.test(s.end) && s.end <= s.start;
}

export type Problem = { key: Key; params?: Record<string, string | number> };

/** What is wrong with a template before it is saved, or null. */
export function checkTemplate(name: string, shifts: ShiftSpecInput[]): Problem | null {
  if (!name.trim()) return { key: "sanct.errTemplateName" };
  if (shifts.length === 0) return { key: "sanct.errNoShifts" };
  for (const s of shifts) {
    if (!s.label.trim()) return { key: "sanct.errName" };
    if (!TIME.test(s.start) || !TIME.test(s.end) || s.start === s.end) return { key: "sanct.errTimes", params: { label: s.label } };
    if (!Number.isInteger(s.min_people) || s.min_people < 0 || (s.max_people !== null && s.max_people < s.min_people)) {
      return { key: "sanct.errStaffing", params: { label: s.label } };
    }
  }
  return null;
}

/** Comma- or line-separated text as a list of trimmed, non-empty entries. */
export function listOf(text: string, sep: RegExp = /[,\n]/): string[] {
  return text.split(sep).map((x) => x.trim()).filter(Boolean);
}

const DAYS = new Set(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]);
const HM = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Whether a weekly window reads like the core's: "MO,WE 18:00-23:00", "DAILY …", "RRULE:… …". */
export function isWindow(text: string): boolean {
  const m = text.trim().match(/^(\S+)\s+(\S+)-(\S+)$/);
  if (!m) return false;
  const [, days, a, b] = m;
  if (!HM.test(a) || a === "24:00" || !HM.test(b)) return false;
  if (/^DAILY$/i.test(days)) return true;
  if (/^RRULE:FREQ=/i.test(days)) return true;
  return days.split(",").every((d) => DAYS.has(d.trim().toUpperCase()));
}

/** The first malformed weekly window (1-based line), or null. */
export function checkWindows(lines: string[]): Problem | null {
  const bad = lines.findIndex((l) => !isWindow(l));
  return bad < 0 ? null : { key: "team.errWindow", params: { n: bad + 1, text: lines[bad] } };
}

/** A whole number ≥ 0 from a form field; "" is none; anything else is an error (undefined). */
export function limit(text: string | number | null): number | null | undefined {
  if (text === null) return null;
  const s = String(text).trim();
  if (s === "") return null;
  return /^\d+$/.test(s) ? Number(s) : undefined;
}

const URGENCY: Record<RotaIssueLine["kind"], number> = { double_booked: 0, blackout: 0, inactive: 0, short_rest: 1, gap: 2 };

/** Double bookings first, then short rests, then gaps; each kind in time order. */
export function byUrgency(issues: RotaIssueLine[]): RotaIssueLine[] {
  return [...issues].sort((a, b) => URGENCY[a.kind] - URGENCY[b.kind] || a.starts_utc.localeCompare(b.starts_utc));
}

/** What a week without shifts tells the coordinator to do next: without a template there
 *  is nothing to generate from, so the first step is to create one. */
export function emptyWeekStep(templates: number): Key {
  return templates > 0 ? "sanctux.nextGenerate" : "sanctux.nextTemplate";
}
