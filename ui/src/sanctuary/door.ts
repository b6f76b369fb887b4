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
