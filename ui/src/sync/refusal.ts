import type { Refusal } from "../ipc";
import { t, type Key } from "../i18n/index.svelte";

/** The translated sentence for a refused sync file. */
export function refusalText(refusal: Refusal): string {
  const key: Key = `refusal.${refusal}`;
  return t(key);
}
