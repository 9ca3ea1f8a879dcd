import type { Usage } from "../../models/model.ts";
import type { ConfessResult } from "../confess.ts";
import type {
  MonitorAnswer,
  MonitorApi,
  MonitorAttemptRecord,
  MonitorConfessionRecord,
  MonitorRequestRecord,
  MonitorSink,
} from "../monitor-types.ts";

/** What the proxy knows about a request from its arrival. */
export interface RequestContext {
  /** The monitor's own id for the request: always generated here, so no client can collide with another. */
  id: string;
  /** The client's `x-request-id`, when it sent a well-formed one: stored and echoed, never used as a key. */
  clientRequestId: string | null;
  api: MonitorApi;
  createdAt: string;
  /** `performance.now()` at arrival. */
  started: number;
  keyId: string | null;
  /** Aborted when the client's connection closes before its response is complete. */
  clientSignal: AbortSignal | undefined;
  /** Set once the request record is written, so an unexpected failure can still record it exactly once. */
  recorded?: boolean;
}

/** The request record's fields that the handler decides. */
export type RequestFinish = Pick<
  MonitorRequestRecord,
  "model" | "mode" | "stream" | "request" | "httpStatus" | "outcome" | "error" | "attempts" | "chosenAttempt"
>;

/** A sink that may hold records back (a worker's queue); `flush` resolves once they are written. */
export interface FlushableSink extends MonitorSink {
  flush?(): Promise<void>;
}

/** Writes the monitor's records; a failing sink is reported through `log` and never breaks a response. */
export interface MonitorRecorder {
  /** The request's arrival, written first, so a crash mid-request leaves a trace (`recoverInterrupted`). */
  arrival(ctx: RequestContext): void;
  request(ctx: RequestContext, finish: RequestFinish): void;
  attempt(
    ctx: RequestContext,
    index: number,
    attempt: { answer: MonitorAnswer; finishReason: string | null; usage: Usage | null; latencyMs: number },
  ): void;
  confession(ctx: RequestContext, attempt: number, result: ConfessResult): void;
  /** Resolves once the sink has written everything recorded so far. */
  flush(): Promise<void>;
}

/**
 * Wraps a sink so that every record is written with its timestamps and latency, secrets are scrubbed from
 * error texts, and a store error (a full disk, a duplicate request id) is logged instead of thrown. With a
 * plain store the writes happen in the request path; `openWorkerSink` moves them to a worker thread.
 *
 * @example
 * const recorder = createRecorder(store, (line) => process.stderr.write(line), [upstreamKey]);
 * recorder.request(ctx, { model: "gpt-5", mode: "off", stream: false, request: body, httpStatus: 200,
 *   outcome: "ok", attempts: 1, chosenAttempt: 1 });
 */
export function createRecorder(
  sink: FlushableSink,
  log: (line: string) => void,
  secrets: readonly string[],
): MonitorRecorder {
  const scrub = (text: string | undefined): string | undefined => redact(text, secrets);
  const write = (what: string, requestId: string, record: () => void) => {
    try {
      record();
    } catch (error) {
      log(`confess serve: could not record the ${what} of request ${requestId}: ${scrub(String(error))}\n`);
    }
  };
  return {
    flush: async () => {
      await sink.flush?.();
    },
    arrival(ctx) {
      if (!sink.recordArrival) return;
      write("arrival", ctx.id, () =>
        sink.recordArrival?.({
          id: ctx.id,
          clientRequestId: ctx.clientRequestId,
          createdAt: ctx.createdAt,
          api: ctx.api,
        }),
      );
    },
    request(ctx, finish) {
      if (ctx.recorded) return;
      ctx.recorded = true;
      const record: MonitorRequestRecord = {
        id: ctx.id,
        clientRequestId: ctx.clientRequestId,
        createdAt: ctx.createdAt,
        api: ctx.api,
        model: finish.model,
        keyId: ctx.keyId,
        mode: finish.mode,
        stream: finish.stream,
        request: finish.request,
        httpStatus: finish.httpStatus,
        outcome: finish.outcome,
        ...(finish.error !== undefined ? { error: scrub(finish.error) } : {}),
        latencyMs: Math.round(performance.now() - ctx.started),
        attempts: finish.attempts,
        chosenAttempt: finish.chosenAttempt,
      };
      write("request", ctx.id, () => sink.recordRequest(record));
    },
    attempt(ctx, index, attempt) {
      const record: MonitorAttemptRecord = {
        requestId: ctx.id,
        index,
        ...attempt,
        createdAt: new Date().toISOString(),
      };
      write(`answer ${index}`, ctx.id, () => sink.recordAttempt(record));
    },
    confession(ctx, attempt, result) {
      const record: MonitorConfessionRecord = {
        requestId: ctx.id,
        attempt,
        status: result.status,
        confession: result.confession,
        text: result.text,
        grade: result.grade,
        passed: result.passed,
        flagged: result.flagged,
        reasons: result.reasons,
        usage: result.usage,
        latencyMs: result.latencyMs,
        ...(result.error !== undefined ? { error: scrub(result.error) } : {}),
        createdAt: new Date().toISOString(),
      };
      write(`confession of answer ${attempt}`, ctx.id, () => sink.recordConfession(record));
    },
  };
}

/**
 * Replaces every occurrence of a secret (the upstream key) with `[redacted]`: errors from a provider
 * library could echo what was sent, and nothing the proxy writes may carry the key.
 *
 * @example
 * redact("bad key sk-123", ["sk-123"]) // "bad key [redacted]"
 */
export function redact(text: string, secrets: readonly string[]): string;
export function redact(text: string | undefined, secrets: readonly string[]): string | undefined;
export function redact(text: string | undefined, secrets: readonly string[]): string | undefined {
  if (text === undefined) return undefined;
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join("[redacted]");
  return out;
}

/**
 * The id headers of every response: `x-request-id` echoes the client's id (or gives ours when it sent
 * none), `x-confession-id` is the monitor's own id, the one `confess monitor show` takes.
 *
 * @example
 * c.json(body, 200, requestIdHeaders(ctx))
 */
export function requestIdHeaders(
  ctx: Pick<RequestContext, "id" | "clientRequestId">,
): Record<string, string> {
  return { "x-request-id": ctx.clientRequestId ?? ctx.id, "x-confession-id": ctx.id };
}
