// The door rota's words in the sheet's own language (chosen when printing, whatever
// language the app is in).
import type { Language } from "../ipc";
import { doorEn } from "../i18n/sanctuary.en";
import { doorEs } from "../i18n/sanctuary.es";

export function doorWords(lang: Language): typeof doorEn {
  return lang === "es" ? doorEs : doorEn;
}

/** A required skill as the sheet names it ("spanish" → "español"); unknown ones as written. */
export function skillWord(lang: Language, skill: string): string {
  return doorWords(lang).skills[skill] ?? skill.replace(/_/g, " ");
}

/** A day of the sheet: "Dec 4" in English (US style, like the rest of the app), "04/12" in Spanish. */
export function doorDate(lang: Language, iso: string): string {
  if (lang === "es") return `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** The Monday a sheet starts on: "Nov 30, 2026" in English, as stored (2026-11-30) in Spanish. */
export function doorWeek(lang: Language, iso: string): string {
  if (lang === "es") return iso;
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** A shift's wall-clock time "HH:MM": "8:00 AM" in English, "08:00" in Spanish. */
export function doorTime(lang: Language, hhmm: string): string {
  if (lang === "es") return hhmm;
  const [h, min] = hhmm.split(":").map(Number);
  return new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(new Date(Date.UTC(2000, 0, 1, h % 24, min)));
}
