// Translated sentences for the core's coded refusals, invalid values, swap problems and
// auto-fill gap reasons, with their parameters filled in.
import type { CsvProblem } from "../ipc/bindings/CsvProblem";
import type { GapReason } from "../ipc/bindings/GapReason";
import type { Invalid } from "../ipc/bindings/Invalid";
import type { RuleRefusal } from "../ipc/bindings/RuleRefusal";
import type { SwapProblem } from "../ipc/bindings/SwapProblem";
import { formatDate, languageName, t, type Key } from "../i18n/index.svelte";

type Params = Record<string, string | number>;

const STATUSES = ["scheduled", "completed", "cancelled", "offered", "taken", "approved", "declined", "withdrawn"] as const;

/** A record status word as the core writes it, in the current language. */
function statusWord(word: string): string {
  const known = (STATUSES as readonly string[]).includes(word);
  return known ? t(`errStatus.${word as (typeof STATUSES)[number]}`) : word;
}

function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s);
}

export function ruleText(r: RuleRefusal): string {
  let key: Key = `rule.${r.code}`;
  if (!("params" in r)) return t(key);
  // One of a count reads in the singular ("1 placement", not "1 placement(s)").
  if (r.code === "site_has_placements" && r.params.count === 1) key = "rule.site_has_placementsOne";
  if (r.code === "csv_row_errors" && r.params.rows === 1) key = "rule.csv_row_errorsOne";
  const p = r.params;
  let params: Params;
  switch (r.code) {
    case "court_date_not_scheduled":
    case "swap_not_offered":
    case "swap_not_taken":
    case "swap_already_decided":
    case "swap_not_open":
      params = { status: statusWord(r.params.status) };
      break;
    case "family_already_placed":
      params = {
        site: r.params.site ?? t("errStatus.anotherSite"),
        from: formatDate(r.params.from),
        to: r.params.to === null ? t("errStatus.openEnded") : formatDate(r.params.to),
      };
      break;
    case "site_full":
    case "capacity_below_use":
      params = { ...r.params, night: isDate(r.params.night) ? formatDate(r.params.night) : r.params.night };
      break;
    case "cannot_approve":
      params = { problem: swapProblemText(r.params.problem) };
      break;
    case "not_your_role":
      params = { role: t(`role.${r.params.role}` as Key), act: t(`errStatus.act.${r.params.act}`) };
      break;
    default:
      params = { ...(p as Params) };
  }
  return t(key, params);
}

export function invalidText(i: Invalid): string {
  const key: Key = `invalid.${i.code}`;
  if (i.code === "other" || !("params" in i)) return t(key);
  return t(key, { ...(i.params as Params) });
}

export function swapProblemText(p: SwapProblem): string {
  const key: Key = `swapProblem.${p.code}`;
  if (p.code === "skill_lost") return t(key, { skill: languageName(p.params.skill) });
  return "params" in p ? t(key, { ...(p.params as Params) }) : t(key);
}

export function csvProblemText(p: CsvProblem): string {
  const key: Key = `csvProblem.${p.code}`;
  if (p.code === "value") return t(key, { problem: invalidText(p.params.problem) });
  return "params" in p ? t(key, { ...(p.params as Params) }) : t(key);
}

export function gapReasonText(g: GapReason): string {
  return t(`gapReason.${g}`);
}
