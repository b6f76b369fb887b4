import { IpcError } from "../ipc";
import type { RuleRefusal } from "../ipc/bindings/RuleRefusal";

/** Whether an error is the core's refusal `code` that the user may set aside with a
 * "save anyway" (the core's `rules::Overrides`): the command is then sent again with
 * `anyway`, and the core decides again. */
export function refusedAs(e: unknown, code: RuleRefusal["code"]): boolean {
  return e instanceof IpcError && e.code === "refused" && e.rule?.code === code;
}
