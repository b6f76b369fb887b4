import type { HousingMatches } from "../ipc";
import { t } from "../i18n/index.svelte";

/** "Needs 3 beds · children · accessible" */
export function needWords(need: HousingMatches["need"]): string {
  const parts = [t("match.needs", { beds: need.beds })];
  if (need.children) parts.push(t("match.children"));
  if (need.pets) parts.push(t("match.pets"));
  if (need.accessible) parts.push(t("match.accessible"));
  return parts.join(" · ");
}
