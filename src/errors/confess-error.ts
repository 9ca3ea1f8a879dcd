const marker = Symbol.for("confessional.error");

/**
 * Stable machine-readable error codes. Codes never change meaning once released.
 */
export type ConfessErrorCode =
  | "CONFESS_INVALID_ARGUMENT"
  | "CONFESS_UNKNOWN_SUITE"
  | "CONFESS_INVALID_MODEL_SPEC"
  | "CONFESS_MISSING_API_KEY"
  | "CONFESS_PROVIDER_ERROR"
  | "CONFESS_TIMEOUT"
  | "CONFESS_ABORTED"
  | "CONFESS_STORE_ERROR"
  | "CONFESS_RUN_CONFLICT"
  | "CONFESS_NOT_FOUND"
  | "CONFESS_PARSE_ERROR"
  | "CONFESS_SCORING_ERROR"
  | "CONFESS_VIEWER_NOT_BUILT"
  | "CONFESS_LAB_RUN_DIR";

/**
 * Base error of the toolkit. `code` is stable; `isInstance` works across duplicated package copies.
 *
 * @example
 * try { parseModelSpec("nope") } catch (e) { if (ConfessError.isInstance(e)) console.log(e.code) }
 */
export class ConfessError extends Error {
  // read by isInstance through the symbol, so it survives duplicate package copies
  readonly [marker] = true;
  readonly code: ConfessErrorCode;
  /** True when retrying the same call may succeed (rate limits, 5xx, timeouts). */
  readonly retryable: boolean;
  /** Seconds the provider asked us to wait, from `Retry-After`, when known. */
  readonly retryAfterSeconds: number | undefined;
  readonly status: number | undefined;

  constructor(
    code: ConfessErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean; retryAfterSeconds?: number; status?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ConfessError";
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.status = options.status;
  }

  static isInstance(error: unknown): error is ConfessError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** A mistake in what the user typed (flag, config, spec): the CLI exits with code 2. */
export class UsageError extends ConfessError {
  constructor(message: string, code: ConfessErrorCode = "CONFESS_INVALID_ARGUMENT") {
    super(code, message);
    this.name = "UsageError";
  }

  static isUsage(error: unknown): error is UsageError {
    return ConfessError.isInstance(error) && error.name === "UsageError";
  }
}

/**
 * True for errors that every later call would repeat (missing key, invalid spec, 401/403/404): a run stops
 * on them instead of failing each sample the same way.
 *
 * @example
 * if (isFatalError(error)) throw error;
 */
export function isFatalError(error: unknown): boolean {
  if (!ConfessError.isInstance(error)) return false;
  if (error.code === "CONFESS_MISSING_API_KEY" || error.code === "CONFESS_INVALID_MODEL_SPEC") return true;
  return error.status === 401 || error.status === 403 || error.status === 404;
}
