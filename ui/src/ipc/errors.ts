import type { ApiError } from "./bindings/ApiError";
import type { ErrorCode } from "./bindings/ErrorCode";

const CODES: readonly ErrorCode[] = [
  "locked", "wrong_passphrase", "no_store", "store_exists", "corrupt", "invalid",
  "not_found", "refused", "bundle", "io", "internal",
];

/** An error from the backend, as data: the UI branches on `code` and translates it. */
export class IpcError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "IpcError";
    this.code = code;
  }
}

export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcError) return e;
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const { code, message } = e as ApiError;
    if ((CODES as readonly string[]).includes(code)) return new IpcError(code, String(message));
  }
  return new IpcError("internal", e instanceof Error ? e.message : String(e));
}
