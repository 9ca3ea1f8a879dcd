import { APICallError, LoadAPIKeyError, RetryError, StreamProviderError } from "ai";
import { ConfessError } from "../errors/confess-error.ts";

/**
 * Reads how long a provider asked us to wait: `retry-after-ms` (OpenAI's millisecond variant) first,
 * then `retry-after` as seconds or an HTTP date. Header names are matched case-insensitively.
 *
 * @example
 * parseRetryAfterSeconds({ "retry-after": "2" }); // 2
 * parseRetryAfterSeconds({ "retry-after-ms": "1500" }); // 1.5
 */
export function parseRetryAfterSeconds(
  headers: Record<string, string | undefined> | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const get = (name: string) => {
    for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value?.trim();
    return undefined;
  };
  const ms = get("retry-after-ms");
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Number(ms) / 1000;
  const value = get("retry-after");
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}

/** 408, 409, 429 and 5xx are worth retrying; other 4xx mean the request itself is wrong. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

const NETWORK_ERROR_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * Turns whatever the AI SDK threw into a {@link ConfessError}: `CONFESS_PROVIDER_ERROR` with `status`,
 * `retryable` and `retryAfterSeconds`; `CONFESS_ABORTED` / `CONFESS_TIMEOUT` when `signal` fired.
 * ConfessErrors pass through unchanged.
 *
 * @example
 * try { await generateText(...) } catch (e) { throw toProviderError(e, "openai:gpt-5", signal) }
 */
export function toProviderError(error: unknown, modelId: string, signal?: AbortSignal): ConfessError {
  if (ConfessError.isInstance(error)) return error;
  if (signal?.aborted) return abortError(signal.reason, modelId, error);
  // With maxRetries 0 the SDK should not wrap, but unwrap defensively so status codes survive.
  if (RetryError.isInstance(error) && error.lastError !== undefined) {
    return toProviderError(error.lastError, modelId, signal);
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    return new ConfessError("CONFESS_PROVIDER_ERROR", `${modelId}: ${describe(status, error.message)}`, {
      cause: error,
      status,
      // Without a status the call never got an answer (connection refused, reset): the SDK's own verdict.
      retryable: status === undefined ? error.isRetryable : isRetryableStatus(status),
      ...optionalRetryAfter(parseRetryAfterSeconds(error.responseHeaders)),
    });
  }
  if (StreamProviderError.isInstance(error)) {
    const status = error.statusCode;
    return new ConfessError("CONFESS_PROVIDER_ERROR", `${modelId}: ${describe(status, error.message)}`, {
      cause: error,
      status,
      retryable: status === undefined ? error.isRetryable : isRetryableStatus(status),
    });
  }
  if (LoadAPIKeyError.isInstance(error)) {
    return new ConfessError("CONFESS_MISSING_API_KEY", `${modelId}: ${error.message}`, { cause: error });
  }
  if (isAbortLike(error)) return abortError(error, modelId, error);
  const message = error instanceof Error ? error.message : String(error);
  return new ConfessError("CONFESS_PROVIDER_ERROR", `${modelId}: ${message}`, {
    cause: error,
    retryable: isNetworkError(error),
  });
}

function describe(status: number | undefined, message: string): string {
  return status === undefined ? message : `HTTP ${status}: ${message}`;
}

function optionalRetryAfter(seconds: number | undefined): { retryAfterSeconds?: number } {
  return seconds === undefined ? {} : { retryAfterSeconds: seconds };
}

function abortError(reason: unknown, modelId: string, cause: unknown): ConfessError {
  // Whoever aborted may have said why with a ConfessError (withRetry's timeout does).
  if (ConfessError.isInstance(reason)) return reason;
  if (isTimeout(reason)) {
    return new ConfessError("CONFESS_TIMEOUT", `${modelId}: the call timed out`, { cause, retryable: true });
  }
  return new ConfessError("CONFESS_ABORTED", `${modelId}: the call was aborted`, { cause });
}

function isAbortLike(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

function isNetworkError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_ERROR_CODES.has(code)) return true;
    if (e instanceof TypeError && /fetch failed|failed to fetch/i.test(e.message)) return true;
  }
  return false;
}
