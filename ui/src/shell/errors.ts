import { IpcError, type ErrorCode } from "../ipc";
import { toIpcError } from "../ipc/errors";
import { t, type Key } from "../i18n/index.svelte";
import { refusalText } from "../sync/refusal";
import { invalidText, ruleText } from "./coded";

function keyFor(code: ErrorCode): Key {
  const key: `error.${ErrorCode}` = `error.${code}`;
  return key;
}

/** The translated sentence for an error from the backend. */
export function errorText(e: unknown): string {
  const err = e instanceof IpcError ? e : toIpcError(e);
  if (err.code === "bundle" && err.refusal) return refusalText(err.refusal);
  if (err.code === "refused" && err.rule) return t("error.refused", { message: ruleText(err.rule) });
  if (err.code === "invalid" && err.invalid) return invalidText(err.invalid);
  return t(keyFor(err.code), { message: err.message });
}

export function errorCode(e: unknown): ErrorCode {
  return (e instanceof IpcError ? e : toIpcError(e)).code;
}
