import type { ApiError } from "./bindings/ApiError";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { Invalid } from "./bindings/Invalid";
import type { Refusal } from "./bindings/Refusal";
import type { RuleRefusal } from "./bindings/RuleRefusal";

const CODES: readonly ErrorCode[] = [
  "locked", "wrong_passphrase", "no_store", "store_exists", "corrupt", "invalid",
  "not_found", "refused", "bundle", "io", "busy", "internal",
];

/** An error from the backend, as data: the UI branches on `code` and translates it. */
export class IpcError extends Error {
  readonly code: ErrorCode;
  /** Why a sync file was refused (code `bundle`), when the core said. */
  readonly refusal: Refusal | null;
  /** Which rule refused the change (code `refused`). */
  readonly rule: RuleRefusal | null;
  /** What is wrong with a value (code `invalid`). */
  readonly invalid: Invalid | null;
  constructor(code: ErrorCode, message: string, refusal: Refusal | null = null, rule: RuleRefusal | null = null, invalid: Invalid | null = null) {
    super(message);
    this.name = "IpcError";
    this.code = code;
    this.refusal = refusal;
    this.rule = rule;
    this.invalid = invalid;
  }
}

export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcError) return e;
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const { code, message, refusal, rule, invalid } = e as ApiError;
    if ((CODES as readonly string[]).includes(code)) {
      return new IpcError(code, String(message), refusal ?? null, rule ?? null, invalid ?? null);
    }
  }
  return new IpcError("internal", e instanceof Error ? e.message : String(e));
}
