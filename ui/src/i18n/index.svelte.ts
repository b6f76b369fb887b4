// The translation layer. Every visible string goes through `t` with a typed key.
import { en, type Key } from "./en";
import { es } from "./es";
import { fill } from "./format";
import type { Language } from "../ipc";

export type { Key };

const dictionaries: Record<Language, Record<Key, string>> = { en, es };

export const i18n = $state<{ lang: Language }>({ lang: "en" });

export function setLanguage(lang: Language): void {
  i18n.lang = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

export function t(key: Key, params?: Record<string, string | number>): string {
  return fill(dictionaries[i18n.lang][key], params);
}

/** The text for a count: `one` when `n` is 1, `other` otherwise ("1 free bed", "3 free beds"). */
export function tn(n: number, one: Key, other: Key, params?: Record<string, string | number>): string {
  return t(n === 1 ? one : other, { n, ...params });
}

function intlLocale(): string {
  return i18n.lang === "es" ? "es-US" : "en-US";
}

/** A stored language code (or a shift's required skill) in the app's language: "es" is
 * "Spanish" / "español"; a skill that is not a language reads as written ("rapid response"). */
export function languageName(code: string): string {
  if (/^[a-z]{2,3}$/.test(code)) {
    try {
      const name = new Intl.DisplayNames([intlLocale()], { type: "language" }).of(code);
      if (name && name !== code) return name;
    } catch {
      // Not a code the platform knows: shown as written.
    }
  }
  return code.replace(/_/g, " ");
}

/** Several languages or skills, each named as [`languageName`] does. */
export function languageList(codes: readonly string[]): string {
  return codes.map(languageName).join(", ");
}

/** A calendar date such as "Tue, Dec 1, 2026" / "mar, 1 dic 2026". `date` is YYYY-MM-DD. */
export function formatDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d, 12));
  return new Intl.DateTimeFormat(intlLocale(), {
    weekday: "short", year: "numeric", month: "short", day: "numeric", timeZone: "UTC",
  }).format(dt);
}

/** A wall-clock time "HH:MM" in the place's own zone, shown per locale. */
export function formatTime(time: string): string {
  const [h, min] = time.split(":").map(Number);
  const dt = new Date(Date.UTC(2000, 0, 1, h, min));
  return new Intl.DateTimeFormat(intlLocale(), { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(dt);
}

/** An instant (ISO 8601) in this computer's own time zone: "Tue, Dec 1, 2026, 2:03 PM". */
export function formatInstant(iso: string): string {
  return new Intl.DateTimeFormat(intlLocale(), {
    weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit",
  }).format(new Date(iso));
}

export function formatMonth(year: number, month: number): string {
  return new Intl.DateTimeFormat(intlLocale(), { month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(year, month - 1, 15)));
}

export function weekdayShort(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat(intlLocale(), { weekday: "short", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d, 12)));
}
