// Dates and times as a person types them in the app's language, to and from the ISO forms
// the forms and the core use (YYYY-MM-DD, HH:MM). The web view's own date and time inputs
// follow the computer's locale, not the app's language, so the app reads and writes these.
// English: 12/31/2026 and 2:30 PM. Spanish: 31/12/2026 and 14:30. ISO is accepted in both.
import type { Language } from "../ipc";

const pad = (n: number) => String(n).padStart(2, "0");

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > days ? null : `${y}-${pad(m)}-${pad(d)}`;
}

/** The ISO date a person typed, or null when it is not a whole, real date. Empty is null too. */
export function parseDateText(text: string, lang: Language): string | null {
  const s = text.trim();
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const local = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$/.exec(s);
  if (!local) return null;
  const [a, b, y] = [Number(local[1]), Number(local[2]), Number(local[3])];
  return lang === "es" ? isoDate(y, b, a) : isoDate(y, a, b);
}

/** An ISO date as the language writes it in a field: "12/31/2026" / "31/12/2026". Anything
 * that is not an ISO date is returned as it is. */
export function formatDateText(iso: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return lang === "es" ? `${m[3]}/${m[2]}/${m[1]}` : `${m[2]}/${m[3]}/${m[1]}`;
}

/** The "HH:MM" time a person typed, or null. With a.m./p.m. the hour is 1–12; without, it is
 * 0–23, so "09:30" and "14:30" read the same in both languages. */
export function parseTimeText(text: string): string | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, " ");
  const m = /^(\d{1,2})(?:\s?[:.h]\s?(\d{2}))?(?::(\d{2}))?\s?(?:([ap])\.?\s?m\.?)?$/.exec(s);
  if (!m) return null;
  const [, hText, minText, secText, marker] = m;
  if (minText === undefined && (marker === undefined || secText !== undefined)) return null;
  let h = Number(hText);
  const min = minText === undefined ? 0 : Number(minText);
  if (min > 59 || (secText !== undefined && Number(secText) > 59)) return null;
  if (marker) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (marker === "p" ? 12 : 0);
  } else if (h > 23) {
    return null;
  }
  return `${pad(h)}:${pad(min)}`;
}

/** An "HH:MM" (or "HH:MM:SS") time as the language writes it: "2:30 PM" / "14:30". Anything
 * else is returned as it is. */
export function formatTimeText(time: string, lang: Language): string {
  const m = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(time);
  if (!m) return time;
  const h = Number(m[1]);
  if (lang === "es") return `${m[1]}:${m[2]}`;
  return `${h % 12 === 0 ? 12 : h % 12}:${m[2]} ${h < 12 ? "AM" : "PM"}`;
}
