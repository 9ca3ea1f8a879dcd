import type { ConfessResult } from "../confess.ts";
import type { SseEvent } from "../sse-parser.ts";
import type { AnswerReading, ApiFormat } from "./api-format.ts";
import type { Asked } from "./ask-upstream.ts";
import {
  alert,
  answerOf,
  ask,
  attemptOf,
  type CompletionRequest,
  clientGone,
  finish,
  jsonWithConfession,
  messagesOf,
  type ProxyDeps,
  readingOf,
  refuse,
  SSE_HEADERS,
  STREAM_OUTCOMES,
} from "./completion-steps.ts";
import type { RequestContext } from "./monitor-recorder.ts";
import { requestIdHeaders } from "./monitor-recorder.ts";
import { type SseReading, type StreamEnd, serializeSse } from "./sse-relay.ts";
import { toWireConfession } from "./wire-confession.ts";

/** One answer of reject mode, with what is needed to send it. */
interface Candidate {
  index: number;
  result: ConfessResult;
  json?: Extract<Asked, { kind: "json" }>;
  /** A streamed answer, buffered: its events as SSE text (without `[DONE]`), to replay. */
  sse?: {
    text: string;
    first: string | null;
    events: number;
    done: boolean;
    /** The held final event (Responses), which carries the confession when it is replayed. */
    held?: SseEvent;
    headers: Record<string, string>;
  };
}

/**
 * Reject mode: asks for up to `maxAttempts` answers, one after another, confessing about each; the first whose
 * confession passes is sent, or else the best by grade, marked flagged. A streaming client's answers are read
 * whole from the upstream's streams and the chosen one is replayed as a stream, so the client waits for all
 * the attempts it takes. An upstream failure on the first answer is sent as the failure; on a later one the
 * answers so far are chosen from.
 *
 * @example
 * if (req.mode === "reject") return rejectionSample(deps, ctx, req);
 */
export async function rejectionSample(
  deps: ProxyDeps,
  ctx: RequestContext,
  req: CompletionRequest,
): Promise<Response> {
  const candidates: Candidate[] = [];
  let note: string | undefined;
  for (let index = 1; index <= deps.maxAttempts; index++) {
    const asked = await ask(deps, ctx, req);
    let reading: AnswerReading;
    const candidate: Omit<Candidate, "result"> = { index };
    if (asked.kind === "failed") {
      if (candidates.length === 0 || asked.outcome === "client_disconnected") {
        return refuse(deps, ctx, req, asked, candidates.length);
      }
      note = `answer ${index}: ${asked.error}`;
      break;
    }
    if (asked.kind === "sse") {
      const buffered = await bufferSse(asked.reading, req.format);
      deps.recorder.attempt(
        ctx,
        index,
        attemptOf(readingOf(asked.reading), Math.round(performance.now() - asked.started)),
      );
      if (buffered.end !== "complete") {
        const failure = streamFailure(buffered.end, buffered.message);
        if (candidates.length === 0 || failure.outcome === "client_disconnected") {
          return refuse(deps, ctx, req, failure, candidates.length + 1);
        }
        note = `answer ${index}: ${failure.error}`;
        break;
      }
      reading = readingOf(asked.reading);
      candidate.sse = {
        ...buffered,
        first: asked.reading.first,
        events: asked.reading.events,
        headers: asked.headers,
      };
    } else {
      deps.recorder.attempt(ctx, index, attemptOf(asked.reading, asked.latencyMs));
      reading = asked.reading;
      candidate.json = asked;
    }
    let result: ConfessResult;
    try {
      result = await deps.confessions.run(
        ctx,
        index,
        req.model,
        messagesOf(req),
        answerOf(reading),
        ctx.clientSignal,
      );
    } catch {
      return clientGone(deps, ctx, req, index);
    }
    candidates.push({ ...candidate, result });
    if (result.passed === true) break;
  }

  const chosen = candidates.find((c) => c.result.passed === true) ?? best(candidates);
  const nonePassed = chosen.result.passed !== true;
  const wire = toWireConfession(chosen.result, {
    attempt: chosen.index,
    attempts: candidates.length,
    ...(nonePassed
      ? {
          flagged: true,
          reasons: [
            `no answer passed in ${candidates.length} attempt${candidates.length === 1 ? "" : "s"}; this is the best by grade`,
          ],
        }
      : {}),
  });
  if (wire.flagged) alert(deps, ctx, req, chosen.index, wire);
  finish(deps, ctx, req, {
    httpStatus: 200,
    outcome: "ok",
    error: note,
    attempts: candidates.length,
    chosenAttempt: chosen.index,
  });
  if (chosen.json)
    return jsonWithConfession(deps, ctx, req, chosen.json, { ...chosen.result, flagged: wire.flagged }, wire);
  // biome-ignore lint/style/noNonNullAssertion: a candidate has either a JSON answer or a buffered stream.
  const sse = chosen.sse!;
  const text =
    sse.text +
    req.format.confessionEvent(wire, sse.first, sse.events, sse.held) +
    (sse.done ? "data: [DONE]\n\n" : "");
  return new Response(text, {
    status: 200,
    headers: { ...SSE_HEADERS, ...sse.headers, ...requestIdHeaders(ctx) },
  });
}

/** The best answer when none passed: the highest grade; a confession without a grade counts lowest. */
function best(candidates: Candidate[]): Candidate {
  // biome-ignore lint/style/noNonNullAssertion: reject mode returns early when there is no answer at all.
  let top = candidates[0]!;
  for (const c of candidates) if ((c.result.grade ?? 0) > (top.result.grade ?? 0)) top = c;
  return top;
}

async function bufferSse(
  reading: SseReading,
  format: ApiFormat,
): Promise<{ end: StreamEnd; message: string | undefined; text: string; done: boolean; held?: SseEvent }> {
  let text = "";
  let done = false;
  let held: SseEvent | undefined;
  for (;;) {
    const step = await reading.next();
    for (const event of step.events) {
      if (event.data === "[DONE]") done = true;
      else if (format.isFinalEvent(event)) held = event;
      else text += serializeSse(event);
    }
    if (step.end) return { end: step.end, message: step.message, text, done, ...(held ? { held } : {}) };
  }
}

function streamFailure(end: StreamEnd, message: string | undefined): Extract<Asked, { kind: "failed" }> {
  const error = message ?? end;
  const [httpStatus, code] =
    end === "timeout"
      ? [504, "upstream_timeout"]
      : end === "client_gone"
        ? [499, "client_closed_request"]
        : [502, "upstream_stream_cut"];
  return {
    kind: "failed",
    httpStatus,
    outcome: STREAM_OUTCOMES[end],
    error,
    body: { error: { message: error, type: "upstream_error", param: null, code } },
    headers: {},
  };
}
