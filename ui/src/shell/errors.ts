import { IpcError, type ErrorCode } from "../ipc";
import { toIpcError } from "../ipc/errors";
import { t, type Key } from "../i18n/index.svelte";

function keyFor(code: ErrorCode): Key {
  const key: `error.${ErrorCode}` = `error.${code}`;
  return key;
}

/** The translated sentence for an error from the backend. */
export function errorText(e: unknown): string {
  const err = e instanceof IpcError ? e : toIpcError(e);
  return t(keyFor(err.code), { message: err.message });
}

export function errorCode(e: unknown): ErrorCode {
  return (e instanceof IpcError ? e : toIpcError(e)).code;
}
