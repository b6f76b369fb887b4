import type { ApiError } from "./bindings/ApiError";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { Refusal } from "./bindings/Refusal";

const CODES: readonly ErrorCode[] = [
  "locked", "wrong_passphrase", "no_store", "store_exists", "corrupt", "invalid",
  "not_found", "refused", "bundle", "io", "internal",
];

/** An error from the backend, as data: the UI branches on `code` and translates it. */
export class IpcError extends Error {
  readonly code: ErrorCode;
  /** Why a sync file was refused (code `bundle`), when the core said. */
  readonly refusal: Refusal | null;
  constructor(code: ErrorCode, message: string, refusal: Refusal | null = null) {
    super(message);
    this.name = "IpcError";
    this.code = code;
    this.refusal = refusal;
  }
}

export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcError) return e;
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const { code, message, refusal } = e as ApiError;
    if ((CODES as readonly string[]).includes(code)) return new IpcError(code, String(message), refusal ?? null);
  }
  return new IpcError("internal", e instanceof Error ? e.message : String(e));
}
