import { createSseParser, type SseEvent } from "../sse-parser.ts";
import type { ApiFormat, StreamAccumulator } from "./api-format.ts";
import type { UpstreamCall } from "./upstream-call.ts";

/**
 * How an upstream stream ended: `complete` (its proper end), `upstream_error` (an error event inside it),
 * `cut` (the connection ended or broke before the end), `timeout` (no chunk within the timeout),
 * `client_gone` (the client closed its connection, so the upstream request was cancelled).
 */
export type StreamEnd = "complete" | "upstream_error" | "cut" | "timeout" | "client_gone";

/** An upstream SSE body being read: the answer collected so far and what the relay needs to add events. */
export interface SseReading {
  next(): Promise<SseStep>;
  readonly accumulator: StreamAccumulator;
  /** The first event's data (chat: the chunk that names the completion's id). */
  readonly first: string | null;
  /** Events read so far. */
  readonly events: number;
}

export type SseStep =
  | { end?: undefined; bytes: Uint8Array; events: SseEvent[] }
  | { end: StreamEnd; message: string | undefined; events: SseEvent[] };

const DONE = "[DONE]";
const encoder = new TextEncoder();

/**
 * Reads an upstream event stream chunk by chunk, feeding every event to the API's accumulator and keeping
 * the call's timeout alive while chunks arrive.
 *
 * @example
 * const reading = readSse(call, upstreamResponse, CHAT_FORMAT);
 * for (let step = await reading.next(); !step.end; step = await reading.next()) forward(step.bytes);
 */
export function readSse(call: UpstreamCall, body: AsyncIterable<Uint8Array>, format: ApiFormat): SseReading {
  const chunks = body[Symbol.asyncIterator]();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  const accumulator = format.accumulator();
  let first: string | null = null;
  let count = 0;
  const take = (events: SseEvent[]) => {
    for (const event of events) {
      if (first === null) first = event.data;
      count += 1;
      accumulator.push(event.data);
    }
    return events;
  };
  return {
    async next() {
      let chunk: IteratorResult<Uint8Array>;
      try {
        chunk = await chunks.next();
      } catch {
        call.finish();
        const end = call.stopped ?? "cut";
        return { end, message: endMessage(end, accumulator), events: [] };
      }
      if (!chunk.done) {
        call.touch();
        return {
          bytes: chunk.value,
          events: take(parser.feed(decoder.decode(chunk.value, { stream: true }))),
        };
      }
      call.finish();
      const events = take([...parser.feed(decoder.decode()), ...parser.flush()]);
      // a body that ended cleanly after the answer's finish reason is complete, even without `[DONE]`
      // (some servers leave it out); one that ended before any finish reason was cut off
      const end: StreamEnd =
        accumulator.error !== null
          ? "upstream_error"
          : accumulator.done || accumulator.finishReason !== null
            ? "complete"
            : "cut";
      return { end, message: endMessage(end, accumulator), events };
    },
    accumulator,
    get first() {
      return first;
    },
    get events() {
      return count;
    },
  };
}

function endMessage(end: StreamEnd, accumulator: StreamAccumulator): string | undefined {
  switch (end) {
    case "complete":
      return undefined;
    case "upstream_error":
      return `the upstream reported an error in the stream: ${accumulator.error}`;
    case "cut":
      return "the upstream stream ended before it was complete";
    case "timeout":
      return "the upstream stream stalled: no data within the timeout";
    case "client_gone":
      return "the client closed the connection mid-stream";
  }
}

/**
 * An event as SSE text again (the parser drops only comments, ids and retry hints, which OpenAI does not use).
 *
 * @example
 * serializeSse({ event: "response.completed", data: "{}" }) // "event: response.completed\ndata: {}\n\n"
 */
export function serializeSse(event: SseEvent): string {
  const data = event.data.includes("\n") ? event.data.split("\n").join("\ndata: ") : event.data;
  return `${event.event !== undefined ? `event: ${event.event}\n` : ""}data: ${data}\n\n`;
}

export interface RelayOptions {
  reading: SseReading;
  format: ApiFormat;
  call: UpstreamCall;
  /**
   * Called once the upstream stream is complete, before the stream ends (and before `[DONE]`): returns
   * SSE text to add (sync mode's confession event), or null. While it is given, events are forwarded one
   * by one so `[DONE]` can be held back; without it the upstream's bytes pass through as they arrive.
   */
  beforeEnd?: ((held: SseEvent | undefined) => Promise<string | null>) | undefined;
  /** Called exactly once, when the client's stream is over (or the client went away). */
  onEnd: (end: StreamEnd, message: string | undefined) => void;
}

/**
 * The client's side of a streamed answer: the upstream's events as they arrive (pulled, so a slow client
 * slows the upstream read instead of filling memory). A stream the upstream broke off or let stall ends
 * with the API's error event, which clients raise, rather than passing as a short answer. A client that
 * goes away cancels the upstream request.
 *
 * @example
 * return new Response(relaySse({ reading, format, call, onEnd: record }), { headers: SSE_HEADERS });
 */
export function relaySse(options: RelayOptions): ReadableStream<Uint8Array> {
  const { reading, format, call, beforeEnd } = options;
  let ended = false;
  // held back in sync mode, so the confession goes before it; streams without it (Responses) end without it
  let heldDone = false;
  // the final event of a Responses stream, held back so the confession can ride on it
  let heldFinal: SseEvent | undefined;
  // pass-through mode forwards the upstream's bytes unchanged, but only up to the last complete event: a
  // half-written event is held until the rest arrives, so a stream cut mid-event never reaches the client
  // as a broken event before the error event
  let tail: Uint8Array = new Uint8Array(0);
  const wholeEvents = (bytes: Uint8Array): Uint8Array => {
    const all = tail.length === 0 ? bytes : concat(tail, bytes);
    const cut = lastEventEnd(all);
    tail = all.subarray(cut);
    return all.subarray(0, cut);
  };
  const end = (how: StreamEnd, message: string | undefined) => {
    if (ended) return;
    ended = true;
    options.onEnd(how, message);
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const step = await reading.next();
        if (ended) return; // cancelled while waiting: the client is gone
        let text = "";
        if (beforeEnd) {
          for (const event of step.events) {
            if (event.data === DONE) heldDone = true;
            else if (format.isFinalEvent(event)) heldFinal = event;
            else text += serializeSse(event);
          }
        }
        if (!step.end) {
          if (!beforeEnd) {
            const whole = wholeEvents(step.bytes);
            if (whole.length > 0) controller.enqueue(whole);
          } else if (text !== "") controller.enqueue(encoder.encode(text));
          return;
        }
        let how = step.end;
        let message = step.message;
        if (how === "complete" && beforeEnd) {
          try {
            text += (await beforeEnd(heldFinal)) ?? (heldFinal ? serializeSse(heldFinal) : "");
          } catch {
            how = "client_gone";
            message = "the client closed the connection while the confession was being written";
          }
          if (how === "complete" && heldDone) text += `data: ${DONE}\n\n`;
        } else if (how === "cut" || how === "timeout") {
          // a half-written event is dropped (it was never forwarded), so the error event stands alone
          tail = new Uint8Array(0);
          text += format.errorEvent(
            message ?? how,
            how === "cut" ? "upstream_stream_cut" : "upstream_timeout",
            reading.events,
          );
        }
        try {
          // a complete stream may end without a final blank line: what is held goes out as it came
          if (tail.length > 0) controller.enqueue(tail);
          if (text !== "") controller.enqueue(encoder.encode(text));
          controller.close();
        } catch {
          // the client is gone already: nothing to write to
        }
        end(how, message);
      },
      cancel() {
        call.stop("client_gone");
        call.finish();
        end("client_gone", "the client closed the connection mid-stream");
      },
    },
    { highWaterMark: 0 },
  );
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** The index just past the last blank line ("\n\n" or "\r\n\r\n") in `bytes`, or 0 when there is none. */
function lastEventEnd(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 1; i--) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i - 1] === 0x0a) return i + 1;
    if (bytes[i - 1] === 0x0d && i >= 3 && bytes[i - 2] === 0x0a && bytes[i - 3] === 0x0d) return i + 1;
  }
  return 0;
}
