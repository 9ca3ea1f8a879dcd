import type { ConfessResult } from "../confess.ts";
import type { Asked } from "./ask-upstream.ts";
import {
  ask,
  attemptOf,
  type CompletionRequest,
  clientGone,
  confessAndAlert,
  finish,
  jsonWithConfession,
  type ProxyDeps,
  readingOf,
  refuse,
  SSE_HEADERS,
  STREAM_OUTCOMES,
} from "./completion-steps.ts";
import type { RequestContext } from "./monitor-recorder.ts";
import { requestIdHeaders } from "./monitor-recorder.ts";
import { rejectionSample } from "./reject-mode.ts";
import { relaySse } from "./sse-relay.ts";
import { toWireConfession } from "./wire-confession.ts";

export type { CompletionRequest, ProxyDeps } from "./completion-steps.ts";

/**
 * Serves one chat-completions or Responses request in its mode (see `createMonitorApp` for what each mode
 * does) and records it: the request once the client's response is complete, each upstream answer, each
 * confession.
 *
 * @example
 * return handleCompletion(deps, ctx, { format: CHAT_FORMAT, body, raw, model: body.model, mode: "async" });
 */
export async function handleCompletion(
  deps: ProxyDeps,
  ctx: RequestContext,
  req: CompletionRequest,
): Promise<Response> {
  if (req.mode === "reject") return rejectionSample(deps, ctx, req);
  const asked = await ask(deps, ctx, req);
  if (asked.kind === "failed") return refuse(deps, ctx, req, asked, 0);
  if (asked.kind === "sse") return relay(deps, ctx, req, asked);

  deps.recorder.attempt(ctx, 1, attemptOf(asked.reading, asked.latencyMs));
  if (req.mode !== "sync") {
    // the client gets the upstream's bytes as they came; the confession waits until it has them
    finish(deps, ctx, req, { httpStatus: asked.status, outcome: "ok", attempts: 1, chosenAttempt: 1 });
    if (req.mode === "async")
      deps.confessions.background(() => confessAndAlert(deps, ctx, req, 1, asked.reading));
    return new Response(asked.text, {
      status: asked.status,
      headers: { "content-type": asked.contentType, ...asked.headers, ...requestIdHeaders(ctx) },
    });
  }

  let result: ConfessResult;
  try {
    result = await confessAndAlert(deps, ctx, req, 1, asked.reading, ctx.clientSignal);
  } catch {
    // the client left, but its answer was produced and stored: it is still confessed about, in the background
    deps.confessions.background(() => confessAndAlert(deps, ctx, req, 1, asked.reading));
    return clientGone(deps, ctx, req, 1);
  }
  const wire = toWireConfession(result);
  finish(deps, ctx, req, { httpStatus: 200, outcome: "ok", attempts: 1, chosenAttempt: 1 });
  return jsonWithConfession(deps, ctx, req, asked, result, wire);
}

/** Streams the upstream's events to the client; in sync mode the confession goes in before the end. */
function relay(
  deps: ProxyDeps,
  ctx: RequestContext,
  req: CompletionRequest,
  asked: Extract<Asked, { kind: "sse" }>,
): Response {
  const { reading, call } = asked;
  let recorded = false;
  const recordAttempt = () => {
    if (recorded) return;
    recorded = true;
    deps.recorder.attempt(
      ctx,
      1,
      attemptOf(readingOf(reading), Math.round(performance.now() - asked.started)),
    );
  };
  const stream = relaySse({
    reading,
    format: req.format,
    call,
    beforeEnd:
      req.mode === "sync"
        ? async (held) => {
            recordAttempt();
            const result = await confessAndAlert(deps, ctx, req, 1, readingOf(reading), ctx.clientSignal);
            return req.format.confessionEvent(toWireConfession(result), reading.first, reading.events, held);
          }
        : undefined,
    onEnd: (how, message) => {
      recordAttempt();
      const ok = how === "complete";
      finish(deps, ctx, req, {
        httpStatus: 200,
        outcome: STREAM_OUTCOMES[how],
        error: message,
        attempts: 1,
        chosenAttempt: ok ? 1 : null,
      });
      if (ok && req.mode === "async") {
        deps.confessions.background(() => confessAndAlert(deps, ctx, req, 1, readingOf(reading)));
      }
    },
  });
  return new Response(stream, {
    status: 200,
    headers: { ...SSE_HEADERS, ...asked.headers, ...requestIdHeaders(ctx) },
  });
}
