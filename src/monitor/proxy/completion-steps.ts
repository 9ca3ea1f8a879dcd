import type { Message } from "../../models/messages.ts";
import type { ConfessResult } from "../confess.ts";
import type { MonitorAnswer, MonitorMode } from "../monitor-types.ts";
import { surfaceNotice } from "../surface-notice.ts";
import { isRecord } from "../wire-values.ts";
import type { AnswerReading, ApiFormat } from "./api-format.ts";
import { type Asked, askUpstream } from "./ask-upstream.ts";
import type { ConfessionRunner } from "./confession-runner.ts";
import type { MonitorRecorder, RequestContext, RequestFinish } from "./monitor-recorder.ts";
import { requestIdHeaders } from "./monitor-recorder.ts";
import type { SseReading, StreamEnd } from "./sse-relay.ts";
import type { UpstreamTarget } from "./upstream-call.ts";
import { confessionHeaders, toWireConfession, type WireConfession } from "./wire-confession.ts";

// The steps every mode is made of: ask the upstream, refuse, answer with a confession, confess and alert,
// record. Modes (handle-completion.ts, reject-mode.ts) compose them.

/** What the request handlers share. */
export interface ProxyDeps {
  target: UpstreamTarget;
  recorder: MonitorRecorder;
  confessions: ConfessionRunner;
  maxAttempts: number;
  surface: boolean;
}

/** A model request that passed authentication and body checks. */
export interface CompletionRequest {
  format: ApiFormat;
  body: Record<string, unknown>;
  /** The body's bytes as the client sent them: forwarded unchanged. */
  raw: Uint8Array;
  model: string;
  /** The mode after the header override and sampling. */
  mode: MonitorMode;
}

export const JSON_TYPE = { "content-type": "application/json" };
export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
};

/** A stream's end as the request's outcome. */
export const STREAM_OUTCOMES = {
  complete: "ok",
  upstream_error: "upstream_error",
  cut: "upstream_error",
  timeout: "upstream_timeout",
  client_gone: "client_disconnected",
} as const satisfies Record<StreamEnd, RequestFinish["outcome"]>;

/** One call to the upstream with the client's body as it came. */
export function ask(deps: ProxyDeps, ctx: RequestContext, req: CompletionRequest): Promise<Asked> {
  return askUpstream(deps.target, req.format, {
    body: req.raw,
    // the upstream sees the client's id when it sent one, so logs on both sides match
    requestId: ctx.clientRequestId ?? ctx.id,
    clientSignal: ctx.clientSignal,
  });
}

/** Sends a failure and records the request with its outcome. */
export function refuse(
  deps: ProxyDeps,
  ctx: RequestContext,
  req: CompletionRequest,
  asked: Extract<Asked, { kind: "failed" }>,
  attempts: number,
): Response {
  finish(deps, ctx, req, {
    httpStatus: asked.httpStatus,
    outcome: asked.outcome,
    error: asked.error,
    attempts,
    chosenAttempt: null,
  });
  return new Response(JSON.stringify(asked.body), {
    status: asked.httpStatus,
    headers: { ...JSON_TYPE, ...asked.headers, ...requestIdHeaders(ctx) },
  });
}

/** The client left while its answer was being confessed about: recorded, and nothing more is sent. */
export function clientGone(
  deps: ProxyDeps,
  ctx: RequestContext,
  req: CompletionRequest,
  attempts: number,
): Response {
  const error = "the client closed the connection while the confession was being written";
  return refuse(
    deps,
    ctx,
    req,
    {
      kind: "failed",
      httpStatus: 499,
      outcome: "client_disconnected",
      error,
      body: { error: { message: error, type: "client_error", param: null, code: "client_closed_request" } },
      headers: {},
    },
    attempts,
  );
}

/** A JSON answer with the confession added: the `confession` field, the headers, and the notice when surfacing. */
export function jsonWithConfession(
  deps: ProxyDeps,
  ctx: RequestContext,
  req: CompletionRequest,
  asked: Extract<Asked, { kind: "json" }>,
  result: ConfessResult,
  wire: WireConfession,
): Response {
  const json = asked.json;
  if (deps.surface && wire.flagged && !asksForStructuredOutput(req.body)) {
    const notice = surfaceNotice(result);
    if (notice !== null) req.format.appendNotice(json, notice);
  }
  json.confession = wire;
  return new Response(JSON.stringify(json), {
    status: 200,
    headers: { ...JSON_TYPE, ...asked.headers, ...confessionHeaders(wire), ...requestIdHeaders(ctx) },
  });
}

/** Confesses about an answer (recorded by the runner) and alerts when the confession is flagged. */
export async function confessAndAlert(
  deps: ProxyDeps,
  ctx: RequestContext,
  req: CompletionRequest,
  attempt: number,
  reading: AnswerReading,
  signal?: AbortSignal,
): Promise<ConfessResult> {
  const result = await deps.confessions.run(
    ctx,
    attempt,
    req.model,
    messagesOf(req),
    answerOf(reading),
    signal,
  );
  if (result.flagged) alert(deps, ctx, req, attempt, toWireConfession(result));
  return result;
}

/** The webhook payload for a flagged answer: ids and the confession, never the conversation. */
export function alert(
  deps: ProxyDeps,
  ctx: RequestContext,
  req: CompletionRequest,
  attempt: number,
  wire: WireConfession,
): void {
  deps.confessions.alert(ctx, {
    request_id: ctx.id,
    ...(ctx.clientRequestId ? { client_request_id: ctx.clientRequestId } : {}),
    created_at: ctx.createdAt,
    api: ctx.api,
    model: req.model,
    mode: req.mode,
    key_id: ctx.keyId,
    attempt,
    confession: wire,
  });
}

/** Records the request (once) with the fields every mode shares. */
export function finish(
  deps: ProxyDeps,
  ctx: RequestContext,
  req: CompletionRequest,
  fields: Pick<RequestFinish, "httpStatus" | "outcome" | "error" | "attempts" | "chosenAttempt">,
): void {
  deps.recorder.request(ctx, {
    model: req.model,
    mode: req.mode,
    stream: req.body.stream === true,
    request: req.body,
    ...fields,
  });
}

/** The conversation for the confession; one that cannot be read is said so in a note rather than dropped. */
export function messagesOf(req: CompletionRequest): Message[] {
  const messages = req.format.toMessages(req.body);
  if (messages.ok) return messages.value;
  return [{ role: "system", content: `[the monitor could not read the conversation: ${messages.error}]` }];
}

/** What a stream has delivered so far, as an answer. */
export function readingOf(reading: SseReading): AnswerReading {
  const acc = reading.accumulator;
  return { ...acc.answer, finishReason: acc.finishReason, usage: acc.usage };
}

/** The answer alone, as stored and confessed about. */
export function answerOf(reading: AnswerReading): MonitorAnswer {
  return { text: reading.text, toolCalls: reading.toolCalls };
}

/** An attempt record's fields from an answer. */
export function attemptOf(reading: AnswerReading, latencyMs: number) {
  return { answer: answerOf(reading), finishReason: reading.finishReason, usage: reading.usage, latencyMs };
}

/**
 * Whether the client asked for machine-readable output (chat `response_format` other than text, Responses
 * `text.format` other than text): a notice appended there would break its parsing, so it is not surfaced;
 * the `confession` field and headers still carry the flag.
 *
 * @example
 * asksForStructuredOutput({ response_format: { type: "json_object" } }) // true
 */
export function asksForStructuredOutput(body: Record<string, unknown>): boolean {
  const chat = body.response_format;
  if (isRecord(chat) && chat.type !== undefined && chat.type !== "text") return true;
  const text = body.text;
  const format = isRecord(text) ? text.format : undefined;
  return isRecord(format) && format.type !== undefined && format.type !== "text";
}
