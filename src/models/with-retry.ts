import { ConfessError } from "../errors/confess-error.ts";
import type { ChatModel, ModelRequest, ModelResponse } from "./model.ts";

export interface RetryInfo {
  /** The retry about to happen: 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface RetryOptions {
  /** Retries after the first call; default 5 (so at most 6 calls). */
  maxRetries?: number;
  /** Backoff base: the n-th retry waits up to `baseDelayMs * 2^(n-1)`; default 500. */
  baseDelayMs?: number;
  /** Cap on any single wait, Retry-After included; default 30 000. */
  maxDelayMs?: number;
  /** Per-call timeout; default 120 000. */
  timeoutMs?: number;
  /** Source of jitter in [0, 1); `Math.random` by default. */
  random?: () => number;
  /** Waits between attempts; rejects when `signal` aborts. Tests pass a fake. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRetry?: (info: RetryInfo) => void;
}

/**
 * Wraps a model with bounded retries: exponential backoff with full jitter, at least the provider's
 * Retry-After (capped at `maxDelayMs`), a per-call timeout and prompt abort. Only errors marked
 * `retryable` are retried; after `maxRetries` retries the last error is thrown. A timed-out call becomes
 * `CONFESS_TIMEOUT` (retryable); an abort of `request.signal` stops at once with `CONFESS_ABORTED`.
 *
 * @example
 * const model = withRetry(createAiSdkModel({ spec: "openai:gpt-5-mini" }), { maxRetries: 3 });
 * const res = await model.generate({ messages: [{ role: "user", content: "Hi" }] });
 */
export function withRetry(model: ChatModel, options: RetryOptions = {}): ChatModel {
  const maxRetries = options.maxRetries ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;

  const wrapped: ChatModel = {
    id: model.id,
    capabilities: model.capabilities,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const outer = request.signal;
      for (let attempt = 0; ; attempt++) {
        if (outer?.aborted) throw aborted(model.id, outer.reason);
        let error: unknown;
        try {
          return await callWithTimeout(model, request, timeoutMs);
        } catch (e) {
          if (outer?.aborted) throw aborted(model.id, e);
          error = e;
        }
        if (!isRetryable(error) || attempt >= maxRetries) throw error;

        // Full jitter spreads concurrent workers apart; Retry-After is a floor the provider asked for.
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
        let delayMs = Math.floor(random() * backoff);
        const retryAfter = ConfessError.isInstance(error) ? error.retryAfterSeconds : undefined;
        if (retryAfter !== undefined) delayMs = Math.max(delayMs, Math.min(maxDelayMs, retryAfter * 1000));
        options.onRetry?.({ attempt: attempt + 1, delayMs, error });
        try {
          await sleep(delayMs, outer);
        } catch (e) {
          if (outer?.aborted) throw aborted(model.id, e);
          throw e;
        }
      }
    },
  };
  if (model.parameters !== undefined) return { ...wrapped, parameters: model.parameters };
  return wrapped;
}

async function callWithTimeout(
  model: ChatModel,
  request: ModelRequest,
  timeoutMs: number,
): Promise<ModelResponse> {
  // one controller linked by hand to the caller's signal: cheaper than AbortSignal.any on every call
  const controller = new AbortController();
  const outer = request.signal;
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener("abort", onOuterAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(
      new ConfessError("CONFESS_TIMEOUT", `${model.id}: no response within ${timeoutMs} ms`, {
        retryable: true,
      }),
    );
  }, timeoutMs);
  const signal = controller.signal;
  try {
    // Race the call against the signal, so a model that ignores its signal still cannot hang us.
    const call = model.generate({ ...request, signal });
    const abandoned = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
    call.catch(() => {}); // the losing side of the race must not become an unhandled rejection
    abandoned.catch(() => {});
    try {
      return await Promise.race([call, abandoned]);
    } catch (error) {
      // Whatever the model threw after our timer fired, the cause is the timeout.
      if (timedOut && !outer?.aborted) throw signal.reason;
      throw error;
    }
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  }
}

function isRetryable(error: unknown): boolean {
  return ConfessError.isInstance(error) && error.retryable;
}

function aborted(modelId: string, cause: unknown): ConfessError {
  if (ConfessError.isInstance(cause) && cause.code === "CONFESS_ABORTED") return cause;
  return new ConfessError("CONFESS_ABORTED", `${modelId}: the call was aborted`, { cause });
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
