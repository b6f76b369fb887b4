// How a person's A-number reads on screen. The core stores nine digits, "none" when the
// person has none, or nothing while it is not known yet; the two empty cases mean different
// work for a coordinator, so they never read alike.
import { t } from "../i18n/index.svelte";

export const A_NUMBER_NONE = "none";

export function aNumberLabel(stored: string | null): string {
  if (stored === null || stored === "") return t("person.aNumberUnknown");
  if (stored === A_NUMBER_NONE) return t("person.aNumberNone");
  return /^\d{9}$/.test(stored) ? `A-${stored.slice(0, 3)}-${stored.slice(3, 6)}-${stored.slice(6)}` : stored;
}
